"""Reading job titles: which level, layer, scope or specialty their words name, and how senior they are.

The tables are data in the rule pack (``rules/vocabulary.toml``); this module
only knows how a phrase of a table matches a title:

- whole words, any case, accents ignored ("general" matches "Général");
  a title is split into words at anything but letters, digits and "'", so
  "Vice-President" and "V.P." are the words of "vice president" and "v.p.";
- ``*`` at the start or end of a word matches the rest of a compound word
  ("*leiter" matches "Marketingleiter"), as German titles need;
- phrases in a script written without spaces (Japanese, Chinese) match
  anywhere in the title ("部長" in "マーケティング部長").

A row may mask phrases before it matches (``unless``): the lead row masks
"lead generation", so a "Lead Generation Specialist" is not a Lead.

Matching is by lookup, not by a regular expression per phrase: a table
indexes its phrases once, and a title's words are looked up, so neither
loading a pack nor reading a new title grows with the number of phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from orgmodel.patterns import compiled
from orgmodel.records import Record

# Scripts written without spaces between words: phrases there match anywhere.
_UNSPACED_CHARACTERS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def _unspaced(phrase: str) -> bool:
    """Whether a phrase is in a script written without spaces (the pattern is compiled when a pack is built)."""
    return re.search(_UNSPACED_CHARACTERS, phrase) is not None
_WORDS = compiled(r"[\w']+")

Span = tuple[int, int]  # word positions [start, end) in a title, or character positions for unspaced phrases


def normalise(text: str) -> str:
    """Case and accents folded, curly apostrophes straightened: how titles and phrases are compared."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _words(text: str) -> list[str]:
    return [word.strip("'") for word in _WORDS.findall(text) if word.strip("'")]


def phrase_error(phrase: object) -> str | None:
    """Why ``phrase`` cannot be a table phrase, or None."""
    if not isinstance(phrase, str) or not phrase.split():
        return "a phrase must be a non-empty string"
    if any(word.strip("*") == "" for word in phrase.split()):
        return f"'{phrase}': '*' must be part of a word"
    if not _unspaced(phrase) and not _words(normalise(phrase.replace("*", ""))):
        return f"'{phrase}': a phrase needs a letter or digit"
    return None


class Title(Record):
    """A title as tables read it: its folded text and its words."""

    __slots__ = ("text", "words")
    text: str
    words: tuple[str, ...]

    def __init__(self, text: str, words: tuple[str, ...]) -> None:
        self._init(text=text, words=words)

    @classmethod
    def of(cls, title: str) -> Title:
        folded = normalise(title)
        return cls(folded, tuple(_words(folded)))


