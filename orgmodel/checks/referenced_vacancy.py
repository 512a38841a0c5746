"""referenced-vacancy: an attribute does not name a vacant role (KPI003)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org, Value, values
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for entity in org.entities(params["entity"]).values():
        for value in values(entity, params["attribute"]):
            target = org.roles.get(value.text) if isinstance(value, Value) else None
            if target is not None and target.vacant:
                yield Hit(entity.id, value.line, value.column, value.end_column,
                          fields={"target": target.id})


KIND = CheckKind(
    name="referenced-vacancy",
    run=check,
    summary="Roles named by an attribute are filled, not vacant.",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("str", required=True, help="an attribute that names roles"),
    },
    cases={"default": ("target",)},
)
