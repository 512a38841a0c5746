"""referenced-layer: the layer of the roles an attribute names fits a selector value (KPI002).

``allowed`` maps each value of the ``by`` attribute (e.g. a KPI's scope) to
the layers its roles may have; "none" stands for a role without a layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.attributes import values
from orgmodel.checks.base import CheckKind, Hit, Param, Params, named_roles
from orgmodel.checks.rows import roles as rows_of
from orgmodel.checks.rows import texts
from orgmodel.columns import OrgColumns
from orgmodel.dsl.grammar import KINDS
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:

    allowed = params["allowed"]
    for entity, value, target in named_roles(org, params["entity"], params["attribute"]):
        selector = values(entity, params["by"])
        if not selector or selector[0] not in allowed:
            continue
        by_value = str(selector[0])
        layer = target.layer or "none"
        if layer not in allowed[by_value]:
            yield Hit(entity.id, value.line, value.column, value.end_column,
                      fields={"target": target.id, "layer": layer, "by_value": by_value,
                              "allowed": " or ".join(layer for layer in allowed[by_value] if layer != "none")})


def validate(params: Params, vocabulary: Vocabulary) -> tuple[str, str] | None:
    """The keys of ``allowed`` are words of the vocabulary that the ``by`` attribute takes."""
    from orgmodel.checks.params import words_error

    spec = KINDS[params["entity"]].keys[params["by"]]
    if spec.repeats or spec.value not in ("level", "layer", "scope"):
        return "by", f"parameter 'by': '{params['by']}' must be a single-valued level, layer or scope attribute"
    error = words_error("allowed", params["allowed"], vocabulary, f"{spec.value}s")
    return ("allowed", error) if error else None


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a named role's layer is outside what the entity's selector value allows (per distinct pair)."""
    allowed = params["allowed"]
    found = rows_of(columns)
    entity = params["entity"]
    pairs = set(zip(texts(columns, entity, params["by"]), texts(columns, entity, params["attribute"]), strict=True))
    for selector, named in pairs:
        if not selector or selector[0] not in allowed:
            continue
        for value in named:
            row = found.index.get(value)
            if row is not None and (found.table.facts(row)["layer"] or "none") not in allowed[selector[0]]:
                return True
    return False


KIND = CheckKind(
    name="referenced-layer",
    run=check,
    summary="Roles named by an attribute are in a layer that fits another attribute's value.",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("attribute", required=True, names="role", help="an attribute that names roles"),
        "by": Param("attribute", required=True, help="the attribute whose value selects the allowed layers"),
        "allowed": Param("table", required=True, vocabulary="layers",
                         help="value of `by` -> allowed layers ('none' = no layer)"),
    },
    cases={"default": ("target", "layer", "by_value", "allowed")},
    validate=validate,
    screen=screen,
)
