"""What a reorg changes: two versions of an org compared, role by role, and what follows.

Roles are matched by ID; a role whose ID is gone is matched to a new ID that
holds the same person under the same title (or, when both are vacant, the
same title under the same manager) as a rename, not a removal and an
addition. Every other reference (managers, owners, leads) is compared
through that matching, so renaming an ID moves nobody. Findings are matched
by their SARIF fingerprints (:mod:`orgmodel.fingerprint`), so unrelated edits
neither introduce nor resolve anything; the figures come from
:mod:`orgmodel.stats`. Time is linear in the size of both orgs.

    >>> from orgmodel.api import check_text
    >>> from orgmodel.rulepack import load_builtin
    >>> old = check_text('role cmo "CMO"\\nrole seo "SEO Lead"\\n  reports-to cmo\\n')
    >>> new = check_text('role cmo "CMO"\\nrole seo "SEO Lead"\\n  person vacant\\n  reports-to cmo\\n')
    >>> [change.kind for change in compare(old, new, load_builtin().vocabulary).changes]
    ['vacancy-opened']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import attrs

from orgmodel import stats
from orgmodel.api import CheckResult, collector_paused
from orgmodel.diff_kinds import GROUPS, KINDS
from orgmodel.finding import Finding, Severity
from orgmodel.fingerprint import fingerprints
from orgmodel.vocabulary import Vocabulary

Values = str | tuple[str, ...] | None


@attrs.frozen
class Change:
    """One change; ``kind`` is a key of :data:`orgmodel.diff_kinds.KINDS`."""

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    subject: str  # a role, KPI, campaign, team or department ID, a person's name, or a responsibility
    name: str = ""  # how a reader knows the subject: a role's title and person, a KPI's name
    before: Values = None
    after: Values = None
    detail: str = ""  # why, or what else a reviewer should know
    roles: tuple[str, ...] = ()  # roles of the new org it concerns (by old ID for a removed role)

    @property
    def group(self) -> str:
        return KINDS[self.kind].group


@attrs.frozen
class FindingChange:
    finding: Finding
    fingerprint: str


@attrs.frozen
class Figure:
    """One figure of :mod:`orgmodel.stats` (or a count of findings), before and after."""

    key: str  # stable, for programs: "vacancy-rate"
    name: str  # for people: "vacancy rate"
    before: float | None
    after: float | None
    percent: bool = False  # a rate, shown as a percentage

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@attrs.frozen
class Side:
    """One version of the org: where it was read from (``None``: it did not exist there)."""

    path: str
    name: str | None
    roles: int
    exists: bool = True


@attrs.frozen
class Diff:
    old: Side
    new: Side
    changes: tuple[Change, ...]  # grouped in GROUPS order, then as found
    introduced: tuple[FindingChange, ...]
    resolved: tuple[FindingChange, ...]
    figures: tuple[Figure, ...]

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, in KINDS order (kinds without changes left out)."""
        found = {kind: 0 for kind in KINDS}
        for change in self.changes:
            found[change.kind] += 1
        return {kind: count for kind, count in found.items() if count}

    def introduces(self, severity: Severity) -> list[Finding]:
        """Introduced findings at or above ``severity``."""
        return [item.finding for item in self.introduced if item.finding.severity >= severity]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.introduced or self.resolved)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, in the shape docs/diff.schema.json describes."""
        return {
            "old": attrs.asdict(self.old), "new": attrs.asdict(self.new), "counts": self.counts(),
            "changes": [{"group": c.group, **attrs.asdict(c, recurse=False),
                         "before": _plain(c.before), "after": _plain(c.after), "roles": list(c.roles)}
                        for c in self.changes],
            "findings": {"introduced": [_finding(item) for item in self.introduced],
                         "resolved": [_finding(item) for item in self.resolved]},
            "figures": [{**attrs.asdict(f), "delta": f.delta} for f in self.figures],
        }


def _plain(value: Values) -> str | list[str] | None:
    return list(value) if isinstance(value, tuple) else value


def _finding(item: FindingChange) -> dict[str, Any]:
    f = item.finding
    return {"code": f.code, "severity": str(f.severity), "message": f.message, "path": f.path,
            "line": f.line, "column": f.column, "entity": f.entity, "fingerprint": item.fingerprint}


def compare(old: CheckResult, new: CheckResult, vocabulary: Vocabulary, span_limit: int = stats.DEFAULT_SPAN_LIMIT,
            old_exists: bool = True, new_exists: bool = True) -> Diff:
    """Everything that changed from ``old`` to ``new``, both checked with the same pack."""
    from orgmodel import diff_holdings, diff_roles

    with collector_paused():  # no reference cycles here; rescanning two big models would be superlinear
        matching = diff_roles.Matching(old.org, new.org)
        before, after = (Shape(stats.headcount(r.org), stats.layers(r.org), stats.spans(r.org, span_limit),
                               Counter(role.layer for role in r.org.roles.values())) for r in (old, new))
        found = [*diff_roles.changes(matching), *diff_holdings.changes(matching),
                 *diff_roles.span_changes(matching, before.spans, after.spans)]
        order = {group: index for index, group in enumerate(GROUPS)}
        found.sort(key=lambda change: order[change.group])  # stable: found order within a group
        introduced, resolved = _findings(old, new, matching.renamed)
        return Diff(Side(old.path, old.org.name, len(old.org.roles), old_exists),
                    Side(new.path, new.org.name, len(new.org.roles), new_exists),
                    tuple(found), introduced, resolved,
                    figures(before, after, old.findings, new.findings, vocabulary.layers))


@attrs.frozen
class Shape:
    """The figures of :mod:`orgmodel.stats` a diff compares (not groups or ownership: they are changes here)."""

    headcount: stats.Headcount
    layers: stats.Layers
    spans: stats.Spans
    per_layer: Counter[str | None]  # roles in each of the pack's layers (strategic, operational ...)


def _findings(old: CheckResult, new: CheckResult, renamed: Mapping[str, str],
              ) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    """(introduced, resolved): matched by fingerprint, then what fingerprints cannot see.

    A fingerprint hashes the text of the finding's line, so a finding about
    the whole org (placed on line 1) changes its fingerprint when line 1 is
    edited, and one about a renamed role changes with the role's ID. The
    leftovers are paired again: by code, role and message (the same problem,
    said the same way), then for renamed roles by code and role alone.
    """
    before = {stable_id: finding for finding, stable_id in fingerprints(old.findings, old.lines)}
    after = {stable_id: finding for finding, stable_id in fingerprints(new.findings, new.lines)}
    introduced = [FindingChange(f, i) for i, f in after.items() if i not in before]
    resolved = [FindingChange(f, i) for i, f in before.items() if i not in after]

    def now(entity: str | None) -> str | None:
        return renamed.get(entity, entity) if entity is not None else None

    introduced, resolved = _pair_off(introduced, resolved, lambda f: (f.code, f.entity, f.message),
                                     lambda f: (f.code, now(f.entity), f.message))
    introduced, resolved = _pair_off(introduced, resolved, lambda f: (f.code, f.entity),
                                     lambda f: (f.code, now(f.entity)) if f.entity in renamed else None)
    return tuple(introduced), tuple(resolved)


def _pair_off(introduced: list[FindingChange], resolved: list[FindingChange],
              new_key: Callable[[Finding], Hashable], old_key: Callable[[Finding], Hashable | None],
              ) -> tuple[list[FindingChange], list[FindingChange]]:
    """Both lists without the pairs whose keys are equal (each finding pairs once)."""
    waiting: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(introduced):
        waiting[new_key(item.finding)].append(index)
    paired: set[int] = set()
    still_resolved = []
    for item in resolved:
        key = old_key(item.finding)
        same = waiting.get(key) if key is not None else None
        if same:
            paired.add(same.pop())
        else:
            still_resolved.append(item)
    return [item for index, item in enumerate(introduced) if index not in paired], still_resolved


def _severity_counts(findings: Sequence[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def figures(before: Shape, after: Shape, old_findings: Sequence[Finding], new_findings: Sequence[Finding],
            layer_names: Sequence[str] = ()) -> tuple[Figure, ...]:
    """Headcount, vacancy, layer and span figures, roles per layer, then findings by severity, old and new."""

    def pair(key: str, name: str, read: Callable[[Shape], float | None], percent: bool = False) -> Figure:
        return Figure(key, name, read(before), read(after), percent)

    old_counts, new_counts = _severity_counts(old_findings), _severity_counts(new_findings)
    return (
        pair("roles", "roles", lambda s: s.headcount.roles),
        pair("filled", "filled", lambda s: s.headcount.filled),
        pair("vacant", "vacant", lambda s: s.headcount.vacant),
        pair("vacancy-rate", "vacancy rate", lambda s: s.headcount.vacancy_rate, percent=True),
        pair("people", "people named", lambda s: s.headcount.people),
        pair("depth", "layers (depth)", lambda s: s.layers.depth),
        pair("tops", "top roles", lambda s: len(s.layers.tops)),
        pair("unplaced", "roles in or below a reporting cycle", lambda s: len(s.layers.unplaced)),
        pair("managers", "managers", lambda s: s.spans.managers),
        pair("ics-per-manager", "ICs per manager", lambda s: s.spans.ics_per_manager),
        pair("median-span", "median span", lambda s: s.spans.median),
        pair("max-span", "widest span", lambda s: s.spans.max),
        pair("wide-spans", f"spans over the limit of {after.spans.limit}", lambda s: s.spans.bands[-1].managers),
        pair("single-report", "managers with a single report", lambda s: len(s.spans.single_report)),
        pair("dotted-lines", "dotted lines", lambda s: s.spans.dotted_lines),
        *(Figure(f"layer-{name}", f"{name} roles", before.per_layer[name], after.per_layer[name])
          for name in layer_names),
        *(Figure(f"{severity}s", f"{severity}s", old_counts[severity], new_counts[severity])
          for severity in sorted(Severity, reverse=True)),
    )
