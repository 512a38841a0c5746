"""attribute-count: an attribute has between ``min`` and ``max`` values.

Used for "exactly one owner" (KPI001, CAMP001), "at most one solid line"
(HIER003) and "a Lead names its channel" (LEAD002, with ``where``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress
from typing import TYPE_CHECKING

from orgmodel.attributes import values
from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.dsl.grammar import KINDS
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Value


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    from orgmodel.model import Role, Value

    key, low, high = params["attribute"], params["min"], params["max"]
    for entity in org.entities(params["entity"]).values():
        if isinstance(entity, Role) and not role_filter.matches(entity, params["where"], vocabulary, org):
            continue
        found = _distinct(values(entity, key))
        count = len(found)
        if count < low:
            yield Hit(entity.id, entity.line, entity.column, case="too-few",
                      fields={"count": count, "attribute": key, "min": low})
        elif high is not None and count > high:
            extra = found[high]
            line, column = (extra.line, extra.column) if isinstance(extra, Value) else (entity.line, entity.column)
            yield Hit(entity.id, line, column, case="too-many",
                      fields={"count": count, "attribute": key, "max": high,
                              "values": ", ".join(getattr(v, "text", str(v)) for v in found)})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a checked entity can have fewer than ``min`` or more than ``max`` values."""
    kind, key, low, high = params["entity"], params["attribute"], params["min"], params["max"]
    table = columns.tables[kind]
    if not len(table) or (low <= 0 and high is None):
        return False
    if kind == "role" and params["where"]:
        rows = rows_of(columns).matching(params["where"], vocabulary)
        if not rows:
            return False
        spec = KINDS[kind].keys[key]
        if spec.repeats and not any(table.entities):  # the cells of the rows asked about, each distinct one once
            counts: Iterable[int] = map(_count, set(map(table.values[key].__getitem__, rows)))
        else:
            every = _counts(columns, kind, key)
            counts = map(every.__getitem__, rows)
        return any(count < low or (high is not None and count > high) for count in counts)
    spec = KINDS[kind].keys[key]
    if spec.repeats and not any(table.entities):  # the common case: is any cell empty, or a list?
        cells = columns.tally(kind, key)
        few = low > 1 or (low == 1 and "" in cells)
        many = high is not None and max(map(_count, cells)) > high
        return few or many
    every = _counts(columns, kind, key)
    return (low > 0 and min(every) < low) or (high is not None and max(every) > high)


def _counts(columns: OrgColumns, kind: str, key: str) -> list[int]:
    """Each row's number of values of ``key``, or (for more than one) its most: values may repeat."""

    table = columns.tables[kind]
    spec = KINDS[kind].keys[key]
    if key == "person":
        counts = [0 if person is None else 1 for person in table.persons]
    elif spec.value in ("level", "layer", "scope"):  # the fact, written or not
        fact = [0 if facts[spec.value] is None else 1 for facts in table.facts_of]
        counts = list(map(fact.__getitem__, table.fact_ids))
    elif not spec.repeats or ", " not in "\n".join(table.values[key]):
        counts = list(map(bool, table.values[key]))  # True counts as 1
    else:
        counts = list(map(_count, table.values[key]))
    if any(table.entities):  # what the general reader read: counted on its entity (an empty string is a value)
        for row in compress(range(len(table)), table.entities):
            counts[row] = len(_distinct(values(table.entities[row], key)))
    return counts


def _count(raw: str) -> int:
    """How many distinct values a cell as written holds (``ops, ops`` is one)."""
    return 0 if not raw else 1 if ", " not in raw else len(set(raw.split(", ")))


def _distinct(found: tuple[Value | str, ...]) -> tuple[Value | str, ...]:
    """Each value once (``owner ops, ops`` is one owner), keeping the first of each."""
    from orgmodel.model import Value

    seen: set[str] = set()
    kept = []
    for value in found:
        text = value.text if isinstance(value, Value) else value
        if text not in seen:
            seen.add(text)
            kept.append(value)
    return tuple(kept)


KIND = CheckKind(
    name="attribute-count",
    run=check,
    summary="An attribute of each matching declaration has between min and max distinct values.",
    params={
        "entity": Param("entity", required=True, help="declaration kind: role, kpi or campaign"),
        "attribute": Param("attribute", required=True, help="the attribute key as written, e.g. owner"),
        "min": Param("int", 0, minimum=0, help="fewest distinct values allowed"),
        "max": Param("int", None, minimum=0, help="most distinct values allowed (no limit when absent)"),
        "where": Param("where", {}, help="only roles matching this filter"),
    },
    cases={"too-few": ("count", "attribute", "min"), "too-many": ("count", "attribute", "max", "values")},
    screen=screen,
    default_messages={
        "too-few": "'{entity}' has {count} {attribute} values; give it at least {min}",
        "too-many": "'{entity}' has {count} {attribute} values ({values}); keep at most {max}",
    },
)
