"""``orgmodel check``: lint org files against the rule pack."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from orgmodel.api import ORG_FILE_PATTERNS, CheckResult, OrgFileError
from orgmodel.commands import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, builtin_pack, collector_off, fail, say, use_color
from orgmodel.finding import SEVERITY_WORDS
from orgmodel.report import FORMAT_NAMES
from orgmodel.rulepack import PackError


def _codes(value: str | None) -> tuple[str, ...] | None:
    return tuple(c.strip() for c in value.split(",") if c.strip()) if value is not None else None


@click.command()
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
@click.option("--extend-select", help="Also these rule codes or prefixes, comma-separated: how opt-in rules "
              "(MGR001, XFN001) are switched on.")
@click.option("--ignore", help="Skip these rule codes or prefixes, comma-separated.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False),
              help="Also load this rule pack file (repeatable).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
              help="Use this configuration file for every checked file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              help="Record today's findings in this baseline file (and exit 0).")
@click.option("--force-include", is_flag=True,
              help="Check named files even when the configuration's exclude patterns match them.")
@click.option("--statistics", is_flag=True, help="Print how many findings of each code, instead of each finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report (auto: on a terminal, honouring NO_COLOR and FORCE_COLOR).")
def check(paths: tuple[str, ...], output_format: str | None, output_file: str | None, fail_on: str | None,
          exit_zero: bool, select: str | None, extend_select: str | None, ignore: str | None,
          rule_packs: tuple[str, ...], config_file: str | None, isolated: bool, baseline_file: str | None,
          write_baseline: str | None, force_include: bool, statistics: bool, quiet: bool, color: str) -> None:
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

    collector_off()

    overrides = Overrides(config=Path(config_file) if config_file else None, isolated=isolated,
                          select=_codes(select), extend_select=_codes(extend_select) or (), ignore=_codes(ignore),
                          fail_on=fail_on,
                          rules=tuple(Path(p) for p in rule_packs), force_include=force_include,
                          baseline=Path(baseline_file) if baseline_file else None,
                          no_baseline=write_baseline is not None)
    project = Project(overrides, builtin_pack())
    results, errors, failed, checked = [], [], False, []
    inputs = list(paths)  # every org file named or found: --output must not land on any of them
    try:
        for shown, target in project.files(paths):
            inputs.append(str(target) if isinstance(target, Path) else shown)
            if isinstance(target, OrgFileError):
                errors.append(str(target))
                continue
            try:
                result = project.check(target, shown)
            except OrgFileError as error:
                errors.append(str(error))
                continue
            results.append(result)
            checked.append((target, result))
            failed = failed or project.fails(result, target)
    except (ConfigError, PackError) as error:
        fail(str(error))
    for message in errors:
        say(f"error: {message}")
    for note in project.notes(quiet):
        say(note)
    if not results and not errors and project.excluded:
        sys.exit(EXIT_CLEAN)  # pre-commit named only excluded files: nothing to check is not an error
    if write_baseline is not None and results:
        _write_baseline(Path(write_baseline), checked, inputs)
        sys.exit(EXIT_USAGE if errors else EXIT_CLEAN)
    if not results:
        if not errors:
            fail(f"no org files ({' or '.join(ORG_FILE_PATTERNS)}) found in: {', '.join(paths)}")
        sys.exit(EXIT_USAGE)  # nothing was checked: no report that could read as "all passed"
    rules = {code: rule for pack in project.packs() for code, rule in pack.rules.items()}
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output_file is not None and output_file != "-":  # "-": the chosen format on standard output
        _write_report(Path(output_file), formatter(chosen)(Report(results, rules)), inputs)
        chosen = "text"
    terminal = Report(results, rules, color=use_color(color) and chosen == "text", quiet=quiet)
    if statistics:
        from orgmodel.report import statistics as statistics_format

        click.echo(statistics_format.render(terminal), nl=False)
    else:
        # color=: click would strip the styles we chose to add when stdout is not a terminal.
        click.echo(formatter(chosen)(terminal), nl=False, color=terminal.color)
    if errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN)


def _write_baseline(path: Path, checked: list[tuple[Path, CheckResult]], inputs: Sequence[str]) -> None:
    from orgmodel.baseline import write
    from orgmodel.files import OutputError

    try:
        count = write(checked, path, inputs=tuple(Path(p) for p in inputs))
    except OutputError as error:
        fail(str(error))
    say(f"wrote {count} finding{'s' if count != 1 else ''} to the baseline {path}")


def _write_report(path: Path, text: str, inputs: Sequence[str]) -> None:
    from orgmodel.files import OutputError, write_atomic

    try:
        write_atomic(path, text.encode("utf-8"), inputs=tuple(Path(p) for p in inputs))
    except OutputError as error:
        fail(str(error))
