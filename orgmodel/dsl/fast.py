"""The reader's fast path: declarations in the common layout, straight into rows of strings.

Most org files are written one way: ``kind id "text"`` at the left margin,
then ``  key value[, value ...]`` lines indented by two spaces, each key once,
no comments, escapes, tabs or trailing spaces. One compiled pattern per
declaration kind reads every such declaration of a file in a single
``re.findall`` (no object per token, line or role); each row is a tuple of
the strings its groups captured, in the order :class:`Layout` describes.

A declaration the pattern cannot read whole is not guessed at: it is left
out, and :func:`scan` says where the gaps are, so that the general parser
(``orgmodel.dsl.parser``) reads exactly those lines. A gap always starts and
ends at a line that starts a declaration (or at the file's ends), where the
general parser keeps no state, so both paths read every declaration alike;
tests/test_differential.py proves it on random and mutated files.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from itertools import compress

from orgmodel.dsl.grammar import KINDS
from orgmodel.patterns import compiled

# Possessive repeats (*+) throughout: nothing that follows a repeat here can match a character
# it gave back (an ID is followed by a space, a comma or a line end; a string by its quote;
# the attribute lines by a line end that starts no attribute), so backtracking never finds
# another match, and not keeping its state saves a sixth of the role pattern's time.
_ID = r"[A-Za-z][A-Za-z0-9_-]*+"  # ASCII only: other IDs are the general parser's
_LIST = rf"{_ID}(?:, {_ID})*+"
# A string with something in it besides white space (SYN006), nothing to unescape and no
# control character (SYN001: the reader's CONTROL): white space, one character that is
# not, then anything allowed.
_STRING = r'[^\S\x00-\x1f\x7f]*+[^"\\\s\x00-\x1f\x7f][^"\\\x00-\x1f\x7f]*+'
# A line the general parser only skips or keeps as a comment: blank, or a
# comment at the margin (not a suppression, nothing invisible in it).
_SKIP = r"[ \t]*|#(?![^\n]*orgmodel)[^\n\x00-\x08\x0b-\x1f\x7f]*"
# Such lines after the declaration, then either the end of the file or a line
# that starts with a letter: the next declaration, where the general parser
# would close this one. An indented or odd line there is a gap.
_END = rf"((?:\n(?:{_SKIP})(?=\n))*(?:(?=\n[A-Za-z])|\n(?:{_SKIP})\Z|\Z))"
# Such lines before the first declaration.
_HEAD = compiled(rf"(?:\n(?:{_SKIP})(?=\n))*(?:\n(?:{_SKIP})\Z)?")


def _value(spec_value: str, repeats: bool) -> tuple[str, int]:
    """The pattern of one key's value, and how many groups it has."""
    if spec_value == "person":
        return rf'(?:"({_STRING})"|(vacant))', 2
    if spec_value == "string":
        return rf'"({_STRING})"', 1
    return (f"({_LIST})" if repeats else f"({_ID})"), 1


class Layout:
    """Where each field of a kind's rows is: ``id``, ``text``, one slot per key, ``tail``.

    ``tail`` is what follows the declaration (blank lines, comment lines, the
    file's last newline). Its attribute lines as written are not kept: they
    are found again in the text (:func:`section`) when positions are wanted.
    """

    def __init__(self, kind: str) -> None:
        spec = KINDS[kind]
        self.kind = kind
        self.header = f"\n{kind} "
        self.has_id = spec.has_id
        self.slots: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        group = 2  # a row's slots 0-1: id, text
        for key, key_spec in spec.keys.items():
            self.slots[key] = group
            self.counts[key] = _value(key_spec.value, key_spec.repeats)[1]
            group += self.counts[key]
        self.tail = group
        self.width = group + 1  # the groups of a row (the tail is the last)

    def source(self, base: int = 0) -> str:
        """The pattern of a row, its groups numbered from ``base + 1``.

        Each key's alternative fails once the key has a value (a conditional
        group): a key given twice (SYN004, or lines to join) makes no row. The
        key's word comes first, so that the engine skips an alternative on its
        first letter without entering it (a tenth of the role pattern's time).
        """
        spec = KINDS[self.kind]
        alternatives = []
        for key, key_spec in spec.keys.items():
            value, _ = _value(key_spec.value, key_spec.repeats)
            for group in range(self.slots[key] + 1, self.slots[key] + 1 + self.counts[key]):
                value = f"(?({base + group})(?!)|{value})"
            alternatives.append(f"{key} {value}")
        attributes = f"(?:\\n  (?:{'|'.join(alternatives)}))*+" if alternatives else ""
        head = f"{self.kind} ({_ID}) " if spec.has_id else f"{self.kind} ()"
        return rf'\n{head}"({_STRING})"(?:{attributes}){_END}'


