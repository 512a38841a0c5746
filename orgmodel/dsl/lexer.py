"""Splitting text into lines and a line into tokens.

Pure functions; a problem is returned as a value, never raised, so that one
run can report every problem in a file.
"""

from __future__ import annotations

import re

from orgmodel.dsl.syntax import Comment, Problem, Token

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<word>[^\s,"\#]+)
      | (?P<comma>,)
      | (?P<comment>\#.*)
      | (?P<open>".*)
    )""",
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\(.)")
# C0 controls other than tab, and DEL: invisible in an editor, unsafe in a chart.
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


# Most lines of an org file are simple: `  key value[, value]`, `kind id "text"`.
# This matches them whole, with no comment, escape, control character or
# unusual space, so that they skip the general tokenizer; for every line it
# matches it gives exactly the tokens `tokenize` would.
_SIMPLE = re.compile(
    r"""[ \t]*(?P<a>[A-Za-z][\w-]*)(?:[ \t]+(?P<b>[A-Za-z][\w-]*))?[ \t]+
        (?:(?P<string>"[^"\\\x00-\x1f\x7f]*")|(?P<c>[A-Za-z][\w-]*)(?P<more>(?:[ \t]*,[ \t]*[A-Za-z][\w-]*)*))
        [ \t]*\Z""",
    re.VERBOSE | re.ASCII,
)
_LIST_ITEM = re.compile(r",|[A-Za-z][\w-]*", re.ASCII)


def simple_tokens(text: str, line: int) -> list[Token] | None:
    """The tokens of a simple line (see ``_SIMPLE``), or None to use ``tokenize``."""
    match = _SIMPLE.match(text)
    if match is None:
        return None
    # Spans by group number (1 a, 2 b, 3 string, 4 c, 5 more): one call, not one per group.
    regs = match.regs
    start, end = regs[1]
    tokens = [Token("word", text[start:end], line, start + 1, end + 1)]
    start, end = regs[2]
    if start >= 0:
        tokens.append(Token("word", text[start:end], line, start + 1, end + 1))
    start, end = regs[3]
    if start >= 0:
        tokens.append(Token("string", text[start + 1 : end - 1], line, start + 1, end + 1))
        return tokens
    start, end = regs[4]
    tokens.append(Token("word", text[start:end], line, start + 1, end + 1))
    start, end = regs[5]
    if end > start:
        for item in _LIST_ITEM.finditer(text, start, end):
            word = item.group()
            tokens.append(Token("comma" if word == "," else "word", word, line, item.start() + 1, item.end() + 1))
    return tokens


def split_lines(text: str) -> list[str]:
    """Lines of ``text``: a leading BOM dropped, LF, CRLF and CR all ending a line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _unescape(raw: str, line: int, column: int) -> tuple[str, Problem | None]:
    """The value of a quoted string body; only ``\\"`` and ``\\\\`` are escapes."""
    for match in _ESCAPE.finditer(raw):
        if match.group(1) not in '"\\':
            at = column + 1 + match.start()
            return raw, Problem(
                "SYN001",
                f"unknown escape '\\{match.group(1)}' in a string; "
                "only \\\" and \\\\ are escapes (write \\\\ for a backslash)",
                line,
                at,
                at + 2,
            )
    return _ESCAPE.sub(r"\1", raw), None


def tokenize(
    text: str, line: int
) -> tuple[list[Token], Comment | None, Problem | None]:
    """Tokens of one line, its comment, and the first problem.

    A bad string is still returned as a token (an unterminated one runs to
    the end of the line), so that one typo does not lose its declaration.
    """
    tokens: list[Token] = []
    pos = 0
    end = len(text)
    while True:
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            # Only trailing white space is left, or nothing.
            return tokens, None, None
        kind = match.lastgroup
        start = match.start(kind)
        pos = match.end()
        column = start + 1
        if kind == "word":
            tokens.append(Token("word", match.group(kind), line, column, pos + 1))
        elif kind == "string":
            raw = text[start + 1 : pos - 1]
            value, problem = _unescape(raw, line, column) if "\\" in raw else (raw, None)
            tokens.append(Token("string", value, line, column, pos + 1))
            if problem is not None:
                return tokens, None, problem
        elif kind == "comma":
            tokens.append(Token("comma", ",", line, column, column + 1))
        elif kind == "comment":
            return tokens, Comment(text[start + 1 :], line, column), None
        else:
            tokens.append(Token("string", text[start + 1 :].rstrip(), line, column, end + 1))
            return tokens, None, Problem(
                "SYN001",
                "unterminated string: close it with '\"' on the same line",
                line,
                column,
                end + 1,
            )
