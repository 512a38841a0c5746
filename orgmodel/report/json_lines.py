"""One JSON object per finding, one per line (for jq and log pipelines)."""

from __future__ import annotations

import json

from orgmodel.report import Report, all_findings
from orgmodel.report.json_format import diagnostic
from orgmodel.sanitise import for_json


def render(report: Report) -> str:
    return "".join(for_json(json.dumps(diagnostic(f), ensure_ascii=False)) + "\n" for f in all_findings(report))
