"""GitHub Actions workflow commands: ``::error file=..,line=..,col=..,title=..::message``.

Escaping follows the Actions toolkit (toCommandValue/escapeData/escapeProperty).
"""

from __future__ import annotations

from orgmodel.finding import Severity
from orgmodel.report import Report, all_findings
from orgmodel.sanitise import for_terminal

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # Sanitised first: a control character in a file name or message must not reach the log raw.
    return for_terminal(text).replace("%", "%25")


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
