"""Finding a quote in its source: exact, then normalised, then fuzzy; never a guess.

The rules, in the casebook format's order; the first that gives exactly one place wins:

1. the exact text;
2. the same after normalising both sides (`claims.anchoring.normalize`);
3. the best fuzzy match at or above the threshold (rapidfuzz's partial ratio on the
   normalised text, at candidate places found by `claims.anchoring.candidates`), its span
   then fixed to whole words by a word-level alignment (`claims.anchoring.align`).

`before`/`after` (the W3C TextQuoteSelector's prefix and suffix) bind at every rule: a
place whose neighbouring words contradict them is not a match, only a near miss named in
the outcome. Among the places left, a place whose context fits exactly beats one where it
fits only approximately, and `page` (a PDF's printed page label), then `paragraph` (hints)
choose between equals.

Two or more equally good places is `Ambiguous`; nothing good enough is `Missing`, which
still says which text came closest and how close. Quotes shorter than 16 normalised
characters are never matched fuzzily: a dozen characters match too much.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from claims.anchoring.align import Change, align_words
from claims.anchoring.candidates import MOST_TIED, WordIndex
from claims.anchoring.normalize import NormalText, normalize, normalize_plain
from claims.model import Evidence, Method, Paragraph, Span, WordChange

if TYPE_CHECKING:
    from claims.sources.document import Document

MIN_FUZZY_LENGTH = 16  # normalised characters; shorter quotes must match exactly
SMALL_SOURCE = 10_000  # normalised characters; a smaller source's paragraphs are all scored
LONG_QUOTE = 1000  # normalised characters; longer quotes are placed word by word first
CONTEXT_SIMILAR = 90  # % for a `before`/`after` that differs a little to still fit
CONTEXT_SLACK = 40  # extra characters looked at around a place for `before`/`after`
SEPARATOR = "\x00"  # between paragraphs in `Document.text`
_WORDS = re.compile(r"\w+")


class Fit(IntEnum):
    """How a place's neighbouring text agrees with `before`/`after`; higher is better."""

    CONTRADICTS = 0
    APPROXIMATE = 1
    EXACT = 2


@dataclass(frozen=True, slots=True)
class Found:
    """One place: paragraph (1-based), offsets into its text, how it was found."""

    paragraph: int
    start: int
    end: int
    method: Method
    score: float
    changes: tuple[WordChange, ...] = ()  # fuzzy only: word by word, what differs
    note: str | None = None  # e.g. `before:` fits only approximately


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Several places, equally good: their paragraphs, and each place."""

    paragraphs: tuple[int, ...]
    method: Method
    places: int
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Missing:
    """No place good enough: the closest text (paragraph, score 0–100, span) if any."""

    closest: int | None  # paragraph number
    score: float
    near: Span | None = None
    note: str | None = None  # e.g. the exact words stand in ¶1, but `before:` contradicts


Outcome = Found | Ambiguous | Missing


@dataclass(slots=True)
class _Place:
    start: int  # offsets into Document.text
    end: int
    score: float
    fit: Fit
    changes: tuple[WordChange, ...] = ()


def anchor(
    document: Document, evidence: Evidence, threshold: float, *, exhaustive: bool | None = None
) -> Outcome:
    """Where `evidence.quote` is in `document`, by the rules above.

    `threshold` is the fuzzy rule's minimum similarity (0–100). The fuzzy rule scores the
    index's candidate places in a source of more than `SMALL_SOURCE` characters and every
    paragraph of a smaller one; `exhaustive` True or False forces one or the other (the
    tests compare the two).
    """
    # Places whose context contradicts before/after, in the order met: a dict as an ordered
    # set (a repetitive source may refuse tens of thousands; a list's `in` made it quadratic).
    refused: dict[tuple[int, int], None] = {}
    quote = evidence.quote
    index = document._index
    if isinstance(index, WordIndex) and not index.may_hold(normalize_plain(quote)):
        # Once a source has its index, a quote whose words it lacks skips the full scans.
        return _fuzzy(document, evidence, normalize_plain(quote), threshold, refused, exhaustive)
    approximate: Outcome | None = None  # a place whose before/after fit only roughly
    spans = _occurrences(document.text, quote)
    if spans:
        outcome = _choose(document, spans, evidence, Method.EXACT, refused)
        if isinstance(outcome, Found) and outcome.note:
            approximate = outcome  # rule 2 may find the place whose context fits exactly
        elif outcome is not None:
            return outcome
    normal = document.normalized
    normal_quote = normalize_plain(quote)
    if normal_quote and not (normal.unchanged and normal_quote == quote):
        found = _occurrences(normal.text, normal_quote)
        if found:
            spans = [normal.span(s, e) for s, e in found]
            outcome = _choose(document, spans, evidence, Method.NORMALIZED, refused)
            if isinstance(outcome, Found) and outcome.note and approximate is not None:
                return approximate
            if outcome is not None:
                return outcome
    if approximate is not None:
        return approximate
    return _fuzzy(document, evidence, normal_quote, threshold, refused, exhaustive)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = text.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return spans


def _choose(
    document: Document,
    spans: list[tuple[int, int]],
    evidence: Evidence,
    method: Method,
    refused: dict[tuple[int, int], None],
) -> Outcome | None:
    """One place among exact or normalised `spans`, or None to go on to the next rule."""
    places = []
    for start, end in spans:
        if cuts_a_word(document.text, start, end):
            continue  # "legal" inside "illegal", "5" inside "15": not the quoted words
        fit = context_fit(document.text, start, end, evidence)
        if fit is Fit.CONTRADICTS:
            refused.setdefault((start, end))
        else:
            places.append(_Place(start, end, 100.0, fit))
    if not places:
        return None
    return _decide(document, places, evidence, method)


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` begins or ends inside a word or a combining sequence:
    a letter or digit on both sides of either edge, or a combining mark right after it."""
    if start > 0 and _joins(text[start - 1], text[start]):
        return True
    if end < len(text):
        after = text[end]
        if unicodedata.combining(after) or unicodedata.category(after) in ("Mn", "Mc", "Me"):
            return True
        if _joins(text[end - 1], after):
            return True
    return False


