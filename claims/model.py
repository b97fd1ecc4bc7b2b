"""The casebook as small immutable records.

Every record that comes from a YAML file keeps a `Location` so that a problem found later
(an unknown side, a quote that is not in its source) can name the file, line and column
the user has to edit. `locs` holds the locations of individual keys' values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple


class Location(NamedTuple):
    """A place in a file: 1-based line and column, as editors count them.

    A named tuple rather than a dataclass: a casebook of thousands of disputes makes
    hundreds of thousands of them, and tuples are several times cheaper to create.
    """

    file: Path
    line: int = 1
    column: int = 1


def _no_locs() -> dict[str, Location]:
    return {}


@dataclass(frozen=True, slots=True)
class Side:
    """A camp that holds positions across disputes; gives a stable label and colour."""

    id: str
    label: str
    colour: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Source:
    """One document the casebook cites, with its metadata (not its text)."""

    id: str
    file: str
    title: str
    loc: Location
    published: dt.date | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    kind: str | None = None
    language: str | None = None
    extract: str | None = None  # HTML: "article" (default) or "page"
    path: Path | None = None  # resolved, inside the casebook; None when it is not usable
    locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered block of a source, as plain text.

    `text` is what a quote is matched against and what offsets point into; `line` is the
    1-based line of the source file where the block starts (for a PDF, the 1-based
    physical page, counted from the file's first page).

    A PDF's paragraphs also carry where they stand in print: `page` is the printed label
    of the page the paragraph starts on ("23", "xii", "A-3"), `page_paragraph` its 1-based
    number among the paragraphs starting on that page, and `page_end` the label of the page
    it ends on when it runs over a page break (None when it ends where it starts). All
    three are None for sources without pages.
    """

    number: int
    text: str
    line: int
    page: str | None = None
    page_paragraph: int | None = None
    page_end: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote from a source that states or reports a position.

    `paragraph` (1-based running number) and `page` (a PDF's printed page label, as text:
    "23", "xii") are hints of where the quote was when written: they choose between
    equally good places and are reported when the quote is found elsewhere."""

    source: str
    quote: str
    loc: Location
    before: str | None = None
    after: str | None = None
    paragraph: int | None = None
    note: str | None = None
    page: str | None = None
    locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True, slots=True)
class Position:
    """One account in a dispute, held by a named holder, on one side."""

    side: str
    holder: str
    claim: str
    evidence: tuple[Evidence, ...]
    loc: Location
    id: str | None = None
    locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)

    @property
    def key(self) -> str:
        """The key a review uses for this position: its `id`, else its holder."""
        return self.id or self.holder


@dataclass(frozen=True, slots=True)
class Dispute:
    """One contested question and the positions taken on it."""

    id: str
    question: str
    positions: tuple[Position, ...]
    loc: Location
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    #: Where the review of this dispute is published (`url:`; overrides the casebook's).
    url: str | None = None
    #: `kind:`: "variants" when the positions are renderings of one statement; else None.
    kind: str | None = None
    locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)

    @property
    def variants(self) -> bool:
        """Whether the positions are renderings of one statement (`kind: variants`), which
        the app opens aligned word by word."""
        return self.kind == "variants"


class Method(StrEnum):
    """How a quote was found in its source, best first."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"


class Span(NamedTuple):
    """A place in a source: 1-based paragraph, and 0-based character offsets into that
    paragraph's plain text (`end` exclusive)."""

    paragraph: int
    start: int
    end: int


class WordChange(NamedTuple):
    """Where a drifted quote and its source differ: the quote's words at
    `[quote_start, quote_end)` of the quote, against the source's at `[start, end)` of the
    anchored paragraph (0-based characters). An empty side (start == end) marks words the
    other side has and this one lacks."""

    quote_start: int
    quote_end: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where one evidence quote sits: a span of one paragraph's plain text.

    `paragraph` is None when the quote was not found (or was ambiguous); `closest` and
    `score` then describe the nearest miss, so a user sees how far off it is.
    """

    dispute: str
    position: int
    evidence: int
    source: str
    paragraph: int | None
    start: int | None
    end: int | None
    method: Method | None
    score: float | None
    candidates: tuple[int, ...] = ()  # paragraphs of an ambiguous quote
    closest: int | None = None  # the paragraph that came closest to a quote not found
    #: Every place of an ambiguous quote; for a quote not found, the closest text (if any).
    places: tuple[Span, ...] = ()
    #: Word by word, how a fuzzily found quote differs from the source (empty otherwise).
    changes: tuple[WordChange, ...] = ()
    #: Why a place was refused or is doubtful (e.g. the `before:` text does not fit there).
    note: str | None = None
    #: Where a quote not in a web page's article stands in the furniture the article reading
    #: left out ("the page's navigation"); `closest` and `places` are empty then.
    furniture: str | None = None

    @property
    def found(self) -> bool:
        return self.paragraph is not None

    @property
    def in_furniture(self) -> str | None:
        """For a quote found only in the page's furniture, what every view says: "found in
        the page's navigation, not in the article; set `extract: page` on source 'x' if you
        mean it"; else None."""
        if self.furniture is None:
            return None
        return (
            f"found in {self.furniture}, not in the article; "
            f"set `extract: page` on source {self.source!r} if you mean it"
        )


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's rating and note on one position (from review.yaml).

    `rating` is kept as written, even when the casebook's scale does not know it (`check`
    reports that as `unknown-rating`, at `locs["rating"]`)."""

    rating: str
    loc: Location
    note: str | None = None
    by: str | None = None
    at: str | None = None
    locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)


@dataclass(frozen=True, slots=True)
class Rating:
    """One step of a rating scale: its `id` (what review.yaml holds), the `label` shown, a
    `colour` (#rrggbb, or None for the default), and `value` (a number, higher is better;
    None when the rating is not ordinal, such as "unverifiable")."""

    id: str
    label: str
    colour: str | None = None
    value: float | None = None


@dataclass(frozen=True, slots=True)
class DisputeReview:
    status: str
    positions: dict[str, Review]
    loc: Location
    key_locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)
    #: Who set `status` last, and when (UTC, "…Z"); None in files written before they were kept.
    by: str | None = None
    at: str | None = None


@dataclass(frozen=True, slots=True)
class Casebook:
    """What a user opens: sources, sides and the disputes found in them."""

    root: Path
    file: Path
    title: str
    sides: dict[str, Side]
    sources: dict[str, Source]
    disputes: tuple[Dispute, ...]
    description: str | None = None
    language: str | None = None
    fuzzy_threshold: float = 90.0
    #: Who publishes the review (`publisher:`) and where (`url:`): for ClaimReview exports.
    publisher: str | None = None
    url: str | None = None
    reviews: dict[str, DisputeReview] = field(default_factory=dict, compare=False)
    #: The casebook's own rating scale (`ratings:`), in its order; empty: the default six
    #: (`claims.review.scale.scale_of` gives the scale either way).
    ratings: tuple[Rating, ...] = ()
    files: tuple[Path, ...] = ()  # every YAML file read, for reload-on-change
    #: Where casebook.yaml's own keys are (`url`, `language`, ...), for `check`'s messages.
    locs: dict[str, Location] = field(default_factory=_no_locs, compare=False)
    _by_id: dict[str, Dispute] = field(default_factory=dict, compare=False, repr=False)

    def dispute(self, dispute_id: str) -> Dispute | None:
        """The dispute with this id (an index is built on first use)."""
        if not self._by_id and self.disputes:
            self._by_id.update((d.id, d) for d in self.disputes)
        return self._by_id.get(dispute_id)
