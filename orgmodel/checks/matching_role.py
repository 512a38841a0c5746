"""matching-role: roles that match a filter (DIR001: a Director outside the strategic layer who manages nobody).

The filter is the whole rule: any combination of levels, layers, teams,
vacancy and whether the role manages anyone (see orgmodel.checks.where).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for role in org.roles.values():
        if role_filter.matches(role, params["where"], vocabulary, org):
            yield Hit(role.id, role.line, role.column,
                      fields={"level": role.level, "layer": role.layer or "none", "title": role.title})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    return bool(rows_of(columns).matching(params["where"], vocabulary))


KIND = CheckKind(
    name="matching-role",
    run=check,
    summary="Every role that matches a filter.",
    params={"where": Param("where", required=True, help="the roles to report")},
    cases={"default": ("level", "layer", "title")},
    screen=screen,
)
