"""What ``orgmodel diff`` compares: two files, or org files at git revisions, checked alike.

Both versions of a file are checked with one rule pack, the configuration
that governs the file where it is now (the newer side's path in the working
tree), so that a diff shows what the org's change did, not a change of
settings. A side that does not exist (a file added or deleted at a revision)
is an empty org without findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import attrs

from orgmodel import stats
from orgmodel.api import CheckResult, OrgFileError, check_bytes, display, read_file
from orgmodel.config import ignored_for, is_included
from orgmodel.diff import Diff, compare
from orgmodel.git_revisions import GitError, Revisions, changed, read, revisions, top
from orgmodel.model import Org
from orgmodel.project import Project
from orgmodel.rulepack import RulePack


@attrs.frozen
class Version:
    shown: str  # the path reports print: ``org.txt``, ``main:orgs/org.txt``
    data: bytes | None = attrs.field(repr=False)  # None: the file does not exist in this version


@attrs.frozen
class Pair:
    old: Version
    new: Version
    governing: Path  # where the file is in the working tree: its configuration checks both versions


def files(old: str, new: str) -> Pair:
    """Two org files named on the command line; raises OrgFileError."""
    for name in (old, new):
        if Path(name).is_dir():
            raise OrgFileError(f"{name}: a directory; diff takes two org files, or --git REV [PATH...]")
    return Pair(Version(old, read_file(old)), Version(new, read_file(new)), Path(new))


def _relative(repository: Path, cwd: Path, name: str) -> PurePosixPath:
    try:
        return PurePosixPath((cwd / name).resolve().relative_to(repository.resolve()).as_posix())
    except ValueError:
        raise GitError(f"{name}: outside the repository at {repository}") from None


def _version(repository: Path, revision: str | None, shown: str | None, path: PurePosixPath,
             present: bool) -> Version:
    """``path`` at ``revision`` (None: in the working tree); absent unless ``present``."""
    if revision is None:
        local = repository / path
        exists = present and (local.exists() or local.is_symlink())
        return Version(display(local), read_file(local) if exists else None)
    return Version(f"{shown}:{path.as_posix()}", read(repository, revision, path) if present else None)


def git(project: Project, spec: str, paths: Sequence[str], cwd: Path = Path(".")) -> list[Pair]:
    """Each org file to compare for ``--git SPEC [PATH...]``; raises GitError or OrgFileError.

    A named file is compared whether or not it changed; under a named folder
    (or the whole repository) only org files that changed are.
    """
    repository = top(cwd)
    revs = revisions(spec, repository)
    named = [(name, _relative(repository, cwd, name)) for name in paths]
    chosen: list[tuple[PurePosixPath | None, PurePosixPath | None]] = [
        (path, path) for name, path in named if not (repository / path).is_dir()]
    folders = [path for name, path in named if (repository / path).is_dir()]
    if folders or not paths:

        def wanted(path: PurePosixPath) -> bool:
            file = repository / path
            return is_included(project.settings_for(file), file)

        chosen += changed(repository, revs, folders, wanted)
    pairs = [_pair(repository, revs, old, new) for old, new in chosen]
    for pair in pairs:
        if pair.old.data is None and pair.new.data is None:  # only a named file can be missing from both
            raise OrgFileError(f"{pair.new.shown}: in neither version ({pair.old.shown} nor {pair.new.shown}); "
                               "name an org file that exists in one of them")
    return pairs


def _pair(repository: Path, revs: Revisions, old: PurePosixPath | None, new: PurePosixPath | None) -> Pair:
    """Both versions of a file; a side without it is shown by the other side's path, as absent."""
    either = new or old
    assert either is not None  # git names a path on at least one side
    return Pair(_version(repository, revs.old, revs.shown_old, old or either, old is not None),
                _version(repository, revs.new, revs.shown_new, new or either, new is not None),
                repository / either)


@attrs.frozen
class Compared:
    """Both versions as checked, what changed, and the pack that checked them (a chart needs all)."""

    old: CheckResult
    new: CheckResult
    diff: Diff
    pack: RulePack


def diff(project: Project, pair: Pair) -> Compared:
    """Check both versions of ``pair`` with the same pack and compare them; raises ConfigError, PackError."""
    settings = project.settings_for(pair.governing)
    pack = project.pack_for(settings)
    ignored = ignored_for(settings, pair.governing)

    def checked(version: Version) -> CheckResult:
        if version.data is None:
            return CheckResult(version.shown, Org(path=version.shown), [])
        result = check_bytes(version.data, version.shown, pack)
        if not ignored:  # per-file-ignores, as `orgmodel check` applies them
            return result
        return result.replace(findings=[f for f in result.findings
                                              if not any(f.code.startswith(c) for c in ignored)])

    old, new = checked(pair.old), checked(pair.new)
    return Compared(old, new, compare(old, new, pack.vocabulary, stats.span_limit(pack), pair.old.data is not None,
                                      pair.new.data is not None), pack)
