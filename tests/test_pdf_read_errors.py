"""PDFs that cannot be read say why and what to do (issue 17): a scan, an encrypted file, a
damaged or cut-short one, a text file named .pdf; a hostile one is bounded (pages, time,
unpacked bytes, nested saves) and says what was capped, never hangs."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import RunContested, make_casebook
from pdf_support import body, draw, make_report, make_scan, one_page

from claims.sources import pdf, read_document
from claims.sources.document import SourceUnreadable

TEXT = b"BT /F1 12 Tf 72 700 Td (A line of text that a reader sees.) Tj ET\n"


def _refused(path: Path) -> SourceUnreadable:
    with pytest.raises(SourceUnreadable) as caught:
        read_document(path)
    return caught.value


def test_scan_says_run_ocr(tmp_path: Path) -> None:
    why = _refused(make_scan(tmp_path / "scan.pdf"))
    assert why.reason == "no text in this PDF: it is probably a scan"
    assert "ocrmypdf" in why.hint


def test_encrypted_with_a_user_password_says_so(tmp_path: Path) -> None:
    path = draw(tmp_path / "locked.pdf", [body(["Secret words."])], encrypt=("user", "owner"))
    why = _refused(path)
    assert "encrypted" in why.reason
    assert "password is needed" in why.reason
    assert "qpdf --decrypt" in why.hint


def test_owner_password_only_is_read(tmp_path: Path) -> None:
    path = draw(tmp_path / "owner.pdf", [body(["Words anyone may read."])], encrypt=("", "o"))
    assert [p.text for p in read_document(path).paragraphs] == ["Words anyone may read."]


def test_truncated_and_damaged(tmp_path: Path) -> None:
    raw = make_report(tmp_path / "whole.pdf", 3).path.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(raw[: len(raw) // 2])
    assert "cut short" in _refused(cut).reason
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(raw[:200] + b"\x00" * 3800 + raw[4000:])
    assert _refused(damaged).reason.startswith("it is a damaged PDF")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\nnot a document at all\n%%EOF\n")
    assert _refused(junk).reason.startswith("it is a damaged PDF")


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(b"<html><body><p>A web page saved under the wrong name.</p></body></html>")
    why = _refused(path)
    assert why.reason == "it is not a PDF (no %PDF header; it looks like text)"


HOSTILE = {
    "bomb": (lambda: TEXT + b" " * (40 * 1024 * 1024), "MB once unpacked"),
    "saves": (lambda: b"q " * 1_000_000 + TEXT, "nested graphics-state saves"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_page_is_left_out_quickly(tmp_path: Path, name: str) -> None:
    """A page whose stream unpacks past the bound (a small file may unpack to gigabytes)
    or nests saves a million deep is left out and said so, in seconds."""
    content, capped = HOSTILE[name][0](), HOSTILE[name][1]
    hostile = one_page(tmp_path / f"{name}.pdf", content, flate=True)
    start = time.monotonic()
    why = _refused(hostile)
    assert time.monotonic() - start < 10
    assert "no text could be read" in why.reason
    assert capped in why.reason


def test_hostile_file_does_not_hang_check(tmp_path: Path, run_contested: RunContested) -> None:
    """`contested check` on a casebook citing a hostile PDF ends (timeout: 60 s) with the
    usual problem naming the file, no traceback."""
    raw = one_page(tmp_path / "x.pdf", TEXT + b" " * (40 * 1024 * 1024), flate=True)
    root = make_casebook(
        tmp_path / "book",
        "title: t\nsides:\n  a: {label: A}\nsources:\n  r: {file: sources/r.pdf}\n"
        "disputes:\n  - id: d\n    question: q?\n    positions:\n      - side: a\n"
        "        holder: H\n        claim: c\n        evidence:\n"
        "          - {source: r, quote: a line of text}\n",
        sources={"sources/r.pdf": raw.read_bytes()},
    )
    result = run_contested("check", "--format", "json", cwd=root, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "r.pdf" in result.stdout + result.stderr


def test_page_cap_and_time_budget_are_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = make_report(tmp_path / "report.pdf", 5)
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    paragraphs, dropped = pdf.read(report.path.read_bytes())
    assert {p.line for p in paragraphs} == {1, 2}
    assert any(d.reason == "capped" and "first 2 pages" in d.text for d in dropped)
    monkeypatch.setattr(pdf, "MAX_PAGES", 2000)
    monkeypatch.setattr(pdf, "TIME_BUDGET", -1.0)
    with pytest.raises(SourceUnreadable, match="reading stopped"):
        pdf.read(report.path.read_bytes())


def test_read_command_errors_name_the_file(tmp_path: Path, run_contested: RunContested) -> None:
    make_scan(tmp_path / "scan.pdf")
    result = run_contested("read", "scan.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "scan.pdf" in result.stderr
    assert "ocrmypdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_read_command_shows_pages(tmp_path: Path, run_contested: RunContested) -> None:
    report = make_report(tmp_path / "report.pdf", 4)
    result = run_contested("read", "report.pdf", "--dropped", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "── p. i" in result.stdout
    assert "── p. 2" in result.stdout
    assert "p. 2 ¶3 (¶" in result.stdout
    assert "running header" in result.stdout
    across = report.across()
    label = f"pp. {across.page}–{across.page_end} ¶{across.page_paragraph}"
    assert label in result.stdout
    data = json.loads(run_contested("read", "report.pdf", "--format", "json", cwd=tmp_path).stdout)
    first = data["paragraphs"][0]
    assert (first["page"], first["page_paragraph"], first["start_line"]) == ("i", 1, 1)
    ends = [p for p in data["paragraphs"] if "page_end" in p]
    assert ends
    assert ends[0]["page_end"] == across.page_end
