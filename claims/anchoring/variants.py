"""Two renderings of one statement aligned word by word: what they share, what differs.

`align_variants(a, b)` lines up the words of two texts (two translations of one speech,
one quote as two outlets print it, two spellings of a name) and says, row by row, what
each stretch is: the same words, a variant of one word (a spelling, a case change), a
substitution (other words), an insertion (words only `b` has) or a deletion (words only
`a` has).

How (the rules, in order):

1. **Words.** Both texts are normalised by anchoring rule 2 (`claims.anchoring.normalize`:
   NFKC, invisible characters dropped, every quotation mark to `"` or `'`, every dash to
   `-`, white space runs to one space) and cut into words (`variant_pairs.word_pattern`:
   rule 2's tokens, runs of letters and digits and each punctuation mark on its own,
   except that a number keeps its inner `.`/`,` (20,000; 3.5), a word its inner
   apostrophe (Israel's), and each Han or kana character is a word of its own; a hyphen
   stands alone). Each word keeps the span of the *original* text it stands for, so a
   curly `”` and a straight `"` are the same word, and offsets point into the text as
   given.
2. **Outer alignment.** rapidfuzz's `Indel.opcodes` on the two token lists (each token
   compared whole; insertions and deletions only: the longest common subsequence,
   https://rapidfuzz.github.io/RapidFuzz/Usage/distance/Indel.html) gives runs of equal
   words and the blocks between them. Not `Levenshtein.opcodes`: a substitution costing
   1 pairs words that only stand at the same place ("." for "27"). A run the subsequence
   could take from either of two places is slid across a one-sided gap to join the next
   run (`_anchors`).
3. **Inner pairing.** Inside each block (the deletions and insertions between two runs),
   a pair of words is *equal* when their normalised forms are, and *variants* when
   rapidfuzz `fuzz.ratio` of their case-folded normalised forms is at least `threshold`
   (85 by default, the issue's rule; a case-only difference scores 100) and `may_vary`
   allows it: never when their digits differ (1500000 / 1600000), nor when one is the
   other plus a prefix or suffix of two or more letters (un+lawful, re+signed,
   lawful+ly) or a negating "a" before a consonant (a+typical); digits compare by value
   (٢٠٢٤ / 2024: 100). The pairs kept are an ordered chain with the most pairs (equal ones
   weigh a little more, then higher similarity): a heaviest increasing subsequence over
   the candidate pairs. The words between two kept pairs form one row: SUBSTITUTION when
   both sides have words there ("In other words" → "That is" is *one* row, phrase for
   phrase), INSERTION or DELETION when only one has; punctuation only against words only
   is a DELETION and an INSERTION; at the start or end of both texts, the longer side's
   words beyond the nearest sentence break are inserted or deleted (`_gaps`, `_block`).
4. **Caps.** A block of more than `MAX_CELLS` word pairs is cut into pieces along its
   diagonal (at most `PIECE` words of the longer side each) and each piece is paired on
   its own, so the cost stays linear in the texts' length: a variant far off the diagonal
   of a very long block is then shown as a substitution. A word keeps at most
   `variant_pairs.PAIRS_PER_WORD` candidate partners in a piece (the most similar, then
   those nearest the diagonal), so a piece of words all alike does not make 64 × 64
   candidates.

5. **Punctuation anchors nothing alone.** A SAME run of punctuation only (",", ".")
   with differences on both sides joins them, unless both are one word for one word:
   the stretch is cut again as one gap (`_unanchored`, `_gaps`), so a shared comma does
   not pair two unrelated clauses.

Consecutive SAME rows are one run (the text between its words included); where pieces
of a long block meet, their unpaired words are one difference row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from claims.anchoring.normalize import normalize
from claims.anchoring.variant_pairs import (
    Span,
    Words,
    chain,
    may_vary,
    word_pattern,
    words_of,
)

__all__ = ["THRESHOLD", "Alignment", "Kind", "Row", "align_variants", "may_vary"]

THRESHOLD = 85.0  # % similar (rapidfuzz ratio, case-folded) for two words to be variants
MAX_CELLS = 4096  # word pairs a block is paired as a whole up to (64 × 64)
PIECE = 64  # words of the longer side in each piece of a bigger block
SIMILARITY_CHARS = 2000  # characters of each side a substitution's similarity looks at
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

    `sizes[i]` is how many words (rule 1's: punctuation marks count) row `i` holds in
    `a` and in `b`; empty when the alignment was built by hand (then `counts` tokenises).
    """

    a: str
    b: str
    rows: tuple[Row, ...]
    sizes: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)

    def counts(self) -> dict[Kind, int]:
        """Words per kind, every kind present (0 when none): a SAME or VARIANT row counts
        its words once, a SUBSTITUTION the larger side's (3 words replaced by 2 count 3),
        an INSERTION b's, a DELETION a's. Words are rule 1's (a comma is one, 20,000 one)."""
        out = dict.fromkeys(Kind, 0)
        sizes = self.sizes or tuple(_size(self, row) for row in self.rows)
        for row, (in_a, in_b) in zip(self.rows, sizes, strict=True):
            out[row.kind] += max(in_a, in_b)
        return out


