"""span-limit: a role has at most ``max`` direct (solid-line) reports (SPAN001)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    limit = params["max"]
    for manager, reports in org.direct_reports.items():
        role = org.roles[manager]
        if len(reports) > limit and role_filter.matches(role, params["where"], vocabulary, org):
            yield Hit(role.id, role.line, role.column, fields={"count": len(reports), "max": limit})


KIND = CheckKind(
    name="span-limit",
    run=check,
    summary="No role has more direct reports than the limit.",
    params={
        "max": Param("int", 10, minimum=1, help="most direct reports allowed"),
        "where": Param("where", {}, help="only roles matching this filter"),
    },
    cases={"default": ("count", "max")},
)
