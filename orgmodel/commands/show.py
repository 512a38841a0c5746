"""``orgmodel show``: the facts orgmodel read or inferred about each role and KPI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from orgmodel.api import OrgFileError
from orgmodel.commands import EXIT_CLEAN, builtin_pack, fail


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
    from orgmodel.config import ConfigError
    from orgmodel.project import Project
    from orgmodel.rulepack import PackError
    from orgmodel.show import render_text, show as facts_of

    if Path(org_file).is_dir():
        fail(f"{org_file}: a directory; show takes one org file")
    project = Project(base=builtin_pack())
    try:
        pack = project.pack_for(project.settings_for(Path(org_file)))
        result = project.check(Path(org_file), org_file)
    except (OrgFileError, ConfigError, PackError) as error:
        fail(str(error))
    shown = facts_of(result.org, pack.vocabulary)
    if output_format == "json":
        click.echo(json.dumps(shown.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(shown), nl=False)
    sys.exit(EXIT_CLEAN)
