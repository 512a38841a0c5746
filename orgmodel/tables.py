"""Tables and text from an org file, written for a terminal or for GitHub's Markdown.

``orgmodel stats`` and ``orgmodel diff`` print through these, so that org
text is escaped one way: in Markdown it never becomes markup, in a terminal
it never breaks the columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs


@attrs.frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns


_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """One line: tabs and other runs of space (that would break the columns) become one space."""
    return _SPACE.sub(" ", text).strip()


def text_table(table: Table) -> list[str]:
    if not table.rows:
        return ["  none"]
    cells = [table.headers, *(tuple(plain(cell) for cell in row) for row in table.rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]

    def line(row: Sequence[str]) -> str:
        return "  " + "  ".join(cell.rjust(w) if right else cell.ljust(w)
                                for cell, w, right in zip(row, widths, table.numeric, strict=True)).rstrip()

    return [line(row) for row in cells]


# Characters that Markdown (and GitHub's HTML in it) would read as markup inside a line
# (a line never starts with org text here, so list and heading markers need no escape).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown on one line: every character that could be markup escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def markdown_table(table: Table) -> list[str]:
    if not table.rows:
        return ["none"]
    return ["| " + " | ".join(markdown_text(h) for h in table.headers) + " |",
            "| " + " | ".join("---:" if right else "---" for right in table.numeric) + " |",
            *("| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in table.rows)]
