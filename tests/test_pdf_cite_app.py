"""The app cites a PDF's quotes by printed page (issue 17): the evidence card, `y`, and the
source view's gutter and page boundaries, on the generated report of
tests/pdf_cite_support.py (pages i, ii, 1, 2; a paragraph running from p. 1 onto p. 2).
"""

from __future__ import annotations

import json
from pathlib import Path

from pdf_cite_support import PdfCasebook, break_words, pdf_casebook
from test_tui import card_text, view
from textual.content import Content
from textual.widgets import Static
from tui_support import settled

from tui.app import create_app
from tui.screens.source import SourceScreen
from tui.widgets.document_view import DocumentView


def _app(book: PdfCasebook):  # type: ignore[no-untyped-def]
    return create_app(book.root / "casebook.yaml", keymap_file=Path("/nonexistent"))


async def test_the_card_cites_page_and_paragraph_within_it(tmp_path: Path) -> None:
    book = pdf_casebook(tmp_path)
    app = _app(book)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        shown = view(app)
        first, second = card_text(shown, 0), card_text(shown, 1)
        assert f"— Interim report, p. 2 ¶3 (¶{book.running})" in first
        assert f"— Interim report, pp. 1–2 ¶11 (¶{book.across_running})" in second
        assert "Finding 32. Witnesses described" in first


async def test_y_copies_the_printed_citation(tmp_path: Path) -> None:
    book = pdf_casebook(tmp_path)
    app = _app(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "y")
        assert app.clipboard == (
            f"“{book.page_quote}” — Interim report, Joint investigation team, p. 2 ¶3"
        )


def _lines(document: DocumentView) -> list[str]:
    """Every line of the laid-out document: a column for the bar, the gutter, the text."""
    assert document._layout is not None
    document._layout.finish()
    return [f" {gutter.plain}{text.plain}" for _n, gutter, text in document._layout.lines]


async def test_the_source_view_rules_each_page_and_gives_each_paragraph_its_page(
    tmp_path: Path,
) -> None:
    book = pdf_casebook(tmp_path)
    app = _app(book)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        document = screen.query_one(DocumentView)
        assert document.cursor == book.running
        lines = _lines(document)
        rules = [line.strip() for line in lines if "──" in line]
        assert [r.split(" ")[:3] for r in rules] == [
            ["──", "p.", "i"], ["──", "p.", "ii"], ["──", "p.", "1"], ["──", "p.", "2,"],
        ]  # fmt: skip
        assert rules[3].startswith("── p. 2, begun in the paragraph above ──")
        # the opened paragraph: its running number, then its printed citation, in the gutter
        top = document.paragraph_top(book.running)
        assert lines[top][1:].startswith(f"¶{book.running} ")
        assert lines[top + 1][1:].startswith("p.2 ¶3 ")
        across = document.paragraph_top(book.across_running)
        assert lines[across + 1][1:].startswith("pp.1–2 ¶11")
        # the rule of p. 2 sits right above its first paragraph, after the blank line
        first_on_2 = document.paragraph_top(book.across_running + 1)
        assert "p. 2, begun" in lines[first_on_2 - 1]
        assert not lines[first_on_2 - 2].strip()
        # opened at the quote across the break, the next page's rule is in sight under it
        await pilot.press("escape", "l", "enter")
        await pilot.pause()
        document = app.screen.query_one(DocumentView)
        assert document.cursor == book.across_running
        visible = [document.render_line(y).text for y in range(document.size.height)]
        assert any(line.startswith(("▌pp.1–2 ¶11", "█pp.1–2 ¶11")) for line in visible)
        assert any("── p. 2, begun in the paragraph above" in line for line in visible)


async def test_a_selection_over_a_page_boundary_copies_text_not_the_rule(tmp_path: Path) -> None:
    book = pdf_casebook(tmp_path)
    app = _app(book)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        document = app.screen.query_one(DocumentView)
        assert document._layout is not None
        from textual.geometry import Offset
        from textual.selection import Selection

        first_on_2 = document.paragraph_top(book.across_running + 1)
        start = document.paragraph_top(book.across_running)
        selection = Selection(Offset(0, start), Offset(200, first_on_2))
        copied = document.get_selection(selection)
        assert copied is not None
        text = copied[0]
        assert "──" not in text
        assert "begun in the paragraph above" not in text
        assert "pp.1–2" not in text
        assert "p.2 ¶" not in text
        assert text.startswith(book.across.text[:30])
        assert "\n\n" in text  # the paragraphs stay apart


async def test_an_ambiguous_quote_names_its_places_by_page(tmp_path: Path) -> None:
    """Four words either side of the break stand twice: the card and the source view's
    heading name both places by page (and running number)."""
    book = pdf_casebook(tmp_path)
    path = book.root / "casebook.yaml"
    short = break_words(book.report, book.across, 4)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(json.dumps(book.break_quote), json.dumps(short)), "utf-8")
    app = _app(book)
    places = f"pp. 1–2 ¶11 (¶{book.across_running}), p. 2 ¶6 (¶{book.across_running + 6})"
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        assert f"ambiguous: in {places}" in card_text(view(app), 1)
        await pilot.press("enter", "l", "enter")
        await pilot.pause()
        heading = app.screen.query_one("#source-heading", Static).visual
        assert isinstance(heading, Content)
        assert f"Ambiguous quote: 2 places ({places})" in heading.plain


def test_a_one_line_paragraph_gets_a_row_for_its_page_that_is_never_copied() -> None:
    from claims.model import Paragraph
    from claims.sources import Document
    from tui.pages import page_marks
    from tui.widgets.document_view import Layout, Passage

    document = Document(
        [
            Paragraph(1, "Short.", 1, "vii", 1),
            Paragraph(2, "Also short.", 2, "viii", 1),
        ]
    )
    passages = [
        Passage(p.number, Content(f"¶{p.number}"), Content(p.text), False, None,
                *page_marks(document, p))
        for p in document.paragraphs
    ]  # fmt: skip
    layout = Layout(passages, 60, 10)
    layout.finish()
    rows = [(n, g.plain.rstrip(), t.plain.rstrip()) for n, g, t in layout.lines]
    assert rows[0][2].startswith("── p. vii ───")
    assert rows[1:3] == [(1, "¶1", "Short."), (1, "p.vii ¶1", "")]
    assert rows[3] == (0, "", "")
    assert rows[4][2].startswith("── p. viii ───")
    assert rows[5:] == [(2, "¶2", "Also short."), (2, "p.viii ¶1", "")]
    assert layout.notes == {0, 2, 4, 6}  # the rules and the page rows: shown, not copied
    assert layout.heights == {1: 2, 2: 2}


async def test_who_cites_a_pdf_paragraph_names_it_by_its_page(tmp_path: Path) -> None:
    from tui.screens.citing import CitingScreen

    book = pdf_casebook(tmp_path)
    app = _app(book)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", "enter")  # the source, at the first quote
        await pilot.pause()
        await pilot.press("enter")  # who cites this paragraph
        await pilot.pause()
        assert isinstance(app.screen, CitingScreen)
        title = str(app.screen.query_one("#citing-list").border_title)
        assert title == f"Disputes citing p. 2 ¶3 (¶{book.running}) (enter: go)"
