"""A PDF's reading is kept in the on-disk cache by content hash, pages and all, so a second
`check` does not read the PDF again (issue 17); a cache of the layout before PDFs gains the
column in place."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RunCli, make_casebook
from pdf_support import make_report

from claims.sources import cache, document, pdf, read_document


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONTESTED_CACHE_DIR", str(folder))
    monkeypatch.setattr(document, "_CACHE", type(document._CACHE)())
    monkeypatch.setattr(document, "_CACHE_SIZES", {})
    cache.close()
    yield folder
    cache.close()


def _forget() -> None:
    """As a new process: nothing remembered in memory, the database opened afresh."""
    document._CACHE.clear()
    document._CACHE_SIZES.clear()
    cache.close()


def _reading(doc: document.Document) -> list[tuple[object, ...]]:
    return [
        (p.number, p.text, p.line, p.page, p.page_paragraph, p.page_end) for p in doc.paragraphs
    ] + [(d.text, d.reason, d.where) for d in doc.dropped]


def test_second_reading_comes_from_the_cache_with_its_pages(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report(tmp_path / "report.pdf", 4)
    first = read_document(report.path)
    assert any(p.page_end for p in first.paragraphs)
    _forget()

    def refuse(raw: bytes) -> object:
        raise AssertionError("the PDF was read again")

    monkeypatch.setattr(pdf, "read", refuse)
    hits = cache.stats["hits"]
    second = read_document(report.path)
    assert cache.stats["hits"] == hits + 1
    assert _reading(second) == _reading(first)


def test_a_changed_pdf_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    path = make_report(tmp_path / "report.pdf", 3, seed=1).path
    before = read_document(path)
    _forget()
    make_report(path, 3, seed=2)
    after = read_document(path)
    assert before.paragraphs[0].text != after.paragraphs[0].text


def test_the_same_bytes_named_html_do_not_share_the_pdf_reading(
    tmp_path: Path, cache_dir: Path
) -> None:
    raw = make_report(tmp_path / "report.pdf", 2).path.read_bytes()
    read_document(tmp_path / "report.pdf")
    _forget()
    (tmp_path / "report.html").write_bytes(raw)
    as_html = read_document(tmp_path / "report.html")
    assert all(p.page is None for p in as_html.paragraphs)


def test_a_cache_of_the_layout_before_pdfs_gains_the_column(
    tmp_path: Path, cache_dir: Path
) -> None:
    cache_dir.mkdir()
    with contextlib.closing(sqlite3.connect(cache_dir / cache.FILE)) as db:
        db.executescript(
            "CREATE TABLE readings (key TEXT PRIMARY KEY, used INTEGER NOT NULL, "
            "article BLOB, page BLOB, metadata BLOB);"
            "CREATE TABLE about (name TEXT PRIMARY KEY, value INTEGER);"
            "PRAGMA user_version=2;"
        )
    path = make_report(tmp_path / "report.pdf", 2).path
    first = read_document(path)
    _forget()
    hits = cache.stats["hits"]
    assert _reading(read_document(path)) == _reading(first)
    assert cache.stats["hits"] == hits + 1
    with contextlib.closing(sqlite3.connect(cache_dir / cache.FILE)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == cache.FORMAT


def test_a_second_check_does_not_read_the_pdf(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    """`contested check` twice (as two processes would: nothing kept in memory between):
    the second takes the reading from the cache and never opens the PDF with pdfminer."""
    report = make_report(tmp_path / "report.pdf", 4)
    quote = report.on("2", 3).text.split(". ", 1)[0] + "."  # "Finding N.": one place
    root = make_casebook(
        tmp_path / "book",
        "title: t\nsides:\n  a: {label: A}\n  b: {label: B}\nsources:\n"
        "  r: {file: sources/r.pdf}\ndisputes:\n  - id: d\n    question: q?\n"
        "    positions:\n"
        f"      - {{side: a, holder: H, claim: c, evidence: [{{source: r, quote: '{quote}'}}]}}\n"
        f"      - {{side: b, holder: I, claim: c, evidence: [{{source: r, quote: '{quote}'}}]}}\n",
        sources={"sources/r.pdf": report.path.read_bytes()},
    )
    code, out, err = run_cli("check", "-C", root)
    assert code == 0, out + err
    _forget()

    def refuse(raw: bytes) -> object:
        raise AssertionError("the PDF was read again")

    monkeypatch.setattr(pdf, "read", refuse)
    code, out, err = run_cli("check", "-C", root)
    assert code == 0, out + err
    assert "2/2 quotes anchored" in out
