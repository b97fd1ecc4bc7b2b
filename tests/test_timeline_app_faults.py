"""The timeline screen's faults a tester found (issue 16 part 3, session 22): every shape on
screen explained in the legend at 80×24, `t` in a dialog as the docs say, a choice of quotes
naming each quote's source and date, zoom keeping the cursor's date in place near the span's
end and a reload scrolling to the cursor, an axis label at the coarsest zooms and their names
in words, ◆ never overdrawn by a source's mark, `+` and a count's ids explained, the about
line's dates the disputes' own, no invisible cursor when nothing is dated, the binding ids
in the docs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import make_casebook
from test_timeline_app import app_on, glyphs, line, open_timeline, status
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea
from tui_support import copy_bundled, settled

import tui.screens.main
from tui.screens.citing import CitingScreen
from tui.screens.evidence_choice import EvidenceChoice
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.rating_picker import RatingPicker
from tui.screens.timeline import TimelineScreen
from tui.widgets.dispute_view import DisputeView
from tui.widgets.timeline_chart import EVENT_MARK, HEADER, TimelineChart

DOCS = Path(__file__).parent.parent / "docs" / "timeline.md"


def legend_shown(pilot: Pilot[None]) -> str:
    """The legend's lines as drawn (what its height leaves in sight)."""
    legend = pilot.app.screen.query_one("#timeline-legend")
    strips = legend.render_lines(Region(0, 0, legend.size.width, legend.size.height))
    return "\n".join(s.text for s in strips)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_shape_in_the_chart_is_in_the_legend_in_sight(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=size) as pilot:
        chart = await open_timeline(pilot)
        assert chart.chart is not None
        drawn = {
            chart.chart.shapes[side]
            for event in chart.chart.rows
            for citation in event.citations
            if citation.published is not None
            for side in citation.sides
        }
        assert {"✦", "✕", "a", "b"} <= drawn
        shown = legend_shown(pilot)
        for glyph in drawn:
            assert glyph in shown, (glyph, shown)
        assert EVENT_MARK in shown


async def opened(pilot: Pilot[None]) -> None:
    """Settled, with the review store open (the rating picker and notes need it)."""
    await settled(pilot)
    desk = pilot.app.screen.desk  # type: ignore[attr-defined]
    for _ in range(100):
        if desk.store is not None:
            return
        await pilot.pause(0.02)


async def t_from(pilot: Pilot[None], keys: tuple[str, ...], dialog: type) -> None:
    """`keys` open `dialog` over the main screen; `t` there closes it for the timeline."""
    await pilot.press(*keys)
    await settled(pilot)
    assert isinstance(pilot.app.screen, dialog)
    await pilot.press("t")
    await settled(pilot)
    assert isinstance(pilot.app.screen, TimelineScreen)
    assert [type(s) for s in pilot.app.screen_stack[-2:]] == [MainScreen, TimelineScreen]
    await pilot.press("escape")
    await settled(pilot)
    assert isinstance(pilot.app.screen, MainScreen)


async def test_t_in_a_dialog_closes_it_for_the_timeline_but_is_typed_in_a_text_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTESTED_REVIEWER", "Tester")
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await t_from(pilot, ("question_mark",), HelpScreen)
        await t_from(pilot, ("enter", "v"), RatingPicker)  # on the first card
        assert isinstance(pilot.app.focused, DisputeView)  # back on the card
        await t_from(pilot, ("enter", "enter"), CitingScreen)  # its source, its paragraph
        await pilot.press("tab", "enter", "n")  # a card's note: `t` is a letter there
        await settled(pilot)
        assert isinstance(pilot.app.screen, NoteEditor)
        await pilot.press("t")
        await settled(pilot)
        assert isinstance(pilot.app.screen, NoteEditor)
        assert pilot.app.screen.query_one(TextArea).text.endswith("t")
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("slash", "t")  # the list's filter
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        assert isinstance(pilot.app.focused, Input)
        assert pilot.app.focused.value == "t"


