"""The org as columns: per declaration kind, one list per field, aligned by row, rows in file order.

This is what checks look at first. A column holds strings as they were
written (a repeating key's values joined by ", ", "" when absent), so that
a check can ask a whole column a question in one C-level step (a set
inclusion, a count) and only loop, over the few rows concerned, when
something can fire. Role facts (level, rank, layer and where each came
from) are one shared dict per distinct title, not one per role.

The public model (:class:`orgmodel.model.Org` and its frozen classes) is
built from the columns only when someone asks for it (:meth:`OrgColumns.org`):
the renderer, stats, diff, export, and checks that do fire.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

from orgmodel import attributes
from orgmodel.dsl.grammar import KINDS
from orgmodel.patterns import compiled

if TYPE_CHECKING:
    from orgmodel.dsl.fast import Scan
    from orgmodel.model import Entity, Org, Value

# The model fields a role's facts set (level, rank, layer, ... and where each came from).
ROLE_FACTS = ("level", "level_origin", "level_words", "rank", "rank_max", "layer", "layer_origin", "layer_words",
              "title_channels")
KPI_FACTS = ("scope", "scope_origin", "scope_words")
_LINE = compiled(r"\n  ([a-z-]+) ([^\n]*)")
# The org line's number when the fast path read it: found when first asked.
FAST_ORG_LINE = -1


class Table:
    """One declaration kind's rows as columns.

    ``values[key]`` is the raw column of a language key (``reports-to``);
    roles also have ``persons`` (None when unnamed or vacant) and ``vacant``.
    Rows read by the general parser keep the entity it built (``entities``),
    whose positions are exact; rows of the fast path keep their attribute
    place in the text (``starts``), where their attribute lines and the
    positions of their values are found again on demand.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.keys: Sequence[str] = []  # model keys: the ID, or ``ID.2`` for a second declaration
        self.texts: Sequence[str] = []  # title or name
        self.values: dict[str, Sequence[str]] = {key: [] for key in KINDS[kind].keys}
        # Roles: the person and vacant columns as read; ``persons`` and ``vacant`` are made from them when asked.
        self.person_raw: Sequence[str] = ()
        self.vacant_raw: Sequence[str] = ()
        self._persons: list[str | None] | None = None
        self._vacant: list[bool] | None = None
        # Facts (roles: ROLE_FACTS, KPIs: KPI_FACTS) are read once per distinct title and lines
        # (a role's level and layer as written, a KPI's scope): ``facts_of[fact_ids[row]]``.
        self.fact_ids: Sequence[int] = []
        self.distinct_texts: set[str] | None = None  # roles: the titles, once facts were read
        self.facts_of: list[Mapping[str, Any]] = []
        self.entities: list[Entity | None] = []
        self.starts: list[int] = []  # where each fast row's match starts in the text (-1: the general reader's)
        self.lines: list[int] = []  # the declaration's line (its ID's)
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def persons(self) -> list[str | None]:
        """Each role's person, None when unnamed or vacant."""
        if self._persons is None:
            self._persons = [person or None for person in self.person_raw]
        return self._persons

    @property
    def vacant(self) -> list[bool]:
        """Whether each role is vacant."""
        if self._vacant is None:
            self._vacant = list(map(bool, self.vacant_raw))
        return self._vacant

    @property
    def vacancies(self) -> Sequence[object]:
        """Something true for each vacant role, false for others (the raw column while it serves)."""
        return self._vacant if self._vacant is not None else self.vacant_raw

    def index(self) -> dict[str, int]:
        """The row of each key (made once; call ``keys_changed`` after changing keys)."""
        if self._index is None:
            self._index = dict(zip(self.keys, range(len(self.keys)), strict=True))
        return self._index

    def keys_changed(self) -> None:
        self._index = None

    def column(self, key: str) -> Sequence[str]:
        """The raw column of a language key (``reports-to``), ``""`` where absent."""
        return self.values[key]

    def facts(self, row: int) -> Mapping[str, Any]:
        return self.facts_of[self.fact_ids[row]]


def split(raw: str) -> list[str]:
    """The values of a raw cell: ``"a, b"`` -> ``["a", "b"]``, ``""`` -> ``[]``."""
    return raw.split(", ") if raw else []


