"""Configuration: finding it, reading it, validating it, and applying it to a pack.

Found the way ruff and sqlfluff find theirs: walking up from the checked
file, the first folder with ``.orgmodel.toml``, a ``pyproject.toml`` with
``[tool.orgmodel]`` or a ``setup.cfg`` with ``[orgmodel]`` wins (in that
order within one folder). Every key and code is validated; an error names
the file and the key.
"""

from __future__ import annotations

import configparser
import fnmatch
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from orgmodel.api import ORG_FILE_PATTERNS, is_directory
from orgmodel.finding import SEVERITY_WORDS
from orgmodel.checks.params import param_error
from orgmodel.rulepack import PackError, RulePack, load_packs
from orgmodel.toml_lines import TomlText
from orgmodel.vocabulary import Vocabulary
from orgmodel.vocabulary_schema import VocabularyError, extend_vocabulary

CONFIG_NAMES = (".orgmodel.toml", "pyproject.toml", "setup.cfg")
LIST_KEYS = ("select", "extend-select", "ignore", "rules", "include", "exclude", "font")
TABLE_KEYS = ("severity", "params", "per-file-ignores", "extend-vocabulary")
KEYS = (*LIST_KEYS, *TABLE_KEYS, "fail-on", "baseline")


class ConfigError(Exception):
    """A configuration that cannot be used; ``str()`` names the file and the key."""


