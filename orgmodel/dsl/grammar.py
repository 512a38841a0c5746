"""The orgmodel language: which declarations exist and which keys each takes.

Vocabularies that rules reason about (levels, layers, scopes, responsibilities,
title levels) live in the rule pack, not here; this module only knows shapes.
"""

from __future__ import annotations

from collections.abc import Mapping

from orgmodel.patterns import compiled
from orgmodel.records import Record

IDENTIFIER = compiled(r"[^\W\d_][\w-]*\Z")


class KeySpec(Record):
    """What values a key takes.

    ``value`` is one of: "string" (one quoted string), "person" (a string or
    the word ``vacant``), "word" (identifier-like words), "ref" (IDs of
    ``target`` declarations), or a vocabulary name ("level", "layer",
    "scope") whose words the rule pack defines.
    """

    __slots__ = ("value", "repeats", "target")
    value: str
    repeats: bool
    target: str | None

    def __init__(self, value: str, repeats: bool = False, target: str | None = None) -> None:
        self._init(value=value, repeats=repeats, target=target)


class KindSpec(Record):
    __slots__ = ("has_id", "keys")
    has_id: bool
    keys: Mapping[str, KeySpec]

    def __init__(self, has_id: bool, keys: Mapping[str, KeySpec]) -> None:
        self._init(has_id=has_id, keys=keys)


def _ref(target: str) -> KeySpec:
    return KeySpec("ref", repeats=True, target=target)


KINDS: Mapping[str, KindSpec] = {
    "org": KindSpec(has_id=False, keys={}),
    "role": KindSpec(
        has_id=True,
        keys={
            "person": KeySpec("person"),
            # Repeats so that a second solid line is kept and reported as HIER003.
            "reports-to": _ref("role"),
            "dotted-to": _ref("role"),
            "level": KeySpec("level"),
            "layer": KeySpec("layer"),
            "team": KeySpec("ref", target="team"),
            "channel": KeySpec("word", repeats=True),
            "owns": KeySpec("word", repeats=True),
            "liaises-with": _ref("department"),
        },
    ),
    "kpi": KindSpec(
        has_id=True,
        keys={"owner": _ref("role"), "scope": KeySpec("scope"), "target": KeySpec("string")},
    ),
    "campaign": KindSpec(
        has_id=True,
        keys={"lead": _ref("role"), "channel": KeySpec("word", repeats=True), "kpi": _ref("kpi")},
    ),
    "team": KindSpec(has_id=True, keys={}),
    "department": KindSpec(has_id=True, keys={}),
}


def is_identifier(text: str) -> bool:
    """A letter, then letters, digits, ``-`` or ``_``."""
    return IDENTIFIER.match(text) is not None
