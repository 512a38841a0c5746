"""What orgmodel read in an org: each role's level, rank and layer, each KPI's scope, and where each came from.

``orgmodel show`` prints it so that a reader can see which facts were
written and which were inferred (from which title words) or assumed, before
trusting the findings built on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from orgmodel import facts
from orgmodel.facts import Fact
from orgmodel.model import Org
from orgmodel.vocabulary import RANK_STEPS, Vocabulary


@attrs.frozen
class RoleLine:
    id: str
    title: str
    level: Fact
    rank: int
    rank_max: int | None
    rank_text: str  # "manager+1", "director..c-level": the level and seniority the rank stands for
    layer: Fact
    specialties: tuple[str, ...]  # written channels, then those the title names


@attrs.frozen
class KpiLine:
    id: str
    name: str
    scope: Fact


@attrs.frozen
class Shown:
    org: str
    path: str
    roles: tuple[RoleLine, ...]
    kpis: tuple[KpiLine, ...]

    def to_dict(self) -> dict[str, Any]:
        def fact(value: Fact) -> dict[str, Any]:
            return {"value": value.value, "origin": value.origin, "evidence": list(value.evidence),
                    "says": value.describe()}

        return {
            "org": self.org, "path": self.path,
            "roles": [{"id": r.id, "title": r.title, "level": fact(r.level), "rank": r.rank,
                       "rank_max": r.rank_max, "rank_text": r.rank_text, "layer": fact(r.layer),
                       "specialties": list(r.specialties)}
                      for r in self.roles],
            "kpis": [{"id": k.id, "name": k.name, "scope": fact(k.scope)} for k in self.kpis],
        }


def show(org: Org, vocabulary: Vocabulary) -> Shown:
    """The facts of every role and KPI of ``org``, in file order."""
    roles = []
    for role in org.roles.values():
        known = facts.of(role)
        specialties = tuple(dict.fromkeys([*(v.text for v in role.channel), *role.title_channels]))
        text = _rank_text(role.rank, vocabulary) + (
            f"..{_rank_text(role.rank_max, vocabulary, steps=False)}" if role.rank_max is not None else "")
        roles.append(RoleLine(role.id, role.title, known.level, known.rank, role.rank_max, text, known.layer,
                              specialties))
    kpis = tuple(KpiLine(kpi.id, kpi.name, facts.scope_of(kpi)) for kpi in org.kpis.values())
    return Shown(org.name or "", org.path, tuple(roles), kpis)


def _rank_text(rank: int, vocabulary: Vocabulary, steps: bool = True) -> str:
    """A rank as its level and seniority step: "manager", "manager+1", "ic-3"."""
    position, step = divmod(rank + RANK_STEPS // 2, RANK_STEPS)
    step -= RANK_STEPS // 2
    level = vocabulary.levels[position] if 0 <= position < len(vocabulary.levels) else str(position)
    return f"{level}{step:+d}" if step and steps else level


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in (header, *rows)]


def render_text(shown: Shown) -> str:
    """Aligned tables: roles (level, rank, layer, specialties), then KPIs (scope)."""
    lines = [f"{shown.org or 'Org'} ({shown.path}): {len(shown.roles)} roles, {len(shown.kpis)} KPIs", ""]
    lines += _table(("role", "title", "level", "rank", "layer", "specialties"), [
        (r.id, r.title, r.level.describe(), r.rank_text, r.layer.describe(), ", ".join(r.specialties))
        for r in shown.roles])
    if shown.kpis:
        lines.append("")
        lines += _table(("kpi", "name", "scope"), [(k.id, k.name, k.scope.describe()) for k in shown.kpis])
    assumed = [r.id for r in shown.roles if r.level.origin == "default"]
    if assumed:
        lines += ["", f"Assumed levels ({len(assumed)}): {', '.join(assumed)}. Add a level line, or teach "
                      "orgmodel the title's words ([extend-vocabulary] title-level)."]
    return "\n".join(lines) + "\n"
