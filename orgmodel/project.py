"""Checking files the way a project configures it: each file with its nearest settings.

The command line's options override every file's settings; one pack is built
per configuration file and reused for every file it governs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel.api import CheckResult, OrgFileError, check_file, find_org_files, is_directory
from orgmodel.config import (
    Settings,
    configure_pack,
    find_config,
    ignored_for,
    is_excluded,
    is_included,
    load_settings,
    matches_include,
    unmatched_excludes,
)
from orgmodel.finding import Severity
from orgmodel.records import Record
from orgmodel.rulepack import RulePack, load_builtin

if TYPE_CHECKING:
    from orgmodel.baseline import Baseline


class Overrides(Record):
    """What the command line says; None leaves the configuration's value.

    ``force_include``: check named files even when an exclude pattern matches
    them; ``baseline``: overrides the configuration's; ``no_baseline``: report
    every finding (when writing a new baseline).
    """

    __slots__ = ("config", "isolated", "select", "extend_select", "ignore", "fail_on", "rules", "force_include",
                 "baseline", "no_baseline")
    config: Path | None
    isolated: bool
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...] | None
    fail_on: str | None
    rules: tuple[Path, ...]
    force_include: bool
    baseline: Path | None
    no_baseline: bool

    def __init__(self, config: Path | None = None, isolated: bool = False, select: tuple[str, ...] | None = None,
                 extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] | None = None,
                 fail_on: str | None = None, rules: tuple[Path, ...] = (), force_include: bool = False,
                 baseline: Path | None = None, no_baseline: bool = False) -> None:
        self._init(config=config, isolated=isolated, select=select, extend_select=extend_select, ignore=ignore,
                   fail_on=fail_on, rules=rules, force_include=force_include, baseline=baseline,
                   no_baseline=no_baseline)


class Project:
    def __init__(self, overrides: Overrides = Overrides(), base: RulePack | None = None) -> None:
        self.overrides = overrides
        self.base = base or load_builtin()
        self._settings: dict[Path | None, Settings] = {}
        self._configs: dict[Path, Path | None] = {}  # each folder's nearest configuration file
        self._packs: dict[Path | None, RulePack] = {}
        self.excluded: list[str] = []  # named files that an exclude pattern skipped
        self.baselines: dict[Path, Baseline] = {}  # each baseline in use, by file

    def settings_for(self, target: Path) -> Settings:
        """The settings that govern ``target`` (a file or folder), overrides applied."""
        if self.overrides.isolated:
            source = None
        elif self.overrides.config is not None:
            source = self.overrides.config
        else:
            source = self._config_in(target if is_directory(target) else target.parent)
        if source not in self._settings:
            settings = load_settings(source) if source is not None else Settings()
            o = self.overrides
            self._settings[source] = settings.replace(
                select=o.select if o.select is not None else settings.select,
                extend_select=settings.extend_select + o.extend_select,
                ignore=o.ignore if o.ignore is not None else settings.ignore,
                fail_on=o.fail_on or settings.fail_on,
                rules=settings.rules + o.rules,
                baseline=None if o.no_baseline else (o.baseline or settings.baseline),
                from_options=frozenset(key for key, value in (("select", o.select), ("ignore", o.ignore),
                                                              ("extend-select", o.extend_select or None))
                                       if value is not None),
            )
        return self._settings[source]

    def _config_in(self, folder: Path) -> Path | None:
        """The nearest configuration file above ``folder``, looked for once per folder.

        A check asks for a file's settings three times (exclude, check, fail-on) and a
        folder's files share theirs: each search parses every pyproject.toml and
        setup.cfg on the way up.
        """
        if folder not in self._configs:
            self._configs[folder] = find_config(folder)
        return self._configs[folder]

    def pack_for(self, settings: Settings) -> RulePack:
        """The rule pack the settings configure (raises ConfigError)."""
        if settings.path not in self._packs:
            self._packs[settings.path] = configure_pack(self.base, settings)
        return self._packs[settings.path]

    def packs(self) -> list[RulePack]:
        """Every pack built so far (one per configuration in use)."""
        return list(self._packs.values()) or [self.base]

    def files(self, paths: Iterable[str]) -> Iterator[tuple[str, Path | OrgFileError]]:
        """Files to work on: under folders, what include/exclude pick; named files unless excluded.

        pre-commit names every staged file, so excludes apply to named files
        too (``force_include`` turns that off); skipped ones go to ``excluded``.
        """
        for name in paths:
            folder = Path(name)
            if is_directory(folder):
                settings = self.settings_for(folder)
                yield from find_org_files([name], functools.partial(is_included, settings))
                continue
            for shown, target in find_org_files([name]):
                if isinstance(target, Path) and self.skips(target, shown):
                    continue
                yield shown, target

    def skips(self, file: Path, shown: str) -> bool:
        """Whether a named file is left alone: an exclude pattern matches it and --force-include is off."""
        if self.overrides.force_include or not is_excluded(self.settings_for(file), file):
            return False
        self.excluded.append(shown)
        return True

    def notes(self, quiet: bool = False) -> list[str]:
        """What the user should know besides findings: unmatched excludes, skipped files, the baseline."""
        found = [f"warning: {warning}" for warning in self.warnings()]
        if not quiet:
            found.extend(f"note: {name}: skipped, excluded by the configuration (--force-include checks it)"
                         for name in self.excluded)
        for baseline in self.baselines.values():
            if baseline.hidden and not quiet:
                found.append(f"note: {baseline.hidden} finding{'s' if baseline.hidden != 1 else ''} "
                             f"recorded in the baseline {baseline.file} not shown")
            stale = baseline.stale()
            if stale:
                found.append(f"note: {len(stale)} baseline entr{'ies' if len(stale) != 1 else 'y'} in "
                             f"{baseline.file} no longer found (fixed): rewrite it with --write-baseline to "
                             "shrink it")
                found.extend(f"note:   {e.path}: {e.code} {e.message}" for e in stale)
        return found

    def warnings(self) -> list[str]:
        """Exclude patterns of the settings in use that match no org file."""
        found = []
        for settings in self._settings.values():
            if not settings.exclude or settings.path is None:
                continue
            walk = find_org_files([str(settings.root)], functools.partial(matches_include, settings))
            files = [file for _, file in walk if isinstance(file, Path)]
            for pattern in unmatched_excludes(settings, files):
                found.append(f"{settings.path}: exclude pattern '{pattern}' matches no org file under "
                             f"{settings.root} (patterns are relative to the configuration file's folder)")
        return found

    def check(self, file: Path, shown: str) -> CheckResult:
        """Check one file with its settings; raises OrgFileError, ConfigError or BaselineError."""
        settings = self.settings_for(file)
        result = check_file(file, self.pack_for(settings), display_path=shown)
        ignored = ignored_for(settings, file)
        if ignored:
            result = result.replace(findings=[f for f in result.findings
                                                    if not any(f.code.startswith(c) for c in ignored)])
        if settings.baseline is not None:
            if settings.baseline not in self.baselines:
                from orgmodel.baseline import Baseline  # hashing is loaded only when a baseline is used

                self.baselines[settings.baseline] = Baseline.load(settings.baseline)
            result = self.baselines[settings.baseline].filter(file, result)
        return result

    def fails(self, result: CheckResult, file: Path) -> bool:
        """Whether ``result`` has a finding at or above its file's fail-on level."""
        threshold = Severity.parse(self.settings_for(file).fail_on)
        return any(f.severity >= threshold for f in result.findings)
