"""manager-rank: a role's solid-line manager ranks above it.

Ranks include the title's seniority: a Senior Brand Manager outranks a Brand
Manager, who outranks an Assistant Brand Manager.
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.finding import Severity
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for role in org.roles.values():
        manager = org.manager(role)
        if manager is None or manager.id == role.id:
            continue
        mine, theirs = role.rank, manager.rank
        if theirs > mine:
            continue
        line = role.reports_to[0]
        fields = {"manager": manager.id, "level": role.level, "manager_level": manager.level}
        if theirs < mine:
            yield Hit(role.id, line.line, line.column, line.end_column, case="lower", fields=fields)
        else:
            yield Hit(role.id, line.line, line.column, line.end_column, case="equal", fields=fields,
                      severity=Severity.parse(params["equal-severity"]))


KIND = CheckKind(
    name="manager-rank",
    run=check,
    summary="A role's solid-line manager has a higher level than the role.",
    params={"equal-severity": Param("severity", "warning", help="severity when the ranks are equal")},
    cases={"lower": ("manager", "level", "manager_level"), "equal": ("manager", "level", "manager_level")},
)
