"""The org as checked and drawn: frozen values, each remembering where it was written.

Field names follow the language's keys (``reports-to`` is ``reports_to``), so
that a rule in a pack can name an attribute the way users write it.
Multi-valued keys are tuples, in file order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from orgmodel import attributes


@attrs.frozen
class Value:
    """A word or ID as written in an attribute line: a reference or a keyword."""

    text: str
    line: int
    column: int
    end_column: int


@attrs.frozen
class Role:
    id: str
    title: str
    line: int
    column: int
    person: str | None = None  # None when unnamed or vacant
    vacant: bool = False
    reports_to: tuple[Value, ...] = ()
    dotted_to: tuple[Value, ...] = ()
    level: str = "ic"
    # Where the level came from: "written" (a level line), "title" (words of
    # the title, in ``level_words``) or "default" (the title matched nothing).
    level_origin: str = "default"
    level_words: tuple[str, ...] = ()
    # What rules compare: the level's place in the pack's order, times ten,
    # plus the title's seniority step (Senior +1, Associate -1, ...).
    rank: int = 0
    # The highest rank the title may mean when it is ambiguous ("Head of
    # Marketing" heads the whole function: a director, or higher); else None.
    rank_max: int | None = None
    layer: str | None = None  # as written, or read from the title, or the pack's default for the level
    layer_origin: str = "none"  # "written", "title" (words in ``layer_words``), "level" or "none"
    layer_words: tuple[str, ...] = ()
    team: Value | None = None
    channel: tuple[Value, ...] = ()
    title_channels: tuple[str, ...] = ()  # specialties its title names ("SEO Lead": seo)
    owns: tuple[Value, ...] = ()
    liaises_with: tuple[Value, ...] = ()

    @property
    def level_inferred(self) -> bool:
        """True unless the level was written with a ``level`` line."""
        return self.level_origin != "written"

    @property
    def manager_id(self) -> str | None:
        """The solid-line manager's ID (the first ``reports-to``), or None at the top."""
        return self.reports_to[0].text if self.reports_to else None


@attrs.frozen
class Kpi:
    id: str
    name: str
    line: int
    column: int
    owner: tuple[Value, ...] = ()
    scope: str | None = None  # as written, or read from the KPI's name
    scope_origin: str = "none"  # "written", "name" (words in ``scope_words``) or "none"
    scope_words: tuple[str, ...] = ()
    target: str | None = None


@attrs.frozen
class Campaign:
    id: str
    name: str
    line: int
    column: int
    lead: tuple[Value, ...] = ()
    channel: tuple[Value, ...] = ()
    kpi: tuple[Value, ...] = ()


@attrs.frozen
class Team:
    id: str
    name: str
    line: int
    column: int


@attrs.frozen
class Department:
    id: str
    name: str
    line: int
    column: int


Entity = Role | Kpi | Campaign | Team | Department


@attrs.frozen
class Org:
    """A whole org file. Mappings keep file order; a second declaration of an ID is kept as ``ID.2``."""

    path: str
    name: str | None = None
    name_line: int | None = None
    roles: Mapping[str, Role] = attrs.field(factory=dict)
    kpis: Mapping[str, Kpi] = attrs.field(factory=dict)
    campaigns: Mapping[str, Campaign] = attrs.field(factory=dict)
    teams: Mapping[str, Team] = attrs.field(factory=dict)
    departments: Mapping[str, Department] = attrs.field(factory=dict)
    # Keys (``ID.2`` ...) of second declarations of an ID within one kind: kept
    # and drawn, but rules do not report knock-ons of the duplication on them.
    duplicates: frozenset[str] = frozenset()

    def entities(self, kind: str) -> Mapping[str, Entity]:
        """The declarations of one kind by ID: ``role``, ``kpi``, ``campaign``, ``team``, ``department``."""
        return getattr(self, ENTITY_FIELDS[kind])  # type: ignore[no-any-return]

    @functools.cached_property
    def direct_reports(self) -> Mapping[str, tuple[str, ...]]:
        """Solid-line reports of each role, in file order (roles with none are absent)."""
        reports: dict[str, list[str]] = {}
        for role in self.roles.values():
            manager = role.manager_id
            if manager is not None and manager in self.roles:
                reports.setdefault(manager, []).append(role.id)
        return {manager: tuple(ids) for manager, ids in reports.items()}

    @functools.cached_property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """Each loop of solid lines once, as the roles in it in reporting order, in file order of discovery.

        An iterative walk with three states, so that a 100,000-deep chain costs
        O(n) and no recursion.
        """
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        found = []
        for start in self.roles:
            if start in state:
                continue
            path: list[str] = []
            current: str | None = start
            while current is not None and current in self.roles and current not in state:
                state[current] = 1
                path.append(current)
                current = self.roles[current].manager_id
            if current is not None and state.get(current) == 1:
                found.append(tuple(path[path.index(current):]))
            for role_id in path:
                state[role_id] = 2
        return tuple(found)

    @functools.cached_property
    def in_cycle(self) -> frozenset[str]:
        """Roles on a loop of solid lines (not those below one)."""
        return frozenset(role_id for cycle in self.cycles for role_id in cycle)

    def manager(self, role: Role) -> Role | None:
        """The solid-line manager as a declared role, or None."""
        manager = role.manager_id
        return self.roles.get(manager) if manager is not None else None


ENTITY_CLASSES: Mapping[str, type[Entity]] = {
    "role": Role, "kpi": Kpi, "campaign": Campaign, "team": Team, "department": Department,
}

ENTITY_FIELDS: Mapping[str, str] = {
    "role": "roles",
    "kpi": "kpis",
    "campaign": "campaigns",
    "team": "teams",
    "department": "departments",
}


def values(entity: Entity, key: str) -> tuple[Value | str, ...]:
    """The values of attribute ``key`` (as written in the language) as a tuple.

    A single-valued attribute that is absent gives ``()``.
    """
    return attributes.values(entity, key)
