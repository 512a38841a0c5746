"""known-responsibility: ``owns`` uses the vocabulary's words (RESP003)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Params
from orgmodel.checks.rows import named
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    from orgmodel.suggest import did_you_mean  # difflib: only when a word is unknown

    known = vocabulary.responsibilities
    for role in org.roles.values():
        for value in role.owns:
            if value.text not in known:
                yield Hit(role.id, value.line, value.column, value.end_column,
                          fields={"keyword": value.text, "suggestion": did_you_mean(value.text, known)})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    return not named(columns, "role", "owns") <= vocabulary.responsibilities.keys()


KIND = CheckKind(
    name="known-responsibility",
    run=check,
    summary="Every responsibility keyword is in the pack's vocabulary.",
    cases={"default": ("keyword", "suggestion")},
    screen=screen,
)
