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
class TitleGuess:
    """The title table's reading of one title."""

    level: str
    step: int  # seniority within the level: Senior +1, Associate -1 ...
    words: tuple[str, ...]  # the title words that decided it
    matched: bool  # False: no row matched and ``level`` is the default


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
    _inferred: dict[str, TitleGuess] = attrs.field(init=False, factory=dict, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_rank", {level: i for i, level in enumerate(self.levels)})

    def rank(self, level: str) -> int:
        """Position in the rank order; an unknown level ranks lowest."""
        return self._rank.get(level, -1)

    def infer_level(self, title: str) -> str:
        """The level a title implies: the first table row that matches, else the default."""
        return self.title_level(title).level

    def title_level(self, title: str) -> TitleGuess:
        """What the title table reads in ``title``: a level, its seniority step and the words that said so."""
        guess = self._inferred.get(title)
        if guess is None:
            row = next((row for row in self.title_levels if row.matches(title)), None)
            if row is None:
                guess = TitleGuess(self.default_level, 0, (), matched=False)
            else:
                guess = TitleGuess(row.level, 0, row.any + row.all, matched=True)
            self._inferred[title] = guess
        return guess

    def role_facts(self, title: str, level: str | None, layer: str | None) -> dict[str, object]:
        """The model fields of a role's level, rank and layer, and where each came from.

        ``level`` and ``layer`` are what the role's lines say (None when absent).
        """
        if level is not None:
            facts: dict[str, object] = {"level": level, "level_origin": "written", "rank": self.rank(level) * 10}
        else:
            guess = self.title_level(title)
            facts = {"level": guess.level, "level_origin": "title" if guess.matched else "default",
                     "level_words": guess.words, "rank": self.rank(guess.level) * 10 + guess.step}
        facts["layer"] = layer
        facts["layer_origin"] = "written" if layer is not None else "none"
        return facts

    def words(self, name: str) -> tuple[str, ...]:
        """The allowed words of a vocabulary-valued key: level, layer or scope."""
        return {"level": self.levels, "layer": self.layers, "scope": self.scopes}[name]
