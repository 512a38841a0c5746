"""referenced-layer: the layer of the roles an attribute names fits a selector value (KPI002).

``allowed`` maps each value of the ``by`` attribute (e.g. a KPI's scope) to
the layers its roles may have; "none" stands for a role without a layer.
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks.base import CheckKind, Hit, Param, Params, named_roles
from orgmodel.model import Org, values
from orgmodel.vocabulary import Vocabulary


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
                              "allowed": " or ".join(allowed[by_value])})


KIND = CheckKind(
    name="referenced-layer",
    run=check,
    summary="Roles named by an attribute are in a layer that fits another attribute's value.",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("str", required=True, help="an attribute that names roles"),
        "by": Param("str", required=True, help="the attribute whose value selects the allowed layers"),
        "allowed": Param("table", required=True, help="value of `by` -> allowed layers ('none' = no layer)"),
    },
    cases={"default": ("target", "layer", "by_value", "allowed")},
)
