"""fact-origin: a fact orgmodel had to assume rather than read (TITLE002, KPI004).

A role's level, a role's layer and a KPI's scope are either written, read
from the title or name, or assumed; this kind reports entities whose fact
came from one of the listed origins, so that a reader can confirm or fix it.
With ``owners`` (an attribute naming roles), only entities one of whose
named roles has a layer: a KPI's scope only decides KPI002 for such owners.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.attributes import values
from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org

FACTS = {"role": ("level", "layer"), "kpi": ("scope",)}
ORIGINS = ("written", "title", "name", "level", "default", "none")


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    from orgmodel.model import Role, Value

    fact, origins, owners = params["fact"], params["origins"], params["owners"]
    for entity in org.entities(params["entity"]).values():
        if isinstance(entity, Role) and not role_filter.matches(entity, params["where"], vocabulary, org):
            continue
        if owners and not any(org.roles[v.text].layer for v in values(entity, owners)
                              if isinstance(v, Value) and v.text in org.roles):
            continue
        if getattr(entity, f"{fact}_origin") in origins:
            yield Hit(entity.id, entity.line, entity.column,
                      fields={"fact": fact, "value": getattr(entity, fact) or "none",
                              "text": getattr(entity, "title", None) or getattr(entity, "name", "")})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether some entity's fact came from one of the origins (and, for roles, matches the filter)."""
    kind, fact, origins = params["entity"], params["fact"], params["origins"]
    table = columns.tables[kind]
    keys = {key for key, facts in enumerate(table.facts_of) if facts[f"{fact}_origin"] in origins}
    if not keys:
        return False
    if kind != "role":
        return True
    found = rows_of(columns)
    return bool(found.matching(params["where"], vocabulary, within=found.rows_with_facts(keys)))


def validate(params: Params, vocabulary: Vocabulary) -> tuple[str, str] | None:
    facts = FACTS.get(params["entity"], ())
    if params["fact"] not in facts:
        return "fact", f"parameter 'fact': a {params['entity']} has no inferred fact '{params['fact']}' " \
                       f"(facts: {', '.join(facts) or 'none'})"
    unknown = [o for o in params["origins"] if o not in ORIGINS]
    if unknown:
        return "origins", f"'{unknown[0]}' in origins is not one of: {', '.join(ORIGINS)}"
    return None


KIND = CheckKind(
    name="fact-origin",
    run=check,
    summary="Entities whose level, layer or scope came from one of the listed origins (e.g. assumed).",
    params={
        "entity": Param("entity", required=True, choices=("role", "kpi")),
        "fact": Param("str", required=True, help="level or layer (roles), scope (KPIs)"),
        "origins": Param("words", required=True, items=(1, None),
                         help="written, title, name, level (a layer from the level), default, none"),
        "where": Param("where", {}, help="only roles matching this filter"),
        "owners": Param("attribute", None, names="role",
                        help="only entities that name a role with a layer through this attribute"),
    },
    cases={"default": ("fact", "value", "text")},
    validate=validate,
    screen=screen,
)
