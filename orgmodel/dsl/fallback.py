"""The general path inside the columnar reader: gaps, duplicate IDs and dangling references.

The fast path leaves three things to the general parser and reader
(:mod:`orgmodel.dsl.parser`, :mod:`orgmodel.dsl.build`), whose code decides
them here exactly as it does for a whole file:

- the gaps: declarations not in the common layout, parsed and read one by one
  with their true line numbers;
- duplicate IDs (REF001): when the file has any, every declaration passes
  through the reader's ``key_for`` in file order, so keys (``ID.2``) and
  messages are the reader's;
- references that name no declaration of the kind they expect (REF002):
  found as a set difference over whole columns, then, only if there is one,
  handed to the reader's ``resolve`` in file order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from orgmodel.columns import OrgColumns, Table, split
from orgmodel.dsl import fast
from orgmodel.dsl.grammar import KINDS
from orgmodel.dsl.syntax import Comment, Declaration, Document, Problem, Token
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.dsl.build import _Reader
    from orgmodel.dsl.parser import Reading
    from orgmodel.model import Entity, Value

# The general parser and reader (and the model their entities are made of) are imported only when
# a file needs them: most files have no gap, no duplicate ID and no dangling reference.

# (kind, key, target kind) of every key that names declarations.
REFERENCES = tuple((kind, key, spec.target) for kind, kinds in KINDS.items()
                   for key, spec in kinds.keys.items() if spec.value == "ref" and spec.target)


class General:
    """The general parser's reading of the gaps, and the general reader's state for the whole file."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.declarations: list[Declaration] = []
        self.complete = False  # the reader has seen every declaration (the file has duplicate IDs)
        self.line_count = 0
        self.lookalikes: list[Problem] = []  # REF003, found over every row

    @functools.cached_property
    def reading(self) -> Reading:
        from orgmodel.dsl.parser import Reading

        return Reading()

    @functools.cached_property
    def reader(self) -> _Reader:
        from orgmodel.dsl.build import _Reader

        return _Reader(self.vocabulary)

    def document(self, comments: list[Comment], rows: int) -> Document:
        """The syntax tree without declarations: comments (the fast path's ``comments`` too), problems,
        suppressions, the line count and the declaration lines (``rows`` of them read by the fast path)."""
        if "reading" not in self.__dict__:
            return Document((), tuple(comments), (), self.line_count, (), rows)
        self.reading.line_count = self.line_count
        self.reading.declaration_lines += rows
        if comments:
            self.reading.comments = sorted([*self.reading.comments, *comments], key=lambda comment: comment.line)
        document: Document = self.reading.document()
        return document

    def problems(self) -> list[Problem]:
        """The parser's problems, then the reader's, in the order the general path gives them."""
        found = list(self.reading.problems) if "reading" in self.__dict__ else []
        return found + (self.reader.problems if "reader" in self.__dict__ else []) + self.lookalikes

    def read_gaps(self, scanned: fast.Scan) -> None:
        """Parse every gap the fast path left, in file order, with its true line numbers."""
        if not scanned.gaps:
            return
        from orgmodel.dsl.parser import read_declarations

        text, line, at = scanned.text, 0, 0
        for start, end in scanned.gaps:
            line += text.count("\n", at, start + 1)
            at = start + 1
            self.declarations.extend(read_declarations(text[start + 1:end], self.reading, line))

    def finish(self, scanned: fast.Scan, tables: dict[str, Table]) -> frozenset[str]:
        """Read the gaps' declarations into ``tables`` (in file order) and give every row its model key.

        Returns the keys of second declarations (``ID.2``).
        """
        self.line_count = scanned.line_ends
        orgs = scanned.count("org") + sum(1 for d in self.declarations if d.kind.text == "org")
        if orgs <= 1 and _unique(tables, [d.id.text for d in self.declarations if d.id is not None]):
            for declaration in self.declarations:
                self.reader.declaration(declaration)
        else:
            self._in_file_order(scanned, tables)
        if not self.declarations and "reader" not in self.__dict__:
            return frozenset()
        if self.declarations:
            _merge(scanned, tables, self.reader.entities)
        return frozenset(self.reader.duplicates)

    def org_line(self) -> tuple[str | None, int | None]:
        """The org's name and line when the general reader read the org line."""
        if "reader" not in self.__dict__:
            return None, None
        return self.reader.org_name, self.reader.org_line

    def _in_file_order(self, scanned: fast.Scan, tables: dict[str, Table]) -> None:
        """Every declaration through the reader in file order: the first of an ID keeps it, others get ``ID.N``."""
        from orgmodel.model import ENTITY_FIELDS

        order: list[tuple[int, int, Any]] = [(d.kind.line, d.kind.column, d) for d in self.declarations]
        for kind in scanned.columns:
            lines = scanned.lines(kind)
            order.extend((line, 0, (kind, row)) for row, line in enumerate(lines))
        order.sort(key=lambda item: (item[0], item[1]))
        reader = self.reader
        self.complete = True
        for line, _, item in order:
            if isinstance(item, Declaration):
                reader.declaration(item)
                continue
            kind, row = item
            if kind == "org":
                name = scanned.columns["org"][1][row]
                reader.declaration(Declaration(Token("word", "org", line, 1, 4), None,
                                               Token("string", name, line, 5, 7 + len(name)), ()))
                continue
            table = tables[kind]
            written = table.keys[row]
            column = len(kind) + 2
            key = reader.key_for(kind, written, Token("word", written, line, column, column + len(written)))
            reader.entities[ENTITY_FIELDS[kind]][key] = None  # taken: the next duplicate is numbered past it
            if key != written:
                if not isinstance(table.keys, list):
                    table.keys = list(table.keys)
                table.keys[row] = key
                table.keys_changed()

    def resolve(self, columns: OrgColumns) -> None:
        """REF002 for each reference that names no declaration of its kind (when there is none, nothing runs)."""
        written_ids = _written_ids(columns)
        missing = {}
        for kind, key, target in REFERENCES:
            table = columns.tables[kind]
            if len(table):
                declared = written_ids[target]
                wrong = columns.distinct(kind, key).difference(declared)  # one C loop, a dict or a set
                if wrong:
                    missing[(kind, key)] = wrong
        if missing:
            if not self.complete:
                _name_space(self.reader, columns)
            self.reader.references = _failing(columns, missing)
            self.reader.unresolved()
        self.lookalikes = _lookalikes(columns)


