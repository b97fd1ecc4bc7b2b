"""The app, driven with Textual's Pilot: every flow a user relies on."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from textual.content import Content
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Header, Input, OptionList, Static
from tui_support import copy_bundled, hostile_casebook, settled

from tui.app import create_app
from tui.render import side_colour
from tui.screens.citing import CitingScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView
from tui.widgets.document_view import MARK, DocumentView
from tui.widgets.key_bar import KeyBar
from tui.widgets.problems_panel import ProblemsPanel


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """All text the current screen's Static widgets and dispute view show, as plain text
    (the dispute view whole, as if scrolled through)."""
    parts = []
    for shown in app.screen.query(DisputeView):
        rows = [shown.render_line(y).text for y in range(shown.virtual_size.height)]
        parts += [*rows, " ".join(" ".join(rows).split())]  # as drawn, and unwrapped
        parts += [card_text(shown, index) for index in range(len(shown.cards))]
    for widget in app.screen.query(Static):
        visual = widget.visual
        parts.append(visual.plain if isinstance(visual, Content) else str(visual))
    return "\n".join(parts)


def view(app) -> DisputeView:  # type: ignore[no-untyped-def]
    return app.screen.query_one(DisputeView)


def card_text(shown: DisputeView, index: int) -> str:
    """The text inside card `index` as drawn (no edges), its lines joined by spaces."""
    region = shown.card_region(index)
    top = region.y - shown.scroll_offset.y
    rows = [shown.render_line(y).text for y in range(top, top + region.height)]
    return " ".join(" ".join(row[region.x + 2 : region.right - 2] for row in rows).split())


async def test_opens_on_first_dispute_with_list_focused() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, DisputeList)
        assert view(app).dispute.id == "cause-of-death"
        text = screen_text(app)
        assert "heart failure" in text
        assert "traumatic shock caused by multiple injuries" in text
        assert {c.position for c in view(app).cards} >= {0, 1}


async def test_moving_the_selection_shows_that_dispute_at_once() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        disputes = app.screen.session.casebook.disputes
        await pilot.press("down")
        assert view(app).dispute.id == disputes[1].id
        await pilot.press("j", "j")
        assert view(app).dispute.id == disputes[3].id
        await pilot.press("k")
        assert view(app).dispute.id == disputes[2].id
        assert disputes[2].question in screen_text(app)


async def test_filter_narrows_the_list_and_enter_goes_to_first_match() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"passports")
        listing = app.screen.query_one(DisputeList)
        assert listing.option_count == 1
        await pilot.press("enter")
        assert isinstance(app.focused, DisputeList)
        assert view(app).dispute.id == "brothers-citizenship"
        # escape in the filter clears it and shows every dispute again
        await pilot.press("slash", "escape")
        assert listing.option_count == len(app.screen.session.casebook.disputes)


async def test_enter_on_evidence_opens_source_at_the_quote_and_escape_returns() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("tab")
        assert app.focused is view(app)
        assert view(app).cursor == 0
        card = view(app).cards[0]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        document = screen.query_one(DocumentView)
        assert app.focused is document
        assert screen.current() == document.cursor == card.anchor.paragraph == 6
        quote = "While Russian experts cited the cause of death as heart failure"
        body = next(p.body for p in document.passages if p.number == 6)
        assert quote in {body.plain[s.start : s.end] for s in body.spans}
        # as drawn: ¶6 is on screen, marked as the cursor, the quote's cells in its side's colour
        casebook = screen.session.casebook
        dispute = casebook.dispute(card.dispute)
        assert dispute is not None
        colour = Color.parse(side_colour(casebook, dispute.positions[card.position].side))
        top = document.paragraph_top(6) - document.scroll_offset.y
        strips = []
        while (strip := document.render_line(top + len(strips))).text.strip():
            strips.append(strip)  # up to the blank line after the paragraph
        assert 0 <= top < top + len(strips) <= document.size.height
        # the cursor's bar beside the paragraph, a mark beside the quote's own lines
        assert all(strip.text[0] in ("▌", MARK) for strip in strips)
        assert strips[0].text[1:].startswith("¶6 ")
        marked = " ".join(strip.text[11:] for strip in strips if strip.text.startswith(MARK))
        assert quote[:20] in marked
        assert not document.render_line(top - 2).text.startswith("▌")
        highlighted = " ".join(
            "".join(s.text for s in strip if s.style and s.style.bgcolor
                    and s.style.bgcolor.triplet == colour.triplet)
            for strip in strips
        )  # fmt: skip
        assert quote in " ".join(highlighted.split())
        # the source's title is this screen's sub-title, not the app's
        source_title = casebook.sources[card.source].title
        assert screen.query_one(Header).screen_sub_title == source_title
        assert app.sub_title == casebook.title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is view(app)
        assert view(app).cards[view(app).cursor] == card
        shown = app.screen.query_one(Header).query_one(Static).visual
        assert isinstance(shown, Content)
        assert casebook.title in shown.plain
        assert source_title not in shown.plain


async def test_n_and_shift_n_move_between_cited_paragraphs() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        document = screen.query_one(DocumentView)
        cited = sorted(screen.by_paragraph)
        start = screen.current()
        assert document.cursor == start
        await pilot.press("n")
        later = next(n for n in cited if n > start)
        assert screen.current() == document.cursor == later
        top = document.paragraph_top(later) - document.scroll_offset.y
        assert 0 <= top < document.size.height  # scrolled into view
        await pilot.press("N")
        assert screen.current() == document.cursor == start


async def test_enter_on_cited_paragraph_lists_disputes_and_goes_there() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.focused, DocumentView)
        assert app.screen.current() == 6
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CitingScreen)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "cause-of-death" in ids
        assert len(ids) >= 2  # ¶6 is cited by more than one dispute
        other = next(i for i in ids if i != "cause-of-death")
        options.highlighted = ids.index(other)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert view(app).dispute.id == other


async def test_palette_finds_a_dispute() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"What brought down the AZAL")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert view(app).dispute.id == "plane-how-downed"


async def test_help_lists_the_real_bindings() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Filter", "main.filter", "Reload", "Quit", "app.help"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_reload_after_a_file_changes_keeps_the_dispute(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("down", "down")
        keep = view(app).dispute.id
        deaths = root / "disputes" / "deaths.yaml"
        text = deaths.read_text(encoding="utf-8")
        deaths.write_text(text.replace("How did the Safarov", "How exactly did the Safarov"))
        app.screen.poll_files()  # what the once-a-second timer does
        await settled(pilot)
        assert view(app).dispute.id == keep
        questions = [d.question for d in app.screen.query_one(DisputeList).rows]
        assert any(q.startswith("How exactly did the Safarov") for q in questions)


async def test_casebook_with_problems_opens_and_panel_jumps_there(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    plane = root / "disputes" / "plane.yaml"
    text = plane.read_text(encoding="utf-8")
    text = text.replace(
        "flying from Baku to Grozny was shot down", "flying from Baku to Grozny was shot dawn"
    )
    text = text.replace("was shot down by a missile in Russian", "was hit by a drone over Chechen")
    plane.write_text(text, encoding="utf-8")
    app = create_app(root)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        panel = app.screen.query_one(ProblemsPanel)
        assert panel.display
        codes = [p.code for p in panel.problems]
        assert codes.count("quote-drifted") == 1
        assert codes.count("quote-not-found") == 1
        panel.focus()
        for index, problem in enumerate(panel.problems):
            panel.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            assert view(app).dispute.id.startswith("plane-")
            shown = view(app)
            assert app.focused is shown
            drawn = card_text(shown, shown.cursor)
            expected = "not anchored" if problem.code == "quote-not-found" else "≈ drifted"
            assert expected in drawn
            panel.focus()


async def test_unreadable_casebook_shows_why_and_recovers(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    good = (root / "casebook.yaml").read_text(encoding="utf-8")
    (root / "casebook.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "cannot be read" in text
        assert "casebook.yaml:2:1" in text or "casebook.yaml:1:" in text
        (root / "casebook.yaml").write_text(good, encoding="utf-8")
        await pilot.press("r")
        await settled(pilot)
        assert view(app).dispute.id == "cause-of-death"


async def test_markup_and_escapes_in_sources_render_literally(tmp_path: Path) -> None:
    app = create_app(hostile_casebook(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]click me[/]" in text
        assert "What did they say [/] [@click=app.quit]?" in text
        assert "\x1b" not in text
        assert "␛[31mred" in app.screen.session.document("doc").text
        region = view(app).card_region(0)  # a click on the card opens the source, nothing else
        await pilot.click(DisputeView, offset=(region.x + 3, region.y + 1))
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        document = app.screen.query_one(DocumentView)
        lines = [document.render_line(y).text for y in range(document.size.height)]
        shown = " ".join(" ".join(lines).split())
        assert "[@click=app.quit]click me[/]" in shown
        assert "[bold red]shouted[/]" in shown
        assert "␛[31mred␛[0m" in shown
        assert "\x1b" not in shown
        assert app.is_running


async def test_keymap_file_remaps_a_binding_by_id(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"main.filter" = "f"\n', encoding="utf-8")
    app = create_app(keymap_file=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("f")
        assert isinstance(app.focused, Input)


async def test_holding_down_moves_through_disputes_without_losing_any(tmp_path: Path) -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        disputes = app.screen.session.casebook.disputes
        for _ in range(12):  # as fast as key repeat: no pause between presses
            await pilot.press("down")
        await settled(pilot)
        assert view(app).dispute.id == disputes[12].id
        assert disputes[12].question in screen_text(app)
        quotes = {c.dispute for c in view(app).cards}
        assert quotes == {disputes[12].id}


async def test_card_cursor_moves_through_quotes_and_positions() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        shown = view(app)
        await pilot.press("enter")  # from the list: the first quote of the first position
        assert app.focused is shown
        assert shown.cursor == 0
        region = shown.card_region(0)
        drawn = shown.render_line(region.y - shown.scroll_offset.y).text
        assert drawn[region.right - 1] == "▐"  # the focused card's edge
        await pilot.press("l")  # the next position's column
        assert shown.cards[shown.cursor].position == 1
        first_of_second = shown.cursor
        await pilot.press("j")  # its next quote
        assert shown.cursor == first_of_second + 1
        assert shown.cards[shown.cursor].position == 1
        await pilot.press("h")  # back to the first position
        assert shown.cards[shown.cursor].position == 0
        await pilot.press("h")  # left of the first position: back to the list
        assert isinstance(app.focused, DisputeList)
        await pilot.press("l", "escape")  # escape too; the card no longer looks focused
        assert isinstance(app.focused, DisputeList)
        drawn = shown.render_line(region.y - shown.scroll_offset.y).text
        assert drawn[region.right - 1] != "▐"


async def test_positions_stack_when_columns_would_be_too_narrow() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        wide = [view(app).card_region(i) for i in range(len(view(app).cards))]
        assert len({r.x for r in wide}) == 3  # three positions, three columns
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        narrow = [view(app).card_region(i) for i in range(len(view(app).cards))]
        assert {r.x for r in narrow} == {0}  # one under the other
        assert narrow == sorted(narrow, key=lambda r: r.y)


async def test_key_bar_follows_focus_and_a_click_presses_the_key() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        bar = app.screen.query_one(KeyBar)
        text = bar.render_line(0).text
        assert "Filter" in text
        assert "palette" in text
        assert "Open source" not in text
        await pilot.press("enter")  # to the evidence: its key joins the bar
        await pilot.pause()
        assert "Open source" in bar.render_line(0).text
        await pilot.press("escape")
        await pilot.pause()
        x = bar.render_line(0).text.index("Filter")
        await pilot.click(KeyBar, offset=(x, 0))
        assert isinstance(app.focused, Input)


async def test_selecting_a_card_copies_its_text_and_nothing_beside_it() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        shown = view(app)
        index = next(i for i, c in enumerate(shown.cards) if c.position == 1)
        region = shown.card_region(index)  # a card of the middle column, many lines tall
        selection = Selection(Offset(region.x, region.y), Offset(region.right, region.bottom - 1))
        text = shown.get_selection(selection)
        assert text is not None
        copied = text[0]
        assert copied == card_text(shown, index)  # the card's text, edges left out
        assert "\n" not in copied  # its wrapped lines come out as one
        assert "▌" not in copied
        first_column = card_text(shown, 0)  # the card beside it, on the same lines
        assert first_column[:30] not in copied
        # and, once the pointer is over it, the selection is drawn and the screen can map
        # the mouse to it
        await pilot.hover(DisputeView)
        app.screen.selections = {shown: selection}
        shown.selection_updated(selection)
        drawn = shown.render_line(region.y + 1 - shown.scroll_offset.y)
        assert any(s.style and s.style.meta.get("offset") for s in drawn)


async def test_selecting_in_the_source_leaves_the_gutter_out() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        document = app.screen.query_one(DocumentView)
        top = document.paragraph_top(6)
        paragraph = app.screen.session.document("tortured-in-baku").paragraph(6).text
        copied = document.get_selection(Selection(Offset(0, top), Offset(500, top + 3)))
        assert copied is not None
        assert "¶6" not in copied[0]
        assert paragraph.startswith(copied[0])  # wrapped lines joined back with spaces
        assert len(copied[0]) > 200


async def test_dragging_the_mouse_over_a_card_selects_its_text() -> None:
    app = create_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        shown = view(app)
        index = next(i for i, c in enumerate(shown.cards) if c.position == 1)
        region = shown.card_region(index)
        left = region.x + 3  # the view's padding, then the card's bar and padding
        await pilot.mouse_down(DisputeView, offset=(left, region.y))
        for down in range(1, 5):
            await pilot.hover(DisputeView, offset=(left + 20, region.y + down))
        await pilot.mouse_up(DisputeView, offset=(left + 20, region.y + 4))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # a drag is not a click: no source opened
        selected = app.screen.get_selected_text()
        assert selected is not None
        assert card_text(shown, index).startswith(selected)
        assert len(selected) > 80
