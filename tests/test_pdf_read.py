"""PDF sources read as a reader sees them (issue 17): paragraphs with printed page labels,
running headers and footers left out, columns in turn, paragraphs joined over page breaks,
line-end hyphens undone only inside words, ligatures kept but matched. PDFs are built by
the tests (tests/pdf_support.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import RunContested, make_casebook
from pdf_support import DEJAVU, Text, body, draw, make_report

from claims.anchoring.normalize import normalize_plain
from claims.sources import read_document
from claims.sources.document import SourceUnreadable


def _found(path: Path) -> list[tuple[str, str | None, int | None, str | None, int]]:
    doc = read_document(path)
    return [(p.text, p.page, p.page_paragraph, p.page_end, p.line) for p in doc.paragraphs]


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_report_reads_as_written(tmp_path: Path, columns: int) -> None:
    """Every paragraph, in order, whole, on its printed page, numbered within the page;
    the header and the page numbers in no paragraph; columns read one after the other."""
    report = make_report(tmp_path / "report.pdf", 6, columns=columns, seed=columns)
    want = [(p.text, p.page, p.page_paragraph, p.page_end, p.physical) for p in report.paragraphs]
    assert _found(report.path) == want
    assert any(p.page_end for p in report.paragraphs)
    numbers = [p.number for p in read_document(report.path).paragraphs]
    assert numbers == list(range(1, len(want) + 1))


def test_roman_then_arabic_labels_and_furniture_dropped(tmp_path: Path) -> None:
    report = make_report(tmp_path / "report.pdf", 5, roman_pages=2)
    doc = read_document(report.path)
    assert report.labels == ["i", "ii", "1", "2", "3"]
    assert [p.page for p in doc.paragraphs][:1] == ["i"]
    assert {p.page for p in doc.paragraphs} == set(report.labels)
    assert all(report.header not in p.text for p in doc.paragraphs)
    assert not any(p.text.strip() in report.labels for p in doc.paragraphs)
    kinds = {(d.reason, d.where) for d in doc.dropped}
    assert ("furniture", "running header") in kinds
    assert ("furniture", "page number") in kinds
    header = next(d for d in doc.dropped if d.where == "running header")
    assert header.text.startswith(report.header)


def test_paragraph_across_a_page_break_belongs_where_it_starts(tmp_path: Path) -> None:
    report = make_report(tmp_path / "report.pdf", 4)
    across = report.across()
    doc = read_document(report.path)
    found = next(p for p in doc.paragraphs if p.text == across.text)
    assert (found.page, found.page_paragraph, found.page_end) == (
        across.page,
        across.page_paragraph,
        across.page_end,
    )
    assert found.page_end != found.page


def test_quote_across_a_page_break_checks_clean(
    tmp_path: Path, run_contested: RunContested
) -> None:
    """A quote whose words run from one page onto the next anchors exactly, cited on the
    page where its paragraph starts."""
    report = make_report(tmp_path / "report.pdf", 4)
    across = report.across()
    words = across.text.split()
    quote = " ".join(words[len(words) // 3 : -3])
    root = make_casebook(
        tmp_path / "book",
        _casebook(quote),
        sources={"sources/report.pdf": report.path.read_bytes()},
    )
    result = run_contested("check", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)


def _casebook(*quotes: str) -> str:
    evidence = "\n".join(f"          - {{source: report, quote: {json.dumps(q)}}}" for q in quotes)
    return f"""\
title: PDF casebook
sides:
  a: {{label: A}}
  b: {{label: B}}
sources:
  report: {{file: sources/report.pdf}}
disputes:
  - id: one
    question: What does the report say?
    positions:
      - side: a
        holder: Team
        claim: It says so.
        evidence:
{evidence}
"""


def test_line_end_hyphens(tmp_path: Path) -> None:
    """`con-`/`tinued` joins into a word; a compound's own hyphen stays (capital after it,
    a digit after it, a prefix taking one, a compound the text writes whole elsewhere)."""
    lines = [
        "The investigators con-",
        "tinued their work near the Russian-",
        "Azerbaijani border, where the COVID-",
        "19 rules and a self-",
        "evident state-owned factory stood; the state-",
        "owned plant was also visited.",
    ]
    path = draw(tmp_path / "hyphens.pdf", [body(lines)])
    (text, *_), *rest = _found(path)
    assert not rest
    assert text == (
        "The investigators continued their work near the Russian-Azerbaijani border, where "
        "the COVID-19 rules and a self-evident state-owned factory stood; the state-owned "
        "plant was also visited."
    )


def test_hyphen_across_a_page_break(tmp_path: Path) -> None:
    first = body(["Finding 1. The paragraph runs to the foot of the page and is con-"])
    first[0] = Text(first[0].x, 90.0, first[0].text)
    second = body(["tinued on the next page, where it ends."])
    path = draw(tmp_path / "across.pdf", [first, second])
    assert _found(path) == [
        (
            "Finding 1. The paragraph runs to the foot of the page and is continued on the "
            "next page, where it ends.",
            "1",
            1,
            "2",
            1,
        )
    ]


def test_ligatures_kept_for_display_and_matched(tmp_path: Path) -> None:
    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans (a font with ligature glyphs) is not installed")
    line = "The \ufb01nal \ufb01ndings were \ufb02awed, the o\ufb03cials said."
    page = [Text(72.0, 700.0, line, font="DejaVu")]
    path = draw(tmp_path / "ligatures.pdf", [page], fonts={"DejaVu": DEJAVU})
    (text, *_), *_ = _found(path)
    assert text == line
    assert "final findings were flawed, the officials" in normalize_plain(text)


def test_ligature_quote_checks_clean(tmp_path: Path, run_contested: RunContested) -> None:
    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans (a font with ligature glyphs) is not installed")
    line = "The \ufb01nal \ufb01ndings were \ufb02awed, the o\ufb03cials said."
    path = draw(
        tmp_path / "ligatures.pdf",
        [[Text(72.0, 700.0, line, font="DejaVu")]],
        fonts={"DejaVu": DEJAVU},
    )
    root = make_casebook(
        tmp_path / "book",
        _casebook("final findings were flawed"),
        sources={"sources/report.pdf": path.read_bytes()},
    )
    result = run_contested("check", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_labels_with_prefix_and_none(tmp_path: Path) -> None:
    words = ["Alpha leads.", "Bravo follows.", "Charlie waits.", "Delta ends."]
    pages = [body([f"Finding {n}. {words[n - 1]}"]) for n in range(1, 5)]
    labelled = draw(
        tmp_path / "labels.pdf", pages, [(0, "R", 1, ""), (2, "D", 1, "A-"), (3, "D", 7, "")]
    )
    assert [p[1] for p in _found(labelled)] == ["I", "II", "A-1", "7"]
    plain = draw(tmp_path / "plain.pdf", pages)
    assert [(p[1], p[4]) for p in _found(plain)] == [("1", 1), ("2", 2), ("3", 3), ("4", 4)]


def test_a_pdf_is_never_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("Plain ASCII words in a file named .pdf\n", encoding="ascii")
    with pytest.raises(SourceUnreadable, match="not a PDF"):
        read_document(path)
