"""The block at the top of a chart: title, counts, findings elsewhere, legend."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from orgmodel.finding import Finding, Severity
from orgmodel.model import Org
from orgmodel.render import theme
from orgmodel.render.escape import html_label, is_blank
from orgmodel.render.selection import Selection

_OTHER_PER_ROW = 4
_NAMED_PER_CODE = 6  # entities named per code; a label must stay under Graphviz's 16,384 characters


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _findings_line(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    if not findings:
        return '<FONT COLOR="#15803d">no findings</FONT>'
    parts = []
    for severity, colour in ((Severity.ERROR, theme.ERROR), (Severity.WARNING, theme.WARNING),
                             (Severity.INFO, theme.INFO)):
        if counts[severity]:
            parts.append(f'<FONT COLOR="{colour}"><B>{_plural(counts[severity], str(severity))}</B></FONT>')
    return " · ".join(parts)


def _elsewhere(findings: Sequence[Finding]) -> str:
    """Findings not drawn on a card (on a KPI, a campaign or the whole org), grouped by code."""
    groups: dict[str, list[str]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding.entity or "")
    items = []
    for code, entities in groups.items():
        named = list(dict.fromkeys(e for e in entities if e))
        detail = ", ".join(named[:_NAMED_PER_CODE]) if named else f"×{len(entities)}"
        if len(named) > _NAMED_PER_CODE:
            detail += f" +{len(named) - _NAMED_PER_CODE} more"
        items.append(f"<B>{code}</B> {html_label(detail)}")
    rows = [items[i : i + _OTHER_PER_ROW] for i in range(0, len(items), _OTHER_PER_ROW)]
    return "".join(
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.MUTED}">'
        f'{"Not on a card: " if i == 0 else ""}{" · ".join(row)}</FONT></TD></TR>'
        for i, row in enumerate(rows)
    )


def _swatch(text: str, fill: str = "white", colour: str = theme.BORDER, border: int = 1, style: str = "rounded") -> str:
    return (f'<TD BGCOLOR="{fill}" COLOR="{colour}" BORDER="{border}" STYLE="{style}">'
            f'<FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.TEXT}">{text}</FONT></TD>')


def _legend(with_findings: bool) -> str:
    cells = [_swatch(layer if layer != "none" else "no layer", fill) for layer, fill in theme.LAYER_FILL.items()]
    cells.append(_swatch('<I>Vacant</I>', style="dashed"))
    if with_findings:
        cells += [_swatch("error", colour=theme.ERROR, border=2), _swatch("warning", colour=theme.WARNING, border=2)]
    cells += [_swatch("exclusive duty", theme.BADGE_FILL["duty"]), _swatch("KPI owned", theme.BADGE_FILL["kpi"]),
              _swatch("campaign led", theme.BADGE_FILL["campaign"])]
    cells.append(f'<TD><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.DOTTED_EDGE}">- - &gt; dotted-line manager</FONT></TD>')
    return f'<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>{"".join(cells)}</TR></TABLE>'


def label(org: Org, selection: Selection, findings: Sequence[Finding], elsewhere: Sequence[Finding],
          with_findings: bool) -> str:
    """The graph label: an HTML-like table (without the outer ``<`` ``>``)."""
    title = "Org chart" if is_blank(org.name) else org.name
    roles = [org.roles[r] for r in selection.roles]
    counts = [_plural(len(roles), "role")]
    vacant = sum(1 for r in roles if r.vacant)
    if vacant:
        counts.append(f"{vacant} vacant")
    if len(roles) != len(org.roles):
        counts.append(f"of {len(org.roles)}")
    summary = " · ".join(counts)
    if with_findings:
        summary += " · " + _findings_line(findings)
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="18" COLOR="{theme.TEXT}"><B>{html_label(title)}</B></FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.MUTED}">{summary}</FONT></TD></TR>',
    ]
    if with_findings and elsewhere:
        rows.append(_elsewhere(elsewhere))
    rows.append(f'<TR><TD ALIGN="LEFT">{_legend(with_findings)}</TD></TR>')
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>'
