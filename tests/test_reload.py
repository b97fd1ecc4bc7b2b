"""Live reload sees what changed: files appearing under an `include:` pattern, files deleted
and written back (a `git checkout` or `git stash` while the app is open), not just the
files read last time. The poll runs every POLL_SECONDS; here, every 50 ms."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_casebook
from textual.pilot import Pilot
from tui_support import copy_bundled, settled

import tui.screens.main
from tui.app import ContestedApp, create_app
from tui.place import Place, nearest
from tui.screens.main import MainScreen
from tui.screens.source import SourceScreen
from tui.watch import include_patterns
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView
from tui.widgets.document_view import DocumentView
from tui.widgets.problems_panel import ProblemsPanel

CASEBOOK = """\
title: Reload sees new files
sides:
  a: {label: Side A}
  b: {label: Side B}
sources:
  s: {file: sources/s.txt, title: Source S}
include: [disputes/*.yaml, more/**/*.yaml]
"""

SOURCE = (
    "Alpha paragraph one says the cause was heart failure.\n\n"
    "Beta paragraph two says the cause was traumatic shock.\n"
)


def disputes_file(*ids: str) -> str:
    out = ["disputes:"]
    for dispute_id in ids:
        out += [
            f"  - id: {dispute_id}",
            f"    question: What about {dispute_id}?",
            "    positions:",
            "      - {side: a, holder: Holder A, claim: Heart., evidence: "
            "[{source: s, quote: the cause was heart failure}]}",
            "      - {side: b, holder: Holder B, claim: Shock., evidence: "
            "[{source: s, quote: the cause was traumatic shock}]}",
        ]
    return "\n".join(out) + "\n"


A = disputes_file("first-in-a", "second-in-a")
B = disputes_file("first-in-b", "second-in-b")


@pytest.fixture
def casebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    return make_casebook(
        tmp_path / "casebook",
        CASEBOOK,
        {"sources/s.txt": SOURCE},
        {"disputes/a.yaml": A, "disputes/b.yaml": B},
    )


def listed(app: ContestedApp) -> list[str]:
    screen = app.main_screen
    assert screen is not None
    return [d.id for d in screen.query_one(DisputeList).rows]


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app's own poll run until `condition` holds (no `r`, no poll called by hand)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app never reloaded"
        await pilot.pause(0.05)
    await settled(pilot)


async def test_a_new_file_matching_include_is_picked_up(casebook: Path) -> None:
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert len(listed(app)) == 4
        (casebook / "disputes" / "c.yaml").write_text(disputes_file("in-c"), encoding="utf-8")
        await until(pilot, lambda: "in-c" in listed(app))
        assert len(listed(app)) == 5
        # in a new folder deep under a `**` pattern, too
        (casebook / "more" / "2024" / "june").mkdir(parents=True)
        deep = casebook / "more" / "2024" / "june" / "d.yaml"
        deep.write_text(disputes_file("in-d"), encoding="utf-8")
        await until(pilot, lambda: "in-d" in listed(app))


async def test_a_file_deleted_and_written_back_is_picked_up(casebook: Path) -> None:
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        b = casebook / "disputes" / "b.yaml"
        b.unlink()
        await until(pilot, lambda: listed(app) == ["first-in-a", "second-in-a"])
        b.write_text(B, encoding="utf-8")
        await until(pilot, lambda: len(listed(app)) == 4)
        assert "second-in-b" in listed(app)


async def test_a_checkout_that_removes_and_restores_files_is_picked_up(casebook: Path) -> None:
    """`git stash` then `git stash pop`: files gone and back, the first perhaps between two
    polls, the second with the same size as before; the app ends up showing them."""
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        a, b = casebook / "disputes" / "a.yaml", casebook / "disputes" / "b.yaml"
        stat = os.stat(b)
        b.unlink()
        b.write_text(B.replace("second-in-b", "secxnd-in-b"), encoding="utf-8")
        os.utime(b, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
        await until(pilot, lambda: "secxnd-in-b" in listed(app))
        a.unlink()
        b.unlink()
        await until(pilot, lambda: listed(app) == [])
        a.write_text(A, encoding="utf-8")
        b.write_text(B, encoding="utf-8")
        await until(pilot, lambda: len(listed(app)) == 4)


async def test_nothing_changed_means_no_reload(casebook: Path) -> None:
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.main_screen
        assert isinstance(screen, MainScreen)
        session = screen.session
        (casebook / "disputes" / "notes.txt").write_text("not a dispute file\n", encoding="utf-8")
        (casebook / "disputes" / ".b.yaml.swp").write_bytes(b"\0")  # an editor's swap file
        await pilot.pause(0.5)  # ten polls
        await settled(pilot)
        assert screen.session is session


async def test_a_casebook_that_cannot_be_read_reloads_once_fixed(casebook: Path) -> None:
    good = (casebook / "casebook.yaml").read_text(encoding="utf-8")
    (casebook / "casebook.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert listed(app) == []
        (casebook / "casebook.yaml").write_text(good, encoding="utf-8")
        await until(pilot, lambda: len(listed(app)) == 4)


@pytest.mark.parametrize(
    ("yaml_text", "patterns"),
    [
        ("title: t\ninclude: disputes/*.yaml\n", ("disputes/*.yaml",)),
        ("title: t\ninclude: [a/*.yaml, 'b/**/*.yml']\nsources: {}\n", ("a/*.yaml", "b/**/*.yml")),
        ("sides: {a: {label: [x, y]}}\ninclude:\n  - x.yaml\n  - y.yaml\n", ("x.yaml", "y.yaml")),
        ("title: no includes\ndisputes: []\n", ()),
        ("title: [unclosed\ninclude: x\n", ()),
    ],
)
def test_include_patterns_are_read_as_the_loader_reads_them(
    tmp_path: Path, yaml_text: str, patterns: tuple[str, ...]
) -> None:
    file = tmp_path / "casebook.yaml"
    file.write_text(yaml_text, encoding="utf-8")
    assert include_patterns(file) == patterns


async def test_a_reload_keeps_the_dispute_of_an_included_file(casebook: Path) -> None:
    """`r`, and a reload after an edit of that dispute's own file, stay on it (the handed
    case rel-reload-loses-place: the list used to jump back to the first dispute)."""
    app = create_app(casebook)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        for _ in range(3):
            await pilot.press("down")
        await settled(pilot)
        listing = app.main_screen.query_one(DisputeList)  # type: ignore[union-attr]
        assert listing.highlighted_id == "second-in-b"
        await pilot.press("r")
        await until(pilot, lambda: listing.highlighted_id == "second-in-b")
        await pilot.pause(0.5)
        assert listing.highlighted_id == "second-in-b"
        b = casebook / "disputes" / "b.yaml"
        b.write_text(B.replace("What about second-in-b?", "What about it, then?"), "utf-8")
        await until(pilot, lambda: any("What about it" in d.question for d in listing.rows))
        await pilot.pause(0.3)
        assert listing.highlighted_id == "second-in-b"


# -- issue 10: a reload keeps the user's place, and never shows stale anchors ----------------


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled casebook: 26 disputes, every one from an included file."""
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    return copy_bundled(tmp_path)


