"""Validating a rule's parameters against its check kind's schema (once, when a pack or settings load).

Every value is checked against its :class:`~orgmodel.checks.base.Param`:
type, choices, sizes and vocabulary words; then the kind's own ``validate``
hook checks what spans parameters. Check functions trust what they receive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from orgmodel.checks import where
from orgmodel.checks.base import CheckKind, Param
from orgmodel.dsl.grammar import KINDS
from orgmodel.finding import SEVERITY_WORDS
from orgmodel.vocabulary import Vocabulary

ENTITY_KINDS = ("role", "kpi", "campaign")


def _strings(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, str) for i in items)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SHAPES = {
    "int": (_is_int, "a whole number"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "str": (lambda v: isinstance(v, str), "a string"),
    "words": (_strings, "a list of strings"),
    "table": (lambda v: isinstance(v, dict) and all(_strings(x) for x in v.values()), "a table of lists of strings"),
    "pairs": (lambda v: isinstance(v, list) and all(_strings(x) for x in v), "a list of lists of strings"),
    "where": (lambda v: isinstance(v, dict), "a table"),
    "severity": (lambda v: v in SEVERITY_WORDS, f"one of {', '.join(SEVERITY_WORDS)}"),
    "entity": (lambda v: v in ENTITY_KINDS, f"one of {', '.join(ENTITY_KINDS)}"),
    "attribute": (lambda v: isinstance(v, str), "an attribute key as written, e.g. owner"),
    "level": (lambda v: isinstance(v, str), "a level"),
}


def vocabulary_words(vocabulary: Vocabulary, name: str) -> tuple[str, ...]:
    """The words of one part of the vocabulary, by the name a Param gives it."""
    return {"levels": vocabulary.levels, "layers": vocabulary.layers, "scopes": vocabulary.scopes,
            "responsibilities": tuple(vocabulary.responsibilities)}[name]


def words_error(key: str, words: Iterable[str], vocabulary: Vocabulary, part: str, extra: tuple[str, ...] = (),
                ) -> str | None:
    """Why one of ``words`` is not a word of the vocabulary's ``part`` (levels, layers ...), or None."""
    known = (*vocabulary_words(vocabulary, part), *extra)
    for word in words:
        if word not in known:
            return f"'{word}' in {key} is not one of the {part} ({', '.join(known)})"
    return None


def levels_error(key: str, levels: Iterable[str], vocabulary: Vocabulary) -> str | None:
    return words_error(key, levels, vocabulary, "levels")


def _count_error(name: str, count: int, items: tuple[int, int | None], what: str) -> str | None:
    low, high = items
    if count < low or (high is not None and count > high):
        wanted = f"exactly {low}" if low == high else (f"at least {low}" if high is None else f"{low} to {high}")
        return f"parameter '{name}' needs {wanted} {what}, not {count}"
    return None


def _value_error(param: Param, name: str, value: Any, vocabulary: Vocabulary) -> str | None:
    """Why ``value`` does not fit ``param`` on its own, or None."""
    test, shape = _SHAPES[param.type]
    if not test(value):
        return f"parameter '{name}' must be {shape}"
    if param.choices and value not in param.choices:
        return f"parameter '{name}' must be one of {', '.join(param.choices)}, not '{value}'"
    if param.minimum is not None and value < param.minimum:
        return f"parameter '{name}' must be at least {param.minimum}"
    if param.type == "words":
        error = _count_error(name, len(value), param.items, "items")
        if error or param.vocabulary is None:
            return error
        return words_error(name, value, vocabulary, param.vocabulary)
    if param.type == "pairs":
        return next((e for group in value if (e := _count_error(name, len(group), param.items, "titles in a group"))),
                    None)
    if param.type == "level":
        return levels_error(name, [value], vocabulary)
    if param.type == "where":
        return where.error(value, vocabulary)
    if param.type == "table":
        for key, items in value.items():
            error = (words_error(name, [key], vocabulary, param.keys) if param.keys else None) or (
                words_error(f"{name}.{key}", items, vocabulary, param.vocabulary, ("none",)) if param.vocabulary
                else None)
            if error:
                return error
    return None


def _attribute_error(param: Param, name: str, value: str, params: Mapping[str, Any]) -> str | None:
    """Why an attribute parameter names no suitable key of its declaration kind, or None."""
    kind = str(params.get(param.of))
    spec = KINDS[kind].keys.get(value) if kind in KINDS else None
    if spec is None:
        keys = ", ".join(KINDS[kind].keys) if kind in KINDS else "none"
        return f"parameter '{name}': {kind} has no attribute '{value}' (its attributes: {keys})"
    if param.names is not None and spec.target != param.names:
        return f"parameter '{name}': {kind}'s '{value}' does not name {param.names}s"
    return None


def param_error(kind: CheckKind, name: str, value: Any, vocabulary: Vocabulary) -> str | None:
    """Why ``value`` is not a valid parameter ``name`` of ``kind`` on its own, or None when it is."""
    param = kind.params.get(name)
    if param is None:
        return f"unknown parameter '{name}' for kind {kind.name} (allowed: {', '.join(kind.params) or 'none'})"
    return _value_error(param, name, value, vocabulary)


def params_error(kind: CheckKind, params: Mapping[str, Any], vocabulary: Vocabulary) -> tuple[str, str] | None:
    """``(parameter, why)`` for the first problem that spans parameters, or None.

    Run on the complete parameters (defaults filled in), after each was checked alone.
    """
    for name, param in kind.params.items():
        if param.type == "attribute" and params.get(name) is not None:
            error = _attribute_error(param, name, params[name], params)
            if error:
                return name, error
    return kind.validate(params, vocabulary) if kind.validate else None
