"""orgmodel export: JSON validated against the shipped JSON Schema by a real validator, and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, run_cli

from orgmodel import facts
from orgmodel.interchange.export import CSV_COLUMNS, schema

VALIDATOR = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def exported(org: Path, fmt: str = "json") -> str:
    done = run_cli("export", "--format", fmt, str(org))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_shipped_schema_is_a_valid_schema_and_knows_every_origin() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$defs"]["fact"]["properties"]["origin"]["enum"] == list(facts.ORIGINS), \
        "orgmodel.facts has another origin: add it to orgmodel/interchange/org-export.schema.json"


@pytest.mark.parametrize("name", ["acme.org.txt", "troubled.org.txt", "typos.org.txt"])
def test_json_validates_against_the_schema(name: str) -> None:
    data = json.loads(exported(EXAMPLES / name))
    errors = [error.message for error in VALIDATOR.iter_errors(data)]
    assert errors == []
    assert data["summary"]["total"] == len(data["findings"]) > (0 if name != "acme.org.txt" else -1)


def test_json_of_an_imported_two_thousand_role_org_validates(tmp_path: Path) -> None:
    assert run_cli("import", str(Path(__file__).parent / "hr_exports" / "orgchartnow-company.csv"),
                   "-o", "company.org.txt", cwd=tmp_path).returncode == 0
    data = json.loads(exported(tmp_path / "company.org.txt"))
    assert not list(VALIDATOR.iter_errors(data)) and len(data["roles"]) == 2000


def test_the_validator_rejects_what_the_schema_forbids() -> None:
    data: dict[str, Any] = json.loads(exported(EXAMPLES / "acme.org.txt"))
    data["roles"][0]["level"]["origin"] = "guessed"
    data["roles"][1]["colour"] = "red"
    data["findings"] = [{"line": 0}]
    messages = sorted(error.message for error in VALIDATOR.iter_errors(data))
    assert any("'guessed' is not one of" in m for m in messages)
    assert any("'colour' was unexpected" in m for m in messages)
    assert any("'code' is a required property" in m for m in messages)


def test_each_fact_says_whether_it_was_written_or_inferred() -> None:
    roles = {role["id"]: role for role in json.loads(exported(EXAMPLES / "acme.org.txt"))["roles"]}
    cmo = roles["cmo"]["level"]  # "Chief Marketing Officer": the title's words decided
    assert (cmo["value"], cmo["origin"]) == ("c-level", "title") and cmo["evidence"]
    assert {word.lower() for word in cmo["evidence"]} <= {"chief", "marketing", "officer"}
    assert roles["strategy"]["layer"] == {"value": "strategic", "origin": "written", "evidence": []}
    assert roles["cmo"]["layer"]["origin"] in ("level", "none")  # the pack's default for the level, if any


def test_findings_carry_the_sarif_fingerprint() -> None:
    findings = json.loads(exported(EXAMPLES / "troubled.org.txt"))["findings"]
    sarif = json.loads(run_cli("check", "--format", "sarif", "--exit-zero", str(EXAMPLES / "troubled.org.txt")).stdout)
    prints = sorted(r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif["runs"][0]["results"])
    assert sorted(f["fingerprint"] for f in findings) == prints


def test_csv_says_what_the_json_says_one_row_per_role() -> None:
    data = json.loads(exported(EXAMPLES / "troubled.org.txt"))
    rows = list(csv.DictReader(io.StringIO(exported(EXAMPLES / "troubled.org.txt", "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["orgmodel ID"] for row in rows] == [role["id"] for role in data["roles"]]
    for row, role in zip(rows, data["roles"], strict=True):
        assert (row["Level"], row["Level Origin"]) == (role["level"]["value"], role["level"]["origin"])
        assert (row["Layer"] or None, row["Layer Origin"]) == (role["layer"]["value"], role["layer"]["origin"])
        assert (row["Manager ID"] or None) == (role["reports_to"][0] if role["reports_to"] else None)
        codes = {f["code"] for f in data["findings"] if f["entity"] == role["id"]}
        assert set(filter(None, row["Findings"].split(", "))) == codes
    assert any(row["Findings"] for row in rows) and any(row["Level Origin"] == "written" for row in rows)


def test_export_errors_are_one_line(tmp_path: Path) -> None:
    done = run_cli("export", "missing.org.txt", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr == "orgmodel: error: missing.org.txt: no such file or directory\n"
    (tmp_path / "a.org.txt").write_text('role a "A"\n')
    done = run_cli("export", "a.org.txt", "-o", "a.org.txt", cwd=tmp_path)
    assert done.returncode == 2 and "refusing to write the output over the input file" in done.stderr
    done = run_cli("export", "a.org.txt", "-o", "a.json", cwd=tmp_path)
    assert done.returncode == 0 and json.loads((tmp_path / "a.json").read_text())["roles"][0]["id"] == "a"
