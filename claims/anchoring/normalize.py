"""Rule 2 of quote anchoring: text normalised for matching, with a map back to the original.

`normalize(text)` gives a `NormalText`: the normalised string and, for every character of
it, the span of `text` it stands for, so a match found in normalised text maps back to
exactly the source's own characters (soft hyphens, combining marks and all).

What normalising does (the casebook format page, "Evidence anchoring", rule 2):

1. **Unicode NFKC over whole combining sequences** (UAX #15): a base character and the
   combining marks after it are normalised together, so decomposed `и` + U+0306 equals
   precomposed `й`, and Vietnamese letters typed with combining marks equal the composed
   ones. Compatibility forms fold too (`ﬁ` → `fi`, full-width `Ａ` → `A`, `…` → `...`),
   except superscripts, subscripts and fractions (`12¹` is not `121`).
2. **Invisible characters dropped**: every character of general category Cf (soft hyphen,
   zero-width space and joiners, word joiner, bidi marks, embeddings, overrides and
   isolates, BOM) and every other Default_Ignorable_Code_Point (Unicode
   DerivedCoreProperties.txt: combining grapheme joiner, variation selectors, Hangul
   fillers, tag characters). A reader never sees them and nobody types them in a quote.
3. **Folding by class**: every quotation mark and apostrophe (general categories Pi and
   Pf, every other character named QUOTATION MARK such as `„`, the CJK corner brackets,
   primes, the modifier-letter apostrophe U+02BC used in Ukrainian and the other
   apostrophe-like letters users meet) to `"` or `'`; every dash and hyphen (category Pd,
   U+2212 MINUS SIGN, U+2043 HYPHEN BULLET) to `-`; the fraction and division slashes to `/`.
4. **White space**: every run of white space (what `str.isspace` accepts: the Zs spaces,
   no-break, narrow no-break and thin spaces included, and line breaks) becomes one space;
   white space at either end goes. Invisible characters inside a run do not break it.

Case is kept: a quote that changes capitals is drift, not the same words.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from functools import lru_cache

#: Characters of combining class 0 that canonical composition still joins to the character
#: before them (NFC_Quick_Check=Maybe with ccc=0: Indic two-part vowel signs, Hangul medial
#: vowels and final consonants), so a combining sequence does not end before them. Derived
#: from UnicodeData.txt; `tests/test_normalize.py` checks it against Python's database.
COMPOSES_WITH_PREVIOUS = frozenset(
    [
        0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6,
        0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E,
        0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930,
        *range(0x1161, 0x1176),  # Hangul medial vowels (composed algorithmically)
        *range(0x11A8, 0x11C3),  # Hangul final consonants
    ]
)  # fmt: skip

#: Default_Ignorable_Code_Point ranges whose characters are not of category Cf
#: (DerivedCoreProperties.txt, Unicode 15.1).
IGNORABLE_RANGES = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x2065, 0x2065), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF),
)  # fmt: skip

#: Apostrophe-like characters outside Pi/Pf (letters and accents used as apostrophes).
APOSTROPHES = frozenset("\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u055a\u2032\u2035\ua78b\ua78c")
#: Quotation marks outside Pi/Pf: double primes, CJK corner brackets and the like.
DOUBLE_QUOTES = frozenset("\u2033\u2036\u300c\u300d\u300e\u300f\u301d\u301e\u301f\uff02")
DASHES = frozenset("\u2212\u2043\ufe63\uff0d")
SLASHES = frozenset("\u2044\u2215")  # fraction and division slash, as in 1⁄2


def is_ignorable(char: str) -> bool:
    """True for a character nobody sees: category Cf or a Default_Ignorable_Code_Point."""
    if unicodedata.category(char) == "Cf":
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in IGNORABLE_RANGES)


def _is_quotation_mark(char: str) -> bool:
    """`„` `‚` (Ps) and the ornamental `❝ ❞` (So) are not Pi/Pf: recognised by name."""
    return "QUOTATION MARK" in unicodedata.name(char, "")


def _fold(char: str) -> str:
    """One character folded by class: quotes, apostrophes, dashes, spaces, invisibles."""
    if char.isascii():
        return char
    if char in APOSTROPHES:
        return "'"
    if char in DOUBLE_QUOTES:
        return '"'
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category in ("Pi", "Pf") or (category[0] in "PS" and _is_quotation_mark(char)):
        name = unicodedata.name(char, "")
        return "'" if "SINGLE" in name or "APOSTROPHE" in name else '"'
    if category == "Pd" or char in DASHES:
        return "-"
    if char in SLASHES:
        return "/"
    if char.isspace():
        return " "
    return "" if is_ignorable(char) else char


@lru_cache(maxsize=65536)
def fold_sequence(sequence: str) -> str:
    """One combining sequence normalised: invisibles dropped, NFKC, folded by class.

    Characters folded before NFKC too, so that `´` (which NFKC makes a space and a
    combining accent) is an apostrophe. White space in the result is single spaces.
    """
    visible = "".join(_fold(c) if c in APOSTROPHES or c in DOUBLE_QUOTES else c for c in sequence)
    visible = "".join(c for c in visible if not is_ignorable(c))
    kept = any(_keeps_its_form(c) for c in visible)
    composed = (
        unicodedata.normalize("NFC", visible) if kept else unicodedata.normalize("NFKC", visible)
    )
    return "".join(_fold(c) for c in composed)


def _keeps_its_form(char: str) -> bool:
    """Superscripts, subscripts and vulgar fractions are not folded to plain digits: NFKC
    would make the footnote mark in "12¹" the number 121, and "1½" the number 11/2."""
    return unicodedata.decomposition(char).startswith(("<super>", "<sub>", "<fraction>"))


@lru_cache(maxsize=1)
def _special() -> re.Pattern[str]:
    """Runs of text that normalising changes, with the plain spaces around them.

    Built on first use from Python's Unicode database (about 30 ms): every Basic
    Multilingual Plane character that NFKC changes, that folding changes or drops, that
    combines with the one before, or that is white space other than the plain space; all
    characters beyond the BMP, checked one by one.
    """
    chars = []
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if (
            char.isspace()
            or unicodedata.combining(char)
            or code in COMPOSES_WITH_PREVIOUS
            or unicodedata.normalize("NFKC", char) != char
            or _fold(char) != char
        ):
            chars.append(code)
    ranges: list[list[int]] = []
    for code in chars:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    body = "".join(
        re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high > low else "")
        for low, high in ranges
    )
    cls = f"\\t-\\r\\x1c-\\x1f{body}\\U00010000-\\U0010ffff"
    return re.compile(f" *[{cls}][{cls} ]*|  +")


class NormalText:
    """Normalised text, with the original span of each of its characters.

    `text` is the normalised string. The map is kept as segments: an *identity* segment is
    normalised text equal to the original character for character (most of any text); a
    *unit* segment is one or more normalised characters that all stand for one original
    span (a combining sequence, a folded character, a run of white space).
    """

    __slots__ = ("_ends", "_normal", "_origin", "text", "unchanged")

    def __init__(
        self, text: str, normal: array[int], origin: array[int], ends: array[int], source: str
    ) -> None:
        self.text = text
        #: True when normalising changed nothing (then rule 2 finds what rule 1 found).
        self.unchanged = text == source
        self._normal = normal  # where each segment starts in `text`
        self._origin = origin  # where it starts in the original
        self._ends = ends  # a unit segment's original end; -1 for identity segments

    def start(self, index: int) -> int:
        """Offset in the original text where normalised character `index` begins."""
        segment = bisect_right(self._normal, index) - 1
        if self._ends[segment] < 0:
            return self._origin[segment] + index - self._normal[segment]
        return self._origin[segment]

    def end(self, index: int) -> int:
        """Offset in the original text just after normalised character `index`."""
        segment = bisect_right(self._normal, index) - 1
        if self._ends[segment] < 0:
            return self._origin[segment] + index - self._normal[segment] + 1
        return self._ends[segment]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span `[a, b)` of the normalised span `[start, end)` (end > start)."""
        return self.start(start), self.end(end - 1)


