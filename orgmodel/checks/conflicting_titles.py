"""conflicting-titles: an org does not use two titles that mean the same (TITLE001).

Titles are compared whole, case-insensitively, with runs of spaces folded.
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org, Role
from orgmodel.vocabulary import Vocabulary


def _fold(title: str) -> str:
    return " ".join(title.casefold().split())


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    first_use: dict[str, Role] = {}
    for role in org.roles.values():
        first_use.setdefault(_fold(role.title), role)
    for group in params["titles"]:
        used = [first_use[_fold(t)] for t in group if _fold(t) in first_use]
        if len(used) < 2:
            continue
        used.sort(key=lambda role: role.line)
        first = used[0]
        for role in used[1:]:
            yield Hit(role.id, role.line, role.column,
                      fields={"title": role.title, "other": first.title, "other_role": first.id})


KIND = CheckKind(
    name="conflicting-titles",
    run=check,
    summary="Titles listed as synonyms are not both used in one org.",
    params={"titles": Param("pairs", required=True, items=(2, None), help="groups of titles that mean the same job")},
    cases={"default": ("title", "other", "other_role")},
)