def distinct_values(column: Iterable[str]) -> set[str]:
    """Every value named anywhere in a raw column (C-level loops: a set, then the few lists split)."""
    found = set(column)
    lists = [raw for raw in found if ", " in raw]
    if lists:
        found.difference_update(lists)
        found.update(", ".join(lists).split(", "))
    found.discard("")
    return found


class ProbeValue:
    """A value of a :class:`Probe`: its text (positions are 0)."""

    __slots__ = ("text",)
    line = column = end_column = 0

    def __init__(self, text: str) -> None:
        self.text = text


class Probe:
    """A row with its entity's fields, for screens (see ``OrgColumns.probe``)."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)


class OrgColumns:
    """A whole org file as columns, with what the public model needs besides.

    ``text`` is the file's text with a newline in front, as the fast path read it.
    """

    def __init__(self, path: str, scanned: Scan, tables: Mapping[str, Table], name: str | None,
                 name_line: int | None, duplicates: frozenset[str]) -> None:
        self.path = path
        self.scanned = scanned
        self.tables = tables
        self.name = name
        self._name_line = name_line
        self.duplicates = duplicates
        self._org: Org | None = None
        self.cache: dict[str, object] = {}  # answers that several checks' screens share

    @property
    def name_line(self) -> int | None:
        """The org line's number, or None without one."""
        if self._name_line == FAST_ORG_LINE:
            self._name_line = self.scanned.lines("org")[0]
        return self._name_line

    def tally(self, kind: str, key: str) -> Counter[str]:
        """How many rows hold each raw cell of a column (``"a, b"`` is one cell; ``""`` counts the rows without)."""
        name = f"tally {kind} {key}"
        if name not in self.cache:
            self.cache[name] = Counter(self.tables[kind].values[key])
        return self.cache[name]  # type: ignore[return-value]

    def distinct(self, kind: str, key: str) -> set[str]:
        """Every value named anywhere in a column (lists split)."""
        name = f"distinct {kind} {key}"
        if name not in self.cache:
            tally = self.cache.get(f"tally {kind} {key}")
            cells: Iterable[str] = tally if isinstance(tally, Counter) else filter(None, self.tables[kind].values[key])
            self.cache[name] = distinct_values(cells)
        return self.cache[name]  # type: ignore[return-value]

    def lines(self, kind: str) -> list[int]:
        """The line of each row of ``kind`` (its ID's line), found when first asked."""
        table = self.tables[kind]
        if len(table) and not table.lines:
            table.lines = self.scanned.lines(kind)  # every row was read by the fast path
        return table.lines

    def starts(self, kind: str) -> list[int]:
        """Where each row of ``kind`` starts in the text (-1 for the general reader's), found when first asked."""
        table = self.tables[kind]
        if len(table) and not table.starts:
            table.starts = self.scanned.starts(kind)  # every row was read by the fast path
        return table.starts

    def section(self, kind: str, row: int) -> str:
        """A fast row's attribute lines as written (each begins with a line end)."""
        from orgmodel.dsl.fast import section

        return section(self.scanned.text, self.starts(kind)[row])

    @property
    def roles(self) -> Table:
        return self.tables["role"]

    def org(self) -> Org:
        """The public model, built on first use and kept."""
        if self._org is None:
            self._org = _build_org(self)
        return self._org

    def probe(self, kind: str, row: int) -> Entity:
        """One row as its entity, for a screen to question: its values are right, its positions are not.

        Rows the general reader read are their entities; others are a :class:`Probe`,
        which needs none of the model's classes.
        """
        table = self.tables[kind]
        made = table.entities[row]
        if made is not None:
            return made
        fields: dict[str, Any] = {"id": table.keys[row], "line": 0, "column": 0}
        fields["title" if kind == "role" else "name"] = table.texts[row]
        for key, spec in KINDS[kind].keys.items():
            raw, field = table.values[key][row], attributes.field(key)
            if key == "person":
                fields.update(person=table.persons[row], vacant=table.vacant[row])
            elif spec.repeats:
                fields[field] = tuple(ProbeValue(text) for text in split(raw))
            elif spec.value == "ref":
                fields[field] = ProbeValue(raw) if raw else None
            elif spec.value not in ("level", "layer", "scope"):
                fields[field] = raw or None
        if table.fact_ids:
            fields.update(table.facts(row))
        return Probe(fields)  # type: ignore[return-value]

    def position(self, kind: str, row: int, key: str, nth: int = 0) -> tuple[int, int, int]:
        """``(line, column, end_column)`` of the ``nth`` value of ``key`` in a row."""
        value = self.value_at(kind, row, key, nth)
        return value.line, value.column, value.end_column

    def value_at(self, kind: str, row: int, key: str, nth: int = 0) -> Value:
        table = self.tables[kind]
        entity = table.entities[row]
        if entity is not None:
            from orgmodel.model import values

            return values(entity, key)[nth]  # type: ignore[return-value]
        return _section_values(kind, self.section(kind, row), self.lines(kind)[row])[key][nth]


