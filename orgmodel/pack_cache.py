"""The validated built-in rule pack, kept between runs so that a check does not parse TOML at start-up.

Reading ``rules/*.toml``, validating every rule and indexing the title tables
takes about fifty milliseconds; a pre-commit hook pays it on every commit.
The result is plain data (``marshal``: strings, numbers, tuples, lists and
dicts; nothing in it can run code) in a per-user cache folder.

It is never stale and never trusted blindly:

- the key hashes the pack files' text, Python's and orgmodel's versions, and
  the size and modification time of every module that builds a pack, so any
  change to the pack or to the code makes a new entry;
- the entry holds a hash of its own contents, checked before it is read, so a
  torn or corrupted file is rebuilt, not loaded;
- the folder must be a real folder (no link) owned by the user and writable by
  no one else (a shared temporary folder would let another user plant an
  entry), and so must the entry: otherwise the cache is not used.

``ORGMODEL_NO_CACHE=1`` switches it off; ``ORGMODEL_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

try:  # hashlib imports OpenSSL (10 ms); its BLAKE2 lives in this small module
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

_FORMAT = b"orgmodel-pack-cache-1\n"
_OBJECT = "\x00orgmodel-object"  # marks an encoded object; no TOML string holds a NUL
_PACKAGE = Path(__file__).resolve().parent
# The modules whose code decides what a built pack holds.
_BUILDERS = ("rulepack.py", "vocabulary.py", "vocabulary_schema.py", "titles.py", "toml_lines.py", "finding.py",
             "checks", "dsl/grammar.py")


def folder() -> Path | None:
    """The per-user cache folder, or None when there is no safe one."""
    if os.environ.get("ORGMODEL_NO_CACHE"):
        return None
    chosen = os.environ.get("ORGMODEL_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base, "orgmodel", "Cache") if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "orgmodel"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "orgmodel")


def _private(info: os.stat_result, kind: int) -> bool:
    """Owned by this user, of the expected kind, and writable by nobody else."""
    if stat.S_IFMT(info.st_mode) != kind or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _code_stamp() -> list[tuple[str, int, int]]:
    stamps = []
    for name in _BUILDERS:
        path = _PACKAGE / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            info = file.stat()
            stamps.append((str(file.relative_to(_PACKAGE)), info.st_mtime_ns, info.st_size))
    return stamps


def key(texts: Sequence[tuple[str, str]]) -> str:
    """What an entry is for: the pack's text, and the Python and orgmodel code that built it."""
    from orgmodel import __version__

    digest = blake2b(digest_size=20)
    digest.update(repr((sys.version, __version__, _code_stamp())).encode())
    for path, text in texts:
        digest.update(f"\x00{path}\x00{len(text)}\x00".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached(texts: Sequence[tuple[str, str]], build: Callable[[], Any]) -> Any:
    """The pack ``build()`` makes from ``texts``, from the cache when a verified entry is there."""
    where = folder()
    if where is None:
        return build()
    entry = where / f"pack-{key(texts)}.bin"
    data = _read(entry)
    if data is not None:
        try:
            return decode(marshal.loads(data))
        except (ValueError, EOFError, TypeError, KeyError, AttributeError):
            pass  # written by another orgmodel: rebuild below
    pack = build()
    _write(where, entry, marshal.dumps(encode(pack)))
    return pack


def _read(entry: Path) -> bytes | None:
    """The verified payload of an entry, or None."""
    try:
        if not _private(os.lstat(entry.parent), stat.S_IFDIR) or not _private(os.lstat(entry), stat.S_IFREG):
            return None
        raw = entry.read_bytes()
    except OSError:
        return None
    head, _, rest = raw.partition(b"\n")
    digest, _, payload = rest.partition(b"\n")
    if head + b"\n" != _FORMAT or digest != blake2b(payload, digest_size=32).hexdigest().encode():
        return None
    return payload


def _write(where: Path, entry: Path, payload: bytes) -> None:
    """Write an entry atomically; a cache that cannot be written is simply not used."""
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.lstat(where), stat.S_IFDIR):
            return
        temporary = where / f".{entry.name}.{os.getpid()}"
        with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            handle.write(_FORMAT + blake2b(payload, digest_size=32).hexdigest().encode() + b"\n" + payload)
        os.replace(temporary, entry)
        _prune(where)
    except OSError:
        return


