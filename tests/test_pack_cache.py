"""The per-user cache of the built-in pack and of compiled patterns: never stale, never trusted blindly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgmodel import pack_cache, patterns
from orgmodel.rulepack import build_pack, builtin_texts

TEXTS = builtin_texts()


def built() -> object:
    return build_pack(TEXTS, builtin=True)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ORGMODEL_CACHE_DIR", str(folder))
    monkeypatch.delenv("ORGMODEL_NO_CACHE", raising=False)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("pack-*.bin"))


def test_a_cached_pack_is_the_pack_it_was_built_from(cache: Path) -> None:
    first = pack_cache.cached(TEXTS, built)
    assert len(_entries(cache)) == 1
    again = pack_cache.cached(TEXTS, lambda: pytest.fail("a verified entry must be read, not rebuilt"))
    assert again == first == built()
    assert again.vocabulary.title_level("Senior Brand Manager") == first.vocabulary.title_level("Senior Brand Manager")
    assert (cache.stat().st_mode & 0o777, _entries(cache)[0].stat().st_mode & 0o777) == (0o700, 0o600)


def test_a_changed_pack_text_is_another_entry(cache: Path) -> None:
    pack_cache.cached(TEXTS, built)
    changed = [(path, text.replace('severity = "warning"', 'severity = "info"', 1)) for path, text in TEXTS]
    assert pack_cache.key(changed) != pack_cache.key(TEXTS)
    rebuilt = pack_cache.cached(changed, lambda: build_pack(changed, builtin=True))
    assert len(_entries(cache)) == 2
    assert rebuilt != built()


# (what is done to the entry, or to the folder) -> the cache must not be read
TAMPERING = [
    ("a changed byte", lambda entry: entry.write_bytes(entry.read_bytes()[:-9] + b"x" + entry.read_bytes()[-8:])),
    ("cut short", lambda entry: entry.write_bytes(entry.read_bytes()[:1000])),
    ("writable by others", lambda entry: entry.chmod(0o666)),
    ("a folder writable by others", lambda entry: entry.parent.chmod(0o777)),
    ("a link to another file", lambda entry: (entry.with_name("real").write_bytes(entry.read_bytes()), entry.unlink(),
                                              entry.symlink_to(entry.with_name("real")))),
]


@pytest.mark.parametrize(("name", "tamper"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_an_entry_that_cannot_be_verified_is_not_read(cache: Path, name: str, tamper: object) -> None:
    pack_cache.cached(TEXTS, built)
    tamper(_entries(cache)[0])  # type: ignore[operator]
    calls = []

    def build() -> object:
        calls.append(1)
        return built()

    assert pack_cache.cached(TEXTS, build) == built()
    assert calls == [1]


def test_no_cache_when_switched_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGMODEL_NO_CACHE", "1")
    calls = []
    for _ in range(2):
        pack_cache.cached(TEXTS, lambda: calls.append(1) or built())
    assert calls == [1, 1] and not cache.exists()


def test_a_folder_of_another_user_is_not_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    pack_cache.cached(TEXTS, lambda: calls.append(1) or built())  # written as this user
    monkeypatch.setattr(pack_cache.os, "getuid", lambda: cache.stat().st_uid + 1, raising=False)
    for _ in range(2):  # now the folder and its entry belong to someone else: neither read nor written
        pack_cache.cached(TEXTS, lambda: calls.append(1) or built())
    assert calls == [1, 1, 1]


# (pattern, flags, text, what findall gives)
PATTERNS = [
    (r"\nrole ([A-Za-z][\w-]*)", 0, "\nrole a\nrole b-1\nkpi c", ["a", "b-1"]),
    (r"(?P<word>\w+)@", re.ASCII, "x@ é@ y@", ["x", "y"]),
    (r"(?:(a)|b)(?(1)c|d)", 0, "ac bd ad bc", ["a", ""]),
]


@pytest.mark.parametrize(("pattern", "flags", "text", "expected"), PATTERNS)
def test_compiled_patterns_match_as_re_compile_does(cache: Path, monkeypatch: pytest.MonkeyPatch, pattern: str,
                                                     flags: int, text: str, expected: list[object]) -> None:
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns, "_compiled", {})
    made = patterns.compiled(pattern, flags)  # compiled, and its program kept
    assert made.findall(text) == re.compile(pattern, flags).findall(text) == expected
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns, "_compiled", {})
    again = patterns.compiled(pattern, flags)  # from the cache entry
    assert again.findall(text) == expected and again.groupindex == made.groupindex
    assert list(cache.glob("patterns-*.bin"))


# (file name, text without orgmodel settings, the same file given some)
WITHOUT_SETTINGS = [
    ("pyproject.toml", '[project]\nname = "x"\n', '[project]\nname = "x"\n[tool.orgmodel]\nselect = ["KPI"]\n'),
    ("setup.cfg", "[metadata]\nname = x\n", "[metadata]\nname = x\n[orgmodel]\nselect = KPI\n"),
]


@pytest.mark.parametrize(("name", "plain", "configured"), WITHOUT_SETTINGS)
def test_a_configuration_file_without_settings_is_parsed_once(cache: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, name: str, plain: str,
                                                              configured: str) -> None:
    from orgmodel import config_files

    path = tmp_path / name
    path.write_text(plain)
    assert config_files.has_settings(path) is False
    assert len(list(cache.glob("config-*.bin"))) == 1
    monkeypatch.setattr(config_files, "_has_settings", lambda *_: pytest.fail("a remembered file must not be parsed"))
    assert config_files.has_settings(path) is False
    monkeypatch.undo()
    path.write_text(configured)  # new contents: never the old answer
    assert config_files.has_settings(path) is True


@pytest.mark.parametrize(("name", "broken"), [("pyproject.toml", "[project\n"), ("setup.cfg", "name = x\n")])
def test_a_configuration_file_that_cannot_be_parsed_is_not_remembered(cache: Path, tmp_path: Path, name: str,
                                                                      broken: str) -> None:
    from orgmodel.config_files import ConfigError, has_settings

    path = tmp_path / name
    path.write_text(broken)
    for _ in range(2):  # the error every time, not only the first
        with pytest.raises(ConfigError, match=f"{name}:1: not"):
            has_settings(path)
    assert not list(cache.glob("config-*.bin"))
