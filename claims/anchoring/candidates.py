"""Where a quote that is not in its source might be: candidate places for the fuzzy rule.

Scoring a quote against every paragraph of a 5 MB source costs seconds per quote. A
`WordIndex` of the source's normalised words (built once per document) narrows the search
to the paragraphs that share the quote's rarer words, weighted by how rare each word is
(inverse document frequency, as in information retrieval since Spärck Jones 1972), and,
inside a very long paragraph, to the stretches where the quote's words line up (votes per
diagonal, the seed-and-extend idea of BLAST). Only there is the quote aligned
character by character.

A drifted quote at or above the 90% threshold shares most of its words with the place it
comes from, so that place is always among the candidates; `tests/test_fuzzy_index.py`
compares the answers with an exhaustive search on every test casebook.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict

WORD = re.compile(r"\w+")
MOST_PARAGRAPHS = 24  # paragraphs scored per quote at the most
LEAST_PARAGRAPHS = 6  # ... and at the least, when that many share a word with the quote
MOST_WINDOWS = 4  # stretches scored inside one long paragraph


class WordIndex:
    """The words of a document's normalised text, by paragraph.

    `bounds[i]` is `(start, end)` of paragraph `i` (0-based) in the normalised text; words
    are lower-cased runs of letters and digits.
    """

    def __init__(self, normal: str) -> None:
        self.text = normal
        self.bounds: list[tuple[int, int]] = []
        start = 0
        while True:
            stop = normal.find("\x00", start)
            if stop < 0:
                self.bounds.append((start, len(normal)))
                break
            self.bounds.append((start, stop))
            start = stop + 1
        self.starts = [b[0] for b in self.bounds]
        postings: defaultdict[str, list[int]] = defaultdict(list)
        lowered = normal.lower()
        same_length = len(lowered) == len(normal)
        for number, (low, high) in enumerate(self.bounds):
            piece = lowered[low:high] if same_length else normal[low:high].lower()
            for word in set(WORD.findall(piece)):
                postings[word].append(number)
        self.postings = dict(postings)
        self._tokens: dict[int, tuple[list[str], list[int], list[int]]] = {}

    def paragraph_of(self, offset: int) -> int:
        """The 0-based paragraph holding normalised offset `offset`."""
        return bisect_right(self.starts, offset) - 1

    def paragraphs(self, quote: str) -> list[int]:
        """Paragraphs (0-based) worth scoring against `quote`, most promising first."""
        words = set(WORD.findall(quote.lower()))
        total = len(self.bounds)
        votes: defaultdict[int, float] = defaultdict(float)
        for word in words:
            posting = self.postings.get(word)
            if not posting:
                continue
            weight = math.log(1 + total / len(posting))
            for number in posting:
                votes[number] += weight
        if not votes:
            return []
        ranked = sorted(votes, key=lambda n: (-votes[n], n))
        top = votes[ranked[0]]
        keep = [n for n in ranked[:MOST_PARAGRAPHS] if votes[n] >= top * 0.5]
        return keep if len(keep) >= LEAST_PARAGRAPHS else ranked[:LEAST_PARAGRAPHS]

    def windows(self, number: int, quote: str, width: int) -> list[tuple[int, int]]:
        """Stretches of paragraph `number` (normalised offsets) where `quote`'s words line
        up, each about `width` characters longer than the quote; best first."""
        words, starts, ends = self._paragraph_tokens(number)
        quote_words = WORD.findall(quote.lower())
        where: defaultdict[str, list[int]] = defaultdict(list)
        wanted = set(quote_words)
        for index, word in enumerate(words):
            if word in wanted:
                where[word].append(index)
        votes: defaultdict[int, int] = defaultdict(int)
        band = max(4, len(quote_words) // 8)
        for offset, word in enumerate(quote_words):
            occurrences = where.get(word, ())
            if len(occurrences) > 50 * max(1, len(words) // 2000):
                continue  # a word too common here says nothing about where
            for index in occurrences:
                votes[(index - offset) // band] += 1
        low, high = self.bounds[number]
        if not votes:
            return []
        best = sorted(votes, key=lambda d: (-votes[d], d))[:MOST_WINDOWS]
        spans = []
        for diagonal in best:
            first = max(0, diagonal * band)
            last = min(len(words) - 1, diagonal * band + band + len(quote_words))
            if first > last:
                continue
            spans.append(
                (
                    max(low, low + starts[first] - width),
                    min(high, low + ends[last] + width),
                )
            )
        return spans

    def _paragraph_tokens(self, number: int) -> tuple[list[str], list[int], list[int]]:
        cached = self._tokens.get(number)
        if cached is None:
            low, high = self.bounds[number]
            matches = list(WORD.finditer(self.text, low, high))
            cached = (
                [m.group().lower() for m in matches],
                [m.start() - low for m in matches],
                [m.end() - low for m in matches],
            )
            self._tokens[number] = cached
        return cached
