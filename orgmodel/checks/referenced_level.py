"""referenced-level: the roles an attribute points at are at the levels a filter admits.

LEAD001 (a Lead's solid-line manager is of manager rank) and CAMP002 (a
campaign is led by a role of a rank that runs campaigns). ``target`` is a
role filter (see :mod:`orgmodel.checks.where`) the named role must match;
``where`` picks which roles' references are checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params, assumed, named_roles
from orgmodel.checks.rows import assumed as assumed_facts
from orgmodel.checks.rows import named as rows_named
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    from orgmodel.model import Role

    target_filter = params["target"]
    wanted = role_filter.describe(target_filter, vocabulary)
    for entity, value, target in named_roles(org, params["entity"], params["attribute"]):
        if assumed(target) or role_filter.matches(target, target_filter, vocabulary, org):
            continue
        if isinstance(entity, Role) and not role_filter.matches(entity, params["where"], vocabulary, org):
            continue
        yield Hit(entity.id, value.line, value.column, value.end_column,
                  fields={"target": target.id, "target_level": target.level, "levels": wanted})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a named role (of a read level) is outside the target filter."""
    found = rows_of(columns)
    named = [found.index[value] for value in rows_named(columns, params["entity"], params["attribute"])
             if value in found.index]
    if not named:
        return False
    admitted = found.admits(params["target"], vocabulary)
    return any(not admitted(row) and not assumed_facts(found.table.facts(row)) for row in named)


KIND = CheckKind(
    name="referenced-level",
    run=check,
    summary="Roles named by an attribute match a filter of levels (a rank range).",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("attribute", required=True, names="role", help="an attribute that names roles"),
        "target": Param("where", required=True, help="the filter the named roles must match, e.g. "
                                                     "{ min-level = \"manager\", below-level = \"director\" }"),
        "where": Param("where", {}, help="only roles matching this filter (when the entity is a role)"),
    },
    cases={"default": ("target", "target_level", "levels")},
    screen=screen,
)
