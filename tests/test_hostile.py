"""A hostile repository, through the console script: links out of the tree, FIFOs and devices, control characters.

orgmodel runs in pre-commit hooks and CI on repositories it did not write,
often as root. Each test names the item of the hardening issue it holds.
Runs are capped at 2 GB of address space, so that a regression that reads
/dev/zero fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORGMODEL

ACME = (EXAMPLES / "acme.org.txt").read_text()
SECRET = "s3cr3t-7f1c"  # must never appear in any output
# Raw characters that must never reach a terminal or log (newline only as a line end).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ORGMODEL, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_cap_memory, errors="surrogateescape")


def one_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2 and one line on stderr per refused file, saying ``words``, quoting nothing secret."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert all(line.startswith("orgmodel: error: ") for line in result.stderr.splitlines()), result.stderr
    assert all(word in result.stderr for word in words), result.stderr
    assert SECRET not in result.stdout + result.stderr


# Item 2: symlinks out of the tree, and files that are plainly not org files.

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one good org file, next to a secret outside it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "id_rsa").write_text(f"-----BEGIN OPENSSH PRIVATE KEY-----\n{SECRET}AAAA\n")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "team.org.txt").write_text(ACME)
    return tmp_path / "repo"


@pytest.mark.parametrize("arguments", [["x.org.txt"], ["."], ["--format", "sarif", "."], ["--format", "github", "."]])
def test_a_symlink_out_of_the_tree_is_refused_quoting_nothing(repo: Path, arguments: list[str]) -> None:
    (repo / "x.org.txt").symlink_to(repo.parent / "outside" / "id_rsa")
    result = run("check", *arguments, cwd=repo)
    one_error(result, "x.org.txt: a symbolic link out of the checked folder; not followed")
    assert len(result.stderr.splitlines()) == 1


def test_render_refuses_a_symlink_out_of_the_tree(repo: Path) -> None:
    (repo / "x.org.txt").symlink_to(repo.parent / "outside" / "id_rsa")
    one_error(run("render", "x.org.txt", "-o", "x.svg", cwd=repo), "symbolic link")
    assert not (repo / "x.svg").exists()


def test_a_symlink_inside_the_tree_is_followed(repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "team.org.txt").symlink_to("../team.org.txt")
    result = run("check", "docs/team.org.txt", cwd=repo)
    assert (result.returncode, result.stdout) == (0, "All checks passed (1 file checked).\n")


@pytest.mark.parametrize("content", [
    f"root:x:0:0:root:/root:/bin/bash\n{SECRET}:x:1000:1000::/home/me:/bin/sh\n",
    f"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA{SECRET}\n-----END OPENSSH PRIVATE KEY-----\n",
    f"{SECRET}=hunter2\n  indented = also secret {SECRET}\n",
    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + SECRET,
], ids=["passwd", "ssh key", "env file", "binary"])
def test_a_file_that_is_plainly_no_org_file_is_refused_whole(repo: Path, content: str) -> None:
    (repo / "copied.org.txt").write_text(content, errors="surrogateescape")
    result = run("check", "--format", "json", ".", cwd=repo)
    one_error(result, "copied.org.txt: not an org file: no line declares", "(nothing of it is quoted)")
    assert json.loads(result.stdout)["summary"]["files"] == 1  # the good file is still checked


def test_messages_quote_at_most_a_short_token(repo: Path) -> None:
    long_id = "x" * 130 + SECRET + "y" * 200  # the secret lies beyond what any message quotes
    (repo / "long.org.txt").write_text(f'role cmo "CMO"\n{long_id} tail\n  owner {long_id}\nkpi k "K"\n'
                                       f"  owner {long_id}\n  owner cmo, {long_id}!\n")
    result = run("check", "long.org.txt", cwd=repo)
    assert result.returncode == 1 and SECRET not in result.stdout
    assert "SYN002 unknown declaration kind; use one of" in result.stdout  # not keyword-like: not quoted
    assert f"no role '{'x' * 37}...' is declared" in result.stdout


# Items 3 and 6: outputs to devices, FIFOs, and over the input.

def _make_device(path: Path) -> None:
    try:
        os.mknod(path, 0o666 | 0o020000, os.makedev(1, 3))  # a character device: /dev/null's numbers
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")


OUTPUT_COMMANDS = {
    "check --output": ["check", "--format", "sarif", "team.org.txt", "--output"],
    "render -o": ["render", "team.org.txt", "--format", "svg", "-o"],
}


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_output_to_a_device_is_written_not_replaced(repo: Path, command: str) -> None:
    (repo / "null").symlink_to("/dev/null")
    _make_device(repo / "device")
    for target in ("null", "device"):
        result = run(*OUTPUT_COMMANDS[command], target, cwd=repo)
        assert result.returncode == 0, result.stderr
    assert (repo / "null").is_symlink() and (repo / "device").is_char_device()
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_output_to_a_full_device_is_a_one_line_error(repo: Path, command: str) -> None:
    (repo / "full").symlink_to("/dev/full")
    one_error(run(*OUTPUT_COMMANDS[command], "full", cwd=repo), "full: cannot write: No space left on device")
    assert (repo / "full").is_symlink()


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_output_to_a_fifo_is_streamed(repo: Path, command: str) -> None:
    fifo = repo / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(*OUTPUT_COMMANDS[command], "pipe", cwd=repo)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo() and received and received[0].lstrip().startswith((b"{", b"<"))


def test_check_output_never_lands_on_an_org_file_found_in_a_folder(repo: Path) -> None:
    before = (repo / "team.org.txt").read_text()
    result = run("check", "--format", "sarif", "--output", "team.org.txt", ".", cwd=repo)
    one_error(result, "team.org.txt: refusing to write the output over the input file")
    assert (repo / "team.org.txt").read_text() == before


# Item 4: control characters in file names and in org text.

HOSTILE_NAMES = ["a\n::add-mask::x.org.txt", "b\x1b[2J\x1b]0;owned\x07.org.txt", "c\u009b31m.org.txt",
                 "d\u202eevil.org.txt", "e\udcff.org.txt"]


@pytest.mark.parametrize("output_format", ["text", "github", "junit", "json", "json-lines", "sarif"])
def test_file_names_with_control_characters(tmp_path: Path, output_format: str) -> None:
    for name in HOSTILE_NAMES:
        (tmp_path / name).write_text('kpi k "K"\n')
    result = run("check", "--format", output_format, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert not RAW_CONTROL.search(result.stdout), RAW_CONTROL.findall(result.stdout)
    lines = result.stdout.splitlines()
    if output_format == "text":
        assert all(re.match(r"[a-e]\\", line) for line in lines[:-1]) and lines[-1].startswith("Found")
    elif output_format == "github":
        assert all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines)
    elif output_format == "junit":
        files = {case.get("file") for case in ET.fromstring(result.stdout).iter("testcase")}
        assert "a\\x0a::add-mask::x.org.txt" in files and "d\\u202eevil.org.txt" in files
    else:  # JSON: every name comes back exactly once parsed
        records = [json.loads(line) for line in lines] if output_format == "json-lines" else [json.loads(result.stdout)]
        assert set(HOSTILE_NAMES) <= set(_strings(records))


def _strings(data: object) -> list[str]:
    """Every string in parsed JSON."""
    if isinstance(data, str):
        return [data]
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for item in items for text in _strings(item)]


def test_org_text_with_c1_bidi_and_noncharacters(tmp_path: Path) -> None:
    org = tmp_path / "org.txt"
    org.write_text('role cmo "CMO\u009b\u202e"\n  person a\u009b31mb\nrole x "X\ufffe"\n  reports-to cmo\n'
                   "  person c\u202ed\ufffe\uffff\n", errors="surrogateescape")
    text = run("check", "org.txt", cwd=tmp_path)
    assert text.returncode == 1 and not RAW_CONTROL.search(text.stdout)
    assert "not 'a\\x9b31mb'" in text.stdout and "not 'c\\u202ed\\ufffe\\uffff'" in text.stdout
    junit = run("check", "--format", "junit", "org.txt", cwd=tmp_path)
    failures = "".join(f.text or "" for f in ET.fromstring(junit.stdout).iter("failure"))
    assert "c\\u202ed\\ufffe\\uffff" in failures
    for command in (["show"], ["show", "--format", "json"], ["stats"], ["stats", "--format", "markdown"],
                    ["stats", "--format", "json"]):
        shown = run(*command, "org.txt", cwd=tmp_path)
        assert shown.returncode == 0 and not RAW_CONTROL.search(shown.stdout + shown.stderr), command
        assert "\\u202e" in shown.stdout or command[0] == "stats"  # stats shows no titles


def test_error_lines_are_sanitised(tmp_path: Path) -> None:
    result = run("check", "missing\n::add-mask::x\x1b[2J.org.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "orgmodel: error: missing\\x0a::add-mask::x\\x1b[2J.org.txt: no such file or directory\n"


# Item 5: look-alike IDs.

@pytest.mark.parametrize(("text", "expected"), [
    ('role cmo "CMO"\nrole сmo "Impostor"\n  reports-to cmo\n', [(2, "'сmo' looks like 'cmo' (line 1)", "U+0441")]),
    ('role сmo "Impostor"\nrole cmo "CMO"\n', [(1, "'сmo' looks like 'cmo' (line 2)", "CYRILLIC SMALL LETTER ES")]),
    ('role cmo "CMO"\nteam ｃｍｏ "Fullwidth"\n', [(2, "'ｃｍｏ' looks like 'cmo'", "FULLWIDTH")]),
    ('role директор "Д"\nrole дирeктор "Д"\n', [(2, "'дирeктор' looks like 'директор'", "LATIN SMALL LETTER E")]),
    ('role ll "L"\nrole l1 "L"\nrole директор "Д"\n', []),  # ASCII against ASCII, and a lone Cyrillic ID
])
def test_look_alike_ids(tmp_path: Path, text: str, expected: list[tuple[int, str, str]]) -> None:
    (tmp_path / "org.txt").write_text(text)
    result = run("check", "--select", "REF003", "--format", "json-lines", "org.txt", cwd=tmp_path)
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["line"], f["severity"]) for f in found] == [(line, "warning") for line, _, _ in expected]
    for finding, (_, start, character) in zip(found, expected, strict=True):
        assert finding["message"].startswith(start) and character in finding["message"]


# Item 11: rule packs and configuration files that are not regular files.

@pytest.fixture
def fifo(repo: Path) -> Path:
    os.mkfifo(repo / "pack.toml")
    return repo / "pack.toml"


@pytest.mark.parametrize("arguments", [
    ["check", "--rules", "pack.toml", "team.org.txt"],
    ["check", "--rules", "/dev/zero", "team.org.txt"],
    ["check", "--config", "pack.toml", "team.org.txt"],
    ["check", "--config", "/dev/zero", "team.org.txt"],
    ["rules", "--rules", "pack.toml"],
    ["explain", "KPI001", "--rules", "/dev/zero"],
])
def test_packs_and_config_named_on_the_command_line_must_be_regular_files(fifo: Path, arguments: list[str]) -> None:
    one_error(run(*arguments, cwd=fifo.parent), "not a regular file")


@pytest.mark.parametrize(("name", "link"), [(".orgmodel.toml", "pack.toml"), ("pyproject.toml", "/dev/zero"),
                                            ("setup.cfg", "/dev/zero")])
def test_found_config_files_must_be_regular_files(fifo: Path, name: str, link: str) -> None:
    (fifo.parent / name).symlink_to(link)
    one_error(run("check", "team.org.txt", cwd=fifo.parent), f"{name}: not a regular file")


@pytest.mark.parametrize("pack", ["pack.toml", "/dev/zero"])
def test_rule_packs_named_in_a_config_must_be_regular_files(fifo: Path, pack: str) -> None:
    (fifo.parent / ".orgmodel.toml").write_text(f'rules = ["{pack}"]\n')
    one_error(run("check", "team.org.txt", cwd=fifo.parent), f"{pack}:1: cannot read the rule pack: not a regular file")


@pytest.mark.parametrize("baseline", ["pack.toml", "/dev/zero"])
def test_a_baseline_named_in_a_config_must_be_a_regular_file(fifo: Path, baseline: str) -> None:
    (fifo.parent / ".orgmodel.toml").write_text(f'baseline = "{baseline}"\n')
    one_error(run("check", "team.org.txt", cwd=fifo.parent), "cannot read the baseline: not a regular file")


@pytest.mark.parametrize(("kind", "message"), [
    ("fifo", "not a regular file"), ("device", "not a regular file"), ("folder", ""),
    ("/dev/zero", "a symbolic link out of the checked folder"),
    ("/dev/null", "a symbolic link out of the checked folder"),
])
def test_org_files_must_be_regular_files(repo: Path, kind: str, message: str) -> None:
    org = repo / "odd.org.txt"
    if kind == "fifo":
        os.mkfifo(org)
    elif kind == "device":
        _make_device(org)
    elif kind == "folder":
        org.mkdir()
        (org / "inner.org.txt").write_text(ACME)
    else:
        org.symlink_to(kind)
    result = run("check", "odd.org.txt", cwd=repo)
    if kind == "folder":  # a folder named like an org file is searched like any folder
        assert result.returncode == 0, result.stderr
    else:
        one_error(result, f"odd.org.txt: {message}")


# Item 13: settings that would switch every rule off, and configuration files that cannot be read.

@pytest.mark.parametrize(("files", "arguments", "message"), [
    ({}, ["--select", ""], "--select: selects no rule"),
    ({}, ["--select", ","], "--select: selects no rule"),
    ({".orgmodel.toml": "select = []\n"}, [], ".orgmodel.toml:1: select: selects no rule"),
    ({".orgmodel.toml": 'select = ["KPI", ""]\n'}, [], ".orgmodel.toml:1: select: an empty rule code"),
    ({".orgmodel.toml": 'ignore = [""]\n'}, [], ".orgmodel.toml:1: ignore: an empty rule code"),
    ({".orgmodel.toml": '[per-file-ignores]\n"legacy/*" = ["KPI"]\n"*" = [""]\n'}, [],
     ".orgmodel.toml:3: per-file-ignores.*: an empty rule code"),
    ({"pyproject.toml": '[tool.orgmodel\nselect = ["KPI"]\n'}, [], "pyproject.toml:1: not valid TOML"),
    ({"pyproject.toml": "[tool.orgmodel]\nselect = [\n"}, [], "pyproject.toml:3: not valid TOML"),
    ({"setup.cfg": "select = KPI\n"}, [], "setup.cfg:1: not a valid setup.cfg: a line before the first [section]"),
    ({"setup.cfg": "[orgmodel]\nselect = KPI\n[orgmodel]\n"}, [], "setup.cfg:3: not a valid setup.cfg: section"),
    ({"setup.cfg": "[metadata]\nname = x\n[orgmodel]\n  continued\n"}, [], "setup.cfg:4: not a valid setup.cfg"),
    ({"setup.cfg": "[orgmodel]\nselect =\n"}, [], "setup.cfg:2: select: selects no rule"),
])
def test_fail_open_settings_are_usage_errors(repo: Path, files: dict[str, str], arguments: list[str],
                                             message: str) -> None:
    for name, text in files.items():
        (repo / name).write_text(text)
    result = run("check", *arguments, "team.org.txt", cwd=repo)
    one_error(result, message)
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""


# Item 14: a symlink loop among org files, and configured values of the wrong shape.

def test_a_symlink_loop_is_one_line_per_file_and_the_rest_is_checked(repo: Path) -> None:
    (repo / "a.org.txt").symlink_to("b.org.txt")
    (repo / "b.org.txt").symlink_to("a.org.txt")
    for folder in (".", str(repo)):
        result = run("check", folder, cwd=repo)
        one_error(result, "a.org.txt: cannot read: Too many levels of symbolic links", "b.org.txt: cannot read")
        assert result.stdout == "All checks passed (1 file checked).\n"


@pytest.mark.parametrize(("name", "text", "message"), [
    (".orgmodel.toml", '[params.BUD001]\nduties = ["budget-setting"]\n',
     ".orgmodel.toml:2: params.BUD001.duties: parameter 'duties' needs exactly 2 items, not 1"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.orgmodel.params.BUD001]\nduties = ["budget-setting", "a", "b"]\n',
     "pyproject.toml:5: params.BUD001.duties: parameter 'duties' needs exactly 2 items, not 3"),
    ("setup.cfg", "[metadata]\nname = x\n[orgmodel:params:BUD001]\nduties = budget-setting\n",
     "setup.cfg:4: params.BUD001.duties: parameter 'duties' needs exactly 2 items, not 1"),
])
def test_a_configured_value_of_the_wrong_shape_names_file_line_and_key(repo: Path, name: str, text: str,
                                                                       message: str) -> None:
    (repo / name).write_text(text)
    one_error(run("check", "team.org.txt", cwd=repo), message)


# Item 15: positions.

def test_invalid_utf8_after_cr_only_line_ends_is_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "org.txt").write_bytes(b'role cmo "CMO"\r  person "Jos\xe9"\r')
    result = run("check", "--select", "SYN001", "--format", "json-lines", "org.txt", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert (found["line"], found["column"]) == (2, 14) and "offset 28" in found["message"]


def test_pack_error_lines_count_u2028_as_no_line_end(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text(
        '[[rule]]\ncode = "GROW001"\nname = "a\u2028b\u2029c"\nsummary = "s"\nprinciple = "p"\nwhy = "w"\n'
        'fix = "f"\nseverity = "loud"\n', encoding="utf-8")
    one_error(run("rules", "--rules", "pack.toml", cwd=tmp_path), "pack.toml:8: rule GROW001: severity must be")
