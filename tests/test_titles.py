"""The title table against real-world titles: 399 titles in eight languages and 151 rank orderings.

Both tables (tests/data/) were written by an HR and org-design reviewer
before the title table in rules/vocabulary.toml was rewritten.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from orgmodel.rulepack import load_builtin
from orgmodel.titles import Phrases, TitleRow, occurs, read

DATA = Path(__file__).parent / "data"
VOCABULARY = load_builtin().vocabulary


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


TITLES = [(row["title"], row["level"]) for row in _rows("titles.tsv")]
ORDERS = [(row["higher"], row["lower"], row["relation"]) for row in _rows("title_order.tsv")]


def rank(title: str) -> int:
    guess = VOCABULARY.title_level(title)
    return VOCABULARY.rank_of(guess.level, guess.step)


def test_the_tables_are_big_enough() -> None:
    assert len(TITLES) >= 60 and len({language for _, _, language, _ in map(dict.values, _rows("titles.tsv"))}) >= 5
    assert len(ORDERS) >= 30


@pytest.mark.parametrize(("title", "level"), TITLES, ids=[t for t, _ in TITLES])
def test_title_level(title: str, level: str) -> None:
    guess = VOCABULARY.title_level(title)
    assert (guess.level, guess.matched) == (level, True), guess


@pytest.mark.parametrize(("higher", "lower", "relation"), ORDERS, ids=[f"{h} {r} {lo}" for h, lo, r in ORDERS])
def test_title_order(higher: str, lower: str, relation: str) -> None:
    if relation == ">":
        assert rank(higher) > rank(lower), (VOCABULARY.title_level(higher), VOCABULARY.title_level(lower))
    else:
        assert rank(higher) == rank(lower), (VOCABULARY.title_level(higher), VOCABULARY.title_level(lower))


@pytest.mark.parametrize(("title", "words"), [
    ("Senior Brand Manager", ("senior", "manager")),
    ("Sr. Director, Brand Marketing", ("sr", "director")),
    ("Marketingleiterin", ("marketingleiterin",)),
    ("Teamleiterin Social Media", ("teamleiterin",)),
    ("マーケティング部長", ("部長",)),
])
def test_a_guess_names_the_words_that_decided_it(title: str, words: tuple[str, ...]) -> None:
    assert VOCABULARY.title_level(title).words == words


@pytest.mark.parametrize(("title", "matched"), [
    ("Copywriter", True), ("Growth Ninja", False), ("Wizard of Lights", False), ("", False),
])
def test_titles_no_row_reads_are_marked_as_such(title: str, matched: bool) -> None:
    guess = VOCABULARY.title_level(title)
    assert guess.matched is matched
    assert matched or (guess.level, guess.step) == (VOCABULARY.default_level, 0)


@pytest.mark.parametrize(("phrase", "title", "found"), [
    ("vice president", "Vice-President, Brand", True),
    ("vice president", "Vice Presidential Aide", False),
    ("*leiter", "Marketingleiter", True),
    ("*leiter", "Leiterin", False),
    ("général", "Directeur General", True),
    ("v.p.", "V.P. Marketing", True),
    ("部長", "マーケティング部長", True),
    ("lead", "Leadership Coach", False),
    ("chef d'équipe", "Chef d’équipe", True),
])
def test_phrase_matching(phrase: str, title: str, found: bool) -> None:
    assert occurs(phrase, title) is found


def test_unless_masks_before_matching() -> None:
    row = TitleRow("lead", Phrases.of(["lead"]), unless=Phrases.of(["lead generation"]))
    assert read("Lead Generation Specialist", [row]).value is None
    assert read("Lead Generation Lead", [row]).value == "lead"
