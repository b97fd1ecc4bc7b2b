"""The timeline (`t`): disputes placed by their event `date:`, sources by `published:`, and
each source's citations drawn as marks on the disputes they speak to, so a reader sees who
said what, when, and how long after the event (issue 16).

The model is `claims.timeline.build_timeline` (the one `contested timeline` prints), drawn
by `tui.widgets.timeline_chart`. Under the chart, the cursor's row in words: "cause-of-death
· 27 Jun 2025 · pushes-back 1 Jul (+4 d) · tortured-in-baku 2 Jul (+5 d)", the question,
and the sources with no `published:` date. `enter` opens the dispute in the main screen; on
a source's mark, the card of its quote (several quotes: pick one, `QuoteChoice`, each
named by its source and date). The timeline is built by a worker and kept for the casebook
loaded, with the cursor's place and zoom, so `t` again opens where the user left it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList, Static

from claims.formats import plural
from claims.gcpause import paused_gc
from claims.model import Casebook, Dispute
from claims.timeline import Citation, Event, build_timeline, lag_short, long_date
from tui.render import side_colour
from tui.screens.coverage import over_main
from tui.screens.evidence_choice import EvidenceChoice
from tui.screens.whole_casebook import WholeCasebookScreen
from tui.session import Session
from tui.threads import Gone, on_ui
from tui.widgets.coverage_grid import SIDE_MARK, one_line
from tui.widgets.key_bar import KeyBar
from tui.widgets.timeline_chart import NO_DATE, Chart, TimelineChart
from tui.widgets.timeline_legend import legend, zoom_words

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


def timeline_key_taken(app: ContestedApp) -> bool:
    """Whether the key of `app.timeline` (a priority binding, so that it works over a
    dialog) belongs to the screen instead: the focused widget is a text field (the key is a
    typed letter), the screen or a widget on it binds the same key, or a dialog holds a
    text field (the note editor, a picker's filter, the capture form) or buttons (a
    question whose caller waits for the answer: closing it unanswered would leave it
    waiting). Other dialogs (help, the disputes citing a paragraph, the rating picker, a
    choice of quotes) are closed by `open_timeline` (`over_main`)."""
    from textual.widgets import Input, TextArea

    screen = app.screen
    if isinstance(app.focused, Input | TextArea):
        return True
    ours = app._bindings.key_to_bindings  # the keys of `app.timeline`, keymap applied
    keys = {k for k, bs in ours.items() if any(b.id == "app.timeline" for b in bs)}
    for node, bindings in screen._binding_chain:  # the focused widget up to the app
        if node is not app and keys & bindings.key_to_bindings.keys():
            return True
    return screen.is_modal and bool(screen.query("Input, TextArea, Button"))


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


def _span(days: list[dt.date]) -> str:
    """ " (25 Dec 2024 – 27 Jun 2025)", " (1 – 2 Jul 2025)", " (1 Jul 2025)"; "" for none."""
    if not days:
        return ""
    first, last = min(days), max(days)
    if first == last:
        return f" ({long_date(first)})"
    if (first.year, first.month) == (last.year, last.month):
        return f" ({first.day} – {long_date(last)})"
    if first.year == last.year:
        return f" ({short_date(first, last)} – {long_date(last)})"
    return f" ({long_date(first)} – {long_date(last)})"


def short_date(day: dt.date, event: dt.date | None) -> str:
    """ "1 Jul" in the event's year, else "1 Jul 2025" (`long_date`)."""
    text = long_date(day)
    return text.rsplit(" ", 1)[0] if event is not None and day.year == event.year else text


