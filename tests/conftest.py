from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from orgmodel.api import check_text
from orgmodel.rulepack import RulePack, load_builtin

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
# The console script installed next to the interpreter running the tests (ORGMODEL_UNDER_TEST
# names another, e.g. an old release's, to see which tests it fails).
ORGMODEL = os.environ.get("ORGMODEL_UNDER_TEST") or str(Path(sys.executable).with_name("orgmodel"))


def every_rule(pack: RulePack) -> RulePack:
    """``pack`` with its opt-in rules switched on, so that tests see every rule."""
    return attrs.evolve(pack, opted_in=frozenset(pack.rules))


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return every_rule(load_builtin())


_EVERY_RULE = every_rule(load_builtin())


def findings(snippet: str, code: str | None = None, pack: RulePack | None = None) -> list[tuple[str, int, str | None]]:
    """(code, line, entity) of each finding for ``snippet``, optionally of one code only (opt-in rules on)."""
    result = check_text(textwrap.dedent(snippet).lstrip("\n"), "snippet.org.txt", every_rule(pack or _EVERY_RULE))
    return [(f.code, f.line, f.entity) for f in result.findings if code is None or f.code == code]


def run_cli(*args: str, cwd: Path | str = REPO, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([ORGMODEL, *args], cwd=cwd, env=full_env, input=input,
                          capture_output=True, text=True, timeout=timeout)


# The real Chromium (tests/browser.py), one for the whole session: the HTML report's and the diff page's
# browser tests share it (Playwright's sync API allows one running instance per process).
@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    import browser

    reason = browser.missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = browser.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save screenshots: $ORGMODEL_SCREENSHOTS, else a temporary folder."""
    folder = os.environ.get("ORGMODEL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def mutate(lines: list[str], operations: list[tuple[int, int, int]]) -> str:
    """``lines`` changed by each ``(operation, a, b)``: a fuzzer's edits of a real org file, joined.

    0 delete, 1 repeat elsewhere (a declaration or key given twice), 2 swap,
    3 cut (e.g. inside a string), 4 odd indentation, 5 a stray quote,
    6 a control character, 7 a tab for two spaces, 8 something after the
    line (a space, a comment, a suppression, a comma, a backslash), 9 a
    doubled space.
    """
    lines = list(lines)
    for operation, a, b in operations:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        line = lines[i]
        cut = b % (len(line) + 1)
        if operation == 0:
            del lines[i]
        elif operation == 1:
            lines.insert(j, line)
        elif operation == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == 3:
            lines[i] = line[:cut]
        elif operation == 4:
            lines[i] = [" ", "\t", "  \t", "", "\t "][b % 5] + line.lstrip()
        elif operation == 5:
            lines[i] = line[:cut] + '"' + line[cut:]
        elif operation == 6:
            lines[i] = line[:cut] + chr(b % 32) + line[cut:]
        elif operation == 7:
            lines[i] = line.replace("  ", "\t", 1)
        elif operation == 8:
            lines[i] = line + [" ", " # note", "  # orgmodel: ignore[KPI001] why", ",", "\\"][b % 5]
        elif operation == 9:
            lines[i] = line.replace(" ", "  ", 1)
    return "\n".join(lines)
