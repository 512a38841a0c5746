"""How a chart is arranged: which leaf reports hang in stacks, and which reports wrap into rows.

A manager's reports are *items* in rows: a report with its own subtree, or a
*column* of leaf reports hanging one under another from a vertical line.
``tree`` puts every manager's items in one row and stacks a manager's leaves
(one column per team) once there are ``stack_min`` of them: the classic chart,
good up to a few dozen roles. ``compact`` chooses, bottom-up for every manager,
how many columns its leaves hang in and how many items go in a row, so that
each subtree's box fits a landscape page (about A3's 1.41:1) as tightly as it
can; rows after the first hang from a line that runs down beside the row
above, below all of it (a shelf) or, in orgs up to THOROUGH_MAX_ROLES, skyline
fashion below its first or last item when that one is shorter (``Plan.hangs``).
Those orgs also try subtrees made as narrow as they can be under one height,
and get several plans for the chart builder to lay out and choose from. ``auto`` is ``tree`` unless the
tree's estimated width is over 2.5 times its height and over an A3 page's
width, then ``compact``.

Sizes here are estimates in points (Graphviz measures the real ones); they only
choose the arrangement. Rank counts are exact: a wrapped row starts one rank
below the deepest rank of the row above.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Callable, Mapping, Sequence

import attrs

from orgmodel.model import Org
from orgmodel.render import LAYOUTS  # noqa: F401 - the names this module plans for
from orgmodel.render.selection import Selection, tops

MAX_TREE_RATIO = 2.5  # auto: wider than this (and than a page), and the chart is drawn compact
PAGE_WIDTH = 1190  # points: an A3 landscape page; a narrower tree stays a tree
PAGE_RATIO = math.sqrt(2)  # A-series landscape: what compact subtrees aim for
# Compact charts up to this many shown roles try more shapes: rows that hang under an end of the row
# above (Plan.hangs), and subtrees fitted under a height. Each costs planning time that a chart of
# thousands of roles can't spare (its rows hang as shelves).
THOROUGH_MAX_ROLES = 300

SHELF = -1  # a row that hangs below the whole row above it (Plan.hangs)

Item = str | tuple[str, ...]  # a report (with its subtree), or a column of stacked leaf reports
Size = tuple[float, float]  # width, height in points


@attrs.frozen
class Spacing:
    """Graphviz's gaps, in inches as DOT takes them, and the cards' and teams' margins."""

    nodesep: float
    ranksep: float
    card_margin: str = "0.14,0.06"  # inches across, down
    team_margin: str = "12"  # points

    @property
    def across(self) -> float:
        return self.nodesep * 72

    @property
    def down(self) -> float:
        return self.ranksep * 72


TREE_SPACING = Spacing(nodesep=0.25, ranksep=0.45)
COMPACT_SPACING = Spacing(nodesep=0.1, ranksep=0.12, card_margin="0.08,0.03", team_margin="6")


@attrs.frozen
class Plan:
    layout: str  # "tree" or "compact"
    spacing: Spacing
    rows: Mapping[str, tuple[tuple[Item, ...], ...]]  # manager -> its items, row by row
    gaps: Mapping[str, tuple[int, ...]]  # manager -> ranks from each row's joint (the first: the manager) to the next
    # manager -> for each row after the first, the item of the row above it hangs under (its line runs
    # down beside that item, and it starts below it), or SHELF: below the whole row above.
    hangs: Mapping[str, tuple[int, ...]]
    estimate: Size  # the chart's estimated size, header left out


# A block: a subtree's size, and the ranks from its top to its bottom. A plain tuple:
# planning a big org makes a hundred thousand of them.
_Block = tuple[Size, int]
_Rows = tuple[tuple[Item, ...], ...]
Span = tuple[float, float, int]  # rows of blocks: width, height, ranks
# A manager's block, the rank gaps between its rows, and where each row after the first hangs.
_Measured = tuple[_Block, tuple[int, ...], tuple[int, ...]]
# A manager's items, the span of each row, and their measure (rows are made only for the one chosen).
_Arrangement = tuple[tuple[Item, ...], list[tuple[int, int]], _Measured]