class _Index:
    """Where phrases occur in a title: exact word sequences by lookup, the few others by scan."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.exact: dict[tuple[str, ...], list[str]] = {}  # "sr" and "sr." are the same words
        self.wild: list[tuple[str, str, bool, bool]] = []  # phrase, stem, any prefix, any suffix
        self.unspaced: list[tuple[str, str]] = []  # phrase, folded text
        self.longest = 1
        for phrase in phrases:
            if _unspaced(phrase):
                self.unspaced.append((phrase, normalise(phrase)))
            elif "*" in phrase:
                self.wild.append((phrase, normalise(phrase.strip("*")), phrase.startswith("*"), phrase.endswith("*")))
            else:
                words = tuple(_words(normalise(phrase)))
                self.exact.setdefault(words, []).append(phrase)
                self.longest = max(self.longest, len(words))

    def occurrences(self, title: Title) -> list[tuple[str, Span]]:
        """Each phrase found in ``title`` with where: word spans, or character spans for unspaced phrases."""
        found = []
        words = title.words
        for start in range(len(words)):
            for size in range(1, min(self.longest, len(words) - start) + 1):
                for phrase in self.exact.get(words[start:start + size], ()):
                    found.append((phrase, (start, start + size)))
        for phrase, stem, any_prefix, any_suffix in self.wild:
            for at, word in enumerate(words):
                if _wild_match(word, stem, any_prefix, any_suffix):
                    found.append((phrase, (at, at + 1)))
        for phrase, folded in self.unspaced:
            at = title.text.find(folded)
            if at >= 0:
                found.append((phrase, (-1 - at, -1 - at - len(folded))))  # negative: a character span
        return found


def _wild_match(word: str, stem: str, any_prefix: bool, any_suffix: bool) -> bool:
    if any_prefix and any_suffix:
        return stem in word
    if any_prefix:
        return word.endswith(stem)
    return word.startswith(stem)


def _overlaps(a: Span, b: Span) -> bool:
    if (a[0] < 0) != (b[0] < 0):
        return False  # a word span and a character span never mask each other
    low_a, high_a = sorted((abs(a[0]), abs(a[1])))
    low_b, high_b = sorted((abs(b[0]), abs(b[1])))
    return low_a < high_b and low_b < high_a


class Phrases(Record):
    """A list of phrases as written in the pack."""

    __slots__ = ("texts",)
    texts: tuple[str, ...]

    def __init__(self, texts: tuple[str, ...]) -> None:
        self._init(texts=texts)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Phrases:
        return cls(tuple(texts))


_NO_PHRASES = Phrases(())


class TitleRow(Record):
    """A row of a title table: a title has ``value`` when it contains any ``any`` phrase and all ``all`` phrases.

    ``unless`` phrases are masked out of the title first. ``step`` is the
    seniority the row gives (EVP is vp +2); the title's seniority word adds to it.
    ``up_to``: a title whose level may be as high as this ("Head of Marketing").
    """

    __slots__ = ("value", "any", "all", "unless", "step", "up_to")
    value: str
    any: Phrases
    all: Phrases
    unless: Phrases
    step: int | None
    up_to: str | None

    def __init__(self, value: str, any: Phrases, all: Phrases = _NO_PHRASES,
                 unless: Phrases = _NO_PHRASES, step: int | None = None, up_to: str | None = None) -> None:
        self._init(value=value, any=any, all=all, unless=unless, step=step, up_to=up_to)


class Reading(Record):
    """What a table read in a title; ``value`` is None when no row matched.

    ``words``: the phrases that decided, as the table writes them.
    """

    __slots__ = ("value", "step", "words", "up_to")
    value: str | None
    step: int
    words: tuple[str, ...]
    up_to: str | None

    def __init__(self, value: str | None, step: int, words: tuple[str, ...], up_to: str | None = None) -> None:
        self._init(value=value, step=step, words=words, up_to=up_to)


class Table:
    """Rows tried in order, with every phrase they name indexed once."""

    def __init__(self, rows: Sequence[TitleRow], seniority: Mapping[str, int] | None = None) -> None:
        self.rows = tuple(rows)
        self.seniority = dict(seniority or {})
        phrases = dict.fromkeys(p for row in self.rows for group in (row.any, row.all, row.unless) for p in group.texts)
        self.index = _Index(dict.fromkeys([*phrases, *self.seniority]))
        # phrase -> the rows whose `any` names it, so a title looks only at rows it can match
        self.rows_of: dict[str, list[int]] = {}
        for number, row in enumerate(self.rows):
            for phrase in row.any.texts:
                self.rows_of.setdefault(phrase, []).append(number)

    def state(self) -> tuple[Any, ...]:
        """Everything the table knows, as plain data (the pack cache keeps indexed tables)."""
        index = self.index
        return (self.rows, self.seniority, index.exact, index.wild, index.unspaced, index.longest, self.rows_of)

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> Table:
        table = cls.__new__(cls)
        table.rows, table.seniority, exact, wild, unspaced, longest, table.rows_of = state
        table.index = _Index(())
        table.index.exact, table.index.wild, table.index.unspaced, table.index.longest = exact, wild, unspaced, longest
        return table

    def read(self, title: str) -> Reading:
        """The first row that matches ``title``; its step plus the title's seniority word's."""
        parsed = Title.of(title)
        found = self.index.occurrences(parsed)
        where: dict[str, list[Span]] = {}
        for phrase, span in found:
            where.setdefault(phrase, []).append(span)
        for number in sorted({n for phrase in where for n in self.rows_of.get(phrase, ())}):
            reading = self._match(self.rows[number], where)
            if reading is not None:
                return reading
        return Reading(None, 0, ())

    def values(self, title: str) -> tuple[str, ...]:
        """The value of every row that matches ``title``, in table order (each once)."""
        where: dict[str, list[Span]] = {}
        for phrase, span in self.index.occurrences(Title.of(title)):
            where.setdefault(phrase, []).append(span)
        numbers = sorted({n for phrase in where for n in self.rows_of.get(phrase, ())})
        return tuple(dict.fromkeys(self.rows[n].value for n in numbers if self._match(self.rows[n], where)))

    def _match(self, row: TitleRow, where: Mapping[str, list[Span]]) -> Reading | None:
        masked = [span for phrase in row.unless.texts for span in where.get(phrase, ())]

        def spans(phrase: str) -> list[Span]:
            return [s for s in where.get(phrase, ()) if not any(_overlaps(s, m) for m in masked)]

        chosen = next(((p, spans(p)) for p in row.any.texts if spans(p)), None)
        if chosen is None:
            return None
        required = [(p, spans(p)) for p in row.all.texts]
        if not all(found for _, found in required):
            return None
        used = [*chosen[1], *(s for _, found in required for s in found), *masked]
        step, word = self._seniority(where, used)
        words = (chosen[0], *(p for p, _ in required))
        return Reading(row.value, (row.step or 0) + step, (word, *words) if word else words, row.up_to)

    def _seniority(self, where: Mapping[str, list[Span]], used: list[Span]) -> tuple[int, str | None]:
        """The leftmost seniority word not part of the row's own words; the longer phrase wins a tie."""
        best: tuple[int, int, str] | None = None
        for phrase in self.seniority:
            for span in where.get(phrase, ()):
                if span[0] < 0 or any(_overlaps(span, u) for u in used):
                    continue
                candidate = (span[0], span[0] - span[1], phrase)
                best = candidate if best is None or candidate < best else best
        return (0, None) if best is None else (self.seniority[best[2]], best[2])


