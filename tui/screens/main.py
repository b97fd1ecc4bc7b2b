"""The main screen: disputes on the left, the selected one side by side on the right.

Nothing here reads a file or anchors a quote on the UI thread: workers do, and hand their
results over with `on_ui`, so a slow or huge source never freezes the keys (`q` quits).
Loading, checking, reloading and watching the files run in worker threads; the screen
shows the first dispute as soon as the casebook is parsed and fills in problem marks when
the full check is done. A dispute not anchored yet shows its question and "anchoring
quotes…" until a worker has anchored it; a source opens once a worker has read it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from claims import Dispute, Problem
from claims.check import Report
from claims.documents import GaveUp
from claims.formats import plural, where
from claims.paths import display
from claims.status import State, problems_by_dispute, state_of
from claims.text import sanitize, steady
from tui import loading, place
from tui.handoff import Handoff
from tui.review_actions import Desk
from tui.review_filter import subtitle
from tui.session import Session
from tui.threads import Gone, on_ui
from tui.watch import Fingerprint, Watched
from tui.widgets.aligned_view import AlignedView
from tui.widgets.dispute_layout import Cited
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView, anchoring
from tui.widgets.key_bar import KeyBar
from tui.widgets.problems_panel import ProblemsPanel

if TYPE_CHECKING:
    from tui.screens.source import SourceScreen

POLL_SECONDS = 1.0  # how often a worker looks for changed, new or deleted files
FIRST_WAIT = 0.3  # seconds the first frame waits for the first part of the casebook


def shown(text: str) -> str:
    """A file name, or text with one in it (a casebook's default title, a problem), fit for
    the screen: undecodable bytes and control characters shown as marks (`display`, then
    `sanitize`), and `steady` like all the app's text."""
    return steady(sanitize(display(text)))


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="main.filter"),
        Binding("p", "toggle_problems", "Problems", id="main.problems"),
        Binding("r", "reload", "Reload", id="main.reload"),
        Binding("m", "review('toggle_status')", "Reviewed", id="review.status"),
        Binding("u", "review('undo_last')", "Undo review", show=False, id="review.undo"),
        Binding("escape", "back_to_list", "List", show=False, id="main.back"),
        Binding("left,h", "back_to_list", "List", show=False, id="main.left"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.session: Session | None = None
        self.query_text = ""
        self.before_filter: str | None = None  # the dispute the cursor was on before `/`
        self.filter_hint = ""  # what the filter's review words name nothing of, said
        self.source_screen: SourceScreen | None = None
        self._watched: Watched | None = None  # what the poll looks at, and how it was
        self._fingerprint: Fingerprint = ()
        self.wanted: str | None = None  # the highlighted dispute (workers read it)
        self._anchoring: tuple[Session, str] | None = None  # what the anchor worker does
        self._focus_when_anchored: str | None = None  # enter pressed while it anchored
        self._status = ""  # the status line, under any passing note
        self._place: place.Place | None = None  # where to come back to after a reload
        self._instead: str | None = None  # the dispute shown while the place's is missing
        self._shown_with: Session | None = None  # whose anchors the view's cards show
        self.desk = Desk(self)  # the reviews: rating, notes, status, undo

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="filter: words, rating:false, status:open…", id="filter")
                yield DisputeList(id="disputes")
                yield Static("Loading…", id="status", markup=False)
            yield DisputeView(id="view")
            yield AlignedView(id="aligned")
        yield ProblemsPanel(id="problems")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.query_one(ProblemsPanel).display = False
        self.query_one(DisputeList).focus()
        # Wait a moment for the first part of the casebook before this screen's first frame:
        # awaiting here holds the screen's messages (so no "Loading…" frame is drawn, which
        # would take the CPU from the loading), while the loop and the worker run on.
        handoff: Handoff[tuple[Session, Callable[[], None]]] = Handoff()
        self.load(handoff=handoff)
        first = await asyncio.to_thread(handoff.take, FIRST_WAIT)
        if first is not None:
            session, painted = first
            self.loaded(session, painted)
        self.set_interval(POLL_SECONDS, self.poll_files)

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(
        self,
        keep: str | None = None,
        handoff: Handoff[tuple[Session, Callable[[], None]]] | None = None,
        watched: Watched | None = None,
    ) -> None:
        """Load the casebook (the first part, then all of it), show it, check it.

        `keep`: the dispute to show (a reload's). With `handoff`, the first part goes to the
        screen waiting for it, if it still is. `watched`: what the poll watched so far (its
        state now is taken before reading)."""
        try:
            before = watched.fingerprint() if watched else None
            loading.load(self, keep, handoff, watched, before)
        except (Gone, GaveUp):
            pass  # cancelled: a newer load (or the app's exit) took over
        finally:
            if handoff is not None:
                handoff.close()

    def loaded(self, session: Session, painted: Callable[[], None]) -> None:
        """Show a newly loaded casebook (or its first part); `painted()` once it is shown.
        After a reload, at the user's place (`reloading`), or as near to it as it can be."""
        self.session = session
        self.desk.attach(session)
        self.app.sub_title = shown(session.casebook.title)
        listing = self.query_one(DisputeList)
        listing.fill(session.matching(self.query_text), None)
        if self._place is not None:
            self._instead = place.select(listing, self._place)
        count = len(session.casebook.disputes)
        if not session.loaded.complete:
            self.status(f"Loading… {count} disputes so far")
        elif session.report is None:  # until the check's first progress (a slow source…)
            self.status(f"Checking 0/{count} disputes…")
        self.show_highlighted()
        if self._place is not None:  # its dispute still missing: the focus as it was
            place.refocus(self, self._place)
        if session.loaded.complete and self.source_screen in self.app.screen_stack:
            self.source_screen.reload(session)
        self.query_one(DisputeView).after_drawn(painted)

    def watching(self, watched: Watched, fingerprint: Fingerprint) -> None:
        self._watched, self._fingerprint = watched, fingerprint

    def checked(self, session: Session, report: Report) -> None:
        if session is not self.session:
            return
        self.refill()
        panel = self.query_one(ProblemsPanel)
        panel.fill(report.problems, session.casebook.root)
        panel.display = bool(report.errors) or panel.has_focus  # still there if in use
        quotes = len(report.anchors)
        anchored = sum(a.found for a in report.anchors)
        self.desk.counts = (  # most telling first: a narrow status line cuts the end (app.tcss)
            f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')} · ",
            f" · {anchored}/{quotes} anchored",
        )
        self.desk.show_progress()  # "0 errors, 0 warnings · 12/26 reviewed · 40/40 anchored"
        self.show_highlighted()

    def unreadable(
        self, problems: list[Problem], root: Path, watched: Watched, fingerprint: Fingerprint
    ) -> None:
        self.session, self._shown_with = None, None
        self.query_one(DisputeList).clear()
        panel = self.query_one(ProblemsPanel)
        panel.fill(problems, root)  # these problems, not the last check's
        panel.display = True
        if self.source_screen is not None:
            self.source_screen.leave()  # nothing of the casebook is left to show there
        view = self.query_one(DisputeView)
        view.show_message(
            Content.assemble(
                ("This casebook cannot be read.\n\n", "bold $error"),
                *[
                    part
                    for p in problems
                    for part in (shown(where(p.loc, root)), " ", shown(p.message), "\n")
                ],
                ("\nFix the file and save it (the app reloads by itself), or press r.", "dim"),
            )
        )
        self.status("Cannot read the casebook.")
        self.watching(watched, fingerprint)

    def status(self, text: str) -> None:
        self._status = text
        # one line whatever its text (app.tcss): no layout of the screen (~100 ms at L)
        self.query_one("#status", Static).update(Content(text), layout=False)

    def note(self, text: str | None) -> None:
        """Show `text` on the status line for a while (None: the status again)."""
        line = Content(self._status if text is None else text)
        self.query_one("#status", Static).update(line, layout=False)

    # -- live reload -------------------------------------------------------------------------

    def poll_files(self) -> None:
        """What the timer does: unless a load is under way, a worker looks at the files."""
        if self._watched is None:
            return
        if any(w.node is self and w.group == "load" and not w.is_finished for w in self.workers):
            return  # a change during a load is seen by the first poll after it
        self.poll(self._watched, self._fingerprint)

    @work(thread=True, exclusive=True, group="load")
    def poll(self, watched: Watched, fingerprint: Fingerprint) -> None:
        """Reload if a watched file changed, or the include patterns match other files."""
        with contextlib.suppress(Gone, GaveUp):  # cancelled: `r`, or the app's exit
            loading.poll(self, watched, fingerprint)

    def reloading(self) -> str | None:
        """Say so; take where the user is, to come back to after the reload (unless a place
        is still to be come back to: its dispute missing since an earlier reload, and the
        user not gone elsewhere since). Returns the id of its dispute."""
        if self._place is None:
            listing, view = self.query_one(DisputeList), self.query_one(DisputeView)
            self._place = place.take(listing, view, self.focused)
        self.status("Reloading…")
        return self._place.dispute

    def action_reload(self) -> None:
        self.load(self.reloading(), watched=self._watched)

    def action_review(self, what: str) -> None:
        getattr(self.desk, what)()  # `tui.review_actions.Desk`: toggle_status, undo_last

    # -- the list and the view ---------------------------------------------------------------

    _states: tuple[Report, dict[str, State]] | None = None  # the last check's, worked out

    def dispute_states(self) -> dict[str, State] | None:
        """Each dispute's state after the last check (`claims.status`, as `contested list`
        says it); None before the check is done."""
        session = self.session
        if session is None or session.report is None:
            return None
        report = session.report
        if self._states is None or self._states[0] is not report:
            owned = problems_by_dispute(session.casebook, report.problems)
            states = {d.id: state_of(d, owned.get(d.id, ())) for d in session.casebook.disputes}
            self._states = (report, states)
        return self._states[1]

    def refill(self, keep: str | None = None) -> None:
        """The list again (filtered, marked), the cursor on `keep` if it is listed (see
        `DisputeList.fill`)."""
        if self.session is not None:
            disputes = self.session.matching(self.query_text)
            self.query_one(DisputeList).fill(disputes, self.dispute_states(), keep)
            hint, words = self.session.review_hint, self.query_text.split()
            self.filter_hint = "\n".join(h for w in words if (h := hint(w)))  # also in the view
            total = len(self.session.casebook.disputes)
            line = subtitle(self.query_text, len(disputes), total, hint)  # "7 of 26"
            self.query_one("#filter", Input).border_subtitle = line

    @on(DisputeList.Highlighted)
    def show_highlighted(self) -> None:
        session = self.session
        if session is None:
            return
        dispute_id = self.query_one(DisputeList).highlighted_id
        if dispute_id != self.wanted:  # moved on: what was asked for the last one is moot
            self.wanted, self._focus_when_anchored = dispute_id, None
            self.cancel_opening()
        kept = self._place
        if kept is not None and dispute_id not in (kept.dispute, self._instead):
            self._place = None  # the user went elsewhere: no place to come back to
        dispute = session.casebook.dispute(dispute_id) if dispute_id else None
        view = self.query_one(DisputeView)
        if dispute is not None and not session.is_anchored(dispute):
            if dispute != view.dispute or self._shown_with is not session:  # never stale
                view.show_message(anchoring(dispute))
                self._shown_with = None
            if self._anchoring != (session, dispute.id):
                self._anchoring = (session, dispute.id)
                self.anchor_dispute(session, dispute)
        elif dispute is None or dispute != view.dispute or self._shown_with is not session:
            view.show(session, dispute)  # the same one after a reload keeps cursor and scroll
            self._shown_with = session
            if dispute is not None and self._focus_when_anchored == dispute.id:
                self._focus_when_anchored = None
                view.focus_card(0)
            kept = self._place
            if dispute is not None and kept is not None and kept.dispute == dispute.id:
                self._place = self._instead = None  # come back to: the card, scroll, focus
                place.give_back(view, kept)

    @work(thread=True, exclusive=True, group="anchor")
    def anchor_dispute(self, session: Session, dispute: Dispute) -> None:
        """Read the sources of `dispute` and anchor it, then show it if it is still wanted."""
        worker = get_current_worker()
        try:
            session.prepare(dispute, lambda: worker.is_cancelled)
            on_ui(self, self.anchored, session, dispute.id)
        except (Gone, GaveUp):
            pass  # another dispute was wanted first; this one's result is kept all the same

    def anchored(self, session: Session, dispute_id: str) -> None:
        if self._anchoring == (session, dispute_id):
            self._anchoring = None
        if session is self.session and dispute_id == self.wanted:
            self.show_highlighted()

    @on(DisputeList.Chosen)
    def enter_dispute(self, event: DisputeList.Chosen) -> None:
        view = self.query_one(DisputeView)
        if view.dispute is None and event.dispute_id == self.wanted:
            self._focus_when_anchored = event.dispute_id  # still anchoring: focus it then
        view.focus_card(0)

    def goto_dispute(self, dispute_id: str | None) -> None:
        """Select a dispute (clearing a filter that hides it) and show it."""
        if dispute_id is None or self.session is None:
            return
        dispute = self.session.casebook.dispute(dispute_id)
        if dispute is None:
            return
        if dispute not in self.session.matching(self.query_text):
            self.set_filter("")
        listing = self.query_one(DisputeList)
        listing.select(dispute_id)
        self.show_highlighted()
        listing.focus()

    # -- filter ------------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def set_filter(self, text: str) -> None:
        box = self.query_one("#filter", Input)
        with box.prevent(Input.Changed):
            box.value = text
        box.display = bool(text)
        self.filter_by(text)

    def filter_by(self, text: str) -> None:
        """List the disputes matching `text`. Clearing a filter that matched nothing goes
        back to the dispute the cursor was on before the filtering began."""
        listing = self.query_one(DisputeList)
        if text.split() and not self.query_text.split():
            self.before_filter = listing.highlighted_id
        keep = None
        if not text.split() and not listing.option_count:
            keep = self.before_filter
        self.query_text = text
        self.refill(keep)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_by(event.value)
        self.show_highlighted()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        listing = self.query_one(DisputeList)
        if listing.option_count:
            listing.highlighted = 0
        listing.focus()
        self.show_highlighted()

    def action_back_to_list(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_focus:
            self.set_filter("")
            self.show_highlighted()
        self.query_one(DisputeList).focus()

    # -- sources and problems ----------------------------------------------------------------

    @on(DisputeView.Open)
    def open_evidence(self, event: DisputeView.Open) -> None:
        cited = event.cited
        anchor = cited.anchor
        if anchor is not None and anchor.in_furniture:  # no paragraph of the article holds it
            why = shown(f"Quote {anchor.in_furniture}")
            self.notify(why, title="Not in the article", severity="warning", markup=False)
            return
        paragraph = anchor.paragraph if anchor else None
        if paragraph is None and anchor is not None:
            paragraph = anchor.candidates[0] if anchor.candidates else anchor.closest
        self.open_source(cited.source, paragraph, cited)

    def open_source(
        self, source_id: str, paragraph: int | None, cited: Cited | None = None
    ) -> None:
        """Open a source at `paragraph`: at once if it is read and its quotes anchored,
        else once a worker has done that (the status line says so meanwhile)."""
        session = self.session
        if session is None:
            return
        if session.source_ready(source_id):
            self.show_source(session, source_id, paragraph, cited)
            return
        source = session.casebook.sources.get(source_id)
        self.note(f"Opening {shown(source.file if source else source_id)}…")
        self.prepare_source(session, source_id, paragraph, cited)

    @work(thread=True, exclusive=True, group="open")
    def prepare_source(
        self, session: Session, source_id: str, paragraph: int | None, cited: Cited | None
    ) -> None:
        worker = get_current_worker()
        try:
            session.prepare_source(source_id, lambda: worker.is_cancelled)
            on_ui(self, self.source_prepared, session, source_id, paragraph, cited)
        except (Gone, GaveUp):
            pass

    def source_prepared(
        self, session: Session, source_id: str, paragraph: int | None, cited: Cited | None
    ) -> None:
        self.note(None)
        if session is self.session and self.app.screen is self:  # not reloaded, not elsewhere
            self.show_source(session, source_id, paragraph, cited)

    def cancel_opening(self) -> None:
        """Forget a source still being read for opening (the user went elsewhere)."""
        if self.app.workers.cancel_group(self, "open"):
            self.note(None)

    def show_source(
        self, session: Session, source_id: str, paragraph: int | None, cited: Cited | None
    ) -> None:
        if session.document(source_id) is None:
            problem = session.documents.problems.get(source_id)
            why = problem.message if problem else f"source {source_id!r} is not declared"
            self.notify(shown(why), title="Cannot open the source", severity="error", markup=False)
            return
        if self.source_screen is None:  # one for every source, kept: nothing to mount again
            from tui.screens.source import SourceScreen  # imported when first asked for

            self.source_screen = SourceScreen(session, source_id)
            self.app.install_screen(self.source_screen, name=f"source-{id(self)}")
        self.source_screen.forget_selection()  # a new visit: no selection from the last one
        self.source_screen.show(session, source_id, paragraph, cited)
        self.app.push_screen(self.source_screen, callback=self.goto_dispute)

    def action_toggle_problems(self) -> None:
        panel = self.query_one(ProblemsPanel)
        panel.display = not panel.display
        if panel.display:
            panel.focus()
        else:
            self.query_one(DisputeList).focus()

    @on(ProblemsPanel.Jump)
    def jump_to_problem(self, event: ProblemsPanel.Jump) -> None:
        problem = event.problem
        session = self.session
        if session is None:
            return
        dispute = session.dispute_at(problem)
        if dispute is None:
            source_id = session.source_at(problem)
            if source_id is not None:
                self.open_source(source_id, None)
                return
            self.notify(
                shown(f"{where(problem.loc, session.casebook.root)}: {problem.message}"),
                title="Not in a dispute: edit the file there",
                markup=False,
            )
            return
        self.goto_dispute(dispute.id)
        view = self.query_one(DisputeView)
        for index, cited in enumerate(view.cards):
            evidence = dispute.positions[cited.position].evidence[cited.evidence]
            if problem.loc.line in {evidence.loc.line, *(x.line for x in evidence.locs.values())}:
                view.focus_card(index)
                return