class _Columns:
    """Items' blocks as three lists (widths, heights, ranks): a row's measure is then a slice of each."""

    __slots__ = ("widths", "heights", "ranks")

    def __init__(self, widths: list[float], heights: list[float], ranks: list[int]) -> None:
        self.widths, self.heights, self.ranks = widths, heights, ranks

    @classmethod
    def of(cls, blocks: Sequence[_Block]) -> _Columns:
        return cls([size[0] for size, _ in blocks], [size[1] for size, _ in blocks], [ranks for _, ranks in blocks])

    def then(self, other: _Columns) -> _Columns:
        """These items followed by ``other``'s."""
        return _Columns(self.widths + other.widths, self.heights + other.heights, self.ranks + other.ranks)


class _Tree:
    """The shown tree, read once for every plan tried: reports, tops, order, leaves by team."""

    def __init__(self, org: Org, selection: Selection, team_of: Callable[[str], str | None]) -> None:
        self.shown = shown = set(selection.roles)
        reports = org.direct_reports
        self.children = {r: [c for c in reports.get(r, ()) if c in shown] for r in selection.roles}
        self.tops = tops(org, selection)
        self.order = _order(self.tops, selection.roles, self.children)
        self.leaves = [r for r in self.order if not self.children[r]]
        self.managers_upwards = [r for r in reversed(self.order) if self.children[r]]  # reports before managers
        self.team_of = team_of
        self._groups: dict[str, tuple[list[str], list[list[str]]]] = {}

    def leaf_groups(self, manager: str) -> tuple[list[str], list[list[str]]]:
        """The reports that keep their own place, and the leaves by team (in file order)."""
        found = self._groups.get(manager)
        if found is None:
            placed: list[str] = []
            groups: dict[str | None, list[str]] = {}
            children = self.children
            for child in children[manager]:
                if children[child]:
                    placed.append(child)
                else:
                    groups.setdefault(self.team_of(child), []).append(child)
            found = self._groups[manager] = (placed, list(groups.values()))
        return found


class _Shared:
    """What every ratio tried measures alike, kept for the next (a compact plan is made once per ratio)."""

    def __init__(self, tree: _Tree) -> None:
        self.tree = tree
        self.sizes: dict[str, Size] = {}  # each card's size, asked for once
        self.stacks: dict[tuple[str, ...], _Block] = {}  # a column of leaves measures the same in every arrangement
        self.leaf_blocks: dict[str, _Block] | None = None  # each leaf's block: its card, one rank
        self.leaf_options: dict[str, list[tuple[list[Item], _Columns]]] = {}  # manager -> ways to hang its leaves
        # A manager's arrangements and their sizes depend on its reports' blocks, not on the ratio
        # (only which one wins does), and most managers' reports come out alike under every ratio.
        self.arrangements: dict[tuple[str, tuple[_Block, ...]], list[_Arrangement]] = {}


def _order(starts: Sequence[str], roles: Sequence[str], children: Mapping[str, Sequence[str]]) -> list[str]:
    """Managers before their reports (breadth first; a cycle is entered anywhere, once)."""
    seen: set[str] = set()
    order: list[str] = []
    for start in [*starts, *roles]:
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            role = queue.popleft()
            order.append(role)
            for child in children[role]:
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
    return order


