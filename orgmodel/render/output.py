"""One call from a checked org to the bytes of a chart in any format."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import attrs

from orgmodel.files import write_atomic
from orgmodel.finding import Finding
from orgmodel.model import Org
from orgmodel.project import Project
from orgmodel.render import FORMATS
from orgmodel.render.chart import ChartOptions, build_chart

SUFFIXES: Mapping[str, str] = {
    ".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid",
    ".html": "html", ".htm": "html",
}


def format_for(path: Path) -> str | None:
    """The format a file name asks for, or None."""
    return SUFFIXES.get(path.suffix.lower())


def render_org(org: Org, findings: Sequence[Finding], exclusive: Collection[str], output_format: str,
               options: ChartOptions = ChartOptions(), engine: str = "embedded") -> tuple[bytes, list[str]]:
    """``(bytes, engine messages)`` of the chart of ``org`` in ``output_format``."""
    if output_format == "mermaid":
        from orgmodel.render.mermaid import build_mermaid

        return build_mermaid(org, findings, exclusive, options).encode("utf-8"), []
    chart = build_chart(org, findings, exclusive, options)
    if output_format == "dot":
        return chart.source.encode("utf-8"), []
    from orgmodel.render import engine as engines, svg  # pulls in Graphviz: only here

    data, messages = engines.render(chart.source, output_format, engine)
    if output_format == "svg":
        data = svg.add_titles(data, chart.tooltips)
    return data, messages


class FormatError(Exception):
    """The output's format cannot be told; ``str()`` says what to do."""


def default_output(org_file: str) -> str:
    """Where a chart goes by default: the org file's name with .svg (team.org.txt -> team.svg)."""
    name = Path(org_file).name
    stem = name[: -len(".org.txt")] if name.endswith(".org.txt") else Path(name).stem
    return str(Path(org_file).with_name(f"{stem}.svg"))


@attrs.frozen
class Drawn:
    """One chart: where it went, in what format, what the org held, and the engine's notes."""

    target: str
    output_format: str
    roles: int
    findings: int
    data: bytes = attrs.field(repr=False)
    changed: bool  # False when --sync found the file already up to date
    messages: tuple[str, ...] = ()


def draw(project: Project, org_file: str, target: str, output_format: str | None, options: ChartOptions,
         engine: str = "embedded", sync: bool = False, inputs: Sequence[str] = ()) -> Drawn:
    """Check ``org_file`` with its configuration, draw it, and write it to ``target`` ("-": not written).

    With ``sync`` an up-to-date file is left alone. Raises OrgFileError,
    ConfigError, PackError, EngineError, SelectionError, OutputError or
    FormatError, each with a one-line message.
    """
    chosen = output_format or ("svg" if target == "-" else format_for(Path(target)))
    if chosen is None:
        raise FormatError(f"cannot tell the format of {target} from its suffix; use --format {'|'.join(FORMATS)}")
    result = project.check(Path(org_file), org_file)
    pack = project.pack_for(project.settings_for(Path(org_file)))
    if chosen == "html":  # the report needs the pack's rule texts and the source lines, not only the org
        from orgmodel.render.html import html_report

        data, messages = html_report(result, pack, options, engine)
    else:
        data, messages = render_org(result.org, result.findings, pack.vocabulary.exclusive, chosen, options, engine)
    changed = target != "-" and not (sync and Path(target).is_file() and Path(target).read_bytes() == data)
    if changed:
        write_atomic(Path(target), data, inputs=tuple(Path(f) for f in (*inputs, org_file)))
    return Drawn(target, chosen, len(result.org.roles), len(result.findings), data, changed, tuple(messages))
