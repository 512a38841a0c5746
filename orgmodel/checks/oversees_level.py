"""oversees-level: a matching role has a report that matches another filter (MGR001).

``count-dotted`` lets dotted-line reports count: document 000's Manager
coordinates with Leads, which a dotted line describes as well as a solid one.
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.model import Org
from orgmodel.vocabulary import Vocabulary


def _dotted_reports(org: Org) -> dict[str, list[str]]:
    reports: dict[str, list[str]] = {}
    for role in org.roles.values():
        for manager in role.dotted_to:
            reports.setdefault(manager.text, []).append(role.id)
    return reports


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    wanted = params["reports"]
    solid = org.direct_reports
    dotted = _dotted_reports(org) if params["count-dotted"] else {}
    for role in org.roles.values():
        if not role_filter.matches(role, params["where"], vocabulary, org):
            continue
        reports = (*solid.get(role.id, ()), *dotted.get(role.id, ()))
        if not any(rid in org.roles and role_filter.matches(org.roles[rid], wanted, vocabulary, org)
                   for rid in reports):
            yield Hit(role.id, role.line, role.column, fields={"levels": role_filter.describe(wanted, vocabulary)})


KIND = CheckKind(
    name="oversees-level",
    run=check,
    summary="Each matching role has at least one report that matches a second filter.",
    params={
        "where": Param("where", required=True, help="which roles must oversee"),
        "reports": Param("where", required=True, help="the filter at least one report must match"),
        "count-dotted": Param("bool", False, help="dotted-line reports count too"),
    },
    cases={"default": ("levels",)},
)
