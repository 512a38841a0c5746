"""Chart fonts under orgmodel's control, so that a chart lays out the same everywhere.

Graphviz measures text with the fonts fontconfig finds; two machines with
different fonts would place nodes differently. Before the first render,
orgmodel points fontconfig (through FONTCONFIG_FILE) at a configuration that
lists only the Lato fonts shipped by the font-lato package, so the embedded
engine sees the same font files on every machine. Characters that Lato lacks
(e.g. CJK) are drawn as a missing-glyph box, with the same width everywhere.
"""

from __future__ import annotations

import os
import tempfile
import zlib
from pathlib import Path

_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def font_folder() -> Path:
    import font_lato

    return Path(font_lato.font_directory)


def configure() -> Path:
    """Write (once) and select the fontconfig file; returns its path."""
    fonts = font_folder()
    key = f"{zlib.crc32(str(fonts).encode()):08x}"  # one configuration per font folder
    folder = Path(tempfile.gettempdir()) / f"orgmodel-fontconfig-{os.getuid() if hasattr(os, 'getuid') else 0}-{key}"
    config = folder / "fonts.conf"
    text = _CONFIG.format(fonts=fonts, cache=folder / "cache")
    if not config.exists() or config.read_text() != text:
        folder.mkdir(mode=0o700, exist_ok=True)
        temporary = folder / f"fonts.conf.{os.getpid()}"
        temporary.write_text(text)
        os.replace(temporary, config)
    os.environ["FONTCONFIG_FILE"] = str(config)
    return config