def normalize(text: str) -> NormalText:
    """`text` normalised by rule 2, with the map back to it (offsets in characters).

    Pure ASCII text with single spaces costs one regular-expression scan; other text is
    worked through only where normalising changes it.
    """
    ascii_text = text.isascii()
    if ascii_text and "  " not in text and _ASCII_BREAK.search(text) is None:
        low = len(text) - len(text.lstrip())
        high = len(text.rstrip())
        if (low, high) == (0, len(text)):  # nothing to change: one identity segment
            one = array("q", [0])
            return NormalText(text, one, array("q", [0]), array("q", [-1]), text)
    writer = _Writer(text)
    low = len(text) - len(text.lstrip())
    high = len(text.rstrip())
    pattern = _ASCII_SPECIAL if ascii_text else _special()
    position = low
    for match in pattern.finditer(text, low, high):
        writer.identity(position, match.start())
        writer.special(match.start(), match.end())
        position = match.end()
    writer.identity(position, high)
    return writer.result()


_ASCII_SPECIAL = re.compile(r" *[^\S ][\s]*|  +")
_ASCII_BREAK = re.compile(r"[\t-\r\x1c-\x1f]")


class _Writer:
    """The output of `normalize` as it grows."""

    __slots__ = ("ends", "length", "normal", "origin", "out", "pending", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.length = 0
        self.normal = array("q")
        self.origin = array("q")
        self.ends = array("q")
        self.pending = -1  # where a white-space run not yet written began

    def _segment(self, origin: int, end: int) -> None:
        self.normal.append(self.length)
        self.origin.append(origin)
        self.ends.append(end)

    def _flush_space(self, until: int) -> None:
        if self.pending >= 0:
            self._segment(self.pending, until)
            self.out.append(" ")
            self.length += 1
            self.pending = -1

    def identity(self, start: int, stop: int) -> None:
        """Original text `[start, stop)` that normalising leaves as it is."""
        if start >= stop:
            return
        self._flush_space(start)
        self._segment(start, -1)
        self.out.append(self.source[start:stop])
        self.length += stop - start

    def special(self, start: int, stop: int) -> None:
        """Original text `[start, stop)` to normalise sequence by sequence."""
        source = self.source
        index = start
        if _continues(source[start]) and self.ends and self.ends[-1] < 0 and self.length:
            # A combining mark after text already copied: take its base character back.
            last = self.out[-1]
            self.out[-1] = last[:-1]
            self.length -= 1
            index -= 1
        while index < stop:
            end = index + 1
            while end < stop and _continues(source[end]):
                end += 1
            for char in fold_sequence(source[index:end]):
                if char.isspace():
                    if self.length and self.pending < 0:
                        self.pending = index
                    continue
                self._flush_space(index)
                self._segment(index, end)
                self.out.append(char)
                self.length += 1
            index = end

    def result(self) -> NormalText:
        if not self.normal:
            self._segment(0, 0)
        return NormalText("".join(self.out), self.normal, self.origin, self.ends, self.source)


def _continues(char: str) -> bool:
    """True when `char` belongs to the combining sequence before it."""
    return unicodedata.combining(char) != 0 or ord(char) in COMPOSES_WITH_PREVIOUS


def normalize_plain(text: str) -> str:
    """The normalised form alone, for short strings such as `before`/`after`."""
    return normalize(text).text
