"""What the HTML report's script knows about an org: plain JSON-ready data.

Roles, KPIs, campaigns and findings as checked, each fact as the model and
:mod:`orgmodel.facts` give it (nothing re-derived here), with the texts of
every rule that fired, taken from the pack. Only the script reads this; it
shows every string as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from orgmodel import facts
from orgmodel.api import CheckResult
from orgmodel.finding import Finding
from orgmodel.model import Org, Role, Value
from orgmodel.rulepack import Rule
from orgmodel.stats import OrgStats

# What a finding's entity names, tried in this order (a role first, as the chart does).
_ENTITY_KINDS = (("role", "roles"), ("kpi", "kpis"), ("campaign", "campaigns"), ("team", "teams"),
                 ("department", "departments"))
INFERRED_ORIGINS = frozenset(facts.ORIGINS) - {"written", "none"}


def _texts(values: Iterable[Value]) -> list[str]:
    return [value.text for value in values]


def _holders(org: Org) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """KPIs owned, campaigns led and dotted-line reports of each role, indexed once."""
    kpis: dict[str, list[str]] = {}
    campaigns: dict[str, list[str]] = {}
    dotted_from: dict[str, list[str]] = {}
    for kpi in org.kpis.values():
        for owner in dict.fromkeys(_texts(kpi.owner)):
            kpis.setdefault(owner, []).append(kpi.id)
    for campaign in org.campaigns.values():
        for lead in dict.fromkeys(_texts(campaign.lead)):
            campaigns.setdefault(lead, []).append(campaign.id)
    for role in org.roles.values():
        for manager in dict.fromkeys(_texts(role.dotted_to)):
            dotted_from.setdefault(manager, []).append(role.id)
    return kpis, campaigns, dotted_from


def _fact(fact: facts.Fact) -> dict[str, Any]:
    origin = "written" if fact.origin == "written" else "inferred" if fact.origin in INFERRED_ORIGINS else "none"
    return {"value": fact.value, "text": fact.describe(), "origin": origin}


def _role(role: Role, org: Org, figures: OrgStats, index: tuple[dict[str, list[str]], ...],
          spans: Mapping[str, tuple[int, int, str | None]]) -> dict[str, Any]:
    kpis, campaigns, dotted_from = index
    known = facts.of(role)
    solid, dotted, band = spans.get(role.id, (0, 0, None))
    return {
        "id": role.id, "title": role.title, "person": role.person, "vacant": role.vacant, "line": role.line,
        "level": _fact(known.level), "layer": _fact(known.layer),
        "team": role.team.text if role.team else None,
        "managers": _texts(role.reports_to), "dotted": _texts(role.dotted_to),
        "dottedFrom": dotted_from.get(role.id, []), "reports": list(org.direct_reports.get(role.id, ())),
        "owns": _texts(role.owns), "channels": _texts(role.channel), "liaises": _texts(role.liaises_with),
        "kpis": kpis.get(role.id, []), "campaigns": campaigns.get(role.id, []),
        "depth": figures.layers.depth_of.get(role.id), "span": [solid, dotted, band],
    }


def entity_kind(org: Org, entity: str | None) -> str:
    """What a finding is about: ``role``, ``kpi``, ``campaign``, ``team``, ``department`` or ``org``."""
    if entity is not None:
        for kind, field in _ENTITY_KINDS:
            if entity in getattr(org, field):
                return kind
    return "org"


def _finding(finding: Finding, org: Org) -> dict[str, Any]:
    return {"code": finding.code, "severity": str(finding.severity), "message": finding.message,
            "line": finding.line, "column": finding.column, "entity": finding.entity,
            "on": entity_kind(org, finding.entity)}


def _rule(rule: Rule) -> dict[str, Any]:
    return {"name": rule.name, "severity": str(rule.severity), "summary": rule.summary, "why": rule.why,
            "principle": rule.principle, "fix": rule.fix, "source": rule.source.title, "sourceFile": rule.source.file}


def report_data(result: CheckResult, rules: Mapping[str, Rule], figures: OrgStats,
                exclusive: Sequence[str]) -> dict[str, Any]:
    """Everything the report's script shows, for the org of ``result``."""
    org = result.org
    index = _holders(org)
    spans = {span.role: (span.solid, span.dotted, span.band) for span in figures.spans.per_role}
    findings = sorted(result.findings)
    lines = result.lines
    return {
        "org": {"name": org.name, "path": org.path},
        "roles": [_role(role, org, figures, index, spans) for role in org.roles.values()],
        "kpis": {k.id: {"name": k.name, "owners": _texts(k.owner), "scope": k.scope, "target": k.target,
                        "line": k.line} for k in org.kpis.values()},
        "campaigns": {c.id: {"name": c.name, "leads": _texts(c.lead), "channels": _texts(c.channel),
                             "kpis": _texts(c.kpi), "line": c.line} for c in org.campaigns.values()},
        "teams": {team.id: team.name for team in org.teams.values()},
        "departments": {d.id: d.name for d in org.departments.values()},
        "exclusive": list(exclusive),
        "findings": [_finding(finding, org) for finding in findings],
        "rules": {code: _rule(rules[code]) for code in sorted({f.code for f in findings}) if code in rules},
        "source": {str(n): lines[n - 1] for n in sorted({f.line for f in findings}) if 0 < n <= len(lines)},
    }
