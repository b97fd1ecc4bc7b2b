"""The app's side of reviewing: rating positions, notes, a dispute's status, and undo.

`Desk` belongs to the main screen. It holds the casebook's `claims.review.ReviewStore`
(the one writer of review.yaml: atomic, locked, merging), opened by a worker once the
casebook is loaded, and the undo stack: every change saved since the app opened, undone
one by one with `u` (each undo itself written by the store, just as safely). What the
widgets show (a position's badge and note, the list's marks, "12/26 reviewed", the
filter's `rating:`/`status:` words) is read from the store's reviews, kept here.

A change is written at once, on the UI thread (the store's save takes about 20 ms with
10,000 reviews), so the screen and the disk agree when the key press is over. A change
that meets another one made on disk to the same position asks which to keep
(`ReviewConflictScreen`); one that cannot be written (the bundled example, a read-only
folder) says why, and how to get a copy of one's own, and writes nothing.

review.yaml changed by someone else (a `git pull`) is seen by a poll (`poll`: a stat, in
a worker): the reviews alone are read again, by a worker too (10,000 of them take
seconds), and what changed is said; the casebook is not reloaded (`tui.watch` leaves
review.yaml out of its fingerprint). A review.yaml that cannot be read (a merge left half
done) is said once, and not written over.
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.content import Content

from claims import Casebook, Dispute, Position
from claims.model import DisputeReview, Review
from claims.problems import ClaimsError
from claims.review import (
    DEFAULT_SCALE,
    Change,
    ReviewConflict,
    ReviewError,
    ReviewNotWritable,
    ReviewStore,
    Scale,
    SetNote,
    SetRating,
    SetStatus,
    reviewer_name,
    scale_of,
)
from claims.review.document import describe as describe_entry
from claims.review.keys import ambiguity
from claims.review.store import NO_BASE
from claims.text import steady
from tui.review_filter import rated, review_hint, review_test, state
from tui.screens.rating_picker import CLEAR, RatingPicker, badge
from tui.threads import Gone, on_ui, post_ui

if TYPE_CHECKING:
    from tui.screens.main import MainScreen
    from tui.session import Session
    from tui.widgets.dispute_view import DisputeView

POLL_SECONDS = 1.0  # how often a worker looks whether review.yaml changed on disk


def desk_of(view: DisputeView) -> Desk:
    """The desk of the screen `view` is on; SkipAction if that screen has none."""
    desk = getattr(view.screen, "desk", None)
    if not isinstance(desk, Desk):
        raise SkipAction()
    return desk


class Desk:
    """The reviews of the casebook shown on `screen`, and the changes made to them."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.store: ReviewStore | None = None
        self.casebook: Casebook | None = None  # the store's (a reload makes a new one)
        self.scale: Scale = DEFAULT_SCALE
        self.by: str | None = None  # the reviewer (`by:`), found once by a worker
        #: (inverse, what the change left there) of the changes saved, the last one last:
        #: an undo is refused as a conflict when that place changed since (a colleague).
        self.undo: list[tuple[Change, object]] = []
        self.counts: tuple[str, str] | None = None  # the check's, before and after progress
        self.unopened: str | None = None  # why the store could not be opened
        self._polling = False
        self._reading = False  # a worker is reading review.yaml again
        self._writes = 0  # changes saved: a reading begun before one is stale
        self._failed: tuple[int, int, int] | None = None  # review.yaml as it failed to read
        self._reviewed: set[str] | None = None  # marked reviewed, kept change by change,
        self._counted: tuple[object, object] = (None, None)  # in this (casebook, reviews)

    # -- the store ---------------------------------------------------------------------------

    def attach(self, session: Session) -> None:
        """A casebook was (re)loaded: show its reviews; once it is complete, a worker opens
        its store (reading review.yaml again, remembering how it was)."""
        from tui.widgets.dispute_list import DisputeList
        from tui.widgets.dispute_view import DisputeView

        casebook = session.casebook
        self.scale = scale_of(casebook)
        self.screen.query_one(DisputeView).review_badge = self.badge
        self.screen.query_one(DisputeList).review_mark = self.mark
        session.review_test = lambda word: review_test(word, lambda: self.reviews, self.scale)
        session.review_hint = lambda word: review_hint(word, self.scale)
        if session.loaded.complete and casebook is not self.casebook:
            self.casebook, self.store, self.unopened = casebook, None, None
            self.screen.run_worker(lambda: self._open(casebook), thread=True,
                                   group="review-open", exclusive=True)  # fmt: skip
        if not self._polling:
            self._polling = True
            self.screen.set_interval(POLL_SECONDS, self.poll)

    def _open(self, casebook: Casebook) -> None:
        """In a worker: open the store and find the reviewer's name (git may be slow)."""
        try:
            store: ReviewStore | None = ReviewStore.open(casebook)
            why = None
        except (ClaimsError, OSError) as exc:
            store, why = None, str(exc)
        try:
            by: str | None = self.by or reviewer_name()
        except ReviewError:  # $CONTESTED_REVIEWER not one line: each save says so
            by = None
        with contextlib.suppress(Gone):
            on_ui(self.screen, self._opened, casebook, store, by, why)

    def _opened(
        self, casebook: Casebook, store: ReviewStore | None, by: str | None, why: str | None
    ) -> None:
        if casebook is self.casebook:
            self.store, self.by, self.unopened = store, by, why
            # The reviews live as long as the casebook: out of the cyclic collector's sight
            # (as `tui.loading` does with the casebook), or its full collections walk them
            # all in the middle of a rating key press.
            gc.freeze()
            self.refresh(None)

    @property
    def reviews(self) -> Mapping[str, DisputeReview]:
        """The current reviews by dispute id: the store's, else those loaded with the casebook."""
        if self.store is not None:
            return self.store.reviews
        session = self.screen.session
        return session.casebook.reviews if session is not None else {}

    def review(self, dispute: Dispute, position: Position) -> Review | None:
        found = self.reviews.get(dispute.id)
        return found.positions.get(position.key) if found is not None else None

    # -- what the widgets show ---------------------------------------------------------------

    def badge(self, dispute: Dispute, position: Position) -> Content | None:
        """A position's rating badge (in the scale's colour), who rated it and when, and its
        note; None when it has no review."""
        review = self.review(dispute, position)
        if review is None:
            return None
        rating = self.scale.get(review.rating) if review.rating else None
        parts: list[Content | str | tuple[str, str]] = []
        if rating is not None:
            parts.append(badge(rating))
        elif review.rating:  # not on the scale: `check` says so
            parts.append((f" ? {steady(review.rating)} ", "bold $error"))
        who = " · ".join(steady(x) for x in (review.by, (review.at or "")[:10]) if x)
        if who:
            parts.append((f" {who}", "dim"))
        if review.note:
            parts += ["\n", ("Note: ", "bold"), (steady(review.note), "italic")]
        return Content.assemble(*parts)

    def mark(self, dispute: Dispute) -> Content | None:
        """The list's review mark for a dispute: "✓ reviewed", "2/3 rated", or None (open)."""
        review = self.reviews.get(dispute.id)
        now = state(dispute, review)
        if now == "reviewed":
            return Content.assemble(("✓ reviewed", "bold $success"))
        if now == "partly":
            return Content.assemble((f"{rated(dispute, review)}/{len(dispute.positions)} rated",
                                     "$accent"))  # fmt: skip
        return None

    def progress(self) -> str:
        """The review progress: disputes marked reviewed, of all ("12/26 reviewed")."""
        session = self.screen.session
        if session is None:
            return ""
        reviews, casebook = self.reviews, session.casebook
        if self._reviewed is None or any(map(operator.is_not, self._counted, (casebook, reviews))):
            self._reviewed = {d.id for d in casebook.disputes
                              if (r := reviews.get(d.id)) and r.status == "reviewed"}  # fmt: skip
            self._counted = (casebook, reviews)
        return f"{len(self._reviewed)}/{len(casebook.disputes)} reviewed"

    def _recount(self, dispute_id: str | None) -> None:
        """A dispute's review changed (None: any of them): keep `progress`'s count."""
        done, session = self._reviewed, self.screen.session
        if dispute_id is None or done is None or session is None:
            self._reviewed = None
            return
        review = self.reviews.get(dispute_id)
        known = session.casebook.dispute(dispute_id) is not None
        (done.add if known and review and review.status == "reviewed" else done.discard)(dispute_id)

    def show_progress(self) -> None:
        """The status line: the check's problems, the review progress, the anchoring."""
        session = self.screen.session
        if self.counts is not None and session is not None and session.report is not None:
            self.screen.status(self.counts[0] + self.progress() + self.counts[1])

    def refresh(self, dispute_id: str | None) -> None:
        """Show the reviews again: of one dispute (None: of all of them)."""
        from tui.widgets.dispute_list import DisputeList
        from tui.widgets.dispute_view import DisputeView

        screen = self.screen
        if screen.session is None:
            return
        self._recount(dispute_id)
        if any(w.startswith(("rating:", "status:")) for w in screen.query_text.casefold().split()):
            listing = screen.query_one(DisputeList)
            screen.refill(listing.highlighted_id)  # what the filter selects may have changed
            screen.show_highlighted()
        screen.query_one(DisputeList).remark(dispute_id)
        view = screen.query_one(DisputeView)
        if view.dispute is not None and dispute_id in (None, view.dispute.id):
            view.reshow()
        self.show_progress()

    # -- the keys ----------------------------------------------------------------------------

    def target(self, view: DisputeView) -> tuple[Dispute, Position]:
        """The dispute shown and the position of the focused card; SkipAction if none."""
        if view.dispute is None or not view.cards:
            raise SkipAction()
        return view.dispute, view.dispute.positions[view.cards[view.cursor].position]

    def about(self, dispute: Dispute, position: Position) -> Content:
        """Which position is being reviewed: holder, side and the dispute's question."""
        session = self.screen.session
        side = session.casebook.sides.get(position.side) if session else None
        label = side.label if side is not None else position.side
        return Content.assemble((steady(position.holder), "bold"), f" ({steady(label)})\n",
                                (steady(dispute.question), "italic"))  # fmt: skip

    def refused(self, dispute: Dispute, position: Position) -> bool:
        """Say why nothing can be written on this position, before a picker or the note
        editor opens (nothing typed is lost): the reviews not read yet, the bundled example
        or a folder that cannot be written, a position sharing its key with another; True
        then. False when it can be reviewed."""
        store = self.store
        why: str | None
        if store is None:
            why = self.unopened or "The reviews are still being read; try again in a moment."
        else:
            why = store.not_writable() or ambiguity(dispute, position.key)
        if why is None:
            return False
        self.screen.notify(steady(why), title="Not saved", severity="warning", timeout=12,
                           markup=False)  # fmt: skip
        return True

    def rate(self, view: DisputeView) -> None:
        """Open the rating picker on the focused card's position."""
        dispute, position = self.target(view)
        if self.refused(dispute, position):
            return
        review = self.review(dispute, position)
        picker = RatingPicker(self.scale, review.rating if review else None,
                              self.about(dispute, position))  # fmt: skip
        base = self.store.entry(dispute.id, position.key) if self.store else NO_BASE

        def picked(rating: str | None) -> None:
            if rating is not None:
                rating_id = rating if rating != CLEAR else None
                self.apply(SetRating(dispute.id, position.key, rating_id), base=base)

        self.screen.app.push_screen(picker, picked)

    def rate_with(self, view: DisputeView, number: int) -> None:
        """Rate the focused card's position with the scale's `number`th rating (1-based),
        at once: no picker."""
        dispute, position = self.target(view)
        if not 1 <= number <= len(self.scale.ratings):
            raise SkipAction()
        rating = self.scale.ratings[number - 1].id
        review = self.review(dispute, position)
        if (review is None or review.rating != rating) and not self.refused(dispute, position):
            self.apply(SetRating(dispute.id, position.key, rating))

    def edit_note(self, view: DisputeView) -> None:
        """Open the note editor on the focused card's position."""
        from tui.screens.note_editor import NoteEditor

        dispute, position = self.target(view)
        if self.refused(dispute, position):
            return  # before the editor opens: nothing typed is lost
        review = self.review(dispute, position)
        before = review.note if review else None
        # The note as the editor opened: a colleague's change to this position meanwhile
        # makes the save ask (keep mine / keep theirs), never overwrite it unseen.
        base = self.store.entry(dispute.id, position.key) if self.store else NO_BASE

        def saved(note: str | None) -> None:
            if note is not None and note != (before or ""):
                self.apply(SetNote(dispute.id, position.key, note or None), base=base)

        self.screen.app.push_screen(NoteEditor(before, self.about(dispute, position)), saved)

    def toggle_status(self) -> None:
        """Mark the dispute shown reviewed, or open again."""
        dispute_id = self.screen.wanted
        if dispute_id is None:
            raise SkipAction()
        review = self.reviews.get(dispute_id)
        now = review.status if review is not None else "open"
        self.apply(SetStatus(dispute_id, "open" if now == "reviewed" else "reviewed"))

    def undo_last(self) -> None:
        """Undo the last review change not undone yet (it is written like any change)."""
        if not self.undo:
            self.screen.notify("No review change to undo.", timeout=3, markup=False)
            return
        inverse, after = self.undo.pop()
        # Made from the state our change left: a colleague's change since asks first.
        self.apply(inverse, undoing=True, base=after)  # not written: back on the stack

    # -- writing -----------------------------------------------------------------------------

    def apply(
        self, change: Change, *, force: bool = False, undoing: bool = False, base: object = NO_BASE
    ) -> bool:
        """Write `change` through the store; True if it was written. `base`: what the change
        was made from (`ReviewStore.entry`), for the store to refuse it as a conflict when
        that place holds something else now. A conflict asks which to keep; any other
        refusal says why (an undo not written stays to be undone). Never raises."""
        if self.store is None:
            if undoing:
                self.undo.append((change, base))
            why = self.unopened or "The reviews are still being read; try again in a moment."
            self.screen.notify(steady(why), title="Not saved", severity="warning", markup=False)
            return False
        try:
            saved = self.store.apply(change, force=force, by=self.by, base=base)
        except ReviewConflict as conflict:
            self.ask(conflict, change, undoing, base)
            return False
        except ReviewNotWritable as exc:
            self._reviewed = None  # a failed save may have changed the reviews in memory
            if undoing:
                self.undo.append((change, base))
            self.screen.notify(steady(str(exc)), title="Not saved", severity="warning",
                               timeout=12, markup=False)  # fmt: skip
            return False
        except (ReviewError, ClaimsError, OSError) as exc:
            self._reviewed = None
            if undoing:
                self.undo.append((change, base))
            self.screen.notify(steady(str(exc)), title="Not saved", severity="error",
                               timeout=12, markup=False)  # fmt: skip
            return False
        self._writes += 1
        if not undoing:
            self.undo.append((saved.inverse, saved.after))
        self.refresh(None if saved.merged else change.dispute)
        if saved.merged:
            self.screen.notify(steady("\n".join(saved.merged)), title="Merged from review.yaml",
                               timeout=8, markup=False)  # fmt: skip
        return True

    def ask(self, conflict: ReviewConflict, change: Change, undoing: bool, base: object) -> None:
        """Keep mine (written over theirs, for that position only; the rest of theirs merged)
        or keep theirs (then read and shown)."""
        from tui.screens.review_conflict import ReviewConflictScreen

        message = Content.assemble(
            steady(str(conflict)), "\n\n", ("On disk: ", "bold"), steady(conflict.theirs), "\n",
            ("Yours: ", "bold"), steady(describe(change)),
        )  # fmt: skip

        def chosen(mine: bool | None) -> None:
            if mine:
                self.apply(change, force=True, undoing=undoing, base=base)
                return
            self.read_again()  # theirs, to show
            if undoing:
                self.screen.notify("Kept theirs: that change stays.", timeout=5, markup=False)

        self.screen.app.push_screen(ReviewConflictScreen(message), chosen)

    # -- changes made by others --------------------------------------------------------------

    def poll(self) -> None:
        """What the timer does: a worker looks whether review.yaml changed on disk."""
        if self.store is not None and not self._reading:
            self.read_again(force=False)

    def read_again(self, force: bool = True) -> None:
        """Have a worker read review.yaml again (unless not `force` and it has not changed);
        reading 10,000 reviews takes seconds, never the UI thread's."""
        store = self.store
        if store is not None:
            self._reading = True
            look = partial(self._look, store, self._writes, force)
            self.screen.run_worker(look, thread=True, group="review-poll")

    def _look(self, store: ReviewStore, writes: int, force: bool) -> None:
        """In a worker: read review.yaml into a new store if it changed on disk."""
        try:
            if not force and not store.changed_on_disk():
                return
            key = _stat_key(store.path)
            if key == self._failed and not force:
                return  # still the file that could not be read: said once
            fresh = ReviewStore(store.casebook)
            try:
                fresh.reload()
            except (ClaimsError, OSError) as exc:
                self._failed = key
                post_ui(self.screen, self._unread, str(exc))
                return
            with contextlib.suppress(Gone):
                on_ui(self.screen, self._swap, store, fresh, writes)
        finally:
            self._reading = False

    def _unread(self, why: str) -> None:
        self.screen.notify(steady(why), title="review.yaml not read", severity="warning",
                           timeout=12, markup=False)  # fmt: skip

    def _swap(self, store: ReviewStore, fresh: ReviewStore, writes: int) -> None:
        """Show the reviews read again, and say what changed (unless a change of ours was
        saved meanwhile: saving merged what was on disk already)."""
        if store is not self.store or writes != self._writes:
            return
        lines = what_changed(store.reviews, fresh.reviews)
        self.store, self._failed = fresh, None
        gc.freeze()  # as when it was opened
        self.refresh(None)
        if lines:
            self.screen.notify(steady("\n".join(lines)), title="review.yaml changed on disk",
                               timeout=8, markup=False)  # fmt: skip


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def what_changed(
    old: Mapping[str, DisputeReview], new: Mapping[str, DisputeReview], most: int = 8
) -> list[str]:
    """What differs between two states of the reviews, a line each ("cause-of-death /
    heart-failure: false → supported (by lm)"), at most `most` lines and a count of the rest."""
    lines: list[str] = []
    for dispute in dict.fromkeys([*old, *new]):
        before, after = old.get(dispute), new.get(dispute)
        if before == after:
            continue
        status = (before.status if before else "open", after.status if after else "open")
        if status[0] != status[1]:
            lines.append(f"{dispute}: {status[0]} → {status[1]}")
        was = before.positions if before else {}
        now = after.positions if after else {}
        for key in dict.fromkeys([*was, *now]):
            a, b = was.get(key), now.get(key)
            if (a and (a.rating, a.note)) == (b and (b.rating, b.note)):
                continue
            change = f"{a.rating if a else 'no rating'} → {b.rating if b else 'no rating'}"
            if a and b and a.rating == b.rating:
                change = "note changed" if b.note else "note removed"
            who = f" (by {b.by})" if b and b.by else ""
            lines.append(f"{dispute} / {key}: {change}{who}")
    if len(lines) > most:
        lines[most - 1 :] = [f"… and {len(lines) - most + 1} more"]
    return lines


def describe(change: Change) -> str:
    """A change in words, for the conflict question."""
    if isinstance(change, SetRating):
        return f"{change.key}: rating {change.rating or '(none)'}"
    if isinstance(change, SetNote):
        return f"{change.key}: note {change.note!r}" if change.note else f"{change.key}: no note"
    if isinstance(change, SetStatus):
        return f"{change.dispute}: {change.status}"
    if change.key is None:
        fields = dict(change.entry) if isinstance(change.entry, tuple) else {}
        return f"{change.dispute}: undo, back to {fields.get('status') or 'open'}"
    return f"{change.key}: undo, back to {describe_entry(change.entry)}"