async def test_a_choice_of_quotes_names_each_quotes_source_and_date(tmp_path: Path) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "j", "j", "l", "enter")  # who-killed-them's count
        await settled(pilot)
        assert isinstance(pilot.app.screen, EvidenceChoice)
        options = pilot.app.screen.query_one(OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("pushes-back" in t and "1 Jul 2025" in t for t in texts), texts
        assert any("tortured-in-baku" in t and "2 Jul 2025" in t for t in texts), texts
        assert chart.row == 5


async def test_zoom_keeps_the_cursors_date_in_its_column_near_the_span_end(
    tmp_path: Path,
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(160, 48)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j")  # uzbek-dormitory-raid, its ◆
        assert chart.event().dispute == "uzbek-dormitory-raid"  # type: ignore[union-attr]
        before = chart.column - int(chart.scroll_x)
        await pilot.press("plus")
        await pilot.pause()
        assert chart.column - int(chart.scroll_x) == before


async def test_a_reload_scrolls_to_the_cursors_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "POLL_SECONDS", 0.05)
    root = copy_bundled(tmp_path)
    deaths = root / "disputes" / "deaths.yaml"
    async with app_on(root).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("j", "j", "j", "j", *["plus"] * 4, "l")  # on pushes-back's mark
        assert chart.scroll_x > 0
        assert [c.source for c in chart.under_cursor()] == ["pushes-back"]
        text = deaths.read_text(encoding="utf-8")
        deaths.write_text(text.replace("date: 2025-06-27", "date: 2024-01-02", 1), "utf-8")
        deadline = time.monotonic() + 10
        while chart.row != 0 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await settled(pilot)
        assert chart.row == 0
        assert chart.under_cursor() == ()  # the cursor on the moved ◆, in sight
        assert EVENT_MARK in [g for _, g, _ in glyphs(chart, 0)]


@pytest.mark.parametrize(
    ("zoom_outs", "words"), [(4, "2 months a column"), (6, "1 year a column"),
                             (7, "2 years a column"), (8, "4 years a column")],
)  # fmt: skip
async def test_coarse_zooms_have_a_label_and_their_names_in_words(
    tmp_path: Path, zoom_outs: int, words: str
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)  # 4 days a column
        await pilot.press(*["minus"] * zoom_outs)
        await pilot.pause()
        about = str(pilot.app.screen.query_one("#timeline-about").render())
        assert words in about, about
        assert line(chart, 1).strip(), "no label on the axis"
        assert "┬" in line(chart, 2)


async def test_the_event_mark_stays_when_a_source_shares_its_column(tmp_path: Path) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        await pilot.press("plus")
        assert chart.scale is not None
        assert chart.scale.days_per_unit == 2
        assert chart.chart is not None
        row = next(i for i, e in enumerate(chart.chart.rows) if e.dispute == "baku-arrest-video")
        chart.go(row)
        await pilot.pause()
        assert EVENT_MARK in [g for _, g, _ in glyphs(chart, row)]


async def test_the_legend_explains_plus_and_a_counts_ids_point_at_it(tmp_path: Path) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(120, 40)) as pilot:
        chart = await open_timeline(pilot)
        # 4 days a column: both sources in one column
        assert "2 ← pushes-back, tortured-in-baku" in line(chart, 0)
        assert "+ 10 or more" in legend_shown(pilot)


async def test_the_about_line_gives_the_disputes_dates_and_the_sources_apart(
    tmp_path: Path,
) -> None:
    async with app_on(copy_bundled(tmp_path)).run_test(size=(160, 48)) as pilot:
        await open_timeline(pilot)
        about = str(pilot.app.screen.query_one("#timeline-about").render())
        assert "13 dated (25 Dec 2024 – 1 Jul 2025)" in about, about  # not 2 Jul: a source
        assert "2 sources (1 – 2 Jul 2025)" in about, about


NO_EVENT_DATES = (
    "title: Sources only\nsides:\n  a: {label: A}\nsources:\n"
    "  s: {file: s.txt, title: S}\n"
    "disputes:\n  - id: d1\n    question: When?\n    positions:\n      - side: a\n"
    "        holder: H\n        claim: C\n        evidence:\n"
    "          - {source: s, quote: He said so}\n"
)


async def test_sources_only_dated_say_no_dispute_is(tmp_path: Path) -> None:
    text = NO_EVENT_DATES.replace("title: S}", "title: S, published: 2025-07-01}")
    root = make_casebook(tmp_path / "c", text, {"s.txt": "He said so.\n"})
    async with app_on(root).run_test(size=(120, 30)) as pilot:
        await open_timeline(pilot)
        about = str(pilot.app.screen.query_one("#timeline-about").render())
        assert "0 dated," in about, about
        assert "0 dated (" not in about, about
        assert "1 source (1 Jul 2025)" in about, about


async def test_nothing_to_place_in_time_draws_the_undated_rows(tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "c", NO_EVENT_DATES, {"s.txt": "He said so.\n"})
    async with app_on(root).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        assert "nothing to place in time" in line(chart, 0)
        row = line(chart, HEADER)
        assert "d1" in row
        assert "no date" in row
        assert "d1 · no date" in status(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, MainScreen)  # the row it draws, opened


def test_the_docs_list_the_binding_ids() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    section = docs[docs.index("## In the app") :]
    for binding in TimelineChart.BINDINGS + TimelineScreen.BINDINGS:
        assert f"`{binding.id}`" in section, binding.id
    assert "`app.timeline`" in section


async def test_ten_thousand_years_zoomed_in_to_days_answers_at_once(tmp_path: Path) -> None:
    """A typo'd year (0001) against 9999: zoomed in fully, the axis has millions of day
    ticks; only those in sight are found, so a key is answered at once, and labelled."""
    text = NO_EVENT_DATES.replace("title: S}", "title: S, published: 0001-01-01}")
    text = text.replace("    question: When?\n", "    question: When?\n    date: 9999-12-31\n")
    root = make_casebook(tmp_path / "c", text, {"s.txt": "He said so.\n"})
    async with app_on(root).run_test(size=(100, 30)) as pilot:
        chart = await open_timeline(pilot)
        started = time.perf_counter()
        for _ in range(20):  # to the finest zoom: 20 keys, each a new scale drawn
            await pilot.press("plus")
        await pilot.press("end")
        await settled(pilot)
        labels = line(chart, 1)
        took = time.perf_counter() - started
        assert chart.scale is not None
        assert chart.scale.days_per_unit < 1
        assert took < 5.0, f"{took:.1f} s for 21 keys"  # every tick of the span: ~13 s
        assert any(ch.isdigit() for ch in labels[chart.label_width :]), labels
