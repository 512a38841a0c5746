"""The ``orgmodel`` command: thin click commands over the API. Exit 0, 1 or 2."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence

import click

from orgmodel import __version__
from orgmodel import docs
from orgmodel.api import CheckResult, OrgFileError, check_file, find_org_files
from orgmodel.finding import SEVERITY_WORDS, Severity
from orgmodel.report import FORMATTERS
from orgmodel.rulepack import PackError, RulePack, load_builtin
from orgmodel.suggest import did_you_mean

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


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="List format.")
def list_rules(output_format: str) -> None:
    """List every rule: code, name, severity and what it finds."""
    pack = builtin_pack()
    if output_format == "markdown":
        click.echo(docs.rules_markdown(pack), nl=False)
    elif output_format == "json":
        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary,
             "kind": r.kind.name, "source": r.source.title}
            for r in pack.rules.values()], indent=2))
    else:
        for rule in pack.rules.values():
            click.echo(f"{rule.code:<9}{str(rule.severity):<8} {rule.name:<34} {rule.summary}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain one rule: what it checks, why, its source, an example and the fix."""
    pack = builtin_pack()
    rule = pack.rules.get(code.upper())
    if rule is None:
        fail(f"no rule {code}{did_you_mean(code.upper(), pack.rules)}; `orgmodel rules` lists them")
        return
    click.echo(docs.rule_text(rule), nl=False)


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
