"""The app's view of one casebook: loaded once, anchored lazily, reloaded on change.

No Textual here: screens ask the session for what to show. Anchoring is per dispute and
cached, so the first dispute appears before the rest of the casebook is checked; the full
check (for the problems panel and the list's marks) runs later, off the UI thread.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claims import Anchor, Casebook, Dispute, Documents, Loaded, Problem, anchor_dispute
from claims.check import Report, check
from claims.sources import Document


@dataclass(frozen=True)
class Citation:
    """One quote of a source, as cited by a position of a dispute."""

    dispute: Dispute
    position: int
    evidence: int
    anchor: Anchor


@dataclass
class Session:
    path: Path
    loaded: Loaded
    documents: Documents = field(init=False)
    report: Report | None = None
    _anchors: dict[str, tuple[list[Anchor], list[Problem]]] = field(default_factory=dict)
    _haystacks: dict[str, str] = field(default_factory=dict)
    _starts: dict[Path, list[tuple[int, int, Dispute]]] | None = None
    _citing: dict[str, list[Dispute]] | None = None

    def __post_init__(self) -> None:
        self.documents = Documents(self.loaded.casebook)

    @property
    def casebook(self) -> Casebook:
        return self.loaded.casebook

    def anchors(self, dispute: Dispute) -> list[Anchor]:
        return self._anchored(dispute)[0]

    def dispute_problems(self, dispute: Dispute) -> list[Problem]:
        return self._anchored(dispute)[1]

    def _anchored(self, dispute: Dispute) -> tuple[list[Anchor], list[Problem]]:
        if dispute.id not in self._anchors:
            threshold = self.casebook.fuzzy_threshold
            self._anchors[dispute.id] = anchor_dispute(dispute, self.documents, threshold)
        return self._anchors[dispute.id]

    def document(self, source_id: str) -> Document | None:
        return self.documents.get(source_id)

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

    def citations(self, source_id: str) -> list[Citation]:
        """Every found quote of `source_id`, in casebook order."""
        if self._citing is None:  # source id -> disputes citing it, built once
            self._citing = defaultdict(list)
            for dispute in self.casebook.disputes:
                for cited in dict.fromkeys(e.source for p in dispute.positions for e in p.evidence):
                    self._citing[cited].append(dispute)
        out: list[Citation] = []
        for dispute in self._citing.get(source_id, []):
            for anchor in self.anchors(dispute):
                if anchor.source == source_id and anchor.found:
                    out.append(Citation(dispute, anchor.position, anchor.evidence, anchor))
        return out

    def haystack(self, dispute: Dispute) -> str:
        """Everything the filter searches in a dispute, lower-cased (cached)."""
        text = self._haystacks.get(dispute.id)
        if text is None:
            sides = self.casebook.sides
            parts = [dispute.id, dispute.question, *dispute.tags]
            for position in dispute.positions:
                side = sides.get(position.side)
                parts += [position.holder, position.claim, side.label if side else position.side]
                parts += [e.quote for e in position.evidence]
            text = "\n".join(parts).casefold()
            self._haystacks[dispute.id] = text
        return text

    def matching(self, query: str) -> list[Dispute]:
        """Disputes whose text holds every word of `query` (case-insensitive)."""
        words = query.casefold().split()
        if not words:
            return list(self.casebook.disputes)
        return [d for d in self.casebook.disputes if all(w in self.haystack(d) for w in words)]

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

    def watched_files(self) -> list[Path]:
        """The YAML files and source documents whose change means a reload."""
        files = list(self.casebook.files)
        files += [s.path for s in self.casebook.sources.values() if s.path is not None]
        review = self.casebook.root / "review.yaml"
        if review not in files:
            files.append(review)
        return files
