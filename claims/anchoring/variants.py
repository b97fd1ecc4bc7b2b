"""Two renderings of one statement aligned word by word: what they share, what differs.

`align_variants(a, b)` lines up the words of two texts (two translations of one speech,
one quote as two outlets print it, two spellings of a name) and says, row by row, what
each stretch is: the same words, a variant of one word (a spelling, a case change), a
substitution (other words), an insertion (words only `b` has) or a deletion (words only
`a` has).

How (the rules, in order):

1. **Words.** Both texts are normalised by anchoring rule 2 (`claims.anchoring.normalize`:
   NFKC, invisible characters dropped, every quotation mark to `"` or `'`, every dash to
   `-`, white space runs to one space) and cut into rule 2's tokens
   (`claims.anchoring.align.tokens`: runs of letters and digits, and each punctuation mark
   on its own). Each token keeps the span of the *original* text it stands for, so a
   curly `”` and a straight `"` are the same word, and offsets point into the text as
   given.
2. **Outer alignment.** rapidfuzz's `Levenshtein.opcodes` on the two token lists (each
   token compared whole; https://rapidfuzz.github.io/RapidFuzz/Usage/distance/Levenshtein.html)
   gives runs of equal words and the blocks between them.
3. **Inner pairing.** Inside each block (a run of rapidfuzz's replace, insert and delete
   opcodes), a pair of words is *equal* when their normalised forms are, and *variants*
   when rapidfuzz `fuzz.ratio` of their case-folded normalised forms is at least
   `threshold` (85 by default, the issue's rule; a case-only difference scores 100, so it
   is a variant). The pairs kept are an ordered chain with the most pairs (equal ones
   weigh a little more, then higher similarity): a heaviest increasing subsequence over
   the candidate pairs. The words between two kept pairs form one row: SUBSTITUTION when
   both sides have words there ("In other words" → "That is" is *one* substitution row,
   phrase for phrase: pairing such words one by one would pretend "In" was rendered as
   "That"), INSERTION or DELETION when only one has.
4. **Caps.** A block of more than `MAX_CELLS` word pairs is cut into pieces along its
   diagonal (at most `PIECE` words of the longer side each) and each piece is paired on
   its own, so the cost stays linear in the texts' length: a variant far off the diagonal
   of a very long block is then shown as a substitution. A word keeps at most
   `PAIRS_PER_WORD` candidate partners in a piece (the most similar, then those nearest
   the diagonal), so a piece of words all alike does not make 64 × 64 candidates.

Consecutive SAME rows are one run (the text between its words included); consecutive
substitution, insertion and deletion rows are joined into one difference row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from claims.anchoring.align import _token_pattern, tokens
from claims.anchoring.normalize import normalize

THRESHOLD = 85.0  # % similar (rapidfuzz ratio, case-folded) for two words to be variants
MAX_CELLS = 4096  # word pairs a block is paired as a whole up to (64 × 64)
PIECE = 64  # words of the longer side in each piece of a bigger block
PAIRS_PER_WORD = 4  # the most similar words of b a word of a may pair with, per piece
SIMILARITY_CHARS = 2000  # characters of each side a substitution's similarity looks at
_EQUAL_BONUS = 1.0  # an equal pair outweighs a variant of the same count
_UNMEASURED = -1.0  # a substitution's similarity, until its final extent is known


class Kind(StrEnum):
    """What a row of an alignment is."""

    SAME = "same"  # the same words (after rule 2)
    VARIANT = "variant"  # one word each, at least `threshold` % similar
    SUBSTITUTION = "substitution"  # other words on each side
    INSERTION = "insertion"  # words only in b
    DELETION = "deletion"  # words only in a


@dataclass(frozen=True, slots=True)
class Row:
    """One row of an alignment.

    Offsets are 0-based characters into `Alignment.a` / `Alignment.b`, end exclusive,
    from the first word's start to the last word's end (the text between them included).
    An empty side (INSERTION: `a_start == a_end`; DELETION: `b_start == b_end`) sits
    where its words would stand: at the start of the next word, or the end of the last.
    (A character NFKC makes several words, `…` → `...`, may stand in two rows.)
    `similarity` is rapidfuzz `fuzz.ratio` (0–100) of the case-folded normalised words:
    100 for SAME, ≥ threshold for VARIANT, that of the two stretches (words joined by
    spaces, the first `SIMILARITY_CHARS` characters of each) for SUBSTITUTION, 0 for
    INSERTION and DELETION.
    """

    kind: Kind
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """Texts `a` and `b` as given, and the rows that cover their words in order.

    `sizes[i]` is how many words (rule 2 tokens: punctuation marks count) row `i` holds in
    `a` and in `b`; empty when the alignment was built by hand (then `counts` tokenises).
    """

    a: str
    b: str
    rows: tuple[Row, ...]
    sizes: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)

    def counts(self) -> dict[Kind, int]:
        """Words per kind, every kind present (0 when none): a SAME or VARIANT row counts
        its words once, a SUBSTITUTION the larger side's (3 words replaced by 2 count 3),
        an INSERTION b's, a DELETION a's. Words are rule 2 tokens (a comma is one)."""
        out = dict.fromkeys(Kind, 0)
        sizes = self.sizes or tuple(_size(self, row) for row in self.rows)
        for row, (in_a, in_b) in zip(self.rows, sizes, strict=True):
            out[row.kind] += max(in_a, in_b)
        return out


def _size(alignment: Alignment, row: Row) -> tuple[int, int]:
    a = alignment.a[row.a_start : row.a_end]
    b = alignment.b[row.b_start : row.b_end]
    return len(tokens(normalize(a).text)), len(tokens(normalize(b).text))


@dataclass(slots=True)
class _Words:
    """A text's rule 2 tokens: the normalised word, case-folded, and its original span."""

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


