"""Look-alike IDs: two IDs that read the same but are written with different characters.

Latin ``cmo`` and ``сmo`` (its first letter Cyrillic) are two IDs, so a
reference can point at an impostor role while a reviewer sees the right one.
IDs are compared by their skeleton, as Unicode's confusable detection does
(UTS #39): decomposed, each character replaced by one representative of the
characters it is confusable with. The decomposition is NFKD rather than
UTS #39's NFD, so that fullwidth and mathematical letters (``ｍ``, ``𝐦``)
fold to the letters they show. The confusable classes come from
Unicode's confusables.txt through the ``confusable-homoglyphs`` package.

Only IDs with a non-ASCII character are reported: ``l1`` and ``ll`` are the
author's own choice, and an org written in ASCII never loads the data.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgmodel.dsl.syntax import Problem


@functools.cache
def _representatives() -> dict[str, str]:
    """Each confusable character -> one character standing for its class (ASCII when the class has one)."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for character, homoglyphs in confusables_data.items():
        for homoglyph in homoglyphs:
            parent[root(homoglyph["c"])] = root(character)
    classes: dict[str, list[str]] = {}
    for node in list(parent):
        classes.setdefault(root(node), []).append(node)
    table = {}
    for members in classes.values():
        single = sorted((m for m in members if len(m) == 1), key=lambda m: (not m.isascii(), m))
        for member in single:
            table[member] = single[0]
    return table


def skeleton(text: str) -> str:
    """What ``text`` looks like: equal skeletons read the same."""
    table = _representatives()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKD", text))


def lookalikes(ids: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``(id, the earlier-declared or ASCII id it looks like)`` for each look-alike among ``ids`` (in order).

    Costs nothing unless an ID has a non-ASCII character.
    """
    if all(i.isascii() for i in ids):
        return
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(skeleton(i), []).append(i)
    for members in groups.values():
        if len(members) < 2 or all(m.isascii() for m in members):
            continue
        genuine = next((m for m in members if m.isascii()), members[0])
        for member in members:
            if member != genuine and not member.isascii():
                yield member, genuine


def problems(ids: Sequence[str], position: Callable[[str], tuple[int, int]]) -> list[Problem]:
    """REF003 on each of ``ids`` (declared IDs, each once, in file order) that looks like another.

    ``position`` gives the line and column of an ID where it is declared
    (the general reader's entities, or the columnar core's rows).
    """
    from orgmodel.dsl.syntax import Problem
    from orgmodel.sanitise import token as short

    found = []
    for entity_id, like in lookalikes(ids):
        line, column = position(entity_id)
        message = (f"'{short(entity_id)}' looks like '{short(like)}' (line {position(like)[0]}) but is "
                   f"another ID: {difference(entity_id, like)}; rename one, so that every reference "
                   "names the one it means")
        found.append(Problem("REF003", message, line, column, column + len(entity_id), entity_id))
    return found


def difference(text: str, like: str) -> str:
    """The first character of ``text`` that ``like`` lacks, named: ``'с' is U+0441 CYRILLIC SMALL LETTER ES``."""
    character = next((c for c in text if c not in like), text[0])
    return f"'{character}' is U+{ord(character):04X} {unicodedata.name(character, 'an unnamed character')}"
