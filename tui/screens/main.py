"""The main screen: disputes on the left, the selected one side by side on the right.

Loading, checking and reloading run in a worker thread; the screen shows the first dispute
as soon as the casebook is parsed and fills in problem marks when the full check is done.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
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

from claims import CasebookUnreadable, Problem
from claims.check import Report
from claims.formats import plural, where
from claims.loader import CASEBOOK_FILE, load_progressively
from tui.handoff import Handoff
from tui.session import Session
from tui.widgets.dispute_layout import Cited
from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView
from tui.widgets.key_bar import KeyBar
from tui.widgets.problems_panel import ProblemsPanel

if TYPE_CHECKING:
    from tui.screens.source import SourceScreen

POLL_SECONDS = 1.0
FIRST_WAIT = 0.3  # seconds the first frame waits for the first part of the casebook


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="main.filter"),
        Binding("p", "toggle_problems", "Problems", id="main.problems"),
        Binding("r", "reload", "Reload", id="main.reload"),
        Binding("escape", "back_to_list", "List", show=False, id="main.back"),
        Binding("left,h", "back_to_list", "List", show=False, id="main.left"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.session: Session | None = None
        self.query_text = ""
        self._signature: tuple[tuple[str, float], ...] = ()
        self.source_screen: SourceScreen | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="filter: words…", id="filter")
                yield DisputeList(id="disputes")
                yield Static("Loading…", id="status", markup=False)
            yield DisputeView(id="view")
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
            self.loaded(session, None, 0.0, painted)
        self.set_interval(POLL_SECONDS, self.poll_files)

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(
        self,
        keep: str | None = None,
        scroll: float = 0.0,
        handoff: Handoff[tuple[Session, Callable[[], None]]] | None = None,
    ) -> None:
        """Load the casebook (the first part, then all of it), show it, check it.

        With `handoff`, the first part goes to the screen waiting for it, if it still is."""
        painted = threading.Event()
        try:
            for loaded in load_progressively(self.path):
                session = Session(self.path, loaded)
                if handoff is None or not handoff.offer((session, painted.set)):
                    self.app.call_from_thread(self.loaded, session, keep, scroll, painted.set)
                handoff = None
                keep, scroll = None, 0.0  # the list keeps its place from here on
                # Let the first dispute reach the screen before loading and checking the
                # rest: both hold the GIL and would slow that first frame down.
                painted.wait(timeout=2.0)
        except CasebookUnreadable as exc:
            if handoff is not None:
                handoff.close()
            self.app.call_from_thread(self.unreadable, exc.problems)
            return
        finally:
            if handoff is not None:
                handoff.close()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.1 or done == total:
                last[0] = now
                self.app.call_from_thread(self.status, f"Checking {done}/{total} disputes…")

        report = session.run_check(progress)
        # The casebook now lives as long as the app: take it out of the cyclic collector's
        # sight, or every full collection walks all of it in the middle of a key press.
        gc.freeze()
        self.app.call_from_thread(self.checked, session, report)

    def loaded(
        self, session: Session, keep: str | None, scroll: float, painted: Callable[[], None]
    ) -> None:
        """Show a newly loaded casebook (or its first part); `painted()` once it is shown."""
        self.session = session
        self.app.sub_title = session.casebook.title
        self._signature = self.signature(session.watched_files())
        listing = self.query_one(DisputeList)
        listing.fill(session.matching(self.query_text), None)
        if keep:
            listing.select(keep)
        if not session.loaded.complete:
            self.status(f"Loading… {len(session.casebook.disputes)} disputes so far")
        self.show_highlighted()
        view = self.query_one(DisputeView)
        if scroll:
            view.call_after_refresh(view.scroll_to, y=scroll, animate=False)
        view.after_drawn(painted)

    def checked(self, session: Session, report: Report) -> None:
        if session is not self.session:
            return
        self.refill()
        panel = self.query_one(ProblemsPanel)
        panel.fill(report.problems, session.casebook.root)
        panel.display = bool(report.errors)
        quotes = len(report.anchors)
        anchored = sum(a.found for a in report.anchors)
        self.status(
            f"{plural(len(session.casebook.disputes), 'dispute')} · {anchored}/{quotes} anchored · "
            f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"
        )
        self.show_highlighted()

    def unreadable(self, problems: list[Problem]) -> None:
        self.session = None
        self.query_one(DisputeList).clear()
        view = self.query_one(DisputeView)
        root = self.path if self.path.is_dir() else self.path.parent
        view.show_message(
            Content.assemble(
                ("This casebook cannot be read.\n\n", "bold $error"),
                *[part for p in problems for part in (where(p.loc, root), " ", p.message, "\n")],
                ("\nFix the file and save it (the app reloads by itself), or press r.", "dim"),
            )
        )
        self.status("Cannot read the casebook.")
        target = self.path / CASEBOOK_FILE if self.path.is_dir() else self.path
        self._signature = self.signature([target])

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    # -- live reload -------------------------------------------------------------------------

    @staticmethod
    def signature(files: list[Path]) -> tuple[tuple[str, float], ...]:
        out = []
        for file in files:
            try:
                out.append((str(file), file.stat().st_mtime))
            except OSError:
                out.append((str(file), -1.0))
        return tuple(out)

    def poll_files(self) -> None:
        files = [Path(name) for name, _ in self._signature]
        if files and self.signature(files) != self._signature:
            self.action_reload()

    def action_reload(self) -> None:
        view = self.query_one(DisputeView)
        keep = view.dispute.id if view.dispute else None
        self.status("Reloading…")
        self.load(keep, view.scroll_y)

    # -- the list and the view ---------------------------------------------------------------

    def problem_counts(self) -> dict[str, int] | None:
        session = self.session
        if session is None or session.report is None:
            return None
        return {
            d.id: sum(p.code != "one-sided" for p in session.dispute_problems(d))
            for d in session.casebook.disputes
        }

    def refill(self) -> None:
        if self.session is not None:
            disputes = self.session.matching(self.query_text)
            self.query_one(DisputeList).fill(disputes, self.problem_counts())

    @on(DisputeList.Highlighted)
    def show_highlighted(self) -> None:
        if self.session is None:
            return
        dispute_id = self.query_one(DisputeList).highlighted_id
        dispute = self.session.casebook.dispute(dispute_id) if dispute_id else None
        view = self.query_one(DisputeView)
        if dispute is None or dispute != view.dispute:  # equal after a reload: keep focus
            view.show(self.session, dispute)

    @on(DisputeList.Chosen)
    def enter_dispute(self) -> None:
        self.query_one(DisputeView).focus_card(0)

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
        self.query_text = text
        self.refill()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refill()
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
        paragraph = anchor.paragraph if anchor else None
        if paragraph is None and anchor is not None:
            paragraph = anchor.candidates[0] if anchor.candidates else anchor.closest
        self.open_source(cited.source, paragraph, cited)

    def open_source(
        self, source_id: str, paragraph: int | None, cited: Cited | None = None
    ) -> None:
        if self.session is None:
            return
        if self.session.document(source_id) is None:
            problem = self.session.documents.problems.get(source_id)
            why = problem.message if problem else f"source {source_id!r} is not declared"
            self.notify(why, title="Cannot open the source", severity="error", markup=False)
            return
        if self.source_screen is None:  # one for every source, kept: nothing to mount again
            from tui.screens.source import SourceScreen  # imported when first asked for

            self.source_screen = SourceScreen(self.session, source_id)
            self.app.install_screen(self.source_screen, name=f"source-{id(self)}")
        self.source_screen.show(self.session, source_id, paragraph, cited)
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
            source = next(
                (s for s in session.casebook.sources.values() if s.loc.line == problem.loc.line),
                None,
            )
            if source is not None and session.document(source.id) is not None:
                self.open_source(source.id, None)
                return
            self.notify(
                f"{where(problem.loc, session.casebook.root)}: {problem.message}",
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
