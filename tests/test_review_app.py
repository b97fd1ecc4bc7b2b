"""Verdicts in the app, driven with Pilot: rate, note, mark reviewed, undo, filter, and
what happens when review.yaml changed behind the app or cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Static, TextArea
from tui_support import copy_bundled, settled

from claims.bundled import bundled_casebook
from claims.loader import load
from claims.review import ReviewStore, SetRating
from tui.app import create_app
from tui.keymap import binding_ids
from tui.review_actions import Desk
from tui.screens.main import MainScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.rating_picker import RatingPicker
from tui.screens.review_conflict import ReviewConflictScreen
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView

DISPUTE = "cause-of-death"  # its positions: heart-failure, traumatic-shock, …


def on_disk(root: Path) -> dict[str, object]:
    """review.yaml as PyYAML reads it ({} when there is none)."""
    path = root / "review.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def rating_of(root: Path, key: str, dispute: str = DISPUTE) -> object:
    entry = on_disk(root).get(dispute) or {}
    return ((entry.get("positions") or {}).get(key) or {}).get("rating")  # type: ignore[union-attr]


def view_text(app) -> str:  # type: ignore[no-untyped-def]
    """The dispute view's text as drawn, its lines joined (wrapped words back together)."""
    shown = app.main_screen.query_one(DisputeView)
    rows = [shown.render_line(y).text for y in range(shown.virtual_size.height)]
    return "\n".join(rows) + "\n" + " ".join(" ".join(rows).split())


def heading(app, position: int) -> str:  # type: ignore[no-untyped-def]
    """What the view shows above a position's cards: side, holder, claim, its review."""
    return app.main_screen.query_one(DisputeView)._plans[position].head.plain


