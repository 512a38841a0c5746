"""The ``orgmodel`` command: a click group over the commands in ``orgmodel/commands/``. Exit 0, 1 or 2."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping

import click

from orgmodel import __version__
from orgmodel.commands import EXIT_USAGE, say

# Every subcommand: name -> its module and function (`orgmodel --help` lists them by name).
COMMANDS: Mapping[str, tuple[str, str]] = {
    "check": ("orgmodel.commands.check", "check"),
    "render": ("orgmodel.commands.render", "render"),
    "show": ("orgmodel.commands.show", "show"),
    "stats": ("orgmodel.commands.stats", "stats"),
    "diff": ("orgmodel.commands.diff", "diff"),
    "fmt": ("orgmodel.commands.fmt", "fmt"),
    "import": ("orgmodel.commands.import_org", "import_org"),
    "export": ("orgmodel.commands.export", "export"),
    "rules": ("orgmodel.commands.rules", "list_rules"),
    "explain": ("orgmodel.commands.rules", "explain"),
}


class _Commands(click.Group):
    """Imports a command's module when it runs (or when help lists it): a check loads no renderer."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name]
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def _fast_exit(status: int) -> None:
    """Exit without freeing every object one by one (a third of a second for a 100,000-role org).

    Everything orgmodel writes is flushed or closed by now; like mypy's fast
    exit, the operating system reclaims the memory at once.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orgmodel")
def cli() -> None:
    """Describe a marketing organisation in a text file, check it, draw it."""


def main() -> None:
    """Console-script entry: a bug becomes one line, not a traceback (ORGMODEL_DEBUG=1 shows it)."""
    try:
        cli(standalone_mode=True)
    except SystemExit as done:
        _fast_exit(done.code if isinstance(done.code, int) else (0 if done.code is None else EXIT_USAGE))
    except Exception as error:
        if os.environ.get("ORGMODEL_DEBUG"):
            raise
        say(f"internal error: {type(error).__name__}: {error} (please report it; ORGMODEL_DEBUG=1 shows the "
            "traceback)")
        sys.exit(EXIT_USAGE)
