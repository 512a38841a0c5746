"""``orgmodel diff`` through the installed console script: formats, exit status, git forms, the README recipe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import cmarkgfm
import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, REPO, run_cli
from test_diff import BASE, edit

SCHEMA = json.loads((REPO / "docs" / "diff.schema.json").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

# A reorg: a Lead moves under the director (a new error), a person moves into a vacancy she leaves behind.
REORG = edit(('"Ravi Shah"\n  reports-to mgr', '"Ravi Shah"\n  reports-to ops'), ('"Kim Park"', "vacant"),
             ('"Sam Oduya"', '"Kim Park"'))
HOSTILE = BASE.replace('"Ravi Shah"', '"<img src=x onerror=alert(1)> | *x* [l](javascript:alert(1)) `c`"')


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _files(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    (tmp_path / "old.org.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.org.txt").write_text(new, encoding="utf-8")
    return str(tmp_path / "old.org.txt"), str(tmp_path / "new.org.txt")


def _json(*args: str, cwd: Path = REPO) -> dict[str, Any]:
    done = run_cli("diff", "--format", "json", *args, cwd=cwd)
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    jsonschema.validate(data, SCHEMA)
    return data


def test_json_fits_the_schema_and_is_the_library_diff(tmp_path: Path, pack: Any) -> None:
    from orgmodel.api import check_file
    from orgmodel.diff import compare

    old, new = _files(tmp_path, BASE, REORG)
    data = _json(old, new)
    assert data["diffs"] == [compare(check_file(old), check_file(new), pack.vocabulary).to_dict()]
    kinds = {(c["kind"], c["subject"]) for c in data["diffs"][0]["changes"]}
    assert {("moved", "social"), ("person-moved", "Kim Park"), ("left", "Sam Oduya"),
            ("vacancy-opened", "seo")} <= kinds


def test_schema_names_every_kind_and_group() -> None:
    from orgmodel.diff_kinds import GROUPS, KINDS

    change = SCHEMA["$defs"]["change"]["properties"]
    assert change["kind"]["enum"] == list(KINDS)
    assert change["group"]["enum"] == list(GROUPS)
    table = README.split("### Reviewing a reorg", 1)[1].split("```yaml", 1)[0]
    named = {kind for cell in re.findall(r"^\| (`[^|]*`) \|", table, re.M) for kind in re.findall(r"`([^`]+)`", cell)}
    assert named == set(KINDS)


def test_text_lists_changes_and_findings(tmp_path: Path) -> None:
    old, new = _files(tmp_path, BASE, REORG)
    done = run_cli("diff", old, new)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{old} -> {new} (Base)"
    assert re.fullmatch(r"  moved\s+social \(Social Media Lead, Ravi Shah\)\s+mgr -> ops", _line(lines, "  moved "))
    assert re.fullmatch(r"  vacancy opened\s+seo \(SEO Lead\)\s+Kim Park -> vacant\s+\(now in mgr\)",
                        _line(lines, "  vacancy opened"))
    introduced = lines[lines.index(next(x for x in lines if x.startswith("Findings introduced"))) + 1]
    assert introduced.startswith(f"  {new}:") and " error " in introduced and "'social'" in introduced


def _line(lines: list[str], start: str) -> str:
    return next(line for line in lines if line.startswith(start))


def _html(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.Options.CMARK_OPT_UNSAFE)


def test_markdown_is_headings_tables_and_details(tmp_path: Path) -> None:
    old, new = _files(tmp_path, BASE, REORG)
    done = run_cli("diff", "--format", "markdown", old, new)
    assert done.returncode == 0, done.stderr
    html = _html(done.stdout)
    assert re.findall(r"<h2>(.*?)</h2>", html) == ["Org changes (orgmodel diff)"]
    assert re.findall(r"<h3>(.*?)</h3>", html) == [f"{old} -&gt; {new} (Base)"]
    summaries = re.findall(r"<details( open)?>\n<summary>(.*?)</summary>", html)
    assert summaries == [(" open", "Findings introduced (1)"), ("", "Reporting lines (1)"),
                         ("", "People and vacancies (3)"), ("", "Span of control (2)")]
    tables = re.findall(r"<table>(.*?)</table>", html, re.S)
    assert len(tables) == 2 + len(summaries)  # summary and figures, then one per section
    assert [_cells(row) for row in _rows(tables[0])] == [
        ["Reporting lines", "1"], ["People and vacancies", "3"], ["Span of control", "2"],
        ["Findings introduced", "1"], ["Findings resolved", "0"]]
    people = re.search(r"<summary>People and vacancies.*?<table>(.*?)</table>", html, re.S)
    assert people is not None
    assert ["moved to another role", "Kim Park", "", "seo → mgr", ""] in [_cells(r) for r in _rows(people.group(1))]
    # Each <details> closes, and what it holds is Markdown turned into a table, not literal pipes.
    assert html.count("<details") == html.count("</details>") and "| --- |" not in html


def _rows(table: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)


def _cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_hostile_text_stays_text(tmp_path: Path, output_format: str) -> None:
    old, new = _files(tmp_path, BASE, HOSTILE)
    done = run_cli("diff", "--format", output_format, old, new)
    assert done.returncode == 0, done.stderr
    if output_format == "markdown":
        html = _html(done.stdout)  # unsafe mode: raw HTML would come through, so none may be there
        assert "<img" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt; | *x* [l](javascript:alert(1)) `c`" in html
    elif output_format == "json":
        assert json.loads(done.stdout)["diffs"][0]["changes"][0]["subject"].startswith("<img")
    else:
        assert "<img src=x onerror=alert(1)> | *x* [l](javascript:alert(1)) `c`" in done.stdout


def test_markdown_of_a_huge_change_fits_a_github_comment(tmp_path: Path) -> None:
    from orgmodel.synthetic import generate

    big = generate(3000, seed=3).text
    (tmp_path / "big.org.txt").write_text(big, encoding="utf-8")
    (tmp_path / "empty.org.txt").write_text("", encoding="utf-8")
    done = run_cli("diff", "--format", "markdown", str(tmp_path / "empty.org.txt"), str(tmp_path / "big.org.txt"))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) < 65536
    assert "... and " in done.stdout and "more (`orgmodel diff --format json` lists all)" in done.stdout
    assert len(_json(str(tmp_path / "empty.org.txt"), str(tmp_path / "big.org.txt"))["diffs"][0]["changes"]) > 3000


FAIL_ON = [  # (old, new, options, exit status)
    (BASE, REORG, [], 0),
    (BASE, REORG, ["--fail-on-new-findings"], 1),
    (BASE, REORG, ["--fail-on-new-findings=error"], 1),
    (BASE, edit(("scope strategic", "scope execution")), ["--fail-on-new-findings=error"], 0),  # a warning
    (BASE, edit(("scope strategic", "scope execution")), ["--fail-on-new-findings", "warning"], 1),
    (REORG, BASE, ["--fail-on-new-findings"], 0),  # only resolves
    (BASE, "# a comment\n\n" + BASE, ["--fail-on-new-findings", "info"], 0),  # old findings, moved down
]


@pytest.mark.parametrize(("old", "new", "options", "status"), FAIL_ON)
def test_exit_status(tmp_path: Path, old: str, new: str, options: list[str], status: int) -> None:
    files = _files(tmp_path, old, new)
    done = run_cli("diff", *files, *options)
    assert done.returncode == status, done.stdout + done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["only-one.org.txt"], "diff takes two org files (OLD NEW), or --git REV [PATH...]"),
    (["missing.org.txt", "{new}"], "missing.org.txt: no such file or directory"),
    (["{dir}", "{new}"], "a directory; diff takes two org files"),
    (["{old}", "{new}", "--fail-on-new-findings", "fatal"], "'fatal' is not one of 'info', 'warning', 'error'"),
    (["{old}", "{new}", "-o", "{new}"], "refusing to write the output over the input file"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    old, new = _files(tmp_path, BASE, REORG)
    done = run_cli("diff", *(a.format(old=old, new=new, dir=tmp_path) for a in args), cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_output_file_is_written(tmp_path: Path) -> None:
    old, new = _files(tmp_path, BASE, REORG)
    done = run_cli("diff", old, new, "--format", "markdown", "-o", str(tmp_path / "diff.md"))
    assert done.returncode == 0 and done.stdout == ""
    assert (tmp_path / "diff.md").read_text(encoding="utf-8").startswith("## Org changes (orgmodel diff)\n")


# --- git forms, on repositories made here with the real git ---


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """Two commits: the base org (and an unrelated one), then the reorg on a branch."""
    work = tmp_path / "repo"
    (work / "orgs").mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=work)
    (work / "orgs" / "team.org.txt").write_text(BASE, encoding="utf-8")
    (work / "orgs" / "other.org.txt").write_text((EXAMPLES / "acme.org.txt").read_text(), encoding="utf-8")
    (work / "notes.txt").write_text("not an org\n", encoding="utf-8")
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "base", cwd=work)
    git("checkout", "-q", "-b", "reorg", cwd=work)
    (work / "orgs" / "team.org.txt").write_text(REORG, encoding="utf-8")
    (work / "notes.txt").write_text("changed, still not an org\n", encoding="utf-8")
    git("commit", "-q", "-am", "reorg", cwd=work)
    return work


def _paths(data: dict[str, Any]) -> list[tuple[str, str, bool, bool]]:
    return [(d["old"]["path"], d["new"]["path"], d["old"]["exists"], d["new"]["exists"]) for d in data["diffs"]]


def test_git_two_revisions(repo: Path) -> None:
    data = _json("--git", "main..reorg", cwd=repo)
    assert _paths(data) == [("main:orgs/team.org.txt", "reorg:orgs/team.org.txt", True, True)]
    assert ("moved", "social") in {(c["kind"], c["subject"]) for c in data["diffs"][0]["changes"]}
    assert [f["severity"] for f in data["diffs"][0]["findings"]["introduced"]] == ["error"]


def test_git_merge_base_form(repo: Path) -> None:
    git("checkout", "-q", "main", cwd=repo)
    (repo / "orgs" / "other.org.txt").write_text("# main moved on\n" + (repo / "orgs" / "other.org.txt").read_text())
    git("commit", "-q", "-am", "main moves on", cwd=repo)
    base = git("merge-base", "main", "reorg", cwd=repo).strip()
    # main...reorg: only what the branch did, not main's own later commit.
    assert _paths(_json("--git", "main...reorg", cwd=repo)) == [
        (f"{base[:12]}:orgs/team.org.txt", "reorg:orgs/team.org.txt", True, True)]
    assert len(_paths(_json("--git", "main..reorg", cwd=repo))) == 2


def test_git_revision_against_the_working_tree(repo: Path) -> None:
    (repo / "orgs" / "team.org.txt").write_text(REORG + '\nrole intern "Marketing Intern"\n  reports-to seo\n')
    (repo / "orgs" / "new.org.txt").write_text('role cmo "CMO"\n')  # untracked: added
    (repo / "orgs" / "other.org.txt").unlink()  # deleted
    data = _json("--git", "main", cwd=repo / "orgs")
    assert _paths(data) == [("main:orgs/new.org.txt", "new.org.txt", False, True),
                            ("main:orgs/other.org.txt", "other.org.txt", True, False),
                            ("main:orgs/team.org.txt", "team.org.txt", True, True)]
    added, deleted, team = data["diffs"]
    assert [c["kind"] for c in added["changes"]] == ["role-added"] and added["findings"]["resolved"] == []
    assert {c["kind"] for c in deleted["changes"]} >= {"role-removed", "left", "team-removed"}
    assert ("role-added", "intern") in {(c["kind"], c["subject"]) for c in team["changes"]}
    # A named file is compared even when unchanged; a named folder holds only what changed.
    assert _paths(_json("--git", "HEAD", "notes.txt", cwd=repo))[0][:2] == ("HEAD:notes.txt", "notes.txt")
    assert [p[1] for p in _paths(_json("--git", "main", "orgs/team.org.txt", cwd=repo))] == ["orgs/team.org.txt"]


def test_git_rename_of_a_file_compares_old_and_new_paths(repo: Path) -> None:
    git("mv", "orgs/team.org.txt", "orgs/marketing.org.txt", cwd=repo)
    git("commit", "-q", "-m", "rename", cwd=repo)
    data = _json("--git", "reorg~1..reorg", cwd=repo)
    assert _paths(data) == [("reorg~1:orgs/team.org.txt", "reorg:orgs/marketing.org.txt", True, True)]
    assert data["diffs"][0]["changes"] == []


def test_nothing_changed_says_so(repo: Path) -> None:
    for output_format, expected in (("text", "No org file changed\n"),
                                    ("markdown", "## Org changes (orgmodel diff)\n\nNo org file changed.\n")):
        done = run_cli("diff", "--git", "HEAD", "--format", output_format, cwd=repo)
        assert (done.returncode, done.stdout) == (0, expected)


@pytest.mark.parametrize(("args", "message"), [
    (["--git", "nope"], "unknown revision 'nope'"),
    (["--git", "--output=x"], "'--output=x' is not a revision"),
    (["--git", "main..nope"], "unknown revision 'nope'"),
    (["--git", "main", "../outside.org.txt"], "outside the repository"),
    (["--git", "main", "orgs/nowhere.org.txt"], "in neither version (main:orgs/nowhere.org.txt nor orgs/nowhere"),
])
def test_git_errors_exit_2(repo: Path, args: list[str], message: str) -> None:
    done = run_cli("diff", *args, cwd=repo)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_outside_a_repository(tmp_path: Path) -> None:
    done = run_cli("diff", "--git", "HEAD", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert done.returncode == 2 and "not in a git repository" in done.stderr


def test_a_hostile_repository_configuration_runs_nothing(repo: Path) -> None:
    """fsmonitor hooks, external diff drivers and text conversion are commands a repository can name."""
    marker = repo.parent / "ran"
    for key, value in (("core.fsmonitor", f"touch {marker}-fsmonitor; false"),
                       ("diff.external", f"touch {marker}-diff"),
                       ("diff.org.textconv", f"touch {marker}-textconv; cat")):
        git("config", key, value, cwd=repo)
    (repo / ".gitattributes").write_text("*.txt diff=org\n")
    (repo / "orgs" / "team.org.txt").write_text(BASE)
    data = _json("--git", "reorg", cwd=repo)
    assert len(data["diffs"]) == 1 and data["diffs"][0]["changes"]
    assert not list(repo.parent.glob("ran*"))


# --- the README's GitHub Actions recipe, run on a pull request's merge commit made here ---


def _workflow() -> dict[str, Any]:
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if "orgmodel diff" in b)
    workflow: dict[str, Any] = yaml.safe_load(block)
    return workflow


def test_readme_recipe_posts_the_markdown_of_the_pull_request(tmp_path: Path, repo: Path) -> None:
    workflow = _workflow()
    assert workflow["permissions"]["pull-requests"] == "write"
    steps = workflow["jobs"]["org-diff"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    diff_step = next(s for s in steps if "orgmodel diff" in s.get("run", ""))
    post_step = steps[steps.index(diff_step) + 1]
    assert "--body-file org-diff.md" in post_step["run"] and post_step["if"].startswith("always()")
    # actions/checkout of a pull request: a clone whose HEAD merges the branch into the base.
    clone = tmp_path / "checkout"
    git("clone", "-q", str(repo), str(clone), cwd=tmp_path)
    git("checkout", "-q", "--detach", "origin/main", cwd=clone)
    git("merge", "-q", "--no-ff", "-m", "Merge pull request", "origin/reorg", cwd=clone)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "BASE": "main"}
    done = subprocess.run(["bash", "-e", "-c", diff_step["run"]], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # the reorg brings a new error: the check fails ...
    markdown = (clone / "org-diff.md").read_text(encoding="utf-8")  # ... and the comment is there to post
    html = _html(markdown)
    assert re.findall(r"<h3>(.*?)</h3>", html) == [
        f"{git('merge-base', 'origin/main', 'HEAD', cwd=clone).strip()[:12]}:orgs/team.org.txt -&gt; "
        "HEAD:orgs/team.org.txt (Base)"]
    assert "<summary>Findings introduced (1)</summary>" in html and "<summary>Reporting lines (1)</summary>" in html
    assert len(markdown) < 65536
