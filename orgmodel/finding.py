"""A finding: one problem at one place, as every output format sees it."""

from __future__ import annotations

import enum

from orgmodel.records import Record


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


class Finding(Record):
    """Ordered by path, line, column, then code, the order reports list them in."""

    __slots__ = ("path", "line", "column", "code", "severity", "message", "entity", "end_column")
    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    entity: str | None
    end_column: int

    def __init__(self, path: str, line: int, column: int, code: str, severity: Severity, message: str,
                 entity: str | None = None, end_column: int = 0) -> None:
        self._init(path=path, line=line, column=column, code=code, severity=severity, message=message,
                   entity=entity, end_column=end_column)

    def _order(self) -> tuple[str, int, int, str]:
        return self.path, self.line, self.column, self.code

    def __lt__(self, other: Finding) -> bool:
        return self._order() < other._order()

    def __le__(self, other: Finding) -> bool:
        return self._order() <= other._order()

    def __gt__(self, other: Finding) -> bool:
        return self._order() > other._order()

    def __ge__(self, other: Finding) -> bool:
        return self._order() >= other._order()
