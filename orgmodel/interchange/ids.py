"""Readable, stable role IDs: slugs of titles, told apart by the rows' own IDs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from orgmodel.dsl.grammar import is_identifier
from orgmodel.interchange.placement import Person


def slug(text: str) -> str:
    """``Head of SEO & Content`` -> ``head-of-seo-content``; '' when nothing readable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    word = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if word and not word[0].isalpha():
        word = f"role-{word}"
    return word


def _natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """``E9`` before ``E10``: digits compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", text))


def assign_ids(people: Sequence[Person], id_field: str) -> None:
    """Set ``role_id`` of each person: an orgmodel ID the file gives, else the title's slug.

    People with the same slug are ordered by their row's ID (then row): the
    first keeps the plain slug, the others get the slug of their ID (or name,
    or row number) appended.
    """
    groups: dict[str, list[Person]] = {}
    for person in people:
        given = person.text("role_id")
        base = given if is_identifier(given) else (slug(person.text("title")) or slug(person.name or "") or "role")
        groups.setdefault(base, []).append(person)
    taken: set[str] = set()
    for base in sorted(groups):
        members = sorted(groups[base], key=lambda p: (p.text("role_id") != base, _natural(p.text(id_field)), p.row))
        for position, person in enumerate(members):
            candidate = base
            if position:
                suffix = slug(person.text(id_field)).removeprefix("role-") or slug(person.name or "") or person.row
                candidate = f"{base}-{suffix}"
            unique, number = candidate, 2
            while unique in taken:
                unique, number = f"{candidate}-{number}", number + 1
            taken.add(unique)
            person.role_id = unique
