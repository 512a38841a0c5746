"""Did-you-mean suggestions for misspelt words, at a cost bounded per file."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from orgmodel.sanitise import token

# Longer words are not typos we can guess cheaply: difflib's cost grows with
# the product of the lengths, and IDs that long are pasted, not typed.
_LONGEST = 40


def _suggestion(choice: str) -> str:
    return f" (did you mean '{token(choice)}'?)"


class Suggester:
    """Suggestions from a fixed set of choices, indexed once, with a work budget per file.

    difflib compares a word with every choice; with 100,000 IDs and as many
    dangling references that would never end. The index keeps only choices
    of a similar length and the same first letter, and the budget counts the
    characters compared (length times length, what difflib's cost grows
    with): hostile IDs that all look alike took minutes for 100 KB before.
    Past the budget no suggestion is made, so a file's cost stays linear.
    """

    _BUCKET_LIMIT = 200
    BUDGET = 2_000_000  # character pairs per file: under a second in the worst case

    def __init__(self, choices: Iterable[str]) -> None:
        self.remaining = self.BUDGET
        self.buckets: dict[tuple[str, int], list[str]] = {}
        self.folded: dict[str, str] = {}  # casefolded choice -> the first choice that folds to it
        for choice in choices:
            self.folded.setdefault(choice.casefold(), choice)
            if len(choice) <= _LONGEST + 2:
                self.buckets.setdefault((choice[:1].casefold(), len(choice)), []).append(choice)

    def __call__(self, word: str) -> str:
        """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ""."""
        if word.casefold() in self.folded:  # `reports-to CMO` for the ID `cmo`: one lookup, always made
            return _suggestion(self.folded[word.casefold()])
        if len(word) > _LONGEST or self.remaining <= 0:
            return ""
        first, length = word[:1].casefold(), len(word)
        sizes = (length, length - 1, length + 1, length - 2, length + 2)  # the likeliest first
        pool = [c for size in sizes for c in self.buckets.get((first, size), ())[: self._BUCKET_LIMIT]]
        cost = (length + 2) ** 2  # about what difflib spends on one choice
        pool = pool[: self.remaining // cost + 1]
        self.remaining -= len(pool) * cost + 1
        close = difflib.get_close_matches(word, pool, n=1)
        return _suggestion(close[0]) if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else "" (for a few, short choices)."""
    choices = list(choices)
    same = [choice for choice in choices if choice.casefold() == word.casefold()]
    close = same or (difflib.get_close_matches(word, choices, n=1) if len(word) <= _LONGEST else [])
    return _suggestion(close[0]) if close else ""
