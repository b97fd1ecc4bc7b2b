"""A selection in one paragraph of a source, moved by words and sentences (no Textual here
but the `Selection` the screen draws with).

A `Mark` is what the source view's `v` starts: a run of whole words of one paragraph,
`anchor` the end that stays and `head` the end the movement keys move (offsets into the
paragraph's text, 0-based characters, as `claims.model.Span`'s). It never holds less than
one word and never leaves its paragraph: a quote is anchored in one paragraph, so a
capture is too. A word is a run of characters other than white space (so "Friday." is
one word, its full stop with it); a sentence ends at `.`, `!`, `?` or `…` (closing quotes
and brackets after it included) before white space, except after a few abbreviations
("Mr.", "Dr.", "U.S.") and single capitals.

`to_screen` and `from_screen` turn a mark into the `textual.selection.Selection` the view
draws (line and column of its wrapped lines) and back: the mouse's selection (a drag)
comes in that form, its ends then widened to whole words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.geometry import Offset
from textual.selection import Selection

if TYPE_CHECKING:
    from tui.widgets.document_view import Layout

WORD = re.compile(r"\S+")
#: A sentence's end: its mark, closing quotes or brackets, then white space (or the end).
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
#: Words a full stop ends without ending the sentence ("Mr.", "Gen."), lower-cased.
_ABBREVIATIONS = re.compile(
    r"mr|mrs|ms|dr|st|prof|gen|sen|rep|jr|sr|vs|etc|e\.g|i\.e|no|col|lt|capt|gov|pres|inc|co"
    r"|corp|ltd|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


def words(text: str) -> list[tuple[int, int]]:
    """The words of `text` as [start, end) character offsets, in order."""
    return [m.span() for m in WORD.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as [start, end) character offsets, in order, white space
    between them left out (see the module for what ends one)."""
    out: list[tuple[int, int]] = []
    start = None
    for word_start, word_end in words(text):
        if start is None:
            start = word_start
        end = _END.search(text, word_start, word_end)
        if end is not None and end.end() == word_end and not _abbreviation(text, word_start, end):
            out.append((start, word_end))
            start = None
    if start is not None:
        out.append((start, len(text.rstrip())))
    return out


def _abbreviation(text: str, word_start: int, end: re.Match[str]) -> bool:
    """A full stop that ends "Mr", "U.S" or a single capital, not a sentence."""
    if end.group() != ".":
        return False
    word = text[word_start : end.start()].lstrip("\"'“‘«([")
    if len(word) == 1 and word.isupper():
        return True
    return bool(_ABBREVIATIONS.fullmatch(word.casefold())) or bool(
        re.fullmatch(r"(?:\w\.)+\w", word)
    )


@dataclass(frozen=True)
class Mark:
    """Whole words of paragraph `paragraph` (1-based) of a text: [start, end) of it, the
    `head` end moved by the keys, the `anchor` end staying (see the module)."""

    paragraph: int
    text: str
    anchor: int
    head: int

    @classmethod
    def first_word(cls, paragraph: int, text: str) -> Mark | None:
        """The paragraph's first word selected (None if it has no words)."""
        found = words(text)
        return cls(paragraph, text, *found[0]) if found else None

    @classmethod
    def around(cls, paragraph: int, text: str, start: int, end: int) -> Mark | None:
        """[start, end) less the white space at its ends, an end that cuts a word (a
        letter or digit on both sides of it) moved out to take all of it; None if no word
        is left."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        return cls(paragraph, text, start, end)

    @property
    def start(self) -> int:
        return min(self.anchor, self.head)

    @property
    def end(self) -> int:
        return max(self.anchor, self.head)

    @property
    def selected(self) -> str:
        """The selected text, exactly as the paragraph has it."""
        return self.text[self.start : self.end]

    def _moved(self, ends: list[int], starts: list[int], step: int) -> Mark:
        """The head moved `step` (±1) boundaries on: among `ends` when it is the selection's
        end, `starts` when it is its start; never across the anchor (one word stays). A
        step passes over a letter or digit: a boundary that would only take in or leave
        out punctuation (the full stop after a quote ending in mid-word) is passed by,
        unless no other is left that way."""
        forward = self.head > self.anchor
        stops = ends if forward else starts
        index = bisect_right(stops, self.head) if step > 0 else bisect_left(stops, self.head) - 1
        found = None
        while 0 <= index < len(stops):
            head = stops[index]
            if (forward and head <= self.anchor) or (not forward and head >= self.anchor):
                break
            found = head
            if _has_word(self.text[min(head, self.head) : max(head, self.head)]):
                break
            index += 1 if step > 0 else -1
        return self if found is None else replace(self, head=found)

    def by_word(self, step: int) -> Mark:
        """The head a word on (`step` 1) or back (-1)."""
        found = words(self.text)
        return self._moved([e for _, e in found], [s for s, _ in found], step)

    def by_sentence(self, step: int) -> Mark:
        """The head to the next (1) or previous (-1) sentence's boundary."""
        found = sentences(self.text)
        return self._moved([e for _, e in found], [s for s, _ in found], step)

    def swapped(self) -> Mark:
        """The other end becomes the one that moves."""
        return replace(self, anchor=self.head, head=self.anchor)

    def to_start(self) -> Mark:
        """The selection's start at the paragraph's first word (its end stays)."""
        first = words(self.text)[0][0]
        return replace(self, anchor=self.end, head=first)

    def to_end(self) -> Mark:
        """The selection's end at the paragraph's last word (its start stays)."""
        last = words(self.text)[-1][1]
        return replace(self, anchor=self.start, head=last)

    def sentence(self) -> Mark:
        """The whole sentence the head is in; if exactly that sentence is selected
        already, the next one (the last one stays)."""
        found = sentences(self.text)
        at = self.head - 1 if self.head > self.anchor else self.head
        index = max(bisect_right([s for s, _ in found], at) - 1, 0)
        if found[index] == (self.start, self.end) and index + 1 < len(found):
            index += 1
        return replace(self, anchor=found[index][0], head=found[index][1])


