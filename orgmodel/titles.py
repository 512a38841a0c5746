"""Reading job titles: which level, layer or KPI scope their words name, and how senior they are.

The tables are data in the rule pack (``rules/vocabulary.toml``); this module
only knows how a phrase of a table matches a title:

- whole words, any case, accents ignored ("general" matches "Général");
- words of a phrase are separated by spaces, hyphens or dashes in the title
  ("vice president" matches "Vice-President");
- ``*`` at the start or end of a word matches the rest of a compound word
  ("*leiter" matches "Marketingleiter"), as German titles need;
- phrases in a script written without spaces (Japanese, Chinese) match
  anywhere in the title ("部長" in "マーケティング部長").

A row may mask phrases before it matches (``unless``): the lead row masks
"lead generation", so a "Lead Generation Specialist" is not a Lead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import attrs

# Scripts written without spaces between words: no word boundaries there.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BETWEEN_WORDS = r"[\s\-\u2010-\u2015]+"


def normalise(text: str) -> str:
    """Case and accents folded, curly apostrophes straightened: how titles and phrases are compared."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _word(word: str) -> str:
    body = re.escape(word.strip("*"))
    head = r"\w*" if word.startswith("*") else ""
    tail = r"\w*" if word.endswith("*") else ""
    return head + body + tail


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """The pattern of one table phrase (see the module's docstring for the syntax)."""
    words = normalise(phrase).split()
    body = _BETWEEN_WORDS.join(_word(word) for word in words)
    if _UNSPACED.search(phrase):
        return re.compile(body)
    left = "" if words[0].startswith("*") else r"(?<!\w)"
    right = "" if words[-1].endswith("*") else r"(?!\w)"
    return re.compile(left + body + right)


def phrase_error(phrase: object) -> str | None:
    """Why ``phrase`` cannot be a table phrase, or None."""
    if not isinstance(phrase, str) or not phrase.split():
        return "a phrase must be a non-empty string"
    if any(word.strip("*") == "" for word in phrase.split()):
        return f"'{phrase}': '*' must be part of a word"
    return None


@attrs.frozen
class Phrases:
    """A list of phrases as written in the pack, with their patterns."""

    texts: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = attrs.field(eq=False)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Phrases:
        texts = tuple(texts)
        return cls(texts, tuple(compile_phrase(t) for t in texts))

    def found(self, title: str) -> list[str]:
        """The phrases that occur in the (normalised) title."""
        return [text for text, pattern in zip(self.texts, self.patterns) if pattern.search(title)]

    def mask(self, title: str) -> str:
        for pattern in self.patterns:
            title = pattern.sub(" ", title)
        return title


@attrs.frozen
class TitleRow:
    """A row of a title table: a title has ``value`` when it contains any ``any`` phrase and all ``all`` phrases.

    ``unless`` phrases are masked out of the title first. ``step`` is the
    seniority the row gives (EVP is vp +2); the title's seniority word adds to it.
    """

    value: str
    any: Phrases
    all: Phrases = Phrases.of(())
    unless: Phrases = Phrases.of(())
    step: int | None = None
    up_to: str | None = None  # a title whose level may be as high as this ("Head of Marketing")

    def match(self, title: str) -> tuple[str, list[str]] | None:
        """``(the title with the row's masks and matched words blanked, the phrases found)``, or None.

        The words that selected the row are blanked so that they do not count
        again as seniority ("Senior" in "Senior Director" makes it a senior-director, not +1).
        """
        title = self.unless.mask(title)
        found = self.any.found(title)
        if not found:
            return None
        required = self.all.found(title)
        if len(required) < len(self.all.texts):
            return None
        return Phrases.of(found + required).mask(title), found[:1] + required


@attrs.frozen
class Reading:
    """What a table read in a title; ``value`` is None when no row matched."""

    value: str | None
    step: int
    words: tuple[str, ...]  # the phrases that decided, as the table writes them
    up_to: str | None = None


def read(title: str, rows: Sequence[TitleRow], seniority: Mapping[str, int] | None = None,
         seniority_words: Phrases | None = None) -> Reading:
    """The first row of ``rows`` that matches ``title``; its step plus the title's seniority word's."""
    folded = normalise(title)
    for row in rows:
        matched = row.match(folded)
        if matched is None:
            continue
        rest, words = matched
        step, word = _seniority(rest, seniority or {}, seniority_words) if seniority_words else (0, None)
        return Reading(row.value, (row.step or 0) + step, (word, *words) if word else tuple(words), row.up_to)
    return Reading(None, 0, ())


def _seniority(title: str, seniority: Mapping[str, int], words: Phrases) -> tuple[int, str | None]:
    """The step of the leftmost seniority word in ``title`` ("Senior Associate" is Senior).

    At the same place the longer phrase wins, so "lead generation" (0) beats "lead" (+1).
    """
    best: tuple[int, int, str] | None = None
    for text, pattern in zip(words.texts, words.patterns):
        match = pattern.search(title)
        if match is not None:
            candidate = (match.start(), -len(match.group()), text)
            best = candidate if best is None or candidate < best else best
    if best is None:
        return 0, None
    return seniority[best[2]], best[2]
