"""Citations with printed pages (issue 17): the label rule, the `page:` hint, `check`'s
JSON and messages, and `show`, on a PDF the tests generate (tests/pdf_cite_support.py).

The app, the source view and the exports are in test_pdf_cite_app.py and
test_pdf_cite_export.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli, make_casebook
from pdf_cite_support import break_words, pdf_casebook

from claims.citation import (
    begun_above,
    citation,
    cited_label,
    new_page,
    page_fields,
    page_fits,
    page_label,
    paragraph_label,
    quoted,
)
from claims.loader import load
from claims.model import Location, Paragraph, Source
from claims.schema import json_schema

PLAIN = Paragraph(12, "Plain text.", 30)
PAGED = Paragraph(57, "On a page.", 25, page="23", page_paragraph=4)
ACROSS = Paragraph(58, "Runs on.", 25, page="23", page_paragraph=5, page_end="24")
ROMAN = Paragraph(3, "Front matter.", 2, page="xii", page_paragraph=1)


# -- the one label rule --------------------------------------------------------------------


def test_a_paragraph_without_a_page_is_cited_by_its_running_number() -> None:
    assert paragraph_label(PLAIN) == "¶12"
    assert paragraph_label(PLAIN, running=True) == "¶12"
    assert page_label(PLAIN) is None
    assert page_fields(PLAIN) == {}


def test_a_pdf_paragraph_is_cited_by_page_and_its_number_within_the_page() -> None:
    assert paragraph_label(PAGED) == "p. 23 ¶4"
    assert paragraph_label(PAGED, running=True) == "p. 23 ¶4 (¶57)"
    assert paragraph_label(ROMAN) == "p. xii ¶1"
    assert page_fields(PAGED) == {"page": "23", "page_paragraph": 4}


def test_a_paragraph_over_a_page_break_is_cited_as_a_page_range_where_it_starts() -> None:
    assert paragraph_label(ACROSS) == "pp. 23–24 ¶5"
    assert paragraph_label(ACROSS, running=True) == "pp. 23–24 ¶5 (¶58)"
    assert page_fields(ACROSS) == {"page": "23", "page_paragraph": 5, "page_end": "24"}


def test_cited_label_falls_back_to_the_running_number() -> None:
    paragraphs = [Paragraph(n, "x", 1) for n in range(1, 4)]
    assert cited_label(paragraphs, 2) == "¶2"
    assert cited_label(None, 7) == "¶7"
    assert cited_label([replace(PAGED, number=1)], 1) == "p. 23 ¶4 (¶1)"
    assert cited_label([replace(PAGED, number=1)], 1, running=False) == "p. 23 ¶4"
    assert cited_label([replace(PAGED, number=1)], 5) == "¶5"  # an older reading's number


def test_a_page_hint_fits_the_page_a_paragraph_starts_or_ends_on() -> None:
    assert page_fits(PAGED, "23")
    assert page_fits(PAGED, " 23 ")
    assert not page_fits(PAGED, "24")
    assert page_fits(ACROSS, "24")
    assert page_fits(ROMAN, "XII")
    assert not page_fits(PLAIN, "12")


def test_a_page_is_ruled_above_the_first_paragraph_starting_on_it() -> None:
    assert not new_page(None, PLAIN)
    assert new_page(None, PAGED)
    assert not new_page(PAGED, replace(PAGED, number=58, page_paragraph=5))
    assert new_page(PAGED, replace(PAGED, page="24", line=26))
    assert new_page(PAGED, replace(PAGED, line=99))  # a label the file repeats
    after = replace(PAGED, number=59, page="24", line=26, page_paragraph=1)
    assert new_page(ACROSS, after)
    assert begun_above(ACROSS, after)
    assert not begun_above(PAGED, replace(after, number=58))
    assert not begun_above(ACROSS, replace(after, page="25", line=27))


def test_the_copied_citation_names_the_page_and_never_the_running_number() -> None:
    source = Source("r", "r.pdf", "Interim report", Location(Path("c.yaml")), outlet="JIT")
    assert citation(source, "r", PAGED) == "Interim report, JIT, p. 23 ¶4"
    assert citation(source, "r", PLAIN) == "Interim report, JIT, ¶12"
    assert citation(source, "r", 12) == "Interim report, JIT, ¶12"
    assert quoted("On  a\npage.", source, "r", ACROSS) == (
        "“On a page.” — Interim report, JIT, pp. 23–24 ¶5"
    )


# -- the `page:` key ------------------------------------------------------------------------


def _evidence_page(tmp_path: Path, value: str) -> tuple[Any, list[str]]:
    root = make_casebook(
        tmp_path,
        "title: t\nsides: {a: {label: A}}\nsources: {s: {file: s.txt}}\n"
        "disputes:\n  - id: d\n    question: q\n    positions:\n"
        "      - {side: a, holder: h, claim: c, evidence: [{source: s, quote: x, page: "
        + value
        + "}]}\n",
        {"s.txt": "x\n"},
    )
    loaded = load(root / "casebook.yaml")
    evidence = loaded.casebook.disputes[0].positions[0].evidence[0]
    return evidence, [p.message for p in loaded.problems]


@pytest.mark.parametrize(
    ("written", "read"), [("23", "23"), ("xii", "xii"), ('"A-3"', "A-3"), ("' 7 '", "7")]
)
def test_page_is_read_as_text_whatever_yaml_makes_of_it(
    tmp_path: Path, written: str, read: str
) -> None:
    evidence, problems = _evidence_page(tmp_path, written)
    assert evidence.page == read
    assert problems == []


def test_an_empty_page_is_a_syntax_problem(tmp_path: Path) -> None:
    evidence, problems = _evidence_page(tmp_path, '""')
    assert evidence.page is None
    assert problems == ["'page' in evidence should be a printed page label, not empty"]


def test_the_json_schema_documents_page_as_text_or_a_number() -> None:
    schema = json_schema("casebook")
    evidence = schema["properties"]["disputes"]["items"]["properties"]["positions"]["items"]
    page = evidence["properties"]["evidence"]["items"]["properties"]["page"]
    assert page["type"] == ["string", "integer"]
    assert "printed page" in page["description"]


# -- check ----------------------------------------------------------------------------------


def _check_json(run_cli: RunCli, root: Path) -> tuple[int, dict[str, Any]]:
    code, out, _err = run_cli("check", "-C", str(root), "--format", "json")
    return code, json.loads(out)


def test_the_pdf_casebook_checks_clean_and_its_anchors_carry_pages(
    tmp_path: Path, run_cli: RunCli
) -> None:
    book = pdf_casebook(tmp_path)
    code, data = _check_json(run_cli, book.root)
    assert code == 0
    assert data["problems"] == []
    first, second = data["anchors"]
    assert (first["paragraph"], first["page"], first["page_paragraph"]) == (book.running, "2", 3)
    assert "page_end" not in first
    assert first["text"] == book.page_quote
    # the quote across the page break: found in the joined paragraph, which starts on p. 1
    assert second["text"] == book.break_quote
    assert (second["paragraph"], second["method"]) == (book.across_running, "exact")
    assert (second["page"], second["page_paragraph"], second["page_end"]) == ("1", 11, "2")


def test_anchors_of_other_sources_keep_their_json_shape(tmp_path: Path, run_cli: RunCli) -> None:
    root = make_casebook(tmp_path, _TWO_SOURCES, {"sources/report.txt": "One.\n\nTwo words.\n"})
    code, data = _check_json(run_cli, root)
    assert code == 0, data["problems"]
    assert set(data["anchors"][0]) == {
        "dispute", "position", "evidence", "source", "paragraph", "start", "end", "method",
        "score", "quote", "text",
    }  # fmt: skip


_TWO_SOURCES = """\
title: t
sides: {a: {label: A}, b: {label: B}}
sources: {report: {file: sources/report.txt}}
disputes:
  - id: d
    question: q
    positions:
      - {side: a, holder: h, claim: c, evidence: [{source: report, quote: One.}]}
      - {side: b, holder: i, claim: c, evidence: [{source: report, quote: Two words.}]}
