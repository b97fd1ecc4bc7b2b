"""The one walk over a selection's evidence that every export format uses.

`records(selection)` gives one `Record` per evidence, in casebook order (dispute, then
position, then evidence), each anchored once by the checker's own rules
(`claims.check.anchor_dispute`), so no format re-implements anchoring.

Offsets: every offset here counts Unicode code points (Python `str` indices), 0-based,
end exclusive. `start`/`end` are into the anchored paragraph's plain text;
`text_start`/`text_end` are into the source's whole plain text as `source_text` gives it
(its paragraphs joined by one blank line, "\\n\\n"). A format that needs UTF-16 units
(JavaScript readers) converts with `utf16_offset`.

Nothing here is escaped: every string is the casebook's (or a page's) untrusted text, and
each format escapes it for its own syntax.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from claims.citation import paragraph_label, web_address
from claims.export import Selection
from claims.gcpause import paused_gc
from claims.model import (
    Casebook,
    Dispute,
    DisputeReview,
    Evidence,
    Paragraph,
    Position,
    Rating,
    Review,
    Side,
    Source,
)
from claims.problems import Problem
from claims.sources import Document
from claims.sources.metadata import fill

#: What joins two paragraphs in `source_text` (and in every offset over a whole source).
PARAGRAPH_JOIN = "\n\n"


@dataclass(frozen=True)
class SourceInfo:
    """A cited source's metadata, its page's own metadata filling what the YAML leaves out
    (`claims.sources.metadata.fill`). `declared` is False for a source id no `sources:`
    entry declares (then `title` is the id). `web` is `url` when it is a plain http(s)
    address (`claims.citation.web_address`), else None: only `web` may become a link.
    `language` is the source's `language:`, else the casebook's, else None."""

    id: str
    title: str
    declared: bool
    file: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    web: str | None = None
    kind: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Record:
    """One evidence, with everything a format writes about it.

    - `dispute`, `position`, `evidence`: the casebook's records; `position_index` and
      `evidence_index` are 0-based places in their lists.
    - `side`: the position's side (None when the casebook does not declare it).
    - `review`: the position's review (review.yaml), None when it has none.
    - `rating`: the review's rating on the casebook's scale; None when unrated (no review,
      or a rating the scale does not know: `rating_id` still holds what was written);
      `rating_label` what it is called (see `rating_name`).
    - `source`: the cited source's metadata (`SourceInfo`).
    - `paragraph`: 1-based paragraph where the quote was anchored, None when it was not
      (quote not found, ambiguous, or the source unreadable); `start`/`end` offsets into
      that paragraph's text and `text_start`/`text_end` into `source_text` (code points,
      0-based, end exclusive; None with `paragraph`); `method`: "exact", "normalized",
      "fuzzy", or None. `found` is the source's text at the anchor (may differ from the
      quote when found after normalising or fuzzily)."""

    dispute: Dispute
    position: Position
    position_index: int
    evidence: Evidence
    evidence_index: int
    side: Side | None
    review: Review | None
    rating: Rating | None
    source: SourceInfo
    paragraph: int | None
    start: int | None
    end: int | None
    text_start: int | None
    text_end: int | None
    method: str | None
    found: str | None
    #: The rating's label (`rating_name`): "Unrated" (the scale's own label for it) when
    #: there is no rating; a rating the scale does not know, as written.
    rating_label: str = "Unrated"
    #: The anchored paragraph itself (None with `paragraph`): a PDF's carries its page.
    cited: Paragraph | None = None

    @property
    def label(self) -> str | None:
        """How the anchored paragraph is cited: "¶12", or a PDF's "p. 23 ¶4"
        (`claims.citation.paragraph_label`); None when the quote was not anchored."""
        return paragraph_label(self.cited) if self.cited is not None else None

    @property
    def quote(self) -> str:
        """The quote as the casebook gives it."""
        return self.evidence.quote

    @property
    def holder(self) -> str:
        return self.position.holder

    @property
    def claim(self) -> str:
        return self.position.claim

    @property
    def side_label(self) -> str:
        """The side's label, else its id."""
        return self.side.label if self.side is not None else self.position.side

    @property
    def rating_id(self) -> str | None:
        """The rating as review.yaml holds it (None: no review)."""
        return self.review.rating if self.review is not None else None

    @property
    def rated(self) -> bool:
        """True when the position carries a rating the scale knows, other than `unrated`."""
        return self.rating is not None and self.rating.id != "unrated"

    @property
    def note(self) -> str | None:
        """The review's note on the position (an evidence's own note is `evidence.note`)."""
        return self.review.note if self.review is not None else None


def scale(casebook: Casebook) -> tuple[Rating, ...]:
    """The casebook's rating scale, in its order (`claims.review.scale.scale_of`; the
    fixed six of `claims.schema.RATINGS` when that module is absent)."""
    try:
        from claims.review.scale import scale_of
    except ImportError:  # pragma: no cover - until the verdicts package lands
        from claims.schema import RATINGS

        return casebook.ratings or tuple(Rating(r, r) for r in RATINGS)
    return tuple(scale_of(casebook).ratings)


def rating_of(casebook: Casebook, review: Review | None) -> Rating | None:
    """The scale's rating a review gives; None without a review or for a rating the scale
    does not know."""
    if review is None:
        return None
    return next((r for r in scale(casebook) if r.id == review.rating), None)


def unrated(casebook: Casebook) -> Rating:
    """The scale's `unrated` rating, else a plain one (label "Unrated", no colour): what a
    position without a review shows."""
    found = next((r for r in scale(casebook) if r.id == "unrated"), None)
    return found if found is not None else Rating("unrated", "Unrated")


