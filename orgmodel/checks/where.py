"""The role filter that rules share: ``where = { min-level = "manager", manages = true, ... }``.

Levels are names on ranks: ``min-level``, ``max-level`` and ``below-level``
compare a role's level by its place in the pack's order, so a pack that adds
a level between two others keeps every range working.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Role

# key -> what its value must be
KEYS = {
    "level": "a list of levels",
    "min-level": "a level: the role's level is this or higher",
    "max-level": "a level: the role's level is this or lower",
    "below-level": "a level: the role's level is lower than this",
    "layer": "a list of layers ('none': no layer)",
    "team": "a list of team IDs",
    "vacant": "true or false",
    "manages": "true or false: the role has (or has no) solid-line reports",
    "level-origin": "a list of where the level came from: written, title, default",
    "specialised": "true or false: the role names a channel, in a channel line or in its title",
    "level-bound": "true or false: the role manages people or holds a responsibility with a min-level",
}
_LEVEL_BOUNDS = ("min-level", "max-level", "below-level")


def matches(role: Role, where: Mapping[str, Any], vocabulary: Vocabulary, org: Org | None = None) -> bool:
    """True when ``role`` meets every condition in ``where`` (an empty filter matches all).

    ``manages`` needs the ``org`` the role belongs to.
    """
    if not where:
        return True
    if "level" in where and role.level not in where["level"]:
        return False
    rank = vocabulary.rank(role.level)
    if "min-level" in where and rank < vocabulary.rank(where["min-level"]):
        return False
    if "max-level" in where and rank > vocabulary.rank(where["max-level"]):
        return False
    if "below-level" in where and rank >= vocabulary.rank(where["below-level"]):
        return False
    if "layer" in where and (role.layer or "none") not in where["layer"]:
        return False
    if "team" in where and (role.team is None or role.team.text not in where["team"]):
        return False
    if "vacant" in where and role.vacant != where["vacant"]:
        return False
    if "manages" in where and org is not None and (role.id in org.direct_reports) != where["manages"]:
        return False
    if "level-origin" in where and role.level_origin not in where["level-origin"]:
        return False
    if "specialised" in where and bool(role.channel or role.title_channels) != where["specialised"]:
        return False
    if "level-bound" in where and org is not None and _level_bound(role, org, vocabulary) != where["level-bound"]:
        return False
    return True


def _level_bound(role: Role, org: Org, vocabulary: Vocabulary) -> bool:
    """Whether a rule would judge the role by its level: it manages people or holds a level-bound duty."""
    if role.id in org.direct_reports:
        return True
    duties = vocabulary.responsibilities
    return any(v.text in duties and duties[v.text].min_level for v in role.owns)


def error(value: Mapping[str, Any], vocabulary: Vocabulary) -> str | None:
    """Why ``value`` is not a valid filter, or None."""
    for key, condition in value.items():
        if key not in KEYS:
            return f"unknown where-key '{key}' (allowed: {', '.join(KEYS)})"
        if key in ("vacant", "manages", "specialised", "level-bound"):
            if not isinstance(condition, bool):
                return f"where.{key} must be true or false"
        elif key in _LEVEL_BOUNDS:
            if not isinstance(condition, str) or condition not in vocabulary.levels:
                return f"where.{key} must be a level, one of: {', '.join(vocabulary.levels)}"
        elif not (isinstance(condition, list) and all(isinstance(c, str) for c in condition)):
            return f"where.{key} must be a list of strings"
        elif key == "level":
            unknown = [c for c in condition if c not in vocabulary.levels]
            if unknown:
                return f"'{unknown[0]}' in where.level is not a level (levels: {', '.join(vocabulary.levels)})"
        elif key == "level-origin":
            unknown = [c for c in condition if c not in ("written", "title", "default")]
            if unknown:
                return f"'{unknown[0]}' in where.level-origin is not one of: written, title, default"
        elif key == "layer":
            unknown = [c for c in condition if c not in (*vocabulary.layers, "none")]
            if unknown:
                return f"'{unknown[0]}' in where.layer is not a layer (layers: {', '.join(vocabulary.layers)}, none)"
    return None


def describe(where: Mapping[str, Any], vocabulary: Vocabulary) -> str:
    """The levels a filter admits, for messages: "manager", "director or below", "lead to director"."""
    levels = [level for level in vocabulary.levels
              if matches(_probe(level), {k: v for k, v in where.items() if k == "level" or k in _LEVEL_BOUNDS},
                         vocabulary)]
    if not levels:
        return "none"
    first, last = vocabulary.levels.index(levels[0]), vocabulary.levels.index(levels[-1])
    if len(levels) == 1:
        return levels[0]
    if last - first + 1 != len(levels):  # not one range: list them
        return ", ".join(levels[:-1]) + " or " + levels[-1]
    if first == 0:
        return f"{levels[-1]} or below"
    if last == len(vocabulary.levels) - 1:
        return f"{levels[0]} or above"
    return f"{levels[0]} to {levels[-1]}"


def _probe(level: str) -> Role:
    from orgmodel.model import Role

    return Role(id="probe", title="", line=0, column=0, level=level)
