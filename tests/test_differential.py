"""Differential fuzzing: the columnar core gives exactly what the general path gives.

The general path is the reader as it has always been (the general parser, the
general reader's model) and every rule run on that model. The columnar path
is what a check runs: the fast path's rows, the general reader only for what
the fast path leaves to it, the columns, and each rule only when its screen
says it can fire. For every input both must give the same findings (message
text included), the same model and the same syntax-tree leftovers (problems,
comments, suppressions, line count). Inputs: the examples, the fuzz corpus,
the realistic orgs, random orgs in the common layout with every kind of
mistake, random titles by the hundred (title keys), and mutations of all of
these. Every rule runs, opt-in ones too, plus a pack of extra rules that
give each check kind other parameters, so that every screen is put to the
test. Budgets are example counts.
"""

from __future__ import annotations

import os

from conftest import EXAMPLES, REPO, every_rule, mutate
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orgmodel import engine, suppress
from orgmodel.api import _load, decode
from orgmodel.dsl.columnar import read
from orgmodel.rulepack import RulePack, build_pack, load_builtin
from orgmodel.synthetic import generate

# Rules of every check kind with parameters the built-in pack does not use.
EXTRA_RULES = """
[[rule]]
code = "XTRA{n:03d}"
name = "extra-{n}"
severity = "warning"
kind = "{kind}"
summary = "A test rule."
source = "language"
principle = "Test."
why = "Test."
fix = "Test."
params = {params}
message = "{{entity}} fired"
example.fires = ''
example.passes = ''
"""
EXTRA = [
    ("attribute-count", '{ entity = "role", attribute = "owns", min = 2 }'),
    ("attribute-count", '{ entity = "role", attribute = "person", max = 0, where = { vacant = false } }'),
    ("attribute-count", '{ entity = "kpi", attribute = "target", min = 1 }'),
    ("attribute-count", '{ entity = "role", attribute = "layer", min = 1, where = { team = ["t", "growth"] } }'),
    ("attribute-count", '{ entity = "campaign", attribute = "kpi", max = 1 }'),
    ("attribute-count", '{ entity = "role", attribute = "dotted-to", max = 0, where = { level-bound = true } }'),
    ("depth-limit", "{ max = 3 }"),
    ("fact-origin", '{ entity = "role", fact = "layer", origins = ["level", "none"], where = { manages = true } }'),
    ("fact-origin", '{ entity = "kpi", fact = "scope", origins = ["name"] }'),
    ("matching-role", '{ where = { layer = ["none"], level-origin = ["title"], specialised = true } }'),
    ("matching-role", '{ where = { max-level = "lead", manages = true, vacant = true } }'),
    ("oversees-level", '{ where = { min-level = "director" }, reports = { level = ["manager"] }, expect = "none" }'),
    ("oversees-level", '{ where = { level = ["manager"] }, reports = { max-level = "lead" }, count-dotted = true }'),
    ("referenced-level", '{ entity = "kpi", attribute = "owner", target = { min-level = "manager" } }'),
    ("referenced-level", '{ entity = "role", attribute = "dotted-to", target = { level = ["lead"] }, '
                         'where = { vacant = false } }'),
    ("referenced-overlap", '{ entity = "campaign", attribute = "lead", values = "channel", role-values = "owns" }'),
    ("referenced-overlap", '{ entity = "role", attribute = "dotted-to", values = "liaises-with", '
                           'role-values = "liaises-with" }'),
    ("referenced-vacancy", '{ entity = "role", attribute = "dotted-to" }'),
    ("referenced-layer", '{ entity = "role", attribute = "reports-to", by = "layer", '
                         'allowed = { tactical = ["tactical", "operational"], strategic = ["strategic", "none"] } }'),
    ("separation-of-duties", '{ duties = ["vision", "go-to-market"], per = "person" }'),
    ("separation-of-duties", '{ duties = ["vision", "mentoring"] }'),
    ("shared-responsibility", '{ keywords = ["vision", "mentoring"] }'),
    ("span-limit", '{ max = 2, where = { min-level = "manager" } }'),
    ("span-limit", "{ max = 1 }"),
    ("unheld-responsibility", '{ keywords = ["vision"], filled = true }'),
    ("unheld-responsibility", '{ keywords = ["vision", "mentoring"] }'),
    ("unreferenced", '{ entity = "team", by = ["role.team"] }'),
    ("unreferenced", '{ entity = "kpi", by = ["campaign.kpi"] }'),
    ("manager-rank", '{ as-contributor = { vacant = true }, except = { team = ["t"] } }'),
    ("manager-layer", '{ where = { level = ["ic"] }, manager = { level = ["lead", "manager"] } }'),
    ("conflicting-titles", '{ titles = [["SEO Lead", "Lead, SEO", "seo lead"], ["Designer", "Art Director"]] }'),
    ("reporting-cycle", "{}"),
    ("single-top", "{}"),
]


