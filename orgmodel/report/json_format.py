"""One JSON object: ``{"diagnostics": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from orgmodel.api import CheckResult
from orgmodel.report.summary import counts


def render(results: Sequence[CheckResult]) -> str:
    diagnostics = [
        {
            "path": f.path, "line": f.line, "column": f.column, "code": f.code,
            "severity": str(f.severity), "message": f.message, "entity": f.entity,
        }
        for f in sorted(f for r in results for f in r.findings)
    ]
    return json.dumps({"diagnostics": diagnostics, "summary": counts(results)}, indent=2,
                      ensure_ascii=False) + "\n"
