"""SVG snapshots of a casebook citing a generated multi-page PDF (issue 17's "must show"):
the evidence cards citing "p. 2 ¶3" and "pp. 1–2 ¶11", and the source view opened at the
quote that runs over a page break, its pages ruled and each paragraph's page in the gutter.

The PDF is read by the real reader (claims/sources/pdf.py) from the report that
tests/pdf_support.py draws (deterministic: reportlab's invariant mode, a fixed seed).
Review changed snapshots with `pytest --snapshot-update tests/test_snapshots_pdf.py` and
look at them (rsvg-convert to PNG) before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_cite_support import pdf_casebook
from tui_support import settled

from tui.app import create_app


async def _cards(pilot) -> None:  # type: ignore[no-untyped-def]
    """The dispute view focused on the first card (the quote from p. 2 ¶3)."""
    await settled(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def _source_at_the_break(pilot) -> None:  # type: ignore[no-untyped-def]
    """The source opened from the second card: the quote across the page break."""
    await settled(pilot)
    await pilot.press("enter", "l", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 32), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_pdf_cards(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    book = pdf_casebook(tmp_path)
    app = create_app(book.root / "casebook.yaml", keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=_cards)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_pdf_source_with_page_boundaries(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    book = pdf_casebook(tmp_path)
    app = create_app(book.root / "casebook.yaml", keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=_source_at_the_break)
