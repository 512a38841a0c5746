"""The diff chart: the new org drawn with what a reorg did to each role.

Added roles are green, moved roles amber with a dashed amber line from their
old manager, changed roles blue with what changed written on the card, and
removed roles stay as grey ghost cards under their old manager (in their
old team when it is still drawn). Fill and border mean the change only:
layer fills and finding borders are left out, and the codes on a card are the
findings the change introduces. It is the ordinary chart
(:mod:`orgmodel.render.chart`) with an :class:`~orgmodel.render.overlay.Overlay`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from orgmodel.diff import Change, Diff
from orgmodel.diff_format import phrase
from orgmodel.diff_kinds import KINDS
from orgmodel.diff_sources import Compared
from orgmodel.model import Org
from orgmodel.render import theme
from orgmodel.render.chart import ChartOptions, node_name
from orgmodel.render.dot import Graph
from orgmodel.render.escape import html_label
from orgmodel.render.output import Rendered, format_for, render_org
from orgmodel.render.overlay import Overlay

FORMATS = ("svg", "png", "pdf", "dot", "html")  # html: the interactive report around the chart
HEADER_FINDINGS = 6  # introduced findings named in the header before "and N more"

# Change kind -> what a card says changed; kinds not here are not marked on a card
# (added, removed and moved roles have their own look; team heads and spans follow from moves).
MARKS: Mapping[str, str] = {
    "role-renamed": "ID", "title": "title", "level": "level", "layer": "layer", "team": "team",
    "dotted-added": "dotted line", "dotted-removed": "dotted line",
    "hired": "person", "left": "person", "person-moved": "person", "vacancy-opened": "person",
    "vacancy-filled": "person", "duty": "duties", "kpi-owner": "KPIs", "kpi-added": "KPIs", "kpi-removed": "KPIs",
    "campaign-lead": "campaigns", "campaign-added": "campaigns", "campaign-removed": "campaigns",
}
UNMARKED = frozenset({"role-added", "role-removed", "moved", "team-added", "team-removed", "team-name", "team-head",
                      "department-added", "department-removed", "department-name", "span"})


def ghost(old_id: str) -> str:
    """The node name (and SVG id) of a removed role's ghost card: never a role's name (see node_name)."""
    return f"{node_name(old_id)}.removed"


class DiffOverlay(Overlay):
    def __init__(self, old: Org, new: Org, diff: Diff) -> None:
        self.old, self.new, self.diff = old, new, diff
        self.status: dict[str, str] = {}  # role -> added, moved or changed
        self.marks: dict[str, list[str]] = {}  # role -> what changed, in KINDS order
        self.moved_from: dict[str, str | None] = {}  # moved role -> its old manager (new ID, or a removed role's)
        self.changes: dict[str, list[Change]] = {}  # role -> its changes, for the tooltip
        self.removed = [change for change in diff.changes if change.kind == "role-removed"]
        for change in diff.changes:
            for role_id in change.roles:
                self.changes.setdefault(role_id, []).append(change)
            if change.kind == "role-added":
                self.status[change.subject] = "added"
            elif change.kind == "moved":
                self.moved_from[change.subject] = change.before  # type: ignore[assignment]
            elif change.kind in MARKS:
                for role_id in change.roles:
                    found = self.marks.setdefault(role_id, [])
                    found += [MARKS[change.kind]] if MARKS[change.kind] not in found else []
        for role_id in self.moved_from:
            self.status.setdefault(role_id, "moved")
        for role_id in self.marks:
            self.status.setdefault(role_id, "changed")

    def note(self, role_id: str) -> str | None:
        status = self.status.get(role_id)
        parts = ["new role"] if status == "added" else []
        if role_id in self.moved_from:
            parts.append(f"moved from {self.moved_from[role_id] or 'the top'}")
        if role_id in self.marks and status != "added":
            parts.append("changed: " + ", ".join(self.marks[role_id]))
        return " · ".join(parts) or None

    def card(self, role_id: str, attributes: dict[str, str], label: str, tooltip: str) -> tuple[str, str]:
        status = self.status.get(role_id, "same")
        attributes.update(fillcolor=theme.DIFF_FILL[status], color=theme.DIFF_BORDER[status],
                          penwidth="2.5" if status != "same" else "1")
        note = self.note(role_id)
        if note is None:
            return label, tooltip
        row = (f'<TR><TD><FONT POINT-SIZE="9" COLOR="{theme.DIFF_BORDER[status]}"><B>{html_label(note)}</B>'
               "</FONT></TD></TR>")
        lines = [f"{KINDS[c.kind].label}: {phrase(c)}" for c in self.changes.get(role_id, ())]
        return _with_row(label, row), "\n".join([tooltip, *lines])

    def header(self, label: str) -> str:
        return _header(self.new, self.diff, self.status)

    def extra(self, graph: Graph, shown: Collection[str]) -> dict[str, str]:
        tooltips: dict[str, str] = {}
        drawn_teams = {role.team.text for role_id in shown if (role := self.new.roles[role_id]).team is not None}
        gone = {change.subject for change in self.removed}

        def anchor(manager: str | None) -> str | None:
            if manager in shown:
                return manager
            return ghost(manager) if manager in gone else None

        for change in self.removed:
            name, role = ghost(change.subject), self.old.roles[change.subject]
            team = role.team.text if role.team is not None else None
            place = graph.subgraph(name=f"cluster_{node_name(team)}") if team in drawn_teams and team is not None \
                else contextlib.nullcontext(graph)
            with place as where:
                where.node(name, label=f"<{_ghost_label(role.title, 'Vacant' if role.vacant else role.person)}>",
                           id=name, fillcolor=theme.DIFF_FILL["removed"], color=theme.DIFF_BORDER["removed"],
                           style="rounded,filled,dashed", **{"class": "removed"})
            tooltips[name] = f"removed: {role.title}\n{'Vacant' if role.vacant else role.person or ''}\n" \
                             f"id: {role.id}\n{phrase(change)}"
            manager = anchor(change.before)  # type: ignore[arg-type]
            if manager is not None:
                graph.edge(manager, name, style="dashed", color=theme.DIFF_BORDER["removed"],
                           id=f"removed.{manager}.{change.subject}", **{"class": "removed"})
        for role_id, was in self.moved_from.items():
            manager = anchor(was)
            if manager is not None and role_id in shown:
                graph.edge(manager, role_id, style="dashed", color=theme.DIFF_BORDER["moved"], penwidth="1.6",
                           constraint="false", id=f"moved.{manager}.{role_id}", **{"class": "moved-from"})
        return tooltips


def _with_row(label: str, row: str) -> str:
    """A card's label with one more row at the end (a card's label is one HTML-like table)."""
    end = "</TABLE>"
    assert label.endswith(end), label[-40:]
    return label[: -len(end)] + row + end


def _ghost_label(title: str, person: str | None) -> str:
    rows = [f'<FONT POINT-SIZE="12" COLOR="{theme.MUTED}"><S>{html_label(title)}</S></FONT>']
    if person:
        rows.append(f'<FONT COLOR="{theme.MUTED}">{html_label(person)}</FONT>')
    rows.append(f'<FONT POINT-SIZE="9" COLOR="{theme.MUTED}"><B>removed</B></FONT>')
    return '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(f"<TR><TD>{r}</TD></TR>" for r in rows) + \
        "</TABLE>"


def _swatch(text: str, status: str, style: str = "rounded") -> str:
    return (f'<TD BGCOLOR="{theme.DIFF_FILL[status]}" COLOR="{theme.DIFF_BORDER[status]}" BORDER="2" STYLE="{style}">'
            f'<FONT POINT-SIZE="9" COLOR="{theme.TEXT}">{text}</FONT></TD>')


def _header(new: Org, diff: Diff, status: Mapping[str, str]) -> str:
    """Title, the two versions, how many roles each change touched, and the legend."""
    counts = {name: 0 for name in ("added", "moved", "changed")}
    for name in status.values():
        counts[name] += 1
    removed = sum(1 for change in diff.changes if change.kind == "role-removed")
    summary = " · ".join([*(f"{n} {name}" for name, n in counts.items()), f"{removed} removed",
                          f"findings: {len(diff.introduced)} introduced, {len(diff.resolved)} resolved"])
    small = f'<FONT POINT-SIZE="9" COLOR="{theme.TEXT}">'
    legend = "".join([
        _swatch("added", "added"), _swatch("moved", "moved"),
        f'<TD><FONT POINT-SIZE="9" COLOR="{theme.DIFF_BORDER["moved"]}">- - - line from the old manager</FONT></TD>',
        _swatch("changed", "changed"), _swatch("<S>removed</S>", "removed", "rounded,dashed"),
        f'<TD><FONT POINT-SIZE="9" COLOR="{theme.ERROR}"><B>CODE</B></FONT>'
        f"{small} a finding it introduces</FONT></TD>"])
    title = "Reorg: " + (new.name or "org chart")
    rows = [f'<FONT POINT-SIZE="18" COLOR="{theme.TEXT}"><B>{html_label(title)}</B></FONT>',
            f'<FONT POINT-SIZE="10" COLOR="{theme.MUTED}">{html_label(diff.old.path + " -> " + diff.new.path)}'
            "</FONT>",
            f'<FONT POINT-SIZE="10" COLOR="{theme.MUTED}">{html_label(summary)}</FONT>']
    # Findings about a KPI, a campaign or the whole org have no card to sit on.
    elsewhere = [item.finding for item in diff.introduced if item.finding.entity not in new.roles]
    if elsewhere:
        shown = " · ".join(f"{f.code} {f.entity or ''}".strip() for f in elsewhere[:HEADER_FINDINGS])
        more = f" and {len(elsewhere) - HEADER_FINDINGS} more" if len(elsewhere) > HEADER_FINDINGS else ""
        text = html_label(f"Introduced, not on a card: {shown}{more}")
        rows.append(f'<FONT POINT-SIZE="9" COLOR="{theme.ERROR}">{text}</FONT>')
    rows.append(f'<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>{legend}</TR></TABLE>')
    return '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">' + \
        "".join(f'<TR><TD ALIGN="LEFT">{row}</TD></TR>' for row in rows) + "</TABLE>"


def write_chart(compared: Compared, target: str, engine: str = "embedded", inputs: Sequence[str] = ()) -> Sequence[str]:
    """Draw the diff chart to ``target`` (its suffix gives the format), atomically; returns the engine's notes.

    Raises ValueError for a suffix that is not one of FORMATS, OutputError or EngineError (UnsafeSvgError).
    """
    from orgmodel.files import write_atomic

    chosen = format_for(Path(target))
    if chosen not in FORMATS:
        raise ValueError(f"{target}: the diff chart is drawn as {', '.join('.' + f for f in FORMATS)}; "
                         "name a file with one of these suffixes")
    if chosen == "html":
        from orgmodel.render.diff_html import diff_report

        data, messages = diff_report(compared, engine)
    else:
        rendered = render_diff(compared, chosen, engine)
        data, messages = rendered.data, list(rendered.messages)
    write_atomic(Path(target), data, inputs=tuple(Path(p) for p in inputs))
    return messages


def render_diff(compared: Compared, output_format: str, engine: str = "embedded") -> Rendered:
    """The diff chart in ``output_format`` (svg, png, pdf or dot): the new org, the overlay, the introduced findings."""
    pack, diff = compared.pack, compared.diff
    overlay = DiffOverlay(compared.old.org, compared.new.org, diff)
    introduced = [item.finding for item in diff.introduced]
    names = {code: rule.name for code, rule in pack.rules.items()}  # for the key of the codes on the cards
    return render_org(compared.new.org, introduced, pack.vocabulary.exclusive, output_format, ChartOptions(), engine,
                      names, overlay=overlay)
