"""From a table's rows to the people to place: cells by field, vacancies, leavers and duplicate IDs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from orgmodel.dsl.lexer import CONTROL
from orgmodel.finding import Finding
from orgmodel.interchange.columns import Columns
from orgmodel.interchange.placement import Person, name_key
from orgmodel.interchange.problems import finding

# A person cell meaning "nobody yet" (compared as name_key does).
VACANT_NAMES = frozenset({"vacant", "vacancy", "open", "open position", "open role", "open headcount", "tbh",
                          "tbd", "to be hired", "to be determined", "unfilled", "hiring", "new hire", "n/a"})
_VACANT_PREFIXES = ("vacant ", "vacancy ", "tbh ", "tbd ", "open position ", "to be hired ")
_TRUE = frozenset({"yes", "y", "true", "1", "x", "vacant", "open", "unfilled", "ja", "oui"})
_FALSE = frozenset({"no", "n", "false", "0", "nein", "non"})
_LEFT = frozenset({"inactive", "terminated", "former", "former employee", "leaver", "left", "deceased",
                   "retired", "withdrawn", "terminated employee", "ausgetreten"})
_STATUS_VACANT = frozenset({"open", "vacant", "unfilled", "to be hired", "open position"})


def clean(text: str) -> str:
    """A cell as one line of text: line breaks and control characters become spaces."""
    return " ".join(CONTROL.sub(" ", text).split())


def _cells(cells: Sequence[str], columns: Columns) -> dict[str, tuple[str, int]]:
    found = {}
    for field, indexes in columns.fields.items():
        for number, index in enumerate(indexes):
            key = field if number == 0 else f"{field}_{number + 1}"  # id, id_2: every ID column is indexed
            found[key] = (clean(cells[index]) if index < len(cells) else "", index + 1)
    return found


def is_vacant_name(name: str) -> bool:
    key = re.sub(r"[^\w/ ]", " ", name_key(name)).strip()
    key = " ".join(key.split())
    return key in VACANT_NAMES or key.startswith(_VACANT_PREFIXES)


def _classify(person: Person, columns: Columns) -> None:
    """Set the person's name, or mark the row vacant."""
    name = person.text("name") or " ".join(filter(None, (person.text("first_name"), person.text("last_name"))))
    named = columns.has("name") or columns.has("first_name") or columns.has("last_name")
    status = person.text("status").casefold()
    flag = person.text("vacant").casefold()
    # An explicit "no" (orgmodel's own export) makes an empty name an unnamed role, not a vacancy.
    empty_means_vacant = named and flag not in _FALSE
    vacant = (empty_means_vacant and (not name or is_vacant_name(name))) or flag in _TRUE \
        or bool(person.text("requisition")) or status in _STATUS_VACANT
    person.vacant = vacant
    person.name = None if vacant or not name else name


def people_of(rows: Sequence[tuple[int, tuple[str, ...]]], columns: Columns, path: str,
              ) -> tuple[list[Person], list[Finding]]:
    """The rows below the header as people: blank rows skipped, leavers and repeated IDs left out."""
    people: list[Person] = []
    findings: list[Finding] = []
    key = "role_id" if columns.has("role_id") else "id"
    first_row: dict[str, int] = {}
    for row, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        person = Person(row, _cells(cells, columns))
        status = person.text("status")
        if status.casefold() in _LEFT:
            findings.append(finding(path, row, person.column("status"), "IMP007",
                                    f"status {status!r}: no longer employed; row left out"))
            continue
        identifier = person.text(key)
        if identifier and identifier in first_row:
            findings.append(finding(path, row, person.column(key), "IMP003",
                                    f"ID {identifier!r} is already the ID of row {first_row[identifier]}; "
                                    "this row is left out"))
            continue
        if identifier:
            first_row[identifier] = row
        _classify(person, columns)
        people.append(person)
    return people, findings