def status_line(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#status", Static).visual)


def list_row(app, dispute_id: str) -> str:  # type: ignore[no-untyped-def]
    """The dispute's row in the list, as drawn (its lines joined)."""
    listing = app.screen.query_one(DisputeList)
    row = next(i for i, d in enumerate(listing.rows) if d.id == dispute_id)
    width = listing.scrollable_content_region.width
    return " ".join(strip.text for strip in listing._row(row, width))


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTESTED_REVIEWER", "Tester")
    return copy_bundled(tmp_path)


async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
    """Settled, with the review store open (a worker opens it after loading)."""
    await settled(pilot)
    desk: Desk = pilot.app.screen.desk
    for _ in range(100):
        if desk.store is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("the review store never opened")


async def rate(pilot, number: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RatingPicker)
    await pilot.press(str(number))
    await pilot.pause()


async def test_rating_a_position_writes_it_and_shows_its_badge(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter")  # the first card: Russian forensic experts
        assert "False" not in view_text(app)
        await rate(pilot, 4)  # the default scale's 4th: false
        assert isinstance(app.screen, MainScreen)
        assert rating_of(root, "heart-failure") == "false"
        assert on_disk(root)[DISPUTE]["positions"]["heart-failure"]["by"] == "Tester"
        assert " False " in view_text(app)
        assert "1/3 rated" in list_row(app, DISPUTE)
        await pilot.press("l", "1")  # the next position's card; a digit rates at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert rating_of(root, "traumatic-shock") == "supported"
        assert " Supported " in view_text(app)
        assert "2/3 rated" in list_row(app, DISPUTE)
        # escape in the picker changes nothing
        before = (root / "review.yaml").read_bytes()
        await pilot.press("v", "escape")
        await pilot.pause()
        assert (root / "review.yaml").read_bytes() == before
        # the casebook loads it back: what was written is what the loader reads
        reviews = load(root).casebook.reviews[DISPUTE].positions
        assert reviews["heart-failure"].rating == "false"


async def test_a_note_is_written_multi_line_and_escape_cancels(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter", "n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert "Russian forensic experts" in str(editor.query_one("#note-about", Static).visual)
        await pilot.press(*"Contradicted", "enter", *'no: #1 "quoted"')
        await pilot.press("escape")  # cancelled: nothing written
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not (root / "review.yaml").exists()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Contradicted by the second autopsy", "enter", *'no: #1 "quoted"')
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = on_disk(root)[DISPUTE]["positions"]["heart-failure"]["note"]
        assert note == 'Contradicted by the second autopsy\nno: #1 "quoted"'
        assert 'Note: Contradicted by the second autopsy\nno: #1 "quoted"' in heading(app, 0)
        # opened again, the editor holds the note
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == note


async def test_marking_reviewed_counts_in_the_status_line_and_marks_the_list(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        assert "0/26 reviewed" in status_line(app)
        await pilot.press("m")  # from the list
        await pilot.pause()
        assert on_disk(root)[DISPUTE]["status"] == "reviewed"
        assert "1/26 reviewed" in status_line(app)
        assert "✓ reviewed" in list_row(app, DISPUTE)
        await pilot.press("enter", "m")  # from the dispute's cards: open again
        await pilot.pause()
        assert on_disk(root)[DISPUTE]["status"] == "open"
        assert "0/26 reviewed" in status_line(app)
        assert "reviewed" not in list_row(app, DISPUTE)


async def test_undo_steps_back_through_every_change(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter")
        await rate(pilot, 2)
        states = [on_disk(root)]
        await pilot.press("n", *"why", "ctrl+s")
        await pilot.pause()
        states.append(on_disk(root))
        await pilot.press("m")
        await pilot.pause()
        assert on_disk(root)[DISPUTE]["status"] == "reviewed"
        await pilot.press("u")
        await pilot.pause()
        assert on_disk(root) == states[1]
        await pilot.press("u")
        await pilot.pause()
        assert on_disk(root) == states[0]  # the note gone, the rating (and its by/at) kept
        assert "Note:" not in heading(app, 0)
        await pilot.press("u")
        await pilot.pause()
        assert on_disk(root) == {}
        assert "Partly supported" not in view_text(app)
        assert "rated" not in list_row(app, DISPUTE)
        await pilot.press("u")  # nothing left: said, nothing written
        await pilot.pause()
        assert on_disk(root) == {}
        assert any("No review change to undo" in n.message for n in app._notifications)


async def test_a_change_on_disk_to_the_same_position_asks_which_to_keep(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Desk, "poll", lambda self: None)  # the app has not looked yet
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter")
        await rate(pilot, 1)
        other = ReviewStore.open(load(root).casebook)  # another reviewer, behind the app
        other.apply(SetRating(DISPUTE, "heart-failure", "unverifiable"), by="Other")
        other.apply(SetRating(DISPUTE, "traumatic-shock", "supported"), by="Other")
        await rate(pilot, 4)
        assert isinstance(app.screen, ReviewConflictScreen)
        assert rating_of(root, "heart-failure") == "unverifiable"  # nothing overwritten
        assert "unverifiable" in str(app.screen.query_one("#conflict-text", Static).visual)
        await pilot.press("m")  # keep mine
        await pilot.pause()
        assert rating_of(root, "heart-failure") == "false"
        assert rating_of(root, "traumatic-shock") == "supported"  # theirs elsewhere kept
        other = ReviewStore.open(load(root).casebook)
        other.apply(SetRating(DISPUTE, "heart-failure", "unsupported"), by="Other")
        await rate(pilot, 1)
        assert isinstance(app.screen, ReviewConflictScreen)
        await pilot.press("t")  # keep theirs
        await settled(pilot)  # a worker reads it
        assert rating_of(root, "heart-failure") == "unsupported"
        assert " Unsupported " in view_text(app)


async def test_a_change_on_disk_elsewhere_is_merged_and_said(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        session = app.screen.session
        await pilot.press("enter")
        await rate(pilot, 1)
        other = ReviewStore.open(load(root).casebook)
        other.apply(SetRating(DISPUTE, "traumatic-shock", "false"), by="Other")
        for _ in range(60):  # the poll (every second) reads the reviews again
            await pilot.pause(0.05)
            if " False " in view_text(app):
                break
        assert " False " in view_text(app)
        assert any("review.yaml changed" in n.title for n in app._notifications)
        # neither our writes nor theirs reloaded the casebook
        assert app.screen.session is session


async def test_a_review_yaml_broken_on_disk_is_said_once_and_the_reviews_kept(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter")
        await rate(pilot, 1)
        (root / "review.yaml").write_text("<<<<<<< HEAD\n: [\n", encoding="utf-8")  # a bad merge
        await pilot.pause(2.5)  # two polls and more
        said = [n for n in app._notifications if n.title == "review.yaml not read"]
        assert len(said) == 1
        assert " Supported " in view_text(app)
        await pilot.press("2")  # not written over: it would lose what is in it
        await pilot.pause()
        assert (root / "review.yaml").read_text(encoding="utf-8").startswith("<<<<<<<")


async def test_the_bundled_example_is_not_written_and_says_how_to_get_a_copy() -> None:
    review = bundled_casebook() / "review.yaml"
    assert not review.exists()
    app = create_app(bundled_casebook(), keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter", "v")  # said before the picker opens
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("1")
        await pilot.pause()
        assert not review.exists()
        said = [n.message for n in app._notifications]
        assert any("contested init --example" in m for m in said), said
        assert "Supported" not in view_text(app)


async def test_the_filter_selects_by_rating_and_status(root: Path) -> None:
    app = create_app(root, keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(160, 48)) as pilot:
        await opened(pilot)
        await pilot.press("enter")
        await rate(pilot, 4)
        listing = app.screen.query_one(DisputeList)
        app.screen.set_filter("rating:false")
        assert [d.id for d in listing.rows] == [DISPUTE]
        app.screen.set_filter("rating:supported")
        assert listing.rows == []
        app.screen.set_filter("status:partly")
        assert [d.id for d in listing.rows] == [DISPUTE]
        app.screen.set_filter("status:reviewed")
        assert listing.rows == []
        app.screen.set_filter("status:open forensic")  # with words: both must hold
        assert DISPUTE in [d.id for d in listing.rows]


def test_review_keys_can_be_remapped() -> None:
    ids = binding_ids()
    for binding in ("review.rate", "review.rating1", "review.note", "review.status",
                    "review.undo", "note.save", "rating.clear", "conflict.mine"):  # fmt: skip
        assert binding in ids


# -- snapshots (tests/__snapshots__/test_review_app/) ---------------------------------------

REVIEWED = """\
"cause-of-death":
  positions:
    "heart-failure": {rating: "false", by: "Tester", at: "2026-11-22T10:04:00Z"}
    "traumatic-shock":
      rating: "supported"
      note: |-
        Two examinations, one finding:
        the second autopsy's.
      by: "Tester"
      at: "2026-11-22T10:05:00Z"
"""


def reviewed_casebook(tmp_path: Path) -> Path:
    root = copy_bundled(tmp_path)
    (root / "review.yaml").write_text(REVIEWED, encoding="utf-8")
    return root


async def _rated(pilot) -> None:  # type: ignore[no-untyped-def]
    """Two positions rated, one with a note; the first card focused."""
    await opened(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def _note_editor(pilot) -> None:  # type: ignore[no-untyped-def]
    await _rated(pilot)
    await pilot.press("l", "n")
    await pilot.pause()
    pilot.app.screen.query_one(TextArea).cursor_blink = False
    await pilot.pause(0.3)


async def _picker(pilot) -> None:  # type: ignore[no-untyped-def]
    await _rated(pilot)
    await pilot.press("v")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("flow", [_rated, _note_editor, _picker], ids=lambda f: f.__name__[1:])
def test_review_screens(snap_compare, tmp_path, flow, size) -> None:  # type: ignore[no-untyped-def]
    app = create_app(reviewed_casebook(tmp_path), keymap_file=Path("/nonexistent"))
    assert snap_compare(app, terminal_size=size, run_before=flow)
