"""reporting-cycle: following solid lines upward never comes back to the start (HIER001)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for cycle in org.cycles:
        # Report at the member declared first, so the finding is stable.
        first = min(cycle, key=lambda rid: org.roles[rid].line)
        role = org.roles[first]
        turn = cycle.index(first)
        ordered = cycle[turn:] + cycle[:turn]
        yield Hit(first, role.line, role.column,
                  fields={"cycle": " -> ".join([*ordered, first]), "length": len(cycle)})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether solid lines loop: not when every manager outranks its report; else walked as ``Org.cycles`` does."""
    found = rows_of(columns)
    if found.managers_outrank:
        return False
    state = [0] * found.count  # 1: on the current path, 2: done
    managers = found.manager_rows
    for start in range(found.count):
        path = []
        current = start
        while current >= 0 and not state[current]:
            state[current] = 1
            path.append(current)
            current = managers[current]
        if current >= 0 and state[current] == 1:
            return True
        for row in path:
            state[row] = 2
    return False


KIND = CheckKind(
    name="reporting-cycle",
    run=check,
    summary="No chain of solid reporting lines loops back on itself.",
    cases={"default": ("cycle", "length")},
    screen=screen,
)