def _lookalikes(columns: OrgColumns) -> list[Problem]:
    """REF003 as the general reader gives it, over every declared ID (nothing to do when all are ASCII)."""
    if all("".join(table.keys).isascii() for table in columns.tables.values()):
        return []
    from orgmodel.dsl.lookalike import problems

    declared = []
    for kind, table in columns.tables.items():
        for row, (key, line) in enumerate(zip(table.keys, columns.lines(kind), strict=True)):
            if key not in columns.duplicates:
                entity = table.entities[row]
                declared.append((line, entity.column if entity is not None else len(kind) + 2, key))
    first: dict[str, tuple[int, int]] = {}
    for line, column, key in sorted(declared):
        first.setdefault(key, (line, column))
    return problems(list(first), first.__getitem__)


def _unique(tables: dict[str, Table], more: list[str]) -> bool:
    """Whether no ID is declared twice, within a kind or across kinds (the largest kind's index is reused)."""
    largest = max(tables.values(), key=len)
    index = largest.index()
    if len(index) < len(largest):
        return False
    others = set(more)
    count = len(more)
    for table in tables.values():
        if table is not largest:
            others.update(table.keys)
            count += len(table)
    return len(others) == count and others.isdisjoint(index)


def _written_ids(columns: OrgColumns) -> dict[str, Mapping[str, object] | set[str]]:
    """The IDs declared as each kind, as written (``growth.2`` is ``growth``): each table's index when it can be."""
    found: dict[str, Mapping[str, object] | set[str]] = {kind: table.index() for kind, table in columns.tables.items()}
    if columns.duplicates:
        for kind, table in columns.tables.items():
            found[kind] = {key.rpartition(".")[0] if key in columns.duplicates else key for key in table.keys}
    return found


