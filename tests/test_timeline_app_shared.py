"""The timeline's faults a fresh tester found (session 22, fixer X5): `enter` and a click
on ◆ open the dispute even when a citing source shares its column (the source's marks are
a stop of their own, the column after), a click on a row's label selects it (and on the
cursor's row, opens the dispute), "1 dispute" in the singular, the choice of quotes drawing
each side's own shape, and the about line whole at 80 columns."""

from __future__ import annotations

from pathlib import Path

from conftest import make_casebook
from test_timeline_app import app_on, glyphs, line, open_timeline
from textual.widgets import OptionList
from tui_support import copy_bundled, settled

from tui.screens.evidence_choice import EvidenceChoice
from tui.screens.main import MainScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.dispute_view import DisputeView
from tui.widgets.timeline_chart import EVENT_MARK, HEADER

ONE = (
    "title: One\nsides:\n  a: {label: Side A}\n  b: {label: Side B}\nsources:\n"
    "  s: {file: s.txt, title: S, published: 2026-03-01}\n"
    "disputes:\n  - id: bridge-cracks\n    question: Did the bridge crack?\n"
    "    date: 2026-03-01\n    positions:\n"
    "      - side: a\n        holder: H\n        claim: C\n        evidence:\n"
    "          - {source: s, quote: It cracked}\n"
    "      - side: b\n        holder: K\n        claim: D\n        evidence:\n"
    "          - {source: s, quote: It held}\n"
)


def one(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "c", ONE, {"s.txt": "It cracked. It held.\n"})


def backgrounds(chart, row: int) -> list[object]:  # type: ignore[no-untyped-def]
    """Each cell's background on `row` (to find the cursor's cell)."""
    out: list[object] = []
    for segment in chart.render_line(HEADER + row):
        colour = segment.style.bgcolor if segment.style else None
        out += [colour] * len(segment.text)
    return out


def opened_dispute(pilot) -> str | None:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, MainScreen), pilot.app.screen
    view = pilot.app.screen.query_one(DisputeView)
    return view.dispute.id if view.dispute is not None else None


async def test_enter_on_the_event_mark_opens_the_dispute_when_a_source_shares_its_column(
    tmp_path: Path,
) -> None:
    async with app_on(one(tmp_path)).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        assert chart.under_cursor() == ()  # on ◆, not on the source beside it
        await pilot.press("enter")
        await settled(pilot)
        assert opened_dispute(pilot) == "bridge-cracks"
        chart = await open_timeline(pilot)
        await pilot.press("l")  # the source's marks, the column after ◆: their own stop
        assert [c.source for c in chart.under_cursor()] == ["s"]
        marks = glyphs(chart, 0)
        assert [g for _, g, _ in marks][:3] == [EVENT_MARK, "●", "▲"]
        lit = [x for x, g, _ in marks if backgrounds(chart, 0)[x] != backgrounds(chart, 1)[x]]
        assert lit == [marks[1][0]], (lit, marks)  # the cursor on ●, the cell after ◆
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, EvidenceChoice)  # its two quotes
        await pilot.press("escape")
        await pilot.press("h")
        assert chart.under_cursor() == ()


async def test_enter_on_plane_how_downed_zoomed_out_opens_it(tmp_path: Path) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press(*["minus"] * 8, "j", "k")  # 4 years a column: all in one column
        assert chart.event().dispute == "plane-how-downed"  # type: ignore[union-attr]
        await pilot.press("enter")
        await settled(pilot)
        assert opened_dispute(pilot) == "plane-how-downed"


async def test_a_click_on_the_event_mark_opens_the_dispute_and_on_a_label_selects(
    tmp_path: Path,
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press(*["minus"] * 8)
        diamond = next(x for x, g, _ in glyphs(chart, 0) if g == EVENT_MARK)
        await pilot.click(chart, offset=(diamond, HEADER))  # the cursor's own ◆: open
        await settled(pilot)
        assert opened_dispute(pilot) == "plane-how-downed"
        chart = await open_timeline(pilot)
        await pilot.click(chart, offset=(3, HEADER + 2))  # another row's label: select it
        await settled(pilot)
        assert isinstance(pilot.app.screen, TimelineScreen)
        assert chart.row == 2
        assert chart.under_cursor() == ()
        wanted = chart.event().dispute  # type: ignore[union-attr]
        await pilot.click(chart, offset=(3, HEADER + 2))  # the selected row's label: open
        await settled(pilot)
        assert opened_dispute(pilot) == wanted


async def test_one_dispute_is_singular_on_the_axis(tmp_path: Path) -> None:
    async with app_on(one(tmp_path)).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        axis = line(chart, 2)
        assert axis.startswith("1 dispute "), axis


async def test_the_choice_of_quotes_draws_each_sides_own_shape(tmp_path: Path) -> None:
    async with app_on(one(tmp_path)).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("l", "enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, EvidenceChoice)
        options = pilot.app.screen.query_one(OptionList)
        assert chart.chart is not None
        colours = chart.chart.colours
        found = []
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            text = str(prompt)
            shape = next(ch for ch in text if ch in "●▲")
            span = next(s for s in prompt.spans if text[s.start : s.end] == shape)
            found.append((shape, str(span.style).removeprefix("bold ").lower()))
        assert sorted(found) == sorted([("●", colours["a"].lower()), ("▲", colours["b"].lower())])


async def test_the_about_line_shows_the_sources_range_at_80_columns(tmp_path: Path) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        about = pilot.app.screen.query_one("#timeline-about")
        shown = "\n".join(s.text for s in about.render_lines(about.region.reset_offset))
        assert "…" not in shown, shown
        assert "13 undated" in shown, shown
        assert "2 sources (1 – 2 Jul 2025)" in shown, shown
