"""Two sources side by side (the source view's `s`, issue 16): each in a column of its own,
as the source view shows it (numbered paragraphs, cited passages in their sides' colours,
who cites each one under it, a PDF's page labels), each scrolling on its own.

`tab` / `shift+tab` (or a click) moves the focus between the columns, and the focused
column's heading is drawn in the accent colour; `j`/`k`, the arrows, `pgup`/`pgdn`,
`home`/`end` scroll it, `n`/`N` go to its next/previous cited paragraph, and `enter` lists
the disputes citing its current paragraph (one picked: the main screen goes there). `=`
scrolls the right column to a paragraph citing a dispute that the left column's current
paragraph cites (`current_paragraph` says which that is; `matches` which paragraphs, in
what order), level with it, and says which dispute matched ("¶11 ↔ ¶7 · cause-of-death");
`=` again from the same paragraph goes to the next such paragraph (round the end). When
the right source cites none of those disputes, the status line says so and nothing moves.
`escape` goes back to the source view, exactly as it was. The status line's hint names
the keys in use (a keymap's). Narrower than two columns need (`NARROW`), a line says so in
place of the columns, and `=` and `tab` are off.

The left column is the source the view showed, opened where the view was (at the quote it
was opened at, or the search match gone to, when that is in sight). Everything shown from
a source or the casebook is `Content`, never markup.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from claims.documents import GaveUp
from claims.formats import plural
from claims.model import Span
from claims.sources.metadata import fill
from claims.text import steady
from tui.pages import cited
from tui.screens.side_by_side_match import (
    current_paragraph,
    in_sight,
    matches,
    paragraph_height,
    put_at_line,
    put_at_row,
    unplaced,
)
from tui.session import Citation, Session
from tui.threads import Gone, on_ui
from tui.widgets.document_view import DocumentView, Passage
from tui.widgets.key_bar import KeyBar
from tui.widgets.legend import Legend

if TYPE_CHECKING:
    from tui.screens.source import SourceScreen

HINTS = (("side.match", "the right to the same dispute"), ("side.switch", "other column"),
         ("side.back", "back"))  # fmt: skip
#: The source view's keys that do nothing here (search, the lens, its profile, selecting,
#: copying, adding evidence): (key, as shown); each says so (`action_source_only`).
SOURCE_ONLY = (("slash", "/"), ("f", "f"), ("p", "p"), ("v", "v"),
               ("right_parenthesis", ")"), ("y", "y"), ("a", "a"))  # fmt: skip
COLUMN = 38  # the narrowest column (cells); two of them and the border between need:
NARROW = 2 * COLUMN + 1


def choose_second(screen: SourceScreen) -> None:
    """`s` in the source view: the picker of the casebook's other sources, then the two
    side by side (the second read and anchored first, in a worker, if it is not yet)."""
    from tui.screens.source_picker import SourcePicker, choices

    session = screen.session
    found = choices(session.casebook, screen.source_id)
    if not found:
        screen.notify("The casebook has no other source.", timeout=3)
        return
    title = steady(session.casebook.sources[screen.source_id].title)
    screen.app.push_screen(SourcePicker(found, Content(title)), partial(_picked, screen))


def _picked(screen: SourceScreen, source_id: str | None) -> None:
    if source_id is None:
        return
    session = screen.session
    if session.source_ready(source_id):
        _open(screen, session, source_id)
        return
    source = session.casebook.sources[source_id]
    screen.notify(steady(f"Opening {source.file}…"), timeout=2, markup=False)

    def prepare() -> None:
        worker = get_current_worker()
        try:
            session.prepare_source(source_id, lambda: worker.is_cancelled)
            on_ui(screen, _open, screen, session, source_id)
        except (Gone, GaveUp):
            pass  # a reload took over, or the app is closing

    screen.run_worker(prepare, thread=True, exclusive=True, group="side-open")


def _open(screen: SourceScreen, session: Session, source_id: str) -> None:
    if screen.app.screen is not screen or session is not screen.session:
        return  # the user went elsewhere meanwhile, or the casebook was reloaded
    if session.document(source_id) is None:
        problem = session.documents.problems.get(source_id)
        why = problem.message if problem else f"source {source_id!r} cannot be read"
        screen.notify(steady(why), title="Cannot open the source", severity="error", markup=False)
        return
    view = screen.query_one(DocumentView)
    start = screen.start_paragraph() or view.current or 1
    target = view.target if view.target is not None and view.target.paragraph == start else None
    side = SideBySideScreen(screen, source_id, start, target)
    screen.app.push_screen(side, callback=screen.chosen)


class SideBySideScreen(Screen[str | None]):
    """The first source (`first`'s) on the left, `second` on the right (see the module).
    Dismissed with the id of a dispute picked with `enter`, else None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="side.back"),
        Binding("tab", "switch(1)", "Other column", id="side.switch"),
        Binding("shift+tab", "switch(-1)", "Other column", show=False, id="side.switch-back"),
        Binding("equals_sign", "match", "Same dispute", id="side.match"),
        *(Binding(key, f"source_only({shown!r})", "", show=False) for key, shown in SOURCE_ONLY),
    ]
    DEFAULT_CSS = """
    SideBySideScreen #side-columns { height: 1fr; }
    SideBySideScreen .side-column { width: 1fr; min-width: 38; }
    SideBySideScreen #side-narrow {
        height: auto; padding: 1 2; text-align: center; color: $warning; display: none;
    }
    SideBySideScreen #side-right { border-left: vkey $panel-lighten-2; }
    SideBySideScreen .side-heading {
        height: 2; padding: 0 1; background: $panel; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    SideBySideScreen .side-column.-focused > .side-heading {
        background: $accent 40%; color: $text;
    }
    SideBySideScreen DocumentView {
        height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; scrollbar-size-vertical: 1;
    }
    SideBySideScreen #side-status { height: 1; padding: 0 1; color: $text-muted; }
    SideBySideScreen #side-status.-matched { color: $text; text-style: bold; }
    SideBySideScreen #side-status.-unmatched { color: $warning; text-style: bold; }
    SideBySideScreen #legend {
        height: auto; max-height: 3; padding: 0 1; border-top: solid $panel-lighten-2;
    }
    """

    def __init__(
        self, first: SourceScreen, second: str, start: int, target: Span | None = None
    ) -> None:
        """`first`: the source view (its source goes on the left, opened at paragraph
        `start`, 1-based, or at `target` in it); `second`: the right source's id (read and
        anchored: `Session.source_ready`)."""
        super().__init__()
        self.first = first
        self.session = first.session
        self.ids = (first.source_id, second)
        self.start = start
        self.target = target
        self.by_paragraph: tuple[dict[int, list[Citation]], ...] = ({}, {})
        self._last: tuple[int, tuple[tuple[int, str], ...]] | None = None  # the last `=`
        self._index = 0
        self._latest = self.session  # the newest casebook a reload asked to show
        self._focus_back: Widget | None = None  # the column focused before too narrow

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="side-columns"):
            for name in ("left", "right"):
                with Vertical(classes="side-column", id=f"side-{name}"):
                    yield Static(classes="side-heading", id=f"side-{name}-heading")
                    yield DocumentView([], 1, id=f"side-{name}-view")
        yield Static(id="side-narrow")
        yield Static(id="side-status")
        yield Legend(id="legend")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        if self.app.size.width >= NARROW:
            self.views[0].focus()
        self.query_one("#side-status", Static).update(self.hint())

    def on_resize(self) -> None:
        """The legend of the sides' colours only where there is room for it (40 lines): at
        80×24 the text keeps the lines (the source view has the same legend). Narrower than
        two columns need (`NARROW` cells), a line saying so in place of the columns; `=`
        and `tab` are then off."""
        self.query_one(Legend).display = self.size.height >= 40
        narrow = self.size.width < NARROW
        if narrow and self.focused in self.views:  # its keys off while it is hidden
            self._focus_back = self.focused
            self.set_focus(None)
        elif not narrow and self.query_one("#side-narrow").display:  # wide enough again
            (self._focus_back or self.views[0]).focus()
        self.query_one("#side-columns").display = not narrow
        self.query_one("#side-status").display = not narrow  # the hint names `=` and `tab`
        message = self.query_one("#side-narrow", Static)
        message.display = narrow
        back = f", or {key} to go back" if (key := self.key("side.back")) else ""
        width = f"widen the terminal to {NARROW} columns (it is {self.size.width}){back}."
        message.update(Content(f"Too narrow for two columns: {width}"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`=` and `tab` only while the two columns are shown."""
        if action in ("match", "switch"):
            return self.size.width >= NARROW or not self.is_mounted
        return True

    def key(self, binding_id: str) -> str:
        """The key(s) that binding `binding_id` has now, as the key bar shows them (a
        keymap's, if it remaps it); "" if it has none."""
        found = (a.binding for a in self.active_bindings.values() if a.binding.id == binding_id)
        return "/".join(dict.fromkeys(self.app.get_key_display(b) for b in found))

    def hint(self) -> Content:
        """The status line before any `=`: each key with what it does, the active keys."""
        parts = [f"{key}: {what}" for binding_id, what in HINTS if (key := self.key(binding_id))]
        return Content(" · ".join(parts))

    def on_descendant_focus(self) -> None:
        """The focused column's heading in the accent colour (`-focused`)."""
        for column in self.query(".side-column"):
            column.set_class(self.focused is not None and self.focused.parent is column, "-focused")

    @property
    def views(self) -> tuple[DocumentView, DocumentView]:
        return (
            self.query_one("#side-left-view", DocumentView),
            self.query_one("#side-right-view", DocumentView),
        )

    def fill(self) -> None:
        """Show both sources from `session`: the left at `start` (or `target`), the right
        at its beginning."""
        from tui.screens.source import citations_by_paragraph, cited_passage

        session = self.session
        self.by_paragraph = tuple(citations_by_paragraph(session, i) for i in self.ids)
        left, right = self.views
        first = session.document(self.ids[0])
        cites = self.by_paragraph[0]
        if first is not None and self.first.session is session:  # the quote underlined
            shown = [self.first.passage(p) for p in first.paragraphs]
        else:
            shown = [cited_passage(session, self.ids[0], p, cites.get(p.number, []))
                     for p in (first.paragraphs if first is not None else [])]  # fmt: skip
        left.show(shown, self.start, target=self.target)
        second = session.document(self.ids[1])
        cites = self.by_paragraph[1]
        passages: list[Passage] = [
            cited_passage(session, self.ids[1], p, cites.get(p.number, []))
            for p in (second.paragraphs if second is not None else [])
        ]
        right.show(passages, 1)  # at its beginning
        for name, source_id, by_paragraph in zip(
            ("left", "right"), self.ids, self.by_paragraph, strict=True
        ):
            heading = self.query_one(f"#side-{name}-heading", Static)
            heading.update(self.heading(source_id, len(by_paragraph)))
        self.sub_title = "side by side"
        self.query_one(Legend).show(self.legend_sides())

    # -- after a reload (the source view passes on each complete casebook) ------------------

    def reload(self, session: Session) -> None:
        """Show both sources from a reloaded casebook, each column on the paragraph it was
        on (found by its text, else by its number) at the same offset, once a worker has
        read and anchored the right source; if the right one is no longer declared or
        cannot be read, back to the source view, saying why."""
        self._latest = session
        if self.ids[1] not in session.casebook.sources:
            self._close(f"source {self.ids[1]!r} is no longer in the casebook")
            return
        if not session.source_ready(self.ids[1]):
            self._prepare(session)
            return
        if session.document(self.ids[1]) is None:
            problem = session.documents.problems.get(self.ids[1])
            self._close(problem.message if problem else f"source {self.ids[1]!r} is gone")
            return
        places = [
            (self._same(session, column, v.current), v.scroll_y - v.paragraph_top(v.current))
            for column, v in enumerate(self.views)
        ]
        self.session, self.start, self.target = session, places[0][0], None
        self._last = None
        self.fill()
        for view, (number, offset) in zip(self.views, places, strict=True):
            view.go_to(number)  # the cursor; then at once to the line it was on, laid out
            put_at_line(view, int(view.paragraph_top(number) + offset))

    def _same(self, session: Session, column: int, number: int) -> int:
        """Paragraph `number` of a column's source in `session`: the paragraph with the same
        text nearest that number, else the same number (as the source view finds it)."""
        old, new = (s.document(self.ids[column]) for s in (self.session, session))
        if old is None or new is None or not 0 < number <= len(old.paragraphs):
            return number
        text = old.paragraph(number).text
        same = [p.number for p in new.paragraphs if p.text == text]
        return min(same, key=lambda n: abs(n - number), default=number)

    @work(thread=True, exclusive=True, group="side-reload")
    def _prepare(self, session: Session) -> None:
        worker = get_current_worker()
        try:
            session.prepare_source(self.ids[1], lambda: worker.is_cancelled)
            on_ui(self, self._prepared, session)
        except (Gone, GaveUp):
            pass  # a newer reload took over, or the app is closing

    def _prepared(self, session: Session) -> None:
        if session is self._latest and self in self.app.screen_stack:
            self.reload(session)

    def _close(self, why: str) -> None:
        while self in self.app.screen_stack:
            self.app.pop_screen()
        self.app.notify(steady(why), title="Side by side closed", severity="error", markup=False)

    # -- what the columns show ------------------------------------------------------------

    def heading(self, source_id: str, cited_count: int) -> Content:
        """Two lines: the title; the outlet, date published and how many ¶ are cited."""
        source = fill(self.session.casebook.sources[source_id])
        meta = [m for m in (source.outlet, source.author) if m]
        if source.published:
            meta.append(source.published.isoformat())
        meta.append(f"{plural(cited_count, 'paragraph')} cited")
        return Content.assemble(
            (steady(" ".join(source.title.split())), "bold"), "\n", steady(" · ".join(meta))
        )

    def legend_sides(self) -> list[tuple[str, str]]:
        """(label, colour) of each side quoted from either source, in the casebook's order."""
        from tui.render import side_colour

        casebook = self.session.casebook
        quoted = {
            c.dispute.positions[c.position].side
            for by_paragraph in self.by_paragraph
            for cs in by_paragraph.values()
            for c in cs
        }
        known = [(s.label, s.colour) for s in casebook.sides.values() if s.id in quoted]
        unknown = sorted(quoted - casebook.sides.keys())
        return known + [(f"{side} (unknown side)", side_colour(casebook, side)) for side in unknown]

    # -- keys -------------------------------------------------------------------------------

    def action_source_only(self, key: str) -> None:
        """A source view key that does nothing here (`SOURCE_ONLY`): say where it works."""
        back = self.key("side.back") or "escape"
        self.notify(
            f"{key}: search, the lens and capture work in the source view: {back}, then {key}",
            timeout=4,
            markup=False,
        )

    def action_switch(self, step: int) -> None:
        """`tab`: the focus to the other column (two columns: either way is the other)."""
        left, right = self.views
        (right if self.focused is left else left).focus()

    def action_match(self) -> None:
        """`=`: the right column to a paragraph citing what the left's current one cites."""
        left, right = self.views
        number = current_paragraph(left, sorted(self.by_paragraph[0]))
        status = self.query_one("#side-status", Static)
        status.remove_class("-matched", "-unmatched")
        if number is None:
            status.add_class("-unmatched")
            status.update(Content(steady(f"{self.ids[0]} cites no dispute: nothing to match")))
            return
        left.place = left.cursor = number  # what was matched, marked
        disputes = list(dict.fromkeys(c.dispute.id for c in self.by_paragraph[0][number]))
        found = matches(disputes, self.by_paragraph[1])
        if not found:
            self._unmatched(number, disputes)
            return
        key = (number, tuple(found))
        self._index = (self._index + 1) % len(found) if key == self._last else 0
        self._last = key
        paragraph, dispute = found[self._index]
        row = left.paragraph_top(number) - int(left.scroll_y)
        if not in_sight(left, number):  # found by rule 3: brought into sight, centred
            height = left.scrollable_content_region.height
            row = put_at_row(left, number, (height - paragraph_height(left, number)) // 2)
        right.go_to(paragraph)
        put_at_row(right, paragraph, row)  # level with the left's, and in sight
        again = f"{self.key('side.match')} again: the next"
        which = f" · {self._index + 1} of {len(found)}, {again}" if len(found) > 1 else ""
        status.add_class("-matched")
        status.update(
            Content(
                steady(f"{self.cite(0, number)} ↔ {self.cite(1, paragraph)} · {dispute}{which}")
            )
        )

    def _unmatched(self, number: int, disputes: list[str]) -> None:
        """`=` found no paragraph of the right source citing `disputes`: say why. When the
        right source cites one but its quote was not placed (`unplaced`), name the dispute
        and what became of the quote; an ambiguous quote's first place is gone to, level
        with the left's paragraph `number`. Else the right says nothing on them."""
        left, right = self.views
        status = self.query_one("#side-status", Static)
        status.add_class("-unmatched")
        missed = unplaced(self.session.anchors, self.session.casebook, disputes, self.ids[1])
        if missed is None:
            status.update(Content(steady(f"{self.ids[1]} says nothing on {' or '.join(disputes)}")))
            return
        dispute, anchor = missed
        whose = f"{self.ids[1]}'s quote for {dispute}"
        places = sorted(anchor.candidates)
        if not places:
            status.update(Content(steady(f"{whose} is not found in it")))
            return
        where = ", ".join(self.cite(1, n) for n in places)
        row = max(0, left.paragraph_top(number) - int(left.scroll_y))
        right.go_to(places[0])
        put_at_row(right, places[0], row)
        first = f"{self.cite(1, places[0])}: 1 of {len(places)} places"
        status.update(Content(steady(f"{whose} is ambiguous ({where}) · {first}")))

    def cite(self, column: int, number: int) -> str:
        """Paragraph `number` of a column's source as the app cites it ("¶7", a PDF's
        "p. 2 ¶3 (¶7)")."""
        return cited(self.session.document(self.ids[column]), number)

    @on(DocumentView.Chosen)
    def citing(self, event: DocumentView.Chosen) -> None:
        """`enter` in a column: the disputes citing its paragraph; the one picked is shown."""
        column = 0 if event.view is self.views[0] else 1
        citations = self.by_paragraph[column].get(event.number, [])
        if not citations:
            self.notify("No dispute cites this paragraph.", timeout=2)
            return
        disputes = list({c.dispute.id: c.dispute for c in citations}.values())
        from tui.screens.citing import CitingScreen

        label = cited(self.session.document(self.ids[column]), event.number)
        self.app.push_screen(CitingScreen(event.number, disputes, label), callback=self._chosen)

    def _chosen(self, dispute_id: str | None) -> None:
        if dispute_id is not None:
            self.dismiss(dispute_id)
