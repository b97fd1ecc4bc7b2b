"""Faults a second tester found in `contested compare` (session 22, fixer X6): an
ambiguous quote called "not found", a one-letter negating prefix shown as a spelling,
digits of another script not agreeing with their value, error hints broken over lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compare_support import table
from conftest import RunCli, make_casebook

from claims.anchoring.variants import Kind, align_variants

# -- F4: an ambiguous quote is named as ambiguous, not "not found" -------------------------

AMBIGUOUS = """\
title: Twice
sides:
  x: {label: X}
  y: {label: Y}
sources:
  a: {file: sources/a.txt}
disputes:
  - id: twice
    question: Which?
    positions:
      - {side: x, holder: P, claim: c, evidence: [{source: a, quote: "the raids began"}]}
      - {side: y, holder: Q, claim: c, evidence: [{source: a, quote: "Nothing else"}]}
"""
TWICE = "Then the raids began at dawn.\n\nNothing else.\n\nAgain the raids began at noon.\n"


def test_an_ambiguous_quote_says_where_it_stands(tmp_path: Path, run_cli: RunCli) -> None:
    root = make_casebook(tmp_path, AMBIGUOUS, {"sources/a.txt": TWICE})
    code, out, _ = run_cli("-C", root, "check")
    assert "found in ¶1 and ¶3" in out + _  # what `check` says of it
    code, out, err = run_cli("-C", root, "compare", "twice", columns=200)
    assert code == 0, err
    assert "not found" not in out
    assert "the quote as written: it stands in ¶1 and ¶3: add `before:`/`after:`" in out
    assert "`paragraph:`" in out
    code, out, _ = run_cli("-C", root, "compare", "twice", "--format", "json")
    side = json.loads(out)["comparisons"][0]["a"]
    assert side["origin"] == "quote"
    assert side["text"] == "the raids began"
    assert side["citation"] is None
    assert side["why"].startswith("it stands in ¶1 and ¶3: add `before:`/`after:`")


# -- F5: a one-letter negating prefix; digits of another script --------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("typical", "atypical"), ("moral", "amoral"), ("Symmetric", "asymmetric")],
)
def test_a_negating_a_makes_another_word(a: str, b: str) -> None:
    alignment = align_variants(f"the act was {a} here", f"the act was {b} here")
    assert table(alignment)[1] == ("substitution", a, b)
    assert alignment.counts()[Kind.VARIANT] == 0


@pytest.mark.parametrize(("a", "b"), [("Husay", "Husayn"), ("Ali", "Aali")])
def test_one_letter_elsewhere_stays_a_spelling(a: str, b: str) -> None:
    alignment = align_variants(f"named {a} then", f"named {b} then")
    assert table(alignment)[1] == ("variant", a, b)


def test_digits_of_another_script_agree_by_value() -> None:
    alignment = align_variants("in ٢٠٢٤ they", "in 2024 they")
    assert table(alignment)[1] == ("variant", "٢٠٢٤", "2024")
    assert alignment.rows[1].similarity == 100.0
    other = align_variants("in ٢٠٢٥ they", "in 2024 they")
    assert table(other)[1] == ("substitution", "٢٠٢٥", "2024")


# -- F6: error hints on one line ------------------------------------------------------------

TABS = """\
title: Tabs
sides:
  x: {label: X}
sources:
  a: {file: sources/a.txt}
disputes:
  - id: tabs
    question: Which?
    positions:
      - {id: p1, side: x, holder: "Holder\\twith tab\\nand a second line", claim: c,
         evidence: [{source: a, quote: "Nothing"}]}
      - {side: x, holder: Q, claim: c, evidence: [{source: a, quote: "here"}]}
"""


def test_an_error_hint_stays_on_one_line(tmp_path: Path, run_cli: RunCli) -> None:
    root = make_casebook(tmp_path, TABS, {"sources/a.txt": "Nothing here.\n"})
    code, _, err = run_cli("-C", root, "compare", "tabs:nobody")
    assert code == 2
    assert "p1 (Holder with tab and a second line)" in err, err
    assert "\t" not in err
    assert len(err.strip().splitlines()) == 2, err
