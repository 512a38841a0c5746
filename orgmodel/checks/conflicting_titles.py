"""conflicting-titles: an org does not use two titles that mean the same (TITLE001).

Titles are compared by their base: case and spacing folded, and a qualifier
after a comma, dash, parenthesis, " for " or " - " dropped, so "Marketing
Director, Snacks" and "Director of Marketing (Beverages)" conflict too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.columns import OrgColumns
from orgmodel.patterns import compiled
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Role

_QUALIFIER = compiled(r"\s*(?:[,(\[|/:]|\s[-\u2013\u2014]\s|\sfor\s|\s-\s).*$", re.IGNORECASE)


def base_title(title: str) -> str:
    """The title without its qualifier, case and spacing folded."""
    return " ".join(_QUALIFIER.sub("", title).casefold().split())


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    first_use: dict[str, Role] = {}
    for role in org.roles.values():
        first_use.setdefault(base_title(role.title), role)
    for group in params["titles"]:
        used = [first_use[base_title(t)] for t in group if base_title(t) in first_use]
        if len(used) < 2:
            continue
        used.sort(key=lambda role: role.line)
        first = used[0]
        for role in used[1:]:
            yield Hit(role.id, role.line, role.column,
                      fields={"title": role.title, "other": first.title, "other_role": first.id})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether two titles of a group may both be in use.

    A title whose base is ``b`` starts with ``b``'s words (case folded), so
    one search per title of a group, over every distinct title at once, rules
    a group out when at most one of its titles can be in use.
    """
    roles = columns.roles
    titles = "\n".join(roles.distinct_texts if roles.distinct_texts is not None else set(roles.texts)).casefold()
    for group in params["titles"]:
        used = [title for title in group if _may_be_used(base_title(title), titles)]
        if len(used) >= 2:
            return True
    return False


def _may_be_used(base: str, titles: str) -> bool:
    if not base:
        return True
    words = r"[^\S\n]+".join(map(re.escape, base.split(" ")))
    return compiled(rf"^[^\S\n]*{words}", re.MULTILINE).search(titles) is not None


KIND = CheckKind(
    name="conflicting-titles",
    run=check,
    summary="Titles listed as synonyms (compared without qualifiers) are not both used in one org.",
    params={"titles": Param("pairs", required=True, items=(2, None), help="groups of titles that mean the same job")},
    cases={"default": ("title", "other", "other_role")},
    screen=screen,
)
