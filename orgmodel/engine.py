"""Runs a rule pack over a model: problems and hits in, sorted findings out. No I/O."""

from __future__ import annotations

from collections.abc import Iterable

from orgmodel.checks import LANGUAGE_KIND
from orgmodel.dsl.syntax import Problem
from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.rulepack import RulePack
from orgmodel.sanitise import token


def _short(value: object, limit: int) -> object:
    """A text quoted in a message, cut to ``limit`` characters: IDs and lists from a file can be megabytes."""
    return token(value, limit) if isinstance(value, str) else value


def run(org: Org, problems: Iterable[Problem], pack: RulePack) -> list[Finding]:
    """Every finding for ``org``: the reader's problems, then each rule's hits, sorted.

    A problem whose code the pack does not contain (a language rule switched
    off) is dropped, as are the hits of rules that are not in the pack.
    """
    findings: list[Finding] = []
    for problem in problems:
        rule = pack.rules.get(problem.code)
        if rule is not None:
            findings.append(Finding(org.path, problem.line, problem.column, problem.code, rule.severity,
                                    problem.message, problem.entity, problem.end_column))
    for rule in pack.rules.values():
        if rule.kind.name == LANGUAGE_KIND or not pack.runs(rule):
            continue
        for hit in rule.kind.run(org, rule.params, pack.vocabulary):
            if hit.entity in org.duplicates:
                continue  # a knock-on of the REF001 duplicate: one root cause, one finding
            message = rule.messages[hit.case].format(entity=_short(hit.entity, 40), **{
                name: _short(value, 120) for name, value in hit.fields.items()})
            # A hit at a declaration spans its ID.
            end = hit.end_column or hit.column + (len(hit.entity) if hit.entity else 1)
            findings.append(Finding(org.path, hit.line, hit.column, rule.code, hit.severity or rule.severity,
                                    message, hit.entity, end))
    findings.sort()
    return findings
