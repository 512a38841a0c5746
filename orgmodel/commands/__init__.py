"""The subcommands of ``orgmodel``, one module each; this module holds what they share.

Each command parses its options, calls one library function and chooses the
exit status; logic lives in the library, never here. A new command is a
module in this folder plus one line in ``orgmodel.cli.COMMANDS``.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from orgmodel.rulepack import PackError, RulePack, load_builtin
from orgmodel.sanitise import for_json, for_terminal

if TYPE_CHECKING:
    from orgmodel.api import CheckResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """``orgmodel: MESSAGE`` on stderr, sanitised: messages carry file names and text from files."""
    click.echo(f"orgmodel: {for_terminal(message)}", err=True)


def printable(text: str, output_format: str) -> str:
    """A command's output made safe to print: JSON with JSON escapes, other text keeping its line ends."""
    return for_json(text) if output_format == "json" else for_terminal(text, lines=True)


def collector_off() -> None:
    """Turn the cyclic garbage collector off for the rest of the process.

    A command makes many small objects and no reference cycles (a check's columns, a chart's
    model and cards), and the process ends with it (orgmodel.cli's fast exit): the collector
    would only rescan them (a full collection after a 100,000-role file costs 40 ms).
    """
    import gc

    gc.disable()


def fail(message: str) -> NoReturn:
    """Stop with a one-line error on stderr and exit status 2."""
    say(f"error: {message}")
    sys.exit(EXIT_USAGE)


def builtin_pack() -> RulePack:
    try:
        return load_builtin()
    except PackError as error:  # only a broken installation gets here
        fail(f"the built-in rule pack is broken: {error}")


def pack_with(rule_packs: tuple[str, ...]) -> RulePack:
    """The built-in pack plus the named pack files."""
    from orgmodel.rulepack import load_packs

    try:
        return load_packs(rule_packs, builtin_pack()) if rule_packs else builtin_pack()
    except PackError as error:
        fail(str(error))


PACK_OPTION = click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False),
                           help="Include the rules of this pack file (repeatable).")


def use_color(choice: str) -> bool:
    """Colour on a terminal; NO_COLOR and FORCE_COLOR as no-color.org and force-color.org say."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def check_one(org_file: str, command: str) -> tuple[CheckResult, RulePack]:
    """One org file checked with its configuration, and the pack that checked it; usage errors exit 2."""
    from pathlib import Path

    from orgmodel.api import OrgFileError
    from orgmodel.config import ConfigError
    from orgmodel.project import Project

    if Path(org_file).is_dir():
        fail(f"{org_file}: a directory; {command} takes one org file")
    project = Project(base=builtin_pack())
    try:
        pack = project.pack_for(project.settings_for(Path(org_file)))
        return project.check(Path(org_file), org_file), pack
    except (OrgFileError, ConfigError, PackError) as error:
        fail(str(error))
