"""Org files as git has them at a revision, read with the real ``git``.

Only plumbing that reads: ``rev-parse``, ``cat-file``, ``diff --name-status``
and ``ls-files``. A repository's own configuration cannot make these run a
program: external diff drivers, text conversion and the fsmonitor hook are
switched off on every call, and a revision is never read as an option.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

import attrs

# Settings that would let a repository's configuration run a command on our behalf.
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.quotepath=off")
TIMEOUT = 120  # seconds; a read that takes longer is a broken repository, not a slow one


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision is unknown; ``str()`` is one line."""


@attrs.frozen
class Revisions:
    """What ``--git`` compares: ``old`` against ``new`` (None: the working tree)."""

    old: str
    new: str | None
    shown_old: str  # as the user wrote it, for paths like ``main:org.txt``
    shown_new: str | None


def _git(args: Sequence[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *_SAFE, *args], cwd=cwd, capture_output=True, timeout=TIMEOUT,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"})
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); --git reads files with it") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {TIMEOUT} s; is the repository healthy?") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def top(cwd: Path) -> Path:
    """The root of the repository ``cwd`` is in."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8").strip())
    except GitError:
        raise GitError(f"{cwd}: not in a git repository; --git compares revisions of one") from None


def _commit(repository: Path, revision: str) -> str:
    """The commit ``revision`` names (refused when it could pass for an option)."""
    if not revision or revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision; name a commit, branch or tag (e.g. HEAD~1, main)")
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
                    repository).decode("ascii").strip()
    except GitError:
        raise GitError(f"unknown revision '{revision}'; name a commit, branch or tag (git log lists them)") from None


def revisions(spec: str, repository: Path) -> Revisions:
    """``REV`` (against the working tree), ``REV1..REV2``, or ``REV1...REV2`` (from their merge base)."""
    if "..." in spec:
        first, second = spec.split("...", 1)
        head = _commit(repository, second or "HEAD")
        base = _git(["merge-base", "--end-of-options", _commit(repository, first or "HEAD"), head],
                    repository).decode("ascii").strip()
        return Revisions(base, head, base[:12], second or "HEAD")
    if ".." in spec:
        first, second = spec.split("..", 1)
        return Revisions(_commit(repository, first or "HEAD"), _commit(repository, second or "HEAD"),
                         first or "HEAD", second or "HEAD")
    return Revisions(_commit(repository, spec), None, spec, None)


def read(repository: Path, commit: str, path: PurePosixPath) -> bytes | None:
    """The bytes of ``path`` (relative to the repository's root) at ``commit``; None when absent there."""
    name = f"{commit}:{path.as_posix()}"
    try:
        kind = _git(["cat-file", "-t", name], repository).decode("ascii").strip()
    except GitError:
        return None
    if kind != "blob":
        raise GitError(f"{path} at {commit[:12]} is a {kind}, not a file; name org files")
    return _git(["cat-file", "blob", name], repository)


def changed(repository: Path, revs: Revisions, paths: Sequence[PurePosixPath],
            wanted: Callable[[PurePosixPath], bool]) -> list[tuple[PurePosixPath | None, PurePosixPath | None]]:
    """(old path, new path) of each org file that differs, renames paired; None for a side without it.

    Against the working tree, org files git does not track yet (and does not
    ignore) count as added.
    """
    spec = [revs.old, *([revs.new] if revs.new else [])]
    raw = _git(["diff", "--no-ext-diff", "--no-textconv", "--name-status", "-z", "-M", *spec, "--",
                *(p.as_posix() for p in paths)], repository)
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    found: list[tuple[PurePosixPath | None, PurePosixPath | None]] = []
    pair: tuple[PurePosixPath | None, PurePosixPath | None]
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if status[:1] in ("R", "C"):
            old, new = PurePosixPath(fields[index + 1]), PurePosixPath(fields[index + 2])
            index += 3
            pair = (old if status[0] == "R" else None, new)
        else:
            name = PurePosixPath(fields[index + 1])
            index += 2
            pair = (None if status == "A" else name, None if status == "D" else name)
        if any(p is not None and wanted(p) for p in pair):
            found.append(pair)
    if revs.new is None:
        untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--",
                          *(p.as_posix() for p in paths)], repository).decode("utf-8", "surrogateescape")
        found += [(None, PurePosixPath(name)) for name in untracked.split("\0") if name and wanted(PurePosixPath(name))]
    return sorted(found, key=lambda pair: str(pair[1] or pair[0]))
