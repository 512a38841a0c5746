"""One call from a checked org to the bytes of a chart in any format."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.render.chart import ChartOptions, build_chart
from orgmodel.render.mermaid import build_mermaid

FORMATS = ("svg", "png", "dot", "mermaid")
SUFFIXES: Mapping[str, str] = {
    ".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid",
}


def format_for(path: Path) -> str | None:
    """The format a file name asks for, or None."""
    return SUFFIXES.get(path.suffix.lower())


def render_org(org: Org, findings: Sequence[Finding], exclusive: Collection[str], output_format: str,
               options: ChartOptions = ChartOptions(), engine: str = "embedded") -> tuple[bytes, list[str]]:
    """``(bytes, engine messages)`` of the chart of ``org`` in ``output_format``."""
    if output_format == "mermaid":
        return build_mermaid(org, findings, exclusive, options).encode("utf-8"), []
    chart = build_chart(org, findings, exclusive, options)
    if output_format == "dot":
        return chart.source.encode("utf-8"), []
    from orgmodel.render import engine as engines, svg  # pulls in Graphviz: only here

    data, messages = engines.render(chart.source, output_format, engine)
    if output_format == "svg":
        data = svg.add_titles(data, chart.tooltips)
    return data, messages