class TimelineScreen(WholeCasebookScreen[Chart]):
    """The timeline of the main screen's casebook (see the module)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="timeline.back")]
    DEFAULT_CSS = """
    TimelineScreen #timeline-about {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TimelineScreen #timeline-about.-two { height: 2; }
    TimelineScreen #timeline-about.-three { height: 3; }
    TimelineScreen #timeline-status {
        height: 2; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TimelineScreen #timeline-status.-undated { height: 3; }
    TimelineScreen #timeline-legend { height: auto; padding: 0 1; text-wrap: nowrap; }
    """

    SUBTITLE = "Timeline: who said what, when"
    kept = _KEPT
    build = staticmethod(build)

    def __init__(self, main: MainScreen) -> None:
        super().__init__(main)
        self.chart: Chart | None = None
        self.opened = self.session  # the casebook shown first (later ones: reloads)
        #: The cursor's dispute when a reload left it out (kept until it is back, or the
        #: cursor moves), and the row the cursor was put on meanwhile.
        self.missing: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Placing the disputes in time…", id="timeline-about", markup=False)
        yield TimelineChart(id="timeline-chart")
        yield Static("", id="timeline-status", markup=False)
        yield Static("", id="timeline-legend", markup=False)
        yield KeyBar()

    def focus_first(self) -> None:
        self.query_one(TimelineChart).focus()

    def show_built(self, chart: Chart) -> None:
        old, self.chart = self.chart, chart
        row, day, zoom = 0, None, None
        place = _PLACE.get(self.main)
        self.missing = None
        if place is not None:
            rows = (i for i, e in enumerate(chart.rows) if e.dispute == place[0])
            row, day, zoom = next(rows, -1), place[1], place[2]
            if row < 0:  # gone (a reload with errors): its place kept for when it is back
                row, day, self.missing = 0, None, (place[0], 0)
            before = (
                next((e.date for e in old.rows if e.dispute == place[0]), None) if old else None
            )
            if old is not None and row < len(chart.rows) and chart.rows[row].date != before:
                day = chart.rows[row].date  # its date moved (a reload): the cursor on its ◆
        undated = any(p.published is None for p in chart.timeline.publications)
        self.query_one("#timeline-status", Static).set_class(undated, "-undated")
        widget = self.query_one(TimelineChart)
        widget.show(chart, row, day, zoom)
        self.show_legend()
        self.describe(widget)  # in the same frame as the chart's first lines

    def show_legend(self) -> None:
        """The legend (`tui.widgets.timeline_legend`) wrapped to the screen's width."""
        if self.chart is not None:
            width = max(20, (self.size.width or self.app.size.width) - 2)
            self.query_one("#timeline-legend", Static).update(legend(self.chart, width))

    def on_resize(self) -> None:
        self.show_legend()
        self.describe(self.query_one(TimelineChart))  # the about line wrapped anew

    @on(TimelineChart.Moved)
    def moved(self) -> None:
        widget = self.query_one(TimelineChart)
        if self.missing is not None and widget.row != self.missing[1]:
            self.missing = None  # the user moved on: the place is the cursor's now
        self.describe(widget)

    def notice(self, width: int = 0) -> str:
        """After a reload with errors, or one that left the cursor's dispute out, what
        became of it: "cause-of-death is gone from the casebook · the casebook has 1 error
        since the reload: escape, then p" (on two lines when wider than `width` cells, 0:
        any); "" otherwise."""
        from claims.problems import Severity

        parts: list[str] = []
        if self.missing is not None:
            parts.append(f"{one_line(self.missing[0])} is gone from the casebook")
        if self.session is not self.opened:
            problems = self.session.loaded.problems
            errors = sum(p.severity == Severity.ERROR for p in problems)
            if errors:
                parts.append(
                    f"the casebook has {plural(errors, 'error')} since the reload: escape, then p"
                )
        one = " · ".join(parts)
        return one if not width or cell_len(one) <= width else "\n".join(parts)

    def about(self, chart: Chart, chart_widget: TimelineChart, width: int = 0) -> Content:
        """The zoom, then how many disputes are dated (over their own dates), how many not,
        and the sources (over their `published:` dates): "2 days a column · 26 disputes: 13
        dated (25 Dec 2024 – 27 Jun 2025), 13 undated · 2 sources (1 – 2 Jul 2025)". On one
        line when it fits in `width` cells (0: any), else on two, broken between parts (a
        part longer than a line is cut by the widget)."""
        timeline = chart.timeline
        dated, undated = len(timeline.events), len(timeline.undated)
        parts = []
        scale = chart_widget.scale
        if scale is not None:
            parts.append(zoom_words(scale.days_per_unit))
        days = [e.date for e in timeline.events if e.date is not None]
        parts.append(f"{plural(dated + undated, 'dispute')}: {dated} dated" + _span(days))
        parts.append(f"{undated} undated")
        published = [p.published for p in timeline.publications if p.published is not None]
        parts.append(plural(len(timeline.publications), "source") + _span(published))
        joints = ["", *(", " if p.endswith(" undated") else " · " for p in parts[1:]), ""]
        lines = [""]
        for n, part in enumerate(parts):
            after = joints[n + 1].strip(" ·")  # "," ends the first line when broken there
            wide = cell_len(lines[-1] + joints[n] + part + after) > width
            if n and width and len(lines) < 2 and wide:
                lines[-1] += joints[n].strip(" ·")
                lines.append(part)
            else:
                lines[-1] += joints[n] + part
        return Content("\n".join(lines))

    def describe(self, widget: TimelineChart) -> None:
        """The about line and the status line for the chart's scale and cursor."""
        chart = self.chart
        if chart is None or widget.chart is None:
            return
        about = self.query_one("#timeline-about", Static)
        width = max(20, (self.size.width or self.app.size.width) - 2)
        text = self.about(chart, widget, width)
        if notice := self.notice(width):  # first, in the warning colour; the about on a line
            text = Content.assemble((notice, "bold $warning"), "\n", self.about(chart, widget))
        lines = text.plain.count("\n") + 1
        about.set_class(lines == 2, "-two")
        about.set_class(lines == 3, "-three")
        about.update(text, layout=False)
        current = widget.event()
        if current is None:
            self.query_one("#timeline-status", Static).update(Content("No disputes."))
            return
        scale = widget.scale
        if self.missing is None:  # else the gone dispute's place is kept for its return
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
        dispute = self.session.casebook.dispute(dispute_id)
        if dispute is None:
            return

        def picked(choice: tuple[int, int] | None) -> None:
            if choice is not None:
                self.go(dispute_id, choice)

        published = {c.source: c.published for c in event.citations}
        choice = QuoteChoice(self.session, dispute, quotes, published, chart)
        self.app.push_screen(choice, callback=picked)

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


