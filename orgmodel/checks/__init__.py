"""The generic check kinds, by name. A rule of an existing kind is data only.

A new kind is a module here with a ``KIND``, and one entry in ``CHECK_KINDS``.
"""

from __future__ import annotations

from collections.abc import Mapping

from orgmodel.checks import (
    attribute_count,
    conflicting_titles,
    depth_limit,
    fact_origin,
    known_responsibility,
    language,
    manager_layer,
    manager_rank,
    matching_role,
    oversees_level,
    referenced_layer,
    referenced_level,
    referenced_overlap,
    referenced_vacancy,
    reporting_cycle,
    responsibility_layer,
    responsibility_level,
    separation_of_duties,
    shared_responsibility,
    single_top,
    span_limit,
    unheld_responsibility,
    unreferenced,
)
from orgmodel.checks.base import CheckKind

CHECK_KINDS: Mapping[str, CheckKind] = {module.KIND.name: module.KIND for module in (
    attribute_count, conflicting_titles, depth_limit, fact_origin, known_responsibility, language, manager_layer,
    manager_rank, matching_role, oversees_level, referenced_layer, referenced_level, referenced_overlap,
    referenced_vacancy, reporting_cycle, responsibility_layer, responsibility_level, separation_of_duties,
    shared_responsibility, single_top, span_limit, unheld_responsibility, unreferenced,
)}
# The kind of the reader's own problems (SYN, REF, SUP): only the built-in pack may have rules of it.
LANGUAGE_KIND = language.KIND.name
