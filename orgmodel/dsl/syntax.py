"""The syntax tree of an org file: what was written where, before any meaning.

Positions are 1-based; a column counts characters (code points), a tab is one.
"""

from __future__ import annotations

from typing import NamedTuple

from orgmodel.records import Record


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


class Comment(Record):
    """A ``#`` comment; kept because suppressions live in comments. ``text`` is without the leading "#"."""

    __slots__ = ("text", "line", "column")
    text: str
    line: int
    column: int

    def __init__(self, text: str, line: int, column: int) -> None:
        self._init(text=text, line=line, column=column)


class Attribute(Record):
    """An indented ``KEY VALUE[, VALUE ...]`` line."""

    __slots__ = ("key", "values")
    key: Token
    values: tuple[Token, ...]

    def __init__(self, key: Token, values: tuple[Token, ...]) -> None:
        self._init(key=key, values=values)


class Declaration(Record):
    """A first-column ``KIND [ID] "TEXT"`` line and the attribute lines under it."""

    __slots__ = ("kind", "id", "text", "attributes")
    kind: Token
    id: Token | None
    text: Token | None
    attributes: tuple[Attribute, ...]

    def __init__(self, kind: Token, id: Token | None, text: Token | None,
                 attributes: tuple[Attribute, ...]) -> None:
        self._init(kind=kind, id=id, text=text, attributes=attributes)


class Suppression(Record):
    """A ``# orgmodel: ignore[CODE, ...] reason`` (or ``ignore-file[...]``) comment.

    ``entity`` is the ID of the declaration whose header or attribute line
    carries the comment; ``on_org`` is true on the ``org`` line; ``attached``
    is false for a comment on a line of its own (which suppresses nothing).
    """

    __slots__ = ("codes", "reason", "line", "column", "file_wide", "entity", "on_org", "attached")
    codes: tuple[str, ...]
    reason: str
    line: int
    column: int
    file_wide: bool
    entity: str | None
    on_org: bool
    attached: bool

    def __init__(self, codes: tuple[str, ...], reason: str, line: int, column: int, file_wide: bool = False,
                 entity: str | None = None, on_org: bool = False, attached: bool = False) -> None:
        self._init(codes=codes, reason=reason, line=line, column=column, file_wide=file_wide, entity=entity,
                   on_org=on_org, attached=attached)


class Problem(Record):
    """Something wrong with the text itself, found while reading it.

    ``code`` is a rule code of the built-in pack (SYN..., REF..., HIER003);
    the pack gives it its severity and documentation.
    """

    __slots__ = ("code", "message", "line", "column", "end_column", "entity")
    code: str
    message: str
    line: int
    column: int
    end_column: int
    entity: str | None

    def __init__(self, code: str, message: str, line: int, column: int, end_column: int = 0,
                 entity: str | None = None) -> None:
        self._init(code=code, message=message, line=line, column=column, end_column=end_column, entity=entity)


class Document(Record):
    __slots__ = ("declarations", "comments", "problems", "line_count", "suppressions", "declaration_lines")
    declarations: tuple[Declaration, ...]
    comments: tuple[Comment, ...]
    problems: tuple[Problem, ...]
    line_count: int
    suppressions: tuple[Suppression, ...]
    # Lines that start with a declaration keyword (org, role, ...), read well or not:
    # none at all in a file with problems means it is no org file.
    declaration_lines: int

    def __init__(self, declarations: tuple[Declaration, ...], comments: tuple[Comment, ...],
                 problems: tuple[Problem, ...], line_count: int, suppressions: tuple[Suppression, ...] = (),
                 declaration_lines: int = 0) -> None:
        self._init(declarations=declarations, comments=comments, problems=problems, line_count=line_count,
                   suppressions=suppressions, declaration_lines=declaration_lines)
