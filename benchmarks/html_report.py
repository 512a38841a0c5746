"""The HTML report's size and speed for generated orgs, each against the plain SVG chart of the same org.

    python benchmarks/html_report.py [--sizes 150,2000] [--runs 3]

For each size: the file sizes; the median time to build through the console
script (``render -o org.html`` against ``render -o org.svg``, interleaved);
and, in Debian's Chromium, the median time until the report is ready to use
(its script done) against the time to load the bare SVG, and the time from
typing a search to the matches being highlighted. Needs Playwright and
Chromium (see tests/browser.py).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import browser  # noqa: E402  (the tests' launcher: one place for Chromium's flags)

ORGMODEL = str(Path(sys.executable).with_name("orgmodel"))


def build_seconds(org: Path, target: Path) -> float:
    started = time.perf_counter()
    subprocess.run([ORGMODEL, "render", str(org), "-o", str(target)], check=True, capture_output=True)
    return time.perf_counter() - started


def open_seconds(chromium: object, path: Path, ready: str) -> float:
    page = chromium.new_page(viewport=browser.LAPTOP)  # type: ignore[attr-defined]
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector(ready, state="attached", timeout=120_000)
    page.evaluate("() => new Promise(requestAnimationFrame)")  # one frame painted
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def search_seconds(chromium: object, path: Path, query: str) -> float:
    page = chromium.new_page(viewport=browser.LAPTOP)  # type: ignore[attr-defined]
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready=true]", timeout=120_000)
    started = time.perf_counter()
    page.fill('[data-ui="search"]', query)
    page.press('[data-ui="search"]', "Enter")
    page.wait_for_selector("svg g.node.om-match", state="attached")
    page.evaluate("() => new Promise(requestAnimationFrame)")
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="150,2000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reason = browser.missing()
    if reason:
        sys.exit(f"html_report.py: {reason}")
    from playwright.sync_api import sync_playwright

    from orgmodel.synthetic import generate

    folder = Path(tempfile.mkdtemp(prefix="orgmodel-html-bench-"))
    print(f"{'roles':>6} {'svg KB':>8} {'html KB':>8} {'build s':>8} {'x svg':>6} {'open s':>7} {'x svg':>6} "
          f"{'search s':>9}")
    with sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        for size in (int(s) for s in args.sizes.split(",")):
            org = folder / f"org{size}.org.txt"
            org.write_text(generate(size, seed=1, violations=True).text)
            svg, html = folder / f"org{size}.svg", folder / f"org{size}.html"
            builds: dict[str, list[float]] = {"svg": [], "html": []}
            opens: dict[str, list[float]] = {"svg": [], "html": []}
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                builds["svg"].append(build_seconds(org, svg))
                builds["html"].append(build_seconds(org, html))
                opens["svg"].append(open_seconds(chromium, svg, "svg"))
                opens["html"].append(open_seconds(chromium, html, "html[data-ready=true]"))
            build, opened = ({k: statistics.median(v) for k, v in d.items()} for d in (builds, opens))
            searched = statistics.median(search_seconds(chromium, html, "Person 1") for _ in range(args.runs))
            print(f"{size:>6} {svg.stat().st_size / 1024:>8.0f} {html.stat().st_size / 1024:>8.0f} "
                  f"{build['html']:>8.2f} {build['html'] / build['svg']:>6.2f} {opened['html']:>7.2f} "
                  f"{opened['html'] / opened['svg']:>6.2f} {searched:>9.2f}")
        chromium.close()


if __name__ == "__main__":
    main()
