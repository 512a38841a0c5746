"""A checked org for other programs: JSON (the whole model, each fact's origin, the findings) or CSV (roles).

The JSON follows ``org-export.schema.json`` (shipped next to this module;
``schema()`` reads it). The CSV has one row per role in the columns that
``orgmodel import`` reads back, so import -> export csv -> import gives the
same org file; KPIs, campaigns and the org line are in the JSON only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orgmodel import __version__, facts
from orgmodel.api import CheckResult
from orgmodel.fingerprint import fingerprints
from orgmodel.model import Campaign, Kpi, Org, Role, Value
from orgmodel.report.summary import counts

SCHEMA_FILE = Path(__file__).with_name("org-export.schema.json")
FORMAT_VERSION = 1
CSV_COLUMNS = ("orgmodel ID", "Title", "Name", "Vacant", "Manager ID", "Dotted Line Manager ID", "Level",
               "Level Origin", "Layer", "Layer Origin", "Team ID", "Team", "Channels", "Owns", "Liaises With ID",
               "Liaises With", "Findings")


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) that the JSON export follows."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _ids(values: Iterable[Value]) -> list[str]:
    return [value.text for value in values]


def _fact(fact: facts.Fact) -> dict[str, Any]:
    return {"value": fact.value, "origin": fact.origin, "evidence": list(fact.evidence)}


def _role(role: Role) -> dict[str, Any]:
    known = facts.of(role)
    return {
        "id": role.id, "title": role.title, "line": role.line, "person": role.person, "vacant": role.vacant,
        "reports_to": _ids(role.reports_to), "dotted_to": _ids(role.dotted_to),
        "level": _fact(known.level), "layer": _fact(known.layer), "rank": known.rank,
        "team": role.team.text if role.team else None, "channel": _ids(role.channel), "owns": _ids(role.owns),
        "liaises_with": _ids(role.liaises_with),
    }


def _kpi(kpi: Kpi) -> dict[str, Any]:
    return {"id": kpi.id, "name": kpi.name, "line": kpi.line, "owner": _ids(kpi.owner), "scope": kpi.scope,
            "target": kpi.target}


def _campaign(campaign: Campaign) -> dict[str, Any]:
    return {"id": campaign.id, "name": campaign.name, "line": campaign.line, "lead": _ids(campaign.lead),
            "channel": _ids(campaign.channel), "kpi": _ids(campaign.kpi)}


def as_json_data(result: CheckResult) -> dict[str, Any]:
    """The export as plain data (what ``as_json`` writes)."""
    org: Org = result.org
    return {
        "orgmodel_export": FORMAT_VERSION,
        "orgmodel_version": __version__,
        "path": result.path,
        "name": org.name,
        "roles": [_role(role) for role in org.roles.values()],
        "kpis": [_kpi(kpi) for kpi in org.kpis.values()],
        "campaigns": [_campaign(campaign) for campaign in org.campaigns.values()],
        "teams": [{"id": t.id, "name": t.name, "line": t.line} for t in org.teams.values()],
        "departments": [{"id": d.id, "name": d.name, "line": d.line} for d in org.departments.values()],
        "findings": [{"line": f.line, "column": f.column, "end_column": f.end_column, "code": f.code,
                      "severity": str(f.severity), "message": f.message, "entity": f.entity,
                      "fingerprint": stable_id} for f, stable_id in fingerprints(result.findings, result.lines)],
        "summary": {key: value for key, value in counts([result]).items() if key != "files"},
    }


def as_json(result: CheckResult) -> str:
    return json.dumps(as_json_data(result), indent=2, ensure_ascii=False) + "\n"


def _csv_row(role: Role, org: Org, codes: dict[str, list[str]]) -> list[str]:
    known = facts.of(role)
    team = org.teams.get(role.team.text) if role.team else None
    departments = [org.departments.get(d.text) for d in role.liaises_with]
    return [
        role.id, role.title, role.person or "", "yes" if role.vacant else "no", role.manager_id or "",
        ", ".join(_ids(role.dotted_to)), known.level.value or "", known.level.origin, known.layer.value or "",
        known.layer.origin, role.team.text if role.team else "", team.name if team else "",
        ", ".join(_ids(role.channel)), ", ".join(_ids(role.owns)), ", ".join(_ids(role.liaises_with)),
        ", ".join(d.name if d else "" for d in departments), ", ".join(dict.fromkeys(codes.get(role.id, []))),
    ]


def as_csv(result: CheckResult) -> str:
    """One row per role, in file order, with the codes of its findings."""
    codes: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.entity:
            codes.setdefault(finding.entity, []).append(finding.code)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(role, result.org, codes) for role in result.org.roles.values())
    return out.getvalue()


FORMATS = {"json": as_json, "csv": as_csv}
