"""responsibility-level: no role holds a responsibility below the level it needs (RESP004).

Each responsibility keyword may name the lowest level that holds it (the
vocabulary's ``min-level``): the budget, the calendar, final messaging
sign-off and the strategic duties are not a Lead's or a contributor's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Params, assumed
from orgmodel.checks.rows import owners
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Role


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    for role in org.roles.values():
        yield from _hits(role, vocabulary)


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """The check itself, on the few roles that own anything."""
    return any(next(_hits(columns.probe("role", row), vocabulary), None) for row in owners(columns))  # type: ignore[arg-type]


def _hits(role: Role, vocabulary: Vocabulary) -> Iterator[Hit]:
    known = vocabulary.responsibilities
    if not assumed(role):  # an assumed level is a guess: TITLE002 asks for it
        for value in role.owns:
            duty = known.get(value.text)
            if duty is not None and duty.min_level and vocabulary.rank(role.level) < vocabulary.rank(duty.min_level):
                yield Hit(role.id, value.line, value.column, value.end_column,
                          fields={"keyword": value.text, "level": role.level, "min_level": duty.min_level})


KIND = CheckKind(
    name="responsibility-level",
    run=check,
    summary="No role holds a responsibility below the lowest level the vocabulary gives it.",
    cases={"default": ("keyword", "level", "min_level")},
    screen=screen,
)
