"""Bad and huge input through the console script: findings or one-line errors, never a traceback."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ORGMODEL, run_cli

from orgmodel.files import OutputError, write_atomic

ACME = (Path(__file__).parent.parent / "examples" / "acme.org.txt").read_bytes()


def check(tmp_path: Path, data: bytes, *options: str) -> tuple[int, list[str], str]:
    org = tmp_path / "edge.org.txt"
    org.write_bytes(data)
    result = run_cli("check", "--format", "json-lines", *options, str(org), timeout=120)
    assert "Traceback" not in result.stderr
    codes = [line.split('"code": "')[1].split('"')[0] for line in result.stdout.splitlines()]
    return result.returncode, codes, result.stdout


# (bytes, expected exit status, codes that must be among the findings)
CASES = [
    pytest.param(b"", 1, ["HIER002"], id="empty file"),
    pytest.param(b"# only a comment\n\n# another\n", 1, ["HIER002"], id="only comments"),
    pytest.param(b"\xef\xbb\xbf" + ACME, 0, [], id="BOM"),
    pytest.param(ACME.replace(b"\n", b"\r\n"), 0, [], id="CRLF"),
    pytest.param(ACME.replace(b"\n", b"\r"), 0, [], id="CR only"),
    pytest.param(ACME.replace(b"Dana", b"Da\x00na"), 1, ["SYN001"], id="NUL byte"),
    pytest.param(b'role cmo "Jos\xe9"\n', 1, ["SYN001"], id="invalid UTF-8"),
    pytest.param("role cmo \"CMO\"\n".encode("utf-16"), 1, ["SYN001"], id="UTF-16"),
    pytest.param(ACME.replace(b'"Dana Whitfield"', b'"' + b"x" * 1_000_000 + b'"'), 0, [], id="1 MB name"),
    # A declaration follows, so that the file is an org file (one with none is refused whole).
    pytest.param(b"  " + b"a, " * 350_000 + b"\nrole cmo \"CMO\"\n", 1, ["SYN001"], id="1 MB attribute line"),
    pytest.param(b'"' * 1_000_000 + b"\nrole cmo \"CMO\"\n", 1, ["SYN001"], id="1 MB of quotes"),
]


@pytest.mark.parametrize(("data", "status", "codes"), CASES)
def test_input_edge_cases(tmp_path: Path, data: bytes, status: int, codes: list[str]) -> None:
    returncode, found, _ = check(tmp_path, data)
    assert returncode == status, found[:5]
    assert set(codes) <= set(found)


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    _, _, output = check(tmp_path, b'role cmo "CMO"\n  person "Jos\xe9"\n')
    assert "invalid UTF-8: byte 0xe9 at offset 28" in output and '"line": 2, "column": 14' in output


def test_line_ends_do_not_change_the_findings(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "examples" / "troubled.org.txt").read_bytes()
    results = [check(tmp_path, text.replace(b"\n", end))[2] for end in (b"\n", b"\r\n", b"\r")]
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_unreadable_file(tmp_path: Path, locked: str) -> None:
    """A file we may not read, or one inside a folder we may not enter: one line, exit 2."""
    import subprocess

    folder = tmp_path / "private"
    folder.mkdir()
    org = folder / "secret.org.txt"
    org.write_text('role cmo "CMO"\n')
    for parent in (tmp_path, *tmp_path.parents[:3]):
        parent.chmod(parent.stat().st_mode | 0o005)  # others may enter the temporary folders
    (org if locked == "file" else folder).chmod(0)
    command = [ORGMODEL, "check", str(org)]
    if os.geteuid() == 0:  # root reads anything: run as nobody
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    folder.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr == f"orgmodel: error: {org}: cannot read: Permission denied\n"


def test_directory_named_like_an_org_file(tmp_path: Path) -> None:
    (tmp_path / "weird.org.txt").mkdir()
    result = run_cli("check", str(tmp_path / "weird.org.txt"))
    assert result.returncode == 2 and "no org files" in result.stderr


def test_huge_labels_still_render(tmp_path: Path) -> None:
    """Graphviz refuses HTML labels over 16,384 characters (found by the fuzzer)."""
    org = tmp_path / "big.org.txt"
    kpis = "".join(f'kpi k{i} "KPI {i}"\n  owner cmo\n' for i in range(2000))
    org.write_text('org "' + "<&>" * 3000 + '"\nrole cmo "' + "<" * 6000 + '"\n  person "' + "&" * 6000 + '"\n' + kpis)
    result = run_cli("render", str(org), "-o", str(tmp_path / "big.svg"), timeout=120)
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "big.svg").getroot()
    words = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "+1991 more" in words  # 9 KPI badges shown, the rest counted
    title = next(e for e in root.iter("{http://www.w3.org/2000/svg}title") if (e.text or "").startswith("<<<"))
    assert title.text is not None and title.text.startswith("<" * 6000)  # the tooltip keeps the full text


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chart.svg"
    target.write_text("old chart")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"new chart")
    assert target.read_text() == "old chart"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]  # no temporary file left behind


def test_refuses_to_write_over_the_input(tmp_path: Path) -> None:
    org = tmp_path / "a.org.txt"
    shutil.copy(Path(__file__).parent.parent / "examples" / "acme.org.txt", org)
    before = org.read_bytes()
    report = run_cli("check", "--format", "sarif", "--output", str(org), str(org))
    chart = run_cli("render", str(org), "-o", str(org), "--format", "svg")
    for result in (report, chart):
        assert result.returncode == 2 and "refusing to write the output over the input" in result.stderr
    assert org.read_bytes() == before


def test_output_into_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_cli("render", "examples/acme.org.txt", "-o", str(tmp_path / "no" / "such" / "chart.svg"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "cannot write" in result.stderr
