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
from collections.abc import Callable

__all__ = ["cut", "graphemes", "one_line"]

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