class _Planner:
    def __init__(self, org: Org, card: Callable[[str, bool], Size], stack_min: int, spacing: Spacing,
                 shared: _Shared, ratio: float = PAGE_RATIO, height: float | None = None) -> None:
        self.org, self.stack_min, self.spacing = org, stack_min, spacing
        compact = spacing != TREE_SPACING
        self._card, self._compact = card, compact
        self.shared = shared
        self.tree = tree = shared.tree
        self.shown, self.children, self.leaf_groups = tree.shown, tree.children, tree.leaf_groups
        self.sizes, self.stacks = shared.sizes, shared.stacks
        self.across, self.down = spacing.across, spacing.down
        self.ratio, self.height = ratio, height
        # Skyline hangs (False: none that widen a row; None: no hangs, shelves only) cost planning
        # time, and one that widens a row is a second arrangement to measure for each wrapped one:
        # worth it where the page is the target (a 150-role org), not for thousands of roles.
        self.skylines: bool | None = False if len(self.shown) <= THOROUGH_MAX_ROLES else None
        self.blocks: dict[str, _Block] = {}
        self.above: dict[str, float] = {}  # role -> height of the single-report chain above it, from the top

    def card(self, role: str) -> Size:
        found = self.sizes.get(role)
        if found is None:
            found = self.sizes[role] = self._card(role, self._compact)
        return found

    def chains(self) -> None:
        """Mark the roles whose block is the whole chart: the top, and single reports below it."""
        if len(self.tree.tops) != 1:
            return
        role, above = self.tree.tops[0], 0.0
        while True:
            self.above[role] = above
            if len(self.children[role]) != 1:
                return
            above += self.card(role)[1] + self.down
            role = self.children[role][0]

    def item(self, item: Item) -> _Block:
        if isinstance(item, str):
            found = self.blocks.get(item)
            return found if found is not None else (self.card(item), 1)  # a cycle's back edge: one card
        found = self.stacks.get(item)
        if found is None:
            sizes = [self.card(leaf) for leaf in item]
            found = self.stacks[item] = self.stack([w for w, _ in sizes], [h for _, h in sizes])
        return found

    def stack(self, widths: Sequence[float], heights: Sequence[float]) -> _Block:
        """The block of leaves of these sizes hanging one under another beside a line."""
        joint = 2 + self.across  # the line beside the cards
        return (joint + max(widths), sum(heights) + self.down * (len(heights) - 1)), len(heights)

    def measure(self, manager: str, rows: Sequence[Sequence[Item]]) -> _Measured:
        """The block of ``manager`` with its items in ``rows``, the rank gaps between rows, and where
        each row after the first hangs (below all of the row above: shelves)."""
        blocks = [self.item(entry) for row in rows for entry in row]
        spans = list(itertools.pairwise(itertools.accumulate(map(len, rows), initial=0)))
        return self.measured(manager, _Columns.of(blocks), spans)

    def measured(self, manager: str, items: _Columns, spans: Sequence[tuple[int, int]],
                 widen: bool | None = None) -> _Measured:
        """:meth:`measure` of items in rows, each row a span of ``items``; unless ``widen`` is None,
        a row may hang under an end item of the row above (:func:`hang`)."""
        if widen is not None and len(spans) > 1:
            return self.skyline(manager, items, spans, widen)
        # Shelves only: each row below all of the row above (a big org's every arrangement).
        width, height = self.card(manager)
        below, ranks, gaps = 0.0, 0, []
        widest = width
        across, down, last = self.across, self.down, len(spans) - 1
        widths, heights, all_ranks = items.widths, items.heights, items.ranks
        for index, (start, end) in enumerate(spans):
            line = across + 2 if index < last else 0  # the line down to the next row
            widest = max(widest, sum(widths[start:end]) + across * (end - start - 1) + line)
            below += down * (1 if index == 0 else 2) + max(heights[start:end])
            row_ranks = max(all_ranks[start:end])
            if index < last:
                gaps.append(row_ranks + 1)  # from this row's joint (or the manager) to the next one's
            ranks += row_ranks + (1 if index else 0)
        return ((widest, height + below), 1 + ranks), tuple(gaps), (SHELF,) * len(gaps)

    def skyline(self, manager: str, items: _Columns, spans: Sequence[tuple[int, int]], widen: bool) -> _Measured:
        """:meth:`measured` from the last row up, each row with the rows below it (its *tail*)
        hanging where :func:`hang` chooses."""
        widths, heights, all_ranks = items.widths, items.heights, items.ranks
        start, end = spans[-1]
        tail = (sum(widths[start:end]) + self.across * (end - start - 1), max(heights[start:end]),
                max(all_ranks[start:end]))
        gaps, hangs = [], []
        for start, end in reversed(spans[:-1]):
            tail, gap, where = hang(widths[start:end], heights[start:end], all_ranks[start:end], tail, self.across,
                                    self.down, widen)
            gaps.append(gap)
            hangs.append(where)
        width, height = self.card(manager)
        size = (max(width, tail[0]), height + self.down + tail[1])
        return (size, 1 + tail[2]), tuple(reversed(gaps)), tuple(reversed(hangs))

    def tree_rows(self, manager: str) -> tuple[tuple[Item, ...], ...]:
        kept, groups = self.leaf_groups(manager)
        placed, columns = list(kept), list[Item]()
        for leaves in groups:
            if self.stack_min > 0 and len(leaves) >= self.stack_min:
                columns.append(tuple(leaves))
            else:
                placed.extend(leaves)
        placed.sort(key=self.children[manager].index)  # reports keep their file order
        return (tuple([*placed, *columns]),) if placed or columns else ()

    def compact_rows(self, manager: str) -> tuple[_Rows, _Measured]:
        """The arrangement whose box fits a landscape page best (the least of max(width, ratio x height)),
        and its measure."""
        placed, groups = self.leaf_groups(manager)
        placed_blocks = tuple(map(self.item, placed))
        key = (manager, placed_blocks)
        arrangements = self.shared.arrangements.get(key)
        if arrangements is None:
            arrangements = self.shared.arrangements[key] = []
            placed_columns = _Columns.of(placed_blocks)
            for leaf_items, leaf_columns in self.leaf_options(manager, groups):
                items = (*placed, *leaf_items)
                columns = placed_columns.then(leaf_columns)
                # Only reports with their own subtrees wrap: leaves are arranged by their columns
                # (a wrapped row of leaves costs a rank and a line, another column neither).
                for lengths in self.row_choices(columns.widths) if placed else [(len(items),)]:
                    spans = list(itertools.pairwise(itertools.accumulate(lengths, initial=0)))
                    arrangements.append((items, spans, self.measured(manager, columns, spans, self.skylines)))
                    if self.skylines is not None and len(spans) > 1:
                        arrangements.append((items, spans, self.measured(manager, columns, spans, widen=True)))
        # The least cost wins; a later arrangement only if clearly less (the first of equals stays).
        best: _Arrangement | None = None
        least = 0.0
        above, ratio, plain = self.above.get(manager), self.ratio, self.height is None
        for arrangement in arrangements:
            width, height = arrangement[2][0][0]
            cost = max(width, ratio * height) if above is None and plain else self.cost(manager, (width, height))
            if best is None or cost < least - 1e-6:
                best, least = arrangement, cost
        if best is None:
            return (), self.measure(manager, ())
        items, spans, measured = best
        return tuple(items[a:b] for a, b in spans), measured

    def cost(self, manager: str, size: Size) -> float:
        """How well a block fits: its side on a page of the planner's ratio (or its width under the
        planner's height), or, for a block that is the whole chart (below a chain of single reports
        from the top), on the landscape page."""
        width, height = size
        above = self.above.get(manager)
        if above is None and self.height is not None:
            # The narrowest block under the height aimed at, else the lowest.
            return width if height <= self.height else _TOO_HIGH + height
        if above is None:
            return max(width, self.ratio * height)
        return max(width, PAGE_RATIO * ((height + above) * _HEIGHT_SLACK + _HEADER))

    def row_choices(self, widths: Sequence[float]) -> list[tuple[int, ...]]:
        """Items of these widths in file order, in rows filled up to each of a few widths (shelves):
        each choice as the number of items in each row."""
        count, across = len(widths), self.across
        targets = {max(widths)}
        for per_row in _row_lengths(count):
            targets.add(max(sum(widths[i : i + per_row]) + across * (per_row - 1) for i in range(0, count, per_row)))
        choices = []
        for target in sorted(targets, reverse=True):
            lengths = [0]
            used = 0.0
            for width in widths:
                if lengths[-1] and used + across + width > target:
                    lengths.append(0)
                    used = 0.0
                used += (across if lengths[-1] else 0) + width
                lengths[-1] += 1
            choices.append(tuple(lengths))
        return list(dict.fromkeys(choices))

    def leaf_options(self, manager: str, groups: list[list[str]]) -> list[tuple[list[Item], _Columns]]:
        """Ways to hang the leaves, each with its items' columns (the same under every ratio): side by side,
        or each team's leaves in 1, 2, 3 ... columns."""
        found = self.shared.leaf_options.get(manager)
        if found is None:
            found = self.shared.leaf_options[manager] = self._leaf_options(groups)
        return found

    def _leaf_options(self, groups: list[list[str]]) -> list[tuple[list[Item], _Columns]]:
        sizes = [[self.card(leaf) for leaf in leaves] for leaves in groups]
        loose: list[Item] = [leaf for leaves in groups for leaf in leaves]
        options = [(loose, _Columns([w for team in sizes for w, _ in team], [h for team in sizes for _, h in team],
                                    [1] * len(loose)))]
        longest = max((len(leaves) for leaves in groups), default=0)
        if self.stack_min <= 0 or longest < self.stack_min:
            return options
        # Each team's widths and heights, for measuring its columns by slices.
        team_widths = [[w for w, _ in team] for team in sizes]
        team_heights = [[h for _, h in team] for team in sizes]
        seen: set[tuple[int, ...]] = set()
        for columns in range(1, min(longest, 12) + 1):
            # Leaves per column in each stacked team; more columns than a team can fill change nothing.
            lengths = tuple(math.ceil(len(leaves) / min(columns, len(leaves))) for leaves in groups
                            if len(leaves) >= self.stack_min)
            if lengths in seen:
                continue
            seen.add(lengths)
            items: list[Item] = []
            measured = _Columns([], [], [])
            for leaves, widths, heights in zip(groups, team_widths, team_heights, strict=True):
                if len(leaves) < self.stack_min:
                    items.extend(leaves)
                    measured.widths.extend(widths)
                    measured.heights.extend(heights)
                    measured.ranks.extend([1] * len(leaves))
                    continue
                length = math.ceil(len(leaves) / min(columns, len(leaves)))
                for i in range(0, len(leaves), length):
                    items.append(tuple(leaves[i : i + length]))
                    (width, height), ranks = self.stack(widths[i : i + length], heights[i : i + length])
                    measured.widths.append(width)
                    measured.heights.append(height)
                    measured.ranks.append(ranks)
            options.append((items, measured))
        return options


