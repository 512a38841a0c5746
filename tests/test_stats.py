"""``orgmodel stats``: a table of (org, expected figures), then the command through the console script."""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, REPO

from orgmodel import stats
from orgmodel.api import check_text
from orgmodel.synthetic import generate

SCHEMA = json.loads((REPO / "docs" / "stats.schema.json").read_text(encoding="utf-8"))


def figures(snippet: str, pack: Any, limit: int = stats.DEFAULT_SPAN_LIMIT) -> dict[str, Any]:
    org = check_text(textwrap.dedent(snippet).lstrip("\n"), "snippet.org.txt", pack).org
    return stats.compute(org, pack.vocabulary, limit).to_dict()


def pick(data: dict[str, Any], path: str) -> Any:
    """``data["a"]["b"]`` for ``"a.b"``; a list of records is keyed by its ``id``, else its first field."""
    for key in path.split("."):
        if isinstance(data, list):
            data = {item.get("id", next(iter(item.values()))): item for item in data}
        data = data[key]
    return data


CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("empty org", 'org "Nobody"\n', {
        "headcount.roles": 0, "headcount.filled": 0, "headcount.vacancy_rate": None,
        "layers.depth": 0, "layers.per_depth": [], "layers.tops": [], "layers.longest_chain": [],
        "spans.managers": 0, "spans.ics": 0, "spans.ics_per_manager": None,
        "spans.min": None, "spans.median": None, "spans.max": None, "spans.per_role": [],
        "teams": [], "ownership.budget-setting.status": "gap",
    }),
    ("vacant manager over a vacant IC", """
        role cmo "CMO"
          person "Ann"
        role mgr "Brand Manager"
          person vacant
          reports-to cmo
          team brand
        role a "Designer"
          person "Bo"
          reports-to mgr
          team brand
        role b "Designer"
          person vacant
          reports-to mgr
        team brand "Brand"
        """, {
        "headcount.roles": 4, "headcount.filled": 2, "headcount.vacant": 2, "headcount.people": 2,
        "headcount.vacancy_rate": 0.5,
        "layers.per_depth": [1, 1, 2], "layers.longest_chain": ["cmo", "mgr", "a"],
        "spans.managers": 2, "spans.ics": 2, "spans.ics_per_manager": 1.0,
        "spans.per_role.mgr": {"role": "mgr", "solid": 2, "dotted": 0, "band": "narrow"},
        "spans.single_report": ["cmo"], "spans.median": 1.5,
        "teams.brand": {"key": "brand", "name": "Brand", "roles": 2, "vacant": 1, "inferred": 0},
        "teams": [{"key": "brand", "name": "Brand", "roles": 2, "vacant": 1, "inferred": 0},
                  {"key": None, "name": None, "roles": 2, "vacant": 1, "inferred": 0}],
        "levels.manager": {"key": "manager", "name": None, "roles": 1, "vacant": 1, "inferred": 1},
    }),
    ("dotted lines are counted apart from solid ones", """
        role cmo "CMO"
        role ops "Operations Director"
          reports-to cmo
        role a "Analyst"
          reports-to cmo
          dotted-to ops, ops, ghost
        role b "Analyst"
          reports-to cmo
          dotted-to ops
        """, {
        "spans.per_role.cmo": {"role": "cmo", "solid": 3, "dotted": 0, "band": "regular"},
        "spans.per_role.ops": {"role": "ops", "solid": 0, "dotted": 2, "band": None},
        "spans.dotted_lines": 2, "spans.managers": 1, "spans.ics": 3, "layers.per_depth": [1, 3],
    }),
    ("a cycle and a role below it are unplaced, counted once", """
        role cmo "CMO"
        role x "Content Lead"
          reports-to y
        role y "Content Manager"
          reports-to x
        role z "Writer"
          reports-to y
        """, {
        "headcount.roles": 4, "layers.depth": 1, "layers.per_depth": [1], "layers.tops": ["cmo"],
        "layers.unplaced": ["x", "y", "z"], "layers.depth_of": {"cmo": 1},
        "spans.per_role.y": {"role": "y", "solid": 2, "dotted": 0, "band": "narrow"},
        "spans.managers": 2, "spans.single_report": ["x"],
    }),
    ("a role reporting to itself", """
        role a "CMO"
          reports-to a
        """, {
        "layers.tops": [], "layers.unplaced": ["a"], "layers.depth": 0,
        "spans.per_role.a": {"role": "a", "solid": 1, "dotted": 0, "band": "narrow"},
    }),
    ("several tops: trees side by side, the deepest gives the chain", """
        role a "CMO"
        role b "Brand Consultant"
        role b1 "Brand Manager"
          reports-to b
        role b2 "Brand Lead"
          reports-to b1
        """, {
        "layers.tops": ["a", "b"], "layers.depth": 3, "layers.per_depth": [2, 1, 1],
        "layers.longest_chain": ["b", "b1", "b2"],
    }),
    ("a dangling manager heads its own branch", """
        role cmo "CMO"
        role stray "Brand Manager"
          reports-to ghost
        role under "Designer"
          reports-to stray
        """, {
        "layers.tops": ["cmo"], "layers.dangling": ["stray"], "layers.per_depth": [2, 1],
        "layers.depth_of": {"cmo": 1, "stray": 1, "under": 2}, "spans.managers": 1,
    }),
    ("a second reports-to is not a solid line", """
        role cmo "CMO"
        role ops "Operations Director"
          reports-to cmo
        role a "Analyst"
          reports-to ops
          reports-to cmo
        """, {
        "spans.per_role.cmo.solid": 1, "spans.per_role.ops.solid": 1, "layers.depth": 3,
    }),
    ("ownership: gaps, doubles, vacant holders and undeclared names", """
        role a "CMO"
          owns budget-setting, budget-setting, kpi-framework
        role b "Operations Director"
          reports-to a
          owns kpi-framework
        role v "Brand Manager"
          person vacant
          reports-to a
        kpi k1 "Pipeline"
          owner a, b
        kpi k2 "Reach"
          owner v
        kpi k3 "Orphan"
        campaign c1 "Launch"
          lead ghost
        campaign c2 "Spring"
          lead b, b
        """, {
        "ownership.budget-setting": {"kind": "duty", "id": "budget-setting", "name": "budget-setting",
                                     "holders": ["a"], "unknown": [], "status": "ok"},
        "ownership.kpi-framework.holders": ["a", "b"], "ownership.kpi-framework.status": "double",
        "ownership.budget-execution.status": "gap",
        "ownership.k1.status": "double", "ownership.k2.status": "vacant", "ownership.k3.status": "gap",
        "ownership.c1": {"kind": "campaign", "id": "c1", "name": "Launch", "holders": [], "unknown": ["ghost"],
                         "status": "gap"},
        "ownership.c2.holders": ["b"], "ownership.c2.status": "ok",
    }),
    ("levels and layers: written or inferred", """
        role a "Chief Marketing Officer"
          layer strategic
        role b "Marketing Person"
          level manager
          reports-to a
        """, {
        "levels.c-level": {"key": "c-level", "name": None, "roles": 1, "vacant": 0, "inferred": 1},
        "levels.manager.inferred": 0, "levels.ic.roles": 0,
        "layer_groups": [{"key": "strategic", "name": None, "roles": 1, "vacant": 0, "inferred": 0},
                         {"key": "operational", "name": None, "roles": 0, "vacant": 0, "inferred": 0},
                         {"key": "tactical", "name": None, "roles": 0, "vacant": 0, "inferred": 0},
                         {"key": None, "name": None, "roles": 1, "vacant": 0, "inferred": 0}],
    }),
    ("the realistic example", (EXAMPLES / "acme.org.txt").read_text(encoding="utf-8"), {
        "name": "Acme Corp Marketing",
        "headcount": {"roles": 6, "filled": 6, "vacant": 0, "people": 6, "vacancy_rate": 0.0},
        "layers.depth": 4, "layers.per_depth": [1, 2, 1, 2], "layers.tops": ["cmo"],
        "layers.longest_chain": ["cmo", "ops", "mgr-digital", "lead-seo"],
        "spans.managers": 3, "spans.ics": 3, "spans.ics_per_manager": 1.0,
        "spans.min": 1, "spans.median": 2.0, "spans.max": 2, "spans.single_report": ["ops"],
        "spans.histogram": [{"reports": 1, "managers": 1}, {"reports": 2, "managers": 2}],
        "spans.bands": [{"name": "narrow", "low": 1, "high": 2, "managers": 3},
                        {"name": "regular", "low": 3, "high": 10, "managers": 0},
                        {"name": "wide", "low": 11, "high": None, "managers": 0}],
        "teams.growth.roles": 2, "teams.brand.roles": 1, "levels.lead.roles": 2,
        "ownership.kpi-framework.holders": ["strategy"], "ownership.spring.holders": ["lead-social"],
    }),
]


