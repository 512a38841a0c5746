"""Which roles a chart shows: everything, a subtree cut at a depth, or one team."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

import attrs

from orgmodel.model import Org


class SelectionError(Exception):
    """``--root`` names no role or ``--team`` no team; ``str()`` says what to do."""


@attrs.frozen
class Selection:
    roles: tuple[str, ...]  # in file order
    hidden_below: Mapping[str, int]  # role -> how many descendants the cut hides
    hidden_under: Mapping[str, str] = attrs.field(factory=dict)  # hidden role -> the cut card standing for it
    whole: bool = True  # every role of the org is drawn


def tops(org: Org, selection: Selection) -> list[str]:
    """The drawn roles whose manager is not drawn (in file order): where the chart's tree starts."""
    shown = set(selection.roles)
    return [r for r in selection.roles if org.roles[r].manager_id not in shown]


def _descendant_counts(org: Org) -> dict[str, int]:
    """Number of roles below each role in the solid-line tree (cycles counted once)."""
    counts: dict[str, int] = {}
    # Children before parents: walk a BFS order backwards (no recursion).
    tops = [r.id for r in org.roles.values() if org.manager(r) is None]
    order: list[str] = []
    seen: set[str] = set()
    queue = deque(tops)
    while queue:
        role = queue.popleft()
        if role in seen:
            continue
        seen.add(role)
        order.append(role)
        queue.extend(org.direct_reports.get(role, ()))
    for role in reversed(order):
        counts[role] = sum(1 + counts.get(child, 0) for child in org.direct_reports.get(role, ()) if child in seen)
    return counts


def _under(org: Org, cut: Mapping[str, int]) -> dict[str, str]:
    """Each role hidden below a cut card, mapped to that card (each hidden role is below exactly one)."""
    under: dict[str, str] = {}
    for card in cut:
        queue = deque(org.direct_reports.get(card, ()))
        while queue:
            role = queue.popleft()
            if role in under or role in cut or role == card:
                continue
            under[role] = card
            queue.extend(org.direct_reports.get(role, ()))
    return under


def select(org: Org, root: str | None = None, depth: int | None = None, team: str | None = None) -> Selection:
    """The roles under ``root`` (or all tops) down to ``depth`` levels below it, of ``team`` only if given."""
    if root is not None and root not in org.roles:
        from orgmodel.suggest import did_you_mean

        raise SelectionError(f"--root {root}: no such role{did_you_mean(root, org.roles)}")
    if team is not None and team not in org.teams:
        from orgmodel.suggest import did_you_mean

        raise SelectionError(f"--team {team}: no such team{did_you_mean(team, org.teams)}")
    chosen = _cut(org, root, depth)
    if team is not None:
        kept = tuple(r for r in chosen.roles if (t := org.roles[r].team) is not None and t.text == team)
        chosen = Selection(kept, {r: n for r, n in chosen.hidden_below.items() if r in kept},
                           {h: c for h, c in chosen.hidden_under.items() if c in kept}, whole=False)
    return chosen


def _cut(org: Org, root: str | None, depth: int | None) -> Selection:
    if root is None and depth is None:
        return Selection(tuple(org.roles), {})
    starts = [root] if root is not None else [r.id for r in org.roles.values() if org.manager(r) is None]
    level: dict[str, int] = {}
    queue = deque((start, 0) for start in starts)
    while queue:
        role, distance = queue.popleft()
        if role in level:
            continue
        level[role] = distance
        if depth is None or distance < depth:
            queue.extend((child, distance + 1) for child in org.direct_reports.get(role, ()))
    counts = _descendant_counts(org)
    hidden = {
        role: counts.get(role, 0)
        for role, distance in level.items()
        if depth is not None and distance == depth and counts.get(role, 0)
    }
    roles = tuple(r for r in org.roles if r in level)
    return Selection(roles, hidden, _under(org, hidden), whole=len(roles) == len(org.roles))
