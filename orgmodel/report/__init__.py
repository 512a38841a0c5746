"""Formatters: the only place where findings become text. One module per format."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from orgmodel.api import CheckResult
from orgmodel.report import json_format, text_format

Formatter = Callable[[Sequence[CheckResult]], str]

FORMATTERS: Mapping[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
}
