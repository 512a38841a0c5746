"""The words rules reason about, as the rule pack defines them.

Levels in rank order, layers, KPI scopes, responsibility keywords with the
layers and the lowest level that may hold each, the exclusive
responsibilities, and the tables that read titles and KPI names. Loading and
validating them from TOML is :mod:`orgmodel.vocabulary_schema`'s job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from orgmodel.patterns import compiled
from orgmodel.records import Record
from orgmodel.titles import Reading, Table, TitleKeys, TitleRow, normalise

# A level's rank is its place in the order times this, plus the title's
# seniority step, which stays within +-MAX_STEP so that no step crosses a level.
RANK_STEPS = 10
MAX_STEP = 4
# A role's facts where the title and lines say nothing of them (the model's defaults).
ROLE_FACT_DEFAULTS: Mapping[str, object] = {
    "level_words": (), "rank_max": None, "layer": None, "layer_origin": "none", "layer_words": (), "title_channels": (),
}


class Responsibility(Record):
    """A responsibility keyword: the layers whose roles may hold it, and the lowest level that may."""

    __slots__ = ("keyword", "layers", "min_level")
    keyword: str
    layers: tuple[str, ...]
    min_level: str | None

    def __init__(self, keyword: str, layers: tuple[str, ...], min_level: str | None = None) -> None:
        self._init(keyword=keyword, layers=layers, min_level=min_level)


class TitleGuess(Record):
    """The title table's reading of one title.

    ``step``: seniority within the level (Senior +1, Associate -1 ...);
    ``words``: the title words that decided it; ``matched``: False when no row
    matched and ``level`` is the default; ``up_to``: the highest level the
    title may mean, when it is ambiguous.
    """

    __slots__ = ("level", "step", "words", "matched", "up_to")
    level: str
    step: int
    words: tuple[str, ...]
    matched: bool
    up_to: str | None

    def __init__(self, level: str, step: int, words: tuple[str, ...], matched: bool, up_to: str | None = None,
                 ) -> None:
        self._init(level=level, step=step, words=words, matched=matched, up_to=up_to)


_TABLES = ("title_levels", "title_layers", "kpi_scopes", "title_channels")


class Vocabulary(Record):
    """The pack's words.

    ``levels`` lowest rank first; ``seniority``: word -> step;
    ``layer_default``: level -> layer of a role without one; ``title_layers``,
    ``kpi_scopes``, ``title_channels``: title (or KPI name) words -> a layer, a
    scope, a specialty; ``layer_colours``: layer -> card fill;
    ``vacancy_words``: person names that mean "vacant" ("TBH", "Open").
    """

    __fields__ = ("levels", "layers", "scopes", "responsibilities", "exclusive", "title_levels", "default_level",
                  "seniority", "layer_default", "title_layers", "kpi_scopes", "title_channels", "layer_colours",
                  "vacancy_words")
    # Besides the fields: what they index, made once (titles repeat: a thousand "SEO Lead"s are read once).
    __slots__ = (*__fields__, "_rank", "_tables", "_vacancy", "_titles", "_keys")
    levels: tuple[str, ...]
    layers: tuple[str, ...]
    scopes: tuple[str, ...]
    responsibilities: Mapping[str, Responsibility]
    exclusive: tuple[str, ...]
    title_levels: tuple[TitleRow, ...]
    default_level: str
    seniority: Mapping[str, int]
    layer_default: Mapping[str, str]
    title_layers: tuple[TitleRow, ...]
    kpi_scopes: tuple[TitleRow, ...]
    title_channels: tuple[TitleRow, ...]
    layer_colours: Mapping[str, str]
    vacancy_words: tuple[str, ...]
    _rank: Mapping[str, int]
    _tables: dict[str, Table]
    _vacancy: frozenset[str]
    _titles: dict[str, TitleGuess]
    _keys: TitleKeys | None

    def __init__(self, levels: tuple[str, ...], layers: tuple[str, ...], scopes: tuple[str, ...],
                 responsibilities: Mapping[str, Responsibility], exclusive: tuple[str, ...],
                 title_levels: tuple[TitleRow, ...], default_level: str, seniority: Mapping[str, int] | None = None,
                 layer_default: Mapping[str, str] | None = None, title_layers: tuple[TitleRow, ...] = (),
                 kpi_scopes: tuple[TitleRow, ...] = (), title_channels: tuple[TitleRow, ...] = (),
                 layer_colours: Mapping[str, str] | None = None, vacancy_words: tuple[str, ...] = ()) -> None:
        self._init(levels=levels, layers=layers, scopes=scopes, responsibilities=responsibilities,
                   exclusive=exclusive, title_levels=title_levels, default_level=default_level,
                   seniority={} if seniority is None else seniority,
                   layer_default={} if layer_default is None else layer_default, title_layers=title_layers,
                   kpi_scopes=kpi_scopes, title_channels=title_channels,
                   layer_colours={} if layer_colours is None else layer_colours, vacancy_words=vacancy_words,
                   _rank={level: i for i, level in enumerate(levels)}, _tables={},
                   _vacancy=frozenset(normalise(w) for w in vacancy_words), _titles={}, _keys=None)

    def _table(self, name: str) -> Table:
        """The indexed table of ``title_levels``, ``title_layers``, ``kpi_scopes`` or ``title_channels``,
        built on first use."""
        table = self._tables.get(name)
        if table is None:
            table = Table(getattr(self, name), self.seniority if name == "title_levels" else None)
            self._tables[name] = table
        return table

    def indexed_tables(self) -> dict[str, Table]:
        """Every title table, indexed (for the pack cache)."""
        for name in _TABLES:
            self._table(name)
        return dict(self._tables)

    def with_tables(self, tables: dict[str, Table]) -> Vocabulary:
        """This vocabulary with its tables already indexed (from the pack cache)."""
        self._tables.update(tables)
        return self

    def rank(self, level: str) -> int:
        """Position in the level order; an unknown level ranks lowest."""
        return self._rank.get(level, -1)

    def rank_of(self, level: str, step: int = 0) -> int:
        """What rules compare: the level's position, refined by the title's seniority step."""
        return self.rank(level) * RANK_STEPS + step

    def infer_level(self, title: str) -> str:
        """The level a title implies: the first table row that matches, else the default."""
        return self.title_level(title).level

    def title_level(self, title: str) -> TitleGuess:
        """What the title table reads in ``title``: a level, its seniority step and the words that said so."""
        guess = self._titles.get(title)
        if guess is None:
            found = self._table("title_levels").read(title)
            step = max(-MAX_STEP, min(MAX_STEP, found.step))
            guess = (TitleGuess(found.value, step, found.words, matched=True, up_to=found.up_to)
                     if found.value is not None
                     else TitleGuess(self.default_level, 0, (), matched=False))
            self._titles[title] = guess
        return guess

    def role_facts(self, title: str, level: str | None, layer: str | None) -> dict[str, object]:
        """The model fields of a role's level, rank and layer, and where each came from.

        ``level`` and ``layer`` are what the role's lines say (None when absent).
        A layer is never defaulted from a level that was itself assumed.
        """
        if level is not None:
            facts: dict[str, object] = {"level": level, "level_origin": "written", "rank": self.rank_of(level)}
        else:
            guess = self.title_level(title)
            facts = {"level": guess.level, "level_origin": "title" if guess.matched else "default",
                     "level_words": guess.words, "rank": self.rank_of(guess.level, guess.step)}
            if guess.up_to is not None:
                facts["rank_max"] = self.rank_of(guess.up_to, MAX_STEP)
        channels = self.channels_in(title)
        if channels:
            facts["title_channels"] = channels
        if layer is not None:
            facts.update(layer=layer, layer_origin="written")
            return facts
        by_title = self._table("title_layers").read(title) if self.title_layers else Reading(None, 0, ())
        if by_title.value is not None:
            facts.update(layer=by_title.value, layer_origin="title", layer_words=by_title.words)
        elif facts["level_origin"] != "default" and str(facts["level"]) in self.layer_default:
            facts.update(layer=self.layer_default[str(facts["level"])], layer_origin="level")
        return facts

    def role_facts_of(self, combos: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], dict[str, object]]:
        """Complete role facts (every field of ``ROLE_FACT_DEFAULTS``) for each ``(title, level, layer)``.

        ``level`` and ``layer`` are as written, "" when absent. Each distinct
        combination is read once; the dicts are shared by the roles that have it.
        """
        return {combo: {**ROLE_FACT_DEFAULTS, **self.role_facts(combo[0], combo[1] or None, combo[2] or None)}
                for combo in combos}

    def title_keys(self, titles: Sequence[str]) -> Sequence[str]:
        """A key for each title under which it reads as it does (see ``titles.TitleKeys``), in order."""
        keys = self._keys
        if keys is None:
            keys = TitleKeys([self._table(name) for name in ("title_levels", "title_layers", "title_channels")])
            object.__setattr__(self, "_keys", keys)
        return keys.keys(titles)

    def vacant_rows(self, names: Sequence[str]) -> list[int]:
        """The positions in ``names`` of the names that mean "vacant" (``means_vacant``), for many at once.

        Plain ASCII names are searched in one pass over them all (their folded
        form is their lower case); others are folded one by one, once each.
        """
        plain: Sequence[str] = names
        others: set[str] = set()
        joined = "\n".join(names)
        if not joined.isascii():  # folded one by one; the regular expression sees the others
            plain = [name if name.isascii() else "" for name in names]
            others = {name for name in set(names) if not name.isascii() and self.means_vacant(name)}
            joined = "\n".join(plain)
        words = sorted(word for word in self._vacancy if word.isascii())
        starts: set[int] = set()
        if words:
            pattern = "|".join(r"[ \t]+".join(map(re.escape, word.split(" "))) for word in words)
            # Each name between line ends: a match starts at the line end before the name, at the
            # name's offset in ``joined`` (the engine jumps from line end to line end; ``^`` was
            # tried at every character).
            lowered = f"\n{joined.lower()}\n"
            starts = {match.start() for match in compiled(rf"\n[ \t]*(?:{pattern})[ \t]*(?=\n)").finditer(lowered)}
        if not starts and not others:
            return []
        offsets = itertools.accumulate((len(name) + 1 for name in plain), initial=0)
        # offsets has one more entry than names (accumulate's initial 0).
        return [row for row, (name, start) in enumerate(zip(names, offsets, strict=False))
                if start in starts or name in others]

    def channels_in(self, title: str) -> tuple[str, ...]:
        """Every specialty a title names ("Social & Content Lead": social, content), in table order."""
        return self._table("title_channels").values(title) if self.title_channels else ()

    def kpi_scope(self, name: str) -> Reading:
        """The scope a KPI's name implies ("Customer Acquisition Cost": execution), or a Reading of None."""
        return self._table("kpi_scopes").read(name)

    def means_vacant(self, person: str) -> bool:
        """Whether a person's name is really a vacancy ("Vacant", "TBH", "To be hired")."""
        return normalise(" ".join(person.split())) in self._vacancy

    def words(self, name: str) -> tuple[str, ...]:
        """The allowed words of a vocabulary-valued key: level, layer or scope."""
        return {"level": self.levels, "layer": self.layers, "scope": self.scopes}[name]