def parts(app: ContestedApp) -> tuple[MainScreen, DisputeList, DisputeView]:
    screen = app.main_screen
    assert isinstance(screen, MainScreen)
    return screen, screen.query_one(DisputeList), screen.query_one(DisputeView)


def view_text(view: DisputeView) -> str:
    """What the evidence view shows, all its lines (scrolled out of sight or not)."""
    return " ".join(" ".join(p.plain for p in line) for line in view._layout().lines)


def place(app: ContestedApp) -> tuple[object, ...]:
    """Where the user is: dispute, card (position, evidence), scroll offsets, focus."""
    _, listing, view = parts(app)
    card = view.cards[view.cursor] if view.cards else None
    return (
        listing.highlighted_id,
        (card.position, card.evidence) if card else None,
        view.scroll_y,
        listing.scroll_y,
        app.focused.id if app.focused else None,
    )


def row_text(listing: DisputeList, row: int) -> str:
    """The text of a row of the list, as drawn."""
    return " ".join(strip.text for strip in listing._row(row, listing.size.width))


async def reloaded(pilot: Pilot[None], app: ContestedApp, what: Callable[[], bool]) -> None:
    """Wait for the app's own poll to reload and `what` to hold, then for the check."""
    screen = app.main_screen
    assert screen is not None
    session = screen.session
    await until(pilot, lambda: screen.session is not session and what())


