"""Did-you-mean suggestions for misspelt words."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class Suggester:
    """Suggestions from a fixed set of choices, indexed once.

    difflib compares a word with every choice; with 100,000 IDs and as many
    dangling references that would never end. The index keeps only choices
    of a similar length and the same first letter, so each lookup is small.
    """

    _BUCKET_LIMIT = 200
    # In a flood of misses (a file from another system) suggestions stop
    # helping; past this many per file, none are made, so the cost is bounded.
    BUDGET = 1000

    def __init__(self, choices: Iterable[str]) -> None:
        self.remaining = self.BUDGET
        self.buckets: dict[tuple[str, int], list[str]] = {}
        self.folded: dict[str, str] = {}  # casefolded choice -> the first choice that folds to it
        for choice in choices:
            self.folded.setdefault(choice.casefold(), choice)
            self.buckets.setdefault((choice[:1].casefold(), len(choice)), []).append(choice)

    def __call__(self, word: str) -> str:
        """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ""."""
        if self.remaining <= 0:
            return ""
        self.remaining -= 1
        if word.casefold() in self.folded:  # `reports-to CMO` for the ID `cmo`
            return f" (did you mean '{self.folded[word.casefold()]}'?)"
        first = word[:1].casefold()
        pool = [c for size in range(len(word) - 2, len(word) + 3)
                for c in self.buckets.get((first, size), ())[: self._BUCKET_LIMIT]]
        close = difflib.get_close_matches(word, pool, n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else "" (for a few choices)."""
    choices = list(choices)
    same = [choice for choice in choices if choice.casefold() == word.casefold()]
    close = same or difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
