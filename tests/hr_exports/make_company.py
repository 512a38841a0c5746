"""Writes orgchartnow-company.csv: a 2,000-row company in OrgChart Now's import layout.

    python tests/hr_exports/make_company.py

Seeded, so every run writes the same file. Columns as OrgChart Now documents
them (PersonID, SupervisorID, Name, Title, Department) plus Location and
IsAssistant; a few open positions have the name "Open Position".
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROWS = 2000
FIRST = ("Ada", "Ben", "Cleo", "Dev", "Emil", "Fay", "Gio", "Hana", "Ivo", "Jun", "Kai", "Lia", "Milo", "Nia",
         "Omar", "Pia", "Quin", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wren", "Xia", "Yusuf", "Zoe")
LAST = ("Abe", "Berg", "Costa", "Diaz", "Eze", "Fox", "Gray", "Holm", "Ito", "Jain", "Kerr", "Lund", "Moss",
        "Nagy", "Ortiz", "Park", "Quon", "Roy", "Sato", "Tan", "Ueda", "Voss", "Wolfe", "Xu", "Young", "Zhou")
# Department -> the top's title, then (title, reports per manager) down the ladder.
LADDERS = {
    "Marketing": ("Chief Marketing Officer", [("VP Marketing", 2), ("Marketing Director", 3),
                                              ("Marketing Manager", 3), ("Content Lead", 3), ("Marketing Specialist", 3)]),
    "Engineering": ("Chief Technology Officer", [("VP Engineering", 3), ("Director of Engineering", 4),
                                                 ("Engineering Manager", 4), ("Software Engineer", 8)]),
    "Sales": ("Chief Revenue Officer", [("VP Sales", 3), ("Sales Director", 4), ("Sales Manager", 4),
                                        ("Account Executive", 8)]),
    "Product": ("Chief Product Officer", [("VP Product", 2), ("Director of Product", 3), ("Product Manager", 6)]),
    "Finance": ("Chief Financial Officer", [("Finance Director", 3), ("Finance Manager", 3), ("Accountant", 5)]),
    "People": ("Chief People Officer", [("HR Director", 2), ("HR Business Partner", 4), ("Recruiter", 4)]),
}
LOCATIONS = ("Berlin", "London", "New York", "Remote, EU", "Singapore")


def rows(seed: int = 14) -> list[list[str]]:
    rng = random.Random(seed)
    table = [["1", "", "Ines Hart", "Chief Executive Officer", "Executive", "London", "0"]]

    def add(supervisor: str, title: str, department: str) -> str:
        person_id = str(len(table) + 1)
        name = "Open Position" if rng.random() < 0.02 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        table.append([person_id, supervisor, name, title, department, rng.choice(LOCATIONS), "0"])
        return person_id

    for department, (top_title, ladder) in LADDERS.items():
        level = [add("1", top_title, department)]
        for title, fanout in ladder:
            level = [add(manager, title, department) for manager in level for _ in range(fanout)]
    table.append([str(len(table) + 1), "1", "Noor Haddad", "Executive Assistant to the CEO", "Executive",
                  "London", "1"])
    managers = [row for row in table if row[3] in ("Sales Manager", "Engineering Manager")]
    while len(table) < ROWS:  # pad with individual contributors under front-line managers
        manager = managers[len(table) % len(managers)]
        add(manager[0], "Account Executive" if manager[3] == "Sales Manager" else "Software Engineer", manager[4])
    return table[:ROWS]


def main() -> None:
    target = Path(__file__).with_name("orgchartnow-company.csv")
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["PersonID", "SupervisorID", "Name", "Title", "Department", "Location", "IsAssistant"])
        writer.writerows(rows())


if __name__ == "__main__":
    main()