def hang(widths: Sequence[float], heights: Sequence[float], ranks: Sequence[int], tail: Span, across: float,
         down: float, widen: bool = False) -> tuple[Span, int, int]:
    """A row of blocks (their ``widths``, ``heights`` and ``ranks``) with the rows below it (``tail``):
    the span of both, the rank gap from the row's joint to the tail's, and where the tail hangs
    (Plan.hangs: an item's index, or SHELF).

    The tail hangs as a shelf below the whole row or under the row's first or last item, if that
    takes less room (width x height; a tie keeps the shelf), but not if it makes the row wider,
    unless ``widen``.
    """
    width, height, row_ranks = sum(widths) + across * (len(widths) - 1), max(heights), max(ranks)
    tail_width, tail_height, tail_ranks = tail
    line = across + 2  # the line down to the tail's joint
    # The tail's joint is a rank of its own: two rank gaps between the row and the tail.
    shelf = best = ((max(width + line, tail_width), height + 2 * down + tail_height, row_ranks + 1 + tail_ranks),
                    row_ranks + 1, SHELF)
    # Only under an end item: its line is then written first or last among the row's lines, which
    # keeps ``ordering=out`` between the items (Graphviz drops the order around a line that ends
    # ranks further down; written between two items, they were drawn swapped).
    for index in sorted({0, len(widths) - 1}):
        span = (width - widths[index] + max(widths[index] + line, tail_width),
                max(height, heights[index] + 2 * down + tail_height), max(row_ranks, ranks[index] + 1 + tail_ranks))
        if not widen and span[0] > shelf[0][0] + 1e-6:
            continue
        if span[0] * span[1] < best[0][0] * best[0][1] - 1e-6:
            best = (span, ranks[index] + 1, index)
    return best


