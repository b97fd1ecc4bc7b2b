"""Casebook text made fit for one line of the timeline: white space squeezed (a question
may hold line breaks and tabs), and cuts that never split what a reader sees as one
character (an emoji family joined by U+200D ZERO WIDTH JOINER, a letter and its combining
accents, a flag's two regional indicators).

    one_line("When did\\n the raid\\tbegin?") == "When did the raid begin?"
    graphemes("e\\u0301👨\\u200d👩") == ["e\\u0301", "👨\\u200d👩"]
    cut("abcdef", lambda s: len(s) <= 4) == "abc…"
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

__all__ = ["clip_px", "cut", "graphemes", "one_line", "text_width"]

_ZWJ = "\u200d"


def one_line(text: str) -> str:
    """`text` with every run of white space (line breaks, tabs, U+2028… as `str.split`
    counts them) as one space, and none at its ends."""
    if text.isprintable() and "  " not in text and text == text.strip():
        return text
    return " ".join(text.split())


def _extends(char: str) -> bool:
    """Whether `char` belongs to the character before it (Unicode's grapheme rule GB9/GB9a:
    Extend and SpacingMark, approximated by the general categories Mn, Me, Mc; variation
    selectors, emoji skin-tone modifiers and tag characters included)."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True
    return unicodedata.category(char) in ("Mn", "Me", "Mc")


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def graphemes(text: str) -> list[str]:
    """`text` cut into what a reader sees as characters (an approximation of Unicode's
    extended grapheme clusters, UAX #29: marks and modifiers stay with their base, a ZWJ
    joins the characters on both sides, regional indicators go in pairs; Hangul jamo and
    Indic conjuncts are not joined). Joined, the parts are `text` again."""
    out: list[str] = []
    joined = False  # the previous character was a ZWJ
    for char in text:
        glued = joined or char == _ZWJ or _extends(char)
        paired = _regional(char) and len(out[-1]) == 1 and _regional(out[-1]) if out else False
        if out and (glued or paired):
            out[-1] += char
        else:
            out.append(char)
        joined = char == _ZWJ
    return out


def cut(text: str, fits: Callable[[str], bool], mark: str = "…") -> str:
    """`text` when `fits(text)`, else its longest beginning of whole `graphemes` (trailing
    spaces dropped) that `fits` with `mark` after it ("" + `mark` when none does)."""
    if fits(text):
        return text
    parts = graphemes(text)
    low, high = 0, len(parts)  # the answer's count of graphemes is in [low, high)
    while low + 1 < high:
        middle = (low + high) // 2
        if fits("".join(parts[:middle]).rstrip() + mark):
            low = middle
        else:
            high = middle
    return "".join(parts[:low]).rstrip() + mark


#: Widths in ems of a sans-serif font's characters, generous (system-ui, Roboto, Segoe UI
#: and Noto Sans measured at 11 px, the widest of them, rounded up): a label estimated to fit
#: does fit, whatever the reader's font. (The HTML report's timeline, `claims.export`.)
_NARROW = frozenset("iljtfrI.,;:'!|()[] `\"")
_WIDE_CAPS = frozenset("MWmw@%")
_NOTHING = frozenset("\u200b\u200c\u200d")  # zero-width space, non-joiner, joiner


def _char_em(char: str) -> float:
    if char in _NARROW:
        return 0.36
    if char in _WIDE_CAPS:
        return 1.0
    if char.isascii():
        return 0.74 if char.isupper() else 0.6  # lower case, digits, other signs
    if unicodedata.combining(char) or char in _NOTHING or 0xFE00 <= ord(char) <= 0xFE0F:
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) >= 0x1F000:
        return 1.3  # CJK, emoji: a color emoji is drawn wider than 1 em in most fonts
    return 0.8 if char.isupper() else 0.62


_EMS: dict[str, float] = {}  # `_char_em` of the characters met


def _em(char: str) -> float:
    em = _EMS.get(char)
    if em is None:
        em = _EMS[char] = _char_em(char)
    return em


_ASCII_EMS = {chr(code): _char_em(chr(code)) for code in range(128)}


def text_width(text: str, font_px: float) -> float:
    """The estimated width in px of `text` in a `font_px` sans-serif font (an upper bound
    for the common sans-serif fonts, `_char_em`), a joined emoji counted once."""
    if text.isascii():
        return sum(map(_em, text)) * font_px
    return sum(max(map(_em, g)) for g in graphemes(text)) * font_px


def clip_px(text: str, room_px: float, font_px: float) -> str:
    """`text` (one line), or its longest beginning of whole graphemes (`graphemes`) that
    fits `room_px` (by `text_width` in a `font_px` font) with "…" (counted as 1 em) after
    it. One pass over the text: 5,000 labels in a few milliseconds."""
    parts: Sequence[str]
    if text.isascii():
        parts = text
        ends = list(accumulate(map(_ASCII_EMS.__getitem__, text)))
    else:
        parts = graphemes(text)
        ends = list(accumulate(max(map(_em, part)) for part in parts))
    room = room_px / font_px
    if not ends or ends[-1] <= room:
        return text
    kept = bisect_right(ends, room - 1.0)
    return "".join(parts[:kept]).rstrip() + "…"