def read(title: str, rows: Sequence[TitleRow], seniority: Mapping[str, int] | None = None) -> Reading:
    """The first row of ``rows`` that matches ``title`` (builds a table: for tests and one-off reads)."""
    return Table(rows, seniority).read(title)


def occurs(phrase: str, title: str) -> bool:
    """Whether one phrase occurs in a title (for tests and documentation)."""
    return bool(_Index([phrase]).occurrences(Title.of(title)))


_DIGITS = compiled(r"\d")
_ZEROS = str.maketrans("123456789", "000000000")  # translate(), unlike a regex, copies ASCII at C speed
_PLAIN_WORD = compiled(r"\w+", re.ASCII)
# Below this many distinct titles, each is read as it is: keys would cost more than they save.
_KEYED_FROM = 256


class TitleKeys:
    """Keys under which titles read alike, so that a hundred thousand distinct titles are read a few times.

    A table sees a title only through its phrases (``Table.read``), so two
    titles read alike when they differ only where no phrase can look:

    - in digits, when no phrase of the tables holds a digit: every ASCII digit
      becomes "0" ("Store Manager 0412" and "Store Manager 1793" share a key);
    - in words that no phrase names and no ``*`` phrase matches: each run of
      them becomes one placeholder word in a plain ASCII title ("SEO Lead,
      EMEA" and "SEO Lead, Iberia" both read as "seo lead _"). Phrases are runs
      of named words and seniority is the leftmost named word, so neither can
      tell one unnamed word from three.

    tests/test_differential.py reads random titles both ways.
    """

    def __init__(self, tables: Iterable[Table]) -> None:
        self.named: set[str] = set()
        self.wild: list[tuple[str, bool, bool]] = []
        texts: list[str] = []
        for table in tables:
            for words in table.index.exact:
                self.named.update(words)
            self.wild.extend((stem, prefix, suffix) for _, stem, prefix, suffix in table.index.wild)
            texts.extend(folded for _, folded in table.index.unspaced)
        texts.extend(self.named)
        texts.extend(stem for stem, _, _ in self.wild)
        self.digits_matter = any(_DIGITS.search(text) for text in texts)
        self._named_word: dict[str, bool] = {}
        self.placeholder = next(p for p in ("_", "__", "___", "____") if not self.names(p))

    def names(self, word: str) -> bool:
        """Whether a phrase of the tables could see ``word`` (a folded word of a title)."""
        found = self._named_word.get(word)
        if found is None:
            found = word in self.named or any(_wild_match(word, stem, prefix, suffix)
                                               for stem, prefix, suffix in self.wild)
            self._named_word[word] = found
        return found

    def keys(self, titles: Sequence[str]) -> Sequence[str]:
        """A key for each of ``titles`` (a column, repeats and all), in order: reading the key reads the title."""
        keys = titles if self.digits_matter else "\n".join(titles).translate(_ZEROS).split("\n")
        distinct = set(keys)
        if len(distinct) < _KEYED_FROM:
            return keys
        shorter = {key: self.skeleton(key) for key in distinct}
        return list(map(shorter.__getitem__, keys))

    def skeleton(self, title: str) -> str:
        """``title`` with each run of words no phrase can see made one placeholder (plain ASCII titles only)."""
        if not title.isascii() or "'" in title:
            return title  # folding or apostrophes make words that plain splitting would not find
        kept: list[str] = []
        for word in _PLAIN_WORD.findall(title.lower()):
            if self.names(word):
                kept.append(word)
            elif not kept or kept[-1] != self.placeholder:
                kept.append(self.placeholder)
        return " ".join(kept)
