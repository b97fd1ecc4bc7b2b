"""The timeline in the app (issue 16): `t` opens it, the dated disputes in date order with
each citing source's marks at its date, zoom relabels the axis, `enter` opens the dispute
(or the card of the quote under the cursor), `escape` goes back to the same place; a
casebook without dates says so, hostile text stays literal, 3,000 events scroll to the
last, a date changed on disk moves its row; and in a real terminal (tmux), `t` and a
click on a row."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from conftest import make_casebook
from textual.pilot import Pilot
from tmux_support import CONTESTED, Terminal, flatten, needs_tmux
from tui_support import copy_bundled, settled

import tui.screens.main
from claims.loader import load
from tui.app import ContestedApp, create_app
from tui.screens.evidence_choice import EvidenceChoice
from tui.screens.main import MainScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView
from tui.widgets.timeline_chart import EVENT_MARK, HEADER, NO_DATE, TimelineChart


def app_on(root: Path) -> ContestedApp:
    return create_app(root, keymap_file=Path("/nonexistent"))


async def open_timeline(pilot: Pilot[None]) -> TimelineChart:
    await settled(pilot)
    await pilot.press("t")
    await settled(pilot)
    assert isinstance(pilot.app.screen, TimelineScreen)
    chart = pilot.app.screen.query_one(TimelineChart)
    assert chart.chart is not None
    return chart


def line(chart: TimelineChart, y: int) -> str:
    return chart.render_line(y).text


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#timeline-status").render())


def glyphs(chart: TimelineChart, row: int) -> list[tuple[int, str, str | None]]:
    """The marks drawn on `row` right of the label column: (cell, glyph, colour "#rrggbb"
    or None), the link line left out."""
    strip = chart.render_line(HEADER + row - int(chart.scroll_y))
    out, x = [], 0
    for segment in strip:
        for char in segment.text:
            if x >= chart.label_width and char.strip() and char != "─":
                colour = segment.style.color if segment.style else None
                out.append((x, char, colour.triplet.hex if colour and colour.triplet else None))
            x += 1
    return out


async def test_t_shows_the_dated_disputes_in_date_order_and_the_sources_marks(
    tmp_path: Path,
) -> None:
    root = copy_bundled(tmp_path)
    casebook = load(root).casebook
    dated = sorted((d for d in casebook.disputes if d.date), key=lambda d: d.date or dt.date.min)
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        ids = [line(chart, HEADER + i).split()[0] for i in range(len(dated))]
        assert ids == [d.id for d in dated]
        diamonds = [line(chart, HEADER + i).index(EVENT_MARK) for i in range(3)]
        assert diamonds[0] < diamonds[2]  # 25 Dec 2024, then 10 Apr 2025: further right
        undated = line(chart, HEADER + len(dated))
        assert NO_DATE in undated
        assert EVENT_MARK not in undated
        row = ids.index("cause-of-death")
        for _ in range(row):
            await pilot.press("j")
        said = status(pilot)
        assert "cause-of-death · 27 Jun 2025 ·" in said
        assert "pushes-back 1 Jul (+4 d)" in said
        assert "tortured-in-baku 2 Jul (+5 d)" in said
        await pilot.press("plus", "plus")  # a day a column: each source in a column of its own
        assert chart.scale is not None
        assert chart.scale.days_per_unit == 1.0
        marks = glyphs(chart, row)
        event = next(x for x, g, _ in marks if g == EVENT_MARK)
        drawn = [(x - event, g, c) for x, g, c in marks if g != EVENT_MARK]
        # pushes-back (1 Jul, +4 d) speaks for the family (✦ yellow); tortured-in-baku
        # (2 Jul, +5 d) for the Russian (● red) and Azerbaijani authorities (▲ blue).
        assert drawn == [(4, "✦", "#ffd43b"), (5, "●", "#ff6b6b"), (6, "▲", "#4fc3f7")]
        sources = line(chart, 0)
        assert sources.count("■") == 2  # 1 and 2 Jul: each its own
        assert "pushes-back ■■" in sources  # no room after the first ■: its id before it
        await pilot.press("minus", "minus")  # 4 days a column: one column, a count
        assert "2 ← pushes-back, tortured-in-baku" in line(chart, 0)


async def test_zoom_changes_the_tick_labels_and_keeps_the_cursor_in_view(
    tmp_path: Path,
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "j")  # cause-of-death, 27 Jun 2025
        months = line(chart, 1)
        assert "Jan 2025" in months
        assert "Apr" in months
        await pilot.press("plus", "plus", "plus", "plus", "plus")
        days = line(chart, 1)
        assert days != months
        assert "Jun" in days
        assert "Apr" not in days
        assert any(f"{n} Jun" in days for n in range(20, 31))  # days or weeks, by date
        assert EVENT_MARK in glyphs(chart, 4)[0][1]  # the cursor's ◆ still in sight
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        assert line(chart, 1) == months


async def test_enter_opens_the_dispute_or_the_quote_under_the_cursor(tmp_path: Path) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "j", "plus", "plus")
        assert chart.event() is not None
        assert chart.event().dispute == "cause-of-death"  # type: ignore[union-attr]
        await pilot.press("enter")  # on ◆: the dispute
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        view = pilot.app.screen.query_one(DisputeView)
        assert view.dispute is not None
        assert view.dispute.id == "cause-of-death"
        chart = await open_timeline(pilot)
        assert chart.event().dispute == "cause-of-death"  # type: ignore[union-attr]
        await pilot.press("l")  # pushes-back's mark: one quote, the family's
        assert [c.source for c in chart.under_cursor()] == ["pushes-back"]
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        view = pilot.app.screen.query_one(DisputeView)
        card = view.cards[view.cursor]
        assert (card.position, card.evidence, card.source) == (2, 0, "pushes-back")
        assert view.has_focus


async def test_two_sources_in_one_column_ask_which_quote(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    dispute = load(root).casebook.dispute("who-killed-them")
    assert dispute is not None
    quotes = sum(len(p.evidence) for p in dispute.positions)  # both sources' quotes: all
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "j", "j")  # who-killed-them: 1 and 2 Jul in one column
        assert "2" in [g for _, g, _ in glyphs(chart, 5)]
        await pilot.press("l")
        assert sorted(c.source for c in chart.under_cursor()) == ["pushes-back", "tortured-in-baku"]
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, EvidenceChoice)
        assert len(pilot.app.screen.quotes) == quotes
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, TimelineScreen)


async def test_past_the_last_mark_the_arrows_scroll_time_and_a_click_selects(
    tmp_path: Path,
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press(*["plus"] * 6)  # 4 columns a day: half a year is wider than the view
        x = chart.scroll_x
        await pilot.press("h")  # plane-how-downed's ◆ is its first mark: time scrolls back
        assert chart.scroll_x < x
        assert chart.row == 0
        await pilot.press("l")  # the next mark: its source, 188 days on
        assert [c.source for c in chart.under_cursor()] == ["pushes-back"]
        assert "pushes-back 1 Jul 2025 (+188 d)" in status(pilot)
        await pilot.click(TimelineChart, offset=(3, HEADER + 6))  # raid-justification's label
        assert chart.row == 6
        assert "raid-justification · 27 Jun 2025" in status(pilot)


async def test_escape_goes_back_to_the_same_place_and_t_again_keeps_the_cursor(
    tmp_path: Path,
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("j", "j", "j")
        listing = pilot.app.screen.query_one(DisputeList)
        before = listing.highlighted
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "plus", "l")
        place = (chart.row, chart.column, chart.scale)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.screen.query_one(DisputeList).highlighted == before
        assert pilot.app.screen.query_one(DisputeList).has_focus
        chart = await open_timeline(pilot)
        assert (chart.row, chart.column, chart.scale) == place


async def test_a_casebook_without_dates_says_so(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "nodates",
        "title: No dates\nsides:\n  a: {label: A}\nsources:\n  s: {file: s.txt, title: S}\n"
        "disputes:\n  - id: d1\n    question: When?\n    positions:\n      - side: a\n"
        "        holder: H\n        claim: C\n        evidence:\n"
        "          - {source: s, quote: He said so}\n",
        {"s.txt": "He said so.\n"},
    )
    async with app_on(root).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        assert "has a date: nothing to place in time" in line(chart, 0)
        assert "date:" in line(chart, 1)
        assert "published:" in line(chart, 1)
        await pilot.press("j", "l", "plus", "minus", "end", "enter")
        await settled(pilot)
        assert pilot.app.is_running


async def test_a_date_changed_on_disk_moves_the_row_and_keeps_the_cursor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    deaths = root / "disputes" / "deaths.yaml"
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "j")
        assert chart.event().dispute == "cause-of-death"  # type: ignore[union-attr]
        text = deaths.read_text(encoding="utf-8")
        deaths.write_text(text.replace("date: 2025-06-27", "date: 2024-01-02", 1), "utf-8")
        deadline = time.monotonic() + 10
        while chart.row != 0 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert chart.row == 0  # the earliest now: the first row, the cursor still on it
        assert chart.event().dispute == "cause-of-death"  # type: ignore[union-attr]
        assert "cause-of-death · 2 Jan 2024" in status(pilot)
        assert "2024" in line(chart, 1)  # the axis starts there now


HOSTILE_QUESTION = "Who [bold]won[/bold] the [@click=app.quit]vote[/]?"


async def test_hostile_text_stays_literal(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "hostile",
        'title: Hostile\nsides:\n  a: {label: "Side [red]A[/red]"}\n'
        'sources:\n  s: {file: s.txt, title: "[bold]S[/bold]", outlet: "[i]Out[/i]",'
        " published: 2025-01-03}\n"
        f'disputes:\n  - id: d1\n    question: "{HOSTILE_QUESTION}"\n    date: 2025-01-01\n'
        "    positions:\n      - side: a\n        holder: H\n        claim: C\n"
        "        evidence:\n          - {source: s, quote: He said so}\n",
        {"s.txt": "He said so.\n"},
    )
    async with app_on(root).run_test(size=(160, 30)) as pilot:
        chart = await open_timeline(pilot)
        assert "d1 Who [bold]won[/bold]" in line(chart, HEADER)
        assert "■ s ([i]Out[/i])" in line(chart, 0)
        said = status(pilot)
        assert HOSTILE_QUESTION in said
        assert "s 3 Jan (+2 d)" in said
        legend = str(pilot.app.screen.query_one("#timeline-legend").render())
        assert "Side [red]A[/red]" in legend
        assert pilot.app.is_running


def many_events(root: Path, count: int) -> Path:
    """`count` disputes, one a day from 1 Jan 2020, each cited by one of 10 sources."""
    sources = "".join(
        f"  s{n}: {{file: s.txt, title: S{n}, published: 2021-0{n % 9 + 1}-01}}\n"
        for n in range(10)
    )
    disputes = "".join(
        f"  - id: e{n:04d}\n    question: Event {n:04d}?\n"
        f"    date: {dt.date(2020, 1, 1) + dt.timedelta(days=n)}\n"
        f"    positions:\n      - side: a\n        holder: H\n        claim: C\n"
        f"        evidence:\n          - {{source: s{n % 10}, quote: He said so}}\n"
        for n in range(count)
    )
    text = f"title: Many\nsides:\n  a: {{label: A}}\nsources:\n{sources}disputes:\n{disputes}"
    return make_casebook(root, text, {"s.txt": "He said so.\n"})


async def test_3000_events_scroll_to_the_last_row(tmp_path: Path) -> None:
    root = many_events(tmp_path / "many", 3000)
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        assert chart.chart is not None
        assert len(chart.chart.rows) == 3000
        await pilot.press("pagedown", "pagedown")
        assert chart.row > 40
        await pilot.press("end")
        await pilot.pause()
        assert chart.row == 2999
        height = chart.scrollable_content_region.height
        last = line(chart, height - 1)
        assert last.startswith("e2999 Event 2999?")
        assert EVENT_MARK in last  # the cursor's ◆ scrolled into sight too
        last_day = dt.date(2020, 1, 1) + dt.timedelta(days=2999)
        assert f"e2999 · {last_day.day} {last_day:%b %Y}" in status(pilot)
        await pilot.press("home")
        assert chart.row == 0
        assert line(chart, HEADER).startswith("e0000")


@needs_tmux
def test_t_and_a_click_on_a_row_in_a_real_terminal(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    term = Terminal([str(CONTESTED), str(root)], width=120, height=40)
    try:
        term.wait_for("How did the Safarov brothers die?", "errors")
        term.keys("t")
        screen = term.wait_for("dated (", "sources", "plane-how-downed")
        assert "\x1b" not in screen
        assert "plane-how-downed · 25 Dec 2024" in flatten(screen)
        x, y = term.find("sputnik-spies")
        term.click(x + 2, y)
        term.wait_for("sputnik-spies · 30 Jun 2025", "Were Igor Kartavikh")
        term.keys("Enter")  # on its ◆: the dispute in the main screen
        term.wait_for("sputnik-spies · 2025-06-30 · #sputnik", absent=("dated (",))
        term.keys("q")
    finally:
        term.close()
