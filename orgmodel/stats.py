"""Figures about an org's shape: headcount, layers, spans of control, groups, ownership.

Computed from the model and the pack's vocabulary alone, in time linear in
the org's size and without recursion, so a 100,000-deep chain or a reporting
cycle costs no more than a flat org. ``orgmodel stats`` prints them; the HTML
report and the reorg diff read the same values.

    >>> from orgmodel.api import check_file
    >>> from orgmodel.rulepack import load_builtin
    >>> figures = compute(check_file("examples/acme.org.txt").org, load_builtin().vocabulary)
    >>> figures.layers.depth, figures.spans.median
    (4, 2.0)

Definitions (the README's ``stats`` section says the same for users):

- The solid-line manager of a role is its first ``reports-to`` when that role
  is declared; further ``reports-to`` lines are ignored here (HIER003 flags them).
- A *top* has no ``reports-to``. A role whose manager is not declared is
  *dangling*: it heads a detached branch. Tops and dangling roles are both at
  depth 1, so several tops give several trees measured side by side.
- Roles in a reporting cycle, or below one, are reached from no top: they are
  *unplaced*, have no depth and are left out of the layer figures (counted
  once everywhere else).
- A *manager* has at least one solid-line report; every other role is an IC.
  Spans count solid and dotted reports separately; the bands and the
  min / median / max are over managers' solid spans.
- Ownership: see :mod:`orgmodel.ownership`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from orgmodel import facts
from orgmodel.model import Org, Role
from orgmodel.ownership import Holding, ownership
from orgmodel.rulepack import RulePack
from orgmodel.vocabulary import Vocabulary

SPAN_RULE = "SPAN001"  # the rule whose ``max`` is the span limit
DEFAULT_SPAN_LIMIT = 10
NARROW_SPAN = 2  # a manager with 1 or 2 reports has a narrow span
BANDS = ("narrow", "regular", "wide")


@attrs.frozen
class Headcount:
    """Positions, not people: a person in two roles counts in both (``people`` counts names)."""

    roles: int
    filled: int
    vacant: int
    people: int  # distinct names in ``person`` lines
    vacancy_rate: float | None  # vacant / roles; None for an empty org


@attrs.frozen
class Layers:
    depth: int  # layers of the deepest tree (0: nothing placed)
    per_depth: tuple[int, ...]  # roles at depth 1, 2, ...
    longest_chain: tuple[str, ...]  # top first; the deepest role declared first ends it
    tops: tuple[str, ...]
    dangling: tuple[str, ...]
    unplaced: tuple[str, ...]  # in or below a reporting cycle
    depth_of: Mapping[str, int]  # every placed role's depth


@attrs.frozen
class Span:
    role: str
    solid: int
    dotted: int
    band: str | None  # one of BANDS for a manager, None for a role with dotted reports only


@attrs.frozen
class Band:
    name: str
    low: int
    high: int | None  # None: no upper bound; high < low: the band is empty at this limit
    managers: int


@attrs.frozen
class SpanCount:
    reports: int
    managers: int


@attrs.frozen
class Spans:
    limit: int
    managers: int
    ics: int
    ics_per_manager: float | None
    min: int | None
    median: float | None
    max: int | None
    bands: tuple[Band, ...]
    histogram: tuple[SpanCount, ...]  # solid spans, smallest first
    single_report: tuple[str, ...]
    dotted_lines: int
    per_role: tuple[Span, ...]  # roles with any report, in file order


@attrs.frozen
class Group:
    """Roles sharing a team, level or layer; ``key`` None means the role gives none."""

    key: str | None
    name: str | None  # the team's name; None for levels and layers
    roles: int
    vacant: int
    inferred: int  # roles whose level or layer was not written (always 0 for teams)


@attrs.frozen
class OrgStats:
    path: str
    name: str | None
    headcount: Headcount
    layers: Layers
    spans: Spans
    teams: tuple[Group, ...]
    levels: tuple[Group, ...]  # highest level first
    layer_groups: tuple[Group, ...]  # by the strategic/operational/tactical layer
    ownership: tuple[Holding, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: tuples become lists, field names become keys."""
        import attr  # attrs.asdict keeps tuples; the classic API turns them into lists

        return {"version": 1, **attr.asdict(self, retain_collection_types=False)}


def span_limit(pack: RulePack) -> int:
    """SPAN001's ``max`` in ``pack`` (configured or not); the default when the rule is off."""
    rule = pack.rules.get(SPAN_RULE)
    value = rule.params.get("max") if rule is not None else None
    return value if isinstance(value, int) else DEFAULT_SPAN_LIMIT


def compute(org: Org, vocabulary: Vocabulary, limit: int = DEFAULT_SPAN_LIMIT) -> OrgStats:
    """Every figure about ``org``; ``limit`` is the span limit (see :func:`span_limit`)."""
    roles = org.roles.values()
    return OrgStats(
        path=org.path, name=org.name, headcount=headcount(org), layers=layers(org), spans=spans(org, limit),
        teams=_groups(roles, lambda r: r.team.text if r.team else None, [*org.teams],
                      names={t.id: t.name for t in org.teams.values()}),
        levels=_groups(roles, lambda r: r.level, [*reversed(vocabulary.levels)],
                       inferred=lambda r: facts.of(r).level.origin not in ("written", "none")),
        layer_groups=_groups(roles, lambda r: r.layer, [*vocabulary.layers],
                             inferred=lambda r: facts.of(r).layer.origin not in ("written", "none")),
        ownership=ownership(org, vocabulary))


