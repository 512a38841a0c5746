"""Hostile sizes that once were quadratic: they must finish (asserted on results, not on time)."""

from __future__ import annotations

from orgmodel.api import check_text

N = 100_000


def test_many_dangling_references() -> None:
    # did-you-mean once compared every reference with every ID: it never finished.
    result = check_text("".join(f'role r{i} "Analyst"\n  reports-to r{i}z\n' for i in range(N)))
    dangling = [f for f in result.findings if f.code == "REF002"]
    assert len(dangling) == N
    assert dangling[5].message == "no role 'r5z' is declared (did you mean 'r5'?); declare it or fix the ID"


def test_many_suppressions_of_one_code() -> None:
    result = check_text("".join(f'kpi k{i} "K"  # orgmodel: ignore[KPI001] hiring\n' for i in range(N)))
    assert not [f for f in result.findings if f.code in ("KPI001", "SUP002")]


def test_many_top_roles() -> None:
    result = check_text('role a "A"\n' + "".join(f'role r{i} "A"\n' for i in range(N)))
    assert sum(f.code == "HIER002" for f in result.findings) == N


def test_one_person_in_many_budget_roles() -> None:
    text = "".join(f'role r{i} "A"\n  person "Same Person"\n  owns {"budget-setting" if i % 2 else "budget-execution"}\n'
                   for i in range(20_000))
    bud002 = [f for f in check_text(text).findings if f.code == "BUD002"]
    assert [(f.entity, f.line) for f in bud002] == [("r1", 4)]


def test_ten_thousand_owners_on_one_kpi() -> None:
    text = "".join(f'role r{i} "A"\n' for i in range(10_000)) + "kpi k \"K\"\n  owner " + ", ".join(
        f"r{i}" for i in range(10_000)) + "\n"
    kpi001 = [f for f in check_text(text).findings if f.code == "KPI001"]
    assert len(kpi001) == 1 and "has 10000 owners" in kpi001[0].message
