"""unreferenced: declarations that nothing refers to (XFN002: a department nobody liaises with).

``entity`` is the declaration kind; ``by`` lists ``kind.attribute`` pairs
whose values may name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.attributes import values
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import named as rows_named
from orgmodel.columns import OrgColumns
from orgmodel.dsl.grammar import KINDS
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    from orgmodel.model import Value

    named: set[str] = set()
    for pair in params["by"]:
        kind, _, attribute = pair.partition(".")
        for entity in org.entities(kind).values():
            named.update(v.text for v in values(entity, attribute) if isinstance(v, Value))
    for entity in org.entities(params["entity"]).values():
        if entity.id not in named:
            yield Hit(entity.id, entity.line, entity.column, fields={"name": getattr(entity, "name", "")})


def validate(params: Params, vocabulary: Vocabulary) -> tuple[str, str] | None:
    for pair in params["by"]:
        kind, _, attribute = pair.partition(".")
        spec = KINDS[kind].keys.get(attribute) if kind in KINDS else None
        if spec is None or spec.target != params["entity"]:
            return "by", f"'{pair}' in by is not a kind.attribute that names a {params['entity']}"
    return None


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a declaration of the kind is named by none of the attributes."""
    named: set[str] = set()
    for pair in params["by"]:
        kind, _, attribute = pair.partition(".")
        named |= rows_named(columns, kind, attribute)
    return not set(columns.tables[params["entity"]].keys) <= named


KIND = CheckKind(
    name="unreferenced",
    run=check,
    summary="Each declaration of a kind is named by at least one of the listed attributes.",
    params={
        "entity": Param("str", required=True, choices=("role", "kpi", "campaign", "team", "department"),
                        help="the declaration kind"),
        "by": Param("words", required=True, items=(1, None), help="kind.attribute pairs that may name it, "
                                                                   "e.g. role.liaises-with"),
    },
    cases={"default": ("name",)},
    validate=validate,
    screen=screen,
)
