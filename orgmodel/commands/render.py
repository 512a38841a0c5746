"""``orgmodel render``: draw org files as charts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from orgmodel.api import OrgFileError
from orgmodel.commands import EXIT_CLEAN, EXIT_FINDINGS, builtin_pack, fail
from orgmodel.render import ENGINES, FORMATS
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
@click.option("--show", type=click.Choice(["departments"]), multiple=True,
              help="Also draw departments and liaises-with lines.")
@click.option("--splines", type=click.Choice(["polyline", "ortho"]), default="polyline", show_default=True,
              help="Edge routing.")
@click.option("--root", help="Draw only this role and the roles below it.")
@click.option("--depth", type=click.IntRange(min=0), help="Draw this many levels below the root(s); "
              "a cut card says how many roles it hides.")
@click.option("--force-include", is_flag=True,
              help="Draw named files even when the configuration's exclude patterns match them.")
@click.option("--stack-min", type=click.IntRange(min=0), default=3, show_default=True,
              help="Stack a manager's leaf reports vertically when it has at least this many (0: never).")
def render(org_files: tuple[str, ...], output: str | None, output_format: str | None, sync: bool, engine: str,
           no_findings: bool, show: tuple[str, ...], splines: str, root: str | None, depth: int | None,
           stack_min: int, force_include: bool) -> None:
    """Draw org files as charts: SVG, PNG, DOT, Mermaid, or an interactive HTML report.

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
    from orgmodel.render.chart import ChartOptions
    from orgmodel.render.engine import EngineError
    from orgmodel.render.output import FormatError, default_output, draw
    from orgmodel.render.selection import SelectionError

    if output is not None and len(org_files) > 1:
        fail("-o/--output takes one org file; without it each chart goes next to its org file")
    options = ChartOptions(findings=not no_findings, departments="departments" in show, splines=splines,
                           root=root, depth=depth, stack_min=stack_min)
    # Charts show every finding: a baseline only decides what fails a check.
    project = Project(Overrides(force_include=force_include, no_baseline=True), builtin_pack())
    changed = False
    for org_file in org_files:
        try:
            if project.skips(Path(org_file), org_file):  # pre-commit names drafts that the config excludes
                click.echo(f"orgmodel: note: {org_file}: skipped, excluded by the configuration", err=True)
                continue
            drawn = draw(project, org_file, output or default_output(org_file), output_format, options, engine,
                         sync, inputs=org_files)
        except (OrgFileError, ConfigError, PackError, EngineError, SelectionError, OutputError,
                FormatError) as error:
            fail(str(error))
        for message in drawn.messages:
            click.echo(f"orgmodel: note: {message}", err=True)
        if drawn.target == "-":
            click.get_binary_stream("stdout").write(drawn.data)
        elif drawn.changed:
            changed = True
            click.echo(f"orgmodel: {'updated' if sync else 'wrote'} {drawn.target} ({drawn.summary()})", err=True)
    sys.exit(EXIT_FINDINGS if sync and changed else EXIT_CLEAN)
