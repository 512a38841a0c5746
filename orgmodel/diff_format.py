"""``orgmodel diff`` output: text for a terminal, Markdown for a pull request, JSON for programs.

Text and Markdown show the same parts in the same order: a summary, the
figures that changed, the findings introduced and resolved, then the
changes by group (in Markdown, each group a collapsible ``<details>``
section). JSON is every diff's ``to_dict()``, in the shape
docs/diff.schema.json describes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import attrs

from orgmodel.diff import Change, Diff, Figure, FindingChange
from orgmodel.diff_kinds import GROUPS, KINDS, count
from orgmodel.tables import Table, markdown_table, markdown_text, plain, text_table

FORMATS = ("text", "markdown", "json")
JSON_VERSION = 1
# GitHub refuses a comment over 65,536 characters: Markdown lists are cut to fit under this.
MARKDOWN_BUDGET = 60_000
MARKDOWN_LIST = 100  # changes shown per group before "and N more", halved until the budget holds
MARKDOWN_LIST_MIN = 5
HEADING = "## Org changes (orgmodel diff)"
NOTHING = "No org file changed"


def render(diffs: Sequence[Diff], output_format: str) -> str:
    """All ``diffs`` in ``output_format`` (one of FORMATS), ending in a newline."""
    if output_format == "json":
        data = {"version": JSON_VERSION, "diffs": [diff.to_dict() for diff in diffs]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output_format == "text":
        return "\n\n".join(_text(diff) for diff in diffs) + "\n" if diffs else f"{NOTHING}\n"
    limit = MARKDOWN_LIST
    while True:
        parts = [_markdown(diff, limit) for diff in diffs] or [f"{NOTHING}."]
        out = "\n\n".join([HEADING, *parts]) + "\n"
        if len(out) <= MARKDOWN_BUDGET or limit <= MARKDOWN_LIST_MIN:
            return out
        limit //= 2


def summary(diff: Diff) -> str:
    """``2 roles added, 1 moved, ...; findings: 1 introduced (1 error), 0 resolved``."""
    counts = diff.counts()
    parts = [count(kind, number) for kind, number in counts.items()] or ["no structural change"]
    introduced = diff.introduced
    by_severity: dict[str, int] = {}
    for item in introduced:
        word = str(item.finding.severity)
        by_severity[word] = by_severity.get(word, 0) + 1
    detail = ", ".join(f"{n} {word}{'s' * (n != 1)}" for word, n in by_severity.items())
    return (f"{', '.join(parts)}; findings: {len(introduced)} introduced{f' ({detail})' if detail else ''}, "
            f"{len(diff.resolved)} resolved")


def title(diff: Diff) -> str:
    """``OLD -> NEW (org name)``, with ``(absent)`` for a version that does not exist."""
    def side(path: str, exists: bool) -> str:
        return path if exists else f"{path} (absent)"

    name = diff.new.name or diff.old.name
    return f"{side(diff.old.path, diff.old.exists)} -> {side(diff.new.path, diff.new.exists)}" + \
        (f" ({name})" if name else "")


def _number(value: float | None, percent: bool) -> str:
    if value is None:
        return "-"
    return f"{value:.1%}" if percent else f"{value:g}" if isinstance(value, int) else f"{value:.2g}"


def _delta(figure: Figure) -> str:
    delta = figure.delta
    if delta is None:
        return ""
    if figure.percent:
        return f"{delta * 100:+.1f} pts"
    return f"{delta:+g}" if isinstance(delta, int) else f"{delta:+.2g}"


def figures_table(diff: Diff) -> Table:
    """The figures that changed (roles always), old and new."""
    rows = tuple((f.name, _number(f.before, f.percent), _number(f.after, f.percent), _delta(f))
                 for f in diff.figures if f.key == "roles" or f.before != f.after)
    return Table(("figure", "before", "after", "change"), rows, (False, True, True, True))


def findings_table(items: Sequence[FindingChange]) -> Table:
    rows = tuple((str(i.finding.severity), i.finding.code, f"{i.finding.path}:{i.finding.line}:{i.finding.column}",
                  i.finding.entity or "", i.finding.message) for i in items)
    return Table(("severity", "code", "where", "about", "message"), rows, (False,) * 5)


def _values(value: str | tuple[str, ...] | None, none: str) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or none
    return none if value is None else value


def phrase(change: Change, arrow: str = "->") -> str:
    """How the change reads after its subject: ``mgr-digital -> ops``."""
    kind = KINDS[change.kind]
    return kind.phrase.format(before=_values(change.before, kind.none), after=_values(change.after, kind.none),
                              arrow=arrow)


def changes_table(changes: Sequence[Change], arrow: str = "->") -> Table:
    """One group's changes: kind, subject, its name, the change, and a note."""
    rows = tuple((KINDS[c.kind].label, c.subject, c.name, phrase(c, arrow), c.detail) for c in changes)
    return Table(("kind", "what", "name", "change", "note"), rows, (False,) * 5)