async def open_card(pilot: Pilot[None], app: ContestedApp, dispute_id: str, card: int) -> None:
    """As a user does: down the list to `dispute_id`, enter, down to card `card`."""
    _, listing, view = parts(app)
    while listing.highlighted_id != dispute_id:
        await pilot.press("down")
    await pilot.press("enter")
    for _ in range(card):
        await pilot.press("down")
    await settled(pilot)
    assert view.has_focus
    assert view.cursor == card


RAID_FILE = "disputes/raids.yaml"


async def test_reload_keeps_dispute_card_scroll_and_focus(bundled: Path) -> None:
    """`r`, then an edit of the dispute's own file (its question changes): the same card of
    the same dispute stays focused, the list and the view scrolled as they were."""
    app = create_app(bundled)
    async with app.run_test(size=(100, 24)) as pilot:
        await settled(pilot)
        await open_card(pilot, app, "raid-justification", 6)
        before = place(app)
        assert before[2] > 0  # both scrolled: the test means something
        assert before[3] > 0
        await pilot.press("r")
        await settled(pilot)
        assert place(app) == before
        raids = bundled / RAID_FILE
        text = raids.read_text(encoding="utf-8")
        raids.write_text(text.replace("question: Why did Russian", "question: So why did Russian"))
        _, listing, _ = parts(app)
        await reloaded(pilot, app, lambda: "So why" in listing.rows[14].question)
        assert place(app) == before


async def test_a_dispute_whose_file_breaks_for_a_while_is_come_back_to(bundled: Path) -> None:
    """While its file is invalid YAML the dispute is gone: the list stays near it (not on
    the first dispute); once the file is fixed, the app is back on the same card."""
    app = create_app(bundled)
    async with app.run_test(size=(100, 24)) as pilot:
        await settled(pilot)
        await open_card(pilot, app, "raid-justification", 6)
        before = place(app)
        raids = bundled / RAID_FILE
        good = raids.read_text(encoding="utf-8")
        raids.write_text(good + "  - id: [broken\n", encoding="utf-8")
        _, listing, _ = parts(app)
        await reloaded(pilot, app, lambda: len(listing.rows) == 23)
        assert listing.highlighted_id == "aztv-1937-wording"  # the next one still there
        await pilot.press("r")  # a reload meanwhile changes nothing
        await settled(pilot)
        assert listing.highlighted_id == "aztv-1937-wording"
        raids.write_text(good, encoding="utf-8")
        await reloaded(pilot, app, lambda: len(listing.rows) == 26)
        now = place(app)
        # the list was shorter meanwhile (the problems panel under it): as near as it can be
        assert now[:3] + now[4:] == before[:3] + before[4:]
        assert abs(now[3] - before[3]) <= 2 * listing.row_height


async def test_a_renamed_or_deleted_dispute_falls_back_to_its_place_in_the_list(
    bundled: Path,
) -> None:
    app = create_app(bundled)
    async with app.run_test(size=(100, 24)) as pilot:
        await settled(pilot)
        await open_card(pilot, app, "raid-scope", 1)
        _, listing, view = parts(app)
        raids = bundled / RAID_FILE
        good = raids.read_text(encoding="utf-8")
        raids.write_text(good.replace("id: raid-scope", "id: raid-extent"), encoding="utf-8")
        await reloaded(pilot, app, lambda: "raid-extent" in [d.id for d in listing.rows])
        assert listing.highlighted_id == "raid-extent"  # the one in its place, not the first
        assert view.has_focus
        start = good.index("  - id: raid-scope")
        end = good.index("  - id: baku-arrest-video")
        raids.write_text(good[:start] + good[end:], encoding="utf-8")
        await reloaded(pilot, app, lambda: len(listing.rows) == 25)
        assert listing.highlighted_id == "baku-arrest-video"


QUOTE = "While Russian experts cited the cause of death as heart failure"


