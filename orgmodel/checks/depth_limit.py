"""depth-limit: the solid-line tree is at most ``max`` levels deep (the top role is level 1)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    limit = params["max"]
    reports = org.direct_reports
    queue = deque((role.id, 1) for role in org.roles.values() if org.manager(role) is None)
    seen: set[str] = set()
    while queue:  # breadth first: no recursion, each role once even in a cycle
        role_id, depth = queue.popleft()
        if role_id in seen:
            continue
        seen.add(role_id)
        if depth > limit:
            role = org.roles[role_id]
            yield Hit(role_id, role.line, role.column, fields={"depth": depth, "max": limit})
            continue  # its reports are deeper still: one finding per branch
        queue.extend((child, depth + 1) for child in reports.get(role_id, ()))


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """A chain is no deeper than the org has roles."""
    return bool(len(columns.roles) > params["max"])


KIND = CheckKind(
    name="depth-limit",
    run=check,
    summary="No role sits more than max levels below the top (the top role is level 1).",
    params={"max": Param("int", required=True, minimum=1, help="the deepest level allowed")},
    cases={"default": ("depth", "max")},
    screen=screen,
)
