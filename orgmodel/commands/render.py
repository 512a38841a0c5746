"""``orgmodel render``: draw org files as charts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from orgmodel.api import OrgFileError
from orgmodel.commands import EXIT_CLEAN, EXIT_FINDINGS, builtin_pack, collector_off, fail, say
from orgmodel.render import ENGINES, FORMATS, LAYOUTS, PAGES
from orgmodel.rulepack import PackError


@click.command()
@click.argument("org_files", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file, or - for standard output (one org file only).  "
              "[default: each org file's name with .svg]")
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              help="Output format.  [default: from the output's suffix, else svg]")
@click.option("--sync", is_flag=True, help="Write a chart only when it changed, and exit 1 if any did "
              "(for the pre-commit hook that keeps committed charts up to date).")
@click.option("--engine", type=click.Choice(ENGINES), default="embedded", show_default=True,
              help="embedded: the Graphviz inside the pygraphviz wheel (same output everywhere); "
                   "system: a `dot` on PATH.")
@click.option("--no-findings", is_flag=True, help="Do not draw findings on the chart.")
@click.option("--show", type=click.Choice(["departments", "dotted-lines", "dotted-names"]), multiple=True,
              help="Also draw departments and liaises-with lines; draw dotted-line managers as lines, or as names "
                   "on the cards.  [default: lines in a tree layout, names in a compact one]")
@click.option("--hide", type=click.Choice(["dotted"]), multiple=True, help="Leave dotted-line managers out.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="auto", show_default=True,
              help="tree: one row per level; compact: reports wrap into rows and columns to fit a page; "
                   "auto: compact when the tree would be over 2.5 times as wide as high.")
@click.option("--splines", type=click.Choice(["polyline", "ortho"]), default="polyline", show_default=True,
              help="Edge routing.")
@click.option("--root", help="Draw only this role and the roles below it.")
@click.option("--depth", type=click.IntRange(min=0), help="Draw this many levels below the root(s); "
              "a cut card says how many roles, errors and warnings it hides.")
@click.option("--team", help="Draw only the roles of this team.")
@click.option("--force-include", is_flag=True,
              help="Draw named files even when the configuration's exclude patterns match them.")
@click.option("--stack-min", type=click.IntRange(min=0), default=3, show_default=True,
              help="Stack a manager's leaf reports vertically when it has at least this many (0: never).")
@click.option("--font", "fonts", multiple=True, metavar="FAMILY",
              help="A font family for characters Lato lacks, tried before the machine's others "
                   "(repeatable; e.g. \"Noto Sans CJK JP\").  [default: the `font` setting]")
@click.option("--page", type=click.Choice(sorted(PAGES)), help="Scale the chart down to fit this paper size "
              "(turned to suit the chart); for PDF, PNG and SVG.")
@click.option("--scale", type=click.FloatRange(min=0.1, max=10), default=1.0, show_default=True,
              help="PNG pixels per point, relative to 96 dpi (2: 192 dpi).")
def render(org_files: tuple[str, ...], output: str | None, output_format: str | None, sync: bool, engine: str,
           no_findings: bool, show: tuple[str, ...], hide: tuple[str, ...], layout: str, splines: str,
           root: str | None, depth: int | None, team: str | None, force_include: bool, stack_min: int,
           fonts: tuple[str, ...], page: str | None, scale: float) -> None:
    """Draw org files as charts: SVG, PNG, PDF, DOT, Mermaid, or an interactive HTML report.

    Each org is checked first (with its configuration) and its findings are
    drawn on the chart: a red (error) or amber (warning) border and the codes
    on the role's card. Files are written atomically, never over the input.
    HTML (-o org.html) is one self-contained page that loads nothing: the
    chart with pan, zoom and search, each role's details and findings, the
    findings list, branch focus and the figures of `orgmodel stats`.
    Exit status: 0 charts written, 1 with --sync when a chart changed, 2
    usage error or unreadable file.
    """
    from orgmodel.config import ConfigError
    from orgmodel.files import OutputError
    from orgmodel.project import Overrides, Project
    from orgmodel.render.bounds import TooCostly
    from orgmodel.render.chart import ChartOptions
    from orgmodel.render.engine import EngineError
    from orgmodel.render.fonts import family_error
    from orgmodel.render.output import FormatError, default_output, draw
    from orgmodel.render.selection import SelectionError

    collector_off()

    if output is not None and len(org_files) > 1:
        fail("-o/--output takes one org file; without it each chart goes next to its org file")
    dotted = [word for word in ("lines", "names") if f"dotted-{word}" in show]
    if len(dotted) + ("dotted" in hide) > 1:
        fail("choose one of --show dotted-lines, --show dotted-names and --hide dotted")
    for family in fonts:
        if (problem := family_error(family)) is not None:
            fail(f"--font: {problem}")
    options = ChartOptions(findings=not no_findings, departments="departments" in show, splines=splines,
                           root=root, depth=depth, team=team, stack_min=stack_min, layout=layout,
                           dotted="hide" if "dotted" in hide else dotted[0] if dotted else "auto",
                           fonts=fonts, page=page)
    # Charts show every finding: a baseline only decides what fails a check.
    project = Project(Overrides(force_include=force_include, no_baseline=True), builtin_pack())
    changed = False
    for org_file in org_files:
        try:
            if project.skips(Path(org_file), org_file):  # pre-commit names drafts that the config excludes
                say(f"note: {org_file}: skipped, excluded by the configuration")
                continue
            drawn = draw(project, org_file, output or default_output(org_file), output_format, options, engine,
                         sync, inputs=org_files, scale=scale)
        except (OrgFileError, ConfigError, PackError, EngineError, SelectionError, OutputError,
                FormatError, TooCostly) as error:
            fail(str(error))
        for message in drawn.messages:
            say(f"note: {message}")
        if drawn.target == "-":
            sys.stdout.buffer.write(drawn.data)
        elif drawn.changed:
            changed = True
            say(f"{'updated' if sync else 'wrote'} {drawn.target} ({drawn.summary()})")
    sys.exit(EXIT_FINDINGS if sync and changed else EXIT_CLEAN)
