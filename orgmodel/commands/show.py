"""``orgmodel show``: the facts orgmodel read or inferred about each role and KPI."""

from __future__ import annotations

import json
import sys

import click

from orgmodel.commands import EXIT_CLEAN, check_one, printable


@click.command()
@click.argument("org_file")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: aligned tables; json: every fact with its origin and evidence.")
def show(org_file: str, output_format: str) -> None:
    """What orgmodel read about each role and KPI, and where each fact came from.

    For each role: its level (written, inferred from which title words, or
    assumed), its rank (level and seniority), its layer (written, from the
    title, or the level's default) and the specialties its channel lines and
    title name; for each KPI: its scope (written or read from its name). The
    org is read with its configuration, so words a team taught orgmodel
    ([extend-vocabulary]) count. Exit status: 0, or 2 for an unreadable file
    or invalid configuration.
    """
    from orgmodel.show import render_text
    from orgmodel.show import show as facts_of

    result, pack = check_one(org_file, "show")
    shown = facts_of(result.org, pack.vocabulary)
    if output_format == "json":
        click.echo(printable(json.dumps(shown.to_dict(), indent=2, ensure_ascii=False), "json"))
    else:
        click.echo(printable(render_text(shown), "text"), nl=False)
    sys.exit(EXIT_CLEAN)