def _pack() -> RulePack:
    text = "".join(EXTRA_RULES.format(n=n, kind=kind, params=params) for n, (kind, params) in enumerate(EXTRA))
    return every_rule(build_pack([("extra.toml", text)], base=load_builtin()))


PACK = _pack()
VOCABULARY = PACK.vocabulary
KNOWN = frozenset(PACK.rules)


def general(text: str) -> tuple[list, object, object]:
    org, problems, document = _load(text, "f.org.txt", PACK)
    found = suppress.apply(engine.run(org, problems, PACK), document.suppressions, PACK, KNOWN, "f.org.txt")
    return found, org, document


def columnar(text: str) -> tuple[list, object, object]:
    columns, problems, document = read(text, VOCABULARY, "f.org.txt")
    findings = engine.run_columns(columns, problems, PACK)
    found = suppress.apply(findings, document.suppressions, PACK, KNOWN, "f.org.txt")
    return found, columns.org(), document


def assert_same(text: str) -> None:
    expected, expected_org, expected_document = general(text)
    found, org, document = columnar(text)
    assert found == expected, f"input:\n{text}\nmissing: {[f for f in expected if f not in found][:3]}\n" \
                              f"extra: {[f for f in found if f not in expected][:3]}"
    assert org == expected_org, f"input:\n{text}"
    assert document.replace(declarations=()) == expected_document.replace(declarations=()), text


FILES = sorted([*EXAMPLES.glob("*.org.txt"), *(REPO / "tests" / "fuzz_corpus").glob("*.org.txt"),
                *(REPO / "tests" / "realistic").rglob("*.org.txt")])


def test_files_read_alike() -> None:
    for path in FILES:
        assert_same(decode(path.read_bytes())[0])


def test_generated_orgs_read_alike() -> None:
    for size, violations in ((300, False), (300, True), (2000, True)):
        assert_same(generate(size, seed=size, violations=violations).text)


# What random orgs are made of: IDs that exist, that do not, and of the wrong kind.
ROLE_IDS = [f"r{i}" for i in range(12)]
IDS = st.sampled_from([*ROLE_IDS, "t", "d", "k", "c", "ghost", "R0", "cmo"])
WORDS = st.sampled_from(["seo", "social", "email", "budget-setting", "budget-execution", "vision", "mentoring",
                         "kpi-framework", "marketing-calendar", "messaging-signoff", "team-management",
                         "go-to-market", "visoin", "growth"])
LEVELS = st.sampled_from([*VOCABULARY.levels, "managr", "boss"])
LAYERS = st.sampled_from([*VOCABULARY.layers, "strategc"])
SCOPES = st.sampled_from([*VOCABULARY.scopes, "tactical"])
PHRASES = sorted({phrase for rows in (VOCABULARY.title_levels, VOCABULARY.title_layers, VOCABULARY.title_channels)
                  for row in rows for phrase in (*row.any.texts, *row.all.texts, *row.unless.texts)
                  if "*" not in phrase} | set(VOCABULARY.seniority))
FILLERS = ["Region", "EMEA", "North", "Brand", "of", "and", "&", "-", "for", "(Europe)", "/", ",", "Director's",
           "Général", "Teamleiter", "Produktmanager", "x9", "Level 2", "17", "0412", "²", "部長", "'s"]
TITLE_WORDS = st.one_of(st.sampled_from(PHRASES), st.sampled_from(FILLERS), st.integers(0, 99999).map(str))
TITLES = st.one_of(st.lists(TITLE_WORDS, min_size=1, max_size=5).map(" ".join), st.sampled_from(["", " ", "\t"]))
PERSONS = st.one_of(st.sampled_from(["Ana Lima", "TBH", "to  be hired", "Vacant", "À pourvoir", "n.n.", "Bo",
                                     "Ana Lima ", "  ", "\u3000", ""]), st.text("abcXY ", min_size=1, max_size=8))


def _values(draw: st.DrawFn, values: st.SearchStrategy[str]) -> str:
    return ", ".join(draw(st.lists(values, min_size=1, max_size=3)))


