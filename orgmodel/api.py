"""The Python API that the command line uses: read, load, check.

    >>> from orgmodel.api import check_file
    >>> result = check_file("examples/acme.org.txt")
    >>> result.findings
    []
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from orgmodel import engine, suppress
from orgmodel.columns import OrgColumns
from orgmodel.dsl.columnar import read as read_columns
from orgmodel.dsl.syntax import Document, Problem
from orgmodel.files import NotRegularFile, read_regular
from orgmodel.finding import Finding
from orgmodel.records import Record
from orgmodel.rulepack import RulePack, load_builtin

if TYPE_CHECKING:
    from orgmodel.model import Org

# What a directory check picks up unless a configuration says otherwise.
ORG_FILE_PATTERNS = ("*.org.txt", "org.txt")
_SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


class OrgFileError(Exception):
    """A path that cannot be checked at all; ``str()`` is one line saying what to do."""


def _model(org: Org | OrgColumns) -> Org:
    return org.org() if isinstance(org, OrgColumns) else org


class CheckResult(Record):
    """The findings for one file, its model, and what reports need of its source.

    The model (``org``) is built from the checked columns when first asked
    for. ``source`` is the text, for reports that quote or hash a line;
    ``document`` what the reader found besides declarations (comments,
    suppressions, problems). ``attrs.evolve`` makes changed copies.
    """

    __slots__ = ("path", "_org", "findings", "source", "document", "_lines")
    __fields__ = ("path", "_org", "findings", "source", "document")
    __compare__ = ("path", "org", "findings", "source")
    path: str
    _org: Org | OrgColumns
    findings: list[Finding]
    source: str
    document: Document | None
    _lines: tuple[str, ...] | None

    def __init__(self, path: str, org: Org | OrgColumns, findings: list[Finding], source: str = "",
                 document: Document | None = None) -> None:
        self._init(path=path, _org=org, findings=findings, source=source, document=document, _lines=None)

    @property
    def org(self) -> Org:
        """The public model of the file."""
        return self._org.org() if isinstance(self._org, OrgColumns) else self._org

    @property
    def lines(self) -> tuple[str, ...]:
        """The source's lines, split only when a report asks (SARIF fingerprints)."""
        if self._lines is None:
            from orgmodel.dsl.lexer import split_lines

            object.__setattr__(self, "_lines", tuple(split_lines(self.source)))
        return self._lines  # type: ignore[return-value]  # set just above

    def __repr__(self) -> str:
        return f"CheckResult(path={self.path!r}, findings={self.findings!r})"


