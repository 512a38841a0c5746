"""``orgmodel fmt``: write org files in the canonical layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from orgmodel.api import OrgFileError
from orgmodel.commands import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, fail, say
from orgmodel.sanitise import for_terminal

if TYPE_CHECKING:
    from orgmodel.formatting import Formatted


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when a file would change.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Write nothing; print a unified diff of each change and exit 1 when there is one.")
@click.option("--force-include", is_flag=True,
              help="Format named files even when the configuration's exclude patterns match them.")
def fmt(paths: tuple[str, ...], check_only: bool, show_diff: bool, force_include: bool) -> None:
    """Format org files: canonical layout, same meaning, comments kept with their lines.

    PATHS are org files or directories (searched as `check` does); - reads
    standard input and writes the result to standard output. A file with
    syntax errors is left untouched and its errors reported. Exit status: 0
    done (or nothing to change), 1 with --check or --diff when a file would
    change, 2 syntax errors, unreadable files or usage errors.
    """
    from orgmodel.config import ConfigError
    from orgmodel.files import OutputError, write_atomic
    from orgmodel.formatting import format_bytes
    from orgmodel.project import Overrides, Project

    if paths == ("-",):
        _stdin(format_bytes(sys.stdin.buffer.read(), "<stdin>"))
    project = Project(Overrides(force_include=force_include))
    changed = broken = False
    try:
        for shown, target in project.files(paths):
            if isinstance(target, OrgFileError):
                say(f"error: {target}")
                broken = True
                continue
            result = _format(target, shown)
            if result is None or result.formatted is None:
                broken = True
                continue
            if not result.changed:
                continue
            changed = True
            if show_diff:
                click.echo(for_terminal(result.diff(), lines=True), nl=False)
            elif check_only:
                click.echo(for_terminal(f"would reformat {shown}"))
            else:
                write_atomic(target, result.formatted)
                say(f"reformatted {shown}")
    except (ConfigError, OutputError) as error:
        fail(str(error))
    for note in project.notes():
        say(note)
    if broken:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if changed and (check_only or show_diff) else EXIT_CLEAN)


def _format(target: Path, shown: str) -> Formatted | None:
    """The formatted file, or None after reporting why it cannot be formatted."""
    from orgmodel.api import read_file
    from orgmodel.formatting import format_bytes

    try:
        result = format_bytes(read_file(target), shown)
    except OrgFileError as error:
        say(f"error: {error}")
        return None
    _report_problems(result)
    return result


def _report_problems(result: Formatted) -> None:
    for problem in result.problems:
        where = f"{result.path}:{problem.line}:{problem.column}"
        click.echo(for_terminal(f"{where}: error {problem.code} {problem.message}"), err=True)
    if result.formatted is None:
        say(f"error: {result.path}: not formatted: fix the syntax errors above first")


def _stdin(result: Formatted) -> None:
    _report_problems(result)
    if result.formatted is None:
        sys.exit(EXIT_USAGE)
    sys.stdout.buffer.write(result.formatted)
    sys.exit(EXIT_CLEAN)
