"""The HTML report in a real Chromium: what a reader clicks, searches and sees.

Each test opens a report written by the installed console script, counts the
page's requests and console errors, and saves a screenshot of the view it
reached (under $ORGMODEL_SCREENSHOTS, else a temporary folder). Without
Chromium or Playwright these tests skip with one line; with CI=true they fail.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import browser
import pytest
from conftest import EXAMPLES, REPO, run_cli

from orgmodel import facts, stats
from orgmodel.api import OrgFileError, check_file
from orgmodel.rulepack import load_builtin
from orgmodel.synthetic import generate


def _is_org_file(path: Path) -> bool:
    """False for a file refused whole as no org file (tests/test_hostile.py holds that refusal): it has no chart."""
    try:
        check_file(path)
    except OrgFileError:
        return False
    return True


CORPUS = [path for path in sorted((REPO / "tests" / "fuzz_corpus").glob("*.org.txt")) if _is_org_file(path)]
HOSTILE = REPO / "tests" / "fuzz_corpus" / "html-report-hostile.org.txt"
TROUBLED = EXAMPLES / "troubled.org.txt"
IN_VIEW = """ids => { const area = document.querySelector('[data-ui=chart]').getBoundingClientRect();
    return ids.every(id => { const card = document.getElementById(id).getBoundingClientRect();
        return card.left >= area.left && card.right <= area.right && card.top >= area.top && card.bottom <= area.bottom; }); }"""
VISIBLE_ROLES = """() => [...document.querySelectorAll('svg g.node')]
    .filter(g => g.id && getComputedStyle(g).display !== 'none' && !g.id.startsWith('node')).map(g => g.id).sort()"""


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Reports written by the console script: the examples, the hostile org, a 2,000-role org."""
    folder = tmp_path_factory.mktemp("reports")
    big = folder / "big.org.txt"
    big.write_text(generate(2000, seed=1, violations=True).text)
    sources = {path.name.split(".")[0]: path for path in [*sorted(EXAMPLES.glob("*.org.txt")), HOSTILE, big]}
    for name, source in sources.items():
        result = run_cli("render", str(source), "-o", str(folder / f"{name}.html"), timeout=180)
        assert result.returncode == 0, result.stderr
    return {name: folder / f"{name}.html" for name in sources}


class Report:
    """One opened report: its page, and every console error, dialog and request it caused."""

    def __init__(self, chromium: Any, path: Path, shots: Path) -> None:
        self.path, self.shots = path, shots
        self.page = chromium.new_page(viewport=browser.LAPTOP)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.failed: dict[str, str] = {}  # url -> why the browser did not send it
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failed.update({request.url: request.failure or ""}))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-ready=true]", timeout=60_000)
        self.open_seconds = time.perf_counter() - started

    def shot(self, name: str, **options: Any) -> None:
        self.page.screenshot(path=str(self.shots / f"{name}.png"), **options)

    def assert_clean(self) -> None:
        """No console error, no dialog, and no request but the file itself."""
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.path.as_uri()]

    def panel(self) -> Any:
        return self.page.locator('[data-tab-panel="role"]')

    def search(self, text: str) -> list[str]:
        self.page.fill('[data-ui="search"]', text)
        self.page.press('[data-ui="search"]', "Enter")
        self.page.evaluate("() => new Promise(requestAnimationFrame)")  # the chart moves on the next frame
        return sorted(self.page.eval_on_selector_all("svg g.node.om-match", "gs => gs.map(g => g.id)"))


@pytest.fixture()
def open_report(chromium: Any, shots: Path) -> Iterator[Any]:
    opened: list[Report] = []

    def open_(path: Path) -> Report:
        opened.append(Report(chromium, path, shots))
        return opened[-1]

    yield open_
    for report in opened:
        report.page.close()


@pytest.mark.parametrize("name", ["acme", "troubled", "typos"])
def test_every_example_opens_with_its_findings_and_no_request(open_report: Any, built: dict[str, Path],
                                                               name: str) -> None:
    report = open_report(built[name])
    result = check_file(EXAMPLES / f"{name}.org.txt")
    assert report.page.locator('[data-tab="findings"]').inner_text() == f"Findings ({len(result.findings)})"
    assert report.page.evaluate(VISIBLE_ROLES) == sorted(result.org.roles)
    assert report.page.title() == (result.org.name or f"examples/{name}.org.txt").strip()
    report.shot(f"{name}-overview")
    report.assert_clean()


