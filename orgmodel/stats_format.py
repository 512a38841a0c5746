"""``orgmodel stats`` output: the figures of :mod:`orgmodel.stats` as text, Markdown or JSON.

Text and Markdown are drawn from one list of sections (a title, figures, and
tables), so both always say the same thing; JSON is ``OrgStats.to_dict()``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

import attrs

from orgmodel.stats import SPAN_RULE, Band, Group, OrgStats
from orgmodel.tables import Table
from orgmodel.tables import markdown_table as _markdown_table
from orgmodel.tables import markdown_text as _md
from orgmodel.tables import plain as _plain
from orgmodel.tables import text_table as _text_table

FORMATS = ("text", "json", "markdown")
LIST_LIMIT = 10  # IDs shown in a figure before "and N more" (JSON lists all)
CHAIN_ENDS = 4  # IDs shown at each end of a long chain


@attrs.frozen
class Section:
    title: str
    figures: tuple[tuple[str, str], ...] = ()
    tables: tuple[Table, ...] = ()


def render(figures: OrgStats, output_format: str) -> str:
    """The whole output in ``output_format`` (one of FORMATS), ending in a newline."""
    if output_format == "json":
        return json.dumps(figures.to_dict(), indent=2, ensure_ascii=False) + "\n"
    heading = f"{figures.name} ({figures.path})" if figures.name else figures.path
    return _write(heading, sections(figures), _STYLES[output_format])


def sections(figures: OrgStats) -> list[Section]:
    return [_headcount(figures), _layers(figures), _spans(figures),
            _groups("Roles per team", "team", figures.teams, with_name=True),
            _groups("Roles per level", "level", figures.levels, with_inferred=True),
            _groups("Roles per layer (strategic, operational, tactical)", "layer", figures.layer_groups,
                    with_inferred=True),
            _ownership(figures)]


def _headcount(figures: OrgStats) -> Section:
    count = figures.headcount
    rate = f" ({count.vacancy_rate:.1%} of roles)" if count.vacancy_rate is not None else ""
    return Section("Headcount", (("roles", str(count.roles)), ("filled", str(count.filled)),
                                 ("vacant", f"{count.vacant}{rate}"), ("people named", str(count.people))))


def _layers(figures: OrgStats) -> Section:
    layers = figures.layers
    found = [("depth", f"{layers.depth} layers of solid lines (a top is layer 1)"), ("tops", _ids(layers.tops))]
    found += [("dangling", _ids(layers.dangling) + " (manager not declared; each heads a branch)")
              for _ in layers.dangling[:1]]
    found += [("unplaced", _ids(layers.unplaced) + " (in or below a reporting cycle)") for _ in layers.unplaced[:1]]
    found.append(("longest chain", _chain(layers.longest_chain)))
    rows = tuple((str(depth), str(count)) for depth, count in enumerate(layers.per_depth, start=1))
    table = Table(("layer", "roles"), rows, (True, True))
    return Section("Layers (depth of the solid-line tree)", tuple(found), (table,))


def _spans(figures: OrgStats) -> Section:
    spans = figures.spans
    ratio = f"{spans.ics_per_manager:.1f} ICs per manager" if spans.ics_per_manager is not None else "no managers"
    found = (("span limit", f"{spans.limit} ({SPAN_RULE} max)"),
             ("managers : ICs", f"{spans.managers} : {spans.ics} ({ratio})"),
             ("min / median / max", " / ".join(_number(n) for n in (spans.min, spans.median, spans.max))),
             ("single report", _ids(spans.single_report)),
             ("dotted lines", str(spans.dotted_lines)))
    bands = Table(("band", "reports", "managers"),
                  tuple((band.name, _band_range(band), str(band.managers)) for band in spans.bands),
                  (False, False, True))
    per_role = Table(("role", "solid", "dotted", "band"),
                     tuple((s.role, str(s.solid), str(s.dotted), s.band or "-") for s in spans.per_role),
                     (False, True, True, False))
    return Section("Span of control (direct reports)", found, (bands, per_role))


def _groups(title: str, what: str, groups: Sequence[Group], with_name: bool = False,
            with_inferred: bool = False) -> Section:
    headers = (what, *(("name",) if with_name else ()), "roles", "vacant", *(("inferred",) if with_inferred else ()))
    rows = tuple((group.key or "(none)", *((group.name or "",) if with_name else ()), str(group.roles),
                  str(group.vacant), *((str(group.inferred),) if with_inferred else ())) for group in groups)
    numeric = tuple(header in ("roles", "vacant", "inferred") for header in headers)
    return Section(title, (), (Table(headers, rows, numeric),))


def _ownership(figures: OrgStats) -> Section:
    rows = figures.ownership
    tally = {status: sum(1 for row in rows if row.status == status) for status in ("gap", "double", "vacant")}
    found = (("exactly one", f"{sum(1 for row in rows if row.status == 'ok')} of {len(rows)}"),
             ("gaps", f"{tally['gap']} (held by nobody)"), ("doubles", f"{tally['double']} (more than one)"),
             ("vacant", f"{tally['vacant']} (held by a vacant role)"))
    table = Table(("kind", "id", "name", "held by", "status"),
                  tuple((row.kind, row.id, row.name if row.name != row.id else "",
                         ", ".join([*row.holders, *(f"{i} (undeclared)" for i in row.unknown)]) or "-",
                         _STATUS_WORDS[row.status]) for row in rows),
                  (False,) * 5)
    return Section("Ownership (exactly one accountable)", found, (table,))


_STATUS_WORDS: Mapping[str, str] = {"ok": "ok", "gap": "GAP", "double": "DOUBLE", "vacant": "VACANT"}


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _band_range(band: Band) -> str:
    if band.high is None:
        return f"{band.low}+"
    return f"{band.low}-{band.high}" if band.high >= band.low else "(empty)"


def _ids(ids: Sequence[str]) -> str:
    if not ids:
        return "none"
    shown = ", ".join(ids[:LIST_LIMIT])
    return shown + (f" and {len(ids) - LIST_LIMIT} more" if len(ids) > LIST_LIMIT else "")


def _chain(chain: Sequence[str]) -> str:
    if len(chain) <= 2 * CHAIN_ENDS + 1:
        return " > ".join(chain) or "none"
    hidden = len(chain) - 2 * CHAIN_ENDS
    return " > ".join([*chain[:CHAIN_ENDS], f"({hidden} more)", *chain[-CHAIN_ENDS:]])


def _text_figures(figures: Sequence[tuple[str, str]]) -> list[str]:
    width = max((len(label) for label, _ in figures), default=0)
    return [f"  {label:<{width}}  {_plain(value)}" for label, value in figures]


@attrs.frozen
class _Style:
    """How one output format writes each part of the sections."""

    heading: Callable[[str], list[str]]
    title: Callable[[str], list[str]]
    figures: Callable[[Sequence[tuple[str, str]]], list[str]]
    table: Callable[[Table], list[str]]


def _write(heading: str, parts: Sequence[Section], style: _Style) -> str:
    out = style.heading(heading)
    for section in parts:
        out += style.title(section.title) + style.figures(section.figures)
        for table in section.tables:
            if section.figures or table is not section.tables[0]:
                out.append("")
            out += style.table(table)
    return "\n".join(out) + "\n"


_STYLES: Mapping[str, _Style] = {
    "text": _Style(lambda heading: [_plain(heading)], lambda title: ["", title], _text_figures, _text_table),
    "markdown": _Style(lambda heading: [f"# {_md(heading)}"], lambda title: ["", f"## {_md(title)}", ""],
                       lambda figures: [f"- **{_md(label)}**: {_md(value)}" for label, value in figures],
                       _markdown_table),
}
