"""The vocabulary as TOML: ``[vocabulary]`` in a pack, and ``[extend-vocabulary]`` in packs and settings.

``[vocabulary]`` defines every word (the built-in pack has it; a custom pack
may replace it); ``[extend-vocabulary]`` adds to whatever vocabulary is in
force: title words, levels, seniority words, responsibilities, exclusive
duties, layer defaults. Every value is checked here, once; an error names
the key path, which the caller turns into a file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from orgmodel.titles import Phrases, TitleRow, phrase_error
from orgmodel.vocabulary import MAX_STEP, Responsibility, Vocabulary

Path = tuple[str | int, ...]
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
_WORD = re.compile(r"[a-z][a-z0-9-]*\Z")

VOCABULARY_KEYS = ("levels", "layers", "scopes", "exclusive", "default-level", "vacancy-words", "layer-default",
                   "layer-colours", "seniority", "responsibilities", "title-level", "title-layer", "kpi-scope",
                   "title-channel")
EXTEND_KEYS = ("levels", "exclusive", "vacancy-words", "layer-default", "seniority", "responsibilities",
               "title-level", "title-layer", "kpi-scope", "title-channel")


class VocabularyError(Exception):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message

    @property
    def key(self) -> str:
        return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in self.path).replace(".[", "[")


def _fail(path: Path, message: str) -> VocabularyError:
    return VocabularyError(path, message)


def _table(value: Any, path: Path) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "must be a table")
    return value


def _strings(value: Any, path: Path, allowed: Sequence[str] | None = None, what: str = "") -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, "must be a list of non-empty strings")
    if allowed is not None:
        for item in value:
            if item not in allowed:
                raise _fail(path, f"'{item}' is not a {what} (known: {', '.join(allowed)})")
    return tuple(value)


def _one_of(value: Any, path: Path, allowed: Sequence[str], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(path, f"must be a {what}, one of: {', '.join(allowed)}")
    return value


def _words(value: Any, path: Path) -> tuple[str, ...]:
    words = _strings(value, path)
    for word in words:
        if not _WORD.match(word):
            raise _fail(path, f"'{word}' must be lower-case letters, digits and '-', starting with a letter")
    if len(set(words)) != len(words):
        raise _fail(path, "lists a word twice")
    return words


def _phrases(value: Any, path: Path) -> Phrases:
    items = value if isinstance(value, list) else None
    if items is None:
        raise _fail(path, "must be a list of phrases")
    for item in items:
        error = phrase_error(item)
        if error:
            raise _fail(path, error)
    return Phrases.of(items)


def _rows(value: Any, path: Path, field: str, allowed: Sequence[str] | None) -> tuple[TitleRow, ...]:
    """``[[...]]`` rows: ``field`` (a value from ``allowed``, or any word), any, all, unless, step."""
    if not isinstance(value, list):
        raise _fail(path, "must be an array of tables ([[...]])")
    rows = []
    for index, raw in enumerate(value):
        at = (*path, index)
        raw = _table(raw, at)
        for key in raw:
            allowed_keys = (field, "any", "all", "unless", "step", *(("up-to",) if field == "level" else ()))
            if key not in allowed_keys:
                raise _fail((*at, key), f"unknown key '{key}' (allowed: {', '.join(allowed_keys)})")
        if "any" not in raw:
            raise _fail(at, "needs 'any': the phrases that select this row")
        step = raw.get("step")
        if step is not None and (not isinstance(step, int) or isinstance(step, bool) or abs(step) > MAX_STEP):
            raise _fail((*at, "step"), f"must be a whole number from -{MAX_STEP} to {MAX_STEP}")
        value = raw.get(field)
        if allowed is None:
            if not isinstance(value, str) or not _WORD.match(value):
                raise _fail((*at, field), f"must be a {field} word: lower-case letters, digits and '-'")
        else:
            value = _one_of(value, (*at, field), allowed, field)
        up_to = raw.get("up-to")
        if up_to is not None and allowed is not None:
            up_to = _one_of(up_to, (*at, "up-to"), allowed, "level")
            if allowed.index(up_to) <= allowed.index(value):
                raise _fail((*at, "up-to"), f"must be a level above '{value}'")
        rows.append(TitleRow(value,
                             _phrases(raw["any"], (*at, "any")), _phrases(raw.get("all", []), (*at, "all")),
                             _phrases(raw.get("unless", []), (*at, "unless")), step, up_to))
    return tuple(rows)


def _seniority(value: Any, path: Path) -> dict[str, int]:
    table = _table(value, path)
    for word, step in table.items():
        error = phrase_error(word)
        if error or not isinstance(step, int) or isinstance(step, bool) or abs(step) > MAX_STEP:
            raise _fail((*path, word), error or f"must be a whole number from -{MAX_STEP} to {MAX_STEP}")
    return dict(table)


def _responsibilities(value: Any, path: Path, levels: Sequence[str], layers: Sequence[str],
                      ) -> dict[str, Responsibility]:
    found = {}
    for keyword, raw in _table(value, path).items():
        at = (*path, keyword)
        if not _WORD.match(keyword):
            raise _fail(at, f"'{keyword}' must be lower-case letters, digits and '-'")
        raw = _table(raw, at)
        for key in raw:
            if key not in ("layers", "min-level"):
                raise _fail((*at, key), f"unknown key '{key}' (allowed: layers, min-level)")
        if "layers" not in raw:
            raise _fail(at, "needs 'layers': the layers whose roles may hold it")
        minimum = raw.get("min-level")
        found[keyword] = Responsibility(
            keyword, _strings(raw["layers"], (*at, "layers"), layers, "layer"),
            _one_of(minimum, (*at, "min-level"), levels, "level") if minimum is not None else None)
    return found


def _layer_default(value: Any, path: Path, levels: Sequence[str], layers: Sequence[str]) -> dict[str, str]:
    table = _table(value, path)
    for level, layer in table.items():
        _one_of(level, (*path, level), levels, "level")
        _one_of(layer, (*path, level), layers, "layer")
    return dict(table)


def _unknown(raw: Mapping[str, Any], allowed: Sequence[str], path: Path) -> None:
    for key in raw:
        if key not in allowed:
            raise _fail((*path, key), f"unknown key '{key}' (allowed: {', '.join(allowed)})")


def read_vocabulary(raw: Any) -> Vocabulary:
    """A whole vocabulary from a ``[vocabulary]`` table; raises VocabularyError."""
    path: Path = ("vocabulary",)
    raw = _table(raw, path)
    _unknown(raw, VOCABULARY_KEYS, path)
    for key in ("levels", "layers", "scopes", "exclusive", "default-level", "responsibilities", "title-level"):
        if key not in raw:
            raise _fail(path, f"needs '{key}'")
    levels = _words(raw["levels"], (*path, "levels"))
    layers = _words(raw["layers"], (*path, "layers"))
    colours = _table(raw.get("layer-colours", {}), (*path, "layer-colours"))
    for layer in layers:
        colour = colours.get(layer)
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise _fail((*path, "layer-colours", layer) if layer in colours else (*path, "layer-colours"),
                        f"layer '{layer}' needs a card colour such as \"#dbeafe\" (charts fill cards by layer)")
    _unknown(colours, layers, (*path, "layer-colours"))
    responsibilities = _responsibilities(raw["responsibilities"], (*path, "responsibilities"), levels, layers)
    return Vocabulary(
        levels=levels, layers=layers, scopes=_words(raw["scopes"], (*path, "scopes")),
        responsibilities=responsibilities,
        exclusive=_strings(raw["exclusive"], (*path, "exclusive"), tuple(responsibilities), "known responsibility"),
        title_levels=_rows(raw["title-level"], (*path, "title-level"), "level", levels),
        default_level=_one_of(raw["default-level"], (*path, "default-level"), levels, "level"),
        seniority=_seniority(raw.get("seniority", {}), (*path, "seniority")),
        layer_default=_layer_default(raw.get("layer-default", {}), (*path, "layer-default"), levels, layers),
        title_layers=_rows(raw.get("title-layer", []), (*path, "title-layer"), "layer", layers),
        kpi_scopes=_rows(raw.get("kpi-scope", []), (*path, "kpi-scope"), "scope",
                         _words(raw["scopes"], (*path, "scopes"))),
        title_channels=_rows(raw.get("title-channel", []), (*path, "title-channel"), "channel", None),
        layer_colours=dict(colours),
        vacancy_words=_strings(raw.get("vacancy-words", []), (*path, "vacancy-words")),
    )


def _insert_levels(base: Vocabulary, value: Any, path: Path) -> tuple[str, ...]:
    """The level order with ``[{name, above|below}]`` inserted."""
    levels = list(base.levels)
    if not isinstance(value, list):
        raise _fail(path, 'must be a list of tables such as { name = "head", above = "manager" }')
    for index, raw in enumerate(value):
        at = (*path, index)
        raw = _table(raw, at)
        _unknown(raw, ("name", "above", "below"), at)
        name = raw.get("name")
        if not isinstance(name, str) or not _WORD.match(name) or name in levels:
            raise _fail((*at, "name"), "must be a new level: lower-case letters, digits and '-'")
        if ("above" in raw) == ("below" in raw):
            raise _fail(at, "needs exactly one of 'above' and 'below' (an existing level)")
        anchor = _one_of(raw.get("above", raw.get("below")), (*at, "above" if "above" in raw else "below"),
                         levels, "level")
        levels.insert(levels.index(anchor) + (1 if "above" in raw else 0), name)
    return tuple(levels)


def extend_vocabulary(base: Vocabulary, raw: Any, root: str = "extend-vocabulary") -> Vocabulary:
    """``base`` with an ``[extend-vocabulary]`` table's additions; raises VocabularyError.

    New title rows are tried before the existing ones, so a team's words win.
    """
    path: Path = (root,)
    raw = _table(raw, path)
    _unknown(raw, EXTEND_KEYS, path)
    levels = _insert_levels(base, raw["levels"], (*path, "levels")) if "levels" in raw else base.levels
    responsibilities = {**base.responsibilities, **_responsibilities(
        raw.get("responsibilities", {}), (*path, "responsibilities"), levels, base.layers)}
    exclusive = _strings(raw.get("exclusive", []), (*path, "exclusive"), tuple(responsibilities),
                         "known responsibility")
    return base.replace(
        levels=levels, responsibilities=responsibilities,
        exclusive=base.exclusive + tuple(e for e in exclusive if e not in base.exclusive),
        title_levels=_rows(raw.get("title-level", []), (*path, "title-level"), "level", levels) + base.title_levels,
        seniority={**base.seniority, **_seniority(raw.get("seniority", {}), (*path, "seniority"))},
        layer_default={**base.layer_default, **_layer_default(raw.get("layer-default", {}), (*path, "layer-default"),
                                                               levels, base.layers)},
        title_layers=_rows(raw.get("title-layer", []), (*path, "title-layer"), "layer", base.layers)
        + base.title_layers,
        kpi_scopes=_rows(raw.get("kpi-scope", []), (*path, "kpi-scope"), "scope", base.scopes) + base.kpi_scopes,
        title_channels=_rows(raw.get("title-channel", []), (*path, "title-channel"), "channel", None)
        + base.title_channels,
        vacancy_words=base.vacancy_words + _strings(raw.get("vacancy-words", []), (*path, "vacancy-words")),
    )
