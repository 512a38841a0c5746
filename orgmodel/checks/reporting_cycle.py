"""reporting-cycle: following solid lines upward never comes back to the start."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    # Iterative walk with three colours so that a 100,000-deep chain costs
    # O(n) and no recursion. 1 = on the current path, 2 = done.
    state: dict[str, int] = {}
    for start in org.roles:
        if start in state:
            continue
        path: list[str] = []
        current: str | None = start
        while current is not None and current in org.roles and current not in state:
            state[current] = 1
            path.append(current)
            current = org.roles[current].manager_id
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current):]
            # Report at the member declared first, so the finding is stable.
            first = min(cycle, key=lambda rid: org.roles[rid].line)
            role = org.roles[first]
            turn = cycle.index(first)
            ordered = cycle[turn:] + cycle[:turn]
            yield Hit(first, role.line, role.column,
                      fields={"cycle": " -> ".join([*ordered, first]), "length": len(cycle)})
        for rid in path:
            state[rid] = 2


KIND = CheckKind(
    name="reporting-cycle",
    run=check,
    summary="No chain of solid reporting lines loops back on itself.",
    cases={"default": ("cycle", "length")},
)
