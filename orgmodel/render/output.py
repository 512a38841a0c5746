"""One call from a checked org to the bytes of a chart in any format."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import attrs

from orgmodel.files import write_atomic
from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.project import Project
from orgmodel.render import FORMATS, bounds
from orgmodel.render.chart import ChartOptions, build_chart
from orgmodel.render.overlay import Overlay

SUFFIXES: Mapping[str, str] = {
    ".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid",
    ".mermaid": "mermaid", ".html": "html", ".htm": "html",
}


def format_for(path: Path) -> str | None:
    """The format a file name asks for, or None."""
    return SUFFIXES.get(path.suffix.lower())


@attrs.frozen
class Rendered:
    """A chart's bytes, the engine's notes, and how many roles it draws."""

    data: bytes = attrs.field(repr=False)
    messages: tuple[str, ...] = ()
    roles: int = 0


def render_org(org: Org, findings: Sequence[Finding], exclusive: Collection[str], output_format: str,
               options: ChartOptions = ChartOptions(), engine: str = "embedded",
               names: Mapping[str, str] | None = None, scale: float = 1.0, overlay: Overlay = Overlay()) -> Rendered:
    """The chart of ``org`` in ``output_format``; ``names`` gives each rule code's short name for the code key,
    ``scale`` a PNG's pixels per point relative to 96 dpi, ``overlay`` draws over it (not in Mermaid)."""
    if output_format == "mermaid":
        from orgmodel.render import mermaid

        text = mermaid.build_mermaid(org, findings, exclusive, options)
        return Rendered(text.encode("utf-8"), tuple(mermaid.notes(text)), mermaid.drawn_roles(text))
    chart = build_chart(org, findings, exclusive, options, names, overlay)
    if output_format == "dot":
        return Rendered(chart.source.encode("utf-8"), chart.notes, len(chart.roles))
    bounds.check_roles(len(chart.roles))
    bounds.check_dotted(chart.dotted_lines)
    if options.splines == "ortho":
        bounds.check_ortho(chart.lines)
    from orgmodel.render import engine as engines  # pulls in Graphviz: only here
    from orgmodel.render import svg

    dpi = 96 * scale if output_format == "png" else None
    data, messages = engines.render(chart.source, output_format, engine, dpi=dpi)
    if output_format == "svg":
        data = svg.add_titles(data, chart.tooltips)
    return Rendered(data, (*chart.notes, *messages), len(chart.roles))


class FormatError(Exception):
    """The output's format cannot be told; ``str()`` says what to do."""


def default_output(org_file: str) -> str:
    """Where a chart goes by default: the org file's name with .svg (team.org.txt -> team.svg)."""
    name = Path(org_file).name
    stem = name[: -len(".org.txt")] if name.endswith(".org.txt") else Path(name).stem
    return str(Path(org_file).with_name(f"{stem}.svg"))


@attrs.frozen
class Drawn:
    """One chart: where it went, in what format, what it drew of the org, and the engine's notes."""

    target: str
    output_format: str
    roles: int  # drawn
    total_roles: int  # in the org
    findings: int  # in the org file
    data: bytes = attrs.field(repr=False)
    changed: bool  # False when --sync found the file already up to date
    messages: tuple[str, ...] = ()

    def summary(self) -> str:
        """``svg, 12 of 150 roles, 1 finding``: what the status line says of the chart."""
        roles = f"{self.roles} of {self.total_roles} roles" if self.roles != self.total_roles else plural(
            self.roles, "role")
        return f"{self.output_format}, {roles}, {plural(self.findings, 'finding')}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def draw(project: Project, org_file: str, target: str, output_format: str | None, options: ChartOptions,
         engine: str = "embedded", sync: bool = False, inputs: Sequence[str] = (), scale: float = 1.0) -> Drawn:
    """Check ``org_file`` with its configuration, draw it, and write it to ``target`` ("-": not written).

    With ``sync`` an up-to-date file is left alone. Raises OrgFileError,
    ConfigError, PackError, EngineError, SelectionError, OutputError,
    FormatError or bounds.TooCostly, each with a one-line message.
    """
    chosen = output_format or ("svg" if target == "-" else format_for(Path(target)))
    if chosen is None:
        raise FormatError(f"cannot tell the format of {target} from its suffix; use --format {'|'.join(FORMATS)}")
    result = project.check(Path(org_file), org_file)
    settings = project.settings_for(Path(org_file))
    pack = project.pack_for(settings)
    names = {code: rule.name for code, rule in pack.rules.items()}
    if not options.fonts and settings.font:
        options = attrs.evolve(options, fonts=settings.font)
    if chosen == "html":  # the report needs the pack's rule texts and the source lines, not only the org
        from orgmodel.render.html import html_report
        from orgmodel.render.selection import select

        data, messages = html_report(result, pack, options, engine)
        drawn = select(result.org, options.root, options.depth, options.team).roles
        rendered = Rendered(data, tuple(messages), len(drawn))
    else:
        rendered = render_org(result.org, result.findings, pack.vocabulary.exclusive, chosen, options, engine, names,
                              scale)
    changed = target != "-" and not (sync and Path(target).is_file() and Path(target).read_bytes() == rendered.data)
    if changed:
        write_atomic(Path(target), rendered.data, inputs=tuple(Path(f) for f in (*inputs, org_file)))
    return Drawn(target, chosen, rendered.roles, len(result.org.roles), len(result.findings), rendered.data,
                 changed, rendered.messages)
