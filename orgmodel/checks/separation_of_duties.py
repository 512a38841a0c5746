"""separation-of-duties: two responsibilities never meet in one role, or one person.

BUD001 (``per = "role"``) and BUD002 (``per = "person"``): document 004 gives
budget setting and budget execution to two different leaders.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Param, Params
from orgmodel.checks.rows import roles as rows_of
from orgmodel.columns import OrgColumns
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org, Role


def _holds(role: Role, duty: str) -> bool:
    return any(value.text == duty for value in role.owns)


def _person_key(name: str) -> str:
    return " ".join(name.casefold().split())


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    first, second = params["duties"]
    fields = {"first": first, "second": second}
    if params["per"] == "role":
        for role in org.roles.values():
            if _holds(role, first) and _holds(role, second):
                yield Hit(role.id, role.line, role.column, case="role", fields=fields)
        return
    holders: dict[str, dict[str, list[Role]]] = {}
    for role in org.roles.values():
        if role.person is None:
            continue
        for duty in (first, second):
            if _holds(role, duty):
                holders.setdefault(_person_key(role.person), {}).setdefault(duty, []).append(role)
    for duties in holders.values():
        pair = _earliest_pair(duties.get(first, []), duties.get(second, []))
        if pair is not None:
            later, other = pair
            yield Hit(later.id, later.line, later.column, case="person",
                      fields={**fields, "person": later.person, "other": other.id})


def _earliest_pair(setters: list[Role], executors: list[Role]) -> tuple[Role, Role] | None:
    """Two different roles, one from each list, whose later one comes first in the file.

    Returned as (later, earlier). Linear: only the two earliest of each list matter.
    """
    a = sorted(setters, key=lambda role: role.line)[:2]
    b = sorted(executors, key=lambda role: role.line)[:2]
    pairs = [(x, y) for x in a for y in b if x.id != y.id]
    if not pairs:
        return None
    x, y = min(pairs, key=lambda pair: (max(pair[0].line, pair[1].line), min(pair[0].line, pair[1].line)))
    return (x, y) if x.line > y.line else (y, x)


def screen(columns: OrgColumns, params: Params, vocabulary: Vocabulary) -> bool:
    """Whether one role (or, per person, one person's roles) holds both duties."""
    holders = rows_of(columns).holders
    first, second = params["duties"]
    setters, executors = set(holders.get(first, ())), set(holders.get(second, ()))
    if params["per"] == "role":
        return not setters.isdisjoint(executors)
    persons = columns.roles.persons
    people = {_person_key(p) for p in (persons[row] for row in setters) if p is not None}
    return any(persons[row] is not None and _person_key(persons[row]) in people for row in executors)  # type: ignore[arg-type]


KIND = CheckKind(
    name="separation-of-duties",
    run=check,
    summary="Two responsibilities are never held by one role (or one person).",
    params={
        "duties": Param("words", required=True, items=(2, 2), vocabulary="responsibilities",
                        help="the two responsibilities to keep apart"),
        "per": Param("str", "role", choices=("role", "person"),
                     help="role: one role holds both; person: one person holds roles that hold both"),
    },
    cases={"role": ("first", "second"), "person": ("first", "second", "person", "other")},
    default_messages={
        "role": "'{entity}' holds both {first} and {second}; give one of them to another role",
        "person": "{person} holds both '{other}' and '{entity}', which hold {first} and {second}; "
                  "staff one of the roles with someone else",
    },
    screen=screen,
)
