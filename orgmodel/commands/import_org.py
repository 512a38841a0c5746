"""``orgmodel import``: an HR export (CSV or .xlsx) to an org file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from orgmodel.commands import EXIT_CLEAN, EXIT_FINDINGS, builtin_pack, fail, say


@click.command("import")
@click.argument("table_file", metavar="FILE")
@click.option("-o", "--output", default="-", show_default=True,
              help="The org file to write; - for standard output.")
@click.option("--map", "mappings", multiple=True, metavar="COLUMN=FIELD",
              help="Read COLUMN as FIELD (repeatable), e.g. --map 'Boss Key=manager_id'; FIELD ignore skips it.")
@click.option("--root", help="Keep only this person and everyone below them (an ID, e-mail or name).")
@click.option("--department", help="Keep only the rows of this department (e.g. Marketing).")
@click.option("--name", help="The org's name for the org line.  [default: the --department, else none]")
def import_org(table_file: str, output: str, mappings: tuple[str, ...], root: str | None, department: str | None,
               name: str | None) -> None:
    """Import an org from an HR system's export: CSV (any common separator, UTF-8 with or without BOM) or .xlsx.

    Columns are recognised by their usual names (Employee ID, Name or First
    and Last Name, Job Title, Manager ID / Manager Email / Manager, Department,
    Team, Dotted Line Manager ...). Rows that cannot be placed as the file says
    are reported with their row and column. Exit status: 0 written, 1 written
    with errors in the file (some rows not placed as it says), 2 nothing
    imported (unreadable file, unrecognised columns, usage error).
    """
    from orgmodel.files import OutputError, write_atomic
    from orgmodel.interchange.columns import ColumnError, parse_map
    from orgmodel.interchange.csv_import import CannotImport, ImportOptions, import_file
    from orgmodel.report.text_format import line

    if root is not None and department is not None:
        fail("--root and --department each choose what to keep; give one")
    try:
        options = ImportOptions(parse_map(mappings), root, department, name)
        imported = import_file(Path(table_file), table_file, builtin_pack().vocabulary, options)
    except (ColumnError, CannotImport) as error:
        fail(str(error))
    for found in imported.findings:
        click.echo(line(found), err=True)
    for note in imported.notes:
        say(f"note: {table_file}: {note}")
    if output == "-":
        sys.stdout.buffer.write(imported.text.encode("utf-8"))
    else:
        try:
            write_atomic(Path(output), imported.text.encode("utf-8"), inputs=(Path(table_file),))
        except OutputError as error:
            fail(str(error))
    say(f"imported {imported.roles} roles ({imported.vacant} vacant) from {table_file}"
        f"{'' if output == '-' else f' into {output}'}; {len(imported.findings)} finding"
        f"{'s' if len(imported.findings) != 1 else ''}; level written for {imported.levels_written} "
        "titles the title table could not read")
    errors = any(str(f.severity) == "error" for f in imported.findings)
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)
