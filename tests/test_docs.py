"""The README and the rule docs stay true to the pack and to the tool."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO, run_cli

from orgmodel import docs
from orgmodel.rulepack import builtin_texts

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_rule_table_is_generated_from_the_pack(pack) -> None:
    assert docs.replace_readme_section(README, docs.rules_markdown(pack)) == README, "run `make docs`"
    for code in pack.rules:
        assert f"| {code} |" in README


def test_readme_sample_output_is_what_the_tool_prints() -> None:
    sample = README.split("$ orgmodel check examples/troubled.org.txt\n", 1)[1].split("```", 1)[0]
    output = run_cli("check", "examples/troubled.org.txt").stdout.splitlines()
    for line in sample.splitlines():
        if line != "...":
            assert line in output


def test_quick_start_and_ci_use_make_test() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_every_rule_is_documented(pack) -> None:
    for rule in pack.rules.values():
        text = docs.rule_text(rule)
        assert rule.source.title in text and rule.principle in text and rule.fix in text
        assert rule.fires.strip().splitlines()[0] in text


def test_explain_and_rules_commands(pack) -> None:
    result = run_cli("explain", "bud001")
    assert result.returncode == 0
    assert "Strategic vs. Operational Marketing Leadership Roles" in result.stdout
    assert run_cli("explain", "NOPE001").returncode == 2
    *listed, footnote = run_cli("rules").stdout.splitlines()
    assert [line.split()[0] for line in listed] == list(pack.rules)
    assert footnote.startswith("* opt-in")
    assert [line.split()[0] for line in listed if line.split()[1].endswith("*")] == [
        code for code, rule in pack.rules.items() if rule.opt_in]


def test_wheel_carries_the_rule_pack(tmp_path: Path, pack) -> None:
    """A wheel (not only the editable install) has the pack, and the tool runs from it."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(REPO)], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("orgmodel-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"orgmodel/rules/{Path(path).name}" for path, _ in builtin_texts()} <= set(names)
    assert "orgmodel/interchange/org-export.schema.json" in names  # export's schema ships with the package
    assets = REPO / "orgmodel" / "render" / "assets"
    assert {f"orgmodel/render/assets/{file.name}" for file in assets.iterdir()} <= set(names)  # the HTML report's
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    code = (f"import sys; sys.path.insert(0, {str(target)!r}); import orgmodel, orgmodel.rulepack as r; "
            f"assert orgmodel.__file__.startswith({str(target)!r}); print(len(r.load_builtin().rules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.strip() == str(len(pack.rules)), result.stderr


def _block_after(marker: str) -> str:
    start = README.index(marker)
    return README[start:].split("\n", 1)[1].split("```", 1)[0]


def test_readme_configuration_example_is_valid(tmp_path: Path, pack) -> None:
    from test_rulepacks import write_doc_files

    from orgmodel.config import configure_pack, load_settings

    write_doc_files(tmp_path)
    config = tmp_path / ".orgmodel.toml"
    config.write_text(_block_after("# .orgmodel.toml\n"))
    configured = configure_pack(pack, load_settings(config))
    assert "XFN001" not in configured.rules and "KPI003" not in configured.rules
    assert configured.rules["SPAN001"].params["max"] == 8
    assert "GROW001" not in configured.rules  # not selected, but known
    assert "GROW001" in configured.known_codes


def test_readme_suppression_example_is_valid() -> None:
    from conftest import findings

    start = README.index("### Suppressing a finding")
    example = README[start:].split("```\n", 2)[1]
    found = findings(example)
    assert not [f for f in found if f[0] in ("SUP001", "SUP003", "KPI001", "TITLE001")]


def test_readme_pre_commit_hooks_exist() -> None:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text()
    for hook in ("orgmodel-check", "orgmodel-render"):
        assert f"- id: {hook}" in README and f"- id: {hook}\n" in hooks


def test_guarantees_point_at_tests_that_exist() -> None:
    section = README.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    references = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", section)
    assert len(references) >= 10
    for path, name in references:
        source = (REPO / path).read_text()
        assert not name or f"def {name}(" in source, f"{path}::{name}"


def test_generated_doc_sections_are_up_to_date(pack) -> None:
    """docs/rule-packs.md's check kinds and docs/reading-the-documents.md's vocabulary come from the code."""
    packs = (REPO / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    assert docs.replace_readme_section(packs, docs.kinds_markdown(), docs.KINDS_BEGIN, docs.KINDS_END) == packs, \
        "run `make docs`"
    reading = (REPO / "docs" / "reading-the-documents.md").read_text(encoding="utf-8")
    assert docs.replace_readme_section(reading, docs.vocabulary_markdown(pack), docs.VOCABULARY_BEGIN,
                                       docs.VOCABULARY_END) == reading, "run `make docs`"


def test_every_check_kind_is_used_by_a_builtin_rule(pack) -> None:
    """A kind no rule uses is untested by the pack's own examples; each kind is exercised by one."""
    from orgmodel.checks import CHECK_KINDS

    assert set(CHECK_KINDS) - {rule.kind.name for rule in pack.rules.values()} == {"depth-limit"}
    assert "depth-limit" in (REPO / "docs" / "rule-packs.md").read_text()  # its worked example uses it


def test_format_lists_in_the_readme_are_the_codes_lists() -> None:
    """The README's option rows list exactly the formats the code knows, from its one list of each."""
    from orgmodel.render import FORMATS
    from orgmodel.report import FORMAT_NAMES

    def row(option_start: str) -> list[str]:
        line = next(line for line in README.splitlines() if line.startswith(f"| `{option_start}"))
        return line.split("`")[1].split(" ", 1)[1].replace("\\|", "|").split("|")

    assert row("--format text") == list(FORMAT_NAMES)
    assert sorted(row("--format svg")) == sorted(FORMATS)


def test_readme_samples_are_generated() -> None:
    """The README's sample outputs are what `make docs` writes from the tool's own output."""
    assert docs.replace_samples(README, docs.readme_samples(str(REPO))) == README, "run `make docs`"
