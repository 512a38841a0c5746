"""The HTML report as a file: self-contained, deterministic, and org text in it stays text.

Read back with the standard library's HTML tokenizer (the same tokenizing a
browser does first); what the page does in a browser is tested_html_browser's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel import facts, stats
from orgmodel.api import check_file, check_text
from orgmodel.render.fonts import font_folder
from orgmodel.render.html import ASSETS, UnsafeSvgError, html_report, inline_svg, script_json
from orgmodel.render.html_stats import BAND_COLOURS, figures_html, span_histogram
from orgmodel.rulepack import load_builtin
from orgmodel.stats_format import sections

PACK = load_builtin()
TROUBLED = EXAMPLES / "troubled.org.txt"
HOSTILE = REPO / "tests" / "fuzz_corpus" / "html-report-hostile.org.txt"


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside each element kind."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self.open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text.setdefault(self.open[-1], []).append(data)

    def scripts(self) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == "script"]

    def data(self) -> dict[str, Any]:
        return json.loads(self.text["script"][0])  # type: ignore[no-any-return]


def rendered(source: Path, target: Path, *options: str) -> str:
    result = run_cli("render", str(source), "-o", str(target), *options)
    assert result.returncode == 0, result.stderr
    return target.read_text(encoding="utf-8")


def report_of(text: str) -> str:
    data, _ = html_report(check_text(text, "t.org.txt", PACK), PACK)
    return data.decode("utf-8")


def test_the_same_org_gives_the_same_bytes(tmp_path: Path) -> None:
    first = rendered(TROUBLED, tmp_path / "a.html")
    assert rendered(TROUBLED, tmp_path / "b.html") == first
    stdout = run_cli("render", str(TROUBLED), "--format", "html", "-o", "-")
    assert stdout.returncode == 0 and stdout.stdout.replace(str(TROUBLED), "") == first.replace(str(TROUBLED), "")


@pytest.mark.parametrize("options", [("-o", "r.html"), ("-o", "r.HTM"), ("-o", "r.out", "--format", "html")])
def test_suffix_or_format_chooses_html(tmp_path: Path, options: tuple[str, ...]) -> None:
    result = run_cli("render", str(TROUBLED), *options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    checked = check_file(TROUBLED)
    assert f"(html, {len(checked.org.roles)} roles, {len(checked.findings)} findings)" in result.stderr
    assert (tmp_path / options[1]).read_text().startswith("<!DOCTYPE html>")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_everything_is_inline_and_the_policy_allows_nothing_else(tmp_path: Path) -> None:
    html = rendered(TROUBLED, tmp_path / "r.html")
    page = Page(html)
    policy = next(attrs["content"] for tag, attrs in page.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert policy == (f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
                      "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    assert page.scripts() == [{"type": "application/json", "data-orgmodel": "data"}, {}]
    links = [(tag, name, value) for tag, attrs in page.tags for name, value in attrs.items()
             if name in ("src", "href", "xlink:href", "action", "srcset")]
    assert links == [("link", "href", "data:,")]
    assert "SIL OPEN FONT LICENSE Version 1.1" in html and "url(data:font/ttf;base64," in style


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "]]>", "\u2028\u2029", "&amp;",
                                  "<b onclick=x>", "@@SCRIPT@@"])
def test_json_in_a_script_element_cannot_end_it(text: str) -> None:
    embedded = script_json({"x": text})
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert json.loads(embedded) == {"x": text}


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    page = Page(rendered(HOSTILE, tmp_path / "r.html"))
    assert len(page.scripts()) == 2
    assert not [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    org = check_file(HOSTILE).org
    assert [role["title"] for role in page.data()["roles"]] == [role.title for role in org.roles.values()]
    assert page.text["title"][0] == org.name and page.text["h1"] == [org.name]  # the first <title> is the page's
    source = HOSTILE.read_text().split("\n")  # not splitlines(): U+2028 in a string ends no line
    assert {int(n): line for n, line in page.data()["source"].items()} == {
        f.line: source[f.line - 1] for f in check_file(HOSTILE).findings}


def test_the_data_says_what_the_model_facts_and_pack_say(tmp_path: Path) -> None:
    data = Page(rendered(TROUBLED, tmp_path / "r.html")).data()
    result = check_file(TROUBLED)
    org = result.org
    for role in data["roles"]:
        known = facts.of(org.roles[role["id"]])
        assert (role["level"]["text"], role["layer"]["text"]) == (known.level.describe(), known.layer.describe())
        assert role["reports"] == list(org.direct_reports.get(role["id"], ()))
    assert [(f["code"], f["line"], f["entity"]) for f in data["findings"]] == [
        (f.code, f.line, f.entity) for f in sorted(result.findings)]
    kinds = {"role": org.roles, "kpi": org.kpis, "campaign": org.campaigns, "team": org.teams,
             "department": org.departments}
    assert [f["on"] for f in data["findings"]] == [
        next((kind for kind, declared in kinds.items() if f.entity in declared), "org") for f in sorted(result.findings)]
    assert {"role", "kpi", "department"} <= {f["on"] for f in data["findings"]}
    for code, rule in data["rules"].items():
        assert (rule["name"], rule["why"], rule["source"]) == (PACK.rules[code].name, PACK.rules[code].why,
                                                               PACK.rules[code].source.title)


SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


@pytest.mark.parametrize(("svg", "error"), [
    (f"<svg {SVG_NS}><script>alert(1)</script></svg>", "active content (<script>)"),
    (f'<svg {SVG_NS}><g onclick="alert(1)"/></svg>', "active content (<g>)"),
    (f"<svg {SVG_NS}><foreignObject/></svg>", "active content (<foreignObject>)"),
    (f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href=" javascript:x"/></svg>', "javascript:"),
    (f'<svg {SVG_NS}><a href="&#106;avascript:x"/></svg>', "javascript:"),
    (f"<svg {SVG_NS}><g></svg>", "not well-formed"),
    (f'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- a -> b -->\n<svg {SVG_NS}><!-- x --><g id="a"/></svg>', None),
])
def test_only_inert_svg_is_embedded(svg: str, error: str | None) -> None:
    if error is None:
        assert inline_svg(svg.encode()) == f'<svg {SVG_NS}><g id="a"/></svg>'
        return
    with pytest.raises(UnsafeSvgError, match=re.escape(error)):
        inline_svg(svg.encode())


def test_the_licence_in_the_repository_is_the_embedded_fonts_licence() -> None:
    assert (ASSETS / "Lato-OFL.txt").read_bytes() == (font_folder() / "OFL.txt").read_bytes()


SPANS = """role top "CMO"
role a "VP A"
  reports-to top