class QuoteChoice(EvidenceChoice):
    """`EvidenceChoice` over `quotes` ((position, evidence), 0-based) of `dispute`, each
    option's first line "source-id · 1 Jul 2025" (`published`: each source's date, None
    for "no published date"), and each side drawn as the chart draws it: its own shape
    (`chart.shapes`) in its colour, in place of the choice's one mark for every side."""

    def __init__(
        self,
        session: Session,
        dispute: Dispute,
        quotes: list[tuple[int, int]],
        published: dict[str, dt.date | None],
        chart: Chart,
    ) -> None:
        super().__init__(session, dispute, quotes)
        self.published = published
        self.shapes, self.colours = chart.shapes, chart.colours

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        for index, (p, e) in enumerate(self.quotes):
            position = self.dispute.positions[p]
            source = position.evidence[e].source
            day = self.published.get(source)
            when = long_date(day) if day is not None else "no published date"
            head = Content.assemble((one_line(source), "bold"), (f" · {when}", "dim"), "\n")
            prompt = listing.get_option_at_index(index).prompt
            body = prompt if isinstance(prompt, Content) else Content(str(prompt))
            shape = self.shapes.get(position.side, "?")
            colour = self.colours.get(position.side, "red")
            body = body[1:] if body.plain.startswith(SIDE_MARK) else Content(" ") + body
            body = Content.assemble((shape, f"bold {colour}")) + body
            listing.replace_option_prompt_at_index(index, head + body)
