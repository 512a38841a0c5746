"""``PATH:LINE:COL: SEVERITY CODE message`` per finding, then a summary line."""

from __future__ import annotations

import click

from orgmodel.finding import Finding, Severity
from orgmodel.report import Report, all_findings
from orgmodel.report.summary import sentence
from orgmodel.sanitise import for_terminal

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def line(finding: Finding, color: bool = False) -> str:
    path, message = for_terminal(finding.path), for_terminal(finding.message)
    if not color:
        return f"{path}:{finding.line}:{finding.column}: {finding.severity} {finding.code} {message}"
    colour = _COLOURS[finding.severity]
    return (f"{click.style(path, bold=True)}:{finding.line}:{finding.column}: "
            f"{click.style(str(finding.severity), fg=colour)} {click.style(finding.code, fg=colour, bold=True)} "
            f"{message}")


def render(report: Report) -> str:
    lines = [line(f, report.color) for f in all_findings(report)]
    if not report.quiet:
        summary = sentence(report.results)
        lines.append(click.style(summary, bold=True) if report.color else summary)
    return "".join(f"{text}\n" for text in lines)
