"""Whole-column questions that check kinds ask before looking at any role (their ``screen``).

A screen answers "can this rule fire on this org?" from the columns
(:mod:`orgmodel.columns`): set inclusions, counts and filters evaluated once
per distinct fact, in C-level loops. It may answer yes when nothing fires
(the check then runs on the model and finds nothing), never no when
something would: tests/test_differential.py compares every rule's findings
with and without screens. Answers are kept per org, since rules share them.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import compress, repeat
from typing import Any

from orgmodel.attributes import values
from orgmodel.checks import where as role_filter
from orgmodel.columns import OrgColumns, split
from orgmodel.vocabulary import Vocabulary

# Filter keys a role's facts decide alone (the same for every role with one title).
_FACT_KEYS = ("level", "min-level", "max-level", "below-level", "layer", "level-origin")


class _Probe:
    """A role as far as its facts go, for ``where.matches`` on fact keys only."""

    def __init__(self, facts: Mapping[str, Any]) -> None:
        self.__dict__.update(facts)


class Roles:
    """The questions about roles that several screens ask, each answered once."""

    def __init__(self, columns: OrgColumns) -> None:
        self.columns = columns
        self.table = columns.roles
        self.count = len(self.table)
        self._matching: dict[str, list[int]] = {}
        self._with_facts: dict[frozenset[int], list[int]] = {}

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Row of each role key."""
        return self.table.index()

    @functools.cached_property
    def lists(self) -> bool:
        """Whether any role has more than one ``reports-to``."""
        return any(", " in raw for raw in self.columns.tally("role", "reports-to"))

    @functools.cached_property
    def firsts(self) -> Sequence[str]:
        """Each role's solid-line manager as written (its first ``reports-to``), "" at the top."""
        column = self.table.values["reports-to"]
        return [raw.partition(", ")[0] for raw in column] if self.lists else column

    @functools.cached_property
    def manager_rows(self) -> list[int]:
        """The row of each role's declared manager; -1 at the top or when it names no role."""
        return list(map(self.index.get, self.firsts, repeat(-1)))

    @functools.cached_property
    def report_counts(self) -> Counter[str]:
        """Solid-line reports of each role that has some."""
        counts = Counter(self.firsts) if self.lists else self.columns.tally("role", "reports-to").copy()
        index = self.index
        for key in [key for key in counts if key not in index]:
            del counts[key]
        return counts

    @property
    def managers(self) -> Mapping[str, int]:
        """Keys of roles with solid-line reports (``Org.direct_reports``), with how many."""
        return self.report_counts

    @functools.cached_property
    def ranks(self) -> list[int]:
        """Each role's rank (level and seniority), as rules compare them."""
        rank_of = [facts["rank"] for facts in self.table.facts_of]
        return list(map(rank_of.__getitem__, self.table.fact_ids))

    @functools.cached_property
    def managers_outrank(self) -> bool:
        """Whether every role's declared manager ranks above it, even at the bottom of its title's range.

        Then no solid line loops (ranks rise along every chain), and no manager
        ranks at or below a report unless a rule compares it as something else.
        """
        lowest = [facts["rank"] if facts["rank_max"] is None else min(facts["rank"], facts["rank_max"])
                  for facts in self.table.facts_of]
        of_row = [*map(lowest.__getitem__, self.table.fact_ids), 1 << 62]  # the last: no manager
        return all(map(operator.gt, map(of_row.__getitem__, self.manager_rows), self.ranks))

    def keys_with(self, key: str) -> set[str]:
        """Keys of roles that have a value for the language key ``key``."""
        return set(compress(self.table.keys, self.table.values[key]))

    def facts_where(self, test: Callable[[Mapping[str, Any]], bool]) -> set[int]:
        """The numbers of the distinct facts (titles) that pass ``test``."""
        return {number for number, facts in enumerate(self.table.facts_of) if test(facts)}

    def rows_with_facts(self, numbers: set[int]) -> list[int]:
        """Rows whose facts are among ``numbers`` (filters that share their facts part share the answer)."""
        if len(numbers) == len(self.table.facts_of):
            return list(range(self.count))
        key = frozenset(numbers)
        found = self._with_facts.get(key)
        if found is None:
            wanted = [number in numbers for number in range(len(self.table.facts_of))]
            found = self._with_facts[key] = list(compress(range(self.count), map(wanted.__getitem__,
                                                                                   self.table.fact_ids)))
        return found

    def matching(self, where: Mapping[str, Any], vocabulary: Vocabulary, within: list[int] | None = None,
                 ) -> list[int]:
        """Rows of the roles that ``where.matches`` (among ``within``, when given), in file order."""
        if within is not None:
            return self._filter(where, vocabulary, within)
        signature = repr(sorted(where.items()))
        if signature not in self._matching:
            self._matching[signature] = self._filter(where, vocabulary, None)
        return self._matching[signature]

    def admits(self, where: Mapping[str, Any], vocabulary: Vocabulary) -> Callable[[int], bool]:
        """A test of single rows for ``where`` (cheaper than listing every row when few are asked about)."""
        if where.keys() <= set(_FACT_KEYS):
            numbers = self.facts_where(lambda facts: role_filter.matches(_Probe(facts), where, vocabulary))  # type: ignore[arg-type]
            fact_ids = self.table.fact_ids
            return lambda row: fact_ids[row] in numbers
        return set(self.matching(where, vocabulary)).__contains__

    @functools.cached_property
    def vacant_keys(self) -> set[str]:
        """Keys of the vacant roles."""
        return set(compress(self.table.keys, self.table.vacancies))

    def _filter(self, where: Mapping[str, Any], vocabulary: Vocabulary, within: list[int] | None) -> list[int]:
        if not where:
            return list(range(self.count)) if within is None else within
        on_facts = {key: value for key, value in where.items() if key in _FACT_KEYS}
        keys = self.facts_where(lambda facts: role_filter.matches(_Probe(facts), on_facts, vocabulary))  # type: ignore[arg-type]
        if within is None:
            rows = self.rows_with_facts(keys)
        else:
            fact_ids = self.table.fact_ids
            rows = [row for row in within if fact_ids[row] in keys]
        table = self.table
        for key, wanted in where.items():
            if key == "team":
                teams, column = set(wanted), table.values["team"]
                rows = [row for row in rows if column[row] in teams]
            elif key == "vacant":
                rows = [row for row in rows if table.vacant[row] == wanted]
            elif key == "manages":
                rows = [row for row in rows if (table.keys[row] in self.managers) == wanted]
            elif key == "specialised":
                rows = [row for row in rows if bool(table.values["channel"][row] or
                                                    table.facts(row)["title_channels"]) == wanted]
            elif key == "level-bound":
                rows = [row for row in rows if self._level_bound(row, vocabulary) == wanted]
        return rows

    def _level_bound(self, row: int, vocabulary: Vocabulary) -> bool:
        if self.table.keys[row] in self.managers:
            return True
        duties = vocabulary.responsibilities
        return any(word in duties and duties[word].min_level for word in split(self.table.values["owns"][row]))

    @functools.cached_property
    def holders(self) -> dict[str, list[int]]:
        """Rows holding each responsibility keyword, in file order (few roles own anything)."""
        found: dict[str, list[int]] = {}
        owns = self.table.values["owns"]
        for row in owners(self.columns):
            for word in split(owns[row]):
                found.setdefault(word, []).append(row)
        return found


