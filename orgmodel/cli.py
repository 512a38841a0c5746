"""The ``orgmodel`` command: thin click commands over the API. Exit 0, 1 or 2."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

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


def _output_path(org_file: str, output: str | None) -> str:
    """Where a chart goes by default: the org file's name with .svg."""
    if output is not None:
        return output
    name = Path(org_file).name
    stem = name[: -len(".org.txt")] if name.endswith(".org.txt") else Path(name).stem
    return str(Path(org_file).with_name(f"{stem}.svg"))


@cli.command()
@click.argument("org_file", type=click.Path())
@click.option("-o", "--output", help="Output file, or - for standard output.  [default: ORG_FILE's name with .svg]")
@click.option("--format", "output_format", type=click.Choice(["svg", "png", "dot", "mermaid"]),
              help="Output format.  [default: from the output's suffix, else svg]")
@click.option("--engine", type=click.Choice(["embedded", "system"]), default="embedded", show_default=True,
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
@click.option("--stack-min", type=click.IntRange(min=0), default=3, show_default=True,
              help="Stack a manager's leaf reports vertically when it has at least this many (0: never).")
def render(org_file: str, output: str | None, output_format: str | None, engine: str, no_findings: bool,
           show: tuple[str, ...], splines: str, root: str | None, depth: int | None, stack_min: int) -> None:
    """Draw an org file as a chart: SVG, PNG, DOT or Mermaid.

    The org is checked first and its findings are drawn on the chart: a red
    (error) or amber (warning) border and the codes on the role's card.
    Files are written atomically, never over the input. Exit status: 0 chart
    written, 2 usage error or unreadable file.
    """
    from orgmodel.files import OutputError, write_atomic
    from orgmodel.render.chart import ChartOptions
    from orgmodel.render.engine import EngineError
    from orgmodel.render.output import format_for, render_org
    from orgmodel.render.selection import SelectionError

    target = _output_path(org_file, output)
    chosen = output_format or ("svg" if target == "-" else format_for(Path(target)))
    if chosen is None:
        fail(f"cannot tell the format of {target} from its suffix; use --format svg|png|dot|mermaid")
        return
    pack = builtin_pack()
    try:
        result = check_file(org_file, pack)
    except OrgFileError as error:
        fail(str(error))
        return
    options = ChartOptions(findings=not no_findings, departments="departments" in show, splines=splines,
                           root=root, depth=depth, stack_min=stack_min)
    try:
        data, messages = render_org(result.org, result.findings, pack.vocabulary.exclusive, chosen, options, engine)
        for message in messages:
            click.echo(f"orgmodel: note: graphviz: {message}", err=True)
        if target == "-":
            click.get_binary_stream("stdout").write(data)
            return
        write_atomic(Path(target), data, inputs=(Path(org_file),))
    except (EngineError, SelectionError, OutputError) as error:
        fail(str(error))
        return
    click.echo(f"orgmodel: wrote {target} ({chosen}, {len(result.org.roles)} roles, "
               f"{len(result.findings)} findings)", err=True)


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
