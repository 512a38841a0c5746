"""``orgmodel stats`` through the installed console script, in each format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import cmarkgfm
import jsonschema
import pytest
from conftest import EXAMPLES, REPO, run_cli

from orgmodel import stats
from orgmodel.api import check_file

SCHEMA = json.loads((REPO / "docs" / "stats.schema.json").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")

HOSTILE = """\
org "<img src=x onerror=alert(1)>"
team t "</script><script>alert(1)</script> | *bold* [x](javascript:alert(1)) `code`"
role cmo "CMO"
  team t
kpi k "<b>Reach</b> | ~~gone~~ & co"
  owner cmo
"""


def _json(*args: str) -> dict[str, Any]:
    done = run_cli("stats", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    jsonschema.validate(data, SCHEMA)
    return data


@pytest.mark.parametrize("example", ["acme.org.txt", "troubled.org.txt", "typos.org.txt"])
def test_json_is_the_library_figures_and_fits_the_schema(example: str, pack: Any) -> None:
    path = f"examples/{example}"
    expected = stats.compute(check_file(path).org, pack.vocabulary, stats.span_limit(pack)).to_dict()
    assert _json(path) == expected


def _table(text: str, header: str) -> list[str]:
    """The lines of the text table whose header line starts with ``header``, up to the blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(header))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a text table's line: cells are apart by two spaces or more."""
    return [match.span() for match in re.finditer(r"\S+(?: \S+)*", line)]


@pytest.mark.parametrize(("header", "numeric"), [("role ", (False, True, True, False)),
                                                 ("level ", (False, True, True, True)),
                                                 ("layer  roles", (True, True))])
def test_text_tables_are_aligned(header: str, numeric: tuple[bool, ...]) -> None:
    done = run_cli("stats", "examples/troubled.org.txt")
    assert done.returncode == 0
    table = _table(done.stdout, header)
    assert len(table) > 2
    heads = _cells(table[0])
    for row in table[1:]:
        cells = _cells(row)
        assert len(cells) == len(heads), row
        for (start, end), (head_start, head_end), right in zip(cells, heads, numeric, strict=True):
            assert (end == head_end) if right else (start == head_start), (table[0], row)


def test_text_says_what_it_found() -> None:
    done = run_cli("stats", "examples/troubled.org.txt")
    assert done.returncode == 0
    assert done.stderr == "orgmodel: note: examples/troubled.org.txt has 10 errors; `orgmodel check` lists them\n"
    lines = done.stdout.splitlines()
    assert lines[0] == "Globex Marketing (examples/troubled.org.txt)"
    assert "  unplaced       loop-a, loop-b (in or below a reporting cycle)" in lines
    assert "  vacant        2 (15.4% of roles)" in lines
    assert "  managers : ICs      7 : 6 (0.9 ICs per manager)" in lines
    assert any(re.fullmatch(r"  kpi\s+share\s+Market Share\s+dom, dir\s+DOUBLE", line) for line in lines)


def test_markdown_renders_as_github_tables() -> None:
    done = run_cli("stats", "--format", "markdown", "examples/troubled.org.txt")
    assert done.returncode == 0
    html = cmarkgfm.github_flavored_markdown_to_html(done.stdout)
    assert html.count("<table>") == 7  # depths, bands, spans per role, teams, levels, layers, ownership
    assert html.count("<h2>") == 7
    ownership = html.split("<h2>Ownership")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", ownership, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows[1:]]
    assert cells[1] == ["duty", "budget-execution", "", "dir, dom", "DOUBLE"]
    assert len(cells) == 12 and all(len(row) == 5 for row in cells)  # 5 duties, 3 KPIs, 4 campaigns
    levels = re.findall(r"<tr>(.*?)</tr>", html.split("<h2>Roles per level")[1].split("<h2>")[0], re.S)
    assert re.findall(r"<td[^>]*>(.*?)</td>", levels[1]) == ["c-level", "1", "0", "1"]


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_hostile_text_stays_text(tmp_path: Path, output_format: str) -> None:
    org = tmp_path / "hostile.org.txt"
    org.write_text(HOSTILE, encoding="utf-8")
    done = run_cli("stats", "--format", output_format, str(org))
    assert done.returncode == 0, done.stderr
    if output_format == "json":
        data = json.loads(done.stdout)
        assert data["teams"][0]["name"].startswith("</script><script>")
    elif output_format == "markdown":
        html = cmarkgfm.github_flavored_markdown_to_html(done.stdout)
        assert "<script" not in html and "<img" not in html and "<b>" not in html and "raw HTML" not in html
        assert "<a " not in html and "<em>" not in html and "<del>" not in html and "<code>" not in html
        assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; | *bold* [x](javascript:alert(1)) `code`" in html
        assert "&lt;b&gt;Reach&lt;/b&gt; | ~~gone~~ &amp; co" in html
    else:
        assert "*bold* [x](javascript:alert(1))" in done.stdout


def test_the_configured_span_limit_is_used(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "acme.org.txt", tmp_path / "acme.org.txt")
    (tmp_path / ".orgmodel.toml").write_text("[params.SPAN001]\nmax = 1\n", encoding="utf-8")
    spans = _json(str(tmp_path / "acme.org.txt"))["spans"]
    assert spans["limit"] == 1
    assert [(b["name"], b["low"], b["high"], b["managers"]) for b in spans["bands"]] == [
        ("narrow", 1, 1, 1), ("regular", 3, 1, 0), ("wide", 2, None, 2)]
    text = run_cli("stats", str(tmp_path / "acme.org.txt")).stdout
    assert "  span limit          1 (SPAN001 max)" in text.splitlines()
    assert [row.split() for row in _table(text, "band ")] == [
        ["band", "reports", "managers"], ["narrow", "1-1", "1"], ["regular", "(empty)", "0"], ["wide", "2+", "2"]]


@pytest.mark.parametrize(("setup", "message"), [
    ("missing", "no such file or directory"),
    ("folder", "a directory; stats takes one org file"),
    ("bad config", "params.SPAN001.max"),
])
def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, setup: str, message: str) -> None:
    org = tmp_path / "org.txt"
    if setup == "folder":
        org = tmp_path
    elif setup == "bad config":
        org.write_text('role a "CMO"\n', encoding="utf-8")
        (tmp_path / ".orgmodel.toml").write_text('[params.SPAN001]\nmax = "ten"\n', encoding="utf-8")
    done = run_cli("stats", str(org))
    assert (done.returncode, done.stdout) == (2, "")
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("orgmodel: error: ")
    assert message in done.stderr


def test_help_lists_stats() -> None:
    assert re.search(r"^\s+stats\s", run_cli("--help").stdout, re.M)


def test_readme_sample_is_what_the_tool_prints() -> None:
    sample = README.split("$ orgmodel stats examples/troubled.org.txt\n", 1)[1].split("```", 1)[0]
    output = iter(run_cli("stats", "examples/troubled.org.txt").stdout.splitlines())
    shown = [line for line in sample.splitlines() if line != "..."]
    assert len(shown) > 20
    for line in shown:  # in the same order, nothing between them but what "..." stands for
        assert line in output, line
