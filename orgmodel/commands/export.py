"""``orgmodel export``: a checked org file as JSON or CSV for other programs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from orgmodel.api import OrgFileError
from orgmodel.commands import EXIT_CLEAN, builtin_pack, fail, say


@click.command()
@click.argument("org_file")
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: the model, each fact's origin and the findings (see the shipped JSON Schema); "
                   "csv: one row per role, re-importable with orgmodel import.")
@click.option("-o", "--output", default="-", show_default=True, help="The file to write; - for standard output.")
def export(org_file: str, output_format: str, output: str) -> None:
    """Export an org file, checked with its configuration, as JSON or CSV.

    Exit status: 0 written (whatever the findings), 2 unreadable file,
    invalid configuration or usage error.
    """
    from orgmodel.config import ConfigError
    from orgmodel.files import OutputError, write_atomic
    from orgmodel.interchange.export import FORMATS
    from orgmodel.project import Overrides, Project

    project = Project(Overrides(no_baseline=True), builtin_pack())  # every finding: a baseline only gates checks
    try:
        result = project.check(Path(org_file), org_file)
        text = FORMATS[output_format](result)
        if output == "-":
            click.echo(text, nl=False)
        else:
            write_atomic(Path(output), text.encode("utf-8"), inputs=(Path(org_file),))
            say(f"wrote {output} ({output_format}, {len(result.org.roles)} roles, {len(result.findings)} findings)")
    except (OrgFileError, ConfigError, OutputError) as error:
        fail(str(error))
    sys.exit(EXIT_CLEAN)