def _joins(left: str, right: str) -> bool:
    """True when `left` and `right` belong to one word (scripts written without spaces
    between words, such as Chinese, Japanese and Thai, have no word edges to cut)."""
    if _spaceless(left) or _spaceless(right):
        return False
    return (left.isalnum() or unicodedata.category(left)[0] == "M") and right.isalnum()


#: Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK (Han,
#: kana, compatibility ideographs and the supplementary ideograph planes).
_SPACELESS = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x9FFF),
    (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3FFFF),
)  # fmt: skip


def _spaceless(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SPACELESS)


def _decide(
    document: Document, places: list[_Place], evidence: Evidence, method: Method
) -> Outcome:
    """The best of `places` (none contradicts the context), or `Ambiguous`."""
    best_fit = max(p.fit for p in places)  # context that fits beats a higher similarity
    places = [p for p in places if p.fit == best_fit]
    top = max(p.score for p in places)
    places = [p for p in places if p.score >= top - 1e-9]
    if len(places) > 1 and evidence.page is not None:  # a PDF's printed page (a hint)
        from claims.citation import page_fits  # here: claims.citation imports the readers

        paged = [p for p in places if page_fits(_paragraph_at(document, p.start), evidence.page)]
        places = paged or places
    if len(places) > 1 and evidence.paragraph is not None:
        hinted = [p for p in places if document.locate(p.start)[0] == evidence.paragraph]
        places = hinted or places
    if len(places) == 1:
        place = places[0]
        number, offset = document.locate(place.start)
        note = None
        if place.fit is Fit.APPROXIMATE:
            note = _context_note(document.text, place.start, place.end, evidence)
        changes = tuple(
            WordChange(c.quote_start, c.quote_end, c.start - (place.start - offset),
                       c.end - (place.start - offset))
            for c in place.changes
        )  # fmt: skip
        return Found(
            number, offset, offset + place.end - place.start, method, round(place.score, 1),
            changes, note,
        )  # fmt: skip
    spans = tuple(_span(document, p.start, p.end) for p in places)
    paragraphs = tuple(sorted({s.paragraph for s in spans}))
    return Ambiguous(paragraphs, method, len(places), spans)


def _paragraph_at(document: Document, offset: int) -> Paragraph:
    return document.paragraph(document.locate(offset)[0])


def _span(document: Document, start: int, end: int) -> Span:
    number, offset = document.locate(start)
    return Span(number, offset, offset + end - start)


# --- before / after --------------------------------------------------------------------------


