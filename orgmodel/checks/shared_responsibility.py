"""shared-responsibility: an exclusive responsibility has at most one holder (RESP001)."""

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
    keywords = set(params["keywords"] or vocabulary.exclusive)
    first_holder: dict[str, str] = {}
    for role in org.roles.values():
        for value in role.owns:
            if value.text not in keywords:
                continue
            first = first_holder.setdefault(value.text, role.id)
            if first != role.id:
                yield Hit(role.id, value.line, value.column, value.end_column,
                          fields={"keyword": value.text, "first": first})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether two roles hold one of the keywords."""
    keywords = set(params["keywords"] or vocabulary.exclusive)
    keys = columns.roles.keys
    return any(len({keys[row] for row in rows}) > 1 for word, rows in rows_of(columns).holders.items()
               if word in keywords)


KIND = CheckKind(
    name="shared-responsibility",
    run=check,
    summary="Each exclusive responsibility is held by one role at most.",
    params={"keywords": Param("words", [], vocabulary="responsibilities",
                              help="responsibilities to check (default: the vocabulary's exclusive ones)")},
    cases={"default": ("keyword", "first")},
    screen=screen,
)
