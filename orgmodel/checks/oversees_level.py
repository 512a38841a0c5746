"""oversees-level: matching roles have (or have no) reports that match a second filter.

MGR001 (``expect = "some"``: a Manager has a Lead among its reports) and
LEAD004 (``expect = "none"``: a vacant Manager has no Leads left without
anyone to report to). ``count-dotted`` lets dotted-line reports count:
document 000's Manager coordinates with Leads, which a dotted line describes
as well as a solid one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks import where as role_filter
from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns, split
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


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
    levels = role_filter.describe(wanted, vocabulary)
    for role in org.roles.values():
        if not role_filter.matches(role, params["where"], vocabulary, org):
            continue
        reports = dict.fromkeys((*solid.get(role.id, ()), *dotted.get(role.id, ())))
        found = [rid for rid in reports if rid in org.roles
                 and role_filter.matches(org.roles[rid], wanted, vocabulary, org)]
        if (params["expect"] == "some") != bool(found):
            yield Hit(role.id, role.line, role.column,
                      fields={"levels": levels, "count": len(found), "reports": ", ".join(found[:5])})


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether a checked role has (expect none), or lacks (expect some), a report that matches."""
    found = rows_of(columns)
    checked = found.matching(params["where"], vocabulary)
    if not checked:
        return False
    table = found.table
    reports = found.matching(params["reports"], vocabulary)
    overseers = {found.firsts[row] for row in reports}
    if params["count-dotted"]:
        dotted = table.values["dotted-to"]
        overseers.update(value for row in reports for value in split(dotted[row]))
    with_reports = {table.keys[row] for row in checked} & overseers
    return bool(with_reports) if params["expect"] == "none" else len(with_reports) < len(checked)


KIND = CheckKind(
    name="oversees-level",
    run=check,
    summary="Each matching role has some (or no) report that matches a second filter.",
    params={
        "where": Param("where", required=True, help="which roles are checked"),
        "reports": Param("where", required=True, help="the filter reports are counted by"),
        "expect": Param("str", "some", choices=("some", "none"),
                        help="some: at least one report matches; none: no report matches"),
        "count-dotted": Param("bool", False, help="dotted-line reports count too"),
    },
    cases={"default": ("levels", "count", "reports")},
    screen=screen,
)