def _has_word(text: str) -> bool:
    """Whether `text` holds a letter or a digit."""
    return any(c.isalnum() for c in text)


# -- the mark on screen: the view's wrapped lines ---------------------------------------------


def line_starts(layout: Layout, body: str, number: int) -> list[tuple[int, int]]:
    """(line, offset in `body`) for each wrapped line of paragraph `number` (laid out),
    its notes left out: found as `Layout.rows` finds them, following the lines through
    the text."""
    top, height = layout.tops[number], layout.heights[number]
    at, out = 0, []
    for y in range(top, top + height):
        if y in layout.notes:
            continue
        line = layout.lines[y][2].plain
        found = body.find(line, at) if line else -1
        at = found if found >= 0 else at
        out.append((y, at))
        at += len(line)
    return out


def to_screen(layout: Layout, body: str, mark: Mark, column: int) -> Selection:
    """The view's `Selection` (line, column) of `mark`; `column`: where the text starts."""
    layout.reach(mark.paragraph)
    starts = line_starts(layout, body, mark.paragraph)
    offsets = [offset for _, offset in starts]

    def at(offset: int, end: bool) -> Offset:
        row = max(bisect_right(offsets, offset - 1 if end else offset) - 1, 0)
        y, first = starts[row]
        return Offset(column + offset - first, y)

    return Selection(at(mark.start, False), at(mark.end, True))


def from_screen(
    layout: Layout, bodies: dict[int, str], selection: Selection, column: int
) -> Mark | str | None:
    """The mark of a selection made on the view (by the mouse), widened to whole words;
    a message when it runs over more than one paragraph; None when it holds no word.
    `bodies`: each paragraph's text by number."""
    lines = layout.lines
    if not lines:
        return None
    first = selection.start or Offset(0, 0)
    last = selection.end or Offset(0, len(lines) - 1)
    places = []
    for offset, is_end in ((first, False), (last, True)):
        y = min(max(offset.y, 0), len(lines) - 1)
        while lines[y][0] == 0 and 0 < y < len(lines) - 1:  # between paragraphs
            y += -1 if is_end else 1
        number = lines[y][0]
        if number == 0 or number not in bodies:
            return None
        body = bodies[number]
        starts = dict(line_starts(layout, body, number))
        if y not in starts:  # a note's line: the paragraph's end
            places.append((number, len(body)))
            continue
        text = lines[y][2].plain
        x = len(text) if is_end and offset.x < 0 else min(max(offset.x - column, 0), len(text))
        places.append((number, starts[y] + x))
    (number, start), (other, end) = places
    if number != other:
        return (
            f"A quote stays within one paragraph: this selection runs from ¶{number} to "
            f"¶{other}. Select within one paragraph."
        )
    return Mark.around(number, bodies[number], start, end)