def context_fit(text: str, start: int, end: int, evidence: Evidence) -> Fit:
    """How the text around `text[start:end]` agrees with `evidence.before`/`after`.

    Compared word by word after normalising, ignoring case, punctuation and spacing; a
    context whose words differ but are at least `CONTEXT_SIMILAR`% similar (a typo, not
    "15 May" for "16 May") fits approximately.
    """
    fits = []
    if evidence.before:
        window = text[max(0, start - len(evidence.before) - CONTEXT_SLACK) : start]
        fits.append(_fit(evidence.before, window, at_end=True))
    if evidence.after:
        window = text[end : end + len(evidence.after) + CONTEXT_SLACK]
        fits.append(_fit(evidence.after, window, at_end=False))
    return min(fits, default=Fit.EXACT)


def _fit(want: str, window: str, *, at_end: bool) -> Fit:
    wanted = _WORDS.findall(normalize_plain(want))
    have = _WORDS.findall(normalize_plain(window.replace(SEPARATOR, " ")))
    if not wanted:  # only punctuation: compare the characters
        plain_want = normalize_plain(want)
        plain_have = normalize_plain(window.replace(SEPARATOR, " "))
        ok = plain_have.endswith(plain_want) if at_end else plain_have.startswith(plain_want)
        return Fit.EXACT if ok else Fit.CONTRADICTS
    near = have[-len(wanted) :] if at_end else have[: len(wanted)]
    if [w.casefold() for w in near] == [w.casefold() for w in wanted]:
        return Fit.EXACT  # capitals and punctuation do not tell two places apart
    if fuzz.ratio(" ".join(wanted).casefold(), " ".join(near).casefold()) >= CONTEXT_SIMILAR:
        return Fit.APPROXIMATE
    return Fit.CONTRADICTS


def _context_note(text: str, start: int, end: int, evidence: Evidence) -> str:
    """Which of `before`/`after` fits only approximately, and what the source has there."""
    notes = []
    if evidence.before:
        window = text[max(0, start - len(evidence.before) - CONTEXT_SLACK) : start]
        if _fit(evidence.before, window, at_end=True) is not Fit.EXACT:
            have = window.replace(SEPARATOR, " ").strip()[-len(evidence.before) - 5 :]
            notes.append(f"`before:` is {evidence.before!r}, the source has {have!r}")
    if evidence.after:
        window = text[end : end + len(evidence.after) + CONTEXT_SLACK]
        if _fit(evidence.after, window, at_end=False) is not Fit.EXACT:
            have = window.replace(SEPARATOR, " ").strip()[: len(evidence.after) + 5]
            notes.append(f"`after:` is {evidence.after!r}, the source has {have!r}")
    return "; ".join(notes)


# --- fuzzy -----------------------------------------------------------------------------------


def _fuzzy(
    document: Document,
    evidence: Evidence,
    quote: str,
    threshold: float,
    refused: dict[tuple[int, int], None],
    exhaustive: bool | None,
) -> Outcome:
    if not quote:
        return _missing(document, None, refused, evidence)
    index = word_index(document)
    if exhaustive is None:
        exhaustive = len(index.text) <= SMALL_SOURCE
    if exhaustive:
        regions = [b for b in index.bounds if b[1] > b[0]]
        return _fuzzy_in(document, evidence, quote, threshold, refused, regions)
    regions = index.candidates(quote, _long_paragraph(quote))
    outcome = _fuzzy_in(document, evidence, quote, threshold, refused, regions)
    widen = isinstance(outcome, Ambiguous) or (
        isinstance(outcome, Missing) and (evidence.before or evidence.after) and outcome.note
    )
    if widen:  # several equally good places, or all refused by before/after: look further
        regions = index.candidates(quote, _long_paragraph(quote), most=MOST_TIED)
        outcome = _fuzzy_in(document, evidence, quote, threshold, {}, regions)
    return outcome


