"""One JSON object: ``{"diagnostics": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from typing import Any

from orgmodel.finding import Finding
from orgmodel.report import Report, all_findings
from orgmodel.report.summary import counts
from orgmodel.sanitise import for_json


def diagnostic(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path, "line": finding.line, "column": finding.column, "code": finding.code,
        "severity": str(finding.severity), "message": finding.message, "entity": finding.entity,
    }


def render(report: Report) -> str:
    data = {"diagnostics": [diagnostic(f) for f in all_findings(report)], "summary": counts(report.results)}
    return for_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
