"""A role's card: the HTML-like label, its size estimate, its tooltip text and its border."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence

import attrs

from orgmodel.finding import Finding, Severity
from orgmodel.model import Org, Role
from orgmodel.render import theme
from orgmodel.render.escape import html_label, is_blank

NO_TITLE = "(no title)"
NO_PERSON = "(person left empty)"
# Rough widths of Lato text per point of font size, for choosing a layout and
# filling badge rows (Graphviz measures the real ones).
_EM_REGULAR, _EM_BOLD = 0.5, 0.55
_BADGE_PADDING = 12  # points around a badge's text: cell padding, border and spacing


@attrs.frozen
class Badge:
    kind: str  # a key of theme.BADGE_FILL
    text: str


@attrs.frozen
class Card:
    """Everything one card shows."""

    role: Role
    badges: tuple[Badge, ...] = ()
    findings: tuple[Finding, ...] = ()
    hidden: int = 0  # roles below the card, cut by --depth
    hidden_findings: Mapping[Severity, int] = attrs.field(factory=dict)  # what those roles have
    dotted: tuple[str, ...] = ()  # dotted-line managers shown on the card instead of as lines
    names: Mapping[str, str] = attrs.field(factory=dict)  # rule code -> short name
    wrap: int | None = None  # characters per line of the title and dotted-line row (compact cards)

    @property
    def title(self) -> str:
        return NO_TITLE if is_blank(self.role.title) else self.role.title

    def lines(self, text: str) -> list[str]:
        """``text`` in lines of at most ``wrap`` characters (words are not broken)."""
        if self.wrap is None or len(text) <= self.wrap:
            return [text]
        import textwrap

        return textwrap.wrap(text, self.wrap, break_long_words=False) or [text]


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

    def count(self, role: Role) -> int:
        """How many badges :meth:`badges` gives ``role``."""
        exclusive = self.exclusive
        return (sum(1 for v in role.owns if v.text in exclusive) + len(self.kpis.get(role.id, ()))
                + len(self.campaigns.get(role.id, ())))

    def badges(self, role: Role) -> tuple[Badge, ...]:
        """What a card shows the role holds: exclusive duties, KPIs owned, campaigns led."""
        found = [Badge("duty", v.text) for v in role.owns if v.text in self.exclusive]
        found += [Badge("kpi", name) for name in self.kpis.get(role.id, ())]
        found += [Badge("campaign", name) for name in self.campaigns.get(role.id, ())]
        return tuple(found)


def _text_width(text: str, size: float, em: float = _EM_REGULAR) -> float:
    return len(text) * size * em


def _title_text(role: Role) -> str:
    """What a card's title line says: the title, or for a blank one the ID and NO_TITLE."""
    return role.title if not is_blank(role.title) else f"{role.id} {NO_TITLE}"


def _title_lines(card: Card) -> list[str]:
    return card.lines(_title_text(card.role))


def dotted_lines(card: Card) -> list[str]:
    """The dotted-line managers' row, wrapped between names only: a name split over two lines
    made a compact card two lines taller ("dotted line: Global" / "SEO Lead")."""
    pieces = [f"dotted line: {card.dotted[0]}", *card.dotted[1:]] if card.dotted else []
    lines: list[str] = []
    for piece in pieces:
        if lines and (card.wrap is None or len(lines[-1]) + 2 + len(piece) <= card.wrap):
            lines[-1] += f", {piece}"
        else:
            lines[-1:] = [f"{lines[-1]},", piece] if lines else [piece]
    return lines


def _text_widths(card: Card, title_lines: Sequence[str]) -> list[float]:
    return [*(_text_width(line, 12, _EM_BOLD) for line in title_lines), _text_width(card.role.person or "", 11)]


# How wide badges may run at least: three default badges.
_DEFAULT_BADGES = 3 * (_text_width("x" * theme.BADGE_TEXT_LIMIT, theme.SMALL) + _BADGE_PADDING) * 0.6