@pytest.mark.parametrize("how", ["poll", "r"])
async def test_a_changed_source_re_anchors_the_cards_shown(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The source's sentence changes: the card says the quote is not found (and shows no
    old paragraph), after the automatic reload and after `r` alike; the list agrees."""
    if how == "r":
        monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 3600)
    app = create_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await open_card(pilot, app, "cause-of-death", 0)
        screen, listing, view = parts(app)
        assert view.cards[0].anchor is not None
        assert view.cards[0].anchor.found
        assert "Russian experts cited" in view_text(view)
        source = bundled / "sources" / "tortured-in-baku.txt"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace(QUOTE, "Moscow's pathologists put it down to a stroke"))
        if how == "r":
            await pilot.press("r")
            await settled(pilot)
        else:
            await reloaded(pilot, app, lambda: screen.session is not None)
        assert "✗" in row_text(listing, 0)  # the list says so
        anchor = view.cards[0].anchor
        assert anchor is not None
        assert not anchor.found  # and so does the card
        assert "not found" in view_text(view)
        session = screen.session
        assert session is not None  # every card shows the last check's anchoring
        dispute = session.casebook.dispute("cause-of-death")
        assert dispute is not None
        assert {c.anchor for c in view.cards} == set(session.anchors(dispute))
        assert place(app)[:2] == ("cause-of-death", (0, 0))
        assert view.has_focus


async def test_an_open_source_is_refreshed_when_its_file_changes(bundled: Path) -> None:
    app = create_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await open_card(pilot, app, "cause-of-death", 0)
        await pilot.press("enter")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        document = screen.query_one(DocumentView)
        cited = document.current
        source = bundled / "sources" / "tortured-in-baku.txt"
        text = source.read_text(encoding="utf-8")
        source.write_text("A new first paragraph.\n" + text, encoding="utf-8")
        await until(pilot, lambda: document.passages[0].body.plain == "A new first paragraph.")
        assert app.screen is screen
        assert document.current == cited + 1  # the same paragraph, one further down
        assert screen.cited is not None
        assert screen.cited.anchor is not None
        assert screen.cited.anchor.paragraph == cited + 1


async def test_a_broken_casebook_yaml_shows_its_own_problems(bundled: Path) -> None:
    """The panel listed a quote not found; casebook.yaml breaks: the panel lists the syntax
    error, not the old problem, and no dispute or card is left on screen."""
    source = bundled / "sources" / "tortured-in-baku.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(QUOTE, "Moscow's pathologists put it down to a stroke"))
    app = create_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen, listing, view = parts(app)
        panel = screen.query_one(ProblemsPanel)
        assert panel.display
        assert any(p.code == "quote-not-found" for p in panel.problems)
        casebook = bundled / "casebook.yaml"
        casebook.write_text("title: [unclosed\n" + casebook.read_text(encoding="utf-8"))
        await until(pilot, lambda: screen.session is None)
        assert panel.display
        assert [p.code for p in panel.problems] == ["syntax"]
        assert listing.rows == []
        assert view.cards == []


async def test_an_open_source_whose_file_is_gone_is_closed_and_the_card_says_so(
    bundled: Path,
) -> None:
    app = create_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await open_card(pilot, app, "cause-of-death", 0)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, SourceScreen)
        (bundled / "sources" / "tortured-in-baku.txt").unlink()
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        _, listing, view = parts(app)
        assert listing.highlighted_id == "cause-of-death"
        assert "quote not anchored" in view_text(view)
        gone = [c for c in view.cards if c.source == "tortured-in-baku"]
        assert gone
        assert not any(c.anchor and c.anchor.found for c in gone)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (["a", "b", "c2", "d"], "c2"),  # c renamed: the one in its place
        (["a", "b", "d"], "d"),  # c deleted: the next one
        (["a", "b"], "b"),  # c and everything after it gone: the one before
        (["a", "b", "x", "y"], "x"),  # c and d gone, others come after b
        (["d"], "d"),
        (["z"], "z"),  # no neighbour left: the first
        ([], None),
    ],
)
def test_the_nearest_dispute_stands_in_for_a_missing_one(
    now: list[str], expected: str | None
) -> None:
    kept = Place("c", None, 0, 0.0, 0.0, None, ["a", "b", "c", "d"])
    assert nearest(kept, {d: i for i, d in enumerate(now)}) == expected