def headcount(org: Org) -> Headcount:
    total = len(org.roles)
    vacant = sum(1 for role in org.roles.values() if role.vacant)
    people = len({role.person for role in org.roles.values() if role.person is not None})
    return Headcount(total, total - vacant, vacant, people, vacant / total if total else None)


def layers(org: Org) -> Layers:
    """Depth by breadth-first walk from the tops and dangling roles; each role is visited once."""
    reports = org.direct_reports
    tops = tuple(role.id for role in org.roles.values() if not role.reports_to)
    dangling = tuple(role.id for role in org.roles.values()
                     if role.reports_to and role.manager_id not in org.roles)
    depth_of = dict.fromkeys(tops + dangling, 1)
    order = list(depth_of)
    for role_id in order:  # grows while walked: a queue without recursion
        for child in reports.get(role_id, ()):
            if child not in depth_of:  # a self-report is never reached, but stay safe
                depth_of[child] = depth_of[role_id] + 1
                order.append(child)
    deepest = max(depth_of.values(), default=0)
    per_depth = [0] * deepest
    for depth in depth_of.values():
        per_depth[depth - 1] += 1
    unplaced = tuple(role_id for role_id in org.roles if role_id not in depth_of)
    in_file_order = {role_id: depth_of[role_id] for role_id in org.roles if role_id in depth_of}
    return Layers(deepest, tuple(per_depth), _chain(org, depth_of, deepest), tops, dangling, unplaced,
                  in_file_order)


def _chain(org: Org, depth_of: Mapping[str, int], deepest: int) -> tuple[str, ...]:
    """From a root down to the deepest role declared first (placed roles always reach a root)."""
    end = next((role_id for role_id in org.roles if depth_of.get(role_id) == deepest), None)
    chain: list[str] = []
    while end is not None and len(chain) < deepest:
        chain.append(end)
        end = org.roles[end].manager_id
    return tuple(reversed(chain))


def band_of(solid: int, limit: int) -> str:
    """``wide`` above the span limit (first, so a limit under 3 wins), ``narrow`` for 1-2, else ``regular``."""
    if solid > limit:
        return "wide"
    return "narrow" if solid <= NARROW_SPAN else "regular"


def spans(org: Org, limit: int) -> Spans:
    reports = org.direct_reports
    dotted: Counter[str] = Counter()
    for role in org.roles.values():
        dotted.update({value.text for value in role.dotted_to if value.text in org.roles})
    per_role = tuple(
        Span(role_id, len(reports.get(role_id, ())), dotted[role_id],
             band_of(len(reports[role_id]), limit) if role_id in reports else None)
        for role_id in org.roles if role_id in reports or role_id in dotted)
    histogram = Counter(len(ids) for ids in reports.values())
    managers = len(reports)
    band_counts = Counter(span.band for span in per_role if span.band is not None)
    bands = (Band("narrow", 1, min(NARROW_SPAN, limit), band_counts["narrow"]),
             Band("regular", NARROW_SPAN + 1, limit, band_counts["regular"]),
             Band("wide", limit + 1, None, band_counts["wide"]))
    ics = len(org.roles) - managers
    return Spans(
        limit=limit, managers=managers, ics=ics, ics_per_manager=ics / managers if managers else None,
        min=min(histogram, default=None), median=_median(histogram), max=max(histogram, default=None),
        bands=bands, histogram=tuple(SpanCount(n, histogram[n]) for n in sorted(histogram)),
        single_report=tuple(span.role for span in per_role if span.solid == 1),
        dotted_lines=sum(dotted.values()), per_role=per_role)


def _median(histogram: Mapping[int, int]) -> float | None:
    """The median of the values the histogram counts, without sorting every value (spans repeat)."""
    total = sum(histogram.values())
    low_at, high_at = (total - 1) // 2, total // 2  # where the middle value(s) sit, sorted
    seen, low = 0, None
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > low_at:
            low = value
        if low is not None and seen > high_at:
            return (low + value) / 2
    return None


def _groups(roles: Iterable[Role], key_of: Callable[[Role], str | None], known: list[str],
            names: Mapping[str, str] | None = None,
            inferred: Callable[[Role], bool] | None = None) -> tuple[Group, ...]:
    """Roles by ``key_of``: every ``known`` key (even empty) in order, then others as met, then None."""
    counts: dict[str | None, list[int]] = {key: [0, 0, 0] for key in known}
    for role in roles:
        tally = counts.setdefault(key_of(role), [0, 0, 0])
        tally[0] += 1
        tally[1] += role.vacant
        tally[2] += bool(inferred and inferred(role))
    none = counts.pop(None, None)
    rows = [Group(key, names.get(key) if names and key else None, *tally) for key, tally in counts.items()]
    if none is not None:
        rows.append(Group(None, None, *none))
    return tuple(rows)