def matching(org: Any, query: str) -> list[str]:
    """What a search should find: the roles whose ID, title, person, team ID or team name hold every word."""
    def text(role: Any) -> str:
        team = role.team.text if role.team else ""
        return " ".join([role.id, role.title, role.person or "", team, getattr(org.teams.get(team), "name", "")])

    words = query.lower().split()
    return sorted(role.id for role in org.roles.values() if all(word in text(role).lower() for word in words))


@pytest.mark.parametrize(("query", "found"), [
    ("Milhouse", "analyst"),  # a person's name
    ("content", "loop-a"),  # a word of titles
    ("lead-ppc", "lead-ppc"),  # an ID
    ("growth", "mgr-events"),  # a team
    ("lisa director", "dom"),  # every word must match
])
def test_search_highlights_and_zooms_to_matches(open_report: Any, built: dict[str, Path], query: str,
                                                found: str) -> None:
    report = open_report(built["troubled"])
    expected = matching(check_file(TROUBLED).org, query)
    transform = "() => document.querySelector('[data-ui=chart] svg').style.transform"
    before = report.page.evaluate(transform)
    assert found in expected and report.search(query) == expected
    assert report.page.evaluate(transform) != before and report.page.evaluate(IN_VIEW, expected)  # zoomed to them
    listed = report.page.eval_on_selector_all('[data-ui="results"] button', "bs => bs.map(b => b.dataset.role)")
    assert sorted(listed) == expected
    report.shot(f"search-{query.replace(' ', '-')}")
    report.assert_clean()


SCALE = "() => new Promise(r => requestAnimationFrame(() => r(new DOMMatrix(getComputedStyle(" \
        "document.querySelector('[data-ui=chart] svg')).transform))))"


