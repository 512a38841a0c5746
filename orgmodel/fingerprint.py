"""Fingerprints: what identifies a finding across edits of its file.

SARIF's ``partialFingerprints``, the baseline and the reorg diff all match
findings by these, so that inserting lines above a finding or renaming a
person elsewhere does not make an old finding look new.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from orgmodel.finding import Finding


def fingerprint(finding: Finding, line_text: str, occurrence: int) -> str:
    """Stable under edits elsewhere: hashes what the finding is about, not where the line is.

    ``occurrence`` tells apart findings with the same code, entity and line text.
    """
    key = "\0".join((finding.code, finding.entity or "", " ".join(line_text.split())))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}:{occurrence}"


def fingerprints(findings: Sequence[Finding], lines: Sequence[str]) -> list[tuple[Finding, str]]:
    """``(finding, fingerprint)`` for each finding of one file, in report order."""
    seen: Counter[tuple[str, str, str]] = Counter()
    found = []
    for finding in sorted(findings):
        text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        key = (finding.code, finding.entity or "", " ".join(text.split()))
        seen[key] += 1
        found.append((finding, fingerprint(finding, text, seen[key])))
    return found
