"""A real Chromium for the tests and scripts that open HTML: Debian's, driven by Playwright.

Playwright's own browser download does not work here, so it launches the
system Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``). ``missing()`` says in
one line why no browser can run; with ``CI=true`` the tests fail on it
instead of skipping (``.ci/run`` installs Chromium).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The flags that work here: no sandbox as root, nothing that phones home.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1440, "height": 900}


def missing() -> str | None:
    """Why no browser test can run here (one line), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    return None


def launch(playwright: Any) -> Any:
    """A headless Chromium with a fresh profile (Playwright makes a new one each launch)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
