"""referenced-overlap: an entity's values overlap those of the roles it names (CAMP003).

A campaign's channels are among its Lead's: document 000's Leads are
"responsible for each channel's success". Only checked when both sides
name values; a campaign or a Lead without channels is other rules' business.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from typing import TYPE_CHECKING

from orgmodel.attributes import values
from orgmodel.checks.base import CheckKind, Hit, Param, Params, named_roles
from orgmodel.checks.rows import roles as rows_of
from orgmodel.checks.rows import text_of, texts
from orgmodel.columns import OrgColumns, split
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Value


def _texts(found: tuple[Value | str, ...]) -> set[str]:
    from orgmodel.model import Value

    return {v.text if isinstance(v, Value) else v for v in found}


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:

    for entity, value, target in named_roles(org, params["entity"], params["attribute"]):
        mine = _texts(values(entity, params["values"]))
        theirs = _texts(values(target, params["role-values"]))
        if mine and theirs and not mine & theirs:
            yield Hit(entity.id, value.line, value.column, value.end_column,
                      fields={"target": target.id, "values": ", ".join(sorted(mine)),
                              "target_values": ", ".join(sorted(theirs))})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether an entity and a role it names both have values, none shared (per distinct pair)."""
    found = rows_of(columns)
    kind = params["entity"]
    table, roles = columns.tables[kind], columns.roles
    mine_column = texts(columns, kind, params["values"])
    named_column = table.values[params["attribute"]]
    if not any(roles.entities) and not any(table.entities) and ", " not in "\n".join(named_column):
        # One role named per entity, every role read by the fast path: compare raw cells, per distinct pair.
        theirs_column = [*roles.values[params["role-values"]], ""]  # the last: names no role
        cells = map(theirs_column.__getitem__, map(found.index.get, named_column, repeat(-1)))
        distinct = set(zip(mine_column, cells, strict=True))
        return any(mine and raw and set(mine).isdisjoint(split(raw)) for mine, raw in distinct)
    for mine, named in set(zip(mine_column, texts(columns, kind, params["attribute"]), strict=True)):
        for value in named:
            row = found.index.get(value)
            if row is None or not mine:
                continue
            theirs = text_of(columns, "role", params["role-values"], row)
            if theirs and set(mine).isdisjoint(theirs):
                return True
    return False


KIND = CheckKind(
    name="referenced-overlap",
    run=check,
    summary="An entity shares at least one value of an attribute with each role it names.",
    params={
        "entity": Param("entity", required=True),
        "attribute": Param("attribute", required=True, names="role", help="the attribute that names roles"),
        "values": Param("attribute", required=True, help="the entity's attribute whose values are compared"),
        "role-values": Param("str", required=True, choices=("channel", "owns", "dotted-to", "liaises-with"),
                             help="the named role's attribute compared with it"),
    },
    cases={"default": ("target", "values", "target_values")},
    screen=screen,
)
