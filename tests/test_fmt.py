"""orgmodel fmt: the canonical layout, comments kept, idempotence, and never a change of meaning.

The meaning test runs over every org the tests have: the examples, every
*.org.txt under tests/ (the fuzz corpus, and tests/realistic/ once it
exists), the rule pack's examples, every org snippet written in a test
module, the orgs imported from the HR fixtures, and Hypothesis's odd valid
and mutated orgs. Each is either refused (syntax errors; the file is left
untouched) or formatted to text whose model and findings equal the
original's, and which formats to itself.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from conftest import EXAMPLES, mutate, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import EXAMPLE_LINES, weird_orgs

from orgmodel.api import check_bytes
from orgmodel.formatting import format_bytes, format_text
from orgmodel.rulepack import load_builtin

PACK = load_builtin()
TESTS = Path(__file__).parent
_POSITIONS = {"line", "column", "end_column", "name_line", "path"}
_ORG_START = re.compile(r"^(org|role|kpi|campaign|team|department) ", re.M)


def meaning(data: bytes) -> tuple[Any, Counter[tuple[str, str, str | None, str]]]:
    """The model without positions, and the findings without positions (messages' line numbers masked)."""
    result = check_bytes(data, "org.org.txt", PACK)
    model = attrs.asdict(result.org, filter=lambda attribute, _: attribute.name not in _POSITIONS)
    findings = Counter((f.code, str(f.severity), f.entity, re.sub(r"\blines? \d+", "line N", f.message))
                       for f in result.findings)
    return model, findings


def assert_formats_faithfully(data: bytes, name: str) -> bool:
    """Format ``data``; True when it was formatted (False: refused for syntax errors)."""
    result = format_bytes(data, name)
    if result.formatted is None:
        assert result.problems, name
        return False
    assert meaning(result.formatted) == meaning(data), f"{name}: meaning changed\n{result.diff()}"
    again = format_bytes(result.formatted, name)
    assert again.formatted == result.formatted, f"{name}: not idempotent\n{again.diff()}"
    return True


def _snippets_in_tests() -> list[tuple[str, bytes]]:
    """Every string constant in a test module that reads as an org file."""
    found = []
    for module in sorted(TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ORG_START.search(node.value):
                text = textwrap.dedent(node.value).lstrip("\n")
                found.append((f"{module.name}:{node.lineno}", text.encode("utf-8", "surrogatepass")))
    return found


def every_org() -> list[tuple[str, bytes]]:
    orgs = [(p.name, p.read_bytes()) for p in sorted(EXAMPLES.glob("*.org.txt"))]
    orgs += [(str(p.relative_to(TESTS)), p.read_bytes()) for p in sorted(TESTS.rglob("*.org.txt"))]
    for rule in PACK.rules.values():
        orgs += [(f"{rule.code} fires", rule.fires.encode()), (f"{rule.code} passes", rule.passes.encode())]
    return orgs + _snippets_in_tests()


ORGS = every_org()


def test_every_org_the_tests_have_keeps_its_meaning() -> None:
    formatted = [name for name, data in ORGS if assert_formats_faithfully(data, name)]
    # The collection is not empty and most orgs are valid enough to format.
    assert len(ORGS) > 150 and len(formatted) > 120, (len(ORGS), len(formatted))


def test_imported_orgs_are_already_formatted(tmp_path: Path) -> None:
    for table in sorted((TESTS / "hr_exports").glob("*.csv")):
        out = tmp_path / f"{table.stem}.org.txt"
        assert run_cli("import", str(table), "-o", str(out)).returncode in (0, 1)
        assert format_bytes(out.read_bytes()).changed is False, table.name
        assert assert_formats_faithfully(out.read_bytes(), table.name)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(weird_orgs())
def test_odd_valid_orgs_keep_their_meaning(text: str) -> None:
    assert assert_formats_faithfully(text.encode("utf-8"), "weird")


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(range(len(EXAMPLE_LINES))),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 200), st.integers(0, 200)), max_size=8))
def test_mutated_examples_are_refused_or_keep_their_meaning(which: int, operations: list[tuple[int, int, int]]) -> None:
    assert_formats_faithfully(mutate(EXAMPLE_LINES[which], operations).encode("utf-8", "surrogatepass"), "mutant")


