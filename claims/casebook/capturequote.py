"""The evidence a selection makes: the selected words, and context only when needed.

`quote_evidence` is what the app calls with a selection in the source view; the result
goes to `claims.casebook.capture.add_evidence` / `add_dispute`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.anchoring import Found, anchor
from claims.casebook.captureio import CaptureError
from claims.model import Evidence, Location, Method
from claims.sources.document import Document

#: The most words of `before`/`after` tried on each side before giving up on them.
MOST_CONTEXT_WORDS = 24
_TOKEN = re.compile(r"\S+")
#: What ends a line (a paragraph's text, as documents give it, has none).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class NotExact(CaptureError):
    """The quote would not anchor by rule 1 (`exact`) at the selected place: it cuts a word,
    or it is not unique and no `before`/`after` within its paragraph tells its place apart,
    or (after insertion) it is found only normalised, fuzzily, or not at all."""


@dataclass(frozen=True)
class NewEvidence:
    """A piece of evidence to write. `source`: a source id; `quote`: the source's exact
    words; `before`/`after`: a few words just before/after it (only to tell places
    apart); `paragraph`: the 1-based paragraph hint; `note`: the user's note. Written in
    this key order (or the order the file's evidence entries use), None values left out."""

    source: str
    quote: str
    before: str | None = None
    after: str | None = None
    paragraph: int | None = None
    note: str | None = None

    def entry(self) -> list[tuple[str, object]]:
        """The keys and values written, in order, None values left out."""
        pairs: list[tuple[str, Any]] = [
            ("source", self.source),
            ("quote", self.quote),
            ("before", self.before),
            ("after", self.after),
            ("paragraph", self.paragraph),
            ("note", self.note),
        ]
        return [(key, value) for key, value in pairs if value is not None]

    def as_evidence(self) -> Evidence:
        """The `Evidence` record the loader would make of it (its location unknown)."""
        return Evidence(
            self.source,
            self.quote,
            Location(Path()),
            self.before,
            self.after,
            self.paragraph,
            self.note,
        )


def quote_evidence(
    document: Document, paragraph: int, start: int, end: int, source_id: str
) -> NewEvidence:
    """The evidence for the selection `start`..`end` (0-based character offsets into the
    text of paragraph number `paragraph`, 1-based as ¶ shows it; `end` exclusive) of
    `document`, the source `source_id`.

    The quote is the selected text exactly as the source has it, less white space at its
    ends. `paragraph:` is always set (a hint). `before`/`after` are added only when the
    quote is not unique in the source: the shortest (fewest words, `before` tried first)
    taken from the paragraph's text around the selection that makes `anchor` find exactly
    this place by rule 1 without the hint; when none does (a repeated paragraph), the
    longest tried is kept and the hint chooses.

    Raises `CaptureError` for a paragraph or offsets out of range or an empty selection,
    `NotExact` when the selection cuts a word ("legal" inside "illegal") or still does not
    anchor exactly at its place."""
    if not 1 <= paragraph <= len(document.paragraphs):
        raise CaptureError(
            f"the source has no paragraph {paragraph} (it has {len(document.paragraphs)})"
        )
    text = document.paragraph(paragraph).text
    if not 0 <= start <= end <= len(text):
        raise CaptureError(
            f"the selection {start}..{end} is outside paragraph {paragraph} "
            f"({len(text)} characters)"
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise CaptureError("the selection is empty", "select some words first")
    quote = text[start:end]
    place = (paragraph, start, end)
    plain = NewEvidence(source_id, quote, paragraph=paragraph)
    if _anchors_at(document, plain, place, hint=False):
        return plain
    if _cuts_word(document, paragraph, start, end):
        raise NotExact(
            f"the selection {quote[:60]!r} begins or ends inside a word",
            "extend the selection to whole words",
        )
    befores = _context(text[:start], at_end=True)
    afters = _context(text[end:], at_end=False)
    tries: list[tuple[str | None, str | None]] = []
    for words in range(1, MOST_CONTEXT_WORDS + 1):
        b = befores[words - 1] if words <= len(befores) else None
        a = afters[words - 1] if words <= len(afters) else None
        if b is None and a is None:
            break
        for pair in ((b, None), (None, a), (b, a)):
            if pair != (None, None) and pair not in tries:
                tries.append(pair)
    for before, after in tries:
        candidate = NewEvidence(source_id, quote, before, after, paragraph)
        if _anchors_at(document, candidate, place, hint=False):
            return candidate
    last = tries[-1] if tries else (None, None)
    candidate = NewEvidence(source_id, quote, last[0], last[1], paragraph)
    if _anchors_at(document, candidate, place, hint=True):
        return candidate
    raise NotExact(
        f"the quote {quote[:60]!r} is found in more than one place, and the words around it "
        "do not tell this one apart",
        "select a longer passage",
    )


def _context(text: str, *, at_end: bool) -> list[str]:
    """The words next to the selection, 1, 2, 3… of them (as the source has them, the
    white space between them kept): from the end of `text` (`before`) or its start."""
    tokens = list(_TOKEN.finditer(text))
    if at_end:
        tokens.reverse()
    out = []
    for count in range(1, min(len(tokens), MOST_CONTEXT_WORDS) + 1):
        chosen = tokens[:count]
        low = min(t.start() for t in chosen)
        high = max(t.end() for t in chosen)
        out.append(text[low:high])
    return out


def _anchors_at(
    document: Document, evidence: NewEvidence, place: tuple[int, int, int], *, hint: bool
) -> bool:
    record = evidence.as_evidence()
    if not hint:
        record = Evidence(record.source, record.quote, record.loc, record.before, record.after)
    return anchors_exactly(document, record, place)


def anchors_exactly(
    document: Document, evidence: Evidence, place: tuple[int, int, int] | None = None
) -> bool:
    """Whether `evidence` anchors in `document` by rule 1 (Method.EXACT), at `place`
    ((1-based paragraph, start, end) offsets in characters) when given."""
    outcome = anchor(document, evidence, 100.0)
    if not isinstance(outcome, Found) or outcome.method is not Method.EXACT or outcome.note:
        return False
    return place is None or (outcome.paragraph, outcome.start, outcome.end) == place


def _cuts_word(document: Document, paragraph: int, start: int, end: int) -> bool:
    from claims.anchoring.rules import cuts_a_word

    offset = document.starts[paragraph - 1]
    return cuts_a_word(document.text, offset + start, offset + end)


def find_quote(
    document: Document, source_id: str, quote: str, paragraph: int | None = None
) -> NewEvidence:
    """The evidence for `quote` typed by hand (the command line): its place found word for
    word (rule 1) in `document` (in paragraph `paragraph`, 1-based, when given), then
    `quote_evidence` there, which adds `paragraph:` and, only when needed, `before`/`after`.

    Raises `NotExact` when the words are not there exactly (saying so when they are there
    after normalising quotation marks, dashes and spaces, with the source's own words, or
    fuzzily), when they are in several places (naming the paragraphs: give `paragraph`),
    or in several places of the one paragraph given, or only in other paragraphs than the
    one given (naming them); `CaptureError` for a paragraph out of
    range or an empty quote."""
    wanted = quote.strip()
    if not wanted:
        raise CaptureError("the quote is empty", "give the words the source has")
    if paragraph is not None and not 1 <= paragraph <= len(document.paragraphs):
        raise CaptureError(
            f"the source has no paragraph {paragraph} (it has {len(document.paragraphs)})"
        )
    places = _places(document, wanted, paragraph)
    if not places and paragraph is not None and (elsewhere := _places(document, wanted, None)):
        numbers = sorted({number for number, _ in elsewhere})
        listed = ", ".join(f"¶{n}" for n in numbers[:8]) + (" …" if len(numbers) > 8 else "")
        raise NotExact(
            f"the quote is in {listed} of {source_id!r}, not ¶{paragraph}",
            "fix --paragraph or leave it out",
        )
    if len(places) == 1:
        number, at = places[0]
        return quote_evidence(document, number, at, at + len(wanted), source_id)
    if places:
        numbers = sorted({number for number, _ in places})
        if len(numbers) == 1:
            raise NotExact(
                f"the quote is found {len(places)} times in ¶{numbers[0]} of {source_id!r}",
                "give a longer quote, one that is found once",
            )
        listed = ", ".join(f"¶{n}" for n in numbers[:8]) + (" …" if len(numbers) > 8 else "")
        raise NotExact(
            f"the quote is found in {len(places)} places of {source_id!r} ({listed})",
            "say which with the paragraph number (--paragraph N), or give a longer quote",
        )
    raise _not_found(document, source_id, wanted, paragraph)


def _places(document: Document, wanted: str, paragraph: int | None) -> list[tuple[int, int]]:
    """(1-based paragraph, start offset in characters) of each place `wanted` is word for
    word in `document` without cutting a word, in paragraph `paragraph` only when given."""
    places = []
    for number, para in enumerate(document.paragraphs, 1):
        if paragraph is not None and number != paragraph:
            continue
        at = para.text.find(wanted)
        while at >= 0:
            if not _cuts_word(document, number, at, at + len(wanted)):
                places.append((number, at))
            at = para.text.find(wanted, at + 1)
    return places


def _not_found(document: Document, source: str, quote: str, paragraph: int | None) -> NotExact:
    """Why `quote` is not in `document` word for word, with the source's own words when it
    is there after normalising."""
    record = Evidence("", quote, Location(Path()), paragraph=paragraph)
    outcome = anchor(document, record, 80.0)
    where = f" {source!r}" + (f" in ¶{paragraph}" if paragraph is not None else "")
    if isinstance(outcome, Found):
        text = document.paragraph(outcome.paragraph).text[outcome.start : outcome.end]
        how = "after normalising quotation marks, dashes and spaces"
        if outcome.method is not Method.NORMALIZED:
            how = f"only approximately ({outcome.score:.0f}% alike)"
        return NotExact(
            f"the quote is not word for word in the source{where}; it is there {how}, "
            f"in ¶{outcome.paragraph}",
            f"copy the source's own words: {text[:300]!r}",
        )
    if any(char in quote for char in _LINE_BREAKS):
        return NotExact(
            f"the source{where} does not have these words in one paragraph: a quote must "
            "stay within one paragraph, and this one runs over a line break",
            "quote one paragraph's words at a time, each as evidence of its own "
            "(`contested read SOURCE` shows the paragraphs)",
        )
    return NotExact(
        f"the source{where} does not have these words",
        "copy the words exactly as the source has them (`contested read SOURCE` shows it)",
    )
