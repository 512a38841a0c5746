"""The generic check kinds, by name. A rule of an existing kind is data only.

A new kind is a module here with a ``KIND`` and one line in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from orgmodel.checks.base import CheckKind

_MODULES = (
    "attribute_count",
    "conflicting_titles",
    "depth_limit",
    "known_responsibility",
    "language",
    "manager_rank",
    "oversees_level",
    "referenced_layer",
    "referenced_level",
    "referenced_vacancy",
    "reporting_cycle",
    "responsibility_layer",
    "separation_of_duties",
    "shared_responsibility",
    "single_top",
    "span_limit",
    "unheld_responsibility",
)

CHECK_KINDS: Mapping[str, CheckKind] = {
    kind.name: kind
    for kind in (importlib.import_module(f"orgmodel.checks.{name}").KIND for name in _MODULES)
}
