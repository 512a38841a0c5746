"""attribute-count: an attribute has between ``min`` and ``max`` values.

Used for "exactly one owner" (KPI001, CAMP001), "at most one solid line"
(HIER003) and "a Lead names its channel" (LEAD002, with ``where``).
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org, Role, Value, values
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
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


def _distinct(found: tuple[Value | str, ...]) -> tuple[Value | str, ...]:
    """Each value once (``owner ops, ops`` is one owner), keeping the first of each."""
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
    default_messages={
        "too-few": "'{entity}' has {count} {attribute} values; give it at least {min}",
        "too-many": "'{entity}' has {count} {attribute} values ({values}); keep at most {max}",
    },
)
