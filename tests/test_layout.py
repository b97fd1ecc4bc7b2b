"""Layout at the sizes people use (80×24, 160×48) and in either theme (issue 10, item 8).

Each test asserts what a user sees: where the cards of a dispute's positions are drawn,
how much of each question the list shows, how many rows the status line takes, what the
help modal covers, which colours the list is drawn in, and what the source view explains.
"""

from __future__ import annotations

import colorsys
from pathlib import Path

from textual.widgets import Static
from tui_support import copy_bundled, settled

from claims.bundled import bundled_casebook
from claims.loader import load
from tui.app import create_app
from tui.screens.source import SourceScreen
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView
from tui.widgets.document_view import BAR, DocumentView
from tui.widgets.key_bar import KeyBar

NO_KEYMAP = Path("/nonexistent")


def first_cards(view: DisputeView) -> dict[int, tuple[int, int, int]]:
    """Each position's first card: (x, top, bottom) of its region in the view."""
    boxes: dict[int, tuple[int, int, int]] = {}
    for index, cited in enumerate(view.cards):
        region = view.card_region(index)
        boxes.setdefault(cited.position, (region.x, region.y, region.bottom))
    return boxes


async def test_four_positions_at_160_columns_make_a_two_by_two_grid() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("down")  # who-killed-them: four positions
        await settled(pilot)
        view = app.screen.query_one(DisputeView)
        assert view.dispute is not None
        assert len(view.dispute.positions) == 4
        cards = first_cards(view)
        assert len(cards) == 4
        (x0, _, _), (x1, _, _), (x2, y2, _), (x3, y3, _) = (cards[i] for i in range(4))
        assert x0 < x1, "two positions side by side in the first row"
        assert x2 < x3, "and in the second"
        assert (x0, x1) == (x2, x3), "the rows' columns line up"
        bottom = max(r.bottom for i, c in enumerate(view.cards) for r in [view.card_region(i)]
                     if c.position in (0, 1))  # fmt: skip
        assert min(y2, y3) >= bottom, "the second row starts under the first"
        assert view.region.width // 2 >= 30  # each column at least MIN_COLUMN wide


async def test_three_positions_at_160_columns_stay_side_by_side() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)  # cause-of-death: three positions
        view = app.screen.query_one(DisputeView)
        cards = first_cards(view)
        assert len(cards) == 3
        assert cards[0][0] < cards[1][0] < cards[2][0]


def shown_questions(listing: DisputeList) -> list[list[str]]:
    """The question lines of each row of the list, as drawn (meta line left out)."""
    width = listing.scrollable_content_region.width
    return [
        [strip.text for strip in listing._row(row, width)[:-1]] for row in range(len(listing.rows))
    ]


async def test_questions_at_80x24_show_enough_to_tell_disputes_apart() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one(DisputeList)
        rows = shown_questions(listing)
        texts = [" ".join(" ".join(lines).split()).rstrip("…") for lines in rows]
        assert len(set(texts)) == len(texts)
        for dispute, text in zip(listing.rows, texts, strict=True):
            question = " ".join(dispute.question.split())
            assert len(text) >= min(len(question), 60), (dispute.id, text)
        assert not listing.show_horizontal_scrollbar  # no bar eating a row under the list


async def test_wrapped_questions_hang_under_their_text_not_their_mark() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one(DisputeList)
        wrapped = 0
        for lines in shown_questions(listing):
            first = lines[0]
            text_at = len(first) - len(first[2:].lstrip()) if first[:2].strip() == "" else 2
            for line in lines[1:]:
                if line.strip():
                    wrapped += 1
                    assert len(line) - len(line.lstrip()) == text_at, lines
        assert wrapped > 10


async def test_status_line_keeps_to_one_row_with_the_errors_in_sight() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        status = app.screen.query_one("#status", Static)
        assert status.region.height == 1
        drawn = app.screen.get_widget_at(status.region.x + 1, status.region.y)[0]
        assert drawn is status
        assert "error" in status.render_line(0).text


async def test_help_covers_only_its_box() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        box, text = app.screen.query_one("#help"), app.screen.query_one("#help-text")
        # No blank band under the text: the box (its border around the text) ends where
        # the text does (with more keys than fit, the text scrolls inside the box).
        assert box.region.bottom - 1 <= text.region.bottom
        assert box.region.y + 1 == text.region.y


def backgrounds(widget, rows: range) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        segment.style.bgcolor.get_truecolor().hex
        for y in rows
        for segment in widget.render_line(y)
        if segment.style is not None and segment.style.bgcolor is not None
    }


async def test_list_and_key_bar_follow_a_change_to_the_light_theme() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one(DisputeList)
        bar = app.screen.query_one(KeyBar)
        rows = range(listing.row_height, 3 * listing.row_height)  # not the cursor's row
        dark_list, dark_bar = backgrounds(listing, rows), backgrounds(bar, range(1))
        app.theme = "textual-light"
        await pilot.pause(0.2)
        light_list, light_bar = backgrounds(listing, rows), backgrounds(bar, range(1))
        assert light_list == {listing.visual_style.background.hex.lower()}  # type: ignore[union-attr]
        assert not light_list & dark_list
        assert light_bar != dark_bar


