"""Capturing evidence in the app (issue 15): select a passage in the source view with the
keys or the mouse, `y` copies it with its citation, `a` adds it to a position (existing or
new) or to a new dispute, `u` undoes; refusals and conflicts write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from capture_support import (
    DEATHS,
    SENTENCE,
    checks_clean,
    evidence_of,
    fill,
    notes,
    only_inserted,
    open_source,
    select_sentence,
    soon,
    written,
)
from tui_support import copy_bundled, settled

from claims.casebook import capture as api
from tui.app import create_app
from tui.screens.capture_conflict import CaptureConflictScreen
from tui.screens.capture_form import DisputeForm, PositionForm
from tui.screens.capture_picker import DisputePicker, PositionPicker
from tui.screens.main import MainScreen
from tui.widgets.dispute_view import DisputeView
from tui.widgets.document_view import DocumentView

# -- selecting -----------------------------------------------------------------------------


async def test_keys_select_words_and_sentences_within_one_paragraph(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        view = screen.query_one(DocumentView)
        await pilot.press("v")  # opened at a quote: `v` selects it
        quote = "While Russian experts cited the cause of death as heart failure"
        assert view.text_selection is not None
        assert screen.selection_mark().selected == quote  # type: ignore[union-attr]
        await pilot.press("w")  # past the comma after it: a word, not only punctuation
        assert screen.selection_mark().selected == quote + ", Azerbaijani"  # type: ignore[union-attr]
        await pilot.press("w")
        assert screen.selection_mark().selected == quote + ", Azerbaijani specialists"  # type: ignore[union-attr]
        await pilot.press("b", "b", "b")
        assert screen.selection_mark().selected == quote[: -len(" failure")]  # type: ignore[union-attr]
        await pilot.press("right_parenthesis")  # to the sentence's end
        first = screen.selection_mark().selected  # type: ignore[union-attr]
        assert first.endswith("injuries on the bodies.")
        await pilot.press("dollar_sign", "o", "0")  # the whole paragraph
        text = screen.session.document("tortured-in-baku").paragraph(6).text  # type: ignore[union-attr]
        assert screen.selection_mark().selected == text.strip()  # type: ignore[union-attr]
        await pilot.press("right_curly_bracket")  # the next paragraph's first word
        mark = screen.selection_mark()
        assert mark.paragraph == 7  # type: ignore[union-attr]
        assert " " not in mark.selected  # type: ignore[union-attr]
        await pilot.press("escape")  # clears the selection, stays
        assert view.text_selection is None
        assert app.screen is screen
        await pilot.press("right_parenthesis")  # `)` alone: a sentence where the reader is
        assert screen.selection_mark() is not None
        await pilot.press("v")  # `v` again clears
        assert view.text_selection is None
        await pilot.press("escape")  # nothing selected: back
        assert isinstance(app.screen, MainScreen)


async def test_a_mouse_drag_is_taken_up_whole_words_and_within_one_paragraph(
    tmp_path: Path,
) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        view = screen.query_one(DocumentView)
        layout = view._layout
        assert layout is not None
        top = layout.tops[6]
        words = "Azerbaijani specialists"
        row = next(y for y in range(top, top + 9) if words in layout.lines[y][2].plain)
        column = 1 + view._gutter
        start = column + layout.lines[row][2].plain.index(words) + 2
        y = row - view.scroll_offset.y  # inside words: "erbaijani speciali"
        await pilot.mouse_down(DocumentView, offset=(start, y))
        await pilot.hover(DocumentView, offset=(start + 17, y))
        await pilot.mouse_up(DocumentView, offset=(start + 17, y))
        await pilot.pause()
        assert view.text_selection is not None
        await pilot.press("y")
        assert app.clipboard.startswith(f"“{words}” — ")
        await pilot.press("w")  # the keys go on from the mouse's selection
        assert screen.selection_mark().selected == f"{words} found"  # type: ignore[union-attr]
        # a drag over two paragraphs cannot be a quote: said, nothing added
        y = top - view.scroll_offset.y
        await pilot.mouse_down(DocumentView, offset=(column, y))
        await pilot.hover(DocumentView, offset=(column + 5, y + layout.heights[6] + 1))
        await pilot.mouse_up(DocumentView, offset=(column + 5, y + layout.heights[6] + 1))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is screen
        assert any("within one paragraph" in message for _t, message in notes(app))


async def test_y_copies_the_selection_with_the_cards_citation(tmp_path: Path) -> None:
    app = create_app(copy_bundled(tmp_path) / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("y")
        assert app.clipboard == (
            f"“{SENTENCE}” — Russians were tortured in Baku. In Russia, an Azerbaijani "
            "businessman was arrested, 2025-07-02, ¶6"
        )
        assert ("Copied", app.clipboard) in notes(app)


# -- adding --------------------------------------------------------------------------------


async def test_a_adds_the_sentence_to_an_existing_position_and_u_undoes_it(
    tmp_path: Path,
) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_bytes()
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DisputePicker)
        await pilot.press(*"who killed")  # fuzzy over questions and ids
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PositionPicker)
        assert app.screen.dispute.id == "who-killed-them"
        await pilot.press("down", "enter")  # its second position
        await soon(pilot, lambda: SENTENCE in evidence_of(app, "who-killed-them", 1))
        await written(pilot)
        assert app.screen is screen
        added = [
            line.strip() for line in only_inserted(before.decode(), (root / DEATHS).read_text())
        ]
        assert len(added) == 3
        assert added[0] == "- source: tortured-in-baku"
        assert added[1].startswith("quote: ")
        assert SENTENCE in added[1]
        assert added[2] == "paragraph: 6"
        title, message = notes(app)[-1]
        assert title == "Added"
        assert message.splitlines()[0] == "Added to who-killed-them · Author, 1 July piece"
        checks_clean(root)
        # at once on the dispute's card: the app reloaded the casebook
        main = app.main_screen
        assert main is not None
        assert main.session is not None
        dispute = main.session.casebook.dispute("who-killed-them")
        assert dispute is not None
        assert dispute.positions[1].evidence[-1].quote == SENTENCE
        assert 6 in screen.by_paragraph  # still cited in the source view
        await pilot.press("escape")
        main.goto_dispute("who-killed-them")
        await settled(pilot)
        shown = main.query_one(DisputeView)
        assert any(
            c.position == 1 and c.evidence == len(dispute.positions[1].evidence) - 1
            for c in shown.cards
        )
        # undo, from the source view again
        main.open_source("tortured-in-baku", 6)
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("u")
        await written(pilot)
        assert (root / DEATHS).read_bytes() == before
        assert notes(app)[-1][0] == "Undone"


async def test_a_adds_a_new_position(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_text()
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"cause-of-death", "enter")
        await pilot.pause()
        await pilot.press("end", "enter")  # "New position…", last
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PositionForm)
        await pilot.press("enter", "enter")  # to the claim, then add: the holder is empty
        assert "holder is empty" in str(form.query_one("#capture-problem").render())
        assert app.focused is form.query_one("#capture-holder")
        fill(form, holder="The author: no", claim="Torture: the injuries show it.")
        await pilot.press("enter", "enter")
        await written(pilot)
        added = "".join(only_inserted(before, (root / DEATHS).read_text()))
        assert "holder: 'The author: no'" in added or 'holder: "The author: no"' in added
        assert SENTENCE in added
        checks_clean(root)
        dispute = app.main_screen.session.casebook.dispute("cause-of-death")  # type: ignore[union-attr]
        assert dispute is not None
        assert dispute.positions[-1].holder == "The author: no"
        assert dispute.positions[-1].evidence[0].quote == SENTENCE


async def test_a_starts_a_new_dispute(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_text()
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
        await pilot.press(*"Were the brothers tortured?", "enter")
        assert form.query_one("#capture-id").value == "brothers-tortured"  # type: ignore[attr-defined]
        fill(form, holder="The author", claim="They were tortured.")
        await pilot.press("enter", "enter", "enter")  # id, holder, claim: added
        await written(pilot)
        added = "".join(only_inserted(before, (root / DEATHS).read_text()))
        assert "id: brothers-tortured" in added
        assert SENTENCE in added
        checks_clean(root)
        dispute = app.main_screen.session.casebook.dispute("brothers-tortured")  # type: ignore[union-attr]
        assert dispute is not None
        assert dispute.positions[0].evidence[0].quote == SENTENCE
        assert notes(app)[-1][1].startswith("Added to brothers-tortured")


# -- refusals and conflicts ----------------------------------------------------------------


async def test_a_refusal_says_why_and_writes_nothing() -> None:
    app = create_app()  # the bundled example: never written to, said before any picker
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is screen
        title, message = notes(app)[-1]
        assert title == "Not added"
        assert "contested init --example DIR" in message


async def test_an_api_refusal_shows_its_message_and_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_text()

    def refused(*args: object, **kwargs: object) -> api.Capture:
        raise api.NotExact(
            "the quote is found only normalised", "select it again", root / DEATHS, 14
        )

    monkeypatch.setattr(api, "add_evidence", refused)
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"cause", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await written(pilot)
        assert app.screen is screen
        title, message = notes(app)[-1]
        assert title == "Not added"
        assert message.splitlines() == [
            "the quote is found only normalised",
            "deaths.yaml:14",
            "select it again",
        ]
        assert (root / DEATHS).read_text() == before


async def test_a_conflict_offers_reload_and_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_bundled(tmp_path)
    before = (root / DEATHS).read_text()
    real, calls = api.add_evidence, []

    def changed_on_disk_once(*args: object, **kwargs: object) -> api.Capture:
        calls.append(kwargs.get("loaded"))
        if len(calls) == 1:
            raise api.Conflict("deaths.yaml changed on disk since it was read", "reload")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "add_evidence", changed_on_disk_once)
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"cause", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await written(pilot)
        assert isinstance(app.screen, CaptureConflictScreen)
        assert (root / DEATHS).read_text() == before  # nothing written
        await pilot.press("r")  # reload, then try again with the casebook read anew
        await written(pilot)
        assert len(calls) == 2
        assert calls[0] is not None
        assert calls[1] is not calls[0]
        assert SENTENCE in "".join(only_inserted(before, (root / DEATHS).read_text()))
        checks_clean(root)


async def test_u_refuses_politely_when_the_file_changed_since(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root / "casebook.yaml")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_source(pilot)
        await select_sentence(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"cause", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await written(pilot)
        edited = (root / DEATHS).read_text() + "# a note typed in an editor\n"
        (root / DEATHS).write_text(edited)
        await pilot.press("u")
        await written(pilot)
        assert (root / DEATHS).read_text() == edited  # left as the user made it
        title, message = notes(app)[-1]
        assert title == "Undo"
        assert message.startswith("Not undone")
