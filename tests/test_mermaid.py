"""Mermaid output read back by the real Mermaid parser: the mermaid npm package, run by Node under jsdom.

Every diagram is parsed with ``mermaid.parse`` (front matter and syntax), and
the labels the flowchart parser read are compared with the org's texts. All
diagrams go to one Node process (tests/mermaid/parse.mjs), started once.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, run_cli

from orgmodel.api import check_bytes, check_text
from orgmodel.render.chart import ChartOptions
from orgmodel.render.escape import clean, is_blank, shorten
from orgmodel.render.mermaid import build_mermaid
from orgmodel.rulepack import load_builtin
from orgmodel.synthetic import generate

PACK = load_builtin()
NODE_FOLDER = REPO / "tests" / "mermaid"
CORPUS = sorted((REPO / "tests" / "fuzz_corpus").glob("*.org.txt"))


def parse_with_mermaid(diagrams: list[dict]) -> list[dict]:
    """What the real Mermaid parser says of each diagram (one Node process for all; see parse.mjs)."""
    node = shutil.which("node")
    if node is None or not (NODE_FOLDER / "node_modules" / "mermaid").is_dir():
        reason = ("the Mermaid parser needs Node and `npm ci` in tests/mermaid" if node
                  else "the Mermaid parser needs Node (node on PATH) and `npm ci` in tests/mermaid")
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (.ci/run installs it)")
        pytest.skip(reason)
    done = subprocess.run([node, str(NODE_FOLDER / "parse.mjs")], input=json.dumps(diagrams), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results: list[dict] = json.loads(done.stdout)
    return results


def decoded(label: str) -> str:
    """A label as Mermaid will show it: HTML entities of its sanitiser (&nbsp;) and its own
    entity placeholders (#35; is held as 'ﬂ°°35¶ß') decoded, in that order."""
    label = re.sub(r"&\w+;", lambda m: html.unescape(m.group()), label)
    label = re.sub(r"ﬂ°°(\d+)¶ß", lambda m: chr(int(m.group(1))), label)
    return re.sub(r"ﬂ°(\w+)¶ß", lambda m: html.unescape(f"&{m.group(1)};"), label)


def mermaid_of(text: str | bytes, **options: object) -> str:
    result = check_bytes(text, "t.org.txt", PACK) if isinstance(text, bytes) else check_text(text, "t.org.txt", PACK)
    return build_mermaid(result.org, result.findings, PACK.vocabulary.exclusive, ChartOptions(**options))  # type: ignore[arg-type]


# Characters that mean something to Mermaid, YAML, HTML or Markdown, and text in other scripts.
_ALPHABET = list('"#;&<>`[](){}|:%-=~*_\\/\'.,!?@$^+ ') + list("abcXYZ019éßØ日本語한국어مرحباשלוםПривет🚀") + [
    "end", "style", "click", "class", "subgraph", "%%", "-->", "-.->", "&amp;", "#35;", "#quot;", "<br/>",
    "<script>", "```", "---", "\u2028", "\u00a0", "\u200f", "\ufffe", "\x85", "¶ß", "ﬂ°", "classDef", "a:b"]


def _random_org(seed: int, roles: int) -> tuple[str, list[tuple[str, str]]]:
    """An org whose titles and team names are random strings over ``_ALPHABET``."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 12))).replace("\\", "/")

    def quoted(value: str) -> str:
        return '"' + value.replace('"', '\\"') + '"'

    name = text()
    lines = [f"org {quoted(name)}"] + [f"team t{i} {quoted(text())}" for i in range(5)]
    titles = []
    for index in range(roles):
        title, person = text(), text()
        titles.append((title, person))
        lines += [f"role r{index} {quoted(title)}", f"  person {quoted(person)}", f"  team t{index % 6}"]
        if index:
            lines.append(f"  reports-to r{rng.randrange(index)}")
    return "\n".join(lines) + "\n", titles


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[str, dict]]:
    """Every diagram the tests check, by name, with what Mermaid read of it."""
    from test_charts import EMPTY_TEXTS
    from test_render import HOSTILE

    diagrams: dict[str, str] = {}
    for path in sorted(EXAMPLES.glob("*.org.txt")):
        text = path.read_text()
        diagrams[path.name] = mermaid_of(text)
        diagrams[f"{path.name} --depth 1"] = mermaid_of(text, depth=1)
        diagrams[f"{path.name} --hide dotted --no-findings"] = mermaid_of(text, dotted=False, findings=False)
    for path in CORPUS:
        diagrams[f"corpus/{path.name}"] = mermaid_of(path.read_bytes())
    for size in (150, 500, 2000):
        diagrams[f"generated {size}"] = mermaid_of(generate(size, seed=1, violations=True).text)
    diagrams["hostile"], diagrams["empty texts"] = mermaid_of(HOSTILE), mermaid_of(EMPTY_TEXTS)
    for seed in range(3):
        diagrams[f"random {seed}"] = mermaid_of(_random_org(seed, 120)[0])
    cli = run_cli("render", "examples/troubled.org.txt", "--format", "mermaid", "-o", "-")
    assert cli.returncode == 0, cli.stderr
    diagrams["command line"] = cli.stdout
    items = [{"text": text, "labels": "generated" not in name} for name, text in diagrams.items()]
    # A big generated org also with Mermaid's edge limit raised, in the same Node process.
    items.append({"text": diagrams["generated 500"], "config": {"maxEdges": 100_000}})
    results = parse_with_mermaid(items)
    found = {name: (text, result) for (name, text), result in zip(diagrams.items(), results[:-1], strict=True)}  # the last: maxEdges raised
    found["generated 500 with maxEdges raised"] = (diagrams["generated 500"], results[-1])
    return found


def test_every_diagram_parses(parsed: dict[str, tuple[str, dict]]) -> None:
    """Every diagram within Mermaid's default limits parses; orgmodel's notes name exactly the others."""
    from orgmodel.render.mermaid import notes

    failures = {name: result["error"][:300] for name, (diagram, result) in parsed.items()
                if result["error"] and not notes(diagram)}
    assert failures == {}
    over = {name for name, (diagram, _) in parsed.items() if notes(diagram) and "raised" not in name}
    assert over == {"generated 500", "generated 2000"}
    for name in over:  # the real parser refuses them for the reason the note gives, and only for it
        assert "Edge limit exceeded" in parsed[name][1]["error"]
    assert parsed["generated 500 with maxEdges raised"][1]["error"] is None
    assert len(parsed) >= 3 * 3 + len(CORPUS) + 3 + 2 + 3 + 1


def test_a_note_when_mermaid_would_refuse_the_diagram(tmp_path: Path) -> None:
    org = tmp_path / "big.org.txt"
    org.write_text(generate(600, seed=1).text)
    result = run_cli("render", str(org), "--format", "mermaid", "-o", str(tmp_path / "big.mmd"))
    assert result.returncode == 0
    assert "orgmodel: note: mermaid: 619 lines, but Mermaid draws at most 500" in result.stderr
    assert "note" not in run_cli("render", str(org), "--format", "mermaid", "-o", "-", "--depth", "4").stderr


@pytest.mark.parametrize("seed", range(3))
def test_labels_read_back_as_written(seed: int, parsed: dict[str, tuple[str, dict]]) -> None:
    """Titles, persons and team names full of Mermaid, YAML and HTML syntax come back as the same text."""
    text, titles = _random_org(seed, 120)
    _, result = parsed[f"random {seed}"]
    for index, (title, person) in enumerate(titles):
        label = decoded(result["nodes"][f"r{index}"])
        shown = [shorten(clean(t)) for t in (title, person)]
        if is_blank(title):
            shown[0] = f"r{index} (no title)"
        assert label.startswith(f"<b>{shown[0]}</b>"), (title, label)
        # Mermaid trims the label's end, so a person's trailing spaces may go.
        assert f"<br>{shown[1].rstrip()}" in label or not shown[1].strip(), (person, label)
    teams = {decoded(title) for title in result["subgraphs"]}  # Mermaid trims a subgraph's title
    org = check_text(text, "t.org.txt", PACK).org
    assert teams == {shorten(clean(team.name)).strip() or team.id for team in org.teams.values()}


def test_title_is_quoted_yaml_and_text_is_utf8(parsed: dict[str, tuple[str, dict]]) -> None:
    """The issue's org name with ': ' and ' #' parses whole; non-ASCII text is written as itself."""
    diagram, result = parsed["corpus/name-with-colon-hash-and-scripts.org.txt"]
    assert result["error"] is None
    lines = diagram.splitlines()
    assert lines[:3] == ["---", 'title: "Halvorsen Industrial Group: Global Marketing # EMEA"', "---"]
    assert json.loads(lines[1].removeprefix("title: ")) == "Halvorsen Industrial Group: Global Marketing # EMEA"
    assert "Directrice générale — 市場部長" in diagram and "#232;" not in diagram
    assert decoded(result["nodes"]["r0"]) == "<b>Directrice générale — 市場部長</b>"


def test_hostile_labels_stay_text(parsed: dict[str, tuple[str, dict]]) -> None:
    diagram, result = parsed["hostile"]
    assert "<script>" not in diagram and '"]; x' not in diagram
    labels = [decoded(label) for label in result["nodes"].values()]
    assert any("<script>alert(1)</script>" in label for label in labels)
    assert any('"]; x [image="/etc/passwd"' in label for label in labels)


def test_mermaid_is_linear_in_teams() -> None:
    """20,000 teams once took 110 s (a scan of every role per team); asserted on the result."""
    text = "".join(f'team t{i} "Team {i}"\nrole r{i} "Analyst"\n  team t{i}\n' for i in range(20_000))
    diagram = mermaid_of(text, findings=False)
    assert diagram.count("    subgraph t") == 20_000
    assert '    subgraph t19999["Team 19999"]\n        r19999["<b>Analyst</b>"]\n    end\n' in diagram


def test_mermaid_files_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "org.mmd"
    result = run_cli("render", "tests/fuzz_corpus/name-with-colon-hash-and-scripts.org.txt", "-o", str(out))
    assert result.returncode == 0, result.stderr
    [read] = parse_with_mermaid([{"text": out.read_text(encoding="utf-8"), "labels": True}])
    assert read["error"] is None and decoded(read["nodes"]["r0"]).startswith("<b>Directrice générale")
