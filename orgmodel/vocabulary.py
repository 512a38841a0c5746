"""The words rules reason about, as the rule pack defines them.

Levels in rank order, layers, KPI scopes, responsibility keywords with their
class, the exclusive responsibilities, and the title-to-level table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs


@attrs.frozen
class TitleLevel:
    """A title has ``level`` when it contains any ``any`` phrase and all ``all`` phrases."""

    level: str
    any: tuple[str, ...]
    all: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = attrs.field(init=False)
    required: tuple[re.Pattern[str], ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "patterns", tuple(_phrase(p) for p in self.any))
        object.__setattr__(self, "required", tuple(_phrase(p) for p in self.all))

    def matches(self, title: str) -> bool:
        return any(p.search(title) for p in self.patterns) and all(
            p.search(title) for p in self.required
        )


def _phrase(phrase: str) -> re.Pattern[str]:
    """Whole words, case-insensitive; spaces in the phrase match any run of space."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@attrs.frozen
class Vocabulary:
    levels: tuple[str, ...]  # lowest rank first
    layers: tuple[str, ...]
    scopes: tuple[str, ...]
    responsibilities: Mapping[str, str]  # keyword -> class (strategic, operational, tactical)
    exclusive: tuple[str, ...]
    title_levels: tuple[TitleLevel, ...]
    default_level: str
    _rank: Mapping[str, int] = attrs.field(init=False)
    # Titles repeat (a thousand "SEO Lead"s): each is matched against the table once.
    _inferred: dict[str, str] = attrs.field(init=False, factory=dict, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_rank", {level: i for i, level in enumerate(self.levels)})

    def rank(self, level: str) -> int:
        """Position in the rank order; an unknown level ranks lowest."""
        return self._rank.get(level, -1)

    def infer_level(self, title: str) -> str:
        """The level a title implies: the first table row that matches, else the default."""
        level = self._inferred.get(title)
        if level is None:
            level = next((row.level for row in self.title_levels if row.matches(title)), self.default_level)
            self._inferred[title] = level
        return level

    def words(self, name: str) -> tuple[str, ...]:
        """The allowed words of a vocabulary-valued key: level, layer or scope."""
        return {"level": self.levels, "layer": self.layers, "scope": self.scopes}[name]