def _size(alignment: Alignment, row: Row) -> tuple[int, int]:
    a = alignment.a[row.a_start : row.a_end]
    b = alignment.b[row.b_start : row.b_end]
    pattern = word_pattern()
    return len(pattern.findall(normalize(a).text)), len(pattern.findall(normalize(b).text))


# A row as word indices: (kind, a from, a to, b from, b to, similarity).
_Item = tuple[Kind, int, int, int, int, float]


def align_variants(a: str, b: str, *, threshold: float = THRESHOLD) -> Alignment:
    """`a` and `b` aligned word by word (see the module's description for the rules).

    `threshold`: the % similarity (rapidfuzz `fuzz.ratio`, 0–100, of the case-folded,
    rule 2 normalised words) from which two different words are variants rather than a
    substitution. Raises ValueError when it is not in (0, 100]. Two 5,000-word texts take
    about 20–30 ms (`benchmarks/compare.py`).
    """
    if not 0 < threshold <= 100:
        raise ValueError(f"threshold must be in (0, 100], not {threshold}")
    wa, wb = words_of(a), words_of(b)
    items: list[_Item] = []
    pending: list[int] | None = None  # a difference block being gathered: [i0, i1, j0, j1]
    for equal, i0, i1, j0, j1 in _anchors(wa.words, wb.words):
        if not equal:
            if pending is None:
                pending = [i0, i1, j0, j1]
            else:
                pending[1], pending[3] = i1, j1
            continue
        if pending is not None:
            items.extend(
                _block(wa, wb, (pending[0], pending[1], pending[2], pending[3]), threshold)
            )
            pending = None
        items.append((Kind.SAME, i0, i1, j0, j1, 100.0))
    if pending is not None:
        items.extend(_block(wa, wb, (pending[0], pending[1], pending[2], pending[3]), threshold))
    return _rows(a, b, wa, wb, _unanchored(wa, wb, _merged(items)))


# An outer opcode: (equal?, a from, a to, b from, b to), word indices.
_Op = tuple[bool, int, int, int, int]


def _anchors(a: list[str], b: list[str]) -> list[_Op]:
    """rapidfuzz `Indel.opcodes` (insertions and deletions only: the longest common
    subsequence of words) with runs of equal words slid together where the subsequence
    could equally take either: a run, an insertion (or deletion) and a run become one
    longer run when the first run's words also end the inserted ones (or the second's
    begin them). "In other words, 1937" against "Today, … That is, 1937" then shares
    ", 1937", not the comma after "Today"."""
    out: list[_Op] = []
    for op in Indel.opcodes(a, b):
        out.append((op.tag == "equal", op.src_start, op.src_end, op.dest_start, op.dest_end))
        if len(out) >= 3 and out[-1][0] and out[-3][0] and not out[-2][0]:
            joined = _slide(a, b, out[-3], out[-2], out[-1])
            if joined is not None:
                out[-3:] = joined
    return out


