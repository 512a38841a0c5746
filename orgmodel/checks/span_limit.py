"""span-limit: a role has at most ``max`` direct (solid-line) reports (SPAN001)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    limit = params["max"]
    for manager, reports in org.direct_reports.items():
        role = org.roles[manager]
        if len(reports) > limit and role_filter.matches(role, params["where"], vocabulary, org):
            yield Hit(role.id, role.line, role.column, fields={"count": len(reports), "max": limit})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a role with more reports than the limit matches the filter."""
    found = rows_of(columns)
    wide = [found.index[key] for key, count in found.report_counts.items() if count > params["max"]]
    return bool(wide) and bool(found.matching(params["where"], vocabulary, within=sorted(wide)))


KIND = CheckKind(
    name="span-limit",
    run=check,
    summary="No role has more direct reports than the limit.",
    params={
        "max": Param("int", 10, minimum=1, help="most direct reports allowed"),
        "where": Param("where", {}, help="only roles matching this filter"),
    },
    cases={"default": ("count", "max")},
    screen=screen,
)
