"""orgmodel import through the console script: every HR layout, subsets, stability, round trips, bad rows."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from conftest import run_cli

from orgmodel.api import check_file
from orgmodel.model import Org

EXPORTS = Path(__file__).parent / "hr_exports"
COMPANY = EXPORTS / "orgchartnow-company.csv"


def imported(tmp_path: Path, table: Path | str, *options: str, status: int = 0) -> tuple[Org, str, str]:
    """The org imported from ``table`` (after checking that `orgmodel check` reads it), its text and stderr."""
    out = tmp_path / f"{Path(table).stem}.org.txt"
    done = run_cli("import", str(table), "-o", str(out), *options, cwd=tmp_path)
    assert done.returncode == status, done.stderr
    checked = run_cli("check", str(out), cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    for line in checked.stdout.splitlines():  # the importer writes only what the language can say
        if " SYN006 " in line:  # empty-text: a row without a title is a finding about the data, not the syntax
            continue
        assert " SYN" not in line and " REF" not in line and " SUP" not in line, line
    return check_file(out).org, out.read_text(encoding="utf-8"), done.stderr


def managers(org: Org) -> dict[str, str | None]:
    return {role.id: role.manager_id for role in org.roles.values()}


# (file, roles, vacant, some (role, manager), some (role, person)).
LAYOUTS = [
    ("bamboohr.csv", 9, 1, {"chief-marketing-officer": None, "seo-lead": "digital-marketing-manager",
                            "content-lead": "brand-manager-consumer"},
     {"social-media-lead": "Ravi Shah", "brand-manager-consumer": "Jo Bauer"}),
    ("workday.csv", 10, 1, {"vice-president-marketing": None, "email-lead": "paid-media-manager",
                            "graphic-designer": "design-lead"}, {"head-of-brand": "Taylor Brooks"}),
    ("hibob.csv", 8, 1, {"cmo": None, "lifecycle-lead": "growth-marketing-manager"}, {"content-writer": "Anna Ferri"}),
    ("personio.csv", 6, 0, {"leiterin-marketing": None, "seo-lead": "marketing-manager",
                            "werkstudent-marketing": "seo-lead"}, {"redakteurin-content": "Mia Hoffmann"}),
    ("rippling.csv", 5, 0, {"vp-marketing": None, "partner-marketing-lead": "field-marketing-manager"},
     {"field-marketing-manager": "Ben Foster"}),
    ("adp.csv", 6, 1, {"marketing-director": None, "seo-lead": "demand-generation-manager",
                       "pr-lead": "communications-manager"}, {"email-marketing-lead": "Rowan Diaz"}),
]


@pytest.mark.parametrize(("name", "roles", "vacant", "reports", "people"), LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_each_hr_layout_imports_to_an_org_that_checks(tmp_path: Path, name: str, roles: int, vacant: int,
                                                      reports: dict[str, str | None], people: dict[str, str]) -> None:
    org, _, stderr = imported(tmp_path, EXPORTS / name)
    assert len(org.roles) == roles
    assert sum(role.vacant for role in org.roles.values()) == vacant
    assert sum(role.manager_id is None for role in org.roles.values()) == 1  # one top role
    assert {role: managers(org)[role] for role in reports} == reports
    assert {role: org.roles[role].person for role in people} == people
    assert f"imported {roles} roles ({vacant} vacant)" in stderr


def test_encodings_separators_and_quoted_fields(tmp_path: Path) -> None:
    org, text, stderr = imported(tmp_path, EXPORTS / "personio.csv")  # ; and a BOM
    assert "columns separated by ';'" in stderr
    assert org.roles["marketing-manager"].person == "Jonas Schäfer"  # the BOM did not hide the ID column
    org, text, _ = imported(tmp_path, EXPORTS / "bamboohr.csv")  # Excel's BOM and CRLF, a line break in a field
    assert org.roles["brand-manager-consumer"].title == "Brand Manager, Consumer"
    org, text, _ = imported(tmp_path, EXPORTS / "broken.csv", status=1)
    assert org.roles["content-lead-emea"].title == "Content Lead, EMEA"  # "Content Lead,\nEMEA"
    assert org.roles["content-lead-emea"].person == 'Hal "Quoted", Jr.'
    latin1 = tmp_path / "old-excel.csv"
    latin1.write_bytes("Name,Title,Manager\nJürgen Groß,CMO,\nAnna Weiß,SEO Lead,Jürgen Groß\n".encode("cp1252"))
    org, _, stderr = imported(tmp_path, latin1)
    assert org.roles["seo-lead"].manager_id == "cmo" and "read as Windows-1252" in stderr


def test_xlsx_reads_like_the_csv(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is an install dependency; a broken install lacks it")
    book = openpyxl.Workbook()
    for row in csv.reader((EXPORTS / "workday.csv").open(newline="")):
        book.active.append([int(cell) if cell.isdigit() else cell for cell in row])
    book.save(tmp_path / "workday.xlsx")
    _, from_xlsx, _ = imported(tmp_path, tmp_path / "workday.xlsx")
    _, from_csv, _ = imported(tmp_path, EXPORTS / "workday.csv")
    assert from_xlsx == from_csv
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    bad = run_cli("import", "bad.xlsx", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("orgmodel: error: bad.xlsx: not a readable .xlsx workbook")


def test_rows_that_cannot_be_placed_are_findings_with_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "broken.csv").write_bytes((EXPORTS / "broken.csv").read_bytes())
    org, _, stderr = imported(tmp_path, "broken.csv", status=1)
    found = [line.split(" ", 3)[:3] for line in stderr.splitlines() if ": " in line and "IMP" in line]
    assert found == [["broken.csv:4:4:", "error", "IMP002"], ["broken.csv:6:1:", "error", "IMP003"],
                     ["broken.csv:7:4:", "error", "IMP001"], ["broken.csv:8:3:", "warning", "IMP004"]]
    assert managers(org)["brand-manager"] is None and managers(org)["brand-lead"] == "brand-manager"  # cycle cut
    assert managers(org)["ppc-lead"] is None  # unknown manager: a top role
    assert org.roles["gus-gap"].title == "" and "ed-echo" not in org.roles


@pytest.mark.parametrize(("rows", "expected"), [
    ("Name,Title,Manager\nA One,CMO,\nJo Smith,Manager,A One\nJo Smith,Manager,A One\nB,SEO Lead,Jo Smith\n",
     "IMP005"),
    ("ID,Name,Title,Manager ID,Dotted Line Manager\n1,A,CMO,,\n2,B,SEO Lead,1,Nobody Known\n", "IMP006"),
    ("ID,Name,Title,Manager ID,Status\n1,A,CMO,,Active\n2,B,SEO Lead,1,Terminated\n", "IMP007"),
    ("ID,Name,Title,Manager ID\n1,A,CMO,1\n", "IMP002"),  # reports to itself
])
def test_more_import_findings(tmp_path: Path, rows: str, expected: str) -> None:
    (tmp_path / "hr.csv").write_text(rows)
    done = run_cli("import", "hr.csv", cwd=tmp_path)
    assert done.returncode in (0, 1) and f" {expected} " in done.stderr, done.stderr
    assert done.stdout.startswith("role ")


def test_department_keeps_marketing_and_its_head_becomes_the_top(tmp_path: Path) -> None:
    org, text, _ = imported(tmp_path, COMPANY, "--department", "marketing")
    assert len(org.roles) == 243 and org.name == "marketing"
    tops = [role.id for role in org.roles.values() if role.manager_id is None]
    assert tops == ["chief-marketing-officer"] and text.index("role chief-marketing-officer") < text.index("role vp")
    org, _, _ = imported(tmp_path, EXPORTS / "hibob.csv", "--department", "Marketing", "--name", "Bob Marketing")
    assert "head-of-sales" not in org.roles and org.name == "Bob Marketing"
    assert [d.text for d in org.roles["performance-marketing-lead"].liaises_with] == ["sales"]  # the dotted line
    assert org.departments["sales"].name == "Sales" and not org.roles["performance-marketing-lead"].dotted_to


@pytest.mark.parametrize(("rows", "tops", "departments"), [
    # Two marketing roots under one outside manager: that manager is kept as the top role.
    ("ID,Name,Title,Manager ID,Department\n1,C,CEO,,Exec\n2,M,Head of Brand,1,Marketing\n"
     "3,N,Head of Growth,1,Marketing\n4,O,SEO Lead,3,Marketing\n", ["ceo"], []),
    # Roots under different outside managers: each is a top role that liaises with its manager's department.
    ("ID,Name,Title,Manager ID,Department\n1,C,CEO,,Exec\n5,S,Sales Director,1,Sales\n"
     "2,M,Head of Brand,1,Marketing\n3,N,Head of Growth,5,Marketing\n", ["head-of-brand", "head-of-growth"],
     ["exec", "sales"]),
])
def test_managers_outside_the_department(tmp_path: Path, rows: str, tops: list[str], departments: list[str]) -> None:
    (tmp_path / "hr.csv").write_text(rows)
    org, _, _ = imported(tmp_path, tmp_path / "hr.csv", "--department", "Marketing")
    assert sorted(role.id for role in org.roles.values() if role.manager_id is None) == tops
    assert sorted(org.departments) == departments


def test_root_keeps_one_subtree(tmp_path: Path) -> None:
    org, _, _ = imported(tmp_path, EXPORTS / "workday.csv", "--root", "Chris Patel")
    assert sorted(org.roles) == ["email-lead", "head-of-demand-generation", "marketing-operations-specialist",
                                 "paid-media-manager", "ppc-lead"]
    assert managers(org)["head-of-demand-generation"] is None
    org, _, _ = imported(tmp_path, EXPORTS / "workday.csv", "--root", "W-2003")
    assert len(org.roles) == 4
    missing = run_cli("import", str(EXPORTS / "workday.csv"), "--root", "Nobody")
    assert missing.returncode == 2 and "--root 'Nobody': no row has this ID, e-mail or name" in missing.stderr


# Titles no title table reads (made-up words), under titles every table reads.
UNREAD = ("ID,Name,Title,Manager ID\n1,A,Bereichsdompteur,\n2,B,Marketing Manager,1\n3,C,Team Coach,2\n"
          "4,D,Wrangler,3\n5,E,Zauberer,1\n")


def test_levels_are_written_only_where_the_title_table_cannot_tell(tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text(UNREAD)
    org, _, _ = imported(tmp_path, tmp_path / "hr.csv")
    written = {role.id: role.level for role in org.roles.values() if role.level_origin == "written"}
    # Unread without reports: ic. Unread with reports: above the highest report, and at least a manager.
    assert written == {"bereichsdompteur": "director", "team-coach": "manager", "wrangler": "ic", "zauberer": "ic"}
    assert org.roles["marketing-manager"].level_origin == "title"


def _blocks(text: str) -> set[str]:
    return set(text.strip("\n").split("\n\n"))


def test_same_input_same_file_and_one_hire_changes_one_declaration(tmp_path: Path) -> None:
    _, before, _ = imported(tmp_path, EXPORTS / "workday.csv")
    lines = (EXPORTS / "workday.csv").read_text().splitlines(keepends=True)
    header, rows = lines[:3], lines[3:]
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    (tmp_path / "shuffled.csv").write_text("".join(header + shuffled))
    assert imported(tmp_path, tmp_path / "shuffled.csv")[1] == before  # row order does not matter
    hire = "W-2011,Sam Reed,PPC Lead,W-2004,Jamie Ortiz,Demand,Remote,sam.reed@example.com,\n"
    (tmp_path / "hired.csv").write_text("".join(header + rows[:4] + [hire] + rows[4:]))
    _, after, _ = imported(tmp_path, tmp_path / "hired.csv")
    assert len(_blocks(after) - _blocks(before)) == 1 and _blocks(before) <= _blocks(after)
    filled = "".join(header + rows).replace("W-2006,,Email Lead", "W-2006,Pat Lin,Email Lead").replace("JR-0042", "")
    (tmp_path / "filled.csv").write_text(filled)
    _, after, _ = imported(tmp_path, tmp_path / "filled.csv")
    assert len(_blocks(after) - _blocks(before)) == 1 and len(_blocks(before) - _blocks(after)) == 1


ROUND_TRIPS = [(table, ()) for table in sorted(EXPORTS.glob("*.csv"))] + [
    (COMPANY, ("--department", "Marketing")), (EXPORTS / "hibob.csv", ("--department", "Marketing"))]


@pytest.mark.parametrize(("table", "options"), ROUND_TRIPS, ids=[f"{t.name}{' '.join(o)}" for t, o in ROUND_TRIPS])
def test_import_export_csv_import_gives_the_same_org(tmp_path: Path, table: Path, options: tuple[str, ...]) -> None:
    done = run_cli("import", str(table), "-o", "first.org.txt", *options, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    exported = run_cli("export", "--format", "csv", "first.org.txt", "-o", "roles.csv", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    name = ("--name", options[1]) if options else ()
    again = run_cli("import", "roles.csv", "-o", "second.org.txt", *name, cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # nothing left to complain about
    assert (tmp_path / "second.org.txt").read_text() == (tmp_path / "first.org.txt").read_text()


def test_two_thousand_rows_import_and_check(tmp_path: Path) -> None:
    org, _, stderr = imported(tmp_path, COMPANY)
    assert len(org.roles) == 2000 and "imported 2000 roles" in stderr
    assert [role.id for role in org.roles.values() if role.manager_id is None] == ["chief-executive-officer"]


@pytest.mark.parametrize(("args", "message"), [
    (("missing.csv",), "orgmodel: error: missing.csv: no such file or directory"),
    (("hr.csv", "--map", "Boss=chief"), "unknown field 'chief'"),
    (("hr.csv", "--map", "Nope=title"), "--map names a column the file does not have: nope"),
    (("hr.csv", "--map", "Job=ignore"), "no job title column"),
    (("hr.csv", "--root", "x", "--department", "y"), "--root and --department each choose what to keep"),
    (("hr.csv", "--department", "Finance"), "--department 'Finance': no row is in it"),
    (("hr.csv", "-o", "hr.csv"), "refusing to write the output over the input file"),
    (("empty.csv",), "no header row with a title or name column"),
])
def test_usage_errors_are_one_line_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "hr.csv").write_text("Name,Job,Boss,Department\nA,CMO,,Marketing\n")
    (tmp_path / "empty.csv").write_text("")
    done = run_cli("import", *args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert (tmp_path / "hr.csv").read_text().startswith("Name,Job")


def test_map_names_columns_nobody_else_uses(tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("Key,Who,Job,Boss Key\n1,A,CMO,\n2,B,SEO Lead,1\n")
    org, _, _ = imported(tmp_path, tmp_path / "hr.csv", "--map", "key=id", "--map", "Boss Key=manager-id",
                         "--map", "WHO=name", "--map", "job=title")
    assert managers(org) == {"cmo": None, "seo-lead": "cmo"} and org.roles["seo-lead"].person == "B"


def test_big_fields_and_odd_bytes_are_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_text("Name,Title\n" + "A," + "x" * 200_000 + "\n")
    done = run_cli("import", "big.csv", cwd=tmp_path)
    assert done.returncode == 2 and "not a readable CSV file" in done.stderr
    (tmp_path / "nul.csv").write_bytes(b"Name,Title\nA\x00B,CMO\x07\n")
    done = run_cli("import", "nul.csv", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == 'role cmo "CMO"\n  person "A B"\n', done.stderr


def test_readme_lists_the_column_names_and_codes_from_their_tables() -> None:
    from conftest import REPO

    from orgmodel import docs

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert docs.replace_readme_section(readme, docs.import_markdown(), docs.IMPORT_BEGIN, docs.IMPORT_END) == readme, \
        "run `make docs`"
