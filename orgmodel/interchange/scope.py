"""Keeping one subtree (``--root``) or one department (``--department``) of a company-wide export.

Managers outside what is kept: when one kept row reports outside, it is the
top role; when several do to one manager, that manager is kept as the top
role; when they report to different managers, each of those rows is a top
role that liaises with its manager's department. A dotted line to someone
outside becomes a liaison with their department too.
"""

from __future__ import annotations

from collections import deque

import attrs

from orgmodel.interchange.placement import Directory, Person
from orgmodel.suggest import did_you_mean


class ScopeError(Exception):
    """A --root or --department that matches no row; ``str()`` is one line."""


@attrs.frozen
class Scope:
    kept: list[int]  # indexes of people, in file order
    liaisons: dict[int, list[str]]  # index -> names of outside departments it works with


def _subtree(people: list[Person], root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for index, person in enumerate(people):
        if person.manager is not None:
            children.setdefault(person.manager, []).append(index)
    kept, queue = {root}, deque([root])
    while queue:
        for child in children.get(queue.popleft(), ()):
            if child not in kept:
                kept.add(child)
                queue.append(child)
    return kept


def _department_of(person: Person) -> str:
    return person.text("department") or person.text("title") or person.name or f"row {person.row}"


def choose(people: list[Person], directory: Directory, root: str | None, department: str | None) -> Scope:
    """The people to keep and their liaisons with the rest; managers outside become tops or departments."""
    if root is not None:
        found, _ = directory.find(root)
        if found is None:
            raise ScopeError(f"--root {root!r}: no row has this ID, e-mail or name")
        kept = _subtree(people, found)
    elif department is not None:
        kept = {i for i, p in enumerate(people) if p.text("department").casefold() == department.casefold()}
        if not kept:
            names = sorted({p.text("department") for p in people if p.text("department")})
            raise ScopeError(f"--department {department!r}: no row is in it{did_you_mean(department, names)}"
                             f" (departments: {', '.join(names[:20]) or 'none: the file has no department column'})")
    else:
        kept = set(range(len(people)))
    liaisons: dict[int, list[str]] = {}
    outside = {i: people[i].manager for i in kept if people[i].manager is not None and people[i].manager not in kept}
    managers = set(outside.values())
    if len(outside) > 1 and len(managers) == 1:
        (shared,) = managers
        assert shared is not None
        kept.add(shared)
        people[shared].manager = None
    for index, manager in outside.items():
        if manager not in kept:
            people[index].manager = None
            if len(outside) > 1:
                liaisons.setdefault(index, []).append(_department_of(people[manager]))  # type: ignore[index]
    for index in kept:
        for target in [t for t in people[index].dotted if t not in kept]:
            people[index].dotted.remove(target)
            liaisons.setdefault(index, []).append(_department_of(people[target]))
    return Scope(sorted(kept), liaisons)