def _words(text: str) -> _Words:
    """`text`'s words: `tokens` of its rule 2 form (the same pattern, without making a
    `Token` of each: a third of the time on 5,000 words), spans mapped back to `text`."""
    normal = normalize(text)
    found = [(m.group(), m.start(), m.end()) for m in _token_pattern().finditer(normal.text)]
    words = [word for word, _, _ in found]
    if normal.unchanged:
        starts = [start for _, start, _ in found]
        ends = [end for _, _, end in found]
    else:
        starts = [normal.start(start) for _, start, _ in found]
        ends = [normal.end(end - 1) for _, _, end in found]
    return _Words(words, [w.casefold() for w in words], starts, ends, len(text))


# A row as word indices: (kind, a from, a to, b from, b to, similarity).
_Item = tuple[Kind, int, int, int, int, float]
# A stretch of both texts as word indices: (a from, a to, b from, b to).
_Span = tuple[int, int, int, int]


def align_variants(a: str, b: str, *, threshold: float = THRESHOLD) -> Alignment:
    """`a` and `b` aligned word by word (see the module's description for the rules).

    `threshold`: the % similarity (rapidfuzz `fuzz.ratio`, 0–100, of the case-folded,
    rule 2 normalised words) from which two different words are variants rather than a
    substitution. Raises ValueError when it is not in (0, 100]. Two 5,000-word texts take
    about 20–30 ms (`benchmarks/compare.py`).
    """
    if not 0 < threshold <= 100:
        raise ValueError(f"threshold must be in (0, 100], not {threshold}")
    wa, wb = _words(a), _words(b)
    items: list[_Item] = []
    pending: list[int] | None = None  # a difference block being gathered: [i0, i1, j0, j1]
    for op in Levenshtein.opcodes(wa.words, wb.words):
        if op.tag != "equal":
            if pending is None:
                pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
            else:
                pending[1], pending[3] = op.src_end, op.dest_end
            continue
        if pending is not None:
            items.extend(
                _block(wa, wb, (pending[0], pending[1], pending[2], pending[3]), threshold)
            )
            pending = None
        items.append((Kind.SAME, op.src_start, op.src_end, op.dest_start, op.dest_end, 100.0))
    if pending is not None:
        items.extend(_block(wa, wb, (pending[0], pending[1], pending[2], pending[3]), threshold))
    return _rows(a, b, wa, wb, _merged(items))


def _block(wa: _Words, wb: _Words, span: _Span, threshold: float) -> list[_Item]:
    """The rows of one difference block `a[i0:i1]` × `b[j0:j1]` (word indices)."""
    i0, i1, j0, j1 = span
    n, m = i1 - i0, j1 - j0
    if n * m <= MAX_CELLS:
        return _pieces(wa, wb, span, threshold)
    count = math.ceil(max(n, m) / PIECE)
    out: list[_Item] = []
    for k in range(count):
        a_lo, a_hi = i0 + n * k // count, i0 + n * (k + 1) // count
        b_lo, b_hi = j0 + m * k // count, j0 + m * (k + 1) // count
        out.extend(_pieces(wa, wb, (a_lo, a_hi, b_lo, b_hi), threshold))
    return out


def _pieces(wa: _Words, wb: _Words, span: _Span, threshold: float) -> list[_Item]:
    """Rows of `a[i0:i1]` × `b[j0:j1]` paired as a whole: the heaviest chain of equal or
    variant pairs, the words between them as substitutions, insertions, deletions."""
    i0, i1, j0, j1 = span
    chain = _chain(wa, wb, span, threshold)
    out: list[_Item] = []
    i, j = i0, j0
    for pi, pj, score in chain:
        if pi > i or pj > j:
            out.append(_gap(i, pi, j, pj))
        kind = Kind.SAME if wa.words[pi] == wb.words[pj] else Kind.VARIANT
        out.append((kind, pi, pi + 1, pj, pj + 1, 100.0 if kind is Kind.SAME else score))
        i, j = pi + 1, pj + 1
    if i < i1 or j < j1:
        out.append(_gap(i, i1, j, j1))
    return out