def decode(data: bytes) -> tuple[str, list[Problem]]:
    """Text of a file's bytes; invalid UTF-8 is a finding, then replaced, not fatal."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Saved as UTF-16 (a spreadsheet's "Unicode text"): every other byte is NUL.
        text = data.decode("utf-16", "replace")
        return text, [Problem("SYN001", "the file is UTF-16, not UTF-8; save it as UTF-8", 1, 1, 2)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        # Lines end at LF, CRLF or CR, as split_lines says; a BOM is no column.
        before = data[: error.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
        if start == 0 and before.startswith(b"\xef\xbb\xbf"):
            start = 3
        column = len(before[start:].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        problem = Problem(
            "SYN001",
            f"invalid UTF-8: byte 0x{byte:02x} at offset {error.start}; save the file as UTF-8",
            line, column, column + 1)
        return data.decode("utf-8", "replace"), [problem]


def load_text(text: str, path: str, pack: RulePack) -> tuple[Org, list[Problem]]:
    """The model of ``text`` and every problem found reading it."""
    columns, problems, _ = read_columns(text, pack.vocabulary, path)
    return columns.org(), problems


def _load(text: str, path: str, pack: RulePack) -> tuple[Org, list[Problem], Document]:
    """The model, every problem, and the syntax tree without its declarations.

    Declarations stream from the reader into the model builder, so their
    tokens are freed as soon as each is built. This is the general path, which
    a check runs only where the fast path cannot (orgmodel.dsl.columnar).
    """
    from orgmodel.dsl.build import build
    from orgmodel.dsl.parser import Reading, read_declarations

    reading = Reading()
    org, problems = build(read_declarations(text, reading), pack.vocabulary, path)
    document = reading.document()
    return org, [*document.problems, *problems], document


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration.

    A check builds millions of small objects that form no reference cycles
    (refcounting frees them); the collector would rescan them again and again,
    which made a 100,000-role check twice as slow and worse than linear.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(text: str, path: str, pack: RulePack, decoding: list[Problem]) -> CheckResult:
    with collector_paused():
        columns, problems, document = read_columns(text, pack.vocabulary, path)
        findings = engine.run_columns(columns, [*decoding, *problems], pack)
        known = pack.known_codes or frozenset(pack.rules)
        findings = suppress.apply(findings, document.suppressions, pack, known, path)
        return CheckResult(path, columns, findings, text, document)


def check_bytes(data: bytes, path: str = "<bytes>", pack: RulePack | None = None) -> CheckResult:
    """Check the bytes of an org file, as ``check_file`` does after reading it."""
    text, problems = decode(data)
    return _check(text, path, pack or load_builtin(), problems)


def check_text(text: str, path: str = "<text>", pack: RulePack | None = None) -> CheckResult:
    """Check org text; suppression comments in it apply."""
    return _check(text, path, pack or load_builtin(), [])


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def leaves_tree(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a link (or lies below one) that leads out of the checked tree.

    The checked tree is the current folder for a path below it (a repository,
    as pre-commit and CI run), else the folder the named file is in. A
    repository can hold ``x.org.txt -> ~/.ssh/id_rsa``; it must not make
    orgmodel read it.
    """
    absolute, cwd = os.path.abspath(path), os.getcwd()
    tree = cwd if _within(absolute, cwd) else os.path.dirname(absolute)
    return not _within(os.path.realpath(absolute), os.path.realpath(tree))


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file inside the checked tree; anything else is an :class:`OrgFileError`."""
    try:
        if leaves_tree(path):
            raise OrgFileError(f"{path}: a symbolic link out of the checked folder; not followed "
                               "(check the file where it really is)")
        return read_regular(path)
    except FileNotFoundError:
        raise OrgFileError(f"{path}: no such file or directory") from None
    except NotRegularFile:  # a FIFO would block, a device never end
        raise OrgFileError(f"{path}: not a regular file; pass an org file or a directory") from None
    except OSError as error:
        raise OrgFileError(f"{path}: cannot read: {error.strerror}") from None


def check_file(path: str | os.PathLike[str], pack: RulePack | None = None,
               display_path: str | None = None) -> CheckResult:
    """Check one org file; raises :class:`OrgFileError` when it cannot be read or is plainly no org file.

    A file in which no line declares anything (a key, a password file, a
    binary) is refused in one line that quotes nothing of it: its lines would
    otherwise be quoted in findings, which reach CI logs and annotations.
    """
    result = check_bytes(read_file(path), display_path or str(path), pack)
    if result.document is not None and not result.document.declaration_lines and result.document.problems:
        raise OrgFileError(f"{path}: not an org file: no line declares an org, role, kpi, "
                           "campaign, team or department (nothing of it is quoted)")
    return result


def is_org_file(path: Path) -> bool:
    import fnmatch

    return any(fnmatch.fnmatch(path.name, pattern) for pattern in ORG_FILE_PATTERNS)


def find_org_files(paths: Iterable[str], wanted: Callable[[Path], bool] = is_org_file,
                   ) -> Iterator[tuple[str, Path | OrgFileError]]:
    """Each file named, or found under a named directory by ``wanted``, in sorted order.

    Yields ``(display path, Path)``, or ``(display path, OrgFileError)`` for a
    path that does not exist. Hidden folders (``.git``, ``.venv``) are skipped.
    """
    for name in paths:
        path = Path(name)
        try:
            folder = path.is_dir()
            present = folder or path.exists() or path.is_symlink()
        except OSError as error:  # e.g. a parent folder we may not enter
            yield name, OrgFileError(f"{name}: cannot read: {error.strerror}")
            continue
        if folder:
            found = sorted(p for p in _walk(path) if wanted(p))
            for file in found:
                yield display(file), file
        elif present:
            yield display(path), path
        else:
            yield name, OrgFileError(f"{name}: no such file or directory")


def is_directory(path: Path) -> bool:
    """``path.is_dir()``, but False (not an exception) when the path cannot even be examined."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _walk(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".") and f not in _SKIPPED_FOLDERS]
        for file in files:
            yield Path(root, file)


def display(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, as tools print paths."""
    if not path.is_absolute():
        return str(path)
    try:  # realpath, not resolve(): in Python 3.11 resolve() raises on a symlink loop
        return str(Path(os.path.realpath(path)).relative_to(os.path.realpath(os.getcwd())))
    except ValueError:
        return str(path)
