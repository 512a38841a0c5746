"""The role filter that rules share: ``where = { level = [...], min-level = "...", ... }``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgmodel.model import Role
from orgmodel.vocabulary import Vocabulary

KEYS = ("level", "min-level", "layer", "team", "vacant")


def matches(role: Role, where: Mapping[str, Any], vocabulary: Vocabulary) -> bool:
    """True when ``role`` meets every condition in ``where`` (an empty filter matches all)."""
    if not where:
        return True
    if "level" in where and role.level not in where["level"]:
        return False
    if "min-level" in where and vocabulary.rank(role.level) < vocabulary.rank(where["min-level"]):
        return False
    if "layer" in where and (role.layer or "none") not in where["layer"]:
        return False
    if "team" in where and (role.team is None or role.team.text not in where["team"]):
        return False
    if "vacant" in where and role.vacant != where["vacant"]:
        return False
    return True
