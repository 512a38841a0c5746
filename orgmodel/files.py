"""Reading only regular files, and writing output files atomically, never over the input."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class OutputError(Exception):
    """An output that must not or could not be written; ``str()`` is one line."""


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder where a file was expected; ``str()`` says so."""

    def __init__(self) -> None:
        super().__init__("not a regular file")


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file; raises :class:`NotRegularFile` for anything else, OSError on failure.

    A FIFO would block the reader forever and ``/dev/zero`` would fill the
    memory, so the file is opened without blocking and examined before a
    byte is read.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile()  # refused before opening: opening some devices acts on them
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped since the stat above
            raise NotRegularFile()
        return handle.read()


def read_regular_text(path: str | os.PathLike[str]) -> str:
    """The UTF-8 text of a regular file, line ends made LF as text mode does (raises OSError, UnicodeDecodeError)."""
    text = read_regular(path).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _real(path: Path) -> str:
    return os.path.realpath(path)  # never raises, even on a symlink loop


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: Path, data: bytes, inputs: tuple[Path, ...] = ()) -> None:
    """Write ``data`` to ``path``, refusing to write over any of ``inputs``.

    A regular file (or a new path) is replaced through a temporary file in
    the same folder: a reader never sees half a file, and an error midway
    leaves the old file as it was. A device or FIFO (``/dev/null``, a pipe
    another program reads) is written to as a stream, never replaced.
    """
    for source in inputs:
        if same_file(path, source) or _real(path) == _real(source):
            raise OutputError(f"{path}: refusing to write the output over the input file")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: cannot write: it is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_stream(path, data)
    else:
        _replace(path, data)


def _write_stream(path: Path, data: bytes) -> None:
    try:
        # No O_CREAT, no O_TRUNC: a device or FIFO is written to, never made or emptied.
        descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        with open(descriptor, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None


def _replace(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        import tempfile  # with shutil, random, bz2 and lzma: 3 ms that only a command that writes needs

        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write: {error.strerror}") from None
        raise