def _slide(a: list[str], b: list[str], first: _Op, gap: _Op, second: _Op) -> list[_Op] | None:
    """`first`, a one-sided `gap`, `second` as a gap and one run, or None if neither run
    can move across the gap: the shorter run is tried first."""
    _, i0, i1, j0, _ = first
    _, gi0, gi1, gj0, gj1 = gap
    _, k0, k1, _, l1 = second
    inserted = gi0 == gi1
    if not inserted and gj0 != gj1:
        return None
    side = b if inserted else a
    shared = a[i0:i1]
    forward = (i1 - i0) <= (k1 - k0)
    for move_first in (forward, not forward):
        if move_first:  # the first run's words end the gap: move it to join the second
            k = i1 - i0
            stop = gj1 if inserted else gi1
            if side[stop - k : stop] != shared:
                continue
            if inserted:
                return [(False, i0, i0, j0, gj1 - k), (True, i0, k1, gj1 - k, l1)]
            return [(False, i0, gi1 - k, j0, j0), (True, gi1 - k, k1, j0, l1)]
        k = k1 - k0
        begin = gj0 if inserted else gi0
        if side[begin : begin + k] != a[k0:k1]:
            continue
        if inserted:
            return [(True, i0, k1, j0, gj0 + k), (False, k1, k1, gj0 + k, l1)]
        return [(True, i0, gi0 + k, j0, l1), (False, gi0 + k, k1, l1, l1)]
    return None


def _block(wa: Words, wb: Words, span: Span, threshold: float) -> list[_Item]:
    """The rows of one difference block `a[i0:i1]` × `b[j0:j1]` (word indices)."""
    i0, i1, j0, j1 = span
    n, m = i1 - i0, j1 - j0
    start = i0 == 0 and j0 == 0
    short, window = min(n, m), max(2 * min(n, m), min(n, m) + 3)
    if short and max(n, m) > window and start != (i1 == len(wa.words) and j1 == len(wb.words)):
        # At one edge of both texts (a quote starting or ending mid-speech): the longer
        # side's words out of the shorter's reach (beyond the sentence break nearest the
        # anchor, else beyond `window` words) are an insertion or deletion, unpaired.
        words, lo, hi = (wb.words, j0, j1) if m > n else (wa.words, i0, i1)
        cut = _edge_cut(words, lo, hi, short, start)
        if cut is None:
            cut = hi - window if start else lo + window
        if m > n:
            far, near = ((i0, i0, j0, cut), (i0, i1, cut, j1))
            if not start:
                far, near = (i1, i1, cut, j1), (i0, i1, j0, cut)
        else:
            far, near = ((i0, cut, j0, j0), (cut, i1, j0, j1))
            if not start:
                far, near = (cut, i1, j1, j1), (i0, cut, j0, j1)
        rows = _block(wa, wb, near, threshold)
        return [_gap(*far), *rows] if start else [*rows, _gap(*far)]
    if n * m <= MAX_CELLS:
        return _pieces(wa, wb, span, threshold)
    count = math.ceil(max(n, m) / PIECE)
    out: list[_Item] = []
    for k in range(count):
        a_lo, a_hi = i0 + n * k // count, i0 + n * (k + 1) // count
        b_lo, b_hi = j0 + m * k // count, j0 + m * (k + 1) // count
        piece = _pieces(wa, wb, (a_lo, a_hi, b_lo, b_hi), threshold)
        if out and piece and out[-1][0] in _PLAIN and piece[0][0] in _PLAIN:
            # where two pieces meet, their unpaired words are one difference
            _, p0, _, q0, _, _ = out.pop()
            _, _, p1, _, q1, _ = piece[0]
            piece[0] = _gap(p0, p1, q0, q1)
        out.extend(piece)
    return out


