"""`ReviewStore`: the only writer of review.yaml.

Every write is atomic and locked:

1. an exclusive `flock` on the casebook's folder itself (no lock file is made: nothing
   for `check` or git to see), so two writers (the app and `contested review`, two
   scripts) take turns;
2. review.yaml is read again under the lock; if its bytes differ from those last read or
   written (a fingerprint: size, mtime_ns, inode and SHA-256), the other writer's changes
   are merged in first, and the change is refused (`ReviewConflict`) only when the other
   writer changed the same position (or the same dispute's status);
3. the new text goes to a temporary file in the same folder (`.review.yaml.*.tmp`),
   flushed and fsync'ed, then `os.replace`d over review.yaml, then the folder is fsync'ed.
   A kill at any instant leaves the old file or the new one; a temporary file left by a
   kill is removed by the next write.

The text is `claims.review.render`'s: diff-friendly, so one rating changed is one line.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from claims.casefiles import REVIEW_FILE
from claims.gcpause import paused_gc
from claims.model import Casebook, DisputeReview, Review
from claims.paths import display, reason
from claims.review.atomic import locked, write_atomically
from claims.review.changes import Change, Restore, SetRating, SetStatus
from claims.review.document import (
    Document,
    Unreadable,
    describe,
    differences,
    parse_reusing,
    to_dispute_review,
)
from claims.review.errors import ReviewConflict, ReviewError, ReviewNotWritable
from claims.review.keys import ambiguity
from claims.review.render import DISPUTE_FIELDS, dispute_lines
from claims.review.reviewer import reviewer_name, unfit_name
from claims.review.scale import scale_of
from claims.schema import STATUSES

__all__ = [
    "Fingerprint",
    "ReviewConflict",
    "ReviewError",
    "ReviewNotWritable",
    "ReviewStore",
    "Saved",
    "utc_now",
]

HEADER = (
    "# Reviews of this casebook, written by `contested` (the app, `contested review`).\n"
    "# Hand edits are read and kept, but comments are not.\n"
)
#: review.yaml may be this big (bytes), as any casebook YAML file.
LIMIT = 20_000_000
EXAMPLE_HINT = "`contested init --example DIR` copies it to DIR, where you can review it"


@dataclass(frozen=True)
class Saved:
    """What `ReviewStore.apply` did: `inverse` undoes it (apply it to undo, with
    `base=after`, so that an undo over someone else's later change to the same place asks
    first), `merged` are human lines of what others had changed on disk, merged in first,
    `path` is review.yaml, `after` what the change left there (as `ReviewStore.entry`)."""

    inverse: Change
    merged: tuple[str, ...]
    path: Path
    after: object = None


#: `apply`'s `base` when none is given: no comparison with what the change was made from.
NO_BASE: object = object()


@dataclass(frozen=True)
class Fingerprint:
    """review.yaml as last read or written: `stat` fields and the SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    inode: int
    digest: bytes


#: Disputes read again exactly as last written: their rendered text and review.
Reused = dict[str, tuple[str, DisputeReview | None]]