def _row_lengths(count: int) -> list[int]:
    """Items per row worth trying: every count up to 12, then a few more."""
    if count <= 12:
        return list(range(count, 0, -1))
    return sorted({count, *range(1, 13), *(math.ceil(count / rows) for rows in range(1, 13))}, reverse=True)


def plans(org: Org, selection: Selection, card: Callable[[str, bool], Size], team_of: Callable[[str], str | None],
          layout: str = "auto", stack_min: int = 3, tree_bounds: Callable[[str], Size] | None = None) -> list[Plan]:
    """Where every shown role goes (the rows of each manager's reports, for ``layout``): the plans
    worth drawing, the one that fits a landscape page best by estimate first.

    ``card(role, compact)`` estimates a card's size as drawn in a compact layout or not;
    ``tree_bounds(role)``, if given, is at most the width and at least the height of its tree card.

    One plan, but for a compact chart of up to THOROUGH_MAX_ROLES roles: then every different
    plan tried, for the caller to lay out the best few and keep the one that really fits best.
    """
    tree = _Tree(org, selection, team_of)
    # auto: a tree unless it is too wide; bounds tell a big org's tree too wide without sizing its
    # cards (a fifth of planning 2,000 roles went into a tree plan only thrown away).
    surely_compact = layout == "auto" and tree_bounds is not None and _surely_too_wide(org, tree, tree_bounds,
                                                                                         stack_min)
    if layout == "tree" or (layout == "auto" and not surely_compact):
        classic = _arrange(org, card, stack_min, TREE_SPACING, _Shared(tree))
        if layout == "tree" or not _too_wide(*classic.estimate):
            return [classic]
    # Each subtree is shaped for a ratio; the whole chart's shape follows from them only
    # roughly, so a few ratios are tried and the chart that fits a landscape page best wins.
    shared = _Shared(tree)
    tried = [_arrange(org, card, stack_min, COMPACT_SPACING, shared, ratio) for ratio in _SUBTREE_RATIOS]
    if len(selection.roles) > THOROUGH_MAX_ROLES:
        return [min(tried, key=_page_side)]
    # Subtrees as narrow as they can be under one height: side by side they then fill a band
    # (examples/global.org.txt: ratios alone left one region a row of its own).
    tried += [_arrange(org, card, stack_min, COMPACT_SPACING, shared, PAGE_RATIO, height)
              for height in _heights(tried)]
    distinct: dict[tuple[object, ...], Plan] = {}
    for found in sorted(tried, key=_page_side):
        distinct.setdefault((*found.rows.items(), *found.hangs.items()), found)
    return list(distinct.values())