def _prune(where: Path, keep: int = 8) -> None:
    """Keep the newest few entries: each change to the pack or the code makes one."""
    entries = sorted(where.glob("pack-*.bin"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def encode(value: Any) -> Any:
    """Plain data for ``marshal``: objects become ``(_OBJECT, class name, fields)``."""
    if value is None or type(value) in (str, int, float, bool):  # exact: an IntEnum is an object here
        return value
    if isinstance(value, tuple):
        return tuple(encode(item) for item in value)
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {encode(k): encode(v) for k, v in value.items()}
    if isinstance(value, frozenset):
        return frozenset(encode(item) for item in value)
    codec = _codec(type(value))
    return (_OBJECT, type(value).__name__, codec.fields(value))


def decode(value: Any) -> Any:
    if isinstance(value, tuple):
        if value and value[0] == _OBJECT:
            return _CODECS[value[1]].make(value[2])
        return tuple(decode(item) for item in value)
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        return {decode(k): decode(v) for k, v in value.items()}
    if isinstance(value, frozenset):
        return frozenset(decode(item) for item in value)
    return value


class _Codec:
    """How one class becomes fields and back."""

    def __init__(self, fields: Callable[[Any], Any], make: Callable[[Any], Any]) -> None:
        self.fields, self.make = fields, make


def _attrs_codec(cls: type) -> _Codec:
    import attrs

    names = [(a.name, a.alias) for a in attrs.fields(cls) if a.init]
    return _Codec(lambda obj: {alias: encode(getattr(obj, name)) for name, alias in names},
                  lambda fields: cls(**decode(fields)))


def _record_codec(cls: type) -> _Codec:
    return _Codec(lambda obj: encode(obj._fields()), lambda fields: cls(*decode(fields)))


def _codec(cls: type) -> _Codec:
    if cls.__name__ not in _CODECS:
        raise TypeError(f"the pack cache cannot hold a {cls.__name__}")
    return _CODECS[cls.__name__]


def _codecs() -> dict[str, _Codec]:
    from orgmodel.checks import CHECK_KINDS
    from orgmodel.finding import Severity
    from orgmodel.rulepack import Rule, RulePack, Source
    from orgmodel.titles import Phrases, Table, TitleRow
    from orgmodel.vocabulary import Responsibility, Vocabulary

    found = {cls.__name__: _attrs_codec(cls) for cls in (Rule, RulePack)}
    found.update({cls.__name__: _record_codec(cls) for cls in (Source, Responsibility, TitleRow, Phrases)})
    found["CheckKind"] = _Codec(lambda kind: kind.name, CHECK_KINDS.__getitem__)
    found["Severity"] = _Codec(lambda severity: severity.value, Severity)
    found["Table"] = _Codec(lambda table: encode(table.state()), lambda state: Table.from_state(decode(state)))
    vocabulary = _attrs_codec(Vocabulary)
    # A vocabulary keeps its title tables indexed: indexing them is most of what the cache saves.
    found["Vocabulary"] = _Codec(lambda v: (vocabulary.fields(v), encode(v.indexed_tables())),
                                 lambda state: vocabulary.make(state[0]).with_tables(decode(state[1])))
    return found


class _Lazy(dict):  # type: ignore[type-arg]
    """The codecs, made on first use (they import what they encode)."""

    def __missing__(self, name: str) -> _Codec:
        self.update(_codecs())
        if name not in self:
            raise KeyError(name)
        return dict.__getitem__(self, name)  # type: ignore[no-any-return]

    def __contains__(self, name: object) -> bool:
        if not dict.__len__(self):
            self.update(_codecs())
        return dict.__contains__(self, name)


_CODECS: dict[str, _Codec] = _Lazy()