@st.composite
def attribute_lines(draw: st.DrawFn, kind: str) -> list[str]:
    """A declaration's attribute lines in any order, a key now and then given twice."""
    choices = {
        "role": {"person": lambda: "vacant" if draw(st.booleans()) else f'"{draw(PERSONS)}"',
                 "reports-to": lambda: _values(draw, IDS), "dotted-to": lambda: _values(draw, IDS),
                 "level": lambda: draw(LEVELS), "layer": lambda: draw(LAYERS), "team": lambda: draw(IDS),
                 "channel": lambda: _values(draw, WORDS), "owns": lambda: _values(draw, WORDS),
                 "liaises-with": lambda: _values(draw, IDS)},
        "kpi": {"owner": lambda: _values(draw, IDS), "scope": lambda: draw(SCOPES),
                "target": lambda: '"10%, monthly"'},
        "campaign": {"lead": lambda: _values(draw, IDS), "channel": lambda: _values(draw, WORDS),
                     "kpi": lambda: _values(draw, IDS)},
    }[kind]
    keys = draw(st.lists(st.sampled_from(sorted(choices)), max_size=6))
    return [f"  {key} {choices[key]()}" for key in keys]


@st.composite
def common_orgs(draw: st.DrawFn) -> str:
    """Orgs mostly in the common layout, with every kind of mistake the reader and the rules know."""
    lines = ['org "Random"'] if draw(st.booleans()) else []
    lines += ['team t "T"', 'department d "D"', 'kpi k "Cost per Lead"'] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["role", "role", "role", "kpi", "campaign", "team", "department", "org"]))
        text = draw(TITLES) if kind == "role" else draw(st.sampled_from(["Market Share", "Pipeline", "Launch", "X", " "]))
        header = f'{kind} "{text}"' if kind == "org" else f'{kind} {draw(IDS)} "{text}"'
        lines.append(header)
        if kind in ("role", "kpi", "campaign"):
            lines += draw(attribute_lines(kind))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", "# a note", "  # orgmodel: ignore[HIER004] reason",
                                               "  owns  vision", "\tperson vacant", "role"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


# ORGMODEL_FUZZ_EXAMPLES=5000 runs a longer, random campaign (make test keeps a fixed, bounded one).
CAMPAIGN = int(os.environ.get("ORGMODEL_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(max_examples=CAMPAIGN or 250, deadline=None, derandomize=not CAMPAIGN,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(common_orgs())
@example('role a "SEO Lead"\n  reports-to a\nrole a "Brand Manager"\n  reports-to ghost\n')
@example('org "A"\norg "B"\nteam a "T"\nrole a "Lead"\n  team a\n')
def test_random_orgs_read_alike(text: str) -> None:
    assert_same(text)


SOURCES = [path.read_text(encoding="utf-8").splitlines() for path in FILES if path.suffix == ".txt"
           and path.read_bytes().isascii()] + [generate(60, seed=7, violations=True).text.splitlines()]


@SETTINGS
@given(st.sampled_from(range(len(SOURCES))),
       st.lists(st.tuples(st.integers(0, 9), st.integers(0, 400), st.integers(0, 400)), max_size=10))
def test_mutated_orgs_read_alike(which: int, operations: list[tuple[int, int, int]]) -> None:
    assert_same(mutate(SOURCES[which], operations))


@settings(max_examples=CAMPAIGN // 20 or 12, deadline=None, derandomize=not CAMPAIGN,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(TITLES, min_size=300, max_size=400))
def test_hundreds_of_distinct_titles_read_alike(titles: list[str]) -> None:
    """Past 256 distinct titles, titles are read once per key (digits and unseen words folded)."""
    roles = [f'role r{i} "{title}"' + ("\n  reports-to r0" if i else "") for i, title in enumerate(titles)]
    assert_same("\n".join(roles) + "\n")


# (titles, the keys they get): digits fold first; past 256 distinct, words no phrase names fold too.
TITLE_KEYS = [
    ([f"Store Manager {n}" for n in range(300)], {"Store Manager 0", "Store Manager 00", "Store Manager 000"}),
    ([f"SEO Lead, Qz{chr(97 + n % 26)}{chr(97 + n // 26)} 7" for n in range(300)] + ["Senior Brand Manager"],
     {"seo lead _", "senior brand manager"}),
    (["SEO Lead"] * 300, {"SEO Lead"}),
]


def test_title_keys_fold_what_no_phrase_sees() -> None:
    for titles, keys in TITLE_KEYS:
        assert set(VOCABULARY.title_keys(titles)) == keys
