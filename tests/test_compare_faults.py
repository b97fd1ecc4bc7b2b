"""Faults a tester found in `contested compare` (session 22): opposite meanings and other
numbers shown as spelling variants, alignments that pair words where an insertion is
right, a casebook with errors reported as if it were sound, headers broken by newlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compare_support import table
from conftest import BUNDLED, RunCli, make_casebook

from claims.anchoring.variants import Kind, align_variants
from claims.compare import comparisons
from claims.model import Casebook

# -- F1: opposite meanings and other numbers are not spelling variants --------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("lawful", "unlawful"),
        ("possible", "impossible"),
        ("proven", "unproven"),
        ("responsible", "irresponsible"),
        ("signed", "resigned"),
        ("lawful", "lawfully"),
        ("1500000", "1600000"),
        ("2024", "2025"),
        ("B52", "B53"),
    ],
)
def test_an_affix_or_other_digits_make_another_word(a: str, b: str) -> None:
    alignment = align_variants(f"the act was {a} here", f"the act was {b} here")
    assert table(alignment)[1] == ("substitution", a, b)
    assert alignment.counts()[Kind.VARIANT] == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ziyouddin", "Ziyoddin"),
        ("Husay", "Husayn"),
        ("colour", "color"),
        ("Mohammed", "Mohammad"),
        ("Safarov", "Safarova"),
        ("B52", "b52"),
    ],
)
def test_spellings_stay_variants(a: str, b: str) -> None:
    alignment = align_variants(f"named {a} then", f"named {b} then")
    assert table(alignment)[1] == ("variant", a, b)


# -- F2: shared words anchor the alignment ----------------------------------------------


def test_a_long_insertion_before_a_rephrased_opening(bundled: Casebook) -> None:
    [found] = comparisons(
        bundled,
        "aztv-1937-wording:harshly-brutally:2",
        "aztv-1937-wording:severe-terrible:1",
    )
    rows = table(found.alignment)
    assert rows[0][0] == "insertion"
    assert rows[0][2].startswith("Today, although both empires")
    assert rows[0][2].endswith("using OMON.")
    assert rows[1] == ("substitution", "In other words", "That is")
    assert rows[2][0] == "same"


def test_hyphen_and_dash_are_not_paired_across_the_text(bundled: Casebook) -> None:
    # a's "truth-tellers using the OMON" against b's "… truth using OMON. That is, 1937
    # continues—only more severe": the hyphen must not anchor on the dash 20 words on.
    [found] = comparisons(
        bundled,
        "aztv-1937-wording:harshly-brutally:3",
        "aztv-1937-wording:severe-terrible:1",
    )
    rows = table(found.alignment)
    assert ("deletion", "-tellers", "") in rows
    assert ("same", "using", "using") in rows
    assert ("same", "OMON", "OMON") in rows
    assert rows[-1] == (
        "insertion",
        "",
        ". That is, 1937 continues—only more severe, more terrible,",
    )


def test_a_moved_number_is_deleted_and_inserted_not_paired_with_a_full_stop() -> None:
    rows = table(align_variants("on 27 June.", "on June 27"))
    assert rows == [
        ("same", "on", "on"),
        ("insertion", "", "June"),
        ("same", "27", "27"),
        ("deletion", "June.", ""),
    ]
    rows = table(align_variants("on 27 June. Then", "on June 27 Then"))
    assert ("substitution", ".", "27") not in rows
    assert ("substitution", "27", ".") not in rows


def test_bundled_renderings_keep_their_substitutions(bundled: Casebook) -> None:
    [found] = comparisons(
        bundled, "aztv-1937-wording:harshly-brutally:1", "aztv-1937-wording:severe-terrible:1"
    )
    rows = table(found.alignment)
    for pair in [
        ("substitution", "mindset persists", "view has not changed—this tradition continues"),
        ("substitution", "In other words", "That is"),
        ("substitution", "harshly", "severe"),
        ("substitution", "brutally", "terrible"),
        ("variant", "Although", "although"),
    ]:
        assert pair in rows
    [names] = comparisons(bundled, "brothers-names")
    assert ("variant", "Ziyouddin", "Ziyoddin") in table(names.alignment)
    assert ("variant", "Husay", "Husayn") in table(names.alignment)


# -- F4: a casebook with errors says so and exits non-zero ----------------------------------

BROKEN = """\
title: Broken
sides:
  x: {label: X}
  y: {label: Y}
sources:
  a: {file: sources/a.txt}
disputes:
  - id: names
    question: Names?
    positions:
      - side: x
        holder: First
        evidence: [{source: a, quote: "Ziyouddin and Husay"}]
      - side: y
        holder: Second
        evidence: [{source: a, quote: "Ziyoddin and Husayn"}]
  - id: sound
    question: Sound?
    positions:
      - {side: x, holder: P, claim: c, evidence: [{source: a, quote: "Ziyouddin and Husay"}]}
      - {side: y, holder: Q, claim: c, evidence: [{source: a, quote: "Ziyoddin and Husayn"}]}
