"""Checking files the way a project configures it: each file with its nearest settings.

The command line's options override every file's settings; one pack is built
per configuration file and reused for every file it governs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from orgmodel.api import CheckResult, OrgFileError, check_file, find_org_files, is_directory
from orgmodel.config import (Settings, configure_pack, find_config, ignored_for, is_included, load_settings)
from orgmodel.finding import Severity
from orgmodel.rulepack import RulePack, load_builtin


@attrs.frozen
class Overrides:
    """What the command line says; None leaves the configuration's value."""

    config: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    rules: tuple[Path, ...] = ()


class Project:
    def __init__(self, overrides: Overrides = Overrides(), base: RulePack | None = None) -> None:
        self.overrides = overrides
        self.base = base or load_builtin()
        self._settings: dict[Path | None, Settings] = {}
        self._packs: dict[Path | None, RulePack] = {}

    def settings_for(self, target: Path) -> Settings:
        """The settings that govern ``target`` (a file or folder), overrides applied."""
        if self.overrides.isolated:
            source = None
        elif self.overrides.config is not None:
            source = self.overrides.config
        else:
            source = find_config(target)
        if source not in self._settings:
            settings = load_settings(source) if source is not None else Settings()
            o = self.overrides
            self._settings[source] = attrs.evolve(
                settings,
                select=o.select if o.select is not None else settings.select,
                extend_select=settings.extend_select + o.extend_select,
                ignore=o.ignore if o.ignore is not None else settings.ignore,
                fail_on=o.fail_on or settings.fail_on,
                rules=settings.rules + o.rules,
                from_options=frozenset(key for key, value in (("select", o.select), ("ignore", o.ignore),
                                                              ("extend-select", o.extend_select or None))
                                       if value is not None),
            )
        return self._settings[source]

    def pack_for(self, settings: Settings) -> RulePack:
        """The rule pack the settings configure (raises ConfigError)."""
        if settings.path not in self._packs:
            self._packs[settings.path] = configure_pack(self.base, settings)
        return self._packs[settings.path]

    def packs(self) -> list[RulePack]:
        """Every pack built so far (one per configuration in use)."""
        return list(self._packs.values()) or [self.base]

    def files(self, paths: Iterable[str]) -> Iterator[tuple[str, Path | OrgFileError]]:
        """Files to check: named files as they are; under folders, what include/exclude pick."""
        for name in paths:
            folder = Path(name)
            if is_directory(folder):
                settings = self.settings_for(folder)
                yield from find_org_files([name], lambda file, s=settings: is_included(s, file))
            else:
                yield from find_org_files([name])

    def check(self, file: Path, shown: str) -> CheckResult:
        """Check one file with its settings; raises OrgFileError or ConfigError."""
        settings = self.settings_for(file)
        result = check_file(file, self.pack_for(settings), display_path=shown)
        ignored = ignored_for(settings, file)
        if not ignored:
            return result
        return attrs.evolve(result, findings=[f for f in result.findings
                                              if not any(f.code.startswith(c) for c in ignored)])

    def fails(self, result: CheckResult, file: Path) -> bool:
        """Whether ``result`` has a finding at or above its file's fail-on level."""
        threshold = Severity.parse(self.settings_for(file).fail_on)
        return any(f.severity >= threshold for f in result.findings)
