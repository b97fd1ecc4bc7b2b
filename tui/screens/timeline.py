"""The timeline (`t`): disputes placed by their event `date:`, sources by `published:`, and
each source's citations drawn as marks on the disputes they speak to, so a reader sees who
said what, when, and how long after the event (issue 16).

The model is `claims.timeline.build_timeline` (the one `contested timeline` prints), drawn
by `tui.widgets.timeline_chart`. Under the chart, the cursor's row in words: "cause-of-death
· 27 Jun 2025 · pushes-back 1 Jul (+4 d) · tortured-in-baku 2 Jul (+5 d)", the question,
and the sources with no `published:` date. `enter` opens the dispute in the main screen; on
a source's mark, the card of its quote (several quotes: pick one, as the coverage matrix
does). The timeline is built by a worker and kept for the casebook loaded, with the
cursor's place and zoom, so `t` again opens where the user left it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from claims.formats import plural
from claims.gcpause import paused_gc
from claims.model import Casebook
from claims.timeline import Citation, Event, build_timeline, lag_short, long_date
from tui.render import side_colour
from tui.screens.coverage import over_main
from tui.session import Session
from tui.threads import Gone, on_ui
from tui.widgets.coverage_grid import one_line
from tui.widgets.key_bar import KeyBar
from tui.widgets.timeline_chart import (
    EVENT_MARK,
    NO_DATE,
    PUBLISHED_MARK,
    Chart,
    TimelineChart,
)

if TYPE_CHECKING:
    from tui.app import ContestedApp
    from tui.screens.main import MainScreen

#: Per main screen: the chart of its session; the cursor's (dispute id, date, zoom).
_KEPT: WeakKeyDictionary[MainScreen, tuple[Session, Chart]] = WeakKeyDictionary()
_PLACE: WeakKeyDictionary[MainScreen, tuple[str, dt.date | None, float | None]] = (
    WeakKeyDictionary()
)


#: A side's mark, in the casebook's order of sides; past these, letters (then "?").
SHAPES = ("●", "▲", "▼", "✚", "★", "✦", "✕")


def side_shapes(sides: Sequence[str]) -> dict[str, str]:
    """Each side's mark glyph, in order: `SHAPES`, then a, b, c… (then "?")."""
    glyphs = [*SHAPES, *"abcdefghijklmnopqrstuvwxyz"]
    return {s: glyphs[i] if i < len(glyphs) else "?" for i, s in enumerate(sides)}


def build(casebook: Casebook) -> Chart:
    """The chart of `casebook`: `build_timeline`, and the colour, shape and label of every
    side (the casebook's in its order, then those positions name but it does not declare)."""
    timeline = build_timeline(casebook)
    used = {s for e in (*timeline.events, *timeline.undated) for c in e.citations for s in c.sides}
    sides = [*casebook.sides, *sorted(used - casebook.sides.keys())]
    labels = {s.id: s.label for s in casebook.sides.values()}
    labels.update({s: f"{s} (unknown side)" for s in used - labels.keys()})
    colours = {s: side_colour(casebook, s) for s in sides}
    return Chart(timeline, colours, side_shapes(sides), labels)


def open_timeline(app: ContestedApp) -> None:
    """`t`: push the timeline over the main screen (once the casebook is loaded). The
    first time for a casebook, the timeline is built first (a worker) and the screen pushed
    with it, so its first frame is the chart (no "placing…" frame to draw meanwhile)."""
    main = over_main(app, TimelineScreen)
    if main is None or main.session is None:
        return
    kept = _KEPT.get(main)
    if kept is not None and kept[0] is main.session:
        app.push_screen(TimelineScreen(main))
        return
    session = main.session

    def built() -> None:
        with paused_gc():  # many small objects, no cycles (`claims.gcpause`)
            chart = build(session.casebook)
        with contextlib.suppress(Gone):  # the app went first
            on_ui(main, push, chart)

    def push(chart: Chart) -> None:
        slow.stop()
        _KEPT[main] = (session, chart)
        if app.screen is main and main.session is session:  # the user did not move on
            app.push_screen(TimelineScreen(main))

    slow = app.set_timer(0.3, lambda: app.notify("Placing the disputes in time…", timeout=2))
    app.run_worker(built, thread=True, exclusive=True, group="timeline-open",
                   description="timeline")  # fmt: skip


def short_date(day: dt.date, event: dt.date | None) -> str:
    """ "1 Jul" in the event's year, else "1 Jul 2025" (`long_date`)."""
    text = long_date(day)
    return text.rsplit(" ", 1)[0] if event is not None and day.year == event.year else text