@attrs.frozen
class Settings:
    path: Path | None = None  # the file the settings came from
    select: tuple[str, ...] | None = None  # None: every rule but the opt-in ones
    extend_select: tuple[str, ...] = ()  # added to select; how opt-in rules are switched on
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = attrs.field(factory=dict)  # code -> error|warning|info|off
    fail_on: str = "error"
    params: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)  # code -> {param: value}
    rules: tuple[Path, ...] = ()  # extra rule packs
    per_file_ignores: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)  # glob -> codes
    include: tuple[str, ...] = ORG_FILE_PATTERNS
    exclude: tuple[str, ...] = ()
    # Additions to the pack's vocabulary ([extend-vocabulary]), checked when the pack is configured.
    extend_vocabulary: Mapping[str, Any] = attrs.field(factory=dict)
    baseline: Path | None = None  # findings recorded to be tolerated (orgmodel.baseline)
    font: tuple[str, ...] = ()  # extra font families for charts, after Lato (render --font)
    # Keys whose value came from the command line, so errors name the option.
    from_options: frozenset[str] = frozenset()

    @property
    def root(self) -> Path:
        """The folder that relative paths and globs in the settings are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()


def _has_settings(path: Path) -> bool:
    if path.name == ".orgmodel.toml":
        return True
    try:
        if path.name == "pyproject.toml":
            return "orgmodel" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
        parser = configparser.ConfigParser()
        parser.read(path, encoding="utf-8")
        return parser.has_section("orgmodel")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, configparser.Error):
        return False


def find_config(start: Path) -> Path | None:
    """The nearest configuration file above ``start`` (a file or folder), or None."""
    folder = (start if is_directory(start) else start.parent).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            try:
                if candidate.is_file() and _has_settings(candidate):
                    return candidate
            except OSError:  # a folder we may not look into has no settings for us
                continue
    return None


def _read_raw(path: Path) -> dict[str, Any]:
    """The settings table of a configuration file, TOML-shaped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if path.suffix == ".cfg":
        return _read_ini(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("orgmodel", {})
    return data


def _read_ini(path: Path, text: str) -> dict[str, Any]:
    """setup.cfg: [orgmodel], [orgmodel:severity], [orgmodel:per-file-ignores], [orgmodel:params:CODE]."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # codes and globs keep their case
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise ConfigError(f"{path}: not a valid setup.cfg: {error}") from None
    raw: dict[str, Any] = dict(parser["orgmodel"]) if parser.has_section("orgmodel") else {}
    for section in parser.sections():
        if not section.startswith("orgmodel:"):
            continue
        parts = section.split(":")
        if parts[1] in ("severity", "per-file-ignores") and len(parts) == 2:
            raw[parts[1]] = dict(parser[section])
        elif parts[1] == "params" and len(parts) == 3:
            raw.setdefault("params", {})[parts[2]] = dict(parser[section])
        else:
            raise ConfigError(f"{path}: unknown section [{section}] (allowed: [orgmodel:severity], "
                              "[orgmodel:per-file-ignores], [orgmodel:params:CODE])")
    return raw


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A list setting: a TOML list of strings, or a comma/newline-separated string (setup.cfg)."""
    if isinstance(value, str):
        return tuple(item.strip() for item in value.replace("\n", ",").split(",") if item.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a list of strings")


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def parse_settings(raw: Mapping[str, Any], path: Path | None) -> Settings:
    """Validated settings from a raw table; relative paths are resolved against the file's folder."""
    label = str(path) if path else "<settings>"
    for key in raw:
        if key not in KEYS:
            raise ConfigError(f"{label}: unknown setting '{key}' (settings: {', '.join(KEYS)})")
    fields: dict[str, Any] = {"path": path}
    root = path.parent if path else Path.cwd()
    for key in LIST_KEYS:
        if key in raw:
            fields[key.replace("-", "_")] = _strings(raw[key], f"{label}: {key}")
    if "rules" in fields:
        fields["rules"] = tuple((root / p) for p in fields["rules"])
    if "baseline" in raw:
        if not isinstance(raw["baseline"], str) or not raw["baseline"]:
            raise ConfigError(f"{label}: baseline: expected the path of a baseline file")
        fields["baseline"] = root / raw["baseline"]
    for family in fields.get("font", ()):
        from orgmodel.render.fonts import family_error

        if (problem := family_error(family)) is not None:
            raise ConfigError(f"{label}: font: {problem}")
    if "fail-on" in raw:
        if raw["fail-on"] not in SEVERITY_WORDS:
            raise ConfigError(f"{label}: fail-on: expected one of {', '.join(SEVERITY_WORDS)}")
        fields["fail_on"] = raw["fail-on"]
    severity = _table(raw.get("severity", {}), f"{label}: severity")
    for code, level in severity.items():
        if level not in (*SEVERITY_WORDS, "off"):
            raise ConfigError(f"{label}: severity.{code}: expected one of {', '.join(SEVERITY_WORDS)}, off")
    fields["severity"] = dict(severity)
    params = _table(raw.get("params", {}), f"{label}: params")
    fields["params"] = {code: _table(values, f"{label}: params.{code}") for code, values in params.items()}
    if "extend-vocabulary" in raw:
        if path is not None and path.suffix == ".cfg":
            raise ConfigError(f"{label}: extend-vocabulary: not available in setup.cfg; write it in "
                              ".orgmodel.toml or pyproject.toml [tool.orgmodel.extend-vocabulary]")
        fields["extend_vocabulary"] = _table(raw["extend-vocabulary"], f"{label}: extend-vocabulary")
    ignores = _table(raw.get("per-file-ignores", {}), f"{label}: per-file-ignores")
    fields["per_file_ignores"] = {glob: _strings(codes, f"{label}: per-file-ignores.{glob}")
                                  for glob, codes in ignores.items()}
    return Settings(**fields)


def load_settings(path: Path) -> Settings:
    return parse_settings(_read_raw(path), path)


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
        return list(_strings(value, ""))
    return value


def _check_codes(codes: tuple[str, ...], known: frozenset[str], where: str) -> None:
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise ConfigError(f"{where}: unknown rule code or prefix '{code}' (orgmodel rules lists them)")


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def configure_pack(base: RulePack, settings: Settings) -> RulePack:
    """``base`` with the settings' extra packs, parameters, severities and selection applied."""
    label = str(settings.path) if settings.path else "<settings>"
    try:
        pack = load_packs(settings.rules, base) if settings.rules else base
    except PackError as error:
        raise ConfigError(str(error)) from None
    if settings.extend_vocabulary:
        pack = attrs.evolve(pack, vocabulary=_extended(pack, settings))
    known = frozenset(pack.rules)

    def where(key: str) -> str:
        return f"--{key}" if key in settings.from_options else f"{label}: {key}"

    _check_codes(settings.select or (), known, where("select"))
    _check_codes(settings.extend_select, known, where("extend-select"))
    _check_codes(settings.ignore, known, where("ignore"))
    for glob, codes in settings.per_file_ignores.items():
        _check_codes(codes, known, f"{label}: per-file-ignores.{glob}")
    rules = dict(pack.rules)
    for code, values in settings.params.items():
        if code not in rules:
            raise ConfigError(f"{label}: params.{code}: unknown rule code")
        rule = rules[code]
        params = dict(rule.params)
        for name, value in values.items():
            param = rule.kind.params.get(name)
            value = _coerce(value, param.type) if param else value
            error = param_error(rule.kind, name, value, pack.vocabulary)
            if error:
                raise ConfigError(f"{label}: params.{code}.{name}: {error}")
            params[name] = value
        rules[code] = attrs.evolve(rule, params=params)
    from orgmodel.finding import Severity

    for code, level in settings.severity.items():
        if code not in rules:
            raise ConfigError(f"{label}: severity.{code}: unknown rule code")
        if level == "off":
            del rules[code]
        else:
            rules[code] = attrs.evolve(rules[code], severity=Severity.parse(level))
    named = (*(settings.select or ()), *settings.extend_select)
    enabled = {code: rule for code, rule in rules.items()
               if (settings.select is None or _matches(code, named)) and not _matches(code, settings.ignore)}
    opted_in = frozenset(code for code, rule in enabled.items() if rule.opt_in and _matches(code, named))
    return attrs.evolve(pack, rules=enabled, known_codes=known, opted_in=opted_in)


def _extended(pack: RulePack, settings: Settings) -> Vocabulary:
    """The pack's vocabulary with the settings' [extend-vocabulary]; errors give file:line: key."""
    try:
        return extend_vocabulary(pack.vocabulary, settings.extend_vocabulary)
    except VocabularyError as error:
        assert settings.path is not None  # only files carry an extend-vocabulary table
        prefix: tuple[str, ...] = ("tool", "orgmodel") if settings.path.name == "pyproject.toml" else ()
        text = TomlText(str(settings.path), settings.path.read_text(encoding="utf-8"))
        raise ConfigError(f"{settings.path}:{text.line_of_path((*prefix, *error.path))}: "
                          f"{error.key}: {error.message}") from None


def ignored_for(settings: Settings, file: Path) -> tuple[str, ...]:
    """Codes (and prefixes) that per-file-ignores switch off for ``file``."""
    relative = PurePosixPath(_relative(settings, file))
    codes: list[str] = []
    for glob, ignored in settings.per_file_ignores.items():
        if fnmatch.fnmatch(str(relative), glob) or fnmatch.fnmatch(relative.name, glob):
            codes.extend(ignored)
    return tuple(codes)


def _relative(settings: Settings, file: Path) -> str:
    """``file`` relative to the settings' folder (POSIX), or its name when it is outside."""
    try:
        return file.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return file.name


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
