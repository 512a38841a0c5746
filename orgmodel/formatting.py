"""``orgmodel fmt``'s work: an org file's bytes to its canonical layout, or the reasons it has none.

A file with syntax problems is never rewritten: a line the parser could not
read is missing from the syntax tree, so printing the tree would drop it.
Line ends follow the file's first line (CRLF stays CRLF); a BOM is dropped.
"""

from __future__ import annotations

import difflib

import attrs

from orgmodel.api import decode
from orgmodel.dsl.lexer import split_lines
from orgmodel.dsl.parser import parse
from orgmodel.dsl.printer import print_document
from orgmodel.dsl.syntax import Problem

# Problems that leave text out of the syntax tree. Suppression problems (SUP003)
# do not: the comment is kept word for word.
_BLOCKING = ("SYN",)


@attrs.frozen
class Formatted:
    """One file before and after; ``formatted`` is None when ``problems`` forbid formatting."""

    path: str
    original: bytes
    formatted: bytes | None
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original

    def diff(self) -> str:
        """A unified diff from the original to the formatted text ('' when unchanged)."""
        if not self.changed:
            return ""
        assert self.formatted is not None
        before = self.original.decode("utf-8", "replace").splitlines(keepends=True)
        after = self.formatted.decode("utf-8").splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, f"{self.path} (original)", f"{self.path} (formatted)"))


def format_text(text: str) -> tuple[str | None, tuple[Problem, ...]]:
    """The canonical layout of org text (LF line ends), or None and the problems that forbid it."""
    document = parse(text)
    blocking = tuple(p for p in document.problems if p.code.startswith(_BLOCKING))
    if blocking:
        return None, blocking
    return print_document(document), ()


def format_bytes(data: bytes, path: str = "<bytes>") -> Formatted:
    text, problems = decode(data)
    if problems:
        return Formatted(path, data, None, tuple(problems))
    formatted, blocking = format_text(text)
    if formatted is None:
        return Formatted(path, data, None, blocking)
    if _first_line_end(text) == "\r\n":
        formatted = formatted.replace("\n", "\r\n")
    return Formatted(path, data, formatted.encode("utf-8"))


def _first_line_end(text: str) -> str:
    first = split_lines(text)[0]
    rest = text.lstrip("\ufeff")[len(first):]
    return "\r\n" if rest.startswith("\r\n") else "\n"
