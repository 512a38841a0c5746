"""An attribute of an entity by its key as written in the language (``reports-to`` is ``reports_to``).

Its own module so that checks and the columnar core can use it without
importing the model's classes (``orgmodel.model`` re-exports it).
"""

from __future__ import annotations

from typing import Any


def field(key: str) -> str:
    """The model field of a language key: ``reports-to`` -> ``reports_to``."""
    return key.replace("-", "_")


def values(entity: Any, key: str) -> tuple[Any, ...]:
    """The values of attribute ``key`` (as written in the language) as a tuple.

    A single-valued attribute that is absent gives ``()``.
    """
    value = getattr(entity, field(key), None)
    if value is None:
        return ()
    if isinstance(value, tuple):
        return value
    return (value,)
