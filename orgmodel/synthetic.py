"""Synthetic org files for benchmarks and tests: seeded, so every run writes the same file.

    python -m orgmodel.synthetic 10000 --seed 1 --violations > big.org.txt

The org is a realistic tree (a CMO, VPs, senior directors, directors,
managers, Leads with channels, ICs) with teams, departments, KPIs, campaigns,
dotted lines and vacancies, and every span within the span limit. With
``violations`` it plants a known set of rule violations, returned with the
text so that tests can compare them with what the checker reports.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Sequence
from itertools import pairwise

import attrs

# Reports per role at each level (the level below it): all within SPAN001's 10.
_FANOUT = {"lead": 6, "manager": 5, "director": 6, "senior-director": 8, "vp": 10, "c-level": 10}
_ORDER = ("ic", "lead", "manager", "director", "senior-director", "vp")
_TITLES = {
    "ic": ("Marketing Specialist", "Content Writer", "Marketing Analyst", "Designer"),
    "lead": ("SEO Lead", "PPC Lead", "Social Media Lead", "Content Lead", "Email Lead"),
    "manager": ("Digital Marketing Manager", "Brand Manager", "Growth Manager"),
    "director": ("Marketing Director",),
    "senior-director": ("Sr. Marketing Director",),
    "vp": ("VP Marketing",),
}
_CHANNELS = ("seo", "ppc", "social", "content", "email")
_DEPARTMENTS = ("sales", "product", "finance", "support")


@attrs.frozen
class SyntheticOrg:
    text: str
    roles: int
    planted: tuple[tuple[str, str | None], ...]  # (code, entity) of each planted violation


def _counts(total: int) -> dict[str, int]:
    """Roles per level so that the tree holds exactly ``total`` roles, the CMO included."""

    def levels_for(ics: int) -> dict[str, int]:
        counts = {"ic": ics}
        for below, level in pairwise(_ORDER):
            counts[level] = math.ceil(counts[below] / _FANOUT[level])
        return counts

    # The largest IC count whose tree fits; the ceilings can jump past `total`,
    # so the few roles left over become extra ICs (spread over the Leads).
    low, high = 1, total
    while low < high:
        middle = (low + high + 1) // 2
        if sum(levels_for(middle).values()) + 1 <= total:
            low = middle
        else:
            high = middle - 1
    counts = levels_for(low)
    counts["ic"] += total - (sum(counts.values()) + 1)
    return counts


def generate(total: int, seed: int = 0, violations: bool = False) -> SyntheticOrg:
    rng = random.Random(seed)
    counts = _counts(max(total, 8))
    out = [f'org "Synthetic Marketing {total}"', ""]
    out += [f'department {d} "{d.title()}"' for d in _DEPARTMENTS]
    names = iter(range(1, 10**9))
    ids: dict[str, list[str]] = {level: [f"{level[:3]}{i}" for i in range(counts[level])] for level in _ORDER}
    directors = ids["director"]
    out += [f'team t{i} "Team {i}"' for i in range(len(directors))]
    out += ["", 'role cmo "Chief Marketing Officer"', f'  person "Person {next(names)}"',
            f"  liaises-with {', '.join(_DEPARTMENTS)}"]
    parent_of_level = {"vp": ["cmo"], **{below: ids[above] for below, above in pairwise(_ORDER)}}
    team_of: dict[str, str] = {}
    channel_of: dict[str, str] = {}
    for level in reversed(_ORDER):
        parents = parent_of_level[level]
        fanout = _FANOUT[_ORDER[_ORDER.index(level) + 1]] if level != "vp" else _FANOUT["c-level"]
        for index, role in enumerate(ids[level]):
            # ICs round-robin over the Leads (extra ICs must not overfill one span).
            parent = parents[index % len(parents)] if level == "ic" else parents[index // fanout]
            team = f"t{index}" if level == "director" else team_of.get(parent)
            if team:
                team_of[role] = team
            out.append(f'role {role} "{rng.choice(_TITLES[level])}"')
            vacant = level == "ic" and rng.random() < 0.03
            out.append("  person vacant" if vacant else f'  person "Person {next(names)}"')
            out.append(f"  reports-to {parent}")
            if team:
                out.append(f"  team {team}")
            if level == "lead":
                channel_of[role] = rng.choice(_CHANNELS)
                out.append(f"  channel {channel_of[role]}")
            if level not in ("ic", "lead"):
                out.append(f"  liaises-with {rng.choice(_DEPARTMENTS)}")
            if level == "ic" and index % 25 == 0 and len(ids["lead"]) > 1:
                out.append(f"  dotted-to {rng.choice(ids['lead'])}")
    strategy, operations = ids["senior-director"][0], ids["director"][0]
    lines = out
    lines = _add_after_header(lines, strategy, ["  layer strategic", "  owns budget-setting, kpi-framework"])
    lines = _add_after_header(lines, operations, [
        "  layer operational", "  owns budget-execution, marketing-calendar, messaging-signoff"])
    lines.append("")
    for index, manager in enumerate(ids["manager"]):
        lines += [f'kpi k{index} "Pipeline {index}"', f"  owner {manager}", "  scope execution"]
    lines += ['kpi share "Market Share"', f"  owner {strategy}", "  scope strategic"]
    for index, lead in enumerate(ids["lead"]):
        if index % 2 == 0:
            lines += [f'campaign c{index} "Campaign {index}"', f"  lead {lead}", f"  channel {channel_of[lead]}"]
    planted: list[tuple[str, str | None]] = []
    if violations:
        lines, planted = _plant(lines, ids)
    return SyntheticOrg("\n".join(lines) + "\n", sum(counts.values()) + 1, tuple(planted))


def _add_after_header(lines: list[str], role: str, extra: Sequence[str]) -> list[str]:
    at = next(i for i, line in enumerate(lines) if line.startswith(f"role {role} "))
    return lines[: at + 1] + list(extra) + lines[at + 1 :]


def _plant(lines: list[str], ids: dict[str, list[str]]) -> tuple[list[str], list[tuple[str, str | None]]]:
    """A fixed set of violations, one per rule family, each with the entity it names."""
    lead, manager = ids["lead"][-1], ids["manager"][-1]
    lines = _add_after_header(lines, lead, ["  owns visoin"])
    lines += [
        "",
        'kpi orphan "Unowned KPI"',
        'campaign leaderless "Campaign Without Lead"',
        'role loop1 "Brand Manager"', "  reports-to loop2", "  liaises-with sales",
        'role loop2 "Brand Manager"', "  reports-to loop1", "  liaises-with sales",
        'role stray "Marketing Specialist"', "  reports-to nobody",
        'role chanless "Marketing Lead"', f"  reports-to {manager}",
    ]
    planted: list[tuple[str, str | None]] = [
        ("RESP003", lead), ("KPI001", "orphan"), ("CAMP001", "leaderless"),
        ("HIER001", "loop1"),
        ("REF002", "stray"), ("LEAD002", "chanless"),
    ]
    return lines, planted


def main(argv: Sequence[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m orgmodel.synthetic", description=__doc__.split("\n")[0])
    parser.add_argument("roles", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--violations", action="store_true")
    args = parser.parse_args(argv)
    sys.stdout.write(generate(args.roles, args.seed, args.violations).text)


if __name__ == "__main__":
    main(sys.argv[1:])
