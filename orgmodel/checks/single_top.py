"""single-top: exactly one role has no solid-line manager (HIER002).

A role whose ``reports-to`` names nothing declared is not a second top: its
manager is outside the file, and REF002 reports the reference. With no top
at all the lines form a loop, which HIER001 reports where it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Params
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    if not org.roles:
        yield Hit(None, org.name_line or 1, 1, case="empty")
        return
    tops = [role for role in org.roles.values() if not role.reports_to]
    for role in tops[1:]:
        yield Hit(role.id, role.line, role.column, case="extra", fields={"first": tops[0].id})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether there is no role, or more than one without a ``reports-to``."""
    return not len(columns.roles) or columns.tally("role", "reports-to")[""] > 1


KIND = CheckKind(
    name="single-top",
    run=check,
    summary="Exactly one role is at the top of the solid-line tree.",
    cases={"empty": (), "extra": ("first",)},
    screen=screen,
)