include: [more.yaml]
"""


def _broken(tmp_path: Path) -> Path:
    return make_casebook(
        tmp_path,
        BROKEN,
        {"sources/a.txt": "Ziyouddin and Husay.\n"},
        {"more.yaml": "disputes:\n  - id: brokenone\n    question: [unclosed\n"},
    )


def test_errors_in_the_casebook_are_said_and_exit_1(tmp_path: Path, run_cli: RunCli) -> None:
    root = _broken(tmp_path)
    code, out, err = run_cli("-C", root, "compare", "sound")
    assert code == 1
    assert "Ziyouddin" in out  # the comparison is still printed
    assert "the casebook has" in err
    assert "errors" in err
    assert "`contested check` lists them" in err


def test_an_address_naming_nothing_in_a_broken_casebook_blames_the_errors(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = _broken(tmp_path)
    for address in ("names", "brokenone"):
        code, _, err = run_cli("-C", root, "compare", address)
        assert code == 2
        assert "the casebook's errors may be why" in err, err
        assert "contested check" in err


# -- F6, F8: the documented error, one-line headers ------------------------------------------


def test_the_documented_error_example_names_nothing(run_cli: RunCli) -> None:
    docs = (Path(__file__).parents[1] / "docs" / "compare.md").read_text(encoding="utf-8")
    assert "aztv-1937-wording:harshly-brutally:9" in docs
    code, _, err = run_cli("-C", BUNDLED, "compare", "aztv-1937-wording:harshly-brutally:9")
    assert code == 2
    assert "has 3 piece" in err or "3 pieces" in err or "evidence" in err


NEWLINES = """\
title: Lines
sides:
  x: {label: "X\\nside"}
  y: {label: Y}
sources:
  a: {file: sources/a.txt, title: "Two\\nline title"}
disputes:
  - id: lines
    question: "Which\\nline?"
    positions:
      - {side: x, holder: "l2\\nsecond line\\tTAB", claim: c,
         evidence: [{source: a, quote: "Ziyouddin and Husay"}]}
      - {side: y, holder: Q, claim: c, evidence: [{source: a, quote: "Ziyoddin and Husayn"}]}
"""


def test_newlines_and_tabs_in_the_header_stay_on_one_line(tmp_path: Path, run_cli: RunCli) -> None:
    root = make_casebook(tmp_path, NEWLINES, {"sources/a.txt": "Ziyouddin and Husay.\n"})
    code, out, err = run_cli("-C", root, "compare", "lines", columns=120)
    assert code == 0, err
    assert "l2 second line TAB · X side" in out
    assert "lines · Which line?" in out
    assert "Two line title" in out
    assert "\t" not in out


# -- F11: long words, holders with ':', why a quote is shown as written ---------------------

URL_A = "https://example.org/reports/2025/very/long/path/to/the/document/version-one-final.pdf"
URL_B = URL_A.replace("one", "two")
SOURCES = f"""\
title: Sources
sides:
  x: {{label: X}}
  y: {{label: Y}}
sources:
  a: {{file: sources/a.txt}}
  gone: {{file: sources/gone.txt}}
  fake: {{file: sources/fake.pdf}}
disputes:
  - id: url
    question: Which link?
    positions:
      - {{side: x, holder: "Report: 2", claim: c, evidence: [{{source: a, quote: "see {URL_A}"}}]}}
      - {{side: y, holder: Q, claim: c, evidence: [{{source: a, quote: "see {URL_B}"}}]}}
      - {{side: y, holder: Undeclared, claim: c, evidence: [{{source: nope, quote: "see"}}]}}
      - {{side: y, holder: Gone, claim: c, evidence: [{{source: gone, quote: "see"}}]}}
      - {{side: y, holder: Fake, claim: c, evidence: [{{source: fake, quote: "see"}}]}}
"""


def _sources(tmp_path: Path) -> Path:
    return make_casebook(
        tmp_path,
        SOURCES,
        {"sources/a.txt": "Nothing here.\n", "sources/fake.pdf": "not a PDF at all\n"},
    )


def test_a_long_word_wraps_in_its_column_rather_than_being_cut(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = _sources(tmp_path)
    _, out, _ = run_cli("-C", root, "compare", "url:Q", "url:#1", columns=80)
    aligned = out.split("words:")[0]
    assert "…" not in aligned
    left = "".join(line[2:40].strip() for line in aligned.splitlines()[8:])
    assert "/long/path/to/the/document/version-" in left  # the whole URL, folded


def test_a_holder_with_a_colon_is_suggested_as_a_whole_address(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = _sources(tmp_path)
    code, _, err = run_cli("-C", root, "compare", "url:Report")
    assert code == 2
    assert "did you mean 'url:Report: 2:1'?" in err
    code, out, _ = run_cli("-C", root, "compare", "url:Report: 2:1", "url:Q")
    assert "Report: 2 · X" in out


def test_the_reason_a_quote_is_shown_as_written(tmp_path: Path, run_cli: RunCli) -> None:
    root = _sources(tmp_path)
    reasons = {
        "Undeclared": "source 'nope' is not declared",
        "Gone": "source 'gone': cannot read 'sources/gone.txt': the file does not exist",
        "Fake": "source 'fake': cannot read 'sources/fake.pdf'",
        "Q": "it is not found in the source",
    }
    for holder, reason in reasons.items():
        _, out, _ = run_cli("-C", root, "compare", f"url:{holder}", "url:#1", columns=200)
        assert f"the quote as written: {reason}" in out, out
    _, out, _ = run_cli("-C", root, "compare", "url:Undeclared", "url:#1", "--format", "json")
    side = json.loads(out)["comparisons"][0]["a"]
    assert side["title"] is None
    assert side["why"].startswith("source 'nope' is not declared")