def grouped(diff: Diff) -> dict[str, list[Change]]:
    """The diff's changes by group, in GROUPS order (groups without changes left out)."""
    groups: dict[str, list[Change]] = {}
    for change in diff.changes:
        groups.setdefault(change.group, []).append(change)
    return groups


def _finding_line(item: FindingChange) -> str:
    f = item.finding
    return f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}"


def _text(diff: Diff) -> str:
    out = [plain(title(diff)), "  " + summary(diff), "", "Figures", *text_table(figures_table(diff))]
    for heading, items in (("Findings introduced", diff.introduced), ("Findings resolved", diff.resolved)):
        out += ["", f"{heading} ({len(items)})"]
        out += [f"  {plain(_finding_line(item))}" for item in items] or ["  none"]
    for group, changes in grouped(diff).items():
        rows = tuple((KINDS[c.kind].label, c.subject + (f" ({c.name})" if c.name else ""), phrase(c),
                      f"({c.detail})" if c.detail else "") for c in changes)
        out += ["", f"{GROUPS[group]} ({len(changes)})",
                *text_table(Table(("", "", "", ""), rows, (False,) * 4))[1:]]
    return "\n".join(line.rstrip() for line in out)


def _details(summary_text: str, body: list[str], opened: bool = False) -> list[str]:
    """A collapsible section; the summary is our own text, the body Markdown between blank lines."""
    return ["", f"<details{' open' if opened else ''}>", f"<summary>{summary_text}</summary>", "", *body, "",
            "</details>"]


def _cut(rows: tuple[tuple[str, ...], ...], limit: int) -> tuple[tuple[tuple[str, ...], ...], list[str]]:
    if len(rows) <= limit:
        return rows, []
    return rows[:limit], ["", f"... and {len(rows) - limit} more (`orgmodel diff --format json` lists all)"]


def _markdown(diff: Diff, limit: int) -> str:
    out = [f"### {markdown_text(title(diff))}", "", f"**{markdown_text(summary(diff))}**", ""]
    counts = [(GROUPS[group], str(len(changes))) for group, changes in grouped(diff).items()]
    counts += [("Findings introduced", str(len(diff.introduced))), ("Findings resolved", str(len(diff.resolved)))]
    out += markdown_table(Table(("changes", "count"), tuple(counts), (False, True)))
    out += ["", *markdown_table(figures_table(diff))]
    for heading, items, opened in (("Findings introduced", diff.introduced, True),
                                 ("Findings resolved", diff.resolved, False)):
        if items:
            table = findings_table(items)
            rows, more = _cut(table.rows, limit)
            out += _details(f"{heading} ({len(items)})", markdown_table(attrs.evolve(table, rows=rows)) + more, opened)
    for group, changes in grouped(diff).items():
        table = changes_table(changes, "→")
        rows, more = _cut(table.rows, limit)
        out += _details(f"{GROUPS[group]} ({len(changes)})", markdown_table(attrs.evolve(table, rows=rows)) + more)
    return "\n".join(out)