def near(one: str, other: str) -> bool:
    """Same hue family: both greys, or hues under 30° apart."""

    def hsv(colour: str) -> tuple[float, float, float]:
        return colorsys.rgb_to_hsv(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))

    (h1, s1, v1), (h2, s2, v2) = hsv(one), hsv(other)
    if min(s1, v1) < 0.2 or min(s2, v2) < 0.2:
        return min(s1, v1) < 0.2 and min(s2, v2) < 0.2
    apart = abs(h1 - h2) * 360
    return min(apart, 360 - apart) < 30


def test_default_side_colours_keep_clear_of_the_casebooks_own() -> None:
    sides = list(load(bundled_casebook()).casebook.sides.values())
    clashes = [
        (a.id, a.colour, b.id, b.colour)
        for i, a in enumerate(sides)
        for b in sides[i + 1 :]
        if near(a.colour, b.colour)
    ]
    assert clashes == []  # HEAD: two reds, two blues (and an orange beside the yellow)


def test_side_colours_skip_defaults_near_a_given_colour() -> None:
    from claims.colours import PALETTE, side_colours
    from claims.colours import near as near_colour

    given = ["#ff0000", None, "#0000ff", None, None]
    picked = side_colours(given)
    assert picked[0] == "#ff0000"  # the casebook's kept
    assert picked[2] == "#0000ff"
    assert not any(near_colour(a, b) for i, a in enumerate(picked) for b in picked[i + 1 :])
    assert side_colours([None] * 3) == list(PALETTE[:3])  # none given: the palette in order
    many = side_colours([None] * (len(PALETTE) + 2))
    assert len(set(many)) == len(PALETTE)  # more sides than colours: repeats, none missing
    assert near_colour("#ff0000", "#ff2a00")
    assert not near_colour("#ff0000", "#00ff00")
    assert near_colour("#808080", "#707070")
    assert not near_colour("#808080", "#ff0000")


async def test_source_view_explains_its_colours_and_gutter_marks() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        legend = app.screen.query_one("#legend", Static)
        assert legend.region.height >= 2  # on screen, its rule and at least a line
        text = " ".join(legend.render_line(y).text for y in range(legend.region.height))
        text = " ".join(text.split())
        for mark in ("▌ cursor", "█ place opened", "¶4 cited", "+2 more quotes"):
            assert mark in text
        casebook = app.screen.session.casebook
        quoted = {
            c.dispute.positions[c.position].side
            for c in app.screen.session.citations(app.screen.source_id)
        }
        for side in quoted:
            assert f"◆ {casebook.sides[side].label}" in text


async def test_the_source_cursor_paragraph_is_readable_in_the_light_theme() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        app.theme = "textual-light"
        await pilot.press("tab", "enter")
        await pilot.pause()
        document = app.screen.query_one(DocumentView)
        top = document.paragraph_top(document.cursor) - document.scroll_offset.y
        text_at, x, plain = len(BAR) + document._gutter, 0, []
        for segment in document.render_line(top):  # the text of the cursor paragraph's line
            style = segment.style
            if x >= text_at and segment.text.strip() and style is not None and not style.bold:
                plain.append(style)  # not a highlighted (bold) quote
            x += segment.cell_length
        assert plain
        for style in plain:
            assert style.color is not None
            r, g, b = style.color.get_truecolor()
            assert r + g + b < 3 * 128, style  # dark text on the light theme's background


# -- keeping the user's place when the screen changes around the list ----------------------


async def test_the_list_keeps_its_row_in_view_when_the_problems_panel_opens(
    tmp_path: Path,
) -> None:
    """A quote of the dispute in view breaks on disk: the panel opens by itself and the
    list gets shorter, but its current row stays on screen."""
    root = copy_bundled(tmp_path)
    app = create_app(root, keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one(DisputeList)
        while listing.highlighted_id != "sputnik-spies":
            await pilot.press("down")
        await pilot.press("enter")  # on its cards
        await settled(pilot)
        casebook = load(root).casebook
        dispute = casebook.dispute("sputnik-spies")
        assert dispute is not None
        evidence = dispute.positions[0].evidence[0]
        source = casebook.sources[evidence.source].path
        assert source is not None
        text = source.read_text(encoding="utf-8")
        words = evidence.quote.split()
        assert " ".join(words[:4]) in " ".join(text.split())
        source.write_text(" ".join(text.split()).replace(" ".join(words[:4]), "nothing"))
        await pilot.press("r")
        await settled(pilot)
        panel = app.screen.query_one("#problems")
        assert panel.display  # opened by itself, the list shorter
        assert listing.highlighted_id == "sputnik-spies"
        top = listing.cursor * listing.row_height - int(listing.scroll_offset.y)
        assert top >= 0
        assert top + listing.row_height <= listing.scrollable_content_region.height


async def test_clearing_a_filter_that_matched_nothing_goes_back_to_the_dispute() -> None:
    app = create_app(keymap_file=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        listing = app.screen.query_one(DisputeList)
        while listing.highlighted_id != "sputnik-spies":
            await pilot.press("down")
        await pilot.press("slash", *"zzzq")
        await pilot.pause()
        assert listing.option_count == 0
        await pilot.press("escape")
        await settled(pilot)
        assert listing.highlighted_id == "sputnik-spies"
        shown = app.screen.query_one(DisputeView).dispute
        assert shown is not None
        assert shown.id == "sputnik-spies"
