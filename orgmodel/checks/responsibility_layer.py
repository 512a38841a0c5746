"""responsibility-layer: a role's layer is one the vocabulary allows for what it owns (LAYER001).

Each responsibility keyword lists the layers whose roles may hold it; a
role's layer is the one written, read from its title, or its level's default.
A role below the keyword's lowest level is left to responsibility-level
(RESP004): a Lead holding the budget is one problem, reported once.
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
    if role.layer is not None:
        for value in role.owns:
            duty = known.get(value.text)
            if duty is None or role.layer in duty.layers:
                continue
            if duty.min_level and not assumed(role) and vocabulary.rank(role.level) < vocabulary.rank(duty.min_level):
                continue  # RESP004 reports it
            yield Hit(role.id, value.line, value.column, value.end_column,
                      fields={"keyword": value.text, "layer": role.layer, "allowed": " or ".join(duty.layers),
                              "origin": role.layer_origin})


KIND = CheckKind(
    name="responsibility-layer",
    run=check,
    summary="No role holds a responsibility that the vocabulary gives to other layers.",
    cases={"default": ("keyword", "layer", "allowed", "origin")},
    screen=screen,
)
