"""reporting-cycle: following solid lines upward never comes back to the start (HIER001)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for cycle in org.cycles:
        # Report at the member declared first, so the finding is stable.
        first = min(cycle, key=lambda rid: org.roles[rid].line)
        role = org.roles[first]
        turn = cycle.index(first)
        ordered = cycle[turn:] + cycle[:turn]
        yield Hit(first, role.line, role.column,
                  fields={"cycle": " -> ".join([*ordered, first]), "length": len(cycle)})


KIND = CheckKind(
    name="reporting-cycle",
    run=check,
    summary="No chain of solid reporting lines loops back on itself.",
    cases={"default": ("cycle", "length")},
)
