"""Page citations in the source view (issue 17): what ruling a PDF's pages and giving each
paragraph its printed page in the gutter costs, against the same view without pages.

    python -m benchmarks.pdf_cite [--runs 11]

In-process, no terminal: a 300-page document of 3,000 paragraphs (ten a page, 60-80
words each, every fifth page ending in a paragraph that runs over onto the next; labels i
to x, then 1 to 290) is turned into the source view's passages (`tui.pages.page_marks`:
a rule above each page's first paragraph, a second gutter line) and laid out whole at 100
columns (`tui.widgets.document_view.Layout`). The floor, in the same run: the same
paragraphs with their page fields cleared (what any other source costs). Target: within
1.3× of the floor.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace

from benchmarks.harness import Row, Series

RATIO = 1.3
PAGES, PER_PAGE, WIDTH = 300, 10, 100


def document(paged: bool):  # type: ignore[no-untyped-def]
    """The benchmark's Document (see the module), with page fields or without."""
    from benchmarks.generate import WORDS
    from claims.model import Paragraph
    from claims.sources import Document

    rng = random.Random(17)
    paragraphs = []
    for page in range(PAGES):
        label = _roman(page + 1) if page < 10 else str(page - 9)
        for within in range(PER_PAGE):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 80)))
            runs_over = within == PER_PAGE - 1 and page % 5 == 4 and page + 1 < PAGES
            end = (str(page - 8) if page >= 9 else _roman(page + 2)) if runs_over else None
            number = len(paragraphs) + 1
            paragraph = Paragraph(number, text, page + 1, label, within + 1, end)
            paragraphs.append(paragraph if paged else replace(paragraph, page=None,
                              page_paragraph=None, page_end=None))  # fmt: skip
    return Document(paragraphs)


def _roman(number: int) -> str:
    return ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"][number - 1]


def lay_out(doc) -> int:  # type: ignore[no-untyped-def]
    """Build the passages as the source view does and lay them out whole; the lines."""
    from textual.content import Content

    from tui.pages import page_marks
    from tui.widgets.document_view import GUTTER, Layout, Passage

    passages = [
        Passage(p.number, Content(f"¶{p.number}"), Content(p.text), False, None,
                *page_marks(doc, p))
        for p in doc.paragraphs
    ]  # fmt: skip
    gutters = [g for p in passages for g in (p.gutter, p.gutter_below) if g is not None]
    layout = Layout(passages, WIDTH, max([GUTTER, *(g.cell_length + 1 for g in gutters)]))
    layout.finish()
    return len(layout.lines)


def measure(runs: int) -> tuple[Series, Series]:
    """(with pages, without: the floor), seconds per whole layout."""
    paged, plain = document(True), document(False)
    with_pages, floor = Series(), Series()
    for run in range(runs + 1):
        for doc, series in ((paged, with_pages), (plain, floor)):
            started = time.perf_counter()
            lay_out(doc)
            if run:
                series.times.append(time.perf_counter() - started)
    return with_pages, floor


def rows(runs: int = 11) -> list[Row]:
    from benchmarks.harness import ms
    from benchmarks.report import ratio_row

    with_pages, floor = measure(runs)
    name = (
        f"PDF source view, {PAGES} pages ({PAGES * PER_PAGE:,} paragraphs) ruled by page and "
        "laid out whole (floor: the same without pages)"
    )
    return [ratio_row(name, with_pages, floor, RATIO, ms)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args(argv)
    for row in rows(options.runs):
        print(" | ".join((row.measure, row.value, row.floor, row.ratio, row.target, row.result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
