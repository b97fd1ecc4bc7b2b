"""Finding words in a source's text as a reader means them: case-insensitive, and with
quotes, dashes, white space and invisible characters normalised as quotes are anchored
(`claims.anchoring.normalize`), so `"don't"` finds `“don’t”` and a run of spaces finds a
line break."""

from __future__ import annotations

from claims.anchoring.normalize import normalize


def _lower(text: str) -> str:
    """`text` in lower case, one character for one (a character whose lower case is longer,
    as `İ`, is kept as it is), so that offsets still hold."""
    low = text.lower()
    if len(low) == len(text):  # lower() only ever lengthens: the same length is aligned
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_all(query: str, text: str) -> list[tuple[int, int]]:
    """Every place `query` stands in `text`, left to right, not overlapping: `[start, end)`
    0-based character offsets into `text`. Empty for a query that is blank once
    normalised."""
    needle = _lower(normalize(query).text)
    if not needle or not text:
        return []
    normal = normalize(text)
    haystack = _lower(normal.text)
    found: list[tuple[int, int]] = []
    at = haystack.find(needle)
    while at >= 0:
        found.append(normal.span(at, at + len(needle)))
        at = haystack.find(needle, at + len(needle))
    return found
