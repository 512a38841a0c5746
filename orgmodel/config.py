"""Configuration: finding it, reading it, validating it, and applying it to a pack.

Found the way ruff and sqlfluff find theirs: walking up from the checked
file, the first folder with ``.orgmodel.toml``, a ``pyproject.toml`` with
``[tool.orgmodel]`` or a ``setup.cfg`` with ``[orgmodel]`` wins (in that
order within one folder). Every key and code is validated; an error names
the file, the line and the key. Reading the files is config_files' job.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from orgmodel.api import ORG_FILE_PATTERNS, is_directory
from orgmodel.config_files import CONFIG_NAMES, ConfigError, has_settings, is_candidate, line_of, read_table
from orgmodel.finding import SEVERITY_WORDS, Severity
from orgmodel.records import Record
from orgmodel.rulepack import PackError, Rule, RulePack, checked_params, load_packs
from orgmodel.sanitise import token
from orgmodel.toml_lines import TomlText
from orgmodel.vocabulary import Vocabulary

__all__ = ["CONFIG_NAMES", "ConfigError", "Settings", "configure_pack", "find_config", "load_settings"]
LIST_KEYS = ("select", "extend-select", "ignore", "rules", "include", "exclude", "font")
TABLE_KEYS = ("severity", "params", "per-file-ignores", "extend-vocabulary")
KEYS = (*LIST_KEYS, *TABLE_KEYS, "fail-on", "baseline")


class Settings(Record):
    """A configuration's settings (see the README's "Configuration").

    ``path``: the file they came from; ``select``: None is every rule but the
    opt-in ones; ``extend_select``: added to select, how opt-in rules are
    switched on; ``severity``: code -> error|warning|info|off; ``params``:
    code -> {param: value}; ``rules``: extra rule packs;
    ``per_file_ignores``: glob -> codes; ``extend_vocabulary``: additions to
    the pack's vocabulary, checked when the pack is configured; ``baseline``:
    findings recorded to be tolerated; ``font``: extra font families for
    charts; ``from_options``: keys whose value came from the command line, so
    errors name the option; ``text``: the file's text, to find a key's line
    (not compared, not shown).
    """

    __slots__ = ("path", "select", "extend_select", "ignore", "severity", "fail_on", "params", "rules",
                 "per_file_ignores", "include", "exclude", "extend_vocabulary", "baseline", "font", "from_options",
                 "text")
    __compare__ = __slots__[:-1]
    path: Path | None
    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: Mapping[str, str]
    fail_on: str
    params: Mapping[str, Mapping[str, Any]]
    rules: tuple[Path, ...]
    per_file_ignores: Mapping[str, tuple[str, ...]]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    extend_vocabulary: Mapping[str, Any]
    baseline: Path | None
    font: tuple[str, ...]
    from_options: frozenset[str]
    text: str

    def __init__(self, path: Path | None = None, select: tuple[str, ...] | None = None,
                 extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 severity: Mapping[str, str] | None = None, fail_on: str = "error",
                 params: Mapping[str, Mapping[str, Any]] | None = None, rules: tuple[Path, ...] = (),
                 per_file_ignores: Mapping[str, tuple[str, ...]] | None = None,
                 include: tuple[str, ...] = ORG_FILE_PATTERNS, exclude: tuple[str, ...] = (),
                 extend_vocabulary: Mapping[str, Any] | None = None, baseline: Path | None = None,
                 font: tuple[str, ...] = (), from_options: frozenset[str] = frozenset(), text: str = "") -> None:
        self._init(path=path, select=select, extend_select=extend_select, ignore=ignore, severity=severity or {},
                   fail_on=fail_on, params=params or {}, rules=rules, per_file_ignores=per_file_ignores or {},
                   include=include, exclude=exclude, extend_vocabulary=extend_vocabulary or {}, baseline=baseline,
                   font=font, from_options=from_options, text=text)

    def __repr__(self) -> str:
        return super().__repr__().replace(f", text={self.text!r})", ")")

    @property
    def root(self) -> Path:
        """The folder that relative paths and globs in the settings are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()

    def location(self, *key: str) -> str:
        """``FILE:LINE`` where ``key`` is written."""
        return f"{self.path}:{line_of(self.path, self.text, key)}" if self.path else "<settings>"

    def where(self, *key: str) -> str:
        """``FILE:LINE: KEY`` (or ``--KEY`` for a value from the command line), for an error message."""
        return f"--{key[0]}" if key[0] in self.from_options else f"{self.location(*key)}: {'.'.join(key)}"


def find_config(start: Path) -> Path | None:
    """The nearest configuration file above ``start`` (a file or folder), or None.

    Raises ConfigError for a configuration file that cannot be read or parsed.
    """
    folder = Path(os.path.realpath(start if is_directory(start) else start.parent))  # never raises on a loop
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if is_candidate(candidate) and has_settings(candidate):
                return candidate
    return None


