"""GitHub Actions workflow commands: ``::error file=..,line=..,col=..,title=..::message``.

Escaping follows the Actions toolkit (toCommandValue/escapeData/escapeProperty).
"""

from __future__ import annotations

from orgmodel.finding import Severity
from orgmodel.report import Report, all_findings

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in all_findings(report):
        rule = report.rules.get(f.code)
        title = f"{f.code} {rule.name}" if rule else f.code
        properties = {"file": f.path, "line": f.line, "col": f.column, "title": title}
        if f.end_column > f.column:
            properties["endColumn"] = f.end_column
        joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
        lines.append(f"::{_LEVEL[f.severity]} {joined}::{escape_data(f.message)}\n")
    return "".join(lines)