# (input, canonical output): one row per layout decision.
LAYOUT = [
    ('role  a   "A"\n', 'role a "A"\n'),
    ('role a "A"\n\tperson "X"\n', 'role a "A"\n  person "X"\n'),
    ('role a "A"\n  owns vision,budget-setting ,  kpi-framework\n',
     'role a "A"\n  owns vision, budget-setting, kpi-framework\n'),
    # Attributes in the grammar's order; lines of one key keep their order.
    ('role a "A"\n  owns b\n  layer strategic\n  owns a\n  person "P"\n',
     'role a "A"\n  person "P"\n  layer strategic\n  owns b\n  owns a\n'),
    ('role a "say \\"hi\\" \\\\o/"\n', 'role a "say \\"hi\\" \\\\o/"\n'),
    # One blank line between declarations; one-line declarations may stay a block.
    ('role a "A"\n  person "P"\nrole b "B"\n\n\n\nrole c "C"\n',
     'role a "A"\n  person "P"\n\nrole b "B"\n\nrole c "C"\n'),
    ('team a "A"\nteam b "B"\n\n\nteam c "C"\n', 'team a "A"\nteam b "B"\n\nteam c "C"\n'),
    # Comments: at the end of a line they stay on it; on their own line they travel with the next line.
    ('role a "A"  #   trailing\n  owns x #  why\n  person "P"\n',
     'role a "A"  #   trailing\n  person "P"\n  owns x  #  why\n'),
    ('role a "A"\n  owns x\n  # about the person\n  person "P"\n',
     'role a "A"\n  # about the person\n  person "P"\n  owns x\n'),
    ('# file header\n\n# about a\nrole a "A"\n  owns x\n  # end of a\n# about b\nrole b "B"\n# the end\n',
     '# file header\n\n# about a\nrole a "A"\n  owns x\n  # end of a\n\n# about b\nrole b "B"\n# the end\n'),
    ('', ''),
    ('\n\n# only a comment\n\n', '# only a comment\n'),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUT)
def test_canonical_layout(text: str, expected: str) -> None:
    assert format_text(text) == (expected, ())
    assert format_text(expected) == (expected, ())


def test_suppressions_keep_working_after_formatting() -> None:
    text = ('kpi nps "NPS"   # orgmodel: ignore[KPI001] owner hired in May\n'
            'role cmo "CMO"\n  owns vision  # orgmodel: ignore[XFN001] group duties\n  person "P"\n')
    formatted = format_bytes(text.encode()).formatted
    assert formatted is not None
    codes = {f.code for f in check_bytes(formatted, "x.org.txt", PACK).findings}
    assert not codes & {"KPI001", "XFN001", "SUP001", "SUP002"}
    assert meaning(formatted) == meaning(text.encode())


def test_crlf_stays_crlf_and_the_bom_goes() -> None:
    result = format_bytes(b'\xef\xbb\xbfrole a  "A"\r\n  person "P"\r\n')
    assert result.formatted == b'role a "A"\r\n  person "P"\r\n'


def test_cli_writes_checks_and_diffs(tmp_path: Path) -> None:
    messy, clean = tmp_path / "messy.org.txt", tmp_path / "clean.org.txt"
    messy.write_text('role a  "A"\n  owns x,y\n')
    clean.write_text('role a "A"\n')
    check = run_cli("fmt", "--check", str(messy), str(clean), cwd=tmp_path)
    assert (check.returncode, check.stdout) == (1, "would reformat messy.org.txt\n")
    diff = run_cli("fmt", "--diff", "messy.org.txt", cwd=tmp_path)
    assert diff.returncode == 1 and "-  owns x,y\n+role a \"A\"\n+  owns x, y\n" in diff.stdout
    assert messy.read_text() == 'role a  "A"\n  owns x,y\n'  # --check and --diff write nothing
    done = run_cli("fmt", ".", cwd=tmp_path)  # a folder: its org files
    assert done.returncode == 0 and "reformatted messy.org.txt" in done.stderr
    assert messy.read_text() == 'role a "A"\n  owns x, y\n'
    assert run_cli("fmt", "--check", str(messy), str(clean)).returncode == 0


def test_syntax_errors_leave_the_file_untouched(tmp_path: Path) -> None:
    broken = tmp_path / "typos.org.txt"
    broken.write_bytes((EXAMPLES / "typos.org.txt").read_bytes())
    result = run_cli("fmt", str(broken))
    assert result.returncode == 2
    assert f"{broken}:9:3: error SYN002 unknown role attribute 'reprots-to'" in result.stderr
    assert broken.read_bytes() == (EXAMPLES / "typos.org.txt").read_bytes()


def test_standard_input_to_standard_output() -> None:
    result = run_cli("fmt", "-", input='role a   "A"\n')
    assert (result.returncode, result.stdout) == (0, 'role a "A"\n')
    assert run_cli("fmt", "-", input='role a "A\n').returncode == 2


def test_examples_acme_is_canonical() -> None:
    assert format_bytes((EXAMPLES / "acme.org.txt").read_bytes()).changed is False
