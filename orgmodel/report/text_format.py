"""``PATH:LINE:COL: SEVERITY CODE message`` per finding, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from orgmodel.api import CheckResult
from orgmodel.report.summary import sentence


def render(results: Sequence[CheckResult]) -> str:
    findings = sorted(f for r in results for f in r.findings)
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}" for f in findings]
    lines.append(sentence(results))
    return "\n".join(lines) + "\n"
