"""Text to columns: the fast path where it can, the general parser and reader where it must.

:func:`read` gives what :func:`orgmodel.dsl.build.build` gives (every
problem, the same model), as columns. Declarations in the common layout come
from :mod:`orgmodel.dsl.fast` as rows of strings; whole-column tests then
send the few rows the general reader would have something to say about
(a vacancy word as a person, an unknown level, a key given twice) back to
it, declaration by declaration. What spans declarations (duplicate IDs,
references) is asked of the whole file at once, in C-level set operations;
only when an answer is "something is wrong" does the general reader's own
code run, over the declarations concerned, in file order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import compress
from typing import Any

from orgmodel.columns import FAST_ORG_LINE, OrgColumns, Table
from orgmodel.dsl import fast
from orgmodel.dsl.grammar import KINDS
from orgmodel.dsl.syntax import Comment, Document, Problem
from orgmodel.vocabulary import Vocabulary


def normalised(text: str) -> str:
    """The text as the general parser sees its lines: a leading BOM dropped, every line end a LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read(text: str, vocabulary: Vocabulary, path: str) -> tuple[OrgColumns, list[Problem], Document]:
    """The org of ``text`` as columns, every problem found reading it, and the syntax tree without declarations."""
    from orgmodel.dsl.fallback import General

    scanned = fast.scan(normalised(text))
    rejected = _rejected(scanned, vocabulary)
    if any(rejected.values()):
        scanned = fast.without(scanned, rejected)
    tables = {kind: _fast_table(scanned, kind) for kind in KINDS if kind != "org"}
    general = General(vocabulary)
    general.read_gaps(scanned)
    duplicates = general.finish(scanned, tables)
    _facts(tables, vocabulary)
    org_rows = scanned.columns.get("org")
    name, name_line = general.org_line()
    if name_line is None and org_rows and org_rows[1]:
        name, name_line = org_rows[1][0], FAST_ORG_LINE
    columns = OrgColumns(path, scanned, tables, name, name_line, duplicates)
    general.resolve(columns)
    comments = [Comment(text, line, 1) for line, text in fast.comments(scanned)] if "#" in scanned.text else []
    rows = sum(map(scanned.count, KINDS))
    return columns, general.problems(), general.document(comments, rows)


def _fast_table(scanned: fast.Scan, kind: str) -> Table:
    """The table of the fast path's rows of ``kind`` (lines are filled in when first needed)."""
    table = Table(kind)
    found = scanned.columns.get(kind)
    if not found or not found[0]:
        return table
    shape = fast.layout(kind)
    table.keys = found[0]
    table.texts = found[1]
    table.entities = [None] * len(found[0])
    for key, slot in shape.slots.items():
        table.values[key] = found[slot]
        if key == "person":
            table.person_raw, table.vacant_raw = found[slot], found[slot + 1]
    return table


def _rejected(scanned: fast.Scan, vocabulary: Vocabulary) -> dict[str, set[int]]:
    """Rows of the fast path that the general reader must read: it has something to say about them."""
    rejected: dict[str, set[int]] = {}
    for kind, found in scanned.columns.items():
        shape = fast.layout(kind)
        rows: set[int] = set()
        for key, slot in shape.slots.items():
            value = KINDS[kind].keys[key].value
            if value in ("level", "layer", "scope"):
                allowed = set(vocabulary.words(value))
                wrong = set(found[slot]) - allowed - {""}
                if wrong:
                    rows.update(row for row, word in enumerate(found[slot]) if word in wrong)
            elif key == "person":
                rows |= _vacancy_words(found[slot], vocabulary)
        rejected[kind] = rows
    return rejected


def _vacancy_words(persons: tuple[str, ...], vocabulary: Vocabulary) -> set[int]:
    """Rows whose person reads as a vacancy ("TBH"): SYN005 is the general reader's to report."""
    return set(vocabulary.vacant_rows(persons))


def _facts(tables: dict[str, Table], vocabulary: Vocabulary) -> None:
    """Each role's level, rank and layer, and each KPI's scope: read once per distinct title or name."""
    roles = tables["role"]
    if roles.keys:
        # Titles that read alike share a key: many distinct titles are read a few times.
        distinct = roles.distinct_texts = set(roles.texts)
        keys: Sequence[Any] = roles.texts
        if len(distinct) >= 256:
            keys = vocabulary.title_keys(roles.texts)
            distinct = set(keys)
        levels, layers = roles.values["level"], roles.values["layer"]
        rows = range(len(levels))
        written = set(compress(rows, levels)).union(compress(rows, layers))  # C loops; rows with either
        if written:
            # A role with a level or layer written is keyed by all three; the others (most) by the title alone.
            keys = list(keys)
            for row in written:
                keys[row] = (keys[row], levels[row], layers[row])
            distinct = set(keys)
        combos = (key if isinstance(key, tuple) else (key, "", "") for key in distinct)
        read = vocabulary.role_facts_of(combos)
        found: dict[Any, Mapping[str, Any]] = {combo if combo[1] or combo[2] else combo[0]: facts
                                               for combo, facts in read.items()}
        _number(roles, keys, found)
    kpis = tables["kpi"]
    if kpis.keys:
        pairs = list(zip(kpis.texts, kpis.values["scope"], strict=True))
        _number(kpis, pairs, {pair: _kpi_facts(pair, vocabulary) for pair in set(pairs)})


def _number(table: Table, keys: Sequence[Any], found: dict[Any, Mapping[str, Any]]) -> None:
    """Give each distinct facts a number, and each row the number of its facts."""
    numbers = dict(zip(found, range(len(found)), strict=True))
    table.facts_of = list(found.values())
    table.fact_ids = list(map(numbers.__getitem__, keys))


def _kpi_facts(pair: tuple[str, str], vocabulary: Vocabulary) -> dict[str, Any]:
    name, written = pair
    if written:
        return {"scope": written, "scope_origin": "written", "scope_words": ()}
    reading = vocabulary.kpi_scope(name)
    if reading.value is None:
        return {"scope": None, "scope_origin": "none", "scope_words": ()}
    return {"scope": reading.value, "scope_origin": "name", "scope_words": reading.words}
