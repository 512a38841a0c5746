"""What the importer reports about rows it cannot place as the file says, one code each.

An import finding points at the spreadsheet's row (the header is row 1 in a
file that starts with it) and the column of the cell at fault.
"""

from __future__ import annotations

from collections.abc import Mapping

from orgmodel.finding import Finding, Severity

# code -> (severity, what happened and what the importer did)
CODES: Mapping[str, tuple[Severity, str]] = {
    "IMP001": (Severity.ERROR, "The manager is no row of the file: the role is written as a top role."),
    "IMP002": (Severity.ERROR, "The managers form a cycle: one manager link is dropped and that role is a top role."),
    "IMP003": (Severity.ERROR, "An ID that an earlier row has: the later row is left out."),
    "IMP004": (Severity.WARNING, "An empty title: the role is written with an empty title."),
    "IMP005": (Severity.ERROR, "A manager name that several rows share: the role is written as a top role."),
    "IMP006": (Severity.WARNING, "A dotted-line manager that is no row of the file: the dotted line is left out."),
    "IMP007": (Severity.INFO, "A row of someone no longer employed (status inactive, terminated ...): left out."),
}


def finding(path: str, row: int, column: int, code: str, message: str, entity: str | None = None) -> Finding:
    severity = CODES[code][0]
    return Finding(path, row, column, code, severity, message, entity, column + 1)
