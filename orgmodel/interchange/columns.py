"""What each column of an HR export holds: a table of header names per field.

Headers are compared without case, accents, spaces or punctuation
(``Supervisor ID``, ``supervisor_id`` and ``SupervisorID`` are one name;
``#`` reads as "number"). The names come from the exports of BambooHR,
Workday, HiBob, Personio, Rippling, ADP Workforce Now, OrgChart Now,
Lucidchart and Organimi, and from orgmodel's own CSV export.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import attrs

# field -> header names, most specific first. A field name itself is also accepted (``--map X=title``).
ALIASES: Mapping[str, tuple[str, ...]] = {
    "role_id": ("orgmodel ID", "Role ID"),
    "id": ("ID", "Employee ID", "Employee Number", "Employee #", "Employee No", "Emp ID", "EEID", "Person ID",
           "Position ID", "Worker ID", "Associate ID", "User ID", "Staff ID", "Personnel Number", "File Number",
           "Personalnummer"),
    "name": ("Name", "Full Name", "Employee Name", "Display Name", "Worker", "Worker Name", "Employee",
             "Legal Name", "Associate Name", "Person"),
    "first_name": ("First Name", "Given Name", "Legal First Name", "Preferred First Name", "Forename", "Vorname",
                   "Prenom"),
    "last_name": ("Last Name", "Surname", "Family Name", "Legal Last Name", "Nachname"),
    "title": ("Title", "Job Title", "Position", "Position Title", "Business Title", "Job Title Description",
              "Job", "Role", "Designation", "Jobtitel", "Stellenbezeichnung"),
    "manager_id": ("Manager ID", "Supervisor ID", "Reports To ID", "Reports To Employee ID",
                   "Reports To Position ID", "Reports To Associate ID", "Manager Employee ID", "Supervisor EID",
                   "Line Manager ID", "Boss ID", "Parent ID", "Vorgesetzter ID"),
    "manager_email": ("Manager Email", "Reports To Email", "Supervisor Email", "Manager Work Email",
                      "Line Manager Email"),
    "manager": ("Manager", "Reports To", "Reporting To", "Supervisor", "Manager Name", "Reports To Name",
                "Supervisor Name", "Line Manager", "Boss", "Vorgesetzter", "Vorgesetzte"),
    "dotted_id": ("Dotted Line Manager ID", "DottedID", "AltReportsTo", "Matrix Manager ID",
                  "Secondary Manager ID"),
    "dotted_email": ("Dotted Line Manager Email", "Matrix Manager Email"),
    "dotted": ("Dotted Line Manager", "Dotted Line", "Matrix Manager", "Secondary Manager", "Functional Manager"),
    "department": ("Department", "Dept", "Department Name", "Home Department", "Home Department Description",
                   "Abteilung"),
    "team": ("Team", "Team Name", "Sub Department", "Squad"),
    "team_id": ("Team ID",),
    "location": ("Location", "Office", "Site", "Work Location", "Location Description", "Standort"),
    "email": ("Email", "Work Email", "E-mail", "Email Address", "Work Contact: Work Email", "Business Email",
              "Best Email", "Primary Email"),
    "vacant": ("Vacant", "Is Vacant", "Vacancy", "Open Position", "Is Open", "Unfilled"),
    "requisition": ("Requisition", "Requisition ID", "Req ID", "Job Requisition", "Job Requisition ID"),
    "status": ("Status", "Employment Status", "Employee Status", "Worker Status", "Position Status"),
    # orgmodel's own CSV export: what the language has that HR systems do not.
    "level": ("Level",),
    "level_origin": ("Level Origin",),
    "layer": ("Layer",),
    "layer_origin": ("Layer Origin",),
    "channel": ("Channels", "Channel"),
    "owns": ("Owns", "Responsibilities"),
    "liaises_with_id": ("Liaises With ID",),
    "liaises_with": ("Liaises With",),
    "findings": ("Findings",),  # written by the export for the reader; not imported
}
FIELDS = tuple(ALIASES)
IGNORE = "ignore"  # --map COLUMN=ignore: do not read the column


def normalise(header: str) -> str:
    """``Supervisor ID`` -> ``supervisorid``: no case, accents, spaces or punctuation; ``#`` is "number"."""
    text = unicodedata.normalize("NFKD", header.replace("#", " number ")).casefold()
    return re.sub(r"[^a-z0-9]", "", text)


_BY_NAME: Mapping[str, str] = {normalise(alias): field for field, aliases in ALIASES.items()
                               for alias in (*aliases, field)}


class ColumnError(Exception):
    """A --map that names no column or no field; ``str()`` is one line."""


@attrs.frozen
class Columns:
    """Which columns hold which field (in header order), and the headers nothing recognised."""

    fields: Mapping[str, tuple[int, ...]]  # field -> column indexes (0-based)
    header: tuple[str, ...]
    unknown: tuple[str, ...] = ()

    def first(self, field: str) -> int | None:
        found = self.fields.get(field, ())
        return found[0] if found else None

    def has(self, field: str) -> bool:
        return field in self.fields


def parse_map(options: Sequence[str]) -> dict[str, str]:
    """``--map COLUMN=FIELD`` options as {normalised column: field}; raises ColumnError."""
    mapping = {}
    for option in options:
        column, equals, field = option.partition("=")
        field = field.strip().lower().replace("-", "_").replace(" ", "_")
        if not equals or not column.strip():
            raise ColumnError(f"--map {option!r}: write COLUMN=FIELD, e.g. --map 'Boss Key=manager_id'")
        if field not in ALIASES and field != IGNORE:
            raise ColumnError(f"--map {option!r}: unknown field {field!r}; fields: {', '.join(FIELDS)}, {IGNORE}")
        mapping[normalise(column)] = field
    return mapping


def recognise(header: Sequence[str], mapping: Mapping[str, str] | None = None) -> Columns:
    """The fields of a header row; ``mapping`` (from --map) wins over the table of names."""
    mapping = mapping or {}
    fields: dict[str, list[int]] = {}
    unknown = []
    for index, name in enumerate(header):
        key = normalise(name)
        field = mapping.get(key) or _BY_NAME.get(key)
        if field == IGNORE or not key:
            continue
        if field is None:
            unknown.append(name)
        else:
            fields.setdefault(field, []).append(index)
    missing = set(mapping) - {normalise(name) for name in header}
    if missing:
        raise ColumnError(f"--map names a column the file does not have: {', '.join(sorted(missing))}; "
                          f"its columns are: {', '.join(header)}")
    return Columns({field: tuple(indexes) for field, indexes in fields.items()}, tuple(header), tuple(unknown))


def find_header(rows: Sequence[tuple[int, tuple[str, ...]]], mapping: Mapping[str, str] | None = None,
                within: int = 20) -> int | None:
    """Index (in ``rows``) of the header row: the first of the first ``within`` rows naming a title or a name.

    Report exports often start with a title line and a blank line before the header.
    """
    wanted = {"title", "name", "first_name", "last_name"}
    for index, (_, cells) in enumerate(rows[:within]):
        found = {(mapping or {}).get(normalise(c)) or _BY_NAME.get(normalise(c)) for c in cells}
        if wanted & found and len(found - {None}) >= 2:
            return index
    return None
