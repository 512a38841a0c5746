"""The canonical layout of an org file: the parser's inverse.

``print_document`` writes a syntax tree back as text in one layout:
declarations in their order; attribute lines in the order the grammar lists
the keys (lines of the same key keep their order, so no value moves within
its list); two-space indentation; ``, `` between values; strings quoted with
only ``\\"`` and ``\\\\`` escaped; one blank line between declarations, except
between one-line declarations written on consecutive lines (a block of
``team`` or ``department`` lines stays a block).

Comments stay with the line they belong to: a comment at the end of a line
stays on that line (so a suppression keeps its entity and its line); a
comment on a line of its own travels with the next attribute line of its
declaration, or with the next declaration when it starts in the first
column; an indented comment after a declaration's last attribute stays at
the end of that declaration. The tree must be free of syntax problems: a
line the parser could not read is not in the tree, and printing would drop it.
"""

from __future__ import annotations

import attrs

from orgmodel.dsl.grammar import KINDS
from orgmodel.dsl.syntax import Attribute, Comment, Declaration, Document, Token

INDENT = "  "
# Attribute keys in the grammar's order, per kind: the canonical order of attribute lines.
_KEY_ORDER = {kind: {key: place for place, key in enumerate(spec.keys)} for kind, spec in KINDS.items()}


def quote(text: str) -> str:
    """``text`` as a string of the language: in double quotes, ``\\`` and ``"`` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def token_text(token: Token) -> str:
    return quote(token.text) if token.kind == "string" else token.text


@attrs.define
class _Block:
    """One declaration with the comments that travel with it."""

    declaration: Declaration
    lead: list[Comment] = attrs.Factory(list)  # full-line comments above the header
    attribute_leads: dict[int, list[Comment]] = attrs.Factory(dict)  # attribute index -> comments above it
    tail: list[Comment] = attrs.Factory(list)  # indented comments after the last attribute

    @property
    def first_line(self) -> int:
        return self.lead[0].line if self.lead else self.declaration.kind.line

    @property
    def last_line(self) -> int:
        lines = [self.declaration.kind.line, *(a.key.line for a in self.declaration.attributes)]
        return max([*lines, *(c.line for c in self.tail)])

    @property
    def compact(self) -> bool:
        """A one-line declaration: such neighbours may sit on consecutive lines."""
        return not self.declaration.attributes and not self.tail


def _blocks(document: Document) -> tuple[list[_Block], list[Comment]]:
    """Each declaration with its comments, and the comments after the last one."""
    code_lines = {d.kind.line for d in document.declarations}
    code_lines.update(a.key.line for d in document.declarations for a in d.attributes)
    own_line = [c for c in document.comments if c.line not in code_lines]
    events: list[tuple[int, int, object]] = [(c.line, 0, c) for c in own_line]
    for declaration in document.declarations:
        events.append((declaration.kind.line, 1, declaration))
        events.extend((a.key.line, 2, (declaration, index)) for index, a in enumerate(declaration.attributes))
    blocks: list[_Block] = []
    pending: list[Comment] = []
    for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(event, Comment):
            pending.append(event)
        elif isinstance(event, Declaration):
            blocks.append(_Block(event, lead=_settle(pending, blocks)))
            pending = []
        else:
            blocks[-1].attribute_leads[event[1]] = pending  # type: ignore[index]
            pending = []
    return blocks, _settle(pending, blocks)


def _settle(pending: list[Comment], blocks: list[_Block]) -> list[Comment]:
    """Give the indented comments before the first first-column one to the open declaration; return the rest."""
    if not blocks:
        return pending
    split = next((i for i, c in enumerate(pending) if c.column == 1), len(pending))
    blocks[-1].tail.extend(pending[:split])
    return pending[split:]


def _comment(comment: Comment, indent: str = "") -> str:
    return f"{indent}#{comment.text.rstrip()}"


def _trailing(comment: Comment | None) -> str:
    return f"  {_comment(comment)}" if comment is not None else ""


def _paragraphs(comments: list[Comment], indent: str, before: int | None) -> list[str]:
    """Comment lines, with one blank line wherever the source had blank lines between them.

    ``before`` is the line that follows the comments (a blank line is kept
    between the last comment and it too), or None.
    """
    lines: list[str] = []
    for index, comment in enumerate(comments):
        if index and comment.line - comments[index - 1].line > 1:
            lines.append("")
        lines.append(_comment(comment, indent))
    if comments and before is not None and before - comments[-1].line > 1:
        lines.append("")
    return lines


def _header(declaration: Declaration) -> str:
    parts = [declaration.kind.text]
    if declaration.id is not None:
        parts.append(declaration.id.text)
    if declaration.text is not None:
        parts.append(quote(declaration.text.text))
    return " ".join(parts)


def _attribute(attribute: Attribute) -> str:
    return f"{INDENT}{attribute.key.text} {', '.join(token_text(v) for v in attribute.values)}"


def _block_lines(block: _Block, trailing: dict[int, Comment]) -> list[str]:
    declaration = block.declaration
    lines = _paragraphs(block.lead, "", declaration.kind.line)
    lines.append(_header(declaration) + _trailing(trailing.get(declaration.kind.line)))
    order = _KEY_ORDER.get(declaration.kind.text, {})
    indexed = sorted(enumerate(declaration.attributes), key=lambda item: order.get(item[1].key.text, len(order)))
    for index, attribute in indexed:
        lines.extend(_comment(c, INDENT) for c in block.attribute_leads.get(index, ()))
        lines.append(_attribute(attribute) + _trailing(trailing.get(attribute.key.line)))
    lines.extend(_comment(c, INDENT) for c in block.tail)
    return lines


def print_document(document: Document) -> str:
    """The canonical text of a syntax tree without syntax problems, ending with one newline."""
    blocks, after = _blocks(document)
    trailing = {c.line: c for c in document.comments}
    lines: list[str] = []
    previous: _Block | None = None
    for block in blocks:
        if previous is not None:
            adjacent = block.first_line - previous.last_line == 1
            if not (previous.compact and block.compact and adjacent):
                lines.append("")
        lines.extend(_block_lines(block, trailing))
        previous = block
    if after:
        if previous is not None and after[0].line - previous.last_line > 1:
            lines.append("")
        lines.extend(_paragraphs(after, "", None))
    return "".join(f"{line}\n" for line in lines)