_LAYOUTS = {kind: Layout(kind) for kind in KINDS}
# Roles are read by a pattern of their own; the other kinds, far fewer, by one pattern for
# all of them (one pass over the text, not five).
_OTHERS = tuple(kind for kind in KINDS if kind != "role")


def layout(kind: str) -> Layout:
    return _LAYOUTS[kind]


def _pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern that reads ``kinds``: a row has every kind's groups, in order; one kind's are filled."""
    sources, base = [], 0
    for kind in kinds:
        sources.append(_LAYOUTS[kind].source(base))
        base += _LAYOUTS[kind].width
    return compiled("|".join(sources))


def _read(pattern_kinds: tuple[str, ...], padded: str) -> dict[str, list[tuple[str, ...]]]:
    """Every row of ``pattern_kinds`` in the text, as columns by kind."""
    rows = _pattern(pattern_kinds).findall(padded)
    if not rows:
        return {}
    found = list(zip(*rows, strict=True))  # rows to columns in one C loop
    if len(pattern_kinds) == 1:
        return {pattern_kinds[0]: found}
    columns, offset = {}, 0
    for kind in pattern_kinds:
        width = _LAYOUTS[kind].width
        mine = found[offset + 1]  # its text: every row of this kind has one
        if any(mine):
            columns[kind] = [tuple(compress(column, mine)) for column in found[offset:offset + width]]
        offset += width
    return columns


class Scan:
    """The rows of each kind read by the fast path, as columns, and the gaps left to the general parser.

    ``text`` is the file's text with a newline put in front (so that every
    declaration starts with one). ``columns[kind]`` holds one tuple per field
    of ``layout(kind)``, aligned by row, rows in file order. ``gaps`` are
    ``(start, end)`` offsets in ``text``, in file order; ``spans`` (known when
    there are gaps) the offsets of each row's match, by kind.
    """

    def __init__(self, text: str, columns: dict[str, list[tuple[str, ...]]], gaps: list[tuple[int, int]],
                 spans: dict[str, list[tuple[int, int]]] | None, head: int = 0, line_ends: int | None = None) -> None:
        self.text = text
        self.columns = columns
        self.gaps = gaps
        self.spans = spans
        self.head = head  # characters of blank and comment lines before the first declaration
        self._line_ends = line_ends

    @property
    def line_ends(self) -> int:
        """How many line ends ``text`` has (the file's lines): counted once, a pass over the whole text."""
        if self._line_ends is None:
            self._line_ends = self.text.count("\n")
        return self._line_ends

    def count(self, kind: str) -> int:
        found = self.columns.get(kind)
        return len(found[0]) if found else 0

    def starts(self, kind: str) -> list[int]:
        """Where each row of ``kind`` starts (the newline before its line)."""
        if self.spans is not None:
            return [start for start, _ in self.spans.get(kind, ())]
        # No gaps: every line that starts with the kind's keyword is one of its rows.
        return [match.start() for match in compiled(re.escape(f"\n{kind} ")).finditer(self.text)]

    def lines(self, kind: str) -> list[int]:
        """The line of each row of ``kind``."""
        return lines_at(self.text, self.starts(kind))


def lines_at(text: str, offsets: list[int]) -> list[int]:
    """The line of each offset of ``text`` (which has a newline in front), offsets in increasing order."""
    found, line, at = [], 0, 0
    for offset in offsets:
        line += text.count("\n", at, offset + 1)
        at = offset + 1
        found.append(line)
    return found


def scan(text: str) -> Scan:
    """Read every declaration of ``text`` (BOM dropped, line ends made LF) that is in the common layout."""
    padded = "\n" + text
    columns: dict[str, list[tuple[str, ...]]] = {}
    head = _HEAD.match(padded).end()  # type: ignore[union-attr]  # it matches the empty string
    columns.update(_read(("role",), padded))
    columns.update(_read(_OTHERS, padded))
    line_ends = padded.count("\n")
    if _covered(padded, head, columns, line_ends):
        return Scan(padded, columns, [], None, head, line_ends)
    return _with_gaps(padded, columns, head, line_ends)


def _covered(padded: str, head: int, columns: dict[str, list[tuple[str, ...]]], line_ends: int) -> bool:
    """Whether the rows cover the whole text, counted by line ends (C-level counts, no loop per row).

    A row is whole lines: its header, its attribute lines (each begins with a
    line end and two spaces), its tail. Every stretch the rows leave holds a
    line end that does not begin an attribute line, except one of indented
    lines right after the head (a row ends where a line starts with a letter),
    which is looked for. So the rows cover the text when the line ends they
    must hold, with every "line end, two spaces" of the text counted as one of
    their attribute lines, are all the text's line ends.
    """
    if padded.startswith("\n  ", head):
        return False
    attribute_lines = padded.count("\n  ") - padded.count("\n  ", 0, head)
    covered = padded.count("\n", 0, head) + attribute_lines
    for kind, found in columns.items():
        tails = found[layout(kind).tail]
        covered += len(tails)  # the headers
        if tails.count("") != len(tails):  # blank lines or comments after some rows
            # Counted in all the tails at once: each is whole lines that begin with a line end,
            # so no "line end, two spaces" spans two of them.
            joined = "".join(tails)
            covered += joined.count("\n") - joined.count("\n  ")
    return covered == line_ends


def _with_gaps(padded: str, columns: dict[str, list[tuple[str, ...]]], head: int, line_ends: int | None = None,
               ) -> Scan:
    """Where the fast rows are, and the stretches between them that the general parser must read."""
    spans: dict[str, list[tuple[int, int]]] = {kind: [] for kind in columns}
    for kinds in (("role",), _OTHERS):
        offsets = list(itertools.accumulate((_LAYOUTS[kind].width for kind in kinds), initial=0))
        for match in _pattern(kinds).finditer(padded):
            # offsets has one more entry than kinds (the total width, from accumulate's initial 0).
            kind = next(kind for kind, offset in zip(kinds, offsets, strict=False) if match.start(offset + 2) >= 0)
            spans[kind].append(match.span())
    taken = [(0, head), *(span for found in spans.values() for span in found)]
    return Scan(padded, columns, _gaps(len(padded), taken), spans, head, line_ends)


def _gaps(size: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps, at = [], 0
    for start, end in sorted(taken):
        if start > at:
            gaps.append((at, start))
        at = end
    if at < size:
        gaps.append((at, size))
    return gaps


def without(scanned: Scan, rejected: Mapping[str, set[int]]) -> Scan:
    """``scanned`` with the ``rejected`` rows (by kind) moved into the gaps, for the general parser."""
    if scanned.spans is None:
        scanned = _with_gaps(scanned.text, scanned.columns, scanned.head, scanned.line_ends)
    assert scanned.spans is not None
    columns, spans = dict(scanned.columns), dict(scanned.spans)
    for kind, rows in rejected.items():
        if not rows:
            continue
        keep = [row not in rows for row in range(scanned.count(kind))]
        columns[kind] = [tuple(compress(column, keep)) for column in columns[kind]]
        spans[kind] = list(compress(spans[kind], keep))
    taken = [(0, scanned.head), *(span for found in spans.values() for span in found)]
    return Scan(scanned.text, columns, _gaps(len(scanned.text), taken), spans, scanned.head, scanned.line_ends)


def comments(scanned: Scan) -> list[tuple[int, str]]:
    """``(line, text after the #)`` of the comment lines the fast path read, in file order."""
    text = scanned.text
    found = [(text.count("\n", 0, match.start() + 1), match.group(1))
             for match in _COMMENT.finditer(text, 0, scanned.head)]
    for kind, columns in scanned.columns.items():
        shape = layout(kind)
        tails = columns[shape.tail] if columns else ()
        rows = [row for row, tail in enumerate(tails) if "#" in tail]
        if not rows:
            continue
        lines, starts = scanned.lines(kind), scanned.starts(kind)
        for row in rows:
            last = lines[row] + section(text, starts[row]).count("\n")  # the declaration's last line
            for match in _COMMENT.finditer(tails[row]):
                found.append((last + tails[row].count("\n", 0, match.start() + 1), match.group(1)))
    return sorted(found)


_COMMENT = compiled(r"\n#([^\n]*)")
_SECTION = compiled(r"(?:\n  [a-z][^\n]*)*")


def section(text: str, start: int) -> str:
    """The attribute lines of the fast row whose match starts at ``start`` (the header line's end), as written."""
    end = text.find("\n", start + 1)
    return "" if end < 0 else _SECTION.match(text, end).group()  # type: ignore[union-attr]
