"""What is known about each role, and where it came from.

A role's level and layer are either written in the org file or inferred:
the level from words of the title (or the pack's default when no word
matched), the layer from the level. ``orgmodel show``, the JSON export, the
HTML report and the reorg diff describe them through this module, so that
they all say the same thing about the same role.
"""

from __future__ import annotations

import attrs

from orgmodel.model import Kpi, Role

# origin -> how a person reads it
ORIGINS = {
    "written": "written in the file",
    "title": "inferred from the title",
    "name": "inferred from the name",
    "default": "assumed: the title matched no level word",
    "level": "default for the level",
    "none": "not given",
}


@attrs.frozen
class Fact:
    """One fact about a role: its value, its origin (a key of ``ORIGINS``) and the evidence."""

    value: str | None
    origin: str
    evidence: tuple[str, ...] = ()  # the title words that gave a level, or the level that gave a layer

    def describe(self) -> str:
        """``manager (inferred from the title: "Senior", "Manager")`` and the like."""
        return f"{self.value or 'none'} ({self.reason()})"

    def reason(self) -> str:
        """Where the value came from: ``inferred from the title: "Senior", "Manager"``."""
        reason = ORIGINS[self.origin]
        if self.origin == "title" and not self.value:
            reason = "inferred from the title"
        if self.evidence:
            reason += ": " + ", ".join(f'"{word}"' for word in self.evidence)
        return reason


@attrs.frozen
class RoleFacts:
    level: Fact
    layer: Fact
    rank: int  # what rules compare; higher outranks lower


def of(role: Role) -> RoleFacts:
    """The level, layer and rank of ``role`` with where each came from."""
    level = Fact(role.level, role.level_origin, role.level_words)
    evidence = {"level": (role.level,), "title": role.layer_words}.get(role.layer_origin, ())
    layer = Fact(role.layer, role.layer_origin, evidence)
    return RoleFacts(level, layer, role.rank)


def scope_of(kpi: Kpi) -> Fact:
    """A KPI's scope and where it came from (written, or read from its name)."""
    return Fact(kpi.scope, kpi.scope_origin, kpi.scope_words)
