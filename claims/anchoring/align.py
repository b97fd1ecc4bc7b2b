"""Word-level alignment of a quote with the source text it was found in.

A fuzzy match (rapidfuzz's character-level partial ratio) says roughly where a drifted
quote is. `align_words` then pairs the quote's words with the source's, so that

- the span is exactly the source's words that correspond to the quote: never a word more
  ("While Russian experts…" for a quote starting "Russian experts"), never a word less;
- what differs is known word by word (`will` → `would`, a word missing, a word added),
  which is what lets a checker tell a typo from a changed meaning.

Words are tokens of normalised text (rule 2): runs of letters and digits (`\\w+`), and each
punctuation character on its own. The alignment is a Levenshtein alignment of the two token
lists (rapidfuzz `Levenshtein.opcodes` on lists, each token compared whole).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein, Opcode

TOKEN = re.compile(r"\w+|[^\w\s]")  # the shape of a token; see `_token_pattern`
SOLID = 2  # tokens: a run of matching words this long fixes where the quote stands
EDGE_SLACK = 4  # tokens a quote's edge may have more or fewer than the source's
VARIANT = 75.0  # % similar (rapidfuzz ratio) for two words to count as one word's variants


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark of a text: `text`, at `[start, end)` (0-based characters)."""

    text: str
    start: int
    end: int


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of `text[start:end]`, with offsets into `text`."""
    stop = len(text) if end is None else end
    pattern = _token_pattern()
    return [Token(m.group(), m.start(), m.end()) for m in pattern.finditer(text, start, stop)]


@lru_cache(maxsize=1)
def combining_marks() -> str:
    """Every combining mark (general category M) of the Basic Multilingual Plane, as the
    body of a regex character class (`a-b` ranges, escaped). Built on first use (~15 ms)."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"]
    ranges: list[list[int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    r"""`TOKEN`, with combining marks (`combining_marks`) counted as word characters:
    Python's `\w` leaves out vowel signs such as Devanagari ा, which would cut Hindi or
    Tamil words in two."""
    body = combining_marks()
    return re.compile(f"(?:\\w|[{body}])+|[^\\w\\s{body}]")


@dataclass(frozen=True, slots=True)
class Change:
    """One place where quote and source differ: words of the quote against the source's.

    `quote` is empty where the source has words the quote lacks; `source` is empty where
    the quote has words the source lacks. Offsets are into the normalised quote and the
    normalised source text (0-based characters, end exclusive; an empty side has start ==
    end at the place where its words would stand).
    """

    quote_start: int
    quote_end: int
    source_start: int
    source_end: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """The source span `[start, end)` a quote corresponds to, and the changes inside it."""

    start: int
    end: int
    changes: tuple[Change, ...]
    equal: int  # tokens the two share


def align_words(
    quote: str, source: str, start: int, end: int, slack: int = 4, *, whole: bool = False
) -> Alignment | None:
    """Align the normalised `quote` with the words of `source` around `[start, end)`.

    `[start, end)` is a rough span (from a character-level match); the alignment looks at
    the whole words it touches and `slack` more words on each side (with `whole`, at the
    words of `[start, end)` alone), then trims source words at either edge that the quote
    does not have. Returns None when no word of the quote lines up with one of the source.
    """
    q = tokens(quote)
    window = tokens(source, start, end) if whole else _window(source, start, end, slack)
    if not q or not window:
        return None
    quote_words = [t.text for t in q]
    window_words = _as_variants(quote_words, window)
    ops = Levenshtein.opcodes(quote_words, window_words)
    equal_ops = [op for op in ops if op.tag == "equal"]
    if not equal_ops:
        return None
    solid = [op for op in equal_ops if op.src_end - op.src_start >= SOLID] or equal_ops
    low = _left_edge(quote_words, window_words, solid[0])
    high = _right_edge(quote_words, window_words, solid[-1])
    window = window[low:high]
    kept = list(Levenshtein.opcodes(quote_words, window_words[low:high]))
    while kept and kept[0].tag == "insert":
        kept.pop(0)
    while kept and kept[-1].tag == "insert":
        kept.pop()
    # Quote words missing at the edges do not move the span's ends.
    inner = [op for op in kept if op.dest_end > op.dest_start]
    if not inner:
        return None
    first, last = inner[0].dest_start, inner[-1].dest_end - 1
    changes = []
    equal = 0
    for op in kept:
        if op.tag != "equal":
            changes.append(_change(op, q, window, quote))
            continue
        for i, j in zip(
            range(op.src_start, op.src_end), range(op.dest_start, op.dest_end), strict=True
        ):
            if q[i].text == window[j].text:
                equal += 1
            else:  # a variant spelling, aligned as the same word: still a change
                changes.append(Change(q[i].start, q[i].end, window[j].start, window[j].end))
    return Alignment(window[first].start, window[last].end, tuple(changes), equal)


def _left_edge(quote: list[str], window: list[str], solid: Opcode) -> int:
    """Where the span starts (a window index): the quote's words before its first solid
    match aligned with the *end* of the window's words before it, leading window words
    free (semi-global alignment: an edit-distance alignment charges them, and then may
    pair a quote's first word with a like word far before the quote). Among equally good
    starts, the one giving the source as many words as the quote has there wins (a
    changed first word is part of the span, shown as a change), then the shortest."""
    before, at = solid.src_start, solid.dest_start
    # (cost, words off the quote's count, words taken, start)
    choices = [(before, before, 0, at)]
    for k in range(max(0, at - before - EDGE_SLACK), min(at, at - before + EDGE_SLACK + 1)):
        cost = Levenshtein.distance(quote[:before], window[k:at])
        choices.append((cost, abs(at - k - before), at - k, k))
    return min(choices)[3]


def _right_edge(quote: list[str], window: list[str], solid: Opcode) -> int:
    """Where the span ends (a window index, exclusive): as `_left_edge`, at the end."""
    after, at = len(quote) - solid.src_end, solid.dest_end
    choices = [(after, after, 0, at)]
    for k in range(
        max(at + 1, at + after - EDGE_SLACK), min(len(window), at + after + EDGE_SLACK) + 1
    ):
        cost = Levenshtein.distance(quote[solid.src_end :], window[at:k])
        choices.append((cost, abs(k - at - after), k - at, k))
    return min(choices)[3]


def _as_variants(quote_words: list[str], window: list[Token]) -> list[str]:
    """The window's words, each near-identical variant of a quote word (a typo, another
    spelling: at least `VARIANT` % similar, both of 3 or more characters) replaced by that
    quote word, so that the alignment pairs it with the word it stands for rather than with
    whatever else is near."""
    known = set(quote_words)
    choices = [w for w in known if len(w) >= 3]
    out = []
    for token in window:
        word = token.text
        if word in known or len(word) < 3 or not choices:
            out.append(word)
            continue
        best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=VARIANT)
        out.append(best[0] if best is not None else word)
    return out


def _window(source: str, start: int, end: int, slack: int) -> list[Token]:
    """Tokens of `source` touching `[start, end)`, plus `slack` whole tokens on each side.

    Stops at a paragraph separator (NUL), which no quote crosses.
    """
    low = source.rfind("\x00", 0, start) + 1
    high = source.find("\x00", end)
    high = len(source) if high < 0 else high
    left = low
    for count, match in enumerate(_reverse_tokens(source, low, start), 1):
        left = match
        if count > slack:
            break
    right_tokens = tokens(source, end, min(high, end + 200))[:slack]
    right = right_tokens[-1].end if right_tokens else end
    return tokens(source, left, max(right, end))


def _reverse_tokens(source: str, low: int, start: int) -> list[int]:
    """Start offsets of the tokens before `start` (nearest first), looking back a little."""
    reach = max(low, start - 200)
    found = [t.start for t in tokens(source, reach, start)]
    if reach > low and found:
        found = found[1:]  # the first may be cut by `reach`
    # A token that `start` cuts belongs to the span: step back to its beginning.
    return list(reversed(found))


def _change(op: Opcode, q: list[Token], window: list[Token], quote: str) -> Change:
    """The offsets of one non-equal opcode, as a `Change`."""
    src_start, src_end = op.src_start, op.src_end
    dest_start, dest_end = op.dest_start, op.dest_end
    if src_end > src_start:
        q_start, q_end = q[src_start].start, q[src_end - 1].end
    else:  # words only in the source: an empty place in the quote
        q_start = q_end = q[src_start].start if src_start < len(q) else len(quote)
    if dest_end > dest_start:
        s_start, s_end = window[dest_start].start, window[dest_end - 1].end
    else:
        s_start = s_end = window[dest_start].start if dest_start < len(window) else window[-1].end
    return Change(q_start, q_end, s_start, s_end)
