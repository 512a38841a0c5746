"""Role changes of a reorg: which role is which, then moves, details, people and spans.

Every lookup is a dict built once, so two 10,000-role orgs compare in time
linear in their size.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping

from orgmodel import facts
from orgmodel.diff import Change
from orgmodel.model import Org, Role, Value
from orgmodel.stats import Spans


def role_name(role: Role) -> str:
    """How a reader knows a role: ``SEO Lead, Kim Park`` (or ``vacant``)."""
    holder = "vacant" if role.vacant else role.person
    return f"{role.title}, {holder}" if holder else role.title


def _same(text: str) -> str:
    """Titles compared as people read them: any case, any run of spaces (a person is their name as written)."""
    return " ".join(text.split()).casefold()


def _unique(roles: Iterable[Role], key: Callable[[Role], Hashable | None]) -> dict[Hashable, Role]:
    """Roles by ``key``; a key two roles share, or None, finds no role (ambiguity is no rename)."""
    found: dict[Hashable, Role | None] = {}
    for role in roles:
        k = key(role)
        if k is not None:
            found[k] = None if k in found else role
    return {k: role for k, role in found.items() if role is not None}


class Matching:
    """Which role of the old org is which role of the new one.

    ``renamed`` maps an old ID that is gone to the new ID found for it;
    :meth:`now` reads any old ID as the new org names that role.
    """

    def __init__(self, old: Org, new: Org) -> None:
        self.old, self.new = old, new
        self.renamed: dict[str, str] = {}
        self.why: dict[str, str] = {}  # old ID -> what the rename was recognised by
        gone = [role for role_id, role in old.roles.items() if role_id not in new.roles]
        arrived = [role for role_id, role in new.roles.items() if role_id not in old.roles]

        def by_person(role: Role) -> Hashable | None:
            return (role.person, _same(role.title)) if role.person else None

        self._pair(_unique(gone, by_person), _unique(arrived, by_person), "same person and title")
        gone = [role for role in gone if role.id not in self.renamed]
        taken = set(self.renamed.values())
        arrived = [role for role in arrived if role.id not in taken]
        # Vacant roles have no person to go by: the same title under the same manager.
        self._pair(_unique(gone, lambda r: (_same(r.title), self.now(r.manager_id)) if r.vacant else None),
                   _unique(arrived, lambda r: (_same(r.title), r.manager_id) if r.vacant else None),
                   "vacant, same title and manager")
        self.was = {new_id: old_id for old_id, new_id in self.renamed.items()}

    def _pair(self, gone: Mapping[Hashable, Role], arrived: Mapping[Hashable, Role], why: str) -> None:
        for key, role in gone.items():
            match = arrived.get(key)
            if match is not None:
                self.renamed[role.id] = match.id
                self.why[role.id] = why

    def now(self, old_id: str | None) -> str | None:
        """The new org's ID of the role the old org calls ``old_id``."""
        return self.renamed.get(old_id, old_id) if old_id is not None else None

    def then(self, new_id: str) -> Role | None:
        """The old org's version of the new org's role ``new_id``, or None for an added role."""
        return self.old.roles.get(self.was.get(new_id, new_id))

    @functools.cached_property
    def pairs(self) -> list[tuple[Role, Role]]:
        """(old, new) for every role in both orgs, in the new org's order."""
        found = ((self.then(role.id), role) for role in self.new.roles.values())
        return [(old_role, new_role) for old_role, new_role in found if old_role is not None]

    @functools.cached_property
    def added(self) -> list[Role]:
        """Roles of the new org that the old one did not have, under any ID, in file order."""
        return [role for role in self.new.roles.values() if self.then(role.id) is None]

    def now_all(self, old_ids: Iterable[Value]) -> tuple[str, ...]:
        """References of the old org, read as the new org names them, in file order."""
        return tuple(self.renamed.get(value.text, value.text) for value in old_ids)


def changes(matching: Matching) -> Iterator[Change]:
    """Roles added, removed and renamed; moves and dotted lines; details; people and vacancies."""
    old, new = matching.old, matching.new
    for role in matching.added:
        yield Change("role-added", role.id, role_name(role), after=role.manager_id, roles=(role.id,))
    for role in old.roles.values():
        if role.id not in new.roles and role.id not in matching.renamed:
            yield Change("role-removed", role.id, role_name(role), before=matching.now(role.manager_id),
                         roles=(role.id,))
    for old_id, new_id in matching.renamed.items():
        yield Change("role-renamed", new_id, role_name(new.roles[new_id]), before=old_id, after=new_id,
                     detail=matching.why[old_id], roles=(new_id,))
    for before, after in matching.pairs:
        yield from _reporting(matching, before, after)
    for before, after in matching.pairs:
        yield from _details(before, after)
    yield from people(matching)


