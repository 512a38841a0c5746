"""referenced-vacancy: an attribute does not name a vacant role (KPI003)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Param, Params, named_roles
from orgmodel.checks.rows import named as rows_named
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for entity, value, target in named_roles(org, params["entity"], params["attribute"]):
        if target.vacant:
            yield Hit(entity.id, value.line, value.column, value.end_column, fields={"target": target.id})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    vacant = rows_of(columns).vacant_keys
    return bool(vacant) and not vacant.isdisjoint(rows_named(columns, params["entity"], params["attribute"]))


KIND = CheckKind(
    name="referenced-vacancy",
    run=check,
    summary="Roles named by an attribute are filled, not vacant.",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("attribute", required=True, names="role", help="an attribute that names roles"),
    },
    cases={"default": ("target",)},
    screen=screen,
)
