"""Formatters: the only place where findings become text. One module per format."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from orgmodel.api import CheckResult
from orgmodel.finding import Finding
from orgmodel.rulepack import Rule


@attrs.frozen
class Report:
    results: Sequence[CheckResult]
    rules: Mapping[str, Rule]  # every rule a finding may come from, by code
    color: bool = False
    quiet: bool = False  # findings only, no summary


Formatter = Callable[[Report], str]


def formatters() -> Mapping[str, Formatter]:
    """Format name -> formatter; imported on demand so that a text check loads only text."""
    from orgmodel.report import github, json_format, json_lines, junit, sarif, text_format

    return {
        "text": text_format.render,
        "json": json_format.render,
        "json-lines": json_lines.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }


FORMAT_NAMES = ("text", "json", "json-lines", "sarif", "github", "junit")


def all_findings(report: Report) -> list[Finding]:
    """Every finding of the report, in path, line, column order."""
    return sorted(f for r in report.results for f in r.findings)
