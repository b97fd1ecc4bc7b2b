"""`a` in the source view: a selected passage made evidence, through the pickers, written
by `claims.casebook.capture` (the headless API) in a worker; and `u`, its undo.

The flow: `quote_evidence` makes the evidence of the selection (the exact words, with
`before`/`after` only when the quote is not unique; refused at once if it cannot anchor
exactly); `DisputePicker` (recent disputes first) → `PositionPicker` → the position, or
`PositionForm` for a new one; or "New dispute…" → `DisputeForm`. `escape` in a later step
goes back one. The write (`add_evidence` / `add_dispute`: reading the casebook, checking
the new entry loads and anchors `exact`, an atomic write) runs in a worker thread; then
the app reloads the casebook (the view keeps its place) and a toast says "Added to
<dispute> · <position>". A refusal (`CaptureError`: its message and hint) writes nothing;
a `Conflict` (the file changed on disk meanwhile) offers to reload and try again.
Captures written since the app opened are undone, the last first, with `u` (refused,
politely, when the file changed since: `Conflict`).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.content import Content

from claims.text import steady
from tui.screens.capture_form import DisputeFields, DisputeForm, PositionFields, PositionForm
from tui.screens.capture_picker import NEW, DisputePicker, PositionPicker, about, ordered
from tui.threads import Gone, post_ui

if TYPE_CHECKING:
    from claims import Casebook
    from claims.casebook.capture import Capture, NewEvidence
    from tui.selection import Mark
    from tui.session import Session
    from tui.source_capture import SelectionKeys

RECENT = 8  # disputes remembered as recently used
RELOAD_WAIT = 30.0  # seconds a retry waits for the casebook to be read again
#: A write of the API, given the casebook as the app has it loaded (its `loaded=`).
Write = Callable[["Casebook"], "Capture"]


class Capturer:
    """The captures of one source screen: the pickers, the writes, the undo stack."""

    session: Session  # the casebook the passage is being placed in (set by `start`)
    evidence: NewEvidence  # what is being placed

    def __init__(self, screen: SelectionKeys) -> None:
        self.screen = screen
        self.recent: list[str] = []  # dispute ids, the most recent first
        #: (capture, what it added, what its undo says), the last last
        self.done: list[tuple[Capture, str, str]] = []
        self.busy = False  # a write or an undo is under way
        self.about = Content()  # the quote and where it is from, shown on each step

    def can_undo(self) -> bool:
        return bool(self.done)

    def _say(
        self, text: str, title: str, severity: str = "information", timeout: float = 6
    ) -> None:
        self.screen.notify(
            steady(text),
            title=title,
            severity=severity,  # type: ignore[arg-type]
            timeout=timeout,
            markup=False,
        )

    # -- picking ------------------------------------------------------------------------------

    def start(self, session: Session, source_id: str, mark: Mark) -> None:
        """Make the evidence of `mark` and ask where it goes."""
        from claims.casebook.capture import CaptureError, quote_evidence

        if self.busy:
            self._say("A capture is being written; try again in a moment.", "Busy")
            return
        why = not_writable(session)
        if why is not None:  # before the pickers: nothing typed is lost
            self._say(why, "Not added", "warning", 12)
            return
        document = session.document(source_id)
        if document is None:
            return
        try:
            evidence = quote_evidence(document, mark.paragraph, mark.start, mark.end, source_id)
        except CaptureError as error:
            self.refused(error)
            return
        source = session.casebook.sources.get(source_id)
        title = source.title if source is not None else source_id
        self.about = about(evidence.quote, f"— {title}, ¶{mark.paragraph}")
        self.session, self.evidence = session, evidence
        self.pick_dispute()

    def pick_dispute(self) -> None:
        casebook = self.session.casebook
        disputes = ordered(casebook.disputes, self.recent, self._citing())
        picker = DisputePicker(disputes, set(self.recent), self.about)
        self.screen.app.push_screen(picker, self.dispute_picked)

    def _citing(self) -> list[str]:
        """The ids of the disputes citing the source the passage is from."""
        cited = self.session.citations(self.evidence.source)
        return list(dict.fromkeys(c.dispute.id for c in cited))

    def dispute_picked(self, choice: str | None) -> None:
        if choice is None:
            return
        if choice == NEW:
            from claims.casebook.capture import slug

            casebook = self.session.casebook
            taken = {d.id for d in casebook.disputes}
            near = [casebook.dispute(d) for d in [*self.recent, *self._citing()]]
            prefer = next((d.loc.file for d in near if d is not None), None)
            form = DisputeForm(casebook, self.about, lambda q: slug(q, taken), prefer)
            self.screen.app.push_screen(form, self.dispute_typed)
            return
        dispute = self.session.casebook.dispute(choice)
        if dispute is None:
            return
        picker = PositionPicker(self.session.casebook, dispute, self.about)
        self.screen.app.push_screen(picker, lambda picked: self.position_picked(choice, picked))

    def position_picked(self, dispute_id: str, choice: str | None) -> None:
        if choice is None:
            self.pick_dispute()  # escape: back a step
            return
        if choice == NEW:
            form = PositionForm(self.session.casebook, self.about)
            self.screen.app.push_screen(form, lambda typed: self.position_typed(dispute_id, typed))
            return
        dispute = self.session.casebook.dispute(dispute_id)
        if dispute is None:
            return
        position = dispute.positions[int(choice)]
        # by id, else by its number (`#N`): a holder may be shared by several positions
        self.write_evidence(dispute_id, position.id or f"#{int(choice) + 1}", position.holder)

    def position_typed(self, dispute_id: str, typed: object) -> None:
        if not isinstance(typed, PositionFields):
            self.dispute_picked(dispute_id)  # escape: back to the positions
            return
        self.write_evidence(dispute_id, _new_position(typed), typed.holder, new=True)

    def dispute_typed(self, typed: object) -> None:
        if not isinstance(typed, DisputeFields):
            self.pick_dispute()
            return
        from claims.casebook.capture import NewDispute, add_dispute

        dispute = NewDispute(typed.id, typed.question, typed.file)
        position, evidence = _new_position(typed.position), self.evidence
        path = self.session.path
        self.write(
            lambda loaded: add_dispute(path, dispute, position, evidence, loaded=loaded),
            typed.id,
            f"new dispute, {typed.position.holder}",
            f"Took out the new dispute {typed.id}, with its position and evidence.",
        )

    def write_evidence(
        self, dispute_id: str, position: Any, holder: str, new: bool = False
    ) -> None:
        """Add the evidence to the position of `dispute_id` (`new`: a new one, `position`
        the `NewPosition`)."""
        from claims.casebook.capture import add_evidence

        path, evidence = self.session.path, self.evidence
        undo = (
            f"Took out the new position of {dispute_id} · {holder}, with its evidence."
            if new
            else f"Took out the evidence added to {dispute_id} · {holder}."
        )
        self.write(
            lambda loaded: add_evidence(path, dispute_id, position, evidence, loaded=loaded),
            dispute_id,
            holder,
            undo,
        )

    # -- writing ------------------------------------------------------------------------------

    def write(self, call: Write, dispute_id: str, position: str, undo: str) -> None:
        """Run `call` (the API's write, given the casebook as the app has it loaded) in a
        worker; then reload and say so, or say why not. `undo`: what `u` will say it took
        out (the evidence, a new position or a new dispute)."""
        self.busy = True
        loaded = self.latest().casebook
        self.screen.run_worker(
            lambda: self._work(call, loaded, dispute_id, position, undo),
            thread=True,
            group="capture",
            exclusive=False,
        )

    def latest(self) -> Session:
        """The newest complete casebook the app has (a reload's), else the one picked in."""
        main = getattr(self.screen.app, "main_screen", None)
        session = getattr(main, "session", None)
        return session if session is not None and session.loaded.complete else self.session

    def _work(
        self, call: Write, loaded: Casebook, dispute_id: str, position: str, undo: str
    ) -> None:
        from claims.casebook.capture import CaptureError

        try:
            try:
                capture = call(loaded)
            except CaptureError as error:
                post_ui(self.screen, self.failed, error, call, dispute_id, position, undo)
                return
            except OSError as error:
                post_ui(self.screen, self._unexpected, str(error))
                return
            post_ui(self.screen, self.written, capture, dispute_id, position, undo)
        except Gone:
            pass

    def written(self, capture: Capture, dispute_id: str, position: str, undo: str) -> None:
        self.busy = False
        what = f"{dispute_id} · {position}"
        self.done.append((capture, what, undo))
        self.recent = [dispute_id, *(d for d in self.recent if d != dispute_id)][:RECENT]
        self.screen.draw_mark(None)
        # said at once, the casebook read again once the toast is out: a reload (the app's,
        # or the watcher's after a change made on disk meanwhile) keeps the UI busy a while
        self._say(f"Added to {what}\n{capture.summary()} · u: undo", "Added")
        self.screen.call_after_refresh(self.reload)

    def failed(
        self, error: Exception, call: Write, dispute_id: str, position: str, undo: str
    ) -> None:
        from claims.casebook.capture import Conflict

        self.busy = False
        if isinstance(error, Conflict):
            self.ask_retry(error, lambda: self.write(call, dispute_id, position, undo))
            return
        self.refused(error)

    def _unexpected(self, why: str) -> None:
        self.busy = False
        self._say(f"Nothing was written: {why}", "Not added", "error", 12)

    def refused(self, error: Exception) -> None:
        """Say why a capture was refused (nothing written): its message, where, its hint."""
        message = getattr(error, "message", str(error))
        hint = getattr(error, "hint", None)
        path, line = getattr(error, "path", None), getattr(error, "line", None)
        where = f"\n{path.name}{f':{line}' if line else ''}" if path is not None else ""
        text = f"{message}{where}" + (f"\n{hint}" if hint else "")
        self._say(text, "Not added", "error", 12)

    def ask_retry(self, error: Exception, retry: Callable[[], None]) -> None:
        """The file changed on disk since it was read: reload and try again, or not."""
        from tui.screens.capture_conflict import CaptureConflictScreen

        message = Content.assemble(
            steady(getattr(error, "message", str(error))),
            "\n\n",
            ("Nothing was written. ", "bold"),
            "Reload the casebook from disk and try again?",
        )

        def chosen(again: bool | None) -> None:
            if again:
                self.reload(then=retry)

        self.screen.app.push_screen(CaptureConflictScreen(message), chosen)

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Have the main screen read the casebook again (the source view follows); `then`
        once it has (within `RELOAD_WAIT` seconds; else say so)."""
        main = getattr(self.screen.app, "main_screen", None)
        if main is None:
            return
        old = main.session
        main.action_reload()
        if then is None:
            return
        deadline = time.monotonic() + RELOAD_WAIT

        def look() -> None:
            session = main.session
            if session is not None and session is not old and session.loaded.complete:
                timer.stop()
                then()
            elif time.monotonic() > deadline:
                timer.stop()
                self._say("The casebook is still being read: press a again.", "Not added")

        timer = self.screen.set_interval(0.05, look)

    # -- undo ---------------------------------------------------------------------------------

    def undo_last(self) -> None:
        """Take out the last capture written since the app opened (in a worker)."""
        if not self.done:
            self._say("No capture to undo.", "Undo", timeout=3)
            return
        if self.busy:
            self._say("A capture is being written; try again in a moment.", "Busy")
            return
        from claims.casebook.capture import undo

        capture, what, says = self.done.pop()
        self.busy = True

        def work() -> None:
            from claims.casebook.capture import CaptureError

            with contextlib.suppress(Gone):
                try:
                    undo(capture)
                except (CaptureError, OSError) as error:
                    post_ui(self.screen, self.not_undone, capture, what, says, error)
                    return
                post_ui(self.screen, self.undone, says)

        self.screen.run_worker(work, thread=True, group="capture", exclusive=False)

    def undone(self, says: str) -> None:
        self.busy = False
        self._say(says, "Undone")
        self.screen.call_after_refresh(self.reload)

    def not_undone(self, capture: Capture, what: str, says: str, error: Exception) -> None:
        """Refused: the file changed since (edited by hand, say); it stays as it is."""
        from claims.casebook.capture import Conflict

        self.busy = False
        if not isinstance(error, Conflict):
            self.done.append((capture, what, says))  # not written: still to be undone
        message = getattr(error, "message", str(error))
        hint = getattr(error, "hint", None)
        self._say(f"Not undone: {message}" + (f"\n{hint}" if hint else ""), "Undo", "warning", 12)


def _new_position(typed: PositionFields) -> Any:
    from claims.casebook.capture import NewPosition

    return NewPosition(typed.side, typed.holder, typed.claim)


def not_writable(session: Session) -> str | None:
    """Why nothing can be added to this casebook, said before the pickers open: the
    bundled example (part of the installation; the API refuses it too). None otherwise."""
    from claims.bundled import bundled_casebook

    root = os.path.realpath(session.casebook.root)
    example = os.path.realpath(bundled_casebook())
    if root == example or root.startswith(example + os.sep):
        return (
            "This is the bundled example, part of the installation: nothing is added to it. "
            "`contested init --example DIR` copies it to DIR; open the copy to add evidence."
        )
    return None
