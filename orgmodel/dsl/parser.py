"""Text to syntax tree: declarations, their attribute lines, comments and problems."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from orgmodel.dsl.grammar import KINDS, KindSpec, is_identifier
from orgmodel.dsl.lexer import CONTROL, simple_tokens, split_lines, tokenize
from orgmodel.dsl.syntax import Attribute, Comment, Declaration, Document, Problem, Suppression, Token
from orgmodel.sanitise import token as short
from orgmodel.suggest import did_you_mean

_DIRECTIVE = re.compile(r"\s*orgmodel\s*:")
# The reason is taken whole and stripped afterwards: a lazy `.*?\s*\Z` retried the
# trailing space at every position (a 100 KB comment took a minute).
_SUPPRESSION = re.compile(r"\s*orgmodel\s*:\s*(?P<kind>ignore-file|ignore)\[(?P<codes>[^\]]*)\](?P<reason>.*)\Z")
_CODE = re.compile(r"[A-Z][A-Z0-9]*[0-9]{3}\Z")
# A misspelt keyword looks like this; a line of a key file or /etc/passwd does not, and is not quoted.
_KEYWORD_LIKE = re.compile(r"[A-Za-z][A-Za-z-]{0,23}\Z")


def _unknown(what: str, word: str, choices: Iterable[str]) -> str:
    """``unknown WHAT 'word' (did you mean 'x'?)``, quoting the word only if it looks like a keyword."""
    if not _KEYWORD_LIKE.match(word):
        return f"unknown {what}"
    return f"unknown {what} '{word}'{did_you_mean(word, choices)}"


class _Builder:
    """Collects declarations while walking the lines once, top to bottom."""

    def __init__(self) -> None:
        self.declarations: list[Declaration] = []
        self.problems: list[Problem] = []
        self.header: tuple[Token, Token | None, Token | None] | None = None
        self.spec: KindSpec | None = None
        self.attributes: list[Attribute] = []
        # True after a header we could not read: its attribute lines are
        # skipped quietly instead of each being reported as orphaned.
        self.skipping = False
        self.declaration_lines = 0

    def problem(self, code: str, message: str, token: Token) -> None:
        self.problems.append(
            Problem(code, message, token.line, token.column, token.end_column)
        )

    def close(self) -> None:
        if self.header is not None:
            kind, id_, text = self.header
            self.declarations.append(Declaration(kind, id_, text, tuple(self.attributes)))
        self.header, self.spec, self.attributes, self.skipping = None, None, [], False

    def declaration(self, tokens: list[Token]) -> None:
        self.close()
        kind = tokens[0]
        spec = KINDS.get(kind.text) if kind.kind == "word" else None
        self.declaration_lines += spec is not None
        if spec is None:
            if kind.kind == "word":
                self.problem(
                    "SYN002",
                    f"{_unknown('declaration kind', kind.text, KINDS)}; "
                    f"use one of: {', '.join(KINDS)}",
                    kind,
                )
            else:
                self.problem("SYN001", "a declaration starts with its kind, e.g. role ID \"TITLE\"", kind)
            self.skipping = True
            return
        rest = tokens[1:]
        id_ = None
        if spec.has_id:
            if not rest or rest[0].kind != "word":
                self.problem("SYN001", f"{kind.text} is missing its ID: write {kind.text} ID \"NAME\"",
                             rest[0] if rest else kind)
                self.skipping = True
                return
            id_ = rest.pop(0)
            if not is_identifier(id_.text):
                self.problem(
                    "SYN003",
                    f"'{short(id_.text)}' is not a valid ID: start with a letter, then use "
                    "letters, digits, '-' or '_'",
                    id_,
                )
                self.skipping = True
                return
        text = rest.pop(0) if rest and rest[0].kind == "string" else None
        if text is None:
            what = "name" if kind.text != "role" else "title"
            self.problem(
                "SYN001",
                f"{kind.text} is missing its quoted {what}: write "
                f"{kind.text}{' ID' if spec.has_id else ''} \"{what.upper()}\"",
                rest[0] if rest else (id_ or kind),
            )
        elif rest:
            self.problem("SYN001", f"unexpected '{short(rest[0].text)}' after the {kind.text} declaration", rest[0])
        self.header, self.spec = (kind, id_, text), spec

    def attribute(self, tokens: list[Token]) -> None:
        key = tokens[0]
        if self.skipping:
            return
        if self.header is None or self.spec is None:
            self.problem(
                "SYN001",
                "indented line with no declaration above it: attributes belong "
                "under a role, kpi or campaign line",
                key,
            )
            return
        if key.kind != "word":
            self.problem("SYN001", "an attribute line starts with its key, e.g. reports-to ID", key)
            return
        kind = self.header[0].text
        if key.text not in self.spec.keys:
            allowed = ", ".join(self.spec.keys) or "none in this version"
            self.problem(
                "SYN002",
                f"{_unknown(f'{kind} attribute', key.text, self.spec.keys)}; "
                f"{kind} takes: {allowed}",
                key,
            )
            return
        if len(tokens) == 2 and tokens[1].kind != "comma":  # the common `key value`
            self.attributes.append(Attribute(key, (tokens[1],)))
            return
        values = _values(tokens[1:], key, self.problems)
        if values is not None:
            self.attributes.append(Attribute(key, values))


def _values(tokens: list[Token], key: Token, problems: list[Problem]) -> tuple[Token, ...] | None:
    """The comma-separated values after a key, or None after reporting a problem."""
    if not tokens:
        problems.append(Problem("SYN001", f"'{key.text}' has no value", key.line, key.column, key.end_column))
        return None
    for position, token in enumerate(tokens):
        want_value = position % 2 == 0
        if want_value and token.kind == "comma":
            message = "expected a value, found ','"
        elif not want_value and token.kind != "comma":
            message = f"expected ',' between values, found '{short(token.text)}'"
        else:
            continue
        problems.append(Problem("SYN001", message, token.line, token.column, token.end_column))
        return None
    if tokens[-1].kind == "comma":
        last = tokens[-1]
        problems.append(Problem(
            "SYN001", "expected a value after the last ','", last.line, last.column, last.end_column))
        return None
    values = tokens[0::2]
    return tuple(values)


def _suppression(comment: Comment, builder: _Builder, on_code_line: bool) -> Suppression | Problem | None:
    """The suppression a comment states, a SUP003 problem if it is malformed, or None."""
    if not _DIRECTIVE.match(comment.text):
        return None
    match = _SUPPRESSION.match(comment.text)
    codes = tuple(c.strip() for c in match.group("codes").split(",")) if match else ()
    if match is None or not codes or not all(_CODE.match(c) for c in codes):
        return Problem("SUP003", "malformed suppression comment: write # orgmodel: ignore[CODE, ...] reason "
                       "(or ignore-file[CODE])", comment.line, comment.column, comment.column + 1)
    header = builder.header if on_code_line and not builder.skipping else None
    on_org = header is not None and header[0].text == "org"
    entity = header[1].text if header is not None and header[1] is not None else None
    return Suppression(codes, match.group("reason").strip(), comment.line, comment.column,
                       file_wide=match.group("kind") == "ignore-file", entity=entity, on_org=on_org,
                       attached=on_code_line)


class Reading:
    """What reading a file found besides its declarations, complete once they are consumed."""

    def __init__(self) -> None:
        self.comments: list[Comment] = []
        self.suppressions: list[Suppression] = []
        self.problems: list[Problem] = []
        self.line_count = 0
        self.declaration_lines = 0

    def document(self, declarations: tuple[Declaration, ...] = ()) -> Document:
        return Document(declarations, tuple(self.comments), tuple(self.problems), self.line_count,
                        tuple(self.suppressions), self.declaration_lines)


def read_declarations(text: str, reading: Reading, first_line: int = 1) -> Iterator[Declaration]:
    """Each declaration of ``text`` as soon as it is complete; the rest goes into ``reading``.

    A consumer that builds as it goes never holds every token of a large file
    at once (half the memory of a 100,000-role check). ``first_line`` numbers
    the first line when ``text`` is a stretch of a file (the fast path's gaps).
    """
    builder = _Builder()
    builder.problems = reading.problems
    lines = split_lines(text)
    reading.line_count = len(lines)
    for number, line in enumerate(lines, first_line):
        if not line or line.isspace():
            continue
        tokens = simple_tokens(line, number)
        comment = None
        if tokens is None:
            tokens, comment, line = _general_tokens(line, number, builder, reading.comments)
        if not tokens:
            if comment is not None:
                _note_suppression(comment, builder, reading.suppressions, on_code_line=False)
            continue
        if line[0].isspace():
            builder.attribute(tokens)
        else:
            builder.declaration(tokens)
            if builder.declarations:
                yield from builder.declarations
                builder.declarations.clear()
        if comment is not None:
            _note_suppression(comment, builder, reading.suppressions, on_code_line=True)
    builder.close()
    reading.declaration_lines += builder.declaration_lines
    yield from builder.declarations


def parse(text: str) -> Document:
    """The whole syntax tree of ``text``; never raises, problems are part of the result."""
    reading = Reading()
    declarations = tuple(read_declarations(text, reading))
    return reading.document(declarations)


def _general_tokens(line: str, number: int, builder: _Builder,
                    comments: list[Comment]) -> tuple[list[Token], Comment | None, str]:
    """Tokens, comment and (cleaned) text of a line that is not simple; problems go to ``builder``."""
    control = CONTROL.search(line)
    if control is not None:
        at = control.start() + 1
        builder.problems.append(Problem(
            "SYN001", f"control character U+{ord(control.group()):04X} in the line; remove it",
            number, at, at + 1))
        line = CONTROL.sub(" ", line)
    tokens, comment, problem = tokenize(line, number)
    if comment is not None:
        comments.append(comment)
    if problem is not None:
        builder.problems.append(problem)
    return tokens, comment, line


def _note_suppression(comment: Comment, builder: _Builder, suppressions: list[Suppression],
                      on_code_line: bool) -> None:
    found = _suppression(comment, builder, on_code_line)
    if isinstance(found, Problem):
        builder.problems.append(found)
    elif found is not None:
        suppressions.append(found)
