"""The app's view of one casebook: loaded once, anchored lazily, reloaded on change.

No Textual here: screens ask the session for what to show. Anchoring is per dispute and
cached, so the first dispute appears before the rest of the casebook is checked; the full
check (for the problems panel and the list's marks) runs later, off the UI thread.

Reading a source and anchoring a quote block (a big file, a slow disk), so the UI thread
never does either: it asks `is_anchored` / `source_ready` (which never block) and, when
the answer is no, has a worker call `prepare` / `prepare_source` first. `anchors`,
`document` and `citations` are then answered from the caches.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from pathlib import Path

from claims import Anchor, Casebook, Dispute, Documents, Loaded, Problem, anchor_dispute
from claims.check import Report, check
from claims.documents import acquire
from claims.sources import Document
from tui.watch import Watched, include_patterns


@dataclass(frozen=True)
class Citation:
    """One quote of a source, as cited by a position of a dispute."""

    dispute: Dispute
    position: int
    evidence: int
    anchor: Anchor


@dataclass(repr=False)
class Session:
    path: Path
    loaded: Loaded
    documents: Documents = field(init=False)
    report: Report | None = None
    _anchors: dict[str, tuple[list[Anchor], list[Problem]]] = field(default_factory=dict)
    _haystacks: dict[str, str] = field(default_factory=dict)
    _starts: dict[Path, list[tuple[int, int, Dispute]]] | None = None
    _citing: dict[str, list[Dispute]] | None = None
    previous: InitVar[Session | None] = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _anchoring: dict[str, threading.Lock] = field(default_factory=dict)
    #: The test a filter word asks of a dispute's reviews (`rating:…`, `status:…`), None for
    #: a word searched in its text; the app's reviews set it (`tui.review_actions`).
    review_test: Callable[[str], Callable[[Dispute], bool] | None] = lambda word: None
    #: What to say of a review word that names nothing ("no rating 'fals'; did you mean
    #: 'false'?"), else None; set with `review_test`.
    review_hint: Callable[[str], str | None] = lambda word: None

    def __post_init__(self, previous: Session | None) -> None:
        if previous is not None and previous.casebook.sources is self.casebook.sources:
            # The rest of the same load (`load_progressively`): the same sources, and the
            # disputes it had are the same objects; what is read and anchored is shared.
            self.documents = previous.documents
            self._anchors, self._anchoring = previous._anchors, previous._anchoring
            self._lock = previous._lock
        else:
            self.documents = Documents(self.loaded.casebook)

    def __repr__(self) -> str:
        # Cheap on purpose: Textual's workers build a repr of their arguments, and the
        # dataclass repr of a whole casebook took about 1.5 s at L.
        return f"Session({str(self.path)!r}, {len(self.casebook.disputes)} disputes)"

    @property
    def casebook(self) -> Casebook:
        return self.loaded.casebook

    def anchors(self, dispute: Dispute) -> list[Anchor]:
        return self._anchored(dispute)[0]

    def dispute_problems(self, dispute: Dispute) -> list[Problem]:
        return self._anchored(dispute)[1]

    def _anchored(
        self, dispute: Dispute, give_up: Callable[[], bool] | None = None
    ) -> tuple[list[Anchor], list[Problem]]:
        if dispute.id not in self._anchors:
            with self._lock:
                anchoring = self._anchoring.setdefault(dispute.id, threading.Lock())
            acquire(anchoring, give_up)  # another thread anchoring it: wait for its result
            try:
                if dispute.id not in self._anchors:
                    threshold = self.casebook.fuzzy_threshold
                    self._anchors[dispute.id] = anchor_dispute(dispute, self.documents, threshold)
            finally:
                anchoring.release()
        return self._anchors[dispute.id]

    def document(self, source_id: str) -> Document | None:
        return self.documents.get(source_id)

    # -- what the UI thread may ask without waiting, and what a worker does first ----------

    def is_anchored(self, dispute: Dispute) -> bool:
        """True if `anchors(dispute)` (and `document` of its sources) answer at once."""
        return dispute.id in self._anchors

    def prepare(self, dispute: Dispute, give_up: Callable[[], bool] | None = None) -> None:
        """Read the sources of `dispute` and anchor its quotes (blocking: a worker's job).
        While another thread reads one of them, wait, unless `give_up()` (`GaveUp`)."""
        for source_id in dict.fromkeys(e.source for p in dispute.positions for e in p.evidence):
            self.documents.get(source_id, give_up)
        self._anchored(dispute, give_up)

    def source_ready(self, source_id: str) -> bool:
        """True if `document(source_id)` and `citations(source_id)` answer at once."""
        return self.documents.is_read(source_id) and all(
            self.is_anchored(d) for d in self._citing_disputes(source_id)
        )

    def prepare_source(self, source_id: str, give_up: Callable[[], bool] | None = None) -> None:
        """Read a source and anchor every dispute citing it (blocking: a worker's job)."""
        self.documents.get(source_id, give_up)
        for dispute in self._citing_disputes(source_id):
            self.prepare(dispute, give_up)

    def run_check(self, progress: Callable[[int, int], None] | None = None) -> Report:
        """The full check, reusing read documents; fills the per-dispute anchor cache."""
        report = check(self.loaded, self.documents, progress)
        by_dispute: dict[str, list[Anchor]] = defaultdict(list)
        for anchor in report.anchors:
            by_dispute[anchor.dispute].append(anchor)
        problems_of: dict[str, list[Problem]] = defaultdict(list)
        for problem in report.problems:
            owner = self.dispute_at(problem)
            if owner is not None:
                problems_of[owner.id].append(problem)
        for dispute in self.casebook.disputes:
            if dispute.id not in self._anchors:
                self._anchors[dispute.id] = (
                    by_dispute.get(dispute.id, []),
                    problems_of.get(dispute.id, []),
                )
        self.report = report
        return report

    def _citing_disputes(self, source_id: str) -> list[Dispute]:
        citing = self._citing
        if citing is None:  # source id -> disputes citing it, built once
            citing = defaultdict(list)
            for dispute in self.casebook.disputes:
                for cited in dict.fromkeys(e.source for p in dispute.positions for e in p.evidence):
                    citing[cited].append(dispute)
            self._citing = citing
        return citing.get(source_id, [])

    def citations(self, source_id: str) -> list[Citation]:
        """Every found quote of `source_id`, in casebook order."""
        out: list[Citation] = []
        for dispute in self._citing_disputes(source_id):
            for anchor in self.anchors(dispute):
                if anchor.source == source_id and anchor.found:
                    out.append(Citation(dispute, anchor.position, anchor.evidence, anchor))
        return out

    def haystack(self, dispute: Dispute) -> str:
        """Everything the filter searches in a dispute, lower-cased (cached): its question,
        id, tags, holders, claims, sides and quotes, and the id, title, outlet, author and
        kind of every source its evidence cites."""
        text = self._haystacks.get(dispute.id)
        if text is None:
            sides = self.casebook.sides
            parts = [dispute.id, dispute.question, *dispute.tags]
            for position in dispute.positions:
                side = sides.get(position.side)
                parts += [position.holder, position.claim, side.label if side else position.side]
                parts += [e.quote for e in position.evidence]
            for cited in dict.fromkeys(e.source for p in dispute.positions for e in p.evidence):
                source = self.casebook.sources.get(cited)  # what a checker filters by, too
                parts.append(cited)
                if source is not None:
                    parts += [source.title, source.outlet or "", source.author or ""]
                    parts.append(source.kind or "")
            text = "\n".join(parts).casefold()
            self._haystacks[dispute.id] = text
        return text

    def matching(self, query: str) -> list[Dispute]:
        """Disputes whose text holds every word of `query` (case-insensitive) and whose
        reviews pass its `rating:`/`status:` words (`review_test`)."""
        words = query.casefold().split()
        if not words:
            return list(self.casebook.disputes)
        tests = [t for w in words if (t := self.review_test(w)) is not None]
        words = [w for w in words if self.review_test(w) is None]
        return [
            d
            for d in self.casebook.disputes
            if all(w in self.haystack(d) for w in words) and all(t(d) for t in tests)
        ]

    def dispute_at(self, problem: Problem) -> Dispute | None:
        """The dispute whose YAML a problem's location falls in (before the next dispute)."""
        if self._starts is None:
            starts: dict[Path, list[tuple[int, int, Dispute]]] = defaultdict(list)
            for index, dispute in enumerate(self.casebook.disputes):
                starts[dispute.loc.file].append((dispute.loc.line, index, dispute))
            self._starts = {file: sorted(items) for file, items in starts.items()}
        in_file = self._starts.get(problem.loc.file, [])
        at = bisect_right(in_file, (problem.loc.line, len(self.casebook.disputes))) - 1
        return in_file[at][2] if at >= 0 else None

    def source_at(self, problem: Problem) -> str | None:
        """The id of the source whose YAML entry a problem's line is on, when its document
        can be opened (not yet read, or read well); else None."""
        source = next(
            (s for s in self.casebook.sources.values() if s.loc.line == problem.loc.line), None
        )
        documents = self.documents
        if source is None or (documents.is_read(source.id) and documents.get(source.id) is None):
            return None
        return source.id

    def watched_files(self) -> list[Path]:
        """The YAML files and source documents whose change means a reload."""
        files = list(self.casebook.files)
        files += [s.path for s in self.casebook.sources.values() if s.path is not None]
        review = self.casebook.root / "review.yaml"
        if review not in files:
            files.append(review)
        return files

    def watched(self) -> Watched:
        """What live reload watches: `watched_files`, and the files the casebook's include
        patterns match now (reads casebook.yaml: a worker's job)."""
        patterns = include_patterns(self.casebook.file)
        return Watched(self.casebook.root, tuple(self.watched_files()), patterns)