def _name_space(reader: _Reader, columns: OrgColumns) -> None:
    """The reader's record of which IDs are declared as which kinds, in file order, without duplicates."""
    kinds_of: dict[str, set[str]] = {}
    kind_of: dict[str, str] = {}
    for kind, table in columns.tables.items():
        for key in table.keys:
            kinds_of.setdefault(key, set()).add(kind)
            kind_of.setdefault(key, kind)
    reader.kinds_of, reader.kind_of = kinds_of, kind_of


def _failing(columns: OrgColumns, missing: dict[tuple[str, str], set[str]]) -> list[tuple[Value, str, str]]:
    """``(value, expected kind, referrer)`` of each reference to something missing, in file order."""
    found = []
    for (kind, key), wrong in missing.items():
        target = KINDS[kind].keys[key].target
        assert target is not None
        table = columns.tables[kind]
        for row, raw in enumerate(table.values[key]):
            if raw and not wrong.isdisjoint(split(raw)):
                for nth, text in enumerate(split(raw)):
                    if text in wrong:
                        found.append((columns.value_at(kind, row, key, nth), target, table.keys[row]))
    found.sort(key=lambda item: (item[0].line, item[0].column))
    return found


def _merge(scanned: fast.Scan, tables: dict[str, Table], read: dict[str, dict[str, Entity | None]]) -> None:
    """Put the entities the general reader built into their kinds' tables, in file order."""
    from orgmodel.model import ENTITY_FIELDS

    for kind, table in tables.items():
        made = [entity for entity in read[ENTITY_FIELDS[kind]].values() if entity is not None]
        fast_lines = scanned.lines(kind) if len(table) else []
        table.lines = fast_lines
        table.starts = scanned.starts(kind) if len(table) else []
        if not made:
            continue
        rows = sorted([(line, 1, row) for row, line in enumerate(fast_lines)] +
                      [(entity.line, 0, entity) for entity in made], key=lambda item: item[0])
        _rebuild(table, rows)


def _rebuild(table: Table, rows: list[tuple[int, int, Any]]) -> None:
    """``table`` with its fast rows and the general reader's entities interleaved as ``rows`` orders them."""
    old = Table(table.kind)
    old.__dict__.update(table.__dict__)
    table.__init__(table.kind)  # type: ignore[misc]
    keys: list[str] = []
    texts: list[str] = []
    starts: list[int] = []
    entities: list[Entity | None] = []
    cells: dict[str, list[str]] = {key: [] for key in old.values}
    persons: list[str | None] = []
    vacant: list[bool] = []
    role = table.kind == "role"
    for line, is_fast, item in rows:
        table.lines.append(line)
        if is_fast:
            keys.append(old.keys[item])
            texts.append(old.texts[item])
            starts.append(old.starts[item])
            entities.append(None)
            for key, column in old.values.items():
                cells[key].append(column[item])
            if role:
                persons.append(old.persons[item])
                vacant.append(old.vacant[item])
            continue
        keys.append(item.id)
        texts.append(str(getattr(item, "title", None) or getattr(item, "name", "")))
        starts.append(-1)
        entities.append(item)
        for key, raw in _raw_cells(table.kind, item):
            cells[key].append(raw)
        if role:
            persons.append(item.person)
            vacant.append(bool(item.vacant))
    table.keys, table.texts, table.starts, table.entities = keys, texts, starts, entities
    table.values.update(cells)
    if role:
        table._persons, table._vacant = persons, vacant


def _raw_cells(kind: str, entity: Entity) -> Iterator[tuple[str, str]]:
    """The raw cell of each key of an entity the general reader built, as the fast path would have it."""
    from orgmodel.model import values

    for key, spec in KINDS[kind].keys.items():
        if key == "person":
            yield key, getattr(entity, "person", None) or ""
        elif spec.value in ("level", "layer", "scope"):
            origin = getattr(entity, f"{spec.value}_origin")
            yield key, getattr(entity, spec.value) if origin == "written" else ""
        else:
            yield key, ", ".join(str(getattr(v, "text", v)) for v in values(entity, key))
