"""Counts that every format's summary shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from orgmodel.api import CheckResult
from orgmodel.finding import Severity


def counts(results: Sequence[CheckResult]) -> dict[str, int]:
    by_severity = Counter(f.severity for r in results for f in r.findings)
    return {
        "files": len(results),
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "infos": by_severity[Severity.INFO],
        "total": sum(by_severity.values()),
    }


def sentence(results: Sequence[CheckResult]) -> str:
    c = counts(results)
    files = f"{c['files']} file{'s' if c['files'] != 1 else ''}"
    if not c["total"]:
        return f"All checks passed ({files} checked)."
    parts = [f"{c[k]} {k[:-1] if c[k] == 1 else k}" for k in ("errors", "warnings", "infos") if c[k]]
    return f"Found {', '.join(parts)} in {files}."
