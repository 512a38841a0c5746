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


def apply(findings: Iterable[Finding], suppressions: Sequence[Suppression], pack: RulePack,
          known_codes: Collection[str], path: str) -> list[Finding]:
    """``findings`` without the suppressed ones, plus SUP001/SUP002 findings, sorted.

    ``known_codes`` are all codes orgmodel knows (enabled or not): naming a
    rule that is switched off is not a rotten suppression.
    """
    # Indexed by where they apply, so that each finding looks at only the
    # suppressions that can silence it (100,000 of each is not 10^10 steps).
    index: dict[tuple[str, object], list[int]] = {}
    for number, suppression in enumerate(suppressions):
        for code in suppression.codes:
            keys: list[object] = [("line", suppression.line)]
            if suppression.file_wide:
                keys.append("file")
            elif suppression.attached and suppression.on_org:
                keys.append("org")
            elif suppression.attached and suppression.entity is not None:
                keys.append(("entity", suppression.entity))
            for key in keys:
                index.setdefault((code, key), []).append(number)
    # The keys that silenced something; each is expanded to its suppressions once,
    # at the end, so 20,000 suppressions of one entity cost 20,000 steps, not 20,000².
    used_keys: set[tuple[str, object]] = set()
    kept = []
    for finding in findings:
        silenced = False
        if finding.code not in (REASONLESS, UNUSED):
            where = "org" if finding.entity is None else ("entity", finding.entity)
            for key in (("line", finding.line), "file", where):
                if (finding.code, key) in index:
                    used_keys.add((finding.code, key))
                    silenced = True
        if not silenced:
            kept.append(finding)
    used = {(number, code) for code, key in used_keys for number in index[(code, key)]}
    for number, suppression in enumerate(suppressions):
        kept.extend(_problems(number, suppression, used, pack, known_codes, path))
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
        elif code not in pack.rules or not pack.runs(pack.rules[code]):
            continue  # a rule this configuration switched off (or did not opt into): nothing to report
        elif not suppression.attached and not suppression.file_wide:
            report(UNUSED, f"suppression of {code} is on a line of its own and applies to nothing; "
                           "put it on the declaration or attribute line")
        else:
            report(UNUSED, f"suppression of {code} is unused: nothing here reports it; remove it")
    return found
