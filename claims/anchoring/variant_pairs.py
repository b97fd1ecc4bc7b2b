"""Pairing the words of one difference block (`claims.anchoring.variants`, rule 3): which
words of two stretches are the same word or variants of one word, as the longest ordered
chain of pairs. Split from `variants` to keep each module short; the rules are described
in `claims.anchoring.variants` and docs/compare.md."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from claims.anchoring.align import combining_marks
from claims.anchoring.normalize import normalize

PAIRS_PER_WORD = 4  # the most similar words of b a word of a may pair with, per piece
_EQUAL_BONUS = 1.0  # an equal pair outweighs a variant of the same count
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")  # after a negating "a" (a+typical)

# A stretch of both texts as word indices: (a from, a to, b from, b to).
Span = tuple[int, int, int, int]


@dataclass(slots=True)
class Words:
    """A text's words (`word_pattern`): the normalised word, case-folded (digits as
    ASCII: `_fold`), and its original span."""

    words: list[str]
    folded: list[str]
    starts: list[int]
    ends: list[int]
    length: int

    def place(self, index: int) -> int:
        """Where an empty stretch before word `index` stands (characters)."""
        if index < len(self.starts):
            return self.starts[index]
        return self.ends[-1] if self.ends else 0


#: Han ideographs (CJK Unified, Extension A, Compatibility, the supplementary planes'
#: extensions), hiragana and katakana: written without spaces, so each is a word of its own.
CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
#: Marks that join two digits into one number (20,000; 3.5; 1.500.000; Arabic ٢٠٬٠٠٠, ٣٫٥).
NUMBER_JOINERS = ".,\u066b\u066c"


@lru_cache(maxsize=1)
def word_pattern() -> re.Pattern[str]:
    r"""The words `align_variants` compares: rule 2's tokens (`claims.anchoring.align`:
    runs of letters, digits and combining marks; each other mark on its own) with three
    changes, so that a row never starts or ends inside a word or number:

    - a number keeps its inner separators: digits, one of `. , ٫ ٬`, digits (20,000;
      3.5; 1.500.000) are one word;
    - a word keeps an inner apostrophe: letters or digits, `'`, letters or digits
      (Israel's; `’` is `'` after rule 2; don't);
    - each Han ideograph, hiragana or katakana (`CJK`) is a word of its own, Chinese and
      Japanese having no spaces between words.

    A hyphen or dash still stands alone ("truth-tellers" is three words): rule 2 makes
    every dash `-`, and an em dash written between two words ("continues—only") must
    keep them apart."""
    marks = combining_marks()  # word characters to rule 2's tokens, as to `\w`
    char = rf"(?:[^\W{CJK}]|[{marks}])"
    word = rf"{char}+(?:(?:(?<=\d)[{NUMBER_JOINERS}](?=\d)|'(?={char})){char}+)*"
    return re.compile(rf"[{CJK}]|{word}|[^\w\s{marks}]")


def words_of(text: str) -> Words:
    """`text`'s words (`word_pattern` on its rule 2 form, without making a `Token` of
    each: a third of the time on 5,000 words), spans mapped back to `text`."""
    normal = normalize(text)
    found = [(m.group(), m.start(), m.end()) for m in word_pattern().finditer(normal.text)]
    words = [word for word, _, _ in found]
    if normal.unchanged:
        starts = [start for _, start, _ in found]
        ends = [end for _, _, end in found]
    else:
        starts = [normal.start(start) for _, start, _ in found]
        ends = [normal.end(end - 1) for _, _, end in found]
    return Words(words, [_fold(w) for w in words], starts, ends, len(text))


def may_vary(x: str, y: str) -> bool:
    """Whether two different case-folded words may be spellings of one word, whatever
    their similarity: not when their digits differ (1500000 / 1600000, 2024 / 2025: another
    number; digits compared by value, `unicodedata.decimal`, so ٢٠٢٤ and 2024 agree), nor
    when one is the other with a prefix or suffix of two or more letters added (un+lawful,
    im+possible, re+signed, ir+responsible, lawful+ly: another word, often the opposite),
    nor with the one-letter negating prefix "a" before a consonant (a+typical, a+moral,
    a+symmetric: Greek's alpha privative; the consonants are the Latin letters b–z but
    e, i, o, u, y). Any other one added letter stays a spelling (Husay / Husayn,
    Safarov / Safarova, Ali / Aali)."""
    if _digits(x) != _digits(y):
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    extra = len(long) - len(short)
    if not short:
        return True
    if extra == 1:
        return not (long[0] == "a" and long[1:] == short and short[0] in _CONSONANTS)
    if extra < 2:
        return True
    for added, rest in ((long[:extra], long[extra:]), (long[-extra:], long[:-extra])):
        if rest == short and sum(c.isalpha() for c in added) >= 2:
            return False
    return True


def _digits(word: str) -> list[int]:
    return [unicodedata.decimal(c) for c in word if c.isdecimal()]


def _fold(word: str) -> str:
    """`word` case-folded, its decimal digits of any script as ASCII ones (٢٠٢٤ → 2024),
    so that similarity compares digits by value."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in folded)


def chain(wa: Words, wb: Words, span: Span, threshold: float) -> list[tuple[int, int, float]]:
    """The ordered pairs (i, j, similarity) kept: i and j strictly increasing, the most
    pairs, equal pairs before variants, then the highest similarity (a heaviest
    increasing subsequence, O(k log k) over the k candidate pairs)."""
    i0, i1, j0, j1 = span
    if i1 == i0 or j1 == j0:
        return []
    candidates = _candidates(wa, wb, span, threshold)
    if not candidates:
        return []
    # Fenwick tree over j for the best chain ending at or before each j.
    size = j1 - j0
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    best: list[tuple[float, int]] = []  # per candidate: (chain weight, previous candidate)
    candidates.sort(key=lambda c: (c[0], c[1]))
    start = 0
    while start < len(candidates):
        stop = start
        while stop < len(candidates) and candidates[stop][0] == candidates[start][0]:
            stop += 1
        ends: list[tuple[float, int]] = []
        for index in range(start, stop):  # one word of a: predecessors from earlier words
            _, j, weight, _ = candidates[index]
            value, previous = _query(tree, j - j0)  # chains ending before j
            ends.append((value + weight, previous))
        best.extend(ends)
        for index in range(start, stop):
            _update(tree, candidates[index][1] - j0 + 1, (best[index][0], index))
        start = stop
    end = max(range(len(best)), key=lambda index: best[index][0])
    chain = []
    while end >= 0:
        i, j, _, score = candidates[end]
        chain.append((i, j, score))
        end = best[end][1]
    chain.reverse()
    return chain


def _candidates(
    wa: Words, wb: Words, span: Span, threshold: float
) -> list[tuple[int, int, float, float]]:
    """Pairs of `a[i0:i1]` × `b[j0:j1]` at least `threshold` similar, as (i, j, weight,
    similarity): each word of the shorter side against the other side's words (rapidfuzz
    `process.extract`), keeping `PAIRS_PER_WORD` per word."""
    i0, i1, j0, j1 = span
    if i1 - i0 == 1 and j1 - j0 == 1:  # the commonest block: one word for one
        score = fuzz.ratio(wa.folded[i0], wb.folded[j0], score_cutoff=threshold)
        if not score or not may_vary(wa.folded[i0], wb.folded[j0]):
            return []
        return [(i0, j0, _weight(wa, wb, i0, j0, score), score)]
    flipped = j1 - j0 < i1 - i0
    mine, theirs = (wb, wa) if flipped else (wa, wb)
    m0, m1, t0, t1 = (j0, j1, i0, i1) if flipped else (i0, i1, j0, j1)
    choices = theirs.folded[t0:t1]
    slope = (t1 - t0) / (m1 - m0)
    out = []
    for m in range(m0, m1):
        word = mine.folded[m]
        found = [
            hit
            for hit in process.extract(
                word, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            )
            if may_vary(word, hit[0])
        ]
        if len(found) > PAIRS_PER_WORD:  # the best, then those nearest the diagonal
            diagonal = (m - m0) * slope
            found.sort(key=lambda hit: (-hit[1], abs(hit[2] - diagonal)))
            del found[PAIRS_PER_WORD:]
        for _, score, k in found:
            i, j = (t0 + k, m) if flipped else (m, t0 + k)
            out.append((i, j, _weight(wa, wb, i, j, score), score))
    return out


def _weight(wa: Words, wb: Words, i: int, j: int, score: float) -> float:
    """A pair's weight in the chain: 1,000 a pair (the most pairs first), a little more
    for an equal pair, then its similarity."""
    return 1000.0 + (_EQUAL_BONUS if wa.words[i] == wb.words[j] else 0.0) + score / 100.0


def _query(tree: list[tuple[float, int]], count: int) -> tuple[float, int]:
    """The best (weight, candidate) among the first `count` positions."""
    out = (0.0, -1)
    while count > 0:
        if tree[count][0] > out[0]:
            out = tree[count]
        count -= count & -count
    return out


def _update(tree: list[tuple[float, int]], index: int, value: tuple[float, int]) -> None:
    while index < len(tree):
        if value[0] > tree[index][0]:
            tree[index] = value
        index += index & -index