def _reporting(matching: Matching, before: Role, after: Role) -> Iterator[Change]:
    was = matching.now(before.manager_id)
    if was != after.manager_id:
        yield Change("moved", after.id, role_name(after), before=was, after=after.manager_id, roles=(after.id,))
    if not (before.dotted_to or after.dotted_to):
        return
    name = role_name(after)
    old_dotted, new_dotted = matching.now_all(before.dotted_to), tuple(v.text for v in after.dotted_to)
    for target in new_dotted:
        if target not in old_dotted:
            yield Change("dotted-added", after.id, name, after=target, roles=(after.id,))
    for target in old_dotted:
        if target not in new_dotted:
            yield Change("dotted-removed", after.id, name, before=target, roles=(after.id,))


def _details(before: Role, after: Role) -> Iterator[Change]:
    if before.title != after.title:
        yield Change("title", after.id, role_name(after), before=before.title, after=after.title, roles=(after.id,))
    if before.level != after.level or before.layer != after.layer:  # facts only where they differ
        yield from _facts(before, after)
    old_team, new_team = (r.team.text if r.team else None for r in (before, after))
    if old_team != new_team:
        yield Change("team", after.id, role_name(after), before=old_team, after=new_team, roles=(after.id,))


def _facts(before: Role, after: Role) -> Iterator[Change]:
    name = role_name(after)
    was, now = facts.of(before), facts.of(after)
    for kind, old_fact, new_fact in (("level", was.level, now.level), ("layer", was.layer, now.layer)):
        if old_fact.value != new_fact.value:
            # A re-inference (a new title word) is a change too; the detail says where each came from.
            yield Change(kind, after.id, name, before=old_fact.value, after=new_fact.value,
                         detail=f"was {old_fact.reason()}; now {new_fact.reason()}", roles=(after.id,))


def _holders(org: Org, ids: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Person -> the roles they hold (IDs read through ``ids`` when given).

    A person is their name exactly as written: "Kim Park" and "Kim  Park" are two people.
    """
    found: dict[str, list[str]] = defaultdict(list)
    for role in org.roles.values():
        if role.person is not None:
            found[role.person].append(ids.get(role.id, role.id) if ids else role.id)
    return found


def people(matching: Matching) -> Iterator[Change]:
    """Hires, leavers, people in another role, vacancies opened and filled."""
    old, new = matching.old, matching.new
    before, after = _holders(old, matching.renamed), _holders(new)
    for person, roles in after.items():
        was = before.get(person, [])
        if not was:
            yield Change("hired", person, after=tuple(roles), roles=tuple(roles))
        elif any(role_id not in was for role_id in roles):
            yield Change("person-moved", person, before=tuple(was), after=tuple(roles),
                         roles=tuple(r for r in (*was, *roles) if r in new.roles))
    for person, roles in before.items():
        if person not in after:
            yield Change("left", person, before=tuple(roles), roles=tuple(r for r in roles if r in new.roles))
    for was_role, role in matching.pairs:
        if role.vacant and not was_role.vacant:
            yield Change("vacancy-opened", role.id, role.title, before=was_role.person or "unnamed",
                         detail=_whereabouts(was_role.person, after, "left the org", "now in"), roles=(role.id,))
        elif was_role.vacant and not role.vacant:
            yield Change("vacancy-filled", role.id, role.title, after=role.person,
                         detail=_whereabouts(role.person, before, "new to the org", "was in"), roles=(role.id,))
    for role in matching.added:
        if role.vacant:
            yield Change("vacancy-opened", role.id, role.title, roles=(role.id,))


def _whereabouts(person: str | None, roles: Mapping[str, list[str]], absent: str, present: str) -> str:
    if person is None:
        return ""
    held = roles.get(person)
    return f"{present} {', '.join(held)}" if held else absent


def span_changes(matching: Matching, before: Spans, after: Spans) -> Iterator[Change]:
    """Direct reports (solid lines) of each role in both orgs whose number changed."""
    old_solid = {span.role: span.solid for span in before.per_role}
    new_solid = {span.role: span.solid for span in after.per_role}
    for old_role, new_role in matching.pairs:
        was, now = old_solid.get(old_role.id, 0), new_solid.get(new_role.id, 0)
        if was != now:
            yield Change("span", new_role.id, role_name(new_role), before=str(was), after=str(now),
                         roles=(new_role.id,))
