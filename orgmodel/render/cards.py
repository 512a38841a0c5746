"""A role's card: the HTML-like label, its tooltip text and its border."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs

from orgmodel.finding import Finding, Severity
from orgmodel.model import Org, Role
from orgmodel.render import theme
from orgmodel.render.escape import html_label, is_blank


NO_TITLE = "(no title)"
NO_PERSON = "(person left empty)"


@attrs.frozen
class Badge:
    kind: str  # a key of theme.BADGE_FILL
    text: str


class Holdings:
    """Which KPIs each role owns and which campaigns it leads, indexed once per chart."""

    def __init__(self, org: Org, exclusive: Collection[str]) -> None:
        self.exclusive = frozenset(exclusive)
        self.kpis: dict[str, list[str]] = {}
        self.campaigns: dict[str, list[str]] = {}
        for kpi in org.kpis.values():
            for owner in kpi.owner:
                self.kpis.setdefault(owner.text, []).append(kpi.id if is_blank(kpi.name) else kpi.name)
        for campaign in org.campaigns.values():
            for lead in campaign.lead:
                self.campaigns.setdefault(lead.text, []).append(
                    campaign.id if is_blank(campaign.name) else campaign.name)

    def badges(self, role: Role) -> list[Badge]:
        """What a card shows the role holds: exclusive duties, KPIs owned, campaigns led."""
        found = [Badge("duty", v.text) for v in role.owns if v.text in self.exclusive]
        found += [Badge("kpi", name) for name in self.kpis.get(role.id, ())]
        found += [Badge("campaign", name) for name in self.campaigns.get(role.id, ())]
        return found


def _badge_rows(badges: Sequence[Badge]) -> str:
    shown = list(badges[: theme.MAX_BADGES])
    cells = [
        f'<TD BGCOLOR="{theme.BADGE_FILL[b.kind]}" STYLE="rounded" BORDER="1" COLOR="{theme.CLUSTER}">'
        f'<FONT POINT-SIZE="9" COLOR="{theme.TEXT}">{html_label(b.text, theme.BADGE_TEXT_LIMIT)}</FONT></TD>'
        for b in shown
    ]
    if len(badges) > len(shown):
        cells.append(f'<TD><FONT POINT-SIZE="9" COLOR="{theme.MUTED}">+{len(badges) - len(shown)} more</FONT></TD>')
    rows = [cells[i : i + theme.BADGES_PER_ROW] for i in range(0, len(cells), theme.BADGES_PER_ROW)]
    # One table per row, so that a long badge does not widen the column above it.
    tables = "".join(
        f'<TR><TD><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2"><TR>{"".join(row)}</TR></TABLE></TD></TR>'
        for row in rows
    )
    return f'<TR><TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{tables}</TABLE></TD></TR>'


def worst(findings: Sequence[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def border(findings: Sequence[Finding]) -> tuple[str, str]:
    """Border colour and width: red for an error, amber for a warning."""
    severity = worst(findings)
    if severity == Severity.ERROR:
        return theme.ERROR, "2.5"
    if severity == Severity.WARNING:
        return theme.WARNING, "2.5"
    return theme.BORDER, "1"


_SEVERITY_COLOUR = {Severity.ERROR: theme.ERROR, Severity.WARNING: theme.WARNING, Severity.INFO: theme.INFO}


def _codes(findings: Sequence[Finding]) -> str:
    """Each code once, in the colour of its most severe finding."""
    severity: dict[str, Severity] = {}
    for finding in findings:
        severity[finding.code] = max(severity.get(finding.code, finding.severity), finding.severity)
    return " ".join(f'<FONT COLOR="{_SEVERITY_COLOUR[s]}"><B>{code}</B></FONT>' for code, s in severity.items())


def label(role: Role, held: Sequence[Badge], findings: Sequence[Finding], hidden: int) -> str:
    """The card's HTML-like label (without the outer ``<`` ``>``)."""
    # An empty title or person (SYN005) still gets a card that says so and names the role.
    title = (f"<B>{html_label(role.title)}</B>" if not is_blank(role.title)
             else f'<B>{html_label(role.id)}</B> <FONT COLOR="{theme.MUTED}"><I>{NO_TITLE}</I></FONT>')
    rows = [f'<TR><TD><FONT POINT-SIZE="12" COLOR="{theme.TEXT}">{title}</FONT></TD></TR>']
    if role.vacant:
        rows.append(f'<TR><TD><FONT COLOR="{theme.VACANT_TEXT}"><I>Vacant</I></FONT></TD></TR>')
    elif role.person is not None:
        person = html_label(role.person) if not is_blank(role.person) else f"<I>{NO_PERSON}</I>"
        rows.append(f'<TR><TD><FONT COLOR="{theme.MUTED}">{person}</FONT></TD></TR>')
    if held:
        rows.append(_badge_rows(held))
    if findings:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9">{_codes(findings)}</FONT></TD></TR>')
    if hidden:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9" COLOR="{theme.MUTED}">+{hidden} more</FONT></TD></TR>')
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>'


def tooltip(role: Role, held: Sequence[Badge], findings: Sequence[Finding], hidden: int) -> str:
    """Plain-text details for the SVG ``<title>`` (escaped by the caller)."""
    person = "Vacant" if role.vacant else (
        "(no person named)" if role.person is None else NO_PERSON if is_blank(role.person) else role.person)
    level = f"{role.level} (from the title)" if role.level_inferred else role.level
    lines = [NO_TITLE if is_blank(role.title) else role.title, person, f"id: {role.id}", f"level: {level}", f"layer: {role.layer or 'none'}"]
    if role.team is not None:
        lines.append(f"team: {role.team.text}")
    if role.owns:
        lines.append("owns: " + ", ".join(v.text for v in role.owns))
    for badge in held:
        if badge.kind != "duty":
            lines.append(f"{badge.kind}: {badge.text}")
    if hidden:
        lines.append(f"{hidden} more roles below (cut by --depth)")
    lines.extend(f"{f.severity} {f.code}: {f.message}" for f in findings)
    return "\n".join(lines)