def _section_values(kind: str, section: str, line: int) -> dict[str, list[Value]]:
    """The Values of a fast row's attribute lines, with their positions: ``  key a, b`` on its line."""
    from orgmodel.model import Value

    found: dict[str, list[Value]] = {}
    repeats = _REPEATS[kind]
    for key, raw in _LINE.findall(section):
        line += 1
        column = len(key) + 4  # two spaces, the key, a space; 1-based
        if key in repeats and ", " in raw:
            items = []
            for text in raw.split(", "):
                items.append(Value(text, line, column, column + len(text)))
                column += len(text) + 2
        else:
            items = [Value(raw, line, column, column + len(raw))]
        found[key] = items
    return found


def _entity(columns: OrgColumns, table: Table, row: int, line: int) -> Entity:
    """The model entity of one row."""
    from orgmodel.model import ENTITY_CLASSES

    made = table.entities[row]
    if made is not None:
        return made
    kind = table.kind
    fields: dict[str, Any] = {"id": table.keys[row], "line": line, "column": len(kind) + 2}
    fields["title" if kind == "role" else "name"] = table.texts[row]
    shapes = _FIELD_SHAPES[kind]
    for key, found in _section_values(kind, columns.section(kind, row), line).items():
        field, shape = shapes[key]
        if shape == "values":
            fields[field] = tuple(found)
        elif shape == "value":  # team: a Value
            fields[field] = found[0]
        elif shape == "string":
            fields[field] = found[0].text[1:-1]
        elif shape == "text":
            fields[field] = found[0].text
    if kind == "role":
        fields["person"] = table.persons[row]
        fields["vacant"] = table.vacant[row]
    if table.fact_ids:
        fields.update(table.facts_of[table.fact_ids[row]])
    return ENTITY_CLASSES[kind](**fields)


def _field_shape(key: str, repeats: bool, value: str) -> str:
    """How a key's values become its model field: "values" (a tuple of Values), "value" (a reference),
    "string" (the quotes taken off), "text", or "skip" (person: from the person column)."""
    if repeats:
        return "values"
    if value == "ref":
        return "value"
    if key == "person":
        return "skip"
    return "string" if value == "string" else "text"


# kind -> key -> (model field, shape): worked out once, not per row.
_FIELD_SHAPES = {kind: {key: (attributes.field(key), _field_shape(key, spec.repeats, spec.value))
                        for key, spec in grammar.keys.items()} for kind, grammar in KINDS.items()}
# kind -> its keys that take a list
_REPEATS = {kind: frozenset(key for key, (_, shape) in shapes.items() if shape == "values")
            for kind, shapes in _FIELD_SHAPES.items()}


def entities(columns: OrgColumns, kind: str) -> Iterator[Entity]:
    table = columns.tables[kind]
    return map(_entity, repeat(columns), repeat(table), range(len(table)), columns.lines(kind))


def _build_org(columns: OrgColumns) -> Org:
    from orgmodel.model import ENTITY_FIELDS, Org

    mappings: dict[str, Any] = {ENTITY_FIELDS[kind]: {entity.id: entity for entity in entities(columns, kind)}
                for kind in columns.tables}
    return Org(path=columns.path, name=columns.name, name_line=columns.name_line, duplicates=columns.duplicates,
               **mappings)