class _Invalid(Exception):
    """A wrong value at ``key``; the caller turns it into a ConfigError with the key's file and line.

    The line is looked up only then: looking it up for every key read made a
    configuration of 20,000 globs take minutes.
    """

    def __init__(self, key: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


def _strings(value: Any, key: tuple[str, ...]) -> tuple[str, ...]:
    """A list setting: a TOML list of strings, or a comma/newline-separated string (setup.cfg)."""
    if isinstance(value, str):
        return tuple(item.strip() for item in value.replace("\n", ",").split(",") if item.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise _Invalid(key, "expected a list of strings")


def _table(value: Any, key: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(key, "expected a table")
    return value


def parse_settings(raw: Mapping[str, Any], path: Path | None, text: str = "") -> Settings:
    """Validated settings from a raw table; relative paths are resolved against the file's folder."""
    located = Settings(path=path, text=text)
    for key in raw:
        if key not in KEYS:
            raise ConfigError(f"{located.location(key)}: unknown setting '{token(key)}' (settings: {', '.join(KEYS)})")
    try:
        fields = _fields(raw, path)
    except _Invalid as error:
        raise ConfigError(f"{located.where(*error.key)}: {error.message}") from None
    return Settings(path=path, text=text, **fields)


def _fields(raw: Mapping[str, Any], path: Path | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    root = path.parent if path else Path.cwd()
    for key in LIST_KEYS:
        if key in raw:
            fields[key.replace("-", "_")] = _strings(raw[key], (key,))
    if "rules" in fields:
        fields["rules"] = tuple((root / p) for p in fields["rules"])
    if "baseline" in raw:
        if not isinstance(raw["baseline"], str) or not raw["baseline"]:
            raise _Invalid(("baseline",), "expected the path of a baseline file")
        fields["baseline"] = root / raw["baseline"]
    for family in fields.get("font", ()):
        from orgmodel.render.fonts import family_error

        if (problem := family_error(family)) is not None:
            raise _Invalid(("font",), problem)
    if "fail-on" in raw:
        if raw["fail-on"] not in SEVERITY_WORDS:
            raise _Invalid(("fail-on",), f"expected one of {', '.join(SEVERITY_WORDS)}")
        fields["fail_on"] = raw["fail-on"]
    severity = _table(raw.get("severity", {}), ("severity",))
    for code, level in severity.items():
        if level not in (*SEVERITY_WORDS, "off"):
            raise _Invalid(("severity", code), f"expected one of {', '.join(SEVERITY_WORDS)}, off")
    fields["severity"] = dict(severity)
    params = _table(raw.get("params", {}), ("params",))
    fields["params"] = {code: _table(values, ("params", code)) for code, values in params.items()}
    if "extend-vocabulary" in raw:
        if path is not None and path.suffix == ".cfg":
            raise _Invalid(("extend-vocabulary",), "not available in setup.cfg; write it in .orgmodel.toml or "
                                                   "pyproject.toml [tool.orgmodel.extend-vocabulary]")
        fields["extend_vocabulary"] = _table(raw["extend-vocabulary"], ("extend-vocabulary",))
    ignores = _table(raw.get("per-file-ignores", {}), ("per-file-ignores",))
    fields["per_file_ignores"] = {glob: _strings(codes, ("per-file-ignores", glob)) for glob, codes in ignores.items()}
    return fields


def load_settings(path: Path) -> Settings:
    raw, text = read_table(path)
    return parse_settings(raw, path, text)


def _coerce(value: Any, kind: str) -> Any:
    """setup.cfg gives every parameter as a string; make it the type the kind expects."""
    if not isinstance(value, str):
        return value
    if kind == "int":
        try:
            return int(value)
        except ValueError:
            return value
    if kind == "words":
        return list(_strings(value, ()))
    return value


def _check_codes(codes: tuple[str, ...], known: frozenset[str], key: tuple[str, ...]) -> None:
    for code in codes:
        if not code.strip():  # "" is a prefix of every code: it would switch every rule off
            raise _Invalid(key, "an empty rule code would match every rule; remove it")
        if not any(k.startswith(code) for k in known):
            raise _Invalid(key, f"unknown rule code or prefix '{token(code)}' (orgmodel rules lists them)")


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def _configured(rule: Rule, values: Mapping[str, Any], pack: RulePack) -> Rule:
    """``rule`` with the parameters a configuration gives it, validated by the schema that validates packs.

    The complete parameters are checked, across parameters too, so a value of
    the wrong shape (a one-item ``duties`` list) is an error naming the key,
    not an internal error at check time.
    """
    given = dict(rule.params)
    for name, value in values.items():
        param = rule.kind.params.get(name)
        given[name] = _coerce(value, param.type) if param else value
    params, problem = checked_params(rule.kind, given, pack.vocabulary)
    if problem is not None:
        name, why = problem
        raise _Invalid(("params", rule.code, name) if name in values else ("params", rule.code), why)
    return rule.replace(params=params)


def configure_pack(base: RulePack, settings: Settings) -> RulePack:
    """``base`` with the settings' extra packs, parameters, severities and selection applied."""
    try:
        pack = load_packs(settings.rules, base) if settings.rules else base
    except PackError as error:
        raise ConfigError(str(error)) from None
    if settings.extend_vocabulary:
        pack = pack.replace(vocabulary=_extended(pack, settings))
    try:
        return _configure(pack, settings)
    except _Invalid as error:
        raise ConfigError(f"{settings.where(*error.key)}: {error.message}") from None


def _configure(pack: RulePack, settings: Settings) -> RulePack:
    known = frozenset(pack.rules)
    if settings.select is not None and not settings.select and not settings.extend_select:
        raise _Invalid(("select",), "selects no rule, so nothing would be checked; name codes or prefixes, "
                                    "or leave select out to check every rule")
    _check_codes(settings.select or (), known, ("select",))
    _check_codes(settings.extend_select, known, ("extend-select",))
    _check_codes(settings.ignore, known, ("ignore",))
    for glob, codes in settings.per_file_ignores.items():
        _check_codes(codes, known, ("per-file-ignores", glob))
    rules = dict(pack.rules)
    for code, values in settings.params.items():
        if code not in rules:
            raise _Invalid(("params", code), "unknown rule code")
        rules[code] = _configured(rules[code], values, pack)
    for code, level in settings.severity.items():
        if code not in rules:
            raise _Invalid(("severity", code), "unknown rule code")
        if level == "off":
            del rules[code]
        else:
            rules[code] = rules[code].replace(severity=Severity.parse(level))
    named = (*(settings.select or ()), *settings.extend_select)
    enabled = {code: rule for code, rule in rules.items()
               if (settings.select is None or _matches(code, named)) and not _matches(code, settings.ignore)}
    opted_in = frozenset(code for code, rule in enabled.items() if rule.opt_in and _matches(code, named))
    return pack.replace(rules=enabled, known_codes=known, opted_in=opted_in)


def _extended(pack: RulePack, settings: Settings) -> Vocabulary:
    """The pack's vocabulary with the settings' [extend-vocabulary]; errors give file:line: key."""
    from orgmodel.vocabulary_schema import VocabularyError, extend_vocabulary

    try:
        return extend_vocabulary(pack.vocabulary, settings.extend_vocabulary)
    except VocabularyError as error:
        assert settings.path is not None  # only files carry an extend-vocabulary table
        prefix: tuple[str, ...] = ("tool", "orgmodel") if settings.path.name == "pyproject.toml" else ()
        text = TomlText(str(settings.path), settings.text)
        raise ConfigError(f"{settings.path}:{text.line_of_path((*prefix, *error.path))}: "
                          f"{error.key}: {error.message}") from None


def _relative(settings: Settings, file: Path) -> str:
    """``file`` relative to the settings' folder, as globs see it (realpath: a symlink loop must not raise)."""
    try:
        return Path(os.path.realpath(file)).relative_to(os.path.realpath(settings.root)).as_posix()
    except ValueError:
        return file.name


def ignored_for(settings: Settings, file: Path) -> tuple[str, ...]:
    """Codes (and prefixes) that per-file-ignores switch off for ``file``."""
    relative = PurePosixPath(_relative(settings, file))
    codes: list[str] = []
    for glob, ignored in settings.per_file_ignores.items():
        if fnmatch.fnmatch(str(relative), glob) or fnmatch.fnmatch(relative.name, glob):
            codes.extend(ignored)
    return tuple(codes)


def _excluded_by(pattern: str, relative: str) -> bool:
    """A pattern matches the path relative to the settings' folder, or the file's name alone."""
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePosixPath(relative).name, pattern)


def is_excluded(settings: Settings, file: Path) -> bool:
    """Whether an ``exclude`` pattern matches ``file`` (named on the command line or found in a folder)."""
    relative = _relative(settings, file)
    return any(_excluded_by(pattern, relative) for pattern in settings.exclude)


def matches_include(settings: Settings, file: Path) -> bool:
    """Whether ``file``'s name matches an include pattern: an org file to a directory walk."""
    return any(fnmatch.fnmatch(file.name, g) for g in settings.include)


def is_included(settings: Settings, file: Path) -> bool:
    """Whether a directory walk picks ``file`` up: it matches include and no exclude."""
    return matches_include(settings, file) and not is_excluded(settings, file)


def unmatched_excludes(settings: Settings, files: Iterable[Path]) -> list[str]:
    """The exclude patterns that match none of ``files`` (the org files under the settings' folder)."""
    relatives = [_relative(settings, file) for file in files]
    return [pattern for pattern in settings.exclude if not any(_excluded_by(pattern, r) for r in relatives)]
