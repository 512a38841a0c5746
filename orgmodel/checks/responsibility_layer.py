"""responsibility-layer: a role's layer fits the class of what it owns (LAYER001).

``conflicts`` maps a role's layer to the responsibility classes it must not hold.
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    conflicts = params["conflicts"]
    for role in org.roles.values():
        forbidden = conflicts.get(role.layer or "none", ())
        for value in role.owns:
            kind = vocabulary.responsibilities.get(value.text)
            if kind in forbidden:
                yield Hit(role.id, value.line, value.column, value.end_column,
                          fields={"keyword": value.text, "class": kind, "layer": role.layer})


KIND = CheckKind(
    name="responsibility-layer",
    run=check,
    summary="No role holds a responsibility whose class conflicts with its layer.",
    params={"conflicts": Param("table", required=True, help="role layer -> responsibility classes it must not hold")},
    cases={"default": ("keyword", "class", "layer")},
)
