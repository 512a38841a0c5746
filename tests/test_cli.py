"""The installed ``orgmodel`` console script: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<code>[A-Z]+\d{3}) .+$")


def test_clean_example_exits_zero() -> None:
    result = run_cli("check", "examples/acme.org.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "All checks passed (1 file checked).\n"
    assert result.stderr == ""


def test_findings_are_one_line_each_sorted_then_a_summary() -> None:
    result = run_cli("check", "examples/troubled.org.txt")
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in parsed if m]
    assert keys == sorted(keys)
    codes = {m["code"] for m in parsed if m}
    assert len(codes) >= 20
    errors = sum(1 for m in parsed if m and m["sev"] == "error")
    assert re.fullmatch(rf"Found {errors} errors, \d+ warnings, \d+ infos in 1 file\.", summary)


def test_json_format(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "json", "examples/troubled.org.txt", "examples/acme.org.txt")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    first = data["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "code", "severity", "message", "entity"}
    assert data["summary"]["files"] == 2
    assert data["summary"]["total"] == len(data["diagnostics"])
    assert {d["path"] for d in data["diagnostics"]} == {"examples/troubled.org.txt"}


@pytest.mark.parametrize(("fail_on", "status"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(tmp_path: Path, fail_on: str, status: int) -> None:
    org = tmp_path / "warn.org.txt"
    # Warnings (LEAD002, RESP002) and nothing worse.
    org.write_text('role l "SEO Lead"\n')
    result = run_cli("check", "--fail-on", fail_on, str(org))
    assert result.returncode == status, result.stdout


def test_directory_finds_org_files_only(tmp_path: Path) -> None:
    (tmp_path / "a.org.txt").write_text('role a "A"\n  reports-to zz\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "org.txt").write_text('role b "B"\n  reports-to zz\n')
    (tmp_path / "notes.txt").write_text("rol nonsense\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.org.txt").write_text("rol nonsense\n")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 1
    paths = [line.split(":")[0] for line in result.stdout.splitlines() if "REF002" in line]
    assert paths == ["a.org.txt", "sub/org.txt"]
    assert "SYN002" not in result.stdout


def test_directory_without_org_files(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("orgmodel: error: no org files")
    assert len(result.stderr.splitlines()) == 1


def test_missing_file_is_one_line_exit_2() -> None:
    result = run_cli("check", "nope.org.txt", "examples/acme.org.txt")
    assert result.returncode == 2
    assert result.stderr == "orgmodel: error: nope.org.txt: no such file or directory\n"
    # The readable file is still checked.
    assert "1 file checked" in result.stdout


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.org.txt"
    os.mkfifo(fifo)
    result = run_cli("check", str(fifo), timeout=20)
    assert result.returncode == 2
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_checked_prints_no_report() -> None:
    result = run_cli("check", "nope.org.txt")
    assert (result.returncode, result.stdout) == (2, "")


def test_usage_errors_exit_2() -> None:
    assert run_cli("check").returncode == 2
    assert run_cli("check", "--format", "xml", "examples/acme.org.txt").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_version_and_help() -> None:
    from orgmodel import __version__

    assert run_cli("--version").stdout.strip() == f"orgmodel, version {__version__}"
    help_text = " ".join(run_cli("check", "--help").stdout.split())
    assert "--fail-on" in help_text and "Exit status" in help_text


def test_python_api_matches_cli() -> None:
    from orgmodel.api import check_file

    result = check_file(EXAMPLES / "troubled.org.txt", display_path="examples/troubled.org.txt")
    cli = run_cli("check", "examples/troubled.org.txt").stdout.splitlines()[:-1]
    assert [f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}" for f in result.findings] == cli
