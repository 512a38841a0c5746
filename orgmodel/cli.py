"""The ``orgmodel`` command: thin click commands over the API. Exit 0, 1 or 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from orgmodel import __version__
from orgmodel.api import CheckResult, OrgFileError, check_file, find_org_files
from orgmodel.finding import SEVERITY_WORDS, Severity
from orgmodel.report import FORMATTERS
from orgmodel.rulepack import PackError, RulePack, load_builtin

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> None:
    """Stop with a one-line error on stderr and exit status 2."""
    click.echo(f"orgmodel: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def builtin_pack() -> RulePack:
    try:
        return load_builtin()
    except PackError as error:  # only a broken installation gets here
        fail(f"the built-in rule pack is broken: {error}")
        raise


def check_paths(paths: Sequence[str], pack: RulePack) -> tuple[list[CheckResult], list[str]]:
    """Results for every org file under ``paths``, and one-line errors for those unreadable."""
    results, errors = [], []
    for shown, target in find_org_files(paths):
        if isinstance(target, OrgFileError):
            errors.append(str(target))
            continue
        try:
            results.append(check_file(target, pack, display_path=shown))
        except OrgFileError as error:
            errors.append(str(error))
    return results, errors


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orgmodel")
def cli() -> None:
    """Describe a marketing organisation in a text file, check it, draw it."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              show_default=True, help="Report format.")
@click.option("--fail-on", type=click.Choice(SEVERITY_WORDS), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or higher is reported.")
def check(paths: tuple[str, ...], output_format: str, fail_on: str) -> None:
    """Check org files against the rule pack.

    PATHS are org files, or directories searched for *.org.txt and org.txt.
    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or
    unreadable file.
    """
    pack = builtin_pack()
    results, errors = check_paths(paths, pack)
    for error in errors:
        click.echo(f"orgmodel: error: {error}", err=True)
    if not results and not errors:
        fail(f"no org files (*.org.txt or org.txt) found in: {', '.join(paths)}")
    click.echo(FORMATTERS[output_format](results), nl=False)
    if errors:
        sys.exit(EXIT_USAGE)
    threshold = Severity.parse(fail_on)
    failed = any(f.severity >= threshold for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def main() -> None:
    """Console-script entry: a bug becomes one line, not a traceback (ORGMODEL_DEBUG=1 shows it)."""
    try:
        cli(standalone_mode=True)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if os.environ.get("ORGMODEL_DEBUG"):
            raise
        click.echo(f"orgmodel: internal error: {type(error).__name__}: {error} "
                   "(please report it; ORGMODEL_DEBUG=1 shows the traceback)", err=True)
        sys.exit(EXIT_USAGE)
