"""``orgmodel stats``: headcount, layers, spans of control and ownership of one org."""

from __future__ import annotations

import sys

import click

from orgmodel.commands import EXIT_CLEAN, check_one, printable, say


@click.command()
@click.argument("org_file")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text: aligned tables; json: every figure; markdown: GitHub tables.")
def stats(org_file: str, output_format: str) -> None:
    """Figures about an org's shape: headcount and vacancies, layers, spans of
    control, managers and ICs, roles per team, level and layer, and who holds
    each exclusive duty, KPI and campaign (gaps and doubles marked).

    The org is read with its configuration, as check reads it: the span limit
    is SPAN001's max (params.SPAN001.max), 10 by default. Exit status: 0, or
    2 for an unreadable file or invalid configuration.
    """
    from orgmodel import stats as figures
    from orgmodel.finding import Severity
    from orgmodel.stats_format import render

    result, pack = check_one(org_file, "stats")
    errors = sum(1 for finding in result.findings if finding.severity is Severity.ERROR)
    if errors:
        say(f"note: {org_file} has {errors} error{'s' * (errors != 1)}; `orgmodel check` lists them")
    computed = figures.compute(result.org, pack.vocabulary, figures.span_limit(pack))
    click.echo(printable(render(computed, output_format), output_format), nl=False)
    sys.exit(EXIT_CLEAN)
