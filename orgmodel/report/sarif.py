"""SARIF 2.1.0, with what GitHub code scanning needs: rules with help, regions, fingerprints."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from orgmodel import __version__, docs
from orgmodel.finding import Severity
from orgmodel.fingerprint import fingerprints
from orgmodel.report import Report
from orgmodel.rulepack import Rule
from orgmodel.sanitise import for_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.why}"},
        "help": {"text": docs.rule_text(rule), "markdown": docs.rule_markdown(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["orgmodel", rule.kind.name], "source": rule.source.title},
    }


def repository_uri(path: str) -> str:
    """``path`` relative to the repository root (the nearest folder above with ``.git``).

    GitHub code scanning resolves result URIs against the repository, so a
    check run from a subfolder must not report paths relative to that folder.
    """
    absolute = Path(os.path.realpath(path))
    for folder in absolute.parents:
        if (folder / ".git").exists():
            return absolute.relative_to(folder).as_posix()
    return path.replace("\\", "/")


def render(report: Report) -> str:
    codes = sorted(report.rules)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for result in sorted(report.results, key=lambda r: r.path):
        uri = repository_uri(result.path)
        for f, stable_id in fingerprints(result.findings, result.lines):
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.line,
                               "endColumn": max(f.end_column, f.column + 1)},
                }}],
                "partialFingerprints": {"primaryLocationLineHash": stable_id},
            }
            if f.code in index:
                entry["ruleIndex"] = index[f.code]
            results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "orgmodel", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/orgmodel/",
                                "rules": [_rule(report.rules[c]) for c in codes]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return for_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
