"""language: problems found while reading the file (SYN..., REF...).

The reader reports them itself; this kind exists so that they are rules of the
pack like any other, with a severity, documentation and suppressions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from orgmodel.checks.base import CheckKind, Hit, Params
from orgmodel.vocabulary import Vocabulary

if TYPE_CHECKING:
    from orgmodel.model import Org


def check(org: Org, params: Params, vocabulary: Vocabulary) -> Iterator[Hit]:
    return iter(())


KIND = CheckKind(
    name="language",
    run=check,
    summary="Reported by the reader while parsing and resolving references.",
    cases={},
)
