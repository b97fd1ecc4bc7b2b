"""What differs between a drifted quote and its source, for people to read.

`inline_diff` lays the source's words out with the quote's differing words beside them, as
`git diff --word-diff` does: `the talks [-will-]{+would+} resume`. Long stretches where
the two agree are shortened to their ends, so a one-word change in a long quote stays on
one line. `check`, `show`, the app and the exports all use it, so all show the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from claims.model import WordChange

ELLIPSIS = "…"


class Part(StrEnum):
    """What a piece of an inline diff is."""

    SAME = "same"  # words quote and source share
    QUOTE = "quote"  # the quote's words, which the source does not have (deleted)
    SOURCE = "source"  # the source's words, which the quote does not have (inserted)


@dataclass(frozen=True, slots=True)
class Piece:
    kind: Part
    text: str


def inline_diff(
    quote: str, paragraph: str, start: int, end: int, changes: tuple[WordChange, ...],
    context: int | None = 40,
) -> list[Piece]:  # fmt: skip
    """The source's `paragraph[start:end]` with each change's quote words set beside it.

    `changes` are `WordChange`s of an anchor (offsets into `quote` and `paragraph`, 0-based
    characters). With `context`, a shared stretch longer than about twice that many
    characters keeps only `context` characters at each end (cut at a space), joined by `…`.
    """
    pieces: list[Piece] = []
    at = start
    ordered = sorted(changes, key=lambda c: (c.start, c.quote_start))
    for index, change in enumerate(ordered):
        same = paragraph[at : change.start]
        if same:
            first, last = index == 0, False
            pieces.append(Piece(Part.SAME, shorten(same, context, first, last)))
        removed = quote[change.quote_start : change.quote_end]
        added = paragraph[change.start : change.end]
        if removed:
            pieces.append(Piece(Part.QUOTE, removed))
        if added:
            pieces.append(Piece(Part.SOURCE, added))
        at = max(at, change.end)
    tail = paragraph[at:end]
    if tail:
        pieces.append(Piece(Part.SAME, shorten(tail, context, not ordered, True)))
    return pieces


def shorten(text: str, context: int | None, first: bool, last: bool) -> str:
    """A long shared stretch cut down: before the first change only its end is kept, after
    the last only its start, between two changes both ends; a stretch with no change on
    either side is kept whole."""
    if context is None or len(text) <= 2 * context + len(ELLIPSIS):
        return text
    if first and last:
        return text
    head = text[:context]
    cut = head.rfind(" ")
    head = head[: cut + 1] if cut > 0 else head
    tail = text[-context:]
    cut = tail.find(" ")
    tail = tail[cut:] if cut >= 0 else tail
    if first:
        return ELLIPSIS + tail if len(text) > context else text
    if last:
        return head + ELLIPSIS
    return head + ELLIPSIS + tail


def word_diff(pieces: list[Piece]) -> str:
    """Pieces as plain text in `git diff --word-diff=plain` style: `[-quote-]{+source+}`."""
    out = []
    for piece in pieces:
        if piece.kind is Part.QUOTE:
            out.append(f"[-{piece.text}-]")
        elif piece.kind is Part.SOURCE:
            out.append(f"{{+{piece.text}+}}")
        else:
            out.append(piece.text)
    return "".join(out)
