"""Reading configuration files: .orgmodel.toml, pyproject.toml [tool.orgmodel], setup.cfg [orgmodel].

Each is read as a TOML-shaped table and remembers where each key was written,
so that an error names the file, the line and the key. A file that cannot be
used is an error, never skipped: an invalid pyproject.toml that silently
dropped its [tool.orgmodel] would switch the checks it configures off. No
error quotes a line of the file (it may be a link to a secret).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgmodel.files import NotRegularFile, read_regular_text
from orgmodel.sanitise import token

if TYPE_CHECKING:
    import configparser

# configparser and tomllib are imported when a file is parsed: most checks find no configuration file.
CONFIG_NAMES = (".orgmodel.toml", "pyproject.toml", "setup.cfg")


class ConfigError(Exception):
    """A configuration that cannot be used; ``str()`` names the file, the line and the key."""


def read_text(path: Path) -> str:
    try:
        return read_regular_text(path)
    except NotRegularFile:  # a FIFO would hang, /dev/zero never end
        raise ConfigError(f"{path}: not a regular file; a configuration file must be one") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read: not UTF-8 (byte offset {error.start})") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def is_candidate(path: Path) -> bool:
    """Whether ``path`` exists to be looked at; one that exists but is no regular file is an error."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return False  # a folder we may not look into has no settings for us
    except OSError as error:  # e.g. a symlink loop
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path}: not a regular file; a configuration file must be one")
    return True


def _toml(path: Path, text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else text.count("\n") + 1
        raise ConfigError(f"{path}:{line}: not valid TOML: {token(str(error), 120)}") from None


def _ini(path: Path, text: str) -> configparser.ConfigParser:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # codes and globs keep their case
    try:
        parser.read_string(text, source=str(path))
    except configparser.MissingSectionHeaderError as error:
        raise ConfigError(f"{path}:{error.lineno}: not a valid setup.cfg: a line before the first [section]") from None
    except configparser.ParsingError as error:
        line = error.errors[0][0] if error.errors else 1
        raise ConfigError(f"{path}:{line}: not a valid setup.cfg: a line that is not KEY = VALUE") from None
    except (configparser.DuplicateSectionError, configparser.DuplicateOptionError) as error:
        what = (f"option '{token(error.option)}' given twice" if isinstance(error, configparser.DuplicateOptionError)
                else f"section [{token(error.section)}] given twice")
        raise ConfigError(f"{path}:{error.lineno}: not a valid setup.cfg: {what}") from None
    except configparser.Error as error:
        raise ConfigError(f"{path}: not a valid setup.cfg: {type(error).__name__}") from None
    return parser


def has_settings(path: Path) -> bool:
    """Whether a configuration file has an orgmodel section (raises ConfigError if it cannot be read).

    A valid file without one is remembered by its exact contents in the per-user
    cache (``orgmodel.pack_cache``): a check in a Python project otherwise imports
    tomllib and configparser and parses pyproject.toml and setup.cfg at every
    start, a twentieth of a small file's check. A file that has a section, or
    that fails to parse, is parsed every time, so its errors are always reported.
    """
    if path.name == ".orgmodel.toml":
        return True
    text = read_text(path)
    from orgmodel import pack_cache

    entry = pack_cache.entry("config", f"{path.name}\x00{text}")  # this name and text: valid, no section
    if pack_cache.load(entry) is not None:
        return False
    found = _has_settings(path, text)
    if not found:
        pack_cache.store(entry, b"")
    return found


def _has_settings(path: Path, text: str) -> bool:
    if path.name == "pyproject.toml":
        tool = _toml(path, text).get("tool", {})
        return isinstance(tool, dict) and "orgmodel" in tool
    return any(s == "orgmodel" or s.startswith("orgmodel:") for s in _ini(path, text).sections())


def read_table(path: Path) -> tuple[dict[str, Any], str]:
    """The settings table of a configuration file, TOML-shaped, and the file's text."""
    text = read_text(path)
    if path.suffix == ".cfg":
        return _read_ini(path, text), text
    data = _toml(path, text)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("orgmodel", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}:{line_of(path, text, ())}: tool.orgmodel: expected a table")
    return data, text


def _read_ini(path: Path, text: str) -> dict[str, Any]:
    """setup.cfg: [orgmodel], [orgmodel:severity], [orgmodel:per-file-ignores], [orgmodel:params:CODE]."""
    parser = _ini(path, text)
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
            raise ConfigError(f"{path}:{line_of(path, text, tuple(parts[1:]))}: unknown section "
                              f"[{token(section)}] (allowed: [orgmodel:severity], [orgmodel:per-file-ignores], "
                              "[orgmodel:params:CODE])")
    return raw


_KEY_PART = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([\w-]+))\s*""")
_INI_LINE = re.compile(r"([^=:\s][^=:]*?)\s*[=:]")


def _toml_key(text: str) -> tuple[str, ...]:
    """The parts of a (dotted, perhaps quoted) TOML key written at the start of ``text``."""
    parts, position = [], 0
    while (match := _KEY_PART.match(text, position)) and match.end() > position:
        parts.append(next(group for group in match.groups() if group is not None))
        position = match.end()
        if not text.startswith(".", position):
            break
        position += 1
    return tuple(parts)


def _written_keys(path: Path, text: str) -> list[tuple[int, tuple[str, ...]]]:
    """Each line that writes a key or opens a table, with the settings key it stands for."""
    prefix = ("tool", "orgmodel") if path.name == "pyproject.toml" else ()
    table: tuple[str, ...] = ("-",) if prefix or path.suffix == ".cfg" else ()  # outside any of our tables
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if path.suffix == ".cfg":
            if stripped.startswith("["):
                parts = stripped.strip("[]").split(":")
                table = tuple(parts[1:]) if parts[0] == "orgmodel" else ("-",)
                found.append((number, table))
            elif (match := _INI_LINE.match(line)) and not line[:1].isspace():
                found.append((number, (*table, match.group(1))))
            continue
        if stripped.startswith("["):
            whole = _toml_key(stripped.strip("[]"))
            table = whole[len(prefix):] if whole[: len(prefix)] == prefix else ("-",)
            found.append((number, table))
        elif stripped and not stripped.startswith("#"):
            found.append((number, (*table, *_toml_key(stripped))))
    return found


def line_of(path: Path, text: str, key: tuple[str, ...]) -> int:
    """The line where ``key`` (e.g. ``("params", "SPAN001", "max")``) is written, or its nearest table's."""
    best, best_length = 1, -1
    for number, written in _written_keys(path, text):
        length = len(written)
        if written == key[:length] and length > best_length:
            best, best_length = number, length
    return best
