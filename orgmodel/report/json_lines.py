"""One JSON object per finding, one per line (for jq and log pipelines)."""

from __future__ import annotations

import json

from orgmodel.report import Report, all_findings
from orgmodel.report.json_format import diagnostic


def render(report: Report) -> str:
    return "".join(json.dumps(diagnostic(f), ensure_ascii=False) + "\n" for f in all_findings(report))
