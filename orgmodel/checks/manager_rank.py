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

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params, assumed
from orgmodel.checks.rows import assumed as assumed_facts
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.finding import Severity
from orgmodel.vocabulary import MAX_STEP, RANK_STEPS, Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Role


def _rank(facts: Role | Mapping[str, Any], contributor: bool, vocabulary: Vocabulary, highest: bool = False,
          ) -> tuple[int, int]:
    """(level position, seniority step) as this rule compares them; ``highest``: the top of its range.

    ``facts`` are a role's (or its facts from the columns); ``contributor``:
    it matches the ``as-contributor`` filter.
    """
    get: Callable[[str], Any] = facts.get if isinstance(facts, Mapping) else functools.partial(getattr, facts)
    if highest and get("rank_max") is not None:
        return divmod(get("rank_max") + MAX_STEP, RANK_STEPS)[0], MAX_STEP
    step = get("rank") - vocabulary.rank(get("level")) * RANK_STEPS
    if contributor:
        return vocabulary.rank(vocabulary.levels[0]), step
    return vocabulary.rank(get("level")), step


def _case(mine: tuple[int, int], theirs: tuple[int, int], params: Params, vocabulary: Vocabulary) -> str | None:
    """"lower" or "equal" when the manager does not outrank the role, else None."""
    if theirs[0] > mine[0] or (theirs[0] == mine[0] and theirs[1] > mine[1]):
        return None
    if theirs[0] == mine[0] and params["equal-min-level"] and mine[0] < vocabulary.rank(params["equal-min-level"]):
        return None
    return "lower" if theirs[0] < mine[0] else "equal"


def _contributor(role: Role, org: Org, params: Params, vocabulary: Vocabulary) -> bool:
    return bool(params["as-contributor"]) and role_filter.matches(role, params["as-contributor"], vocabulary, org)


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for role in org.roles.values():
        manager = org.manager(role)
        if manager is None or role.id in org.in_cycle:
            continue  # a self-report or a loop is HIER001's: ranks around a loop cannot all be right
        if assumed(role) or assumed(manager):
            continue  # TITLE002 reports the assumption; a rank built on it would be a knock-on
        if params["except"] and role_filter.matches(role, params["except"], vocabulary, org):
            continue
        case = _case(_rank(role, _contributor(role, org, params, vocabulary), vocabulary),
                     _rank(manager, _contributor(manager, org, params, vocabulary), vocabulary, highest=True),
                     params, vocabulary)
        if case is None:
            continue
        line = role.reports_to[0]
        fields = {"manager": manager.id, "level": role.level, "manager_level": manager.level}
        if case == "lower":
            yield Hit(role.id, line.line, line.column, line.end_column, case="lower", fields=fields)
        else:
            yield Hit(role.id, line.line, line.column, line.end_column, case="equal", fields=fields,
                      severity=Severity.parse(params["equal-severity"]))


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a role and its manager (neither assumed, the role not excepted) can compare wrongly.

    Decided once per distinct pair of (facts, contributor) for role and
    manager, which a whole org has few of. Loops are ignored (a role in one
    may then be counted as firing, which only makes the check run).
    """
    found = rows_of(columns)
    table = found.table
    contributors = found.matching(params["as-contributor"], vocabulary) if params["as-contributor"] else []
    if found.managers_outrank and not found.managers.keys() & {table.keys[row] for row in contributors}:
        return False  # every manager outranks its reports, and none is compared as a contributor
    flags = [False] * (found.count + 1)  # the last: no manager
    for row in contributors:
        flags[row] = True
    excepted = [False] * found.count
    for row in found.matching(params["except"], vocabulary) if params["except"] else ():
        excepted[row] = True
    numbers = [*table.fact_ids, -1]  # the last: no manager
    managers = found.manager_rows
    their_numbers, their_flags = map(numbers.__getitem__, managers), map(flags.__getitem__, managers)
    # flags is one longer (its last: no manager); every row's own flag is among the first found.count.
    pairs = set(zip(table.fact_ids, flags, excepted, their_numbers, their_flags, strict=False))
    for number, contributor, skip, manager_number, manager_contributor in pairs:
        if skip or manager_number < 0:
            continue
        facts, manager = table.facts_of[number], table.facts_of[manager_number]
        if assumed_facts(facts) or assumed_facts(manager):
            continue
        if _case(_rank(facts, contributor, vocabulary), _rank(manager, manager_contributor, vocabulary, highest=True),
                 params, vocabulary):
            return True
    return False


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
    screen=screen,
)
