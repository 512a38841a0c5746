"""The syntax tree of an org file: what was written where, before any meaning.

Positions are 1-based; a column counts characters (code points), a tab is one.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs


class Token(NamedTuple):
    """A word, a string or a comma on one line.

    For a string, ``text`` is the value with its escapes resolved.
    ``end_column`` is exclusive. A tuple, not an attrs class: a large org
    has millions of tokens, and a tuple is made in half the time.
    """

    kind: str  # "word" | "string" | "comma"
    text: str
    line: int
    column: int
    end_column: int


@attrs.frozen
class Comment:
    """A ``#`` comment; kept because suppressions live in comments."""

    text: str  # without the leading "#"
    line: int
    column: int


@attrs.frozen
class Attribute:
    """An indented ``KEY VALUE[, VALUE ...]`` line."""

    key: Token
    values: tuple[Token, ...]


@attrs.frozen
class Declaration:
    """A first-column ``KIND [ID] "TEXT"`` line and the attribute lines under it."""

    kind: Token
    id: Token | None
    text: Token | None
    attributes: tuple[Attribute, ...]


@attrs.frozen
class Suppression:
    """A ``# orgmodel: ignore[CODE, ...] reason`` (or ``ignore-file[...]``) comment.

    ``entity`` is the ID of the declaration whose header or attribute line
    carries the comment; ``on_org`` is true on the ``org`` line; ``attached``
    is false for a comment on a line of its own (which suppresses nothing).
    """

    codes: tuple[str, ...]
    reason: str
    line: int
    column: int
    file_wide: bool = False
    entity: str | None = None
    on_org: bool = False
    attached: bool = False


@attrs.frozen
class Problem:
    """Something wrong with the text itself, found while reading it.

    ``code`` is a rule code of the built-in pack (SYN..., REF..., HIER003);
    the pack gives it its severity and documentation.
    """

    code: str
    message: str
    line: int
    column: int
    end_column: int = 0
    entity: str | None = None


@attrs.frozen
class Document:
    declarations: tuple[Declaration, ...]
    comments: tuple[Comment, ...]
    problems: tuple[Problem, ...]
    line_count: int
    suppressions: tuple[Suppression, ...] = ()
    # Lines that start with a declaration keyword (org, role, ...), read well or not:
    # none at all in a file with problems means it is no org file.
    declaration_lines: int = 0
