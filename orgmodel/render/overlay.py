"""Hooks that draw over a chart: restyled cards, more nodes and lines, another header.

The chart builder calls them without knowing what they mean, so that a chart
of something else about an org (a reorg: :mod:`orgmodel.render.diff_chart`)
is the same chart with a layer on top, not a second renderer.
"""

from __future__ import annotations

from collections.abc import Collection

from orgmodel.render.dot import Graph


class Overlay:
    """Hooks that change nothing; a subclass overrides the ones it needs."""

    def card(self, role_id: str, attributes: dict[str, str], label: str, tooltip: str) -> tuple[str, str]:
        """A role's card: may change its DOT ``attributes`` in place; returns its label and tooltip.

        The label is HTML-like (one ``<TABLE>``, without the outer ``<`` ``>``)
        and the tooltip plain text.
        """
        return label, tooltip

    def header(self, label: str) -> str:
        """The chart's header (HTML-like, like a card's label)."""
        return label

    def extra(self, graph: Graph, shown: Collection[str]) -> dict[str, str]:
        """Draws more nodes and lines once the chart is built; returns their tooltips by SVG id.

        ``shown`` are the roles on the chart (their IDs are their node names).
        """
        return {}
