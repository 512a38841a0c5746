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

The same folder keeps the compiled fast-path patterns (``orgmodel.patterns``)
and which configuration files have no orgmodel settings (``orgmodel.config_files``).

``ORGMODEL_NO_CACHE=1`` switches it off; ``ORGMODEL_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orgmodel.rulepack import RulePack
    from orgmodel.titles import TitleRow

try:  # hashlib imports OpenSSL (10 ms); its BLAKE2 lives in this small module
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

_FORMAT = b"orgmodel-pack-cache-1\n"
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
# The modules whose code decides what a built pack holds.
_BUILDERS = ("pack_cache.py", "records.py", "rulepack.py", "vocabulary.py", "vocabulary_schema.py", "titles.py",
             "toml_lines.py", "finding.py",
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
    """Name, modification time and size of each module that builds a pack."""
    stamps = []
    for name in _BUILDERS:
        path = os.path.join(_PACKAGE, name)
        if name.endswith(".py"):
            info = os.stat(path)
            stamps.append((name, info.st_mtime_ns, info.st_size))
            continue
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    stamps.append((f"{name}/{entry.name}", info.st_mtime_ns, info.st_size))
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


def entry(kind: str, text: str) -> str:
    """The name of the entry of ``kind`` for ``text``, written by this Python and this orgmodel."""
    from orgmodel import __version__

    digest = blake2b(repr((sys.version, __version__)).encode(), digest_size=20)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return f"{kind}-{digest.hexdigest()}.bin"


def cached(texts: Sequence[tuple[str, str]], build: Callable[[], Any]) -> Any:
    """The pack ``build()`` makes from ``texts``, from the cache when a verified entry is there."""
    name = f"pack-{key(texts)}.bin"
    data = load(name)
    if data is not None:
        try:
            return decode(marshal.loads(data))
        except (ValueError, EOFError, TypeError, KeyError, AttributeError, IndexError):
            pass  # written by another orgmodel: rebuild below
    pack = build()
    store(name, marshal.dumps(encode(pack)))
    return pack


def load(name: str) -> bytes | None:
    """The verified payload of the cache entry ``name``, or None (no safe cache, no entry, or not intact)."""
    where = folder()
    return _read(where / name) if where is not None else None


def store(name: str, payload: bytes) -> None:
    """Keep ``payload`` as the cache entry ``name`` (atomically; silently not, when there is no safe cache)."""
    where = folder()
    if where is not None:
        _write(where, where / name, payload)


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


# How many entries of each kind are kept: each change to the pack or the code makes a pack
# and a patterns entry; each configuration file without orgmodel settings a config entry.
_KEEP = {"pack": 8, "patterns": 8, "config": 64}


def _prune(where: Path) -> None:
    """Keep the newest few entries of each kind."""
    for kind, keep in _KEEP.items():
        entries = sorted(where.glob(f"{kind}-*.bin"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)


def encode(pack: RulePack) -> tuple[Any, ...]:
    """The pack as plain data for ``marshal``; objects become the tuples of their fields.

    Only the few kinds of object a pack holds are converted, by their place:
    walking every value of the indexed tables would cost more than it saves.
    """
    vocabulary = pack.vocabulary
    fields = list(vocabulary._fields())
    for place, name in enumerate(vocabulary._names()):
        if name == "responsibilities":
            fields[place] = {word: duty._fields() for word, duty in vocabulary.responsibilities.items()}
        elif name in _ROWS:
            fields[place] = tuple(_row(row) for row in fields[place])
    tables = {name: table.state()[1:] for name, table in vocabulary.indexed_tables().items()}  # rows: the fields'
    rules = [(*rule._fields()[:2], int(rule.severity), rule.kind.name, rule.summary, rule.source.id,
              *rule._fields()[6:]) for rule in pack.rules.values()]
    sources = [source._fields() for source in pack.sources.values()]
    return (rules, sources, fields, tables, pack.known_codes, pack.opted_in)


def decode(data: tuple[Any, ...]) -> RulePack:
    """The pack :func:`encode` wrote."""
    from orgmodel.checks import CHECK_KINDS
    from orgmodel.finding import Severity
    from orgmodel.rulepack import Rule, RulePack, Source
    from orgmodel.titles import Table
    from orgmodel.vocabulary import Responsibility, Vocabulary

    rules, sources, fields, tables, known_codes, opted_in = data
    fields = list(fields)
    for place, name in enumerate(Vocabulary._names()):
        if name == "responsibilities":
            fields[place] = {word: Responsibility(*duty) for word, duty in fields[place].items()}
        elif name in _ROWS:
            fields[place] = tuple(_title_row(row) for row in fields[place])
    vocabulary = Vocabulary(*fields)
    vocabulary.with_tables({name: Table.from_state((getattr(vocabulary, name), *state))
                            for name, state in tables.items()})
    source_of = {source[0]: Source(*source) for source in sources}
    made = {rule[0]: Rule(rule[0], rule[1], Severity(rule[2]), CHECK_KINDS[rule[3]], rule[4], source_of[rule[5]],
                          rule[6], rule[7], rule[8], rule[9], rule[10], rule[11], rule[12], rule[13], rule[14])
            for rule in rules}
    return RulePack(made, vocabulary, source_of, known_codes, opted_in)


_ROWS = ("title_levels", "title_layers", "kpi_scopes", "title_channels")  # the vocabulary's title tables


def _row(row: TitleRow) -> tuple[Any, ...]:
    return (row.value, row.any.texts, row.all.texts, row.unless.texts, row.step, row.up_to)


def _title_row(data: tuple[Any, ...]) -> TitleRow:
    from orgmodel.titles import Phrases, TitleRow

    value, any_of, all_of, unless, step, up_to = data
    return TitleRow(value, Phrases(any_of), Phrases(all_of), Phrases(unless), step, up_to)
