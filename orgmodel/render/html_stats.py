"""The report's Figures view: the ``stats`` sections as HTML, with two charts drawn as inline SVG.

The sections are :func:`orgmodel.stats_format.sections`, so the report says
exactly what ``orgmodel stats`` says. Every text from the org goes through
:func:`html.escape`; the charts hold numbers and fixed words only.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from orgmodel.stats import OrgStats, band_of
from orgmodel.stats_format import Section, sections
from orgmodel.tables import Table

FOLD_ROWS = 12  # a longer table starts folded (opened for printing)
CONTIGUOUS_SPANS = 40  # up to this widest span, every span from 1 gets a bar (empty ones too)
PYRAMID_ROWS = 60  # deeper orgs show their first layers and say how many more
BAND_COLOURS = {"narrow": "#f59e0b", "regular": "#3b82f6", "wide": "#dc2626"}


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (f'<svg class="om-figure" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>{"".join(body)}</svg>')


def _text(x: float, y: float, text: str, anchor: str = "middle", css: str = "", upright: bool = True) -> str:
    extra = (f' class="{css}"' if css else "") + ("" if upright else f' transform="rotate(-90 {x:.1f} {y:.1f})"')
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def span_histogram(figures: OrgStats) -> str:
    """Managers by number of solid-line reports, each bar in its band's colour, the span limit marked."""
    spans = figures.spans
    counts = {row.reports: row.managers for row in spans.histogram}
    widest = max(counts, default=0)
    xs = list(range(1, widest + 1)) if widest <= CONTIGUOUS_SPANS else sorted(counts)
    width, height, left, bottom, top = 560, 230, 44, 44, 16
    plot_w, plot_h = width - left - 12, height - bottom - top
    tallest = max(counts.values(), default=0) or 1
    step = plot_w / max(len(xs), 1)
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" class="om-axis"/>']
    for i, reports in enumerate(xs):
        managers = counts.get(reports, 0)
        bar = plot_h * managers / tallest
        x = left + i * step
        body.append(f'<rect x="{x + step * 0.1:.1f}" y="{top + plot_h - bar:.1f}" width="{step * 0.8:.1f}" '
                    f'height="{bar:.1f}" fill="{BAND_COLOURS[band_of(reports, spans.limit)]}">'
                    f'<title>{managers} managers with {reports} reports</title></rect>')
        if managers:
            body.append(_text(x + step / 2, top + plot_h - bar - 3, str(managers), css="om-count"))
        if len(xs) <= 20 or i % max(1, len(xs) // 20) == 0:
            body.append(_text(x + step / 2, top + plot_h + 14, str(reports)))
    if xs and xs[0] <= spans.limit < xs[-1]:
        at = left + step * (xs.index(next(r for r in xs if r > spans.limit)))
        body.append(f'<line x1="{at:.1f}" y1="{top}" x2="{at:.1f}" y2="{top + plot_h}" class="om-limit"/>')
        body.append(_text(at + 3, top + 8, f"span limit {spans.limit}", anchor="start", css="om-note"))
    body.append(_text(left + plot_w / 2, height - 8, "direct reports (solid lines)"))
    body.append(_text(14, top + plot_h / 2, "managers", upright=False))
    return _svg(width, height, "Span of control: managers by number of direct reports", body)


def layer_pyramid(figures: OrgStats) -> str:
    """Roles at each depth of the solid-line tree, the top first, bars centred like a pyramid."""
    per_depth = figures.layers.per_depth
    shown = per_depth[:PYRAMID_ROWS]
    row, width, label_w = 26, 560, 70
    height = row * (len(shown) + (len(per_depth) > len(shown))) + 16
    widest = max(shown, default=0) or 1
    middle, half = label_w + (width - label_w - 50) / 2, (width - label_w - 50) / 2
    body = []
    for depth, count in enumerate(shown, start=1):
        y, bar = 8 + (depth - 1) * row, max(2.0, half * count / widest)
        body.append(f'<rect x="{middle - bar:.1f}" y="{y}" width="{2 * bar:.1f}" height="{row - 6}" '
                    f'class="om-bar"><title>layer {depth}: {count} roles</title></rect>')
        body.append(_text(4, y + row - 11, f"layer {depth}", anchor="start"))
        body.append(_text(middle + bar + 4, y + row - 11, str(count), anchor="start", css="om-count"))
    if len(per_depth) > len(shown):
        body.append(_text(4, height - 10, f"and {len(per_depth) - len(shown)} deeper layers", anchor="start",
                          css="om-note"))
    return _svg(width, height, "Layers: roles at each depth of the reporting tree", body)


def _table(table: Table) -> str:
    if not table.rows:
        return '<p class="om-muted">none</p>'
    numeric = [' class="om-num"' if right else "" for right in table.numeric]
    head = "".join(f"<th{css}>{escape(h)}</th>" for h, css in zip(table.headers, numeric, strict=True))
    rows = "".join("<tr>" + "".join(f"<td{css}>{escape(cell)}</td>" for cell, css in zip(row, numeric, strict=True))
                   + "</tr>" for row in table.rows)
    html = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if len(table.rows) > FOLD_ROWS:
        return f"<details><summary>{len(table.rows)} rows</summary>{html}</details>"
    return html


def _section(section: Section) -> str:
    figures = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in section.figures)
    return (f'<section class="om-card"><h3>{escape(section.title)}</h3>'
            + (f"<dl>{figures}</dl>" if figures else "") + "".join(_table(t) for t in section.tables) + "</section>")


def figures_html(figures: OrgStats, parts: Sequence[Section] | None = None) -> str:
    """The whole Figures view: the two charts, then every section of ``orgmodel stats``."""
    charts = (f'<section class="om-card"><h3>Span of control</h3>{span_histogram(figures)}</section>'
              f'<section class="om-card"><h3>Layers</h3>{layer_pyramid(figures)}</section>')
    return charts + "".join(_section(s) for s in (parts if parts is not None else sections(figures)))