def test_pan_and_zoom_by_buttons_keys_wheel_and_drag(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    page = report.page
    # Under load the page's own fonts can land after the first fit and move the chart's area
    # by a pixel; measure the fit once they are in.
    page.evaluate("document.fonts.ready.then(() => true)")
    page.click('[data-action="fit"]')
    fitted = page.evaluate(SCALE)
    page.click('[data-action="zoom-in"]')
    assert page.evaluate(SCALE)["a"] == pytest.approx(fitted["a"] * 1.4, rel=1e-4)
    page.focus('[data-ui="chart"]')
    page.keyboard.press("-")
    assert page.evaluate(SCALE)["a"] == pytest.approx(fitted["a"] * 1.4 / 1.25, rel=1e-4)
    page.keyboard.press("0")
    assert page.evaluate(SCALE)["a"] == pytest.approx(fitted["a"], rel=1e-4)
    page.mouse.move(500, 400)
    page.mouse.wheel(0, -100)  # a mouse wheel notch up zooms in around the pointer
    assert page.evaluate(SCALE)["a"] > fitted["a"]
    before = page.evaluate(SCALE)
    page.mouse.down()
    page.mouse.move(400, 350, steps=5)
    page.mouse.up()
    after = page.evaluate(SCALE)
    assert (after["e"] - before["e"], after["f"] - before["f"]) == (pytest.approx(-100), pytest.approx(-50))
    page.keyboard.press("ArrowRight")
    assert page.evaluate(SCALE)["e"] == pytest.approx(after["e"] - 80)
    page.click('[data-action="fit"]')
    assert page.evaluate(SCALE)["a"] == pytest.approx(fitted["a"], rel=1e-4)
    report.assert_clean()


def test_clicking_a_card_shows_the_role_and_its_findings(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    result, pack = check_file(TROUBLED), load_builtin()
    report.page.click("svg g#dir")
    panel = report.panel()
    assert panel.locator("h2").inner_text() == "Marketing Director"
    codes = panel.locator(".om-finding").evaluate_all("cards => cards.map(c => c.dataset.code)")
    assert codes == [f.code for f in result.findings if f.entity == "dir"]
    text = panel.inner_text()
    known = facts.of(result.org.roles["dir"])
    lines = TROUBLED.read_text().split("\n")
    on_dir = [f for f in result.findings if f.entity == "dir"]
    for expected in (known.level.describe(), known.layer.describe(), "Lisa Simpson",
                     *(pack.rules[f.code].name for f in on_dir), *(lines[f.line - 1].strip() for f in on_dir)):
        assert expected in text
    assert panel.locator(".om-tag.om-written").count() == 1  # the layer is written, the level inferred
    assert report.page.locator(".om-ring.om-selected").count() == 1
    report.shot("card-panel")
    report.assert_clean()


def test_clicking_a_finding_selects_its_role(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    result = check_file(TROUBLED)
    report.page.click('[data-tab="findings"]')
    report.shot("findings-list")
    report.page.click('[data-ui="findings"] li[data-code="HIER004"] button[data-entity="vp"]')
    assert report.panel().locator("h2").inner_text() == "VP Marketing"
    assert report.panel().locator(".om-finding.om-current").get_attribute("data-code") == "HIER004"
    not_on_roles = [f for f in result.findings if f.entity not in result.org.roles]
    listed = report.page.locator('[data-ui="findings"] li:not([data-on="role"]) button')
    assert listed.count() == len(not_on_roles) > 0
    assert all(listed.nth(i).is_disabled() for i in range(listed.count()))
    report.assert_clean()


def test_filters_hide_what_they_should(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    findings = check_file(TROUBLED).findings
    report.page.click('[data-tab="findings"]')
    visible = '[data-ui="findings"] li:not([hidden])'
    for severity in ("warning", "info"):
        report.page.uncheck(f'[data-severity="{severity}"]')
    shown = report.page.eval_on_selector_all(visible, "lis => lis.map(li => li.dataset.severity)")
    assert shown == ["error"] * sum(1 for f in findings if str(f.severity) == "error")
    report.page.select_option('[data-ui="code-filter"]', "LEAD001")
    shown = report.page.eval_on_selector_all(visible, "lis => lis.map(li => li.dataset.code)")
    assert shown == ["LEAD001"] * sum(1 for f in findings if f.code == "LEAD001")
    report.shot("findings-filtered")
    report.page.check('[data-severity="warning"]')
    report.page.select_option('[data-ui="code-filter"]', "HIER004")
    assert report.page.locator(visible).count() == sum(1 for f in findings if f.code == "HIER004")
    report.assert_clean()


def branch(org: Any, top: str) -> list[str]:
    """``top`` and every role under it by solid lines."""
    found, queue = {top}, [top]
    while queue:
        queue += [child for child in org.direct_reports.get(queue.pop(), ()) if child not in found]
        found.update(queue)
    return sorted(found)


def test_focus_on_a_branch_and_back_up_by_the_breadcrumbs(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    org = check_file(TROUBLED).org
    report.page.click("svg g#dom")
    report.page.click('[data-action="focus"]')
    assert report.page.evaluate(VISIBLE_ROLES) == branch(org, "dom") != sorted(org.roles)
    crumbs = report.page.locator('[data-ui="crumbs"]').inner_text()
    assert crumbs.startswith("Whole org") and org.roles["cmo"].title in crumbs and org.roles["dom"].title in crumbs
    hidden = "ids => ids.map(id => getComputedStyle(document.getElementById(id)).display === 'none')"
    assert report.page.evaluate(hidden, ["line.dom.mgr-events", "line.cmo.dir", "team-growth"]) == [False, True, False]
    report.shot("branch-focus")
    report.page.click('[data-ui="crumbs"] button:has-text("Chief Marketing Officer")')
    assert report.page.evaluate(VISIBLE_ROLES) == branch(org, "cmo")
    report.page.click('[data-ui="crumbs"] button:has-text("Whole org")')
    assert report.page.evaluate(VISIBLE_ROLES) == sorted(check_file(TROUBLED).org.roles)
    report.assert_clean()


def test_figures_view_draws_the_histogram_and_the_pyramid(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    figures = stats.compute(check_file(TROUBLED).org, load_builtin().vocabulary)
    report.page.click('[data-view="figures"]')
    assert not report.page.locator('[data-ui="chart"]').is_visible()
    histogram, pyramid = report.page.locator("svg.om-figure").all()
    assert histogram.is_visible() and pyramid.is_visible()
    assert pyramid.locator("rect").count() == figures.layers.depth
    assert histogram.locator("rect").count() == max(row.reports for row in figures.spans.histogram)
    assert "Ownership (exactly one accountable)" in report.page.locator('[data-view-panel="figures"]').inner_text()
    report.shot("figures", full_page=True)
    report.assert_clean()


def test_print_shows_chart_findings_and_figures(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["troubled"])
    report.page.emulate_media(media="print")
    assert report.page.locator('[data-view-panel="figures"]').is_visible()
    assert report.page.locator('[data-ui="findings"] li').first.is_visible()
    assert not report.page.locator('[data-action="fit"]').is_visible()
    assert not report.page.locator('[data-ui="search"]').is_visible()
    assert report.page.pdf(format="A4").startswith(b"%PDF")
    report.shot("print", full_page=True)
    report.assert_clean()


def test_the_page_can_make_no_request(open_report: Any, built: dict[str, Path]) -> None:
    """The Content-Security-Policy blocks what a bug or an injection might try: fetch, images, scripts."""
    report = open_report(built["acme"])
    outcome = report.page.evaluate("""async () => {
        const img = document.createElement('img'); img.src = 'http://127.0.0.1:9/pixel.png'; document.body.append(img);
        const script = document.createElement('script'); script.textContent = 'window.__injected = 1'; document.body.append(script);
        const fetched = await fetch('http://127.0.0.1:9/data').then(() => 'fetched', () => 'blocked');
        await new Promise(resolve => setTimeout(resolve, 100));
        return [fetched, window.__injected === undefined];
    }""")
    assert outcome == ["blocked", True]
    tried = [url for url in report.requests if url != report.path.as_uri()]
    assert tried and all(report.failed.get(url) == "csp" for url in tried), (tried, report.failed)
    assert report.errors and all("Content Security Policy" in error for error in report.errors)


@pytest.mark.parametrize("source", CORPUS, ids=[path.name.split(".")[0] for path in CORPUS])
def test_hostile_text_runs_no_script(open_report: Any, tmp_path: Path, source: Path) -> None:
    target = tmp_path / "report.html"
    result = run_cli("render", str(source), "-o", str(target))
    assert result.returncode == 0, result.stderr
    report = open_report(target)
    org = check_file(source).org
    for role in org.roles.values():
        report.search(role.title)  # the hostile text itself goes through the search
        report.search(role.id)
        report.page.click(f'[data-ui="results"] button[data-role="{role.id}"]')
        assert report.panel().locator("h2").text_content() == role.title
    report.page.click('[data-tab="findings"]')
    report.page.click('[data-view="figures"]')
    report.page.hover("h1")
    assert report.page.evaluate("window.__pwned === undefined")
    assert report.page.title() == " ".join((org.name or org.path).split())
    if source == HOSTILE:
        report.page.click('[data-view="chart"]')
        report.page.click('[data-action="fit"]')
        report.page.click("svg g#cmo")
        report.shot("hostile", full_page=True)
    report.assert_clean()


def test_the_readme_screenshot_can_be_made_again(chromium: Any, tmp_path: Path) -> None:
    import readme_screenshot

    target = tmp_path / "report.png"
    readme_screenshot.take(chromium, target)
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (1280, 760)


def test_a_2000_role_org_opens_searches_and_focuses(open_report: Any, built: dict[str, Path]) -> None:
    report = open_report(built["big"])
    org = check_file(built["big"].with_suffix("").with_suffix(".org.txt")).org
    person = next(role for role in reversed(org.roles.values()) if role.person)
    assert report.search(person.person or "") == sorted(r.id for r in org.roles.values() if r.person == person.person)
    report.page.click(f'[data-ui="results"] button[data-role="{person.id}"]')
    assert report.panel().locator("h2").inner_text() == person.title
    report.page.evaluate("() => new Promise(requestAnimationFrame)")
    assert report.page.evaluate(IN_VIEW, [person.id])
    report.shot("big-search")
    director = next(role for role in org.roles.values() if role.level == "director")
    report.search(director.id)
    report.page.click(f'[data-ui="results"] button[data-role="{director.id}"]')
    report.page.click('[data-action="focus"]')
    assert report.page.evaluate(VISIBLE_ROLES) == branch(org, director.id)
    report.shot("big-focus")
    print(f"2,000 roles: {built['big'].stat().st_size / 1e6:.1f} MB, opened in {report.open_seconds:.1f} s")
    report.assert_clean()
