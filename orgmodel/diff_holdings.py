"""What changed hands in a reorg: responsibilities, KPIs, campaigns, teams and departments.

Holders of the old org are read through the role matching, so a renamed ID
hands nothing over; holders are compared as sets and listed sorted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from orgmodel.diff import Change
from orgmodel.diff_roles import Matching
from orgmodel.model import Campaign, Department, Kpi, Org, Team, Value


def changes(matching: Matching) -> Iterator[Change]:
    yield from _duties(matching)
    yield from _items(matching, "kpi", lambda org: org.kpis, lambda kpi: kpi.owner, "kpi-owner")
    yield from _items(matching, "campaign", lambda org: org.campaigns, lambda c: c.lead, "campaign-lead")
    for kind, entities in (("team", lambda org: org.teams), ("department", lambda org: org.departments)):
        yield from _groups(matching, kind, entities)
    yield from _team_heads(matching)


def _sorted(ids: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({i for i in ids if i is not None}))


def _present(matching: Matching, ids: Iterable[str]) -> tuple[str, ...]:
    """The IDs that name roles of the new org (what a chart can mark)."""
    return tuple(i for i in ids if i in matching.new.roles)


def _duties(matching: Matching) -> Iterator[Change]:
    before: dict[str, set[str | None]] = defaultdict(set)
    after: dict[str, set[str | None]] = defaultdict(set)
    for role in matching.old.roles.values():
        for value in role.owns:
            before[value.text].add(matching.now(role.id))
    for role in matching.new.roles.values():
        for value in role.owns:
            after[value.text].add(role.id)
    for duty in [*after, *(duty for duty in before if duty not in after)]:
        was, now = _sorted(before.get(duty, ())), _sorted(after.get(duty, ()))
        if was != now:
            yield Change("duty", duty, before=was, after=now, roles=_present(matching, {*was, *now}))


Item = TypeVar("Item", Kpi, Campaign)


def _items(matching: Matching, kind: str, entities: Callable[[Org], Mapping[str, Item]],
           holders: Callable[[Item], tuple[Value, ...]], handed: str) -> Iterator[Change]:
    """KPIs (by owner) or campaigns (by lead): added, removed, or held by other roles."""
    old, new = entities(matching.old), entities(matching.new)
    was: tuple[str, ...]
    for item_id, item in new.items():
        now: tuple[str, ...] = _sorted(value.text for value in holders(item))
        if item_id not in old:
            yield Change(f"{kind}-added", item_id, item.name, after=now, roles=_present(matching, now))
            continue
        was = _sorted(matching.now(value.text) for value in holders(old[item_id]))
        if was != now:
            yield Change(handed, item_id, item.name, before=was, after=now,
                         roles=_present(matching, {*was, *now}))
    for item_id, item in old.items():
        if item_id not in new:
            was = _sorted(matching.now(value.text) for value in holders(item))
            yield Change(f"{kind}-removed", item_id, item.name, before=was, roles=_present(matching, was))


def _groups(matching: Matching, kind: str, entities: Callable[[Org], Mapping[str, Team | Department]],
            ) -> Iterator[Change]:
    old, new = entities(matching.old), entities(matching.new)
    for group_id, group in new.items():
        if group_id not in old:
            yield Change(f"{kind}-added", group_id, group.name)
        elif old[group_id].name != group.name:
            yield Change(f"{kind}-name", group_id, group.name, before=old[group_id].name, after=group.name)
    for group_id, group in old.items():
        if group_id not in new:
            yield Change(f"{kind}-removed", group_id, group.name)


def heads(org: Org, now: Callable[[str], str | None] = lambda role_id: role_id) -> dict[str, set[str | None]]:
    """Team ID -> the roles that head it: its members whose solid-line manager is not in the team."""
    found: dict[str, set[str | None]] = defaultdict(set)
    for role in org.roles.values():
        team = role.team.text if role.team is not None else None
        if team is None:
            continue
        manager = org.roles.get(role.manager_id) if role.manager_id is not None else None
        if manager is None or manager.team is None or manager.team.text != team:
            found[team].add(now(role.id))
    return found


def _team_heads(matching: Matching) -> Iterator[Change]:
    """A team whose head changed, or whose head's role fell vacant (a team that lost its manager)."""
    old, new = matching.old, matching.new
    before, after = heads(old, matching.now), heads(new)
    for team, now_ids in after.items():
        if team not in old.teams or team not in new.teams:
            continue  # an added or removed team is reported as such
        was, now = _sorted(before.get(team, ())), _sorted(now_ids)
        vacated = [i for i in now if new.roles[i].vacant and not _was_vacant(matching, i)]
        if was != now or vacated:
            name = new.teams[team].name
            detail = "; ".join(f"{i} is now vacant" for i in vacated)
            yield Change("team-head", team, name, before=was, after=now, detail=detail,
                         roles=_present(matching, {*was, *now}))
    for team in before:
        if team not in after and team in new.teams:
            yield Change("team-head", team, new.teams[team].name, before=_sorted(before[team]), after=(),
                         detail="no role is in the team now", roles=_present(matching, _sorted(before[team])))


def _was_vacant(matching: Matching, new_id: str) -> bool:
    role = matching.then(new_id)
    return role is not None and role.vacant
