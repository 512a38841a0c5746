"""referenced-level: the roles an attribute points at are at one of the given levels.

LEAD001 (a Lead's manager is a Manager) and CAMP002 (a campaign's lead is a Lead).
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params, named_roles
from orgmodel.model import Org, Role
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    levels = params["levels"]
    for entity, value, target in named_roles(org, params["entity"], params["attribute"]):
        if target.level in levels:
            continue
        if isinstance(entity, Role) and not role_filter.matches(entity, params["where"], vocabulary):
            continue
        yield Hit(entity.id, value.line, value.column, value.end_column,
                  fields={"target": target.id, "target_level": target.level, "levels": " or ".join(levels)})


KIND = CheckKind(
    name="referenced-level",
    run=check,
    summary="Roles named by an attribute are at one of the given levels.",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("str", required=True, help="an attribute that names roles"),
        "levels": Param("words", required=True, help="levels the named roles must have"),
        "where": Param("where", {}, help="only roles matching this filter"),
    },
    cases={"default": ("target", "target_level", "levels")},
)
