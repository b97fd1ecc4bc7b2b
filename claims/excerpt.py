"""A readable window of a paragraph around a quote: some words before, the quote, some after.

Shared by `contested show` and the app, so both trim the same way: cut at word boundaries,
with an ellipsis where text was left out.
"""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Excerpt:
    before: str
    quote: str
    after: str


def excerpt(text: str, start: int, end: int, context: int = 160) -> Excerpt:
    """The quote `text[start:end]` with about `context` characters of text on each side."""
    before = text[:start]
    after = text[end:]
    if len(before) > context:
        cut = before.find(" ", len(before) - context)
        before = ELLIPSIS + before[cut + 1 if 0 <= cut < start else len(before) - context :]
    if len(after) > context:
        cut = after.rfind(" ", 0, context)
        after = after[: cut if cut > 0 else context] + ELLIPSIS
    return Excerpt(before, text[start:end], after)
