"""Faults the last tester found in side by side and the timeline (session 22), each pinned
by a test: the source view's keys doing nothing in side by side without a word (F5); `=`
saying the right source "says nothing" on a dispute whose quote in it is ambiguous or not
found (F6); the too-narrow message cut off at 70 columns (F13); the timeline saying
nothing when a reload breaks the casebook and losing the cursor's dispute for good (F7);
an undated row's mark over its "no date" and the first tick in sight without its year
(F11)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_casebook
from test_side_by_side import app_for, open_pushes_back, side_by_side, status
from test_timeline_app import app_on, line, open_timeline
from textual.pilot import Pilot
from textual.widgets import Static
from tui_support import copy_bundled, settled

import tui.screens.main
from tui.app import create_app
from tui.screens.side_by_side import SideBySideScreen
from tui.screens.source import SourceScreen
from tui.widgets.timeline_chart import HEADER

SIZE = (120, 36)

FIRST = "The council voted on Monday.\n\nNothing else happened here.\n"
SECOND = (
    "Delegates met in the morning.\n\n"
    "The motion was carried.\n\n"
    "Weather was fine all week.\n\n"
    "The motion was carried.\n"
)
CASEBOOK = """\
title: Two accounts
sides:
  a: {label: Side A}
  b: {label: Side B}
sources:
  first: {file: sources/first.txt, title: First account}
  second: {file: sources/second.txt, title: Second account}
disputes:
  - id: un-vote
    question: Was the motion carried?
    positions:
      - side: a
        holder: First
        claim: It was voted on.
        evidence:
          - source: first
            quote: The council voted on Monday.
      - side: b
        holder: Second
        claim: It was carried.
        evidence:
          - source: second
            quote: QUOTE
"""


def two_accounts(tmp_path: Path, quote: str) -> Path:
    """A casebook of two sources; `second`'s quote for un-vote is `quote`."""
    root = tmp_path / "two"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "first.txt").write_text(FIRST, encoding="utf-8")
    (root / "sources" / "second.txt").write_text(SECOND, encoding="utf-8")
    path = root / "casebook.yaml"
    path.write_text(CASEBOOK.replace("QUOTE", quote), encoding="utf-8")
    return path


async def open_first(pilot: Pilot[None]) -> SideBySideScreen:
    """The first card's source (`first`), then `s` and the second source beside it."""
    await settled(pilot)
    await pilot.press("enter", "enter")
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SourceScreen)
    assert screen.source_id == "first"
    return await side_by_side(pilot)


KEYS = [("slash", "/"), ("f", "f"), ("p", "p"), ("v", "v"), ("right_parenthesis", ")"),
        ("y", "y"), ("a", "a")]  # fmt: skip


@pytest.mark.parametrize(("key", "shown"), KEYS)
async def test_source_view_keys_say_where_they_work(tmp_path: Path, key: str, shown: str) -> None:
    """F5: each of the source view's search, lens, profile and capture keys says, in side
    by side, that it works in the source view, naming the key; nothing else happens."""
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is screen
        said = [str(n.message) for n in app._notifications]
        assert any("source view" in m and f"then {shown}" in m for m in said), said


async def test_equals_names_an_ambiguous_quote_and_goes_to_its_first_place(
    tmp_path: Path,
) -> None:
    """F6: the right source cites un-vote, but its quote is in ¶2 and ¶4: `=` says so (not
    "says nothing") and goes to ¶2, "1 of 2 places"."""
    app = create_app(two_accounts(tmp_path, "The motion was carried."),
                     keymap_file=Path("/nonexistent"))  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("equals_sign")
        await pilot.pause()
        said = status(screen)
        assert "says nothing" not in said
        assert said == "second's quote for un-vote is ambiguous (¶2, ¶4) · ¶2: 1 of 2 places"
        assert screen.views[1].current == 2


async def test_equals_names_a_quote_not_found(tmp_path: Path) -> None:
    """F6: the right source cites un-vote with a quote that is not in it: `=` says so."""
    app = create_app(two_accounts(tmp_path, "Nobody ever mentioned any vote at all."),
                     keymap_file=Path("/nonexistent"))  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("equals_sign")
        await pilot.pause()
        assert status(screen) == "second's quote for un-vote is not found in it"