def _fuzzy_in(
    document: Document,
    evidence: Evidence,
    quote: str,
    threshold: float,
    refused: dict[tuple[int, int], None],
    regions: list[tuple[int, int]],
) -> Outcome:
    """The fuzzy rule over `regions` of the normalised text."""
    normal = document.normalized
    scored = [
        (score, start, end)
        for region in regions
        if (found := _score(quote, normal.text, *region)) is not None
        for score, start, end in [found]
    ]
    if not scored:
        return _missing(document, None, refused, evidence)
    scored.sort(key=lambda s: (-s[0], s[1]))
    if len(quote) < MIN_FUZZY_LENGTH or scored[0][0] < threshold:
        return _missing(document, _closest(document, normal, quote, scored[0]), refused, evidence)
    places = []
    seen = set()
    for score, start, end in scored:
        if score < threshold:
            break
        place = _place(document, normal, quote, score, start, end, evidence)
        if (place.start, place.end) in seen:
            continue  # two windows of one long paragraph found the same place
        seen.add((place.start, place.end))
        if place.fit is Fit.CONTRADICTS:
            refused.setdefault((place.start, place.end))
        else:
            places.append(place)
    if not places:
        return _missing(document, _closest(document, normal, quote, scored[0]), refused, evidence)
    return _decide(document, places, evidence, Method.FUZZY)


def word_index(document: Document) -> WordIndex:
    """The document's `WordIndex`, built on first need and kept with the document."""
    if not isinstance(document._index, WordIndex):
        document._index = WordIndex(document.normalized.text)
    return document._index


def _long_paragraph(quote: str) -> int:
    """Characters past which a paragraph is searched in parts, for this quote."""
    return 4 * max(len(quote), 2000)


def _score(quote: str, text: str, low: int, high: int) -> tuple[float, int, int] | None:
    """How well `quote` matches its best place in `text[low:high]`: (score, start, end)."""
    region = text[low:high]
    if not region:
        return None
    if len(region) <= len(quote):
        return fuzz.ratio(quote, region), low, high
    if len(quote) > LONG_QUOTE:  # partial ratio is quadratic in the quote's length
        aligned = align_words(quote, text, low, high, slack=0, whole=True)
        if aligned is None:
            return None
        return fuzz.ratio(quote, text[aligned.start : aligned.end]), aligned.start, aligned.end
    found = fuzz.partial_ratio_alignment(quote, region)
    if found is None or found.dest_end <= found.dest_start:
        return None
    return found.score, low + found.dest_start, low + found.dest_end


def _place(
    document: Document,
    normal: NormalText,
    quote: str,
    score: float,
    start: int,
    end: int,
    evidence: Evidence,
) -> _Place:
    """A fuzzy place fixed to the source's own words, with what differs, and its context fit."""
    aligned = align_words(quote, normal.text, start, end)
    changes: tuple[WordChange, ...] = ()
    if aligned is not None:
        start, end = aligned.start, aligned.end
    original_start, original_end = normal.span(start, end)
    if aligned is not None:
        quote_map = normalize(evidence.quote)
        changes = tuple(
            _original_change(c, normal, quote_map, len(evidence.quote)) for c in aligned.changes
        )
    fit = context_fit(document.text, original_start, original_end, evidence)
    return _Place(original_start, original_end, score, fit, changes)


def _original_change(
    change: Change, normal: NormalText, quote: NormalText, quote_length: int
) -> WordChange:
    """A `Change` in normalised offsets as a `WordChange` in the originals' offsets
    (source offsets still into `Document.text`: `_decide` makes them paragraph offsets)."""
    q_start, q_end = change.quote_start, change.quote_end
    s_start, s_end = change.source_start, change.source_end
    if q_end > q_start:
        q_start, q_end = quote.span(q_start, q_end)
    else:
        q_start = q_end = quote.start(q_start) if q_start < len(quote.text) else quote_length
    if s_end > s_start:
        s_start, s_end = normal.span(s_start, s_end)
    else:
        s_start = s_end = normal.start(s_start)
    return WordChange(q_start, q_end, s_start, s_end)


def _closest(
    document: Document, normal: NormalText, quote: str, best: tuple[float, int, int]
) -> tuple[float, Span]:
    """The closest text of a quote not found: its score and its span (whole words)."""
    score, start, end = best
    aligned = align_words(quote, normal.text, start, end)
    if aligned is not None:
        start, end = aligned.start, aligned.end
    original_start, original_end = normal.span(start, end)
    return score, _span(document, original_start, original_end)


def _missing(
    document: Document,
    closest: tuple[float, Span] | None,
    refused: dict[tuple[int, int], None],
    evidence: Evidence,
) -> Missing:
    note = None
    if refused:
        start, end = next(iter(refused))
        number = document.locate(start)[0]
        note = f"the quoted words stand in ¶{number}, but there " + _context_note(
            document.text, start, end, evidence
        )
    if closest is None:
        return Missing(None, 0.0, None, note)
    score, span = closest
    return Missing(span.paragraph, round(score, 1), span, note)
