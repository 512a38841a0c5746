"""oversees-level: a matching role has a direct report at one of the given levels (MGR001)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    levels = params["levels"]
    reports = org.direct_reports
    for role in org.roles.values():
        if not role_filter.matches(role, params["where"], vocabulary):
            continue
        if not any(org.roles[rid].level in levels for rid in reports.get(role.id, ())):
            yield Hit(role.id, role.line, role.column,
                      fields={"levels": " or ".join(levels)})


KIND = CheckKind(
    name="oversees-level",
    run=check,
    summary="Each matching role has at least one direct report at one of the given levels.",
    params={
        "where": Param("where", required=True, help="which roles must oversee"),
        "levels": Param("words", required=True, help="levels at least one direct report has"),
    },
    cases={"default": ("levels",)},
)
