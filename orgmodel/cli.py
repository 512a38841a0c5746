"""The ``orgmodel`` command: thin click commands over the library. Exit 0, 1 or 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from orgmodel import __version__
from orgmodel.api import ORG_FILE_PATTERNS, OrgFileError
from orgmodel.finding import SEVERITY_WORDS
from orgmodel.render import ENGINES, FORMATS
from orgmodel.report import FORMAT_NAMES
from orgmodel.rulepack import PackError, RulePack, load_builtin
from orgmodel.suggest import did_you_mean

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _fast_exit(status: int) -> None:
    """Exit without freeing every object one by one (a third of a second for a 100,000-role org).

    Everything orgmodel writes is flushed or closed by now; like mypy's fast
    exit, the operating system reclaims the memory at once.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


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


def _codes(value: str | None) -> tuple[str, ...] | None:
    return tuple(c.strip() for c in value.split(",") if c.strip()) if value is not None else None


def _color(choice: str) -> bool:
    """Colour on a terminal; NO_COLOR and FORCE_COLOR as no-color.org and force-color.org say."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orgmodel")
def cli() -> None:
    """Describe a marketing organisation in a text file, check it, draw it."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES),
              help="Report format.  [default: github when GITHUB_ACTIONS=true, else text]")
@click.option("--output", "output_file", type=click.Path(dir_okay=False),
              help="Write the report (in --format) to this file; the terminal gets the text report.  "
                   "- is standard output.")
@click.option("--fail-on", type=click.Choice(SEVERITY_WORDS),
              help="Exit 1 when a finding of this severity or higher is reported.  [default: error]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--select", help="Only these rule codes or prefixes, comma-separated (e.g. KPI,HIER001).")
@click.option("--ignore", help="Skip these rule codes or prefixes, comma-separated.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False),
              help="Also load this rule pack file (repeatable).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
              help="Use this configuration file for every checked file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--statistics", is_flag=True, help="Print how many findings of each code, instead of each finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report (auto: on a terminal, honouring NO_COLOR and FORCE_COLOR).")
def check(paths: tuple[str, ...], output_format: str | None, output_file: str | None, fail_on: str | None,
          exit_zero: bool, select: str | None, ignore: str | None, rule_packs: tuple[str, ...],
          config_file: str | None, isolated: bool, statistics: bool, quiet: bool, color: str) -> None:
    """Check org files against the rule pack.

    PATHS are org files, or directories searched for *.org.txt and org.txt
    (or the configuration's include patterns). Settings come from the nearest
    .orgmodel.toml, pyproject.toml [tool.orgmodel] or setup.cfg [orgmodel]
    above each file; options given here override them.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error,
    unreadable file or invalid configuration.
    """
    from orgmodel.config import ConfigError
    from orgmodel.project import Overrides, Project
    from orgmodel.report import Report, formatter
    from orgmodel.report import statistics as statistics_format

    overrides = Overrides(config=Path(config_file) if config_file else None, isolated=isolated,
                          select=_codes(select), ignore=_codes(ignore), fail_on=fail_on,
                          rules=tuple(Path(p) for p in rule_packs))
    project = Project(overrides, builtin_pack())
    results, errors, failed = [], [], False
    try:
        for shown, target in project.files(paths):
            if isinstance(target, OrgFileError):
                errors.append(str(target))
                continue
            try:
                result = project.check(target, shown)
            except OrgFileError as error:
                errors.append(str(error))
                continue
            results.append(result)
            failed = failed or project.fails(result, target)
    except (ConfigError, PackError) as error:
        fail(str(error))
    for error in errors:
        click.echo(f"orgmodel: error: {error}", err=True)
    if not results:
        if not errors:
            fail(f"no org files ({' or '.join(ORG_FILE_PATTERNS)}) found in: {', '.join(paths)}")
        sys.exit(EXIT_USAGE)  # nothing was checked: no report that could read as "all passed"
    rules = {code: rule for pack in project.packs() for code, rule in pack.rules.items()}
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output_file is not None and output_file != "-":  # "-": the chosen format on standard output
        _write_report(Path(output_file), formatter(chosen)(Report(results, rules)), paths)
        chosen = "text"
    terminal = Report(results, rules, color=_color(color) and chosen == "text", quiet=quiet)
    if statistics:
        click.echo(statistics_format.render(terminal), nl=False)
    else:
        # color=: click would strip the styles we chose to add when stdout is not a terminal.
        click.echo(formatter(chosen)(terminal), nl=False, color=terminal.color)
    if errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN)


