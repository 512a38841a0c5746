"""``orgmodel import``: an HR export (CSV or .xlsx) to a formatted org file, and findings for rows it cannot place.

The same file always gives the same org file: role IDs are slugs of titles
(``SEO Lead`` -> ``seo-lead``); roles with the same title are told apart by
the row's ID (``content-lead-1042``), the lowest ID keeping the plain slug,
so a new hire (usually a higher ID) changes no existing ID. Roles are written
top down, each manager's reports in ID order, so reordered rows change
nothing. Levels come from the title table; only where it cannot tell, a
``level`` line says what the tree suggests: ``ic`` for a role without
reports, else the level above its highest report's, and at least manager.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from orgmodel.dsl.grammar import is_identifier
from orgmodel.dsl.printer import quote
from orgmodel.finding import Finding
from orgmodel.formatting import format_text
from orgmodel.interchange.columns import ColumnError, Columns, find_header, recognise
from orgmodel.interchange.ids import assign_ids, slug
from orgmodel.interchange.placement import Directory, Person, place
from orgmodel.interchange.problems import finding
from orgmodel.interchange.rows import people_of
from orgmodel.interchange.scope import Scope, ScopeError, choose
from orgmodel.interchange.table import Table, TableError, read_table
from orgmodel.vocabulary import Vocabulary

_MANAGES_PEOPLE = "manager"  # the lowest level the importer gives a role with reports


class CannotImport(Exception):
    """A file or option that gives nothing to import; ``str()`` is one line saying what to do."""


@attrs.frozen
class ImportOptions:
    mapping: Mapping[str, str] = attrs.field(factory=dict)  # normalised column -> field (--map)
    root: str | None = None
    department: str | None = None
    name: str | None = None  # the org line's name; default: the department


@attrs.frozen
class Imported:
    text: str  # the org file, formatted
    findings: list[Finding]
    roles: int
    vacant: int
    levels_written: int  # titles the table could not read
    notes: tuple[str, ...] = ()


def import_file(path: Path, shown: str, vocabulary: Vocabulary, options: ImportOptions = ImportOptions(),
                ) -> Imported:
    """Import one HR export; raises :class:`CannotImport` when there is nothing to import."""
    try:
        return import_table(read_table(path, shown), vocabulary, options)
    except (TableError, ColumnError, ScopeError) as error:
        raise CannotImport(str(error)) from None


def _columns(table: Table, options: ImportOptions) -> tuple[Columns, int]:
    """The columns of the header row, and where the header is."""
    start = find_header(table.rows, options.mapping)
    if start is None:
        raise CannotImport(f"{table.path}: no header row with a title or name column in the first 20 rows; "
                           "name the columns with --map COLUMN=title and --map COLUMN=name")
    columns = recognise(table.rows[start][1], options.mapping)
    if not columns.has("title"):
        raise CannotImport(f"{table.path}: no job title column (columns: {', '.join(columns.header)}); "
                           "name it with --map COLUMN=title")
    return columns, start


def import_table(table: Table, vocabulary: Vocabulary, options: ImportOptions = ImportOptions()) -> Imported:
    """The org file of a table's rows, and findings for the rows that cannot be placed as they say."""
    columns, start = _columns(table, options)
    people, findings = people_of(table.rows[start + 1:], columns, table.path)
    ids = [f for f in ("role_id", "id") if columns.has(f)]
    directory = Directory.of(people, [*ids, *(f"id_{n}" for n in range(2, len(columns.fields.get("id", ())) + 1))])
    findings += place(people, directory, table.path,
                      rank=lambda p: vocabulary.rank(vocabulary.infer_level(p.text("title"))))
    scope = choose(people, directory, options.root, options.department)
    for index in scope.kept:
        if not people[index].text("title"):
            findings.append(finding(table.path, people[index].row, people[index].column("title"), "IMP004",
                                    "empty job title; the role is written with an empty title"))
    id_key = "role_id" if columns.has("role_id") else "id"
    assign_ids([people[i] for i in scope.kept], id_key)
    levels = _levels(people, scope.kept, vocabulary)
    text = _org_text(people, scope, levels, options.name or options.department, vocabulary)
    formatted, problems = format_text(text)
    assert formatted is not None, problems  # the importer writes only what the language can say
    notes = list(table.notes)
    if columns.unknown:
        notes.append(f"columns not used: {', '.join(columns.unknown)}")
    kept = [people[i] for i in scope.kept]
    role_of_row = {p.row: p.role_id for p in kept}
    findings = [f.replace(entity=role_of_row.get(f.line)) for f in findings]
    return Imported(formatted, sorted(findings), len(kept), sum(p.vacant for p in kept),
                    sum(1 for i in scope.kept if i in levels and levels[i][1]), tuple(notes))


def _levels(people: list[Person], kept: Sequence[int], vocabulary: Vocabulary) -> dict[int, tuple[str, bool]]:
    """Each kept person's level and whether to write it: a written level from the file, the title's, or the tree's."""
    reports: dict[int, list[int]] = {}
    kept_set = set(kept)
    for index in kept:
        manager = people[index].manager
        if manager is not None and manager in kept_set:
            reports.setdefault(manager, []).append(index)
    levels: dict[int, tuple[str, bool]] = {}
    # Reports before their managers: an explicit stack, as chains can be thousands of roles deep.
    for top in [i for i in kept if people[i].manager not in kept_set]:
        stack = [(top, False)]
        while stack:
            index, expanded = stack.pop()
            if not expanded:
                stack.append((index, True))
                stack.extend((child, False) for child in reports.get(index, ()))
                continue
            levels[index] = _level(people[index], [levels[c][0] for c in reports.get(index, ())], vocabulary)
    return levels