def roles(columns: OrgColumns) -> Roles:
    """The org's :class:`Roles`, made once per org."""
    found = columns.cache.get("roles")
    if not isinstance(found, Roles):
        found = columns.cache["roles"] = Roles(columns)
    return found


def named(columns: OrgColumns, kind: str, key: str) -> set[str]:
    """Every value of a key anywhere in a kind's column (``kpi``, ``owner``)."""
    return columns.distinct(kind, key)


def assumed(facts: Mapping[str, Any]) -> bool:
    """``checks.base.assumed`` on facts: the level is the pack's default for an unread title."""
    return bool(facts["level_origin"] == "default")


def texts(columns: OrgColumns, kind: str, key: str) -> list[tuple[str, ...]]:
    """Each row's values of ``key`` as text, as ``model.values`` would give them (facts for level, layer, scope)."""
    from orgmodel.dsl.grammar import KINDS

    table = columns.tables[kind]
    spec = KINDS[kind].keys[key]
    found: list[tuple[str, ...]]
    if key == "person":
        found = [() if person is None else (person,) for person in table.persons]
    elif spec.value in ("level", "layer", "scope"):
        fact = [() if facts[spec.value] is None else (facts[spec.value],) for facts in table.facts_of]
        found = list(map(fact.__getitem__, table.fact_ids))
    elif spec.repeats:
        found = [tuple(split(raw)) for raw in table.values[key]]
    else:
        found = [(raw,) if raw else () for raw in table.values[key]]
    for row in compress(range(len(table)), table.entities):  # the general reader's: exact
        found[row] = tuple(str(getattr(value, "text", value)) for value in values(table.entities[row], key))
    return found


def text_of(columns: OrgColumns, kind: str, key: str, row: int) -> tuple[str, ...]:
    """One row's values of ``key`` as text (see :func:`texts`)."""
    from orgmodel.dsl.grammar import KINDS

    table = columns.tables[kind]
    if table.entities[row] is None and KINDS[kind].keys[key].repeats:
        return tuple(split(table.values[key][row]))
    return tuple(str(getattr(value, "text", value)) for value in values(columns.probe(kind, row), key))


def owners(columns: OrgColumns) -> list[int]:
    """Rows of the roles that own any responsibility (usually few)."""
    found = columns.cache.get("owners")
    if found is None:
        table = columns.roles
        found = columns.cache["owners"] = list(compress(range(len(table)), table.values["owns"]))
    return found  # type: ignore[return-value]
