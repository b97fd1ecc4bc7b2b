"""Capture, faults a re-test found (issue 15): `escape` clears a mouse drag's selection as
it clears the keys' (a second `escape` goes back), and a selection left on one visit to a
source does not come back on the next one to be copied or added."""

from __future__ import annotations

from pathlib import Path

from capture_support import DEATHS, SENTENCE, add_to, open_source, select_sentence, written
from textual.pilot import Pilot
from textual.widgets import Input, Select
from tui_support import copy_bundled

from tui.app import create_app
from tui.screens.capture_form import PositionForm
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.widgets.document_view import DocumentView


async def drag_three_words(pilot: Pilot[None], screen: SourceScreen) -> None:
    """A mouse drag inside "Azerbaijani specialists found" in ¶6: three words selected."""
    view = screen.query_one(DocumentView)
    layout = view._layout
    assert layout is not None
    top = layout.tops[6]
    words = "Azerbaijani specialists found"
    row = next(y for y in range(top, top + 9) if words in layout.lines[y][2].plain)
    start = 1 + view._gutter + layout.lines[row][2].plain.index(words) + 2
    y = row - view.scroll_offset.y
    await pilot.mouse_down(DocumentView, offset=(start, y))
    await pilot.hover(DocumentView, offset=(start + 24, y))
    await pilot.mouse_up(DocumentView, offset=(start + 24, y))
    await pilot.pause()
    mark = screen.selection_mark()
    assert mark is not None
    assert not isinstance(mark, str)
    assert mark.selected == words


def key_bar_says(screen: SourceScreen, description: str) -> bool:
    """Whether the key bar offers `escape` as `description`."""
    bindings = screen.active_bindings
    return any(
        b.binding.key == "escape" and b.binding.description == description and b.enabled
        for b in bindings.values()
    )


async def test_escape_clears_a_drag_selection_and_a_second_escape_goes_back(
    tmp_path: Path,
) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await drag_three_words(pilot, screen)
        assert key_bar_says(screen, "Clear selection")  # the hint and the key bar agree
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # still reading
        assert screen.query_one(DocumentView).text_selection is None
        assert screen.selection_mark() is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_selection_left_on_one_visit_is_gone_on_the_next(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await drag_three_words(pilot, screen)
        app.pop_screen()  # left some other way than escape (the selection still drawn)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        app.copy_to_clipboard("")
        await pilot.press("enter")  # the same card's source again
        await pilot.pause()
        assert app.screen is screen
        assert screen.selection_mark() is None
        assert screen.query_one(DocumentView).text_selection is None
        await pilot.press("y")  # nothing to copy: the old words are not copied
        assert "Azerbaijani" not in app.clipboard


async def test_a_new_position_for_a_holder_already_there_is_refused(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_bytes()
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await add_to(pilot, "cause-of-death", "end", "enter")  # "New position…"
        form = app.screen
        assert isinstance(form, PositionForm)
        form.query_one("#capture-side", Select).value = "ru-official"
        form.query_one("#capture-holder", Input).value = "russian forensic experts"
        form.query_one("#capture-claim", Input).value = "Again."
        await pilot.press("enter", "enter")
        await written(pilot)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "held by 'Russian forensic experts' on side 'ru-official' already" in said
        assert "add the evidence to that position instead (heart-failure)" in said
        assert (root / DEATHS).read_bytes() == before


async def test_a_position_sharing_its_holder_is_added_to_from_the_app(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    deaths = root / DEATHS
    text = deaths.read_text(encoding="utf-8")
    for old in ("        id: heart-failure\n", "        id: traumatic-shock\n"):
        text = text.replace(old, "", 1)
    text = text.replace("holder: Azerbaijani forensic specialists", "holder: Experts", 1)
    text = text.replace("holder: Russian forensic experts", "holder: Experts", 1)
    deaths.write_text(text, encoding="utf-8")
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await add_to(pilot, "cause-of-death", "home", "down", "enter")  # the second position
        await written(pilot)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "held by" not in said, said
        dispute = app.main_screen.session.casebook.dispute("cause-of-death")  # type: ignore[union-attr]
        assert dispute is not None
        assert dispute.positions[1].evidence[-1].quote == SENTENCE
        assert all(e.quote != SENTENCE for e in dispute.positions[0].evidence)
