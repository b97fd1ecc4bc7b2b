"""Faults a fresh tester found in capturing (issue 15), each failing on the code before:

- `o` did nothing: `v o b b` shrank the end instead of moving the start back;
- the first `w` after `v` on a quote cut in mid-word took in only the punctuation after it;
- "The holder is empty." stayed in a form after the holder was typed;
- undo after a new dispute said it took out "the evidence added to" it;
- "New dispute…" was never at hand: now `ctrl+n`, said in the picker's foot line;
- the side dropdown of the new-position form spilled out of the dialog's border;
- "Added" was said only after the reload the capture starts had been set going.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from capture_support import DEATHS, QUOTE, fill, notes, open_source, select_sentence, written
from textual.widgets import Select
from textual.widgets._select import SelectOverlay
from tui_support import copy_bundled

from tui.app import create_app
from tui.screens.capture_form import DisputeForm, PositionForm
from tui.screens.capture_picker import DisputePicker
from tui.screens.main import MainScreen
from tui.widgets.selection_bar import SelectionBar


async def test_o_then_b_takes_the_selection_back_past_its_start(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_source(pilot)
        await pilot.press("v", "o", "b", "b", "y")  # the quote opened, two words before it
        assert app.clipboard.startswith(f"“Russian side. {QUOTE}” — ")


async def test_the_first_w_takes_in_a_word_not_only_punctuation(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        bar = screen.query_one(SelectionBar)
        await pilot.press("v")
        assert "11 words selected" in str(bar.render())
        await pilot.press("w")  # past "failure," to "Azerbaijani"
        await pilot.pause()
        assert "12 words selected" in str(bar.render())
        await pilot.press("y")
        assert app.clipboard.startswith(f"“{QUOTE}, Azerbaijani” — ")


async def test_the_empty_field_message_goes_once_it_is_filled(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"cause-of-death", "enter")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PositionForm)
        await pilot.press("enter", "enter")
        problem = form.query_one("#capture-problem")
        assert "holder is empty" in str(problem.render())
        await pilot.press(*"Author")
        await pilot.pause()
        assert "holder is empty" not in str(problem.render())


async def test_ctrl_n_in_the_dispute_picker_starts_a_new_dispute(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, DisputePicker)
        assert "ctrl+n: new dispute" in str(picker.query_one("Vertical").border_subtitle)
        await pilot.press(*"who")  # wherever the highlight is
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, DisputeForm)


async def test_undo_of_a_new_dispute_says_the_dispute_went(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_bytes()
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("up", "enter")  # "New dispute…", on top
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DisputeForm)
        await pilot.press(*"Were the brothers tortured?")
        fill(form, holder="The author", claim="They were tortured.")
        await pilot.press("ctrl+s")
        await written(pilot)
        assert (root / DEATHS).read_bytes() != before
        await pilot.press("u")
        await written(pilot)
        assert (root / DEATHS).read_bytes() == before
        title, message = notes(app)[-1]
        assert title == "Undone"
        assert "new dispute brothers-tortured" in message
        assert "evidence added to" not in message


async def test_the_side_dropdown_stays_inside_the_dialog(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"brothers", "enter")
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PositionForm)
        form.query_one("#capture-side", Select).focus()
        await pilot.press("enter")  # opened
        await pilot.pause(0.2)
        overlay = form.query_one(SelectOverlay)
        assert overlay.display
        inside = form.query_one("Vertical").content_region
        drawn = overlay.region
        assert inside.contains_region(drawn), (inside, drawn)


async def test_added_is_said_before_the_casebook_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root / "casebook.yaml")
    said_then: list[list[str]] = []
    reload = MainScreen.action_reload

    def reloading(main: MainScreen) -> None:
        said_then.append([title for title, _message in notes(app)])
        reload(main)

    monkeypatch.setattr(MainScreen, "action_reload", reloading)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"cause", "enter")
        await pilot.pause()
        deaths = root / DEATHS  # changed on disk while the positions are listed
        deaths.write_text(deaths.read_text() + "# a note typed in an editor\n")
        await pilot.press("enter")
        await written(pilot)
        assert "# a note typed in an editor" in deaths.read_text()
        assert said_then
        assert "Added" in said_then[-1]  # the toast was out before the reload began
