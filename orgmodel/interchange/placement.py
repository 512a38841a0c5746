"""Placing rows in the tree: each row's manager and dotted-line managers, cycles broken.

A manager cell is looked up as an ID (any ID column), then as an e-mail
address, then as a name (``Jane Doe``, ``Doe, Jane`` and ``Jane Doe (1042)``
all find Jane Doe), whatever its column says it holds: exports label these
columns loosely.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import attrs

from orgmodel.finding import Finding
from orgmodel.interchange.problems import finding

_SPLIT = re.compile(r"\s*[;,|]\s*")
_ID_IN_NAME = re.compile(r"^(?P<name>.*?)\s*[(\[]\s*(?P<id>[^()\[\]]+?)\s*[)\]]\s*$")


@attrs.define
class Person:
    """One row to place: its cells by field, and what placing found."""

    row: int
    cells: dict[str, tuple[str, int]]  # field -> (text, 1-based column)
    name: str | None = None  # None: vacant or unnamed
    vacant: bool = False
    manager: int | None = None  # index of the manager's Person
    dotted: list[int] = attrs.Factory(list)
    role_id: str = ""

    def text(self, field: str) -> str:
        return self.cells.get(field, ("", 0))[0]

    def column(self, field: str) -> int:
        return self.cells.get(field, ("", 1))[1]


def name_key(name: str) -> str:
    """A name as compared: no case or accents, one space; ``Doe, Jane`` reads as ``Jane Doe``."""
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(text.split())


@attrs.define
class Directory:
    """Every person by ID, e-mail and name."""

    ids: dict[str, int] = attrs.Factory(dict)
    emails: dict[str, int] = attrs.Factory(dict)
    names: dict[str, list[int]] = attrs.Factory(dict)

    @classmethod
    def of(cls, people: Sequence[Person], id_fields: Sequence[str]) -> Directory:
        directory = cls()
        for field in id_fields:  # the first ID column wins a value that two columns share
            for index, person in enumerate(people):
                value = person.text(field)
                if value:
                    directory.ids.setdefault(value, index)
        for index, person in enumerate(people):
            if person.text("email"):
                directory.emails.setdefault(person.text("email").casefold(), index)
            if person.name:
                directory.names.setdefault(name_key(person.name), []).append(index)
        return directory

    def find(self, value: str) -> tuple[int | None, bool]:
        """The person ``value`` names, and whether it is ambiguous (a name several people share)."""
        if value in self.ids:
            return self.ids[value], False
        if value.casefold() in self.emails:
            return self.emails[value.casefold()], False
        match = _ID_IN_NAME.match(value)
        if match and match.group("id") in self.ids:
            return self.ids[match.group("id")], False
        found = self.names.get(name_key(match.group("name") if match else value), [])
        return (found[0], False) if len(found) == 1 else (None, len(found) > 1)


MANAGER_FIELDS = ("manager_id", "manager_email", "manager")
DOTTED_FIELDS = ("dotted_id", "dotted_email", "dotted")


def _first_filled(person: Person, fields: Sequence[str]) -> str | None:
    return next((field for field in fields if person.text(field)), None)


def place(people: list[Person], directory: Directory, path: str, rank: Callable[[Person], int]) -> list[Finding]:
    """Set each person's manager and dotted lines; findings for what could not be placed.

    ``rank`` tells which member of a cycle sounds most senior (it becomes a top role).
    """
    findings: list[Finding] = []
    for index, person in enumerate(people):
        field = _first_filled(person, MANAGER_FIELDS)
        if field is not None:
            value = person.text(field)
            found, ambiguous = directory.find(value)
            if found is not None:
                person.manager = found
            elif ambiguous:
                findings.append(finding(path, person.row, person.column(field), "IMP005",
                                        f"manager {value!r} is the name of several rows; give the manager's ID "
                                        "instead (a Manager ID column); written as a top role"))
            else:
                findings.append(finding(path, person.row, person.column(field), "IMP001",
                                        f"manager {value!r} is no row of this file; written as a top role"))
        _place_dotted(index, person, directory, path, findings)
    findings.extend(break_cycles(people, path, rank))
    return findings


def _place_dotted(index: int, person: Person, directory: Directory, path: str, findings: list[Finding]) -> None:
    field = _first_filled(person, DOTTED_FIELDS)
    if field is None:
        return
    value = person.text(field)
    found, _ = directory.find(value)
    values = [value] if found is not None else _SPLIT.split(value)
    for part in values:
        target, _ = directory.find(part)
        if target is None:
            findings.append(finding(path, person.row, person.column(field), "IMP006",
                                    f"dotted-line manager {part!r} is no row of this file; left out"))
        elif target != index and target != person.manager and target not in person.dotted:
            person.dotted.append(target)


def break_cycles(people: list[Person], path: str, rank: Callable[[Person], int]) -> list[Finding]:
    """Drop one manager link in each cycle: the most senior-sounding member's (ties: the earliest row)."""
    state = [0] * len(people)  # 0 unseen, 1 on the current walk, 2 done
    findings = []
    for start in range(len(people)):
        walk = []
        node: int | None = start
        while node is not None and state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = people[node].manager
        if node is not None and state[node] == 1:
            cycle = walk[walk.index(node):]
            top = max(cycle, key=lambda i: (rank(people[i]), -people[i].row))
            person = people[top]
            chain = " -> ".join(people[i].name or people[i].text("title") or f"row {people[i].row}"
                                for i in [*cycle[cycle.index(top):], *cycle[:cycle.index(top) + 1]])
            field = _first_filled(person, MANAGER_FIELDS) or "manager"
            findings.append(finding(path, person.row, person.column(field), "IMP002",
                                    f"managers form a cycle ({chain}); this row's manager is dropped, so it is "
                                    "a top role"))
            person.manager = None
        for visited in walk:
            state[visited] = 2
    return findings
