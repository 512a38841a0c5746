"""The block at the top of a chart: title, counts, findings elsewhere, the code key and the legend."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import attrs

from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.render import theme
from orgmodel.render.cards import SEVERITY_COLOUR, codes, counted
from orgmodel.render.escape import html_label, is_blank
from orgmodel.render.selection import Selection

_PER_ROW = 4  # codes per row of the key and of "not on a card"
_NAMED_PER_CODE = 6  # entities named per code; a label must stay under Graphviz's 16,384 characters


@attrs.frozen
class Legend:
    """What the legend explains besides cards: the findings, dotted-line managers, liaison lines."""

    findings: bool = True
    dotted: str | None = "lines"  # "lines", "names" (on the cards) or None (not drawn)
    liaisons: Mapping[str, str] = attrs.field(factory=dict)  # department name -> its colour


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _findings_line(findings: Sequence[Finding]) -> str:
    if not findings:
        return '<FONT COLOR="#15803d">no findings</FONT>'
    return " · ".join(f'<FONT COLOR="{SEVERITY_COLOUR[s]}"><B>{text}</B></FONT>'
                      for s, text in counted(Counter(f.severity for f in findings)))


def _entity_name(org: Org, entity: str) -> str:
    """An entity as a reader knows it: its name (or title), else its ID."""
    for kind in ("kpis", "campaigns", "teams", "departments", "roles"):
        found = getattr(org, kind).get(entity)
        if found is not None:
            text = found.title if kind == "roles" else found.name
            return entity if is_blank(text) else text
    return entity


def _rows(items: Sequence[str], first: str) -> str:
    rows = [items[i : i + _PER_ROW] for i in range(0, len(items), _PER_ROW)]
    return "".join(
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.MUTED}">'
        f'{first if i == 0 else ""}{" · ".join(row)}</FONT></TD></TR>'
        for i, row in enumerate(rows)
    )


def _elsewhere(org: Org, findings: Sequence[Finding], names: Mapping[str, str]) -> str:
    """Findings not drawn on a card (on a KPI, a campaign or the whole org), by code, naming what they are about."""
    groups: dict[str, list[str]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding.entity or "")
    items = []
    for code, entities in groups.items():
        named = list(dict.fromkeys(_entity_name(org, e) for e in entities if e))
        detail = ", ".join(named[:_NAMED_PER_CODE]) if named else f"×{len(entities)}"
        if len(named) > _NAMED_PER_CODE:
            detail += f" +{len(named) - _NAMED_PER_CODE} more"
        name = f" {html_label(names[code])}" if code in names else ""
        items.append(f"<B>{code}</B>{name}: {html_label(detail)}")
    return _rows(items, "Not on a card: ")


def _code_key(findings: Sequence[Finding], names: Mapping[str, str]) -> str:
    """Each code drawn on a card with its rule's short name, in the colour of its worst finding."""
    items = [f'<FONT COLOR="{SEVERITY_COLOUR[s]}"><B>{code}</B></FONT> {html_label(names[code])}'
             for code, s in sorted(codes(findings).items()) if code in names]
    return _rows(items, "Codes: ")


def _swatch(text: str, fill: str = "white", colour: str = theme.BORDER, border: int = 1, style: str = "rounded") -> str:
    return (f'<TD BGCOLOR="{fill}" COLOR="{colour}" BORDER="{border}" STYLE="{style}">'
            f'<FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.TEXT}">{text}</FONT></TD>')


def _legend(legend: Legend) -> str:
    cells = [_swatch(layer if layer != "none" else "no layer", fill) for layer, fill in theme.LAYER_FILL.items()]
    cells.append(_swatch('<I>Vacant</I>', style="dashed"))
    if legend.findings:
        cells += [_swatch("error", colour=theme.ERROR, border=2), _swatch("warning", colour=theme.WARNING, border=2)]
    cells += [_swatch("exclusive duty", theme.BADGE_FILL["duty"]), _swatch("KPI owned", theme.BADGE_FILL["kpi"]),
              _swatch("campaign led", theme.BADGE_FILL["campaign"])]
    small = f'<TD><FONT POINT-SIZE="{theme.SMALL}" COLOR="{{}}">{{}}</FONT></TD>'
    if legend.dotted == "lines":
        cells.append(small.format(theme.DOTTED_EDGE, "- - &gt; dotted-line manager"))
    elif legend.dotted == "names":
        cells.append(small.format(theme.DOTTED_EDGE, "dotted line: the role's dotted-line managers"))
    if legend.liaisons:
        departments = " ".join(f'<FONT COLOR="{colour}">{html_label(name)}</FONT>'
                               for name, colour in legend.liaisons.items())
        cells.append(small.format(theme.MUTED, f"· · · liaises with: {departments}"))
    return f'<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>{"".join(cells)}</TR></TABLE>'


def _summary(org: Org, selection: Selection, findings: Sequence[Finding], legend: Legend) -> str:
    """``12 of 150 roles · 1 vacant · 2 errors on them (whole org: 15 errors · 3 warnings)``."""
    roles = [org.roles[r] for r in selection.roles]
    counts = [f"{len(roles)} of {_plural(len(org.roles), 'role')}" if not selection.whole
              else _plural(len(roles), "role")]
    vacant = sum(1 for r in roles if r.vacant)
    if vacant:
        counts.append(f"{vacant} vacant")
    summary = " · ".join(counts)
    if not legend.findings:
        return summary
    if selection.whole:
        return f"{summary} · {_findings_line(findings)}"
    shown = set(selection.roles)
    drawn = [f for f in findings if f.entity in shown]
    return (f"{summary} · on these roles: {_findings_line(drawn)} · "
            f"whole org: {_findings_line(findings)}")


def label(org: Org, selection: Selection, findings: Sequence[Finding], elsewhere: Sequence[Finding],
          legend: Legend, names: Mapping[str, str] | None = None) -> str:
    """The graph label: an HTML-like table (without the outer ``<`` ``>``)."""
    names = names or {}
    title = "Org chart" if is_blank(org.name) else org.name or ""
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="18" COLOR="{theme.TEXT}"><B>{html_label(title)}</B></FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.MUTED}">'
        f'{_summary(org, selection, findings, legend)}</FONT></TD></TR>',
    ]
    if legend.findings:
        shown = set(selection.roles)
        rows.append(_code_key([f for f in findings if f.entity in shown], names))
        if elsewhere and selection.whole:
            rows.append(_elsewhere(org, elsewhere, names))
    rows.append(f'<TR><TD ALIGN="LEFT">{_legend(legend)}</TD></TR>')
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>'
