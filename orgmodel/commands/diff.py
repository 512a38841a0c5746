"""``orgmodel diff``: what a reorg changes, for a terminal, a pull request or a program."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from orgmodel.commands import EXIT_CLEAN, EXIT_FINDINGS, builtin_pack, fail, printable, say
from orgmodel.finding import SEVERITY_WORDS
from orgmodel.render import ENGINES

if TYPE_CHECKING:
    from orgmodel import diff_sources


@click.command()
@click.argument("files", nargs=-1)
@click.option("--git", "spec", metavar="REV|REV1..REV2",
              help="Compare org files at a git revision with the working tree (REV), or two revisions "
                   "(REV1..REV2; REV1...REV2 from their merge base). FILES are then paths to compare "
                   "(default: every org file that changed).")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text: for a terminal; markdown: a pull-request comment; json: every change.")
@click.option("-o", "--output", help="Write the report to this file instead of standard output.")
@click.option("--fail-on-new-findings", "fail_on", type=click.Choice(SEVERITY_WORDS), is_flag=False,
              flag_value="info", metavar="[SEVERITY]",
              help="Exit 1 when the change introduces a finding at or above SEVERITY (alone: any finding).")
@click.option("--chart", "chart_file", help="Also draw the diff chart to this file (.svg, .png, .dot, or .html for "
              "the interactive report): the new org with added roles green, moved amber, changed blue and removed "
              "ones as ghost cards.")
@click.option("--engine", type=click.Choice(ENGINES), default="embedded", show_default=True,
              help="Graphviz for --chart: embedded (in the pygraphviz wheel) or system (a `dot` on PATH).")
def diff(files: tuple[str, ...], spec: str | None, output_format: str, output: str | None,
         fail_on: str | None, chart_file: str | None, engine: str) -> None:
    """Compare two versions of an org: roles added, removed, renamed and
    moved; titles, levels, layers and teams; people and vacancies; dotted
    lines; responsibilities, KPIs and campaigns that changed hands; teams and
    departments; and what follows: findings introduced and resolved, and
    headcount, vacancy, layer and span figures.

    \b
      orgmodel diff OLD.org.txt NEW.org.txt
      orgmodel diff --git main [PATH...]        # main against the working tree
      orgmodel diff --git main..feature [PATH...]

    Both versions are checked with the configuration of the file's place in
    the working tree. Exit status: 0; 1 with --fail-on-new-findings when the
    change introduces a finding at or above it; 2 for a usage error, an
    unreadable file, a git error or an invalid configuration.
    """
    from orgmodel import diff_sources
    from orgmodel.api import OrgFileError
    from orgmodel.config import ConfigError
    from orgmodel.diff_format import render
    from orgmodel.finding import Severity
    from orgmodel.git_revisions import GitError
    from orgmodel.project import Project
    from orgmodel.rulepack import PackError

    if spec is None and len(files) != 2:
        fail("diff takes two org files (OLD NEW), or --git REV [PATH...]")
    project = Project(base=builtin_pack())
    try:
        pairs = (diff_sources.git(project, spec, files) if spec is not None
                 else [diff_sources.files(files[0], files[1])])
        compared = [diff_sources.diff(project, pair) for pair in pairs]
    except (OrgFileError, GitError, ConfigError, PackError) as error:
        fail(str(error))
    diffs = [item.diff for item in compared]
    if chart_file is not None:
        _chart(compared, chart_file, engine, files)
    _write(printable(render(diffs, output_format), output_format), output, files)
    threshold = Severity.parse(fail_on) if fail_on else None
    failed = threshold is not None and any(d.introduces(threshold) for d in diffs)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def _write(text: str, output: str | None, inputs: tuple[str, ...]) -> None:
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from orgmodel.files import OutputError, write_atomic

    try:
        write_atomic(Path(output), text.encode("utf-8"), inputs=tuple(Path(p) for p in inputs))
    except OutputError as error:
        fail(str(error))


def _chart(compared: list[diff_sources.Compared], target: str, engine: str, inputs: tuple[str, ...]) -> None:
    from orgmodel.files import OutputError
    from orgmodel.render.diff_chart import write_chart
    from orgmodel.render.engine import EngineError

    if len(compared) != 1:
        fail(f"--chart draws one org file's diff, and this compares {len(compared)}; name one file")
    try:
        messages = write_chart(compared[0], target, engine, inputs)
    except (OutputError, EngineError, ValueError) as error:
        fail(str(error))
    for message in messages:
        say(f"note: graphviz: {message}")
    say(f"wrote {target} (the diff chart)")
