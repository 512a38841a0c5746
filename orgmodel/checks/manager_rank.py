"""manager-rank: a role's solid-line manager ranks above it (HIER004).

Ranks are levels refined by the title's seniority: a Senior Brand Manager
outranks a Brand Manager, who outranks an Assistant Brand Manager. A report
of a higher level is the ``lower`` case; the same level with a seniority at
least the manager's is ``equal``. Roles matching ``as-contributor`` (by
default none; HIER004: Manager titles that manage nobody, such as a Product
Marketing Manager) are compared as individual contributors of their seniority.
A title that may mean a range of levels ("Head of Marketing": a director, or
higher) counts at the top of its range as a manager, at the bottom as a
report: only a certain inversion is reported. Equal ranks below
``equal-min-level`` are not reported (an Art Director over designers).
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params, assumed
from orgmodel.finding import Severity
from orgmodel.model import Org, Role
from orgmodel.vocabulary import MAX_STEP, RANK_STEPS, Vocabulary


def _rank(role: Role, org: Org, params: Params, vocabulary: Vocabulary, highest: bool = False) -> tuple[int, int]:
    """(level position, seniority step) as this rule compares them; ``highest``: the top of its range."""
    if highest and role.rank_max is not None:
        return divmod(role.rank_max + MAX_STEP, RANK_STEPS)[0], MAX_STEP
    step = role.rank - vocabulary.rank(role.level) * RANK_STEPS
    if params["as-contributor"] and role_filter.matches(role, params["as-contributor"], vocabulary, org):
        return vocabulary.rank(vocabulary.levels[0]), step
    return vocabulary.rank(role.level), step


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for role in org.roles.values():
        manager = org.manager(role)
        if manager is None or role.id in org.in_cycle:
            continue  # a self-report or a loop is HIER001's: ranks around a loop cannot all be right
        if assumed(role) or assumed(manager):
            continue  # TITLE002 reports the assumption; a rank built on it would be a knock-on
        if params["except"] and role_filter.matches(role, params["except"], vocabulary, org):
            continue
        mine, my_step = _rank(role, org, params, vocabulary)
        theirs, their_step = _rank(manager, org, params, vocabulary, highest=True)
        if theirs > mine or (theirs == mine and their_step > my_step):
            continue
        if theirs == mine and params["equal-min-level"] and mine < vocabulary.rank(params["equal-min-level"]):
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
    summary="A role's solid-line manager has a higher rank (level and title seniority) than the role.",
    params={
        "equal-severity": Param("severity", "warning", help="severity when the ranks are equal"),
        "as-contributor": Param("where", {}, help="roles compared as individual contributors of their seniority"),
        "equal-min-level": Param("level", None, help="the lowest level at which equal ranks are reported"),
        "except": Param("where", {}, help="reports another rule judges (HIER004: Leads, whose manager is LEAD001's)"),
    },
    cases={"lower": ("manager", "level", "manager_level"), "equal": ("manager", "level", "manager_level")},
)
