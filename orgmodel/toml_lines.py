"""Line numbers for errors about a TOML file: where a key, a table or a rule was written.

tomllib gives values without positions; these look the text up so that an
error can say ``file:line: ...``. Lines are split on line ends only (LF,
CRLF, CR), as TOML counts them, never on U+2028 or other Unicode breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def toml_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class TomlText:
    """One TOML file's lines, for turning a rule, a table or a key path into a line number."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines = path, toml_lines(text)

    def rule_start(self, code: str | None, last: bool = False) -> int:
        """The 0-based line of ``code = "CODE"`` (its last definition if ``last``), else 0."""
        if code is None:
            return 0
        found = [i for i, line in enumerate(self.lines) if re.match(rf'\s*code\s*=\s*"{re.escape(code)}"', line)]
        return (found[-1] if last else found[0]) if found else 0

    def line_of(self, code: str | None = None, key: str | None = None, table: str = "rule",
                last: bool = False) -> int:
        """The line of ``key`` within the rule ``code`` (its last definition if ``last``), else of the rule."""
        start = self.rule_start(code, last)
        if key is None:
            return start + 1
        # The key as a line of its own, a dotted key, a table header, or inside an inline table.
        pattern = re.compile(rf'(^\s*|^\s*\[+{re.escape(table)}\.|[{{,.]\s*){re.escape(key)}\s*[=.\]]')
        end = len(self.lines)
        if code is not None:
            end = next((i for i in range(start + 1, len(self.lines)) if self.lines[i].strip() == f"[[{table}]]"), end)
        for i in range(start, end):
            if pattern.search(self.lines[i]):
                return i + 1
        return start + 1

    def line_of_path(self, path: Sequence[str | int]) -> int:
        """The line where a key path (``vocabulary.responsibilities.vision.min-level``) is written, roughly.

        Walks down the path: each name is looked for after the line of the one
        before it (an integer picks the n-th ``[[...]]`` of an array of tables).
        """
        line, dotted = 0, ""
        for part in path:
            if isinstance(part, int):
                header = re.compile(rf"^\s*\[\[\s*{re.escape(dotted)}\s*\]\]")
                found = [i for i, text in enumerate(self.lines) if header.match(text)]
                if part < len(found):
                    line = found[part]
                continue
            dotted = f"{dotted}.{part}" if dotted else part
            key = re.compile(rf'(^\s*\[+\s*([\w.-]*\.)?|^\s*|[{{,.]\s*)"?{re.escape(part)}"?\s*[=.\]]')
            line = next((i for i in range(line, len(self.lines)) if key.search(self.lines[i])), line)
        return line + 1
