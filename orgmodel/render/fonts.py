"""Chart fonts under orgmodel's control: Lato for what it covers, the machine's fonts for the rest.

Graphviz measures text with the fonts fontconfig finds. Before the first
render, orgmodel points fontconfig (through FONTCONFIG_FILE) at a
configuration of its own: the Lato files shipped by the font-lato package,
then the machine's font folders, with no system rules (hinting, aliases,
rejects) that could change how Lato is drawn. Lato is asked for first, so
every character Lato has is measured and drawn with it on every machine;
characters it lacks (Greek, Cyrillic, CJK, Arabic, Hebrew, emoji ...) fall
back to the first installed font of ``FALLBACK_FAMILIES`` that has them,
then to any installed font that has them.

The configuration lives in a folder that only this user can write
(issue 11): the user's cache folder, else ``$TMPDIR/orgmodel-UID``, each used
only when it is a real folder (not a symlink) owned by this user with no
access for others; else a fresh private temporary folder. Files in it are
created exclusively and renamed into place, never written through links.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

# Tried in this order for characters Lato lacks, before any other installed font:
# Debian's packages first, then what macOS and Windows ship.
FALLBACK_FAMILIES = (
    "Noto Sans", "DejaVu Sans",  # Greek, Cyrillic, Vietnamese, symbols
    "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR", "Source Han Sans",
    "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
    "Noto Emoji", "Symbola", "Noto Sans Symbols", "Noto Sans Symbols2",
    "Helvetica Neue", "Arial", "Arial Unicode MS", "Segoe UI", "Hiragino Sans", "PingFang SC",
    "Apple SD Gothic Neo", "Microsoft YaHei", "Yu Gothic", "Malgun Gothic", "Segoe UI Emoji", "Segoe UI Symbol",
)

_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{lato}</dir>
{system}
  <cachedir>{cache}</cachedir>
  <selectfont>
    <!-- Lato comes from orgmodel's own files only: another version (Debian's fonts-lato)
         measures differently. -->
    <rejectfont>
{reject}
      <!-- Colour bitmap fonts (Noto Color Emoji): the wheel's cairo and pango draw their
           glyphs unscaled, several times the text's size; emoji come from an outline font. -->
      <pattern><patelt name="color"><bool>true</bool></patelt></pattern>
    </rejectfont>
  </selectfont>
  <alias binding="same">
    <family>sans-serif</family>
    <prefer>
{fallback}
    </prefer>
  </alias>
</fontconfig>
"""


# A family name as fontconfig and CSS both read it bare: words of letters, digits and '-'.
# orgmodel writes it into DOT's fontname and the SVG's font-family unescaped, so nothing else may pass.
_FAMILY = re.compile(r"[A-Za-z][A-Za-z0-9-]*( [A-Za-z0-9][A-Za-z0-9-]*)*")


def family_error(name: str) -> str | None:
    """Why ``name`` cannot be a font family for a chart, or None."""
    if len(name) <= 60 and _FAMILY.fullmatch(name):
        return None
    return (f"{name!r} is not a font family name orgmodel accepts: words of letters, digits and '-', "
            "e.g. \"Noto Sans CJK JP\"")


def font_list(extra: Sequence[str] = ()) -> str:
    """Graphviz's fontname: Lato, then the families asked for, then any sans-serif."""
    return ",".join(("Lato", *extra, "sans-serif"))


def font_folder() -> Path:
    import font_lato

    return Path(font_lato.font_directory)


def system_font_folders() -> list[Path]:
    """Where this machine keeps fonts (fontconfig skips folders that do not exist)."""
    home = Path.home() if "HOME" in os.environ or sys.platform == "win32" else None
    data = Path(os.environ["XDG_DATA_HOME"]) if os.environ.get("XDG_DATA_HOME") else (
        home / ".local" / "share" if home else None)
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
               Path("/System/Library/Fonts"), Path("/Library/Fonts")]
    if os.environ.get("WINDIR"):
        folders.append(Path(os.environ["WINDIR"]) / "Fonts")
    if data is not None:
        folders.append(data / "fonts")
    if home is not None:
        folders += [home / ".fonts", home / "Library" / "Fonts"]
    return folders


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def config_text(lato: Path, system: Sequence[Path], cache: Path) -> str:
    return _CONFIG.format(
        lato=_xml(str(lato)), cache=_xml(str(cache)),
        system="\n".join(f"  <dir>{_xml(str(folder))}</dir>" for folder in system),
        reject="\n".join(f"      <glob>{_xml(str(folder))}/*{name}*</glob>"
                         for folder in system for name in ("Lato", "lato")),
        fallback="\n".join(f"      <family>{family}</family>" for family in FALLBACK_FAMILIES),
    )


def is_private_folder(path: Path) -> bool:
    """A real folder (not a symlink) owned by this user, that no one else may enter."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "getuid"):  # Windows: the user's own profile and temp folders
        return True
    return info.st_uid == os.getuid() and info.st_mode & 0o077 == 0


def _private(path: Path) -> Path | None:
    """``path`` created (mode 0700) if missing, and returned only if it is private."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return path if is_private_folder(path) else None


def _candidates() -> list[Path]:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    cache = os.environ.get("XDG_CACHE_HOME") or (
        str(Path.home() / ".cache") if "HOME" in os.environ or sys.platform == "win32" else "")
    folders = [Path(cache) / "orgmodel"] if cache and os.path.isabs(cache) else []
    return [*folders, Path(tempfile.gettempdir()) / f"orgmodel-{uid}"]


@functools.cache
def private_folder() -> Path:
    """Where orgmodel keeps its fontconfig files: the first private candidate, else a fresh one."""
    for candidate in _candidates():
        chosen = _private(candidate)
        if chosen is not None:
            return chosen
    fresh = Path(tempfile.mkdtemp(prefix="orgmodel-"))  # 0700, unpredictable, ours alone
    atexit.register(shutil.rmtree, fresh, True)
    return fresh


def _read_exactly(path: Path) -> bytes | None:
    """The bytes of a regular file at ``path`` (never through a symlink), or None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read()


def write_private(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path``: a new file created exclusively beside it, then renamed over it."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(6).hex()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)  # a rename replaces a link at ``path``; it never follows it
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def configure() -> Path:
    """Write (once) and select the fontconfig file; returns its path."""
    folder = private_folder()
    text = config_text(font_folder(), system_font_folders(), folder / "cache").encode("utf-8")
    # One file per configuration, so that two installs of orgmodel never fight over one.
    config = folder / f"fonts-{hashlib.sha256(text).hexdigest()[:16]}.conf"
    if _read_exactly(config) != text:
        write_private(config, text)
    os.environ["FONTCONFIG_FILE"] = str(config)
    return config
