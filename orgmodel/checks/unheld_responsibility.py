"""unheld-responsibility: every exclusive responsibility has a holder (RESP002)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    held = {value.text for role in org.roles.values() for value in role.owns}
    for keyword in params["keywords"] or vocabulary.exclusive:
        if keyword not in held:
            yield Hit(None, org.name_line or 1, 1, fields={"keyword": keyword})


KIND = CheckKind(
    name="unheld-responsibility",
    run=check,
    summary="Each of the listed responsibilities is held by some role.",
    params={"keywords": Param("words", [], vocabulary="responsibilities", help="responsibilities to check (default: the vocabulary's exclusive ones)")},
    cases={"default": ("keyword",)},
)
