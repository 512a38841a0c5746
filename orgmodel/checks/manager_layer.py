"""manager-layer: roles report (solid line) into the layer meant to oversee them (LEAD001).

A role matching ``where`` (a Lead) reports to a role matching ``manager``
(of manager rank). Reporting higher is fine where no such layer exists:
document 001 says "marketing directors are not only leaders but also
managers", so in a small team the Director is the Manager of its Leads. It
is a finding when the role above has another report of at least the
``manager`` filter's lowest level that oversees this role's peers: Leads of
the same team (when both name one) with an overlapping specialty (channel
lines and the channels titles name, when both sides have some). The role
then skips the layer its peers report to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params, assumed
from orgmodel.checks.rows import assumed as assumed_facts
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Role


def _specialties(role: Role) -> set[str]:
    return {v.text for v in role.channel} | set(role.title_channels)


def _team(role: Role) -> str | None:
    return role.team.text if role.team is not None else None


def _overseers(org: Org, params: Params, vocabulary: Vocabulary) -> dict[str, list[Role]]:
    """Roles of at least the manager filter's level, with their reports that match ``where``."""
    lowest = vocabulary.rank(params["manager"].get("min-level", vocabulary.levels[0]))
    found = {}
    for manager, reports in org.direct_reports.items():
        if vocabulary.rank(org.roles[manager].level) < lowest:
            continue
        where = params["where"]
        overseen = [org.roles[r] for r in reports if role_filter.matches(org.roles[r], where, vocabulary, org)]
        if overseen:
            found[manager] = overseen
    return found


def _peers(role: Role, overseer: Role, overseen: list[Role]) -> bool:
    """Whether ``overseer``'s Leads are ``role``'s peers: same team, overlapping specialty."""
    if _team(role) is not None and _team(overseer) is not None and _team(role) != _team(overseer):
        return False
    mine = _specialties(role)
    theirs = _specialties(overseer).union(*(_specialties(r) for r in overseen))
    return not mine or not theirs or bool(mine & theirs)


def _above(role: Role, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether ``role`` ranks above every level the manager filter admits."""
    admitted = [vocabulary.rank(level) for level in vocabulary.levels
                if role_filter.matches(_probe(role, level), params["manager"], vocabulary)]
    return bool(admitted) and vocabulary.rank(role.level) > max(admitted)


def _probe(role: Role, level: str) -> Role:
    import attrs

    return attrs.evolve(role, level=level)


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    overseers: dict[str, list[Role]] | None = None
    wanted = role_filter.describe(params["manager"], vocabulary)
    for role in org.roles.values():
        manager = org.manager(role)
        if manager is None or role.id in org.in_cycle or assumed(manager):
            continue  # a loop is HIER001's; an assumed level is TITLE002's
        if not role_filter.matches(role, params["where"], vocabulary, org):
            continue
        if role_filter.matches(manager, params["manager"], vocabulary, org):
            continue
        line = role.reports_to[0]
        fields = {"manager": manager.id, "manager_level": manager.level, "levels": wanted}
        if not _above(manager, params, vocabulary):
            yield Hit(role.id, line.line, line.column, line.end_column, case="below", fields=fields)
            continue
        overseers = overseers if overseers is not None else _overseers(org, params, vocabulary)
        skipped = [r for r in org.direct_reports.get(manager.id, ())
                   if r != role.id and r in overseers and _peers(role, org.roles[r], overseers[r])]
        if skipped:
            yield Hit(role.id, line.line, line.column, line.end_column, case="skips",
                      fields={**fields, "skipped": skipped[0]})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a checked role's declared manager (of a read level) is outside the manager filter."""
    found = rows_of(columns)
    checked = found.matching(params["where"], vocabulary)
    if not checked:
        return False
    admitted = found.admits(params["manager"], vocabulary)
    table = found.table
    managers = set(map(found.manager_rows.__getitem__, checked))  # each manager once: many report to one
    managers.discard(-1)  # at the top, or naming no role
    return any(not admitted(row) and not assumed_facts(table.facts(row)) for row in managers)


KIND = CheckKind(
    name="manager-layer",
    run=check,
    summary="Roles report into the layer meant to oversee them, or higher where that layer does not exist.",
    params={
        "where": Param("where", required=True, help="the roles checked, e.g. { level = [\"lead\"] }"),
        "manager": Param("where", required=True, help="the layer their solid-line manager belongs to, e.g. "
                                                      "{ min-level = \"manager\", below-level = \"director\" }"),
    },
    cases={"below": ("manager", "manager_level", "levels"),
           "skips": ("manager", "manager_level", "levels", "skipped")},
    screen=screen,
)
