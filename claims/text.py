"""Plain-text helpers: make untrusted text safe for a terminal, and normalise it for matching.

`sanitize` runs on everything read from a source or a YAML file, so no control sequence
ever reaches the terminal: C0 controls (other than tab and newline) become their visible
Control Pictures (ESC shows as ␛), DEL as ␡, C1 controls as U+FFFD.

`normalize` is rule 2 of quote anchoring: NFKC, typographic quotes and dashes folded to
ASCII, runs of white space folded to one space. It returns, for every character of its
output, the index of the input character it came from, so a match found in normalised text
maps back to a span of the original.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def sanitize(text: str) -> str:
    """Replace terminal control characters other than tab and newline with visible marks."""
    # Cheap tests first: most text is printable, or printable lines (regex scans are slow).
    if text.isprintable() or all(line.isprintable() for line in text.split("\n")):
        return text
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_picture, text)


_FOLD = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
        "\u201b": "'", "\u2039": "'", "\u203a": "'", "\u2032": "'", "\u2010": "-",
        "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip


def normalize(text: str) -> tuple[str, list[int]]:
    """Return the normalised text and, per output character, its index in `text`."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    ascii_only = text.isascii()
    for index, char in enumerate(text):
        if char.isspace():
            if pending_space < 0:
                pending_space = index
            continue
        folded = char if ascii_only else unicodedata.normalize("NFKC", char).translate(_FOLD)
        if pending_space >= 0:
            if out:
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        for piece in folded:
            if piece.isspace():
                continue
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def normalize_plain(text: str) -> str:
    """The normalised form alone, for comparing short strings such as `before`/`after`."""
    return normalize(text)[0]