@pytest.mark.parametrize("width", [60, 70])
async def test_the_too_narrow_message_is_whole(tmp_path: Path, width: int) -> None:
    """F13: at 60 and 70 columns the too-narrow message wraps and is read to its end."""
    app = app_for(tmp_path)
    async with app.run_test(size=(width, 20)) as pilot:
        await open_pushes_back(pilot)
        screen = await side_by_side(pilot)
        narrow = screen.query_one("#side-narrow", Static)
        shown = " ".join(
            "".join(s.text for s in line).strip()
            for line in narrow.render_lines(narrow.region.reset_offset)
        )
        shown = " ".join(shown.split())
        assert f"(it is {width}), or esc to go back." in shown, shown


def about(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#timeline-about").render())


async def wait_for(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 15
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.1)
    await settled(pilot)
    assert done()


async def test_a_reload_that_breaks_the_cursors_dispute_says_so_and_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F7: the cursor on who-killed-them, its YAML file broken on disk: the timeline says
    the casebook has errors since the reload and that the dispute is gone; the file fixed,
    the cursor is back on it and the notice gone."""
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    deaths = root / "disputes" / "deaths.yaml"
    text = deaths.read_text(encoding="utf-8")
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        assert chart.chart is not None
        target = "who-killed-them"
        row = [e.dispute for e in chart.chart.rows].index(target)
        assert row > 0
        await pilot.press(*["j"] * row)
        await pilot.pause()
        current = chart.event()
        assert current is not None
        assert current.dispute == target
        assert "gone" not in about(pilot)
        deaths.write_text(text + "- id: [broken\n", encoding="utf-8")
        await wait_for(pilot, lambda: target not in [e.dispute for e in chart.chart.rows])  # type: ignore[union-attr]
        said = about(pilot)
        assert f"{target} is gone from the casebook" in said, said
        assert "since the reload: escape, then p" in said, said
        assert "the casebook has 1 error" in said or "errors since" in said, said
        deaths.write_text(text, encoding="utf-8")
        await wait_for(pilot, lambda: target in [e.dispute for e in chart.chart.rows])  # type: ignore[union-attr]
        current = chart.event()
        assert current is not None
        assert current.dispute == target
        assert "gone" not in about(pilot)
        assert "error" not in about(pilot)


TEN_THOUSAND_YEARS = (
    "title: Ten thousand years\nsides:\n  a: {label: A}\nsources:\n"
    "  s: {file: s.txt, title: S, published: 0001-01-01}\n"
    "disputes:\n"
    "  - id: d1\n    question: When?\n    date: 9999-12-31\n    positions:\n"
    "      - side: a\n        holder: H\n        claim: C\n        evidence:\n"
    "          - {source: s, quote: He said so}\n"
    "  - id: d2\n    question: Never dated?\n    positions:\n"
    "      - side: a\n        holder: H\n        claim: C\n        evidence:\n"
    "          - {source: s, quote: He said so}\n"
)


async def test_undated_rows_keep_their_label_and_the_first_tick_its_year(
    tmp_path: Path,
) -> None:
    """F11: year 1 at the view's left edge, zoomed in to 16 columns a day: the undated
    row reads "no date" (no mark over it), and the first tick in sight names its year."""
    root = make_casebook(tmp_path / "c", TEN_THOUSAND_YEARS, {"s.txt": "He said so.\n"})
    async with app_on(root).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        assert chart.chart is not None
        undated = [e.dispute for e in chart.chart.rows].index("d2")

        def undated_row() -> str:
            return line(chart, HEADER + undated - int(chart.scroll_y))[chart.label_width :]

        assert undated_row().startswith("no date"), undated_row()  # year 1 in column 0
        for _ in range(20):
            await pilot.press("plus")
            await pilot.press("home")
            await settled(pilot)
            assert undated_row().startswith("no date"), undated_row()
        assert chart.scale is not None
        assert chart.scale.days_per_unit == pytest.approx(1 / 16)
        chart.scroll_to(x=3, animate=False, immediate=True)  # "1 Jan 1" cut on the left
        await settled(pilot)
        labels = line(chart, 1)[chart.label_width :]
        first = labels.strip().split("  ")[0]
        assert first == "2 Jan 1", labels