def _write_report(path: Path, text: str, inputs: Sequence[str]) -> None:
    from orgmodel.files import OutputError, write_atomic

    try:
        write_atomic(path, text.encode("utf-8"), inputs=tuple(Path(p) for p in inputs))
    except OutputError as error:
        fail(str(error))


@cli.command()
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
@click.option("--stack-min", type=click.IntRange(min=0), default=3, show_default=True,
              help="Stack a manager's leaf reports vertically when it has at least this many (0: never).")
def render(org_files: tuple[str, ...], output: str | None, output_format: str | None, sync: bool, engine: str,
           no_findings: bool, show: tuple[str, ...], splines: str, root: str | None, depth: int | None,
           stack_min: int) -> None:
    """Draw org files as charts: SVG, PNG, DOT or Mermaid.

    Each org is checked first (with its configuration) and its findings are
    drawn on the chart: a red (error) or amber (warning) border and the codes
    on the role's card. Files are written atomically, never over the input.
    Exit status: 0 charts written, 1 with --sync when a chart changed, 2
    usage error or unreadable file.
    """
    from orgmodel.config import ConfigError
    from orgmodel.files import OutputError
    from orgmodel.project import Project
    from orgmodel.render.chart import ChartOptions
    from orgmodel.render.engine import EngineError
    from orgmodel.render.output import FormatError, default_output, draw
    from orgmodel.render.selection import SelectionError

    if output is not None and len(org_files) > 1:
        fail("-o/--output takes one org file; without it each chart goes next to its org file")
    options = ChartOptions(findings=not no_findings, departments="departments" in show, splines=splines,
                           root=root, depth=depth, stack_min=stack_min)
    project = Project(base=builtin_pack())
    changed = False
    for org_file in org_files:
        try:
            drawn = draw(project, org_file, output or default_output(org_file), output_format, options, engine,
                         sync, inputs=org_files)
        except (OrgFileError, ConfigError, PackError, EngineError, SelectionError, OutputError,
                FormatError) as error:
            fail(str(error))
            return
        for message in drawn.messages:
            click.echo(f"orgmodel: note: graphviz: {message}", err=True)
        if drawn.target == "-":
            click.get_binary_stream("stdout").write(drawn.data)
        elif drawn.changed:
            changed = True
            click.echo(f"orgmodel: {'updated' if sync else 'wrote'} {drawn.target} ({drawn.output_format}, "
                       f"{drawn.roles} roles, {drawn.findings} findings)", err=True)
    sys.exit(EXIT_FINDINGS if sync and changed else EXIT_CLEAN)


def _pack_with(rule_packs: tuple[str, ...]) -> RulePack:
    """The built-in pack plus the named pack files."""
    from orgmodel.rulepack import load_packs

    try:
        return load_packs(rule_packs, builtin_pack()) if rule_packs else builtin_pack()
    except PackError as error:
        fail(str(error))
        raise


_PACK_OPTION = click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False),
                            help="Include the rules of this pack file (repeatable).")


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="List format.")
@_PACK_OPTION
def list_rules(output_format: str, rule_packs: tuple[str, ...]) -> None:
    """List every rule: code, severity, name and what it finds."""
    import json

    from orgmodel import docs

    pack = _pack_with(rule_packs)
    if output_format == "markdown":
        click.echo(docs.rules_markdown(pack), nl=False)
    elif output_format == "json":
        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary,
             "kind": r.kind.name, "source": r.source.title, "pack": r.pack}
            for r in pack.rules.values()], indent=2))
    else:
        for rule in pack.rules.values():
            click.echo(f"{rule.code:<9}{str(rule.severity):<8} {rule.name:<34} {rule.summary}")


@cli.command()
@click.argument("code")
@_PACK_OPTION
def explain(code: str, rule_packs: tuple[str, ...]) -> None:
    """Explain one rule: what it checks, why, its source, an example and the fix."""
    from orgmodel import docs

    pack = _pack_with(rule_packs)
    rule = pack.rules.get(code.upper())
    if rule is None:
        fail(f"no rule {code}{did_you_mean(code.upper(), pack.rules)}; `orgmodel rules` lists them")
        return
    click.echo(docs.rule_text(rule), nl=False)


def main() -> None:
    """Console-script entry: a bug becomes one line, not a traceback (ORGMODEL_DEBUG=1 shows it)."""
    try:
        cli(standalone_mode=True)
    except SystemExit as done:
        _fast_exit(done.code if isinstance(done.code, int) else (0 if done.code is None else EXIT_USAGE))
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if os.environ.get("ORGMODEL_DEBUG"):
            raise
        click.echo(f"orgmodel: internal error: {type(error).__name__}: {error} "
                   "(please report it; ORGMODEL_DEBUG=1 shows the traceback)", err=True)
        sys.exit(EXIT_USAGE)
