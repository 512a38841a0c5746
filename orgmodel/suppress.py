"""Inline suppressions: dropping the findings they name, and reporting the ones that rot.

A suppression on a declaration or attribute line silences its codes for that
declaration's entity (and for any finding on that very line); on the ``org``
line, for findings about the whole org; ``ignore-file`` for the whole file.
One without a reason is SUP001; one that silences nothing is SUP002.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from orgmodel.dsl.syntax import Suppression
from orgmodel.finding import Finding
from orgmodel.rulepack import RulePack

REASONLESS, UNUSED = "SUP001", "SUP002"


def _silences(suppression: Suppression, finding: Finding) -> bool:
    if finding.code not in suppression.codes:
        return False
    if suppression.file_wide or finding.line == suppression.line:
        return True
    if not suppression.attached:
        return False
    if suppression.on_org:
        return finding.entity is None
    return suppression.entity is not None and finding.entity == suppression.entity


def apply(findings: Iterable[Finding], suppressions: Sequence[Suppression], pack: RulePack,
          known_codes: Collection[str], path: str) -> list[Finding]:
    """``findings`` without the suppressed ones, plus SUP001/SUP002 findings, sorted.

    ``known_codes`` are all codes orgmodel knows (enabled or not): naming a
    rule that is switched off is not a rotten suppression.
    """
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        hits = [i for i, s in enumerate(suppressions) if _silences(s, finding)]
        if hits and finding.code not in (REASONLESS, UNUSED):
            used.update((i, finding.code) for i in hits)
        else:
            kept.append(finding)
    for index, suppression in enumerate(suppressions):
        kept.extend(_problems(index, suppression, used, pack, known_codes, path))
    return sorted(kept)


def _problems(index: int, suppression: Suppression, used: set[tuple[int, str]], pack: RulePack,
              known_codes: Collection[str], path: str) -> list[Finding]:
    found = []

    def report(code: str, message: str) -> None:
        rule = pack.rules.get(code)
        if rule is not None:
            found.append(Finding(path, suppression.line, suppression.column, code, rule.severity, message,
                                 suppression.entity, suppression.column + 1))

    if not suppression.reason:
        report(REASONLESS, f"suppression of {', '.join(suppression.codes)} gives no reason; "
                           "say why after the ] so that the next reader knows")
    for code in suppression.codes:
        if (index, code) in used:
            continue
        if code not in known_codes:
            report(UNUSED, f"suppression names {code}, which is not a rule; remove it or fix the code")
        elif code in pack.rules and not suppression.attached and not suppression.file_wide:
            report(UNUSED, f"suppression of {code} is on a line of its own and applies to nothing; "
                           "put it on the declaration or attribute line")
        elif code in pack.rules:
            report(UNUSED, f"suppression of {code} is unused: nothing here reports it; remove it")
    return found
