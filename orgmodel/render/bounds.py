"""What a chart may cost: Graphviz's layout time explodes on some inputs, so they stop early (issue 11, item 12).

Measured with the embedded Graphviz on a shared 2-core machine (load about 6):

- dotted lines drawn as lines (they do not constrain the tree, so each one is a
  long edge routed across it): 200 take 1.5 s, 600 take 2 s, 1,390 take 7 s,
  2,565 take 31 s, and a 64 KB file of them took 75 s. Up to 500 are drawn as
  lines; beyond that ``auto`` writes them as names on the cards, and an explicit
  ``--show dotted-lines`` stops.
- ``--splines ortho``: 276 lines (150 roles) take 2.6 s, 927 lines (500 roles)
  26 s, 4,000 lines (2,000 roles) over 300 s. Up to 400 lines.
- roles: 2,000 take 7 to 17 s, 6,000 take 86 s. Up to 5,000 roles per chart.
DOT and Mermaid output are written in linear time and have no bound here.
"""

from __future__ import annotations

MAX_DOTTED_LINES = 500
MAX_ORTHO_LINES = 400
MAX_ROLES = 5_000
_PART = "draw part of the org (--root, --depth, --team)"


class TooCostly(Exception):
    """A chart whose layout would take minutes; ``str()`` is one line with a way out."""


def check_roles(roles: int) -> None:
    if roles > MAX_ROLES:
        raise TooCostly(f"{roles} roles are too many for one chart (at most {MAX_ROLES}; its layout would take "
                        f"minutes): {_PART}, or write --format dot or mermaid")


def check_dotted(lines: int) -> None:
    if lines > MAX_DOTTED_LINES:
        raise TooCostly(f"{lines} dotted lines are too many to lay out (at most {MAX_DOTTED_LINES}; each one "
                        f"slows the layout more): use --show dotted-names or --hide dotted, or {_PART}")


def check_ortho(lines: int) -> None:
    if lines > MAX_ORTHO_LINES:
        raise TooCostly(f"--splines ortho on {lines} lines would take minutes (at most {MAX_ORTHO_LINES}): "
                        f"use --splines polyline (the default), or {_PART}")
