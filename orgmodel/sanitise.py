"""Text from files, made safe to print: the one place that decides what may reach a terminal or a log.

File names and org text come from repositories orgmodel did not write. Printed
raw, an ESC sequence drives the terminal, a newline forges a log line (GitHub
Actions obeys ``::add-mask::`` on any line of a job's output), a C1 control
(U+009B) acts as an ESC sequence, a bidi override reorders what a reviewer
reads, a lone surrogate (from a file name that is not UTF-8) cannot even be
encoded, and a non-character (U+FFFE) makes XML invalid. Every such character
is shown as a visible escape instead: ``\\x1b``, ``\\u202e``, ``\\udcff``.

The text formats, the GitHub annotations, JUnit and every message on stderr
use :func:`for_terminal`; the JSON formats use :func:`for_json`, which writes
the same characters as JSON escapes, so that the data is unchanged once parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from orgmodel.patterns import compiled

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
# C0 and C1 controls, DEL; the bidi controls (ALM, LRM, RLM, LRE..RLO, LRI..PDI);
# the line and paragraph separators; surrogates; non-characters. (Compiled from the
# cached programs: re.compile of these classes took 3 ms at every start.)
UNSAFE = compiled(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff" + _NONCHARACTERS + "]")
_UNSAFE_BUT_NEWLINE = compiled(UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))
# json.dumps escapes C0 controls in strings itself; outside strings they are its indentation.
_UNSAFE_IN_JSON = compiled(UNSAFE.pattern.replace("\x00-\x1f", ""))


def _python_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON spells characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _replace(pattern: re.Pattern[str], text: str, escape: Callable[[re.Match[str]], str]) -> str:
    return text if pattern.search(text) is None else pattern.sub(escape, text)


def for_terminal(text: str, lines: bool = False) -> str:
    """``text`` with every unsafe character escaped; with ``lines``, newlines are kept as line ends."""
    return _replace(_UNSAFE_BUT_NEWLINE if lines else UNSAFE, text, _python_escape)


def for_json(serialised: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with the unsafe characters as ``\\uXXXX``.

    JSON's structure is ASCII, so every such character is inside a string,
    where the escape means the very same character to any JSON reader.
    (C0 controls in strings are json.dumps' own escapes already.)
    """
    return _replace(_UNSAFE_IN_JSON, serialised, _json_escape)


def token(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters of a word quoted in a message (a long one is cut, with '...')."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
