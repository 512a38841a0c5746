"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))
BROKEN = 'role cmo "CMO"\nkpi nps "Net Promoter Score"\n'


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check,
                          timeout=600)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree as committed files (so uncommitted changes are tested too)."""
    snapshot = tmp_path_factory.mktemp("orgmodel-hooks")
    files = git("ls-files", "--cached", "--others", "--exclude-standard", cwd=REPO).stdout.splitlines()
    for name in files:
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot).stdout.strip()


@pytest.fixture()
def user_repo(tmp_path: Path, hook_repo: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo_path, rev = hook_repo
    work = tmp_path / "work"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo_path}\n  rev: {rev}\n  hooks:\n  - id: orgmodel-fmt\n  - id: orgmodel-check\n"
        "  - id: orgmodel-render\n")
    git("add", ".pre-commit-config.yaml", cwd=work)
    env = _env(tmp_path_factory)
    subprocess.run([PRE_COMMIT, "install"], cwd=work, env=env, check=True, capture_output=True, timeout=600)
    return work


def _env(factory: pytest.TempPathFactory) -> dict[str, str]:
    # One pre-commit cache for the module: the hook environment is built once.
    home = factory.getbasetemp() / "pre-commit-home"
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def commit(work: Path, factory: pytest.TempPathFactory, *files: str) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", *files], cwd=work, check=True)
    return subprocess.run(["git", "commit", "-m", "change"], cwd=work, env=_env(factory), capture_output=True,
                          text=True, timeout=900)


def test_clean_org_commits_and_its_chart_is_kept_in_sync(user_repo: Path,
                                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    shutil.copy(EXAMPLES / "acme.org.txt", user_repo / "acme.org.txt")
    first = commit(user_repo, tmp_path_factory, ".pre-commit-config.yaml", "acme.org.txt")
    # The render hook writes the missing chart and fails, as formatters do.
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "orgmodel check" in output and "Passed" in output
    assert "updated acme.svg" in output
    assert (user_repo / "acme.svg").read_bytes() == (REPO / "docs" / "acme.svg").read_bytes()
    second = commit(user_repo, tmp_path_factory, "acme.org.txt", "acme.svg")
    assert second.returncode == 0, second.stdout + second.stderr
    assert git("log", "--oneline", cwd=user_repo).stdout.count("\n") == 1


def test_broken_org_is_refused_with_the_finding(user_repo: Path,
                                                tmp_path_factory: pytest.TempPathFactory) -> None:
    (user_repo / "team.org.txt").write_text(BROKEN)
    result = commit(user_repo, tmp_path_factory, ".pre-commit-config.yaml", "team.org.txt")
    assert result.returncode == 1
    assert "team.org.txt:2:5: error KPI001 KPI 'nps' has no owner" in result.stdout + result.stderr
    assert git("log", "--oneline", cwd=user_repo, check=False).returncode != 0  # nothing was committed


def test_fmt_hook_rewrites_a_messy_org_and_the_next_commit_passes(user_repo: Path,
                                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    messy = (EXAMPLES / "acme.org.txt").read_text().replace("role cmo ", "role   cmo ").replace(
        "  owns budget-setting, kpi-framework", "\towns budget-setting,kpi-framework")
    (user_repo / "acme.org.txt").write_text(messy)
    first = commit(user_repo, tmp_path_factory, ".pre-commit-config.yaml", "acme.org.txt")
    output = first.stdout + first.stderr
    assert first.returncode == 1 and "orgmodel fmt" in output and "files were modified by this hook" in output
    assert (user_repo / "acme.org.txt").read_text() == (EXAMPLES / "acme.org.txt").read_text()
    second = commit(user_repo, tmp_path_factory, "acme.org.txt", "acme.svg")
    assert second.returncode == 0, second.stdout + second.stderr


def test_excluded_drafts_do_not_block_a_commit(user_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (user_repo / ".orgmodel.toml").write_text('exclude = ["drafts/*"]\n')
    (user_repo / "drafts").mkdir()
    draft = "role   cmo \"CMO\"\nkpi nps \"Net Promoter Score\"\n"  # an error, and not formatted
    (user_repo / "drafts" / "wip.org.txt").write_text(draft)
    result = commit(user_repo, tmp_path_factory, ".pre-commit-config.yaml", ".orgmodel.toml", "drafts/wip.org.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (user_repo / "drafts" / "wip.org.txt").read_text() == draft
    assert not (user_repo / "drafts" / "wip.svg").exists()