def utc_now() -> str:
    """The time now, UTC, to the second: "2026-11-22T10:04:00Z"."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ReviewStore:
    """review.yaml of one casebook, read once, then changed and written change by change.

    `reviews` is the state after the last `apply` or `reload` (dispute id -> its review;
    a rating is kept as written, even one the scale does not know)."""

    def __init__(self, casebook: Casebook) -> None:
        self.casebook = casebook
        self.path = casebook.root / REVIEW_FILE
        self.scale = scale_of(casebook)
        self.reviews: dict[str, DisputeReview] = {}
        self._document: Document = {}
        self._fingerprint: Fingerprint | None = None
        self._broken: str | None = None  # why review.yaml as last read cannot be rewritten
        self._chunks: dict[str, str] = {}  # dispute -> its rendered lines
        self._order: list[str] | None = None  # disputes in the order written
        self._stale: set[str] | None = None  # chunks dropped since `text` (None: any)
        self._data: bytes | None = None  # review.yaml's bytes, as `_fingerprint` says
        self._by: str | None = None

    @classmethod
    def open(cls, casebook: Casebook) -> ReviewStore:
        """Read the casebook's review.yaml now (absent: no reviews) and remember its
        fingerprint. Never raises for what is in the file: a review.yaml that cannot be
        rewritten (does not parse, is a link, …) is read as empty and `apply` says why."""
        store = cls(casebook)
        try:
            data, fingerprint = store._read()
            store._adopt(data, fingerprint)
            if data is not None and data.startswith(HEADER.encode()):
                store.text()  # each dispute's text, so a later read re-parses only changes
        except ReviewNotWritable as why:
            store._broken = str(why)
        return store

    # -- reading ---------------------------------------------------------------------

    def review(self, dispute: str, key: str) -> Review | None:
        """Position `key`'s review in `dispute` (its id, else its holder), else None."""
        found = self.reviews.get(dispute)
        return found.positions.get(key) if found is not None else None

    def status(self, dispute: str) -> str:
        """The dispute's review status: "open" or "reviewed" ("open" when not set)."""
        found = self.reviews.get(dispute)
        return found.status if found is not None else "open"

    def entry(self, dispute: str, key: str | None) -> object:
        """What review.yaml holds now (as last read or written) at the place a change
        touches: position `key`'s entry (a copy; None when it has no review), or with `key`
        None the dispute's own fields ((field, value) pairs of `status`, `by`, `at`). Give
        it to `apply` as `base` to have a change refused when that place changed since."""
        return _entry_of(self._document, (dispute, key))

    def not_writable(self) -> str | None:
        """Why nothing can be written here (the bundled example, a folder that cannot be
        written), else None. Cheap; the app uses it to say so before a key is pressed."""
        root = os.path.realpath(self.casebook.root)
        package = os.path.realpath(Path(__file__).parent.parent)
        if root == package or root.startswith(package + os.sep):
            return (
                "this is the bundled example, part of the installation: reviews are not "
                f"written there; {EXAMPLE_HINT}"
            )
        if not os.access(root, os.W_OK):
            return f"cannot write review.yaml in {display(root)}: permission denied"
        return None

    def changed_on_disk(self) -> bool:
        """Whether review.yaml changed on disk since it was last read or written: a `stat`
        (size, mtime_ns, inode), no read. For a watcher; `apply` checks the bytes."""
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return self._fingerprint is not None
        except OSError:
            return False
        old = self._fingerprint
        return old is None or (st.st_size, st.st_mtime_ns, st.st_ino) != (
            old.size,
            old.mtime_ns,
            old.inode,
        )

    def reload(self) -> list[str]:
        """Read review.yaml again; return one human line per change found ("d / key:
        supported → false (by lm, …)"), empty when nothing changed. Raises
        `ReviewNotWritable` when it cannot be read (then the state is left as it was)."""
        data, fingerprint = self._read()
        if fingerprint is not None and fingerprint == self._fingerprint:
            return []
        return self._adopt(data, fingerprint)

    # -- writing ---------------------------------------------------------------------

    def apply(
        self, change: Change, *, force: bool = False, by: str | None = None, base: object = NO_BASE
    ) -> Saved:
        """Apply `change` and write review.yaml (see the module's docstring), filling in
        `by:` (`by`, else `reviewer_name()`) and `at:` (UTC, "…Z") for ratings, notes and
        a dispute's status.

        If review.yaml changed on disk since it was read, the other changes are merged in
        first (`Saved.merged` lists them). `base`: what the change was made from, as
        `entry` gave it (the note as the editor opened; for an undo, `Saved.after` of the
        change undone): when the place the change touches holds anything else now (merged
        from disk, or read again since), the change is refused as a conflict.

        Raises `ReviewConflict` when the other writer changed the same position (or status),
        or it differs from `base`, unless `force` (then theirs is overwritten for that
        position only); `ReviewNotWritable` (see its docstring); `ReviewError` for an
        unknown dispute, position, rating or status (with "did you mean"), a position that
        shares its key with another one (it needs an `id:`), a reviewer's name that is not
        one line (`by` or `$CONTESTED_REVIEWER`). Nothing is written when it raises."""
        self._validate(change)
        if by is not None and (unfit := unfit_name(by)) is not None:
            raise ReviewError(f"the reviewer's name {by!r} cannot be written: {unfit}")
        why = self.not_writable()
        if why is not None:
            raise ReviewNotWritable(why)
        if by is None and not isinstance(change, Restore):
            self._reviewer()  # `$CONTESTED_REVIEWER` not one line: refused before the lock
        with locked(self.casebook.root) as folder:
            data, fingerprint = self._read()
            merged: list[str] = []
            target = _target(change)
            now, theirs, reused = self._document, None, None
            if fingerprint != self._fingerprint or self._broken:
                with paused_gc():
                    theirs, reused = self._parse(data)
                    touched, merged = differences(self._document, theirs)
                if target in touched and not force:
                    raise _conflict(change, theirs)
                now = theirs
            if base is not NO_BASE and not force and _entry_of(now, target) != base:
                raise _conflict(change, now)
            if theirs is not None and reused is not None:
                self._set_document(theirs, fingerprint, reused, data)
            inverse = self._change(change, by)
            text = self.text()
            data = text.encode("utf-8")
            st = write_atomically(self.path, data, folder)
            digest = hashlib.sha256(data).digest()
            self._fingerprint = Fingerprint(st.st_size, st.st_mtime_ns, st.st_ino, digest)
            self._data = data
        return Saved(inverse, tuple(merged), self.path, self.entry(*target))

    def text(self) -> str:
        """review.yaml's text for the current state (what `apply` writes)."""
        chunks = self._chunks
        if self._order is None:  # disputes in the casebook's order, then the rest as read
            order = [d.id for d in self.casebook.disputes if d.id in self._document]
            known = set(order)
            self._order = order + [d for d in self._document if d not in known]
            self._stale = None
        stale = self._order if self._stale is None else self._stale  # the order holds them
        missing = [d for d in stale if d not in chunks and d in self._document]
        self._stale = set()
        for dispute in missing:
            found = self.casebook.dispute(dispute)
            keys = [p.key for p in found.positions] if found is not None else []
            chunks[dispute] = (
                "\n".join(dispute_lines(dispute, self._document[dispute], keys)) + "\n"
            )
        return HEADER + "".join([chunks[dispute] for dispute in self._order])

    # -- inside ----------------------------------------------------------------------

    def _validate(self, change: Change) -> None:
        if isinstance(change, Restore):
            return
        dispute = self.casebook.dispute(change.dispute)
        if dispute is None:
            raise ReviewError(f"no dispute {change.dispute!r} in {self.casebook.title!r}")
        if isinstance(change, SetStatus):
            if change.status not in STATUSES:
                raise ReviewError(
                    f"unknown status {change.status!r}; it is one of: {', '.join(STATUSES)}"
                )
            return
        if change.key not in {p.key for p in dispute.positions}:
            raise ReviewError(f"dispute {dispute.id!r} has no position {change.key!r}")
        shared = ambiguity(dispute, change.key)
        if shared is not None:
            raise ReviewError(shared)
        rating = change.rating if isinstance(change, SetRating) else None
        if rating is not None and self.scale.get(rating) is None:
            close = self.scale.suggest(rating)
            raise ReviewError(
                f"unknown rating {rating!r}"
                + (f"; did you mean {close!r}?" if close else "")
                + f" (ratings: {', '.join(self.scale.ids)})"
            )

    def _change(self, change: Change, by: str | None) -> Change:
        """Make `change` in the document; return its inverse."""
        dispute = change.dispute
        self._chunks.pop(dispute, None)
        if self._stale is not None:
            self._stale.add(dispute)
        entry = self._document.get(dispute)
        if entry is not None and not isinstance(entry, dict):
            raise ReviewNotWritable(
                f"the review of {dispute!r} in review.yaml is not a mapping; fix it by hand"
            )
        if isinstance(change, SetStatus) or (isinstance(change, Restore) and change.key is None):
            old = _entry_of(self._document, (dispute, None))
            new: object
            if isinstance(change, SetStatus):
                new = (("status", change.status), ("by", by or self._reviewer()), ("at", utc_now()))
            elif isinstance(change.entry, str):  # a status alone (as undo gave it before by/at)
                new = (("status", change.entry),)
            else:
                new = change.entry
            self._put(dispute, None, new)
            assert isinstance(old, tuple)
            return Restore(dispute, None, old)
        positions = entry.get("positions") if entry is not None else None
        if positions is not None and not isinstance(positions, dict):
            raise ReviewNotWritable(
                f"`positions:` of {dispute!r} in review.yaml is not a mapping; fix it by hand"
            )
        key = change.key
        assert key is not None
        old_entry = copy.deepcopy(positions.get(key)) if positions else None
        new_entry: object
        if isinstance(change, Restore):
            new_entry = copy.deepcopy(change.entry)
        elif isinstance(change, SetRating) and change.rating is None:
            new_entry = None
        else:
            fields = dict(old_entry) if isinstance(old_entry, dict) else {}
            if isinstance(change, SetRating):
                fields["rating"] = change.rating
            else:
                if not isinstance(fields.get("rating"), str):
                    if self.scale.get("unrated") is None:
                        raise ReviewError(f"rate {key!r} before writing a note on it")
                    fields["rating"] = "unrated"
                if change.note:
                    fields["note"] = change.note
                else:
                    fields.pop("note", None)
            fields["by"] = by or self._reviewer()
            fields["at"] = utc_now()
            new_entry = fields
        self._put(dispute, key, new_entry)
        return Restore(dispute, key, old_entry)

    def _put(self, dispute: str, key: str | None, value: object) -> None:
        """Set (value None: remove) a position's entry or (key None) the dispute's own
        fields (`value`: (field, value) pairs of `status`, `by`, `at`; those not in it are
        removed), removing a dispute's entry that is left empty."""
        if dispute not in self._document:
            self._order = None
        entry = self._document.setdefault(dispute, {})
        assert isinstance(entry, dict)
        if key is None:
            fields = dict(value) if isinstance(value, tuple) else {}
            rest = {k: v for k, v in entry.items() if k not in DISPUTE_FIELDS}
            entry.clear()
            entry.update({f: fields[f] for f in DISPUTE_FIELDS if f in fields})
            entry.update(rest)
        else:
            positions = entry.setdefault("positions", {})
            assert isinstance(positions, dict)
            if value is None:
                positions.pop(key, None)
            else:
                positions[key] = value
            if not positions:
                del entry["positions"]
        if not entry:
            del self._document[dispute]
            self._order = None
            self.reviews.pop(dispute, None)
            return
        review = to_dispute_review(entry, self.path)
        if review is not None:
            self.reviews[dispute] = review

    def _reviewer(self) -> str:
        if self._by is None:
            self._by = reviewer_name()
        return self._by

    def _parse(self, data: bytes | None) -> tuple[Document, Reused]:
        """The document in `data`, and what of it is as last written: those disputes are
        not parsed again, and their rendered text and review are kept (`Reused`)."""
        if data is None:
            return {}, {}
        try:
            document, same = parse_reusing(self.path, data, HEADER, self._chunks, self._document)
        except Unreadable as why:
            raise ReviewNotWritable(
                f"{why}; review.yaml cannot be rewritten without losing it: fix it "
                "(`contested check` shows where), then try again"
            ) from None
        return document, {d: (self._chunks[d], self.reviews.get(d)) for d in same}

    def _adopt(self, data: bytes | None, fingerprint: Fingerprint | None) -> list[str]:
        with paused_gc():
            document, reused = self._parse(data)
            lines = differences(self._document, document)[1]
            self._set_document(document, fingerprint, reused, data)
        return lines

    def _set_document(
        self,
        document: Document,
        fingerprint: Fingerprint | None,
        reused: Reused,
        data: bytes | None,
    ) -> None:
        self._document = document
        self._fingerprint = fingerprint
        self._data, self._broken = data, None
        self._chunks = {d: chunk for d, (chunk, _) in reused.items()}
        self._order = None
        self._stale = None
        self.reviews = {}
        path = self.path
        for dispute, value in document.items():
            review = reused[dispute][1] if dispute in reused else to_dispute_review(value, path)
            if review is not None:
                self.reviews[dispute] = review

    def _read(self) -> tuple[bytes | None, Fingerprint | None]:
        """review.yaml's bytes and fingerprint; (None, None) when there is none."""
        shown = display(str(self.path))
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise ReviewNotWritable(f"cannot read {shown}: {reason(exc)}") from None
        if stat.S_ISLNK(st.st_mode):
            raise ReviewNotWritable(
                f"{shown} is a symbolic link; contested writes review.yaml itself: "
                "replace the link with the file"
            )
        if not stat.S_ISREG(st.st_mode):
            raise ReviewNotWritable(f"{shown} is not a regular file")
        if st.st_size > LIMIT:
            raise ReviewNotWritable(f"{shown} is over {LIMIT // 1_000_000} MB")
        try:
            with open(self.path, "rb") as file:
                data = file.read(LIMIT + 1)
                st = os.fstat(file.fileno())
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise ReviewNotWritable(f"cannot read {shown}: {reason(exc)}") from None
        old = self._fingerprint  # as last read or written: the same bytes need no hashing
        if old and (st.st_size, st.st_mtime_ns, st.st_ino, data) == (
                old.size, old.mtime_ns, old.inode, self._data):  # fmt: skip
            return data, old
        digest = hashlib.sha256(data).digest()
        return data, Fingerprint(st.st_size, st.st_mtime_ns, st.st_ino, digest)


