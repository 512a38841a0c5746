"""unheld-responsibility: every exclusive responsibility has a holder (RESP002), one in post (RESP005).

With ``filled = true`` a responsibility held only by vacant roles counts as
unheld: nobody does it until the role is filled. A file that records none of
the listed responsibilities gets one finding (case ``none``), not one each.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    holders: dict[str, list[str]] = {}
    for role in org.roles.values():
        for value in role.owns:
            holders.setdefault(value.text, []).append(role.id)
    keywords = params["keywords"] or vocabulary.exclusive
    if not params["filled"] and org.roles and not any(k in holders for k in keywords):
        yield Hit(None, org.name_line or 1, 1, case="none", fields={"keyword": ", ".join(keywords), "holders": ""})
        return
    for keyword in keywords:
        held_by = holders.get(keyword, [])
        if not params["filled"]:
            if not held_by:
                yield Hit(None, org.name_line or 1, 1, fields={"keyword": keyword, "holders": ""})
        elif held_by and all(org.roles[r].vacant for r in held_by):
            first = org.roles[held_by[0]]
            yield Hit(first.id, first.line, first.column, fields={"keyword": keyword, "holders": ", ".join(held_by)})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a keyword has no holder (or, with ``filled``, only vacant ones)."""
    holders = rows_of(columns).holders
    keywords = params["keywords"] or vocabulary.exclusive
    if not params["filled"]:
        return not all(keyword in holders for keyword in keywords)
    vacant = columns.roles.vacant
    return any(keyword in holders and all(vacant[row] for row in holders[keyword]) for keyword in keywords)


KIND = CheckKind(
    name="unheld-responsibility",
    run=check,
    summary="Each of the listed responsibilities is held by some role (with filled: by a role in post).",
    params={
        "keywords": Param("words", [], vocabulary="responsibilities",
                          help="responsibilities to check (default: the vocabulary's exclusive ones)"),
        "filled": Param("bool", False,
                        help="false: report duties nobody holds; true: duties held only by vacant roles"),
    },
    cases={"default": ("keyword", "holders"), "none": ("keyword",)},
    default_messages={"none": "no role holds any of {keyword}; record who does with owns lines"},
    screen=screen,
)