role b "VP B"
  reports-to top
role c "VP C"
  reports-to top
role x "Analyst"
  reports-to a
"""


@pytest.mark.parametrize(("limit", "fills"), [
    (10, [BAND_COLOURS["narrow"], BAND_COLOURS["narrow"], BAND_COLOURS["regular"]]),
    (2, [BAND_COLOURS["narrow"], BAND_COLOURS["narrow"], BAND_COLOURS["wide"]]),
])
def test_span_histogram_bars_are_coloured_by_band(limit: int, fills: list[str]) -> None:
    figures = stats.compute(check_text(SPANS, "t.org.txt", PACK).org, PACK.vocabulary, limit)
    drawn = span_histogram(figures)
    assert re.findall(r'fill="(#[0-9a-f]+)"', drawn) == fills  # spans 1 (a), 2 (none), 3 (top)
    assert re.findall(r"<title>(\d+) managers with", drawn) == ["1", "0", "1"]
    assert ("span limit 2" in drawn) == (limit == 2)


def test_figures_show_every_stats_section() -> None:
    figures = stats.compute(check_file(TROUBLED).org, PACK.vocabulary)
    html = figures_html(figures)
    assert all(f"<h3>{section.title}</h3>" in html for section in sections(figures))
    assert html.count('class="om-bar"') == figures.layers.depth


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\n\r'), min_size=1,
                        max_size=30), min_size=1, max_size=3))
def test_any_title_stays_text(titles: list[str]) -> None:
    text = "".join(f'role r{i} "{title}"\n' for i, title in enumerate(titles))
    page = Page(report_of(text))
    assert len(page.scripts()) == 2
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    org = check_text(text, "t.org.txt", PACK).org
    assert [role["title"] for role in page.data()["roles"]] == [role.title for role in org.roles.values()]


def test_the_readme_shows_the_report_and_the_page_names_every_asset() -> None:
    readme = (REPO / "README.md").read_text()
    assert "![The HTML report" in readme and (REPO / "docs" / "html-report.png").is_file()
    listed = (ASSETS / "README.md").read_text()
    assert all(f"`{file.name}`" in listed for file in ASSETS.iterdir() if file.name != "README.md")
