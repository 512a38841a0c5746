"""Who holds what: each exclusive duty, KPI and campaign against the roles that own or lead it.

RACI's "exactly one accountable": a row's ``status`` is ``ok`` for exactly
one declared holder, ``gap`` for nobody, ``double`` for more than one, and
``vacant`` when the one holder is a vacant role. IDs that name no declared
role are listed as ``unknown`` and count as nobody (REF002 reports them); a
role named twice holds the item once.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from orgmodel.model import Org, Value
from orgmodel.vocabulary import Vocabulary

STATUSES = ("ok", "gap", "double", "vacant")


@attrs.frozen
class Holding:
    """One row of the ownership matrix: an exclusive duty, KPI or campaign and who holds it."""

    kind: str  # "duty", "kpi" or "campaign"
    id: str
    name: str
    holders: tuple[str, ...]  # declared roles, file order
    unknown: tuple[str, ...]  # IDs written but not declared
    status: str  # one of STATUSES


def ownership(org: Org, vocabulary: Vocabulary) -> tuple[Holding, ...]:
    """The matrix's rows: exclusive duties (vocabulary order), then KPIs, then campaigns (file order)."""
    duty_holders: dict[str, list[str]] = {duty: [] for duty in vocabulary.exclusive}
    for role in org.roles.values():
        for value in role.owns:
            if value.text in duty_holders:
                duty_holders[value.text].append(role.id)
    rows = [_holding(org, "duty", duty, duty, held_by) for duty, held_by in duty_holders.items()]
    rows += [_holding(org, "kpi", kpi.id, kpi.name, _texts(kpi.owner)) for kpi in org.kpis.values()]
    rows += [_holding(org, "campaign", c.id, c.name, _texts(c.lead)) for c in org.campaigns.values()]
    return tuple(rows)


def _texts(values: Iterable[Value]) -> list[str]:
    return [value.text for value in values]


def _holding(org: Org, kind: str, item: str, name: str, written: Iterable[str]) -> Holding:
    ids = tuple(dict.fromkeys(written))  # a role named twice holds it once
    holders = tuple(i for i in ids if i in org.roles)
    unknown = tuple(i for i in ids if i not in org.roles)
    if not holders:
        status = "gap"
    elif len(holders) > 1:
        status = "double"
    else:
        status = "vacant" if org.roles[holders[0]].vacant else "ok"
    return Holding(kind, item, name, holders, unknown, status)
