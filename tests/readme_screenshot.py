"""Write docs/html-report.png, the README's picture of the HTML report: `make screenshot`.

The report of examples/troubled.org.txt, written by the installed console
script and opened in Debian's Chromium, with one role selected so that its
panel shows level, layer, relations and findings. The browser test runs the
same function, so the picture can always be made again.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "docs" / "html-report.png"
SIZE = {"width": 1280, "height": 760}


def take(chromium: Any, target: Path) -> None:
    """Render the example's report, open it in ``chromium`` and save the screenshot to ``target``."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "troubled.html"
        # Run from the repository so that the page shows the example's relative path.
        subprocess.run([str(Path(sys.executable).with_name("orgmodel")), "render", "examples/troubled.org.txt",
                        "-o", str(report)], cwd=REPO, check=True, capture_output=True)
        page = chromium.new_page(viewport=SIZE)
        page.goto(report.as_uri())
        page.wait_for_selector("html[data-ready=true]")
        page.click("svg g#dom")
        page.evaluate("() => new Promise(requestAnimationFrame)")
        page.screenshot(path=str(target))
        page.close()


if __name__ == "__main__":
    reason = browser.missing()
    if reason:
        sys.exit(f"readme_screenshot.py: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.launch(playwright)
        take(launched, TARGET)
        launched.close()
    print(f"wrote {TARGET.relative_to(REPO)}")