def _pieces(wa: Words, wb: Words, span: Span, threshold: float) -> list[_Item]:
    """Rows of `a[i0:i1]` × `b[j0:j1]` paired as a whole: the heaviest chain of equal or
    variant pairs, the words between them as substitutions, insertions, deletions."""
    i0, i1, j0, j1 = span
    out: list[_Item] = []
    i, j = i0, j0
    for pi, pj, score in chain(wa, wb, span, threshold):
        if pi > i or pj > j:
            out.extend(_gaps(wa, wb, i, pi, j, pj))
        kind = Kind.SAME if wa.words[pi] == wb.words[pj] else Kind.VARIANT
        out.append((kind, pi, pi + 1, pj, pj + 1, 100.0 if kind is Kind.SAME else score))
        i, j = pi + 1, pj + 1
    if i < i1 or j < j1:
        out.extend(_gaps(wa, wb, i, i1, j, j1))
    return out


_PLAIN = (Kind.SUBSTITUTION, Kind.INSERTION, Kind.DELETION)


def _gap(i0: int, i1: int, j0: int, j1: int) -> _Item:
    """Words on no pair: a substitution, or an insertion or deletion."""
    if i1 == i0:
        return (Kind.INSERTION, i0, i0, j0, j1, 0.0)
    if j1 == j0:
        return (Kind.DELETION, i0, i1, j0, j0, 0.0)
    return (Kind.SUBSTITUTION, i0, i1, j0, j1, _UNMEASURED)


_BREAKS = frozenset(".!?;:")  # tokens that end a sentence or clause (rule 2: "…" is "...")


def _is_mark(word: str) -> bool:
    """A punctuation token (rule 2 cuts each mark into a token of its own)."""
    return not any(c.isalnum() or c == "_" for c in word)


def _gaps(wa: Words, wb: Words, i0: int, i1: int, j0: int, j1: int) -> list[_Item]:
    """Words between two kept pairs (or shared runs), as rows. Between two anchors they are
    one substitution (phrase for phrase). Two refinements:

    - At the start of both texts (or the end of both), where one side has more words and
      a sentence break (`. ! ? ; :`) lies within max(2n, n + 3) words of the anchor (n:
      the shorter side's words), only the stretch from that break to the anchor stands
      for the shorter side; the rest is an insertion or deletion.
    - Punctuation only against words only is a deletion and an insertion, not a
      substitution ("27 June. Then" / "June 27 Then": "." is deleted, "27" inserted)."""
    n, m = i1 - i0, j1 - j0
    start = i0 == 0 and j0 == 0
    if n == 0 or m == 0 or n == m or start == (i1 == len(wa.words) and j1 == len(wb.words)):
        return _split(wa, wb, i0, i1, j0, j1)  # a middle gap, or the whole of both texts
    words, lo, hi = (wb.words, j0, j1) if m > n else (wa.words, i0, i1)
    cut = _edge_cut(words, lo, hi, min(n, m), start)
    if cut is None:
        return _split(wa, wb, i0, i1, j0, j1)
    if m > n:
        if start:
            return [_gap(i0, i0, j0, cut), *_split(wa, wb, i0, i1, cut, j1)]
        return [*_split(wa, wb, i0, i1, j0, cut), _gap(i1, i1, cut, j1)]
    if start:
        return [_gap(i0, cut, j0, j0), *_split(wa, wb, cut, i1, j0, j1)]
    return [*_split(wa, wb, i0, cut, j0, j1), _gap(cut, i1, j1, j1)]