def _too_wide(width: float, height: float) -> bool:
    """Whether a tree this size is drawn compact by ``auto``."""
    return width > max(MAX_TREE_RATIO * height, PAGE_WIDTH)


def _surely_too_wide(org: Org, tree: _Tree, bounds: Callable[[str], Size], stack_min: int) -> bool:
    """Whether the tree is too wide whatever its cards' true sizes, from bounds on them.

    A tree block's width only grows with its cards' widths and its height with their
    heights (the rows do not depend on sizes), so a plan of the least widths and the most
    heights is at most as wide and at least as tall as the true one.
    """
    width, height = _arrange(org, lambda role, _compact: bounds(role), stack_min, TREE_SPACING, _Shared(tree)).estimate
    return _too_wide(width, height)


def _page_side(plan: Plan) -> float:
    """The estimated long side of a landscape page that the chart fits (the header above it)."""
    return max(plan.estimate[0], PAGE_RATIO * (plan.estimate[1] * _HEIGHT_SLACK + _HEADER))


def _heights(plans: Sequence[Plan]) -> list[float]:
    """Heights to fit subtrees under: from a third of the lowest plan's to the highest plan's, 10% apart."""
    low, high = min(p.estimate[1] for p in plans) / 3, max(p.estimate[1] for p in plans)
    return [low * 1.1**step for step in range(math.ceil(math.log(high / low, 1.1)) + 1)] if low > 0 else []


_SUBTREE_RATIOS = (0.5, 0.75, 1.0, PAGE_RATIO, 2.0, 3.0, 4.0)
# Measured on the generated orgs and examples/global.org.txt: Graphviz's ranks come out
# about 14% taller than the estimate, and the header adds about 140 points.
_HEIGHT_SLACK, _HEADER = 1.14, 140
_TOO_HIGH = 1e9  # a block over the height aimed at costs more than any under it


def _arrange(org: Org, card: Callable[[str, bool], Size], stack_min: int, spacing: Spacing, shared: _Shared,
             ratio: float = PAGE_RATIO, height: float | None = None) -> Plan:
    planner = _Planner(org, card, stack_min, spacing, shared, ratio, height)
    tree = shared.tree
    rows: dict[str, tuple[tuple[Item, ...], ...]] = {}
    gaps: dict[str, tuple[int, ...]] = {}
    hangs: dict[str, tuple[int, ...]] = {}
    planner.chains()
    compact = spacing != TREE_SPACING
    if shared.leaf_blocks is None:
        shared.leaf_blocks = {leaf: (planner.card(leaf), 1) for leaf in tree.leaves}
    blocks = planner.blocks
    blocks.update(shared.leaf_blocks)
    for manager in tree.managers_upwards:
        if compact:
            rows[manager], (blocks[manager], gaps[manager], hangs[manager]) = planner.compact_rows(manager)
        else:
            rows[manager] = planner.tree_rows(manager)
            blocks[manager], gaps[manager], hangs[manager] = planner.measure(manager, rows[manager])
    starts = tree.tops or tree.order[:1]
    sizes = [blocks[top][0] for top in starts if top in blocks]
    width = sum(w for w, _ in sizes) + spacing.across * max(len(sizes) - 1, 0)
    estimate = (width, max((h for _, h in sizes), default=0))
    return Plan("compact" if compact else "tree", spacing, rows, gaps, hangs, estimate)
