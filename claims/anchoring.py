"""Finding a quote in its source: exact, then normalised, then fuzzy; never a guess.

The rules, in the casebook format's order; the first that gives exactly one place wins:

1. the exact text, unique in the source, or unique given `before`/`after`, or unique inside
   the hinted `paragraph`;
2. the same after normalising both sides (NFKC, quotes, dashes, white space);
3. the best fuzzy match (rapidfuzz's partial ratio, paragraph by paragraph) at or above the
   threshold, if one paragraph is strictly best.

Two or more equally good places is `Ambiguous`; nothing good enough is `Missing`, which
still says which paragraph came closest and how close, so the user can see how far off the
quote is. Short quotes are never matched fuzzily: a dozen characters match too much.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.model import Evidence, Method
from claims.sources.document import SEPARATOR, Document
from claims.text import normalize, normalize_plain

MIN_FUZZY_LENGTH = 16  # normalised characters; shorter quotes must match exactly
CONTEXT_SLACK = 40  # extra characters looked at around a match for `before`/`after`


@dataclass(frozen=True, slots=True)
class Found:
    paragraph: int
    start: int
    end: int
    method: Method
    score: float


@dataclass(frozen=True, slots=True)
class Ambiguous:
    paragraphs: tuple[int, ...]
    method: Method
    places: int


@dataclass(frozen=True, slots=True)
class Missing:
    closest: int | None  # paragraph number
    score: float


Outcome = Found | Ambiguous | Missing


def anchor(document: Document, evidence: Evidence, threshold: float) -> Outcome:
    """Where `evidence.quote` is in `document`, by the rules above."""
    quote = evidence.quote
    spans = _occurrences(document.text, quote)
    if spans:
        return _choose(document, spans, evidence, Method.EXACT)
    normal_text, origin = document.normalized
    normal_quote = normalize_plain(quote)
    if normal_quote:
        normal_spans = _occurrences(normal_text, normal_quote)
        if normal_spans:
            spans = [(origin[s], origin[e - 1] + 1) for s, e in normal_spans]
            return _choose(document, spans, evidence, Method.NORMALIZED)
    return _fuzzy(document, evidence, normal_quote, threshold)


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
    document: Document, spans: list[tuple[int, int]], evidence: Evidence, method: Method
) -> Outcome:
    if len(spans) > 1 and (evidence.before or evidence.after):
        in_context = [span for span in spans if _context_fits(document.text, span, evidence)]
        spans = in_context or spans
    if len(spans) > 1 and evidence.paragraph is not None:
        in_hint = [span for span in spans if document.locate(span[0])[0] == evidence.paragraph]
        spans = in_hint or spans
    if len(spans) == 1:
        start, end = spans[0]
        number, offset = document.locate(start)
        return Found(number, offset, offset + (end - start), method, 100.0)
    return Ambiguous(tuple(sorted({document.locate(s)[0] for s, _ in spans})), method, len(spans))


def _context_fits(text: str, span: tuple[int, int], evidence: Evidence) -> bool:
    start, end = span
    if evidence.before:
        want = normalize_plain(evidence.before)
        window = text[max(0, start - len(evidence.before) - CONTEXT_SLACK) : start]
        if not normalize_plain(window.replace(SEPARATOR, " ")).endswith(want):
            return False
    if evidence.after:
        want = normalize_plain(evidence.after)
        window = text[end : end + len(evidence.after) + CONTEXT_SLACK]
        if not normalize_plain(window.replace(SEPARATOR, " ")).startswith(want):
            return False
    return True


def _fuzzy(document: Document, evidence: Evidence, quote: str, threshold: float) -> Outcome:
    from rapidfuzz import fuzz  # imported here: most casebooks never need it

    best: list[tuple[float, int, int, int]] = []  # (score, paragraph, start, end)
    top = -1.0
    for paragraph in document.paragraphs:
        text, origin = normalize(paragraph.text)
        if not text or not quote:
            continue
        if len(text) <= len(quote):
            score, start, end = fuzz.ratio(quote, text), 0, len(text)
        else:
            found = fuzz.partial_ratio_alignment(quote, text)
            if found is None:
                continue
            score, start, end = found.score, found.dest_start, found.dest_end
        if score > top + 1e-9:
            top, best = score, []
        if abs(score - top) <= 1e-9 and end > start:
            best.append((score, paragraph.number, origin[start], origin[end - 1] + 1))
    if not best:
        return Missing(None, 0.0)
    if top < threshold or len(quote) < MIN_FUZZY_LENGTH:
        return Missing(best[0][1], round(top, 1))
    if len(best) > 1 and evidence.paragraph is not None:
        best = [b for b in best if b[1] == evidence.paragraph] or best
    if len({b[1] for b in best}) > 1:
        return Ambiguous(tuple(sorted({b[1] for b in best})), Method.FUZZY, len(best))
    score, number, start, end = best[0]
    start, end = _whole_words(document.paragraph(number).text, start, end)
    return Found(number, start, end, Method.FUZZY, round(score, 1))


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span that cuts a word, so the highlight never stops mid-word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end