@pytest.mark.parametrize(("snippet", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_figures(snippet: str, expected: dict[str, Any], pack: Any) -> None:
    found = figures(snippet, pack)
    got = {path: pick(found, path) for path in expected}
    assert got == expected, f"input:\n{snippet}\nfound:\n{json.dumps(found, indent=1)}"


# (solid spans, limit) -> (bands narrow/regular/wide, min, median, max)
SPAN_CASES = [
    ((1, 2, 3, 4), 3, (2, 1, 1), 1, 2.5, 4),
    ((5, 5, 11), 10, (0, 2, 1), 5, 5.0, 11),
    ((2, 3), 1, (0, 0, 2), 2, 2.5, 3),  # above a limit under 3 is wide, not narrow
    ((7,), 10, (0, 1, 0), 7, 7.0, 7),
]


@pytest.mark.parametrize(("sizes", "limit", "bands", "low", "median", "high"), SPAN_CASES)
def test_span_bands_and_median(sizes: tuple[int, ...], limit: int, bands: tuple[int, int, int], low: int,
                               median: float, high: int, pack: Any) -> None:
    """Each manager heads its own tree (several tops), so the managers are exactly these."""
    lines = []
    for index, size in enumerate(sizes):
        lines.append(f'role m{index} "Manager"')
        lines += [f'role r{index}-{n} "Analyst"\n  reports-to m{index}' for n in range(size)]
    found = figures("\n".join(lines) + "\n", pack, limit)["spans"]
    assert [span["solid"] for span in found["per_role"]] == list(sizes)
    assert tuple(band["managers"] for band in found["bands"]) == bands
    assert (found["min"], found["median"], found["max"]) == (low, median, high)


def test_span_limit_comes_from_the_pack(pack: Any) -> None:
    import attrs

    rule = pack.rules["SPAN001"]
    assert stats.span_limit(pack) == 10
    assert stats.span_limit(attrs.evolve(pack, rules={**pack.rules, "SPAN001": attrs.evolve(
        rule, params={**rule.params, "max": 4})})) == 4
    assert stats.span_limit(attrs.evolve(pack, rules={})) == stats.DEFAULT_SPAN_LIMIT


def test_a_deep_chain_and_a_long_cycle_neither_recurse_nor_hang(pack: Any) -> None:
    size = 20_000  # far past Python's recursion limit
    chain = "".join(f'role r{i} "Analyst"\n' + (f"  reports-to r{i - 1}\n" if i else "") for i in range(size))
    found = figures(chain, pack)
    assert found["layers"]["depth"] == size and found["layers"]["longest_chain"][-1] == f"r{size - 1}"
    cycle = chain.replace('role r0 "Analyst"\n', f'role r0 "Analyst"\n  reports-to r{size - 1}\n', 1)
    found = figures(cycle, pack)
    assert found["layers"]["depth"] == 0 and len(found["layers"]["unplaced"]) == size
    assert found["headcount"]["roles"] == size and found["spans"]["managers"] == size


def test_json_matches_the_schema_for_every_shape(pack: Any) -> None:
    for _, snippet, _ in CASES:
        jsonschema.validate(figures(snippet, pack), SCHEMA)
    jsonschema.validate(figures(generate(500, seed=1, violations=True).text, pack), SCHEMA)


def test_scaling_benchmark_prints_the_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    """Tiny sizes: this checks what the benchmark prints, not how fast stats is."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import stats_scaling

    status = stats_scaling.main(["--runs", "1", "--sizes", "100,1000"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in lines[:2]] == ["100", "1,000"]
    verdict = re.fullmatch(r"ratio 1,000 / 100\s+(\d+\.\d\d)\s+\(linear: 10; <= 15\)\s+(PASS|FAIL)", lines[2])
    assert verdict is not None, lines
    assert status == (0 if float(verdict.group(1)) <= 15 else 1) and verdict.group(2) == ("PASS", "FAIL")[status]


@pytest.mark.parametrize("size", [1000, 5000])
def test_generated_orgs_add_up(size: int, pack: Any) -> None:
    """A generated org's figures against what its text says, counted another way."""
    org = generate(size, seed=7, violations=True)
    found = figures(org.text, pack)
    lines = org.text.splitlines()
    assert found["headcount"]["roles"] == size + 4  # the planted loop1, loop2, stray, chanless
    assert found["headcount"]["vacant"] == lines.count("  person vacant")
    layers, spans = found["layers"], found["spans"]
    assert layers["tops"] == ["cmo"] and layers["dangling"] == ["stray"]
    assert layers["unplaced"] == ["loop1", "loop2"] and layers["depth"] == 7  # cmo, vp ... lead, ic
    assert sum(layers["per_depth"]) == size + 2 == len(layers["depth_of"])
    assert sum(s["solid"] for s in spans["per_role"]) == size + 4 - 2  # everyone but the top and the stray
    assert sum(s["dotted"] for s in spans["per_role"]) == spans["dotted_lines"] == org.text.count("  dotted-to ")
    assert sum(b["managers"] for b in spans["bands"]) == spans["managers"] == sum(
        h["managers"] for h in spans["histogram"])
    assert spans["managers"] + spans["ics"] == size + 4 and spans["max"] <= 10
    assert sum(group["roles"] for group in found["levels"]) == size + 4
    assert [row["status"] for row in found["ownership"] if row["kind"] == "duty"] == ["ok"] * 5
    assert {row["id"]: row["status"] for row in found["ownership"] if row["status"] != "ok"} == {
        "orphan": "gap", "leaderless": "gap"}
