"""Validating a rule's parameters against its check kind's schema (once, when a pack loads)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgmodel.checks import where
from orgmodel.checks.base import CheckKind, Param
from orgmodel.finding import SEVERITY_WORDS
from orgmodel.vocabulary import Vocabulary

ENTITY_KINDS = ("role", "kpi", "campaign")


def _check_type(param: Param, value: Any) -> bool:
    def strings(items: Any) -> bool:
        return isinstance(items, list) and all(isinstance(i, str) for i in items)

    return {
        "int": lambda: isinstance(value, int) and not isinstance(value, bool),
        "str": lambda: isinstance(value, str),
        "words": lambda: strings(value),
        "table": lambda: isinstance(value, dict) and all(strings(v) for v in value.values()),
        "pairs": lambda: isinstance(value, list) and all(strings(v) for v in value),
        "where": lambda: isinstance(value, dict),
        "severity": lambda: value in SEVERITY_WORDS,
        "entity": lambda: value in ENTITY_KINDS,
    }[param.type]()


_TYPE_WORDS = {
    "int": "a whole number", "str": "a string", "words": "a list of strings",
    "table": "a table of lists of strings", "pairs": "a list of lists of strings",
    "where": "a table", "severity": f"one of {', '.join(SEVERITY_WORDS)}",
    "entity": f"one of {', '.join(ENTITY_KINDS)}",
}


def param_error(kind: CheckKind, name: str, value: Any, vocabulary: Vocabulary) -> str | None:
    """Why ``value`` is not a valid parameter ``name`` of ``kind``, or None when it is."""
    param = kind.params.get(name)
    if param is None:
        return f"unknown parameter '{name}' for kind {kind.name} (allowed: {', '.join(kind.params) or 'none'})"
    if not _check_type(param, value):
        return f"parameter '{name}' must be {_TYPE_WORDS[param.type]}"
    if param.type == "where":
        return where_error(value, vocabulary)
    if name == "levels":
        return levels_error("levels", value, vocabulary)
    return None


def levels_error(key: str, levels: Iterable[str], vocabulary: Vocabulary) -> str | None:
    for level in levels:
        if level not in vocabulary.levels:
            return f"'{level}' in {key} is not a level (levels: {', '.join(vocabulary.levels)})"
    return None


def where_error(value: dict[str, Any], vocabulary: Vocabulary) -> str | None:
    for key, condition in value.items():
        if key not in where.KEYS:
            return f"unknown where-key '{key}' (allowed: {', '.join(where.KEYS)})"
        if key == "vacant":
            if not isinstance(condition, bool):
                return "where.vacant must be true or false"
        elif key == "min-level":
            if not isinstance(condition, str):
                return "where.min-level must be a level"
            error = levels_error("where.min-level", [condition], vocabulary)
            if error:
                return error
        elif not (isinstance(condition, list) and all(isinstance(c, str) for c in condition)):
            return f"where.{key} must be a list of strings"
        elif key == "level":
            error = levels_error("where.level", condition, vocabulary)
            if error:
                return error
    return None
