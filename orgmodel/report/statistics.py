"""``--statistics``: how many findings of each code, most first."""

from __future__ import annotations

from collections import Counter

from orgmodel.report import Report, all_findings
from orgmodel.sanitise import for_terminal


def render(report: Report) -> str:
    counts = Counter(f.code for f in all_findings(report))
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = report.rules.get(code)
        severity, name = (str(rule.severity), rule.name) if rule else ("", "")
        rows.append(f"{count:>6}  {code:<9}{severity:<8} {name}".rstrip())
    return "".join(f"{for_terminal(row)}\n" for row in rows)
