"""Runs a rule pack over an org: problems and hits in, sorted findings out. No I/O.

:func:`run_columns` is what a check uses: each rule first asks the org's
columns whether it can fire (its kind's ``screen``), and only a rule that can
runs on the public model, built then. :func:`run` runs every rule on a
model; the two give the same findings (tests/test_differential.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from orgmodel.checks import LANGUAGE_KIND
from orgmodel.dsl.syntax import Problem
from orgmodel.finding import Finding
from orgmodel.rulepack import Rule, RulePack
from orgmodel.sanitise import token

if TYPE_CHECKING:
    from orgmodel.columns import OrgColumns
    from orgmodel.model import Org


def _short(value: object, limit: int) -> object:
    """A text quoted in a message, cut to ``limit`` characters: IDs and lists from a file can be megabytes."""
    return token(value, limit) if isinstance(value, str) else value


def run(org: Org, problems: Iterable[Problem], pack: RulePack) -> list[Finding]:
    """Every finding for ``org``: the reader's problems, then each rule's hits, sorted.

    A problem whose code the pack does not contain (a language rule switched
    off) is dropped, as are the hits of rules that are not in the pack.
    """
    findings = _problems(org.path, problems, pack)
    for rule in _rules(pack):
        findings.extend(_hits(org, rule, pack))
    findings.sort()
    return findings


def run_columns(columns: OrgColumns, problems: Iterable[Problem], pack: RulePack, screens: bool = True,
                ) -> list[Finding]:
    """What :func:`run` gives for ``columns.org()``, building that model only for rules that can fire."""
    findings = _problems(columns.path, problems, pack)
    for rule in _rules(pack):
        screen = rule.kind.screen
        if screens and screen is not None and not screen(columns, rule.params, pack.vocabulary):
            continue
        findings.extend(_hits(columns.org(), rule, pack))
    findings.sort()
    return findings


def _problems(path: str, problems: Iterable[Problem], pack: RulePack) -> list[Finding]:
    findings: list[Finding] = []
    for problem in problems:
        rule = pack.rules.get(problem.code)
        if rule is not None:
            findings.append(Finding(path, problem.line, problem.column, problem.code, rule.severity,
                                    problem.message, problem.entity, problem.end_column))
    return findings


def _rules(pack: RulePack) -> Iterator[Rule]:
    """The rules that run on a model: not the reader's own, and opt-in ones only when selected."""
    return (rule for rule in pack.rules.values() if rule.kind.name != LANGUAGE_KIND and pack.runs(rule))


def _hits(org: Org, rule: Rule, pack: RulePack) -> Iterator[Finding]:
    for hit in rule.kind.run(org, rule.params, pack.vocabulary):
        if hit.entity in org.duplicates:
            continue  # a knock-on of the REF001 duplicate: one root cause, one finding
        message = rule.messages[hit.case].format(entity=_short(hit.entity, 40), **{
            name: _short(value, 120) for name, value in hit.fields.items()})
        # A hit at a declaration spans its ID.
        end = hit.end_column or hit.column + (len(hit.entity) if hit.entity else 1)
        yield Finding(org.path, hit.line, hit.column, rule.code, hit.severity or rule.severity,
                      message, hit.entity, end)
