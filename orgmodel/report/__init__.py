"""Formatters: the only place where findings become text. One module per format."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence

from orgmodel.api import CheckResult
from orgmodel.finding import Finding
from orgmodel.records import Record
from orgmodel.rulepack import Rule


class Report(Record):
    """What a formatter writes: results, every rule a finding may come from (by code), and how.

    ``quiet``: findings only, no summary.
    """

    __slots__ = ("results", "rules", "color", "quiet")
    results: Sequence[CheckResult]
    rules: Mapping[str, Rule]
    color: bool
    quiet: bool

    def __init__(self, results: Sequence[CheckResult], rules: Mapping[str, Rule], color: bool = False,
                 quiet: bool = False) -> None:
        self._init(results=results, rules=rules, color=color, quiet=quiet)


Formatter = Callable[[Report], str]


# Format name -> the module whose ``render`` writes it.
_MODULES: Mapping[str, str] = {
    "text": "text_format",
    "json": "json_format",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}
FORMAT_NAMES = tuple(_MODULES)


def formatter(name: str) -> Formatter:
    """The formatter of one format, imported on demand: a text check loads no SARIF, XML or hashing."""
    render: Formatter = importlib.import_module(f"orgmodel.report.{_MODULES[name]}").render
    return render


def formatters() -> Mapping[str, Formatter]:
    """Every format's formatter, by name."""
    return {name: formatter(name) for name in FORMAT_NAMES}


def all_findings(report: Report) -> list[Finding]:
    """Every finding of the report, in path, line, column order."""
    return sorted(f for r in report.results for f in r.findings)