def badge_rows(card: Card, text_widths: Sequence[float] | None = None) -> list[list[tuple[Badge, str]]]:
    """The badges in rows that fill the card's width, each with its (shortened) text.

    They may run as wide as the title or person (``text_widths``, when already measured), or three default badges.
    """
    if not card.badges:
        return []
    width = max(*(text_widths if text_widths is not None else _text_widths(card, _title_lines(card))),
                _DEFAULT_BADGES)
    limit = max(theme.BADGE_TEXT_LIMIT, int((width - _BADGE_PADDING) / (theme.SMALL * _EM_REGULAR)))
    rows: list[list[tuple[Badge, str]]] = []
    used = width  # forces a first row
    for badge in card.badges[: theme.MAX_BADGES]:
        text = badge.text if len(badge.text) <= limit else badge.text[: limit - 1].rstrip() + "…"
        needed = _text_width(text, theme.SMALL) + _BADGE_PADDING
        if rows and used + needed <= width:
            rows[-1].append((badge, text))
            used += needed
        else:
            rows.append([(badge, text)])
            used = needed
    return rows


def _badge_table(card: Card) -> str:
    rows = [[f'<TD BGCOLOR="{theme.BADGE_FILL[b.kind]}" STYLE="rounded" BORDER="1" COLOR="{theme.CLUSTER}">'
             f'<FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.TEXT}">{html_label(text)}</FONT></TD>' for b, text in row]
            for row in badge_rows(card)]
    more = len(card.badges) - theme.MAX_BADGES
    if more > 0:
        rows[-1].append(f'<TD><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.MUTED}">+{more} more</FONT></TD>')
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


SEVERITY_COLOUR = {Severity.ERROR: theme.ERROR, Severity.WARNING: theme.WARNING, Severity.INFO: theme.INFO}


def codes(findings: Sequence[Finding]) -> dict[str, Severity]:
    """Each code once, with its most severe finding's severity, in the order found."""
    severity: dict[str, Severity] = {}
    for finding in findings:
        severity[finding.code] = max(severity.get(finding.code, finding.severity), finding.severity)
    return severity


def counted(counts: Mapping[Severity, int]) -> list[tuple[Severity, str]]:
    """``[(ERROR, '2 errors'), (WARNING, '1 warning')]``: counts worth saying, most severe first."""
    return [(s, f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}")
            for s in sorted(counts, reverse=True) if counts[s]]


def _cut_row(card: Card) -> str:
    parts = [f'<FONT COLOR="{theme.MUTED}">+{card.hidden} more</FONT>']
    parts += [f'<FONT COLOR="{SEVERITY_COLOUR[s]}"><B>{text}</B></FONT>' for s, text in counted(card.hidden_findings)]
    return f'<TR><TD><FONT POINT-SIZE="{theme.SMALL}">{" · ".join(parts)}</FONT></TD></TR>'


def label(card: Card) -> str:
    """The card's HTML-like label (without the outer ``<`` ``>``)."""
    role = card.role
    # An empty title or person (SYN005) still gets a card that says so and names the role.
    title = ("<BR/>".join(f"<B>{html_label(line)}</B>" for line in card.lines(role.title)) if not is_blank(role.title)
             else f'<B>{html_label(role.id)}</B> <FONT COLOR="{theme.MUTED}"><I>{NO_TITLE}</I></FONT>')
    rows = [f'<TR><TD><FONT POINT-SIZE="12" COLOR="{theme.TEXT}">{title}</FONT></TD></TR>']
    if role.vacant:
        rows.append(f'<TR><TD><FONT COLOR="{theme.VACANT_TEXT}"><I>Vacant</I></FONT></TD></TR>')
    elif role.person is not None:
        person = html_label(role.person) if not is_blank(role.person) else f"<I>{NO_PERSON}</I>"
        rows.append(f'<TR><TD><FONT COLOR="{theme.MUTED}">{person}</FONT></TD></TR>')
    if card.badges:
        rows.append(_badge_table(card))
    if card.dotted:
        text = "<BR/>".join(html_label(line) for line in dotted_lines(card))
        rows.append(f'<TR><TD><FONT POINT-SIZE="{theme.SMALL}" COLOR="{theme.DOTTED_EDGE}">{text}</FONT></TD></TR>')
    if card.findings:
        cells = " ".join(f'<FONT COLOR="{SEVERITY_COLOUR[s]}"><B>{code}</B></FONT>'
                         for code, s in codes(card.findings).items())
        rows.append(f'<TR><TD><FONT POINT-SIZE="{theme.SMALL}">{cells}</FONT></TD></TR>')
    if card.hidden:
        rows.append(_cut_row(card))
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>'