def _edge_cut(words: list[str], lo: int, hi: int, short: int, start: bool) -> int | None:
    """Where the stretch of `words[lo:hi]` that stands for the other side's `short` words
    begins (at the start of the texts: after the last sentence break) or ends (at their
    end: at the first), looking within max(2 × short, short + 3) words of the anchor;
    None when no break lies there."""
    window = max(2 * short, short + 3)
    if start:
        for k in range(hi - 2, max(lo, hi - window - 1) - 1, -1):
            if words[k] in _BREAKS:
                return k + 1
        return None
    for k in range(lo + 1, min(hi, lo + window + 1)):
        if words[k] in _BREAKS:
            return k
    return None


def _split(wa: Words, wb: Words, i0: int, i1: int, j0: int, j1: int) -> list[_Item]:
    """`_gap`, except punctuation only against words only: a deletion, then an insertion."""
    if i1 > i0 and j1 > j0:
        marks_a = [_is_mark(w) for w in wa.words[i0:i1]]
        marks_b = [_is_mark(w) for w in wb.words[j0:j1]]
        if (all(marks_a) and not any(marks_b)) or (all(marks_b) and not any(marks_a)):
            return [_gap(i0, i1, j0, j0), _gap(i1, i1, j0, j1)]
    return [_gap(i0, i1, j0, j1)]


def _similarity(wa: Words, wb: Words, i0: int, i1: int, j0: int, j1: int) -> float:
    """rapidfuzz `fuzz.ratio` of two stretches (case-folded words joined by spaces; the
    first `SIMILARITY_CHARS` characters of each, so a long one costs little)."""
    left = " ".join(wa.folded[i0:i1])[:SIMILARITY_CHARS]
    right = " ".join(wb.folded[j0:j1])[:SIMILARITY_CHARS]
    return float(fuzz.ratio(left, right))


def _merged(items: list[_Item]) -> list[_Item]:
    """Consecutive SAME items as one run (the differences are kept as `_block` made them:
    a deletion next to an insertion stays two rows)."""
    out: list[_Item] = []
    for item in items:
        if out and out[-1][0] is Kind.SAME and item[0] is Kind.SAME:
            last = out[-1]
            out[-1] = (Kind.SAME, last[1], item[2], last[3], item[4], 100.0)
            continue
        out.append(item)
    return out


def _unanchored(wa: Words, wb: Words, items: list[_Item]) -> list[_Item]:
    """Shared runs of punctuation only (",", ".", "-") between two differences made part of
    the difference around them: each maximal stretch of differences and such runs is
    re-cut as one gap (`_gaps`), so two unrelated clauses either side of a shared comma
    are one substitution, not two. A run stays shared next to shared words or a variant,
    and between two one-word-for-one-word substitutions ("red, green" / "blue, white":
    a list of swapped words keeps its commas)."""
    loose = [
        0 < k < len(items) - 1
        and item[0] is Kind.SAME
        and items[k - 1][0] in _PLAIN
        and items[k + 1][0] in _PLAIN
        and not (_one_for_one(items[k - 1]) and _one_for_one(items[k + 1]))
        and all(_is_mark(w) for w in wa.words[item[1] : item[2]])
        for k, item in enumerate(items)
    ]
    if not any(loose):
        return items
    out: list[_Item] = []
    k = 0
    while k < len(items):
        stop = k
        while stop < len(items) and (items[stop][0] in _PLAIN or loose[stop]):
            stop += 1
        if not any(loose[k:stop]):
            out.append(items[k])
            k += 1
            continue
        first, last = items[k], items[stop - 1]
        out.extend(_gaps(wa, wb, first[1], last[2], first[3], last[4]))
        k = stop
    return out


def _one_for_one(item: _Item) -> bool:
    """A substitution of one word by one word."""
    return item[0] is Kind.SUBSTITUTION and item[2] - item[1] == 1 and item[4] - item[3] == 1


def _rows(a: str, b: str, wa: Words, wb: Words, items: list[_Item]) -> Alignment:
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
