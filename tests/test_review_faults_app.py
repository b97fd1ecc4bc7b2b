"""Faults a fresh tester found in verdicts, in the app (Pilot): undo and a note saved over
a colleague's change to the same position, positions sharing a review key, `n` on the
bundled example, a filter word naming no rating, a reviewer's name that is not one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from review_support import review_casebook
from textual.widgets import Input, Static
from tui_support import copy_bundled

from claims.bundled import bundled_casebook
from claims.loader import load
from claims.review import ReviewStore, SetNote, SetRating
from tui.app import create_app
from tui.screens.main import MainScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.review_conflict import ReviewConflictScreen

from test_review_app import DISPUTE, opened, rate, view_text  # isort: skip

KEY = "heart-failure"  # the first position of DISPUTE


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTESTED_REVIEWER", "Tester")
    return copy_bundled(tmp_path)


def entry(root: Path, key: str = KEY) -> dict[str, str]:
    """The review of `key` in DISPUTE as review.yaml holds it ({} when none)."""
    path = root / "review.yaml"
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
    return ((data.get(DISPUTE) or {}).get("positions") or {}).get(key) or {}


def colleague(root: Path, *changes: SetRating | SetNote) -> None:
    """Another reviewer's changes, behind the app (as `contested review --by Colleague`)."""
    store = ReviewStore.open(load(root).casebook)
    for change in changes:
        store.apply(change, by="Colleague")


async def seen_by_app(pilot, note: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app's poll has read the colleague's change (as the tester saw it:
    "review.yaml changed on disk")."""
    desk = pilot.app.main_screen.desk
    for _ in range(80):
        await pilot.pause(0.05)
        review = desk.store.review(DISPUTE, KEY) if desk.store else None
        if review is not None and review.note == note:
            return
    raise AssertionError("the app never read the colleague's change")


async def test_undo_over_a_colleagues_change_to_the_same_position_asks(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter")
        await rate(pilot, 2)  # partly-supported
        assert entry(root)["rating"] == "partly-supported"
        colleague(root, SetRating(DISPUTE, KEY, "unverifiable"),
                  SetNote(DISPUTE, KEY, "colleague's careful note"))  # fmt: skip
        await seen_by_app(pilot, "colleague's careful note")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ReviewConflictScreen)  # asked, not overwritten
        said = str(app.screen.query_one("#conflict-text", Static).visual)
        assert "unverifiable" in said
        assert entry(root)["note"] == "colleague's careful note"
        await pilot.press("t")  # keep theirs: the colleague's review stays
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        kept = entry(root)
        assert (kept["rating"], kept["by"]) == ("unverifiable", "Colleague")
        assert kept["note"] == "colleague's careful note"
        # rated again, changed again by the colleague; undo, keep mine: back to no review
        await rate(pilot, 1)
        colleague(root, SetNote(DISPUTE, KEY, "second thoughts"))
        await seen_by_app(pilot, "second thoughts")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ReviewConflictScreen)
        await pilot.press("m")
        await pilot.pause()
        assert entry(root)["note"] == "colleague's careful note"  # as before our rating
        assert entry(root)["rating"] == "unverifiable"


async def test_a_note_saved_over_a_colleagues_note_asks(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"my note")
        colleague(root, SetNote(DISPUTE, KEY, "COLLEAGUE NOTE"),
                  SetRating(DISPUTE, KEY, "false"))  # fmt: skip
        await seen_by_app(pilot, "COLLEAGUE NOTE")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewConflictScreen)  # asked, never silent
        assert entry(root)["note"] == "COLLEAGUE NOTE"
        said = str(app.screen.query_one("#conflict-text", Static).visual)
        assert "false, with a note (by Colleague" in said  # theirs
        assert "note 'my note'" in said  # mine
        await pilot.press("m")  # keep mine, knowingly
        await pilot.pause()
        assert entry(root)["note"] == "my note"
        assert entry(root)["rating"] == "false"  # theirs kept where mine did not go


async def test_n_on_the_bundled_example_refuses_before_the_editor_opens() -> None:
    app = create_app(bundled_casebook(), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # nothing to type into and lose
        said = [n.message for n in app._notifications]
        assert any("contested init --example" in m for m in said), said


async def test_positions_sharing_a_review_key_are_not_rated_in_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTESTED_REVIEWER", "Tester")
    root = review_casebook(tmp_path)
    with (root / "casebook.yaml").open("a", encoding="utf-8") as file:
        file.write("  - id: dup\n    question: Who said it?\n    positions:\n"
                   "      - {side: a, holder: Same Person, claim: first,\n"
                   "         evidence: [{source: s, quote: Words of the source.}]}\n"
                   "      - {side: b, holder: Same Person, claim: second,\n"
                   "         evidence: [{source: s, quote: Words of the source.}]}\n")  # fmt: skip
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        app.main_screen.set_filter("Who said")
        await pilot.pause()
        await pilot.press("enter", "1")
        await pilot.pause()
        assert not (root / "review.yaml").exists()
        said = [n.message for n in app._notifications]
        assert any("give them `id:`" in m for m in said), said
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # no picker for a rating not to be written


async def test_a_filter_word_naming_no_rating_says_did_you_mean(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        app.main_screen.set_filter("rating:fals")
        await pilot.pause()
        subtitle = str(app.main_screen.query_one("#filter", Input).border_subtitle)
        assert "no rating 'fals'; did you mean 'false'?" in subtitle
        assert "No dispute matches. no rating 'fals'; did you mean 'false'?" in view_text(app)
        app.main_screen.set_filter("rating:false")
        await pilot.pause()
        assert "no rating" not in str(app.main_screen.query_one("#filter", Input).border_subtitle)


async def test_a_filter_word_that_looks_like_markup_is_shown_as_typed(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        for word in ("rating:[/", "status:[bold]x"):
            app.main_screen.set_filter(word)
            await pilot.pause()
            subtitle = app.main_screen.query_one("#filter", Input).border_subtitle
            assert word.split(":")[1] in str(subtitle)  # the words as typed, not a crash
        assert app.is_running


async def test_a_reviewer_name_that_is_not_one_line_is_said_and_not_written(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTESTED_REVIEWER", "Ann\nforged line")
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert not (root / "review.yaml").exists()
        said = [n.message for n in app._notifications]
        assert any("$CONTESTED_REVIEWER cannot be the reviewer's name" in m for m in said), said
        assert " Supported " not in view_text(app)
