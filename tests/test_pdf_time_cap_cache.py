"""A PDF reading cut short by a time limit is not cached: the limit depends on how busy the
machine was, and the next `check` must get the chance to read the whole report. A reading
cut by a bound of the file itself (pages, sizes) is cached like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_support import make_report

from claims.model import Paragraph
from claims.sources import document
from claims.sources.document import Document, Dropped

STOPPED = Dropped("reading stopped after 180 s: page 3 and the pages after it", "capped", "time")
SLOW_PAGE = Dropped("page 2 left out: it took more than 10 s", "capped", "page 2")
TOO_MANY = Dropped("only the first 2,000 pages were read; the file has more", "capped", "pages")


@pytest.mark.parametrize(
    ("dropped", "cached"), [(STOPPED, False), (SLOW_PAGE, False), (TOO_MANY, True)]
)
def test_only_a_reading_cut_by_time_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dropped: Dropped, cached: bool
) -> None:
    seed = 1000 + [STOPPED, SLOW_PAGE, TOO_MANY].index(dropped)  # bytes no other test reads
    report = make_report(tmp_path / "report.pdf", pages=2, seed=seed)
    document._CACHE.clear()
    reads: list[int] = []

    def cut_short(raw: bytes, name: str | None, extract: str) -> Document:
        reads.append(1)
        return Document([Paragraph(1, "The first page only.", 1, "1", 1)], [dropped])

    monkeypatch.setattr(document, "_read", cut_short)
    document.read_document(report.path)
    document._CACHE.clear()
    document.read_document(report.path)
    assert len(reads) == (1 if cached else 2)
