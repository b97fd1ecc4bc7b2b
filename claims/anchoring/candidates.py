"""Where a quote that is not in its source might be: candidate places for the fuzzy rule.

Scoring a quote against every paragraph of a 5 MB source costs seconds per quote. A
`WordIndex` of the source's word pairs (two consecutive words, lower-cased), built once per
document, narrows the search to the places where the quote's rarest word pairs stand in
the same order: each shared pair votes for a *diagonal* (its place in the source minus
its place in the quote), the seed-and-extend idea of BLAST (Altschul et al. 1990), and the
diagonals with most votes are the candidates. Only there is the quote aligned character by
character. Word pairs rather than single words, because a pair is rare even where every
single word is common (in a report's stock phrases, or in text with a small vocabulary).

A drifted quote at or above the 90% threshold keeps most of its word pairs, so the place it
comes from is among the candidates; `tests/test_fuzzy_index.py` compares the answers with
an exhaustive search on the test casebooks.

The index is one sorted list of integers (`pair id × 2^k + position`), built and searched
by C code (`list.sort`, `bisect`), so building it for 5 MB takes about half a second and
looking a quote up well under a millisecond.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import pairwise
from operator import add, mul

WORD = re.compile(r"\w+")
BAND = 8  # tokens: votes are counted per band of diagonals, to allow for inserted words
MOST_PLACES = 16  # candidate places scored per quote, at the most ...
MOST_TIED = 256  # ... or this many when several places are equally good (ambiguous)
VOTE_BUDGET = 4000  # word-pair occurrences counted per quote, at the most ...
LEAST_PAIRS = 3  # ... but the rarest pairs of a quote always vote


class WordIndex:
    """The word pairs of a document's normalised text, and where each paragraph starts.

    `bounds[i]` is `(start, end)` of paragraph `i` (0-based) in the normalised text.
    Token positions count words across the whole document.
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
        self.starts = [low for low, _ in self.bounds]
        words: list[str] = []
        self.first_token: list[int] = []  # per paragraph, the position of its first word
        for low, high in self.bounds:
            self.first_token.append(len(words))
            words.extend(WORD.findall(normal, low, high))
        count = len(words)
        self.ids: dict[str, int] = {}
        # A word's id is where it first stands: unique, and below `count`.
        sequence = list(map(self.ids.setdefault, map(str.lower, words), range(count)))
        self.shift = max(count, 2).bit_length()
        self.base = 1 << self.shift
        scale = [self.base] * count
        pairs = map(add, map(mul, sequence, scale), sequence[1:])
        self.keys = list(map(add, map(mul, pairs, scale), range(count)))
        self.keys.sort()
        self._sequence = sequence  # word ids in order, for `_single_words`
        self._unigrams: list[int] | None = None
        self._offsets: dict[int, tuple[list[int], list[int]]] = {}

    def paragraph_of_token(self, position: int) -> int:
        """The 0-based paragraph holding token `position`."""
        return bisect_right(self.first_token, position) - 1

    def candidates(
        self, quote: str, long_paragraph: int, most: int = MOST_PLACES
    ) -> list[tuple[int, int]]:
        """Stretches of the normalised text worth scoring against `quote`, best first:
        about `most` of them.

        A paragraph no longer than `long_paragraph` characters is a candidate whole;
        inside a longer one, the stretch of the quote's best diagonal, with some slack.
        """
        pairs = self._pairs(quote)
        votes: Counter[int] = Counter()
        if len(pairs) < LEAST_PAIRS:  # a short quote with a typo: its single words vote too
            votes.update(self._single_words(quote))
        used = 0
        mask = self.base - 1
        for taken, (low, high, offset) in enumerate(pairs):
            if taken >= LEAST_PAIRS and used + high - low > VOTE_BUDGET:
                break
            used += high - low
            votes.update(((key & mask) - offset) // BAND for key in self.keys[low:high])
        words = len(WORD.findall(quote))
        regions: list[tuple[int, int]] = []
        seen: set[tuple[int, int]] = set()
        for band, _ in votes.most_common(most * 2):
            # The band's diagonals may straddle two paragraphs: look at both ends.
            for position in (band * BAND, band * BAND + BAND - 1):
                region = self._region(position, words, long_paragraph)
                if region is not None and region not in seen:
                    seen.add(region)
                    regions.append(region)
            if len(regions) >= most:
                break
        return regions

    def _single_words(self, quote: str) -> list[int]:
        """Diagonal bands voted for by the quote's single words, rarest first within
        `VOTE_BUDGET` (a fallback for a quote with too few intact word pairs), from a sorted
        list of `word id × 2^k + position` built the first time it is needed."""
        if self._unigrams is None:
            count = len(self._sequence)
            scale = [self.base] * count
            self._unigrams = sorted(map(add, map(mul, self._sequence, scale), range(count)))
        keys = self._unigrams
        found = []
        for offset, word in enumerate(WORD.findall(quote)):
            ident = self.ids.get(word.lower(), -1)
            if ident < 0:
                continue
            low = bisect_left(keys, ident << self.shift)
            high = bisect_left(keys, (ident + 1) << self.shift, low)
            found.append((high - low, low, high, offset))
        found.sort()
        mask = self.base - 1
        bands: list[int] = []
        for taken, (count, low, high, offset) in enumerate(found):
            if taken >= LEAST_PAIRS and len(bands) + count > VOTE_BUDGET:
                break
            bands.extend(((key & mask) - offset) // BAND for key in keys[low:high])
        return bands

    def may_hold(self, quote: str) -> bool:
        """False when the normalised `quote` cannot stand in the text exactly: a pair of
        its inner words (the first and last may be parts of longer words) is missing."""
        ids = [self.ids.get(w.lower(), -1) for w in WORD.findall(quote)[1:-1]]
        if any(i < 0 for i in ids):
            return False
        for first, second in pairwise(ids):
            pair = first * self.base + second
            low = bisect_left(self.keys, pair << self.shift)
            if low == len(self.keys) or self.keys[low] >> self.shift != pair:
                return False
        return True

    def _pairs(self, quote: str) -> list[tuple[int, int, int]]:
        """The quote's word pairs found in the document, rarest first:
        `(low, high, offset)`, their slice of `keys` and the pair's place in the quote."""
        ids = [self.ids.get(w.lower(), -1) for w in WORD.findall(quote)]
        found = []
        for offset in range(len(ids) - 1):
            first, second = ids[offset], ids[offset + 1]
            if first < 0 or second < 0:
                continue
            pair = first * self.base + second
            low = bisect_left(self.keys, pair << self.shift)
            high = bisect_left(self.keys, (pair + 1) << self.shift, low)
            if high > low:
                found.append((low, high, offset))
        found.sort(key=lambda f: f[1] - f[0])
        return found

    def _region(self, position: int, words: int, long_paragraph: int) -> tuple[int, int] | None:
        """The text to score for a quote of `words` words placed at token `position`."""
        number = self.paragraph_of_token(max(position, 0))
        low, high = self.bounds[number]
        if high - low <= long_paragraph:
            return (low, high) if high > low else None
        starts, ends = self._token_offsets(number)
        first = max(0, position - self.first_token[number] - BAND - words // 20)
        last = min(len(starts) - 1, position - self.first_token[number] + words + BAND * 2)
        if first > last:
            return None
        return low + starts[first], low + ends[last]

    def _token_offsets(self, number: int) -> tuple[list[int], list[int]]:
        """Start and end offsets (within paragraph `number`) of its words, computed once."""
        cached = self._offsets.get(number)
        if cached is None:
            low, high = self.bounds[number]
            matches = list(WORD.finditer(self.text, low, high))
            cached = ([m.start() - low for m in matches], [m.end() - low for m in matches])
            self._offsets[number] = cached
        return cached