def _target(change: Change) -> tuple[str, str | None]:
    return (change.dispute, None if isinstance(change, SetStatus) else change.key)


def _entry_of(document: Document, target: tuple[str, str | None]) -> object:
    """What `document` holds at `target` (see `ReviewStore.entry`), a copy."""
    dispute, key = target
    value = document.get(dispute)
    if key is None:
        if not isinstance(value, dict):
            return ()
        return tuple((f, copy.deepcopy(value[f])) for f in DISPUTE_FIELDS if f in value)
    positions = value.get("positions") if isinstance(value, dict) else None
    return copy.deepcopy(positions.get(key)) if isinstance(positions, dict) else None


def _conflict(change: Change, theirs: Document) -> ReviewConflict:
    dispute, key = _target(change)
    value = theirs.get(dispute)
    if key is None:
        now = value.get("status") if isinstance(value, dict) else None
        what = f"the status of {dispute!r}"
        shown = str(now or "open")
    else:
        positions = value.get("positions") if isinstance(value, dict) else None
        now = positions.get(key) if isinstance(positions, dict) else None
        what = f"the review of {key!r} in {dispute!r}"
        shown = describe(now)
    return ReviewConflict(
        f"{what} was changed in review.yaml since it was read (now: {shown}); "
        "nothing was written: look at it again, then make your change",
        change,
        shown,
    )