def rating_name(casebook: Casebook, review: Review | None) -> str:
    """What a position's rating is called: the scale's label; a rating the scale does not
    know as written; `unrated(casebook).label` without a review."""
    if review is None:
        return unrated(casebook).label
    known = rating_of(casebook, review)
    return known.label if known is not None else review.rating


def source_info(casebook: Casebook, source_id: str) -> SourceInfo:
    """`SourceInfo` of a source id (an undeclared one: its id as title, nothing else)."""
    source: Source | None = casebook.sources.get(source_id)
    if source is None:
        return SourceInfo(source_id, source_id, False, language=casebook.language)
    source = fill(source)
    return SourceInfo(
        id=source.id,
        title=source.title,
        declared=True,
        file=source.file,
        outlet=source.outlet,
        author=source.author,
        published=source.published,
        url=source.url,
        web=web_address(source.url),
        kind=source.kind,
        language=source.language or casebook.language,
    )


def source_text(document: Document) -> str:
    """A source's whole plain text: its paragraphs joined by `PARAGRAPH_JOIN`."""
    return PARAGRAPH_JOIN.join(p.text for p in document.paragraphs)


def paragraph_starts(document: Document) -> list[int]:
    """Where each paragraph starts in `source_text(document)` (index 0: paragraph 1)."""
    starts, offset = [], 0
    for paragraph in document.paragraphs:
        starts.append(offset)
        offset += len(paragraph.text) + len(PARAGRAPH_JOIN)
    return starts


def utf16_offset(text: str, offset: int) -> int:
    """The code-point `offset` into `text` counted in UTF-16 code units instead."""
    return offset + sum(1 for c in text[:offset] if ord(c) > 0xFFFF)


def review_of(casebook: Casebook, dispute: Dispute, position: Position) -> Review | None:
    """The review of one position, None when it has none."""
    found: DisputeReview | None = casebook.reviews.get(dispute.id)
    return found.positions.get(position.key) if found is not None else None


def status_of(casebook: Casebook, dispute: Dispute) -> str:
    """The dispute's review status: "open" (also when never reviewed) or "reviewed"."""
    found = casebook.reviews.get(dispute.id)
    return found.status if found is not None else "open"


def records(selection: Selection) -> list[Record]:
    """One `Record` per evidence of the selection's disputes, in casebook order. Reads
    (once) and anchors every cited source, once per selection (kept in `selection.cache`:
    every later call returns the same list); never raises for a missing source or quote
    (the record then has no paragraph)."""
    cached = selection.cache.get("records")
    if cached is None:
        with paused_gc():
            cached = selection.cache["records"] = _records(selection)
    return cast("list[Record]", cached)


def problems(selection: Selection) -> list[Problem]:
    """What anchoring the selection's quotes found wrong (as `contested check` reports it:
    a quote not found, ambiguous, drifted; a one-sided dispute), plus the selection's
    unreadable sources; computed with `records`."""
    records(selection)
    found = cast("list[Problem]", selection.cache["problems"])
    return [*found, *selection.documents.problems.values()]


def _records(selection: Selection) -> list[Record]:
    from claims.check import anchor_dispute

    casebook = selection.casebook
    documents = selection.documents
    ratings = {r.id: r for r in scale(casebook)}
    infos: dict[str, SourceInfo] = {}
    starts: dict[str, list[int]] = {}
    out: list[Record] = []
    issues: list[Problem] = []
    selection.cache["problems"] = issues
    for dispute in selection.disputes:
        anchors, found_problems = anchor_dispute(dispute, documents, casebook.fuzzy_threshold)
        issues.extend(found_problems)
        by_place = {(a.position, a.evidence): a for a in anchors}
        for p_index, position in enumerate(dispute.positions):
            review = review_of(casebook, dispute, position)
            rating = ratings.get(review.rating) if review is not None else None
            label = rating_name(casebook, review)
            side = casebook.sides.get(position.side)
            for e_index, evidence in enumerate(position.evidence):
                if evidence.source not in infos:
                    infos[evidence.source] = source_info(casebook, evidence.source)
                anchor = by_place.get((p_index, e_index))
                document = documents.get(evidence.source)
                paragraph = start = end = text_start = text_end = None
                method = found = None
                cited = None
                if (
                    anchor is not None
                    and document is not None
                    and anchor.paragraph is not None
                    and anchor.start is not None
                    and anchor.end is not None
                ):
                    paragraph, start, end = anchor.paragraph, anchor.start, anchor.end
                    if evidence.source not in starts:
                        starts[evidence.source] = paragraph_starts(document)
                    base = starts[evidence.source][paragraph - 1]
                    text_start, text_end = base + start, base + end
                    method = anchor.method.value if anchor.method is not None else None
                    cited = document.paragraph(paragraph)
                    found = cited.text[start:end]
                record = Record(
                    dispute, position, p_index, evidence, e_index, side, review, rating,
                    infos[evidence.source], paragraph, start, end, text_start, text_end,
                    method, found, label, cited,
                )  # fmt: skip
                out.append(record)
    return out


def cited_sources(selection: Selection, found: list[Record]) -> list[str]:
    """The source ids the records cite, in the order of the casebook's `sources:` and then
    (undeclared ones) first citation."""
    cited = {r.source.id for r in found}
    declared = [s for s in selection.casebook.sources if s in cited]
    known = set(declared)
    rest = list(dict.fromkeys(r.source.id for r in found if r.source.id not in known))
    return declared + rest
