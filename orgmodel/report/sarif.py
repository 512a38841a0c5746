"""SARIF 2.1.0, with what GitHub code scanning needs: rules with help, regions, fingerprints."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from orgmodel import __version__, docs
from orgmodel.finding import Finding, Severity
from orgmodel.report import Report
from orgmodel.rulepack import Rule

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
    absolute = Path(path).resolve()
    for folder in absolute.parents:
        if (folder / ".git").exists():
            return absolute.relative_to(folder).as_posix()
    return path.replace("\\", "/")


def fingerprint(finding: Finding, line_text: str, occurrence: int) -> str:
    """Stable under edits elsewhere: hashes what the finding is about, not where the line is."""
    key = "\0".join((finding.code, finding.entity or "", " ".join(line_text.split())))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}:{occurrence}"


def render(report: Report) -> str:
    codes = sorted(report.rules)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for result in sorted(report.results, key=lambda r: r.path):
        uri = repository_uri(result.path)
        seen: Counter[tuple[str, str, str]] = Counter()
        for f in sorted(result.findings):
            text = result.lines[f.line - 1] if 0 < f.line <= len(result.lines) else ""
            key = (f.code, f.entity or "", " ".join(text.split()))
            seen[key] += 1
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.line,
                               "endColumn": max(f.end_column, f.column + 1)},
                }}],
                "partialFingerprints": {"primaryLocationLineHash": fingerprint(f, text, seen[key])},
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
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
