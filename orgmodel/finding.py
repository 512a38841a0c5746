"""A finding: one problem at one place, as every output format sees it."""

from __future__ import annotations

import enum

import attrs


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` decides the exit status."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, word: str) -> Severity:
        return cls[word.upper()]


SEVERITY_WORDS = tuple(str(s) for s in Severity)


@attrs.frozen(order=True)
class Finding:
    """Ordered by path, line, column, then code, the order reports list them in."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity = attrs.field(order=False)
    message: str = attrs.field(order=False)
    entity: str | None = attrs.field(default=None, order=False)
    end_column: int = attrs.field(default=0, order=False)