def _level(person: Person, below: list[str], vocabulary: Vocabulary) -> tuple[str, bool]:
    written = person.text("level")
    if written in vocabulary.levels and person.text("level_origin") in ("", "written"):
        return written, True
    guess = vocabulary.title_level(person.text("title"))
    if guess.matched:
        return guess.level, False
    if not below:
        return vocabulary.levels[0], True
    # Someone with reports manages people: at least a manager (a Lead in this
    # vocabulary is a channel specialist), and above everyone reporting to them.
    floor = vocabulary.rank(_MANAGES_PEOPLE) if _MANAGES_PEOPLE in vocabulary.levels else 0
    above = max(vocabulary.rank(level) for level in below) + 1
    return vocabulary.levels[min(max(floor, above), len(vocabulary.levels) - 1)], True


def _words(text: str) -> list[str]:
    return [word for word in (w.strip() for w in text.replace(";", ",").split(",")) if is_identifier(word)]


def _org_text(people: list[Person], scope: Scope, levels: dict[int, tuple[str, bool]], name: str | None,
              vocabulary: Vocabulary) -> str:
    """The org file, unformatted: teams and departments, then roles top down."""
    kept = [people[i] for i in scope.kept]
    taken = {p.role_id for p in kept}
    teams = _named_ids({p.text("team"): p.text("team_id") for p in kept if p.text("team")}, taken, "team")
    exported = {n: i for p in kept for n, i in _pairs(p.text("liaises_with"), p.text("liaises_with_id")) if n}
    outside = {n: exported.get(n, "") for names in scope.liaisons.values() for n in names}
    departments = _named_ids(outside | exported, taken | set(teams.values()), "dept")
    lines = [f"org {quote(name)}"] if name else []
    lines += [f"team {team_id} {quote(team)}" for team, team_id in sorted(teams.items(), key=lambda t: t[1])]
    lines += [f"department {d} {quote(n)}" for n, d in sorted(departments.items(), key=lambda t: t[1])]
    for index in _top_down(people, scope.kept, levels, vocabulary):
        person = people[index]
        liaisons = [departments[n] for n in [*scope.liaisons.get(index, ()), *person.text("liaises_with").split(", ")]
                    if n in departments]
        lines += _role_lines(person, people, levels[index], teams, list(dict.fromkeys(liaisons)), vocabulary)
    return "\n".join(lines) + "\n"


def _role_lines(person: Person, people: list[Person], level: tuple[str, bool], teams: Mapping[str, str],
                liaisons: list[str], vocabulary: Vocabulary) -> list[str]:
    """One role declaration, attribute lines in the grammar's order."""
    lines = [f"role {person.role_id} {quote(person.text('title'))}"]
    if person.vacant or person.name:
        lines.append("  person vacant" if person.vacant else f"  person {quote(person.name or '')}")
    if person.manager is not None:
        lines.append(f"  reports-to {people[person.manager].role_id}")
    if person.dotted:
        lines.append(f"  dotted-to {', '.join(people[d].role_id for d in person.dotted)}")
    if level[1]:
        lines.append(f"  level {level[0]}")
    if person.text("layer") in vocabulary.layers and person.text("layer_origin") in ("", "written"):
        lines.append(f"  layer {person.text('layer')}")
    if person.text("team"):
        lines.append(f"  team {teams[person.text('team')]}")
    for key in ("channel", "owns"):
        if _words(person.text(key)):
            lines.append(f"  {key} {', '.join(_words(person.text(key)))}")
    if liaisons:
        lines.append(f"  liaises-with {', '.join(liaisons)}")
    return lines


def _pairs(names: str, ids: str) -> list[tuple[str, str]]:
    """Departments from orgmodel's CSV export: names and their IDs, both ``, ``-separated."""
    name_list, id_list = names.split(", "), ids.split(", ")
    return list(zip(name_list, id_list + [""] * (len(name_list) - len(id_list)), strict=True))


def _named_ids(names: Mapping[str, str], taken: set[str], suffix: str) -> dict[str, str]:
    """An ID for each team or department name: its own when the file gives a valid one, else a slug."""
    found: dict[str, str] = {}
    for name in sorted(names):
        candidate = names[name] if is_identifier(names[name]) else (slug(name) or suffix)
        if candidate in taken:
            candidate = f"{candidate}-{suffix}"
        base, number = candidate, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        found[name] = candidate
    return found


def _top_down(people: list[Person], kept: Sequence[int], levels: dict[int, tuple[str, bool]],
              vocabulary: Vocabulary) -> list[int]:
    """Kept people depth first from the tops (most senior first), each manager's reports in ID order."""
    kept_set = set(kept)
    reports: dict[int | None, list[int]] = {}
    for index in kept:
        manager = people[index].manager if people[index].manager in kept_set else None
        reports.setdefault(manager, []).append(index)
    tops = sorted(reports.get(None, []), key=lambda i: (-vocabulary.rank(levels[i][0]), people[i].role_id))
    order: list[int] = []
    stack = list(reversed(tops))
    while stack:
        index = stack.pop()
        order.append(index)
        stack.extend(sorted(reports.get(index, []), key=lambda i: people[i].role_id, reverse=True))
    return order