"""


def test_a_wrong_page_hint_is_reported_at_its_line_like_a_wrong_paragraph(
    tmp_path: Path, run_cli: RunCli
) -> None:
    book = pdf_casebook(tmp_path, evidence_extra="page: 7")
    code, data = _check_json(run_cli, book.root)
    assert code == 0  # a warning
    (problem,) = data["problems"]
    assert problem["code"] == "quote-drifted"
    assert problem["message"] == (
        f"quote is in p. 2 ¶3 (¶{book.running}) of 'report', not on p. 7 as `page:` says"
    )
    assert problem["hint"] == "set `page: 2`"
    lines = (book.root / "casebook.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem["line"] - 1].strip() == "page: 7"
    assert data["anchors"][0]["page"] == "2"  # still anchored where it is


def test_a_right_page_hint_is_quiet(tmp_path: Path, run_cli: RunCli) -> None:
    book = pdf_casebook(tmp_path, evidence_extra="page: 2")
    code, data = _check_json(run_cli, book.root)
    assert (code, data["problems"]) == (0, [])


def test_a_page_hint_on_a_source_without_pages_says_to_remove_it(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = make_casebook(
        tmp_path,
        _TWO_SOURCES.replace("quote: One.}", "quote: One., page: 3}"),
        {"sources/report.txt": "One.\n\nTwo words.\n"},
    )
    _code, data = _check_json(run_cli, root)
    (problem,) = data["problems"]
    assert problem["code"] == "quote-drifted"
    assert "has none (only PDF sources have pages)" in problem["message"]
    assert problem["hint"] == "remove `page:`"


def test_a_page_hint_chooses_among_equal_places_and_says_when_it_cannot(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """Four words either side of the break stand twice in the report: in the paragraph
    over the break (pp. 1–2) and in one on p. 2. `page: 1` chooses the first; `page: 2`
    fits both, and the ambiguity says so."""
    book = pdf_casebook(tmp_path)
    short = break_words(book.report, book.across, 4)
    assert "\n".join(p.text for p in book.report.paragraphs).count(short) == 2
    path = book.root / "casebook.yaml"
    text = path.read_text(encoding="utf-8").replace(json.dumps(book.break_quote), json.dumps(short))
    path.write_text(text, encoding="utf-8")
    _code, data = _check_json(run_cli, book.root)
    (problem,) = data["problems"]
    assert problem["code"] == "ambiguous-quote"
    assert f"pp. 1–2 ¶11 (¶{book.across_running})" in problem["message"]
    first, second = data["anchors"][1]["places"]
    assert (first["page"], first["page_paragraph"], first["page_end"]) == ("1", 11, "2")
    assert (second["page"], second["page_paragraph"], "page_end" in second) == ("2", 6, False)

    path.write_text(text.replace(json.dumps(short), json.dumps(short) + "\n            page: 1"))
    code, data = _check_json(run_cli, book.root)
    assert (code, data["problems"]) == (0, [])
    assert data["anchors"][1]["paragraph"] == book.across_running

    path.write_text(text.replace(json.dumps(short), json.dumps(short) + "\n            page: 2"))
    _code, data = _check_json(run_cli, book.root)
    (problem,) = data["problems"]
    assert problem["hint"].startswith("`page: 2` holds more than one of them; ")


# -- show -----------------------------------------------------------------------------------


def test_show_cites_the_page_and_the_running_number(tmp_path: Path, run_cli: RunCli) -> None:
    book = pdf_casebook(tmp_path)
    code, out, _err = run_cli("show", "-C", str(book.root), columns=160)
    assert code == 0
    flat = " ".join(out.split())
    assert f"— Interim report, p. 2 ¶3 (¶{book.running})" in flat
    assert f"— Interim report, pp. 1–2 ¶11 (¶{book.across_running})" in flat
