"""Every kind of change ``orgmodel diff`` reports: its group, its label and how it reads.

One registry for the text, Markdown and JSON outputs and the diff chart, so
that a new kind is one line here plus the code that finds it.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.frozen
class Kind:
    group: str  # a key of GROUPS
    counted: tuple[str, str]  # a summary's words for one and for several: "role moved", "roles moved"
    label: str  # what a list of changes prints first: "moved"
    # How the change reads after its subject; {before} and {after} are the
    # change's values (lists joined by commas), ``none`` stands for a missing one.
    phrase: str = "{before} {arrow} {after}"
    none: str = "none"


# Group key -> the heading its changes are listed under, in output order.
def count(kind: str, number: int) -> str:
    """``3 roles moved``."""
    return f"{number} {KINDS[kind].counted[number != 1]}"


GROUPS: Mapping[str, str] = {
    "roles": "Roles added, removed and renamed",
    "reporting": "Reporting lines",
    "details": "Titles, levels, layers and teams",
    "people": "People and vacancies",
    "ownership": "Responsibilities, KPIs and campaigns",
    "groups": "Teams and departments",
    "spans": "Span of control",
}

KINDS: Mapping[str, Kind] = {
    "role-added": Kind("roles", ("role added", "roles added"),
        "added", "reports to {after}", none="nobody (a top role)"),
    "role-removed": Kind("roles", ("role removed", "roles removed"),
        "removed", "reported to {before}", none="nobody (a top role)"),
    "role-renamed": Kind("roles", ("role renamed", "roles renamed"), "renamed", "ID {before} {arrow} {after}"),
    "moved": Kind("reporting", ("role moved", "roles moved"), "moved", none="nobody (top)"),
    "dotted-added": Kind("reporting", ("dotted line added", "dotted lines added"),
        "dotted line added", "to {after}"),
    "dotted-removed": Kind("reporting", ("dotted line removed", "dotted lines removed"),
        "dotted line removed", "to {before}"),
    "title": Kind("details", ("title changed", "titles changed"), "title"),
    "level": Kind("details", ("level changed", "levels changed"), "level"),
    "layer": Kind("details", ("layer changed", "layers changed"), "layer"),
    "team": Kind("details", ("role changed team", "roles changed team"), "team"),
    "hired": Kind("people", ("hire", "hires"), "hired", "in {after}"),
    "left": Kind("people", ("leaver", "leavers"), "left", "was in {before}"),
    "person-moved": Kind("people", ("person in another role", "people in other roles"), "moved to another role"),
    "vacancy-opened": Kind("people", ("vacancy opened", "vacancies opened"),
        "vacancy opened", "{before} {arrow} vacant", none="new role"),
    "vacancy-filled": Kind("people", ("vacancy filled", "vacancies filled"),
        "vacancy filled", "vacant {arrow} {after}"),
    "duty": Kind("ownership", ("responsibility changed hands", "responsibilities changed hands"),
        "responsibility", none="nobody"),
    "kpi-owner": Kind("ownership", ("KPI changed owner", "KPIs changed owner"), "KPI owner", none="nobody"),
    "campaign-lead": Kind("ownership", ("campaign changed lead", "campaigns changed lead"),
        "campaign lead", none="nobody"),
    "kpi-added": Kind("ownership", ("KPI added", "KPIs added"), "KPI added", "owned by {after}", none="nobody"),
    "kpi-removed": Kind("ownership", ("KPI removed", "KPIs removed"),
        "KPI removed", "was owned by {before}", none="nobody"),
    "campaign-added": Kind("ownership", ("campaign added", "campaigns added"),
        "campaign added", "led by {after}", none="nobody"),
    "campaign-removed": Kind("ownership", ("campaign removed", "campaigns removed"),
        "campaign removed", "was led by {before}", none="nobody"),
    "team-added": Kind("groups", ("team added", "teams added"), "team added", ""),
    "team-removed": Kind("groups", ("team removed", "teams removed"), "team removed", ""),
    "team-name": Kind("groups", ("team renamed", "teams renamed"), "team name"),
    "team-head": Kind("groups", ("team head changed", "team heads changed"), "team head", none="nobody"),
    "department-added": Kind("groups", ("department added", "departments added"), "department added", ""),
    "department-removed": Kind("groups", ("department removed", "departments removed"), "department removed", ""),
    "department-name": Kind("groups", ("department renamed", "departments renamed"), "department name"),
    "span": Kind("spans", ("span of control changed", "spans of control changed"), "direct reports"),
}
