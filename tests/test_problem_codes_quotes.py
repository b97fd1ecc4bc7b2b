"""The quote problem codes (quote-not-found, ambiguous-quote, quote-drifted), each at the
right file, line and column, from a casebook with one quote broken.

The structural codes are in `test_problem_codes.py`; shared helpers in `problem_support.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import RunCli, make_casebook
from problem_support import (
    CLEAN_DISPUTE,
    SOURCE,
    assert_at,
    at,
    casebook,
    check_json,
    only,
    write,
)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return tmp_path / "case"


# --- quote-not-found ---------------------------------------------------------------------


def test_quote_not_found_names_the_closest_paragraph(run_cli: RunCli, case: Path) -> None:
    quote = "Relatives said the brothers were shot by soldiers at the border"
    text = casebook(CLEAN_DISPUTE.replace("the brothers were beaten by riot police", quote))
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "quote-not-found")
    assert_at(problem, root / "casebook.yaml", at(text, "quote: ", quote))
    match = re.search(r"closest is ¶(\d+) at (\d+)%", problem["message"])
    assert match, problem["message"]
    assert match.group(1) == "2"
    assert 30 <= int(match.group(2)) < 90
    assert data["anchors"][1]["paragraph"] is None
    assert data["anchors"][1]["method"] is None
    assert code == 1


# --- ambiguous-quote ---------------------------------------------------------------------

AMBIGUOUS = "the brothers died of heart failure"


def test_ambiguous_quote_names_the_paragraphs(run_cli: RunCli, case: Path) -> None:
    text = casebook(
        CLEAN_DISPUTE.replace("Officials said the brothers died of heart failure", AMBIGUOUS)
    )
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "ambiguous-quote")
    assert_at(problem, root / "casebook.yaml", at(text, "quote: ", AMBIGUOUS))
    assert "found in ¶1 and ¶3" in problem["message"]
    assert data["anchors"][0]["paragraph"] is None
    assert data["anchors"][0]["candidates"] == [1, 3]
    assert code == 1


@pytest.mark.parametrize(
    ("extra", "paragraph"),
    [
        ("before: The ministry repeated that", 3),
        ("before: Officials said", 1),
        ("after: in hospital", 3),
        ("after: after the arrest", 1),
        ("paragraph: 3", 3),
        ("paragraph: 1", 1),
    ],
)
def test_ambiguous_quote_resolved(run_cli: RunCli, case: Path, extra: str, paragraph: int) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "quote: Officials said the brothers died of heart failure",
        f"quote: {AMBIGUOUS}\n            {extra}",
    )
    root = write(case, casebook(disputes))
    code, problems, data = check_json(run_cli, root)
    assert (code, problems) == (0, [])
    anchor = data["anchors"][0]
    paragraph_text = SOURCE.split("\n\n")[paragraph - 1]
    assert anchor["paragraph"] == paragraph
    assert paragraph_text[anchor["start"] : anchor["end"]] == AMBIGUOUS
    assert anchor["method"] == "exact"


# --- quote-drifted -----------------------------------------------------------------------


def test_quote_drifted_fuzzy_with_a_typo(run_cli: RunCli, case: Path) -> None:
    typo = "the brothers were beatn by riot polise"
    text = casebook(CLEAN_DISPUTE.replace("the brothers were beaten by riot police", typo))
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "quote-drifted")
    assert_at(problem, root / "casebook.yaml", at(text, "quote: ", typo), "warning")
    match = re.search(r"fuzzily in ¶2 of 'report' \((\d+)% similar\)", problem["message"])
    assert match, problem["message"]
    assert 90 <= int(match.group(1)) < 100
    # what differs, word by word, in `git diff --word-diff` style: the source's own words
    assert (
        "the source says: the brothers were [-beatn-]{+beaten+} by riot [-polise-]{+police+}"
        in problem["message"]
    )
    anchor = data["anchors"][1]
    assert (anchor["paragraph"], anchor["method"]) == (2, "fuzzy")
    assert int(match.group(1)) == int(anchor["score"])  # rounded down, never up to a pass
    paragraph = SOURCE.split("\n\n")[1]
    assert paragraph[anchor["start"] : anchor["end"]] == "the brothers were beaten by riot police"
    assert code == 0  # a warning only


def test_quote_drifted_away_from_its_paragraph_hint(run_cli: RunCli, case: Path) -> None:
    disputes = CLEAN_DISPUTE.replace(
        "quote: the brothers were beaten by riot police",
        "quote: the brothers were beaten by riot police\n            paragraph: 4",
    )
    text = casebook(disputes)
    root = write(case, text)
    code, problems, data = check_json(run_cli, root)
    problem = only(problems, "quote-drifted")
    assert_at(problem, root / "casebook.yaml", at(text, "paragraph: ", "4"), "warning")
    assert "in ¶2 of 'report', not ¶4" in problem["message"]
    assert problem["hint"] == "set `paragraph: 2`"
    assert (data["anchors"][1]["paragraph"], data["anchors"][1]["method"]) == (2, "exact")
    assert code == 0


def test_normalized_match_is_not_drift(run_cli: RunCli, case: Path) -> None:
    source = SOURCE.replace("beaten by riot police", "“beaten” by riot police — at night")
    disputes = CLEAN_DISPUTE.replace(
        "quote: the brothers were beaten by riot police",
        "quote: 'the brothers were \"beaten\" by riot  police - at night'",
    )
    root = make_casebook(case, casebook(disputes), {"sources/report.txt": source})
    code, problems, data = check_json(run_cli, root)
    assert (code, problems) == (0, [])
    assert data["anchors"][1]["method"] == "normalized"