def estimate(card: Card, margin: str = "0.14,0.06") -> tuple[float, float]:
    """The card's size in points, roughly, with Graphviz's ``margin`` (inches): for planning the layout."""
    role = card.role
    title_lines = _title_lines(card)
    widths = _text_widths(card, title_lines)
    badges = badge_rows(card, widths)
    widths += [sum(_text_width(text, theme.SMALL) + _BADGE_PADDING for _, text in row) for row in badges]
    dotted = dotted_lines(card)
    widths += [_text_width(line, theme.SMALL) for line in dotted]
    if card.findings:
        widths.append(_text_width("XXXX000 " * len(codes(card.findings)), theme.SMALL, _EM_BOLD))
    return _size(max(widths), len(title_lines), role.vacant or role.person is not None, len(badges), len(dotted),
                 bool(card.findings), bool(card.hidden), margin)


def tree_bounds(role: Role, badges: int, findings: bool, hidden: bool, dotted: bool,
                margin: str = "0.14,0.06") -> tuple[float, float]:
    """At most the width and at least the height that :func:`estimate` gives the role's card in a tree
    (title on one line; ``badges`` of them, ``dotted`` managers named on one line), without reading it:
    enough to tell a tree far too wide for a page."""
    widest = max(_text_width(_title_text(role), 12, _EM_BOLD), _text_width(role.person or "", 11))
    return _size(widest, 1, role.vacant or role.person is not None, min(badges, theme.MAX_BADGES), int(dotted),
                 findings, hidden, margin)


def _size(widest: float, title_lines: int, person: bool, badge_rows: int, dotted_lines: int, findings: bool,
          hidden: bool, margin: str) -> tuple[float, float]:
    """A card's size from its widest text and its rows (each row's height, roughly, in points)."""
    height = 17 * title_lines + (15.5 if person else 0) + 20 * badge_rows + 15 * dotted_lines
    height += (13 if findings else 0) + (13 if hidden else 0)
    across, down = _margins(margin)
    return widest + across + 4, height + down + 1.5


@functools.cache
def _margins(margin: str) -> tuple[float, float]:
    """Graphviz's card ``margin`` (inches on each side, across and down) in points, both sides together."""
    across, down = (float(value) * 144 for value in margin.split(","))
    return across, down


def tooltip(card: Card) -> str:
    """Plain-text details for the SVG ``<title>`` (escaped by the caller)."""
    role = card.role
    person = "Vacant" if role.vacant else (
        "(no person named)" if role.person is None else NO_PERSON if is_blank(role.person) else role.person)
    level = f"{role.level} (from the title)" if role.level_inferred else role.level
    lines = [card.title, person, f"id: {role.id}", f"level: {level}", f"layer: {role.layer or 'none'}"]
    if role.team is not None:
        lines.append(f"team: {role.team.text}")
    if role.owns:
        lines.append("owns: " + ", ".join(v.text for v in role.owns))
    lines += [f"{badge.kind}: {badge.text}" for badge in card.badges if badge.kind != "duty"]
    lines += [f"dotted line to: {manager}" for manager in card.dotted]
    if card.hidden:
        below = ", ".join(text for _, text in counted(card.hidden_findings))
        lines.append(f"{card.hidden} more roles below (cut by --depth)" + (f": {below}" if below else ""))
    for finding in card.findings:
        name = card.names.get(finding.code)
        lines.append(f"{finding.severity} {finding.code}{f' ({name})' if name else ''}: {finding.message}")
    return "\n".join(lines)