_PLAIN = (Kind.SUBSTITUTION, Kind.INSERTION, Kind.DELETION)


def _gap(i0: int, i1: int, j0: int, j1: int) -> _Item:
    """Words on no pair: a substitution, or an insertion or deletion."""
    if i1 == i0:
        return (Kind.INSERTION, i0, i0, j0, j1, 0.0)
    if j1 == j0:
        return (Kind.DELETION, i0, i1, j0, j0, 0.0)
    return (Kind.SUBSTITUTION, i0, i1, j0, j1, _UNMEASURED)


def _similarity(wa: _Words, wb: _Words, i0: int, i1: int, j0: int, j1: int) -> float:
    """rapidfuzz `fuzz.ratio` of two stretches (case-folded words joined by spaces; the
    first `SIMILARITY_CHARS` characters of each, so a long one costs little)."""
    left = " ".join(wa.folded[i0:i1])[:SIMILARITY_CHARS]
    right = " ".join(wb.folded[j0:j1])[:SIMILARITY_CHARS]
    return float(fuzz.ratio(left, right))


def _chain(wa: _Words, wb: _Words, span: _Span, threshold: float) -> list[tuple[int, int, float]]:
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
    wa: _Words, wb: _Words, span: _Span, threshold: float
) -> list[tuple[int, int, float, float]]:
    """Pairs of `a[i0:i1]` × `b[j0:j1]` at least `threshold` similar, as (i, j, weight,
    similarity): each word of the shorter side against the other side's words (rapidfuzz
    `process.extract`), keeping `PAIRS_PER_WORD` per word."""
    i0, i1, j0, j1 = span
    if i1 - i0 == 1 and j1 - j0 == 1:  # the commonest block: one word for one
        score = fuzz.ratio(wa.folded[i0], wb.folded[j0], score_cutoff=threshold)
        return [(i0, j0, _weight(wa, wb, i0, j0, score), score)] if score else []
    flipped = j1 - j0 < i1 - i0
    mine, theirs = (wb, wa) if flipped else (wa, wb)
    m0, m1, t0, t1 = (j0, j1, i0, i1) if flipped else (i0, i1, j0, j1)
    choices = theirs.folded[t0:t1]
    slope = (t1 - t0) / (m1 - m0)
    out = []
    for m in range(m0, m1):
        found = process.extract(
            mine.folded[m], choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        )
        if len(found) > PAIRS_PER_WORD:  # the best, then those nearest the diagonal
            diagonal = (m - m0) * slope
            found.sort(key=lambda hit: (-hit[1], abs(hit[2] - diagonal)))
            del found[PAIRS_PER_WORD:]
        for _, score, k in found:
            i, j = (t0 + k, m) if flipped else (m, t0 + k)
            out.append((i, j, _weight(wa, wb, i, j, score), score))
    return out


def _weight(wa: _Words, wb: _Words, i: int, j: int, score: float) -> float:
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


def _merged(items: list[_Item]) -> list[_Item]:
    """Consecutive SAME items as one run; consecutive substitution/insertion/deletion
    items (where pieces of a long block meet) as one difference."""
    out: list[_Item] = []
    joined: set[int] = set()  # indices in `out` of differences made of several items
    for item in items:
        if out:
            last = out[-1]
            if last[0] is Kind.SAME and item[0] is Kind.SAME:
                out[-1] = (Kind.SAME, last[1], item[2], last[3], item[4], 100.0)
                continue
            if last[0] in _PLAIN and item[0] in _PLAIN:
                out[-1] = (Kind.SUBSTITUTION, last[1], item[2], last[3], item[4], 0.0)
                joined.add(len(out) - 1)
                continue
        out.append(item)
    for index in joined:
        _, i0, i1, j0, j1, _ = out[index]
        out[index] = _gap(i0, i1, j0, j1)
    return out


def _rows(a: str, b: str, wa: _Words, wb: _Words, items: list[_Item]) -> Alignment:
    rows = []
    sizes = []
    for kind, i0, i1, j0, j1, similarity in items:
        if similarity == _UNMEASURED:
            similarity = _similarity(wa, wb, i0, i1, j0, j1)
        a_start, a_end = (wa.starts[i0], wa.ends[i1 - 1]) if i1 > i0 else (wa.place(i0),) * 2
        b_start, b_end = (wb.starts[j0], wb.ends[j1 - 1]) if j1 > j0 else (wb.place(j0),) * 2
        rows.append(Row(kind, a_start, a_end, b_start, b_end, float(similarity)))
        sizes.append((i1 - i0, j1 - j0))
    return Alignment(a, b, tuple(rows), tuple(sizes))