class TimelineScreen(Screen[None]):
    """The timeline of the main screen's casebook (see the module)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="timeline.back")]
    DEFAULT_CSS = """
    TimelineScreen #timeline-about {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TimelineScreen #timeline-status {
        height: 2; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TimelineScreen #timeline-status.-undated { height: 3; }
    TimelineScreen #timeline-legend { height: auto; max-height: 2; padding: 0 1; }
    """

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main
        assert main.session is not None
        self.session: Session = main.session
        self.chart: Chart | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Placing the disputes in time…", id="timeline-about", markup=False)
        yield TimelineChart(id="timeline-chart")
        yield Static("", id="timeline-status", markup=False)
        yield Static("", id="timeline-legend", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Timeline: who said what, when"
        kept = _KEPT.get(self.main)
        if kept is not None and kept[0] is self.session:
            self.shown(self.session, kept[1])
        else:
            self.build_chart(self.session)
        self.set_interval(1.0, self.follow_reload)
        self.query_one(TimelineChart).focus()

    def follow_reload(self) -> None:
        """After a reload of the whole casebook, the timeline of the new one (same place)."""
        session = self.main.session
        if session is not None and session is not self.session and session.loaded.complete:
            self.session = session
            self.build_chart(session)

    @work(thread=True, exclusive=True, group="timeline", description="timeline")
    def build_chart(self, session: Session) -> None:
        with paused_gc():  # many small objects, no cycles (`claims.gcpause`)
            chart = build(session.casebook)
        with contextlib.suppress(Gone):  # the screen or the app went first
            on_ui(self, self.shown, session, chart)

    def shown(self, session: Session, chart: Chart) -> None:
        if session is not self.session:
            return
        _KEPT[self.main] = (session, chart)
        self.chart = chart
        row, day, zoom = 0, None, None
        place = _PLACE.get(self.main)
        if place is not None:
            rows = (i for i, e in enumerate(chart.rows) if e.dispute == place[0])
            row, day, zoom = next(rows, 0), place[1], place[2]
        undated = any(p.published is None for p in chart.timeline.publications)
        self.query_one("#timeline-status", Static).set_class(undated, "-undated")
        widget = self.query_one(TimelineChart)
        widget.show(chart, row, day, zoom)
        self.query_one("#timeline-legend", Static).update(self.legend(chart))
        self.describe(widget)  # in the same frame as the chart's first lines

    @on(TimelineChart.Moved)
    def moved(self) -> None:
        self.describe(self.query_one(TimelineChart))

    def about(self, chart: Chart, chart_widget: TimelineChart) -> Content:
        """One line: the zoom, then how many disputes are dated (over which dates), how many
        not, and the sources: "2 days a column · 26 disputes: 13 dated (25 Dec 2024 – 2 Jul
        2025), 13 undated · 2 sources"."""
        timeline = chart.timeline
        dated, undated = len(timeline.events), len(timeline.undated)
        parts = []
        scale = chart_widget.scale
        if scale is not None:
            days = scale.days_per_unit
            many = f"{round(1 / days)} columns a day"
            parts.append(many if days < 1 else f"{plural(round(days), 'day')} a column")
        text = f"{plural(dated + undated, 'dispute')}: {dated} dated"
        if timeline.start is not None and timeline.end is not None:
            text += f" ({long_date(timeline.start)} – {long_date(timeline.end)})"
        parts.append(text + f", {undated} undated")
        parts.append(plural(len(timeline.publications), "source"))
        return Content(" · ".join(parts))

    def legend(self, chart: Chart) -> Content:
        """The marks, then each side's shape in its colour."""
        parts: list[str | tuple[str, str]] = [
            (EVENT_MARK, "bold"), " event  ", (PUBLISHED_MARK, "bold"), " published  ",
            ("2", "bold reverse"), " sources on one date  ", ("sides: ", "dim"),
        ]  # fmt: skip
        for side, label in chart.labels.items():
            glyph = chart.shapes.get(side, "?")
            parts += [(glyph, f"bold {chart.colours[side]}"), " ", one_line(label), "  "]
        return Content.assemble(*parts)

    def describe(self, widget: TimelineChart) -> None:
        """The about line and the status line for the chart's scale and cursor."""
        chart = self.chart
        if chart is None or widget.chart is None:
            return
        self.query_one("#timeline-about", Static).update(self.about(chart, widget), layout=False)
        current = widget.event()
        if current is None:
            self.query_one("#timeline-status", Static).update(Content("No disputes."))
            return
        scale = widget.scale
        _PLACE[self.main] = (
            current.dispute,
            widget.cursor_day() if widget.column >= 0 else None,
            scale.days_per_unit if scale is not None else None,
        )
        under = {c.source for c in widget.under_cursor()}
        line = self.status(chart, current, under, on_event=not under)
        self.query_one("#timeline-status", Static).update(line, layout=False)

    def status(self, chart: Chart, event: Event, under: set[str], on_event: bool) -> Content:
        """The row in words: id · date · each source's date and lag (those under the cursor
        bold), then the question, then the casebook's undated sources."""
        date = long_date(event.date) if event.date is not None else NO_DATE
        parts: list[str | tuple[str, str]] = [
            (one_line(event.dispute), "bold"), " · ", (date, "reverse" if on_event else ""),
        ]  # fmt: skip
        undated: list[Citation] = []
        for citation in event.citations:
            if citation.published is None:
                undated.append(citation)
                continue
            parts += [" · ", *self.marks(chart, citation)]
            when = short_date(citation.published, event.date)
            lag = lag_short(citation.lag_days)
            text = one_line(citation.source) + f" {when}" + (f" ({lag})" if lag else "")
            parts.append((text, "bold reverse" if citation.source in under else ""))
        if undated:
            names = ", ".join(one_line(c.source) for c in undated)
            parts += [" · ", (f"undated: {names}", "dim")]
        if not event.citations:
            parts += [" · ", ("no source cites it", "dim")]
        second: list[str | tuple[str, str]] = [one_line(event.question)]
        nowhere = [p.source for p in chart.timeline.publications if p.published is None]
        third: list[str | tuple[str, str]] = []
        if nowhere:
            shown = ", ".join(one_line(s) for s in nowhere[:20])
            more = f" and {len(nowhere) - 20} more" if len(nowhere) > 20 else ""
            third = [(f"sources with no published date: {shown}{more}", "dim")]
        return Content.assemble(*parts, "\n", *second, *(["\n", *third] if third else []))

    @staticmethod
    def marks(chart: Chart, citation: Citation) -> list[str | tuple[str, str]]:
        """A citation's side marks in their colours, then a space."""
        out: list[str | tuple[str, str]] = []
        for side in citation.sides:
            out.append((chart.shapes.get(side, "?"), f"bold {chart.colours.get(side, 'red')}"))
        return [*out, " "] if out else []

    @on(TimelineChart.Chosen)
    def chosen(self, event: TimelineChart.Chosen) -> None:
        chart = self.chart
        if chart is None:
            return
        dispute_id = chart.rows[event.row].dispute
        quotes = [place for c in event.citations for place in c.evidence]
        if not quotes:
            self.go(dispute_id, None)
            return
        if len(quotes) == 1:
            self.go(dispute_id, quotes[0])
            return
        from tui.screens.evidence_choice import EvidenceChoice

        dispute = self.session.casebook.dispute(dispute_id)
        if dispute is None:
            return

        def picked(choice: tuple[int, int] | None) -> None:
            if choice is not None:
                self.go(dispute_id, choice)

        self.app.push_screen(EvidenceChoice(self.session, dispute, quotes), callback=picked)

    def go(self, dispute_id: str, quote: tuple[int, int] | None) -> None:
        """To the main screen: the dispute shown, and `quote`'s card (position, evidence;
        0-based) under the cursor (anchored first by a worker when it is not yet)."""
        session = self.main.session
        dispute = session.casebook.dispute(dispute_id) if session is not None else None
        if session is None or dispute is None:
            self.notify("That dispute is no longer in the casebook.", timeout=3)
            return
        if quote is None or session.is_anchored(dispute):
            self.land(session, dispute_id, quote)
        else:
            self.query_one("#timeline-about", Static).update(Content("Anchoring its quotes…"))
            self.anchor_and_land(session, dispute_id, quote)

    @work(thread=True, exclusive=True, group="timeline-go", description="anchoring")
    def anchor_and_land(self, session: Session, dispute_id: str, quote: tuple[int, int]) -> None:
        dispute = session.casebook.dispute(dispute_id)
        if dispute is None:
            return
        session.prepare(dispute)
        with contextlib.suppress(Gone):
            on_ui(self, self.land, session, dispute_id, quote)

    def land(self, session: Session, dispute_id: str, quote: tuple[int, int] | None) -> None:
        if session is not self.main.session or self.app.screen is not self:
            return
        from tui.widgets.dispute_view import DisputeView

        main = self.main
        while len(self.app.screen_stack) > 1 and self.app.screen_stack[-1] is not main:
            self.app.pop_screen()  # this screen (and a choice of quotes, if any)
        main.goto_dispute(dispute_id)
        if quote is None:
            return
        view = main.query_one(DisputeView)
        cards = [(c.position, c.evidence) for c in view.cards]
        if quote in cards:
            view.focus_card(cards.index(quote))
