"""The extractor's vote on a page's blocks (`article.py`): trafilatura's text of the
article, and which of our own blocks it holds, matched by normalised words (a block is
the extractor's when its whole word sequence, or at least half of its word SHINGLE-word
shingles, are in the extractor's output)."""

from __future__ import annotations

import re
from functools import lru_cache

from claims.sources.html import Block

_WORD = re.compile(r"\w+")
SHINGLE = 4
#: trafilatura's `fast` (no comparison with its fallback extractors).
FAST = True


def words(text: str) -> list[str]:
    """Lower-cased word tokens (`\\w+`), as the extraction benchmark tokenises. The list is
    shared between calls: do not change it."""
    return _words(text)


@lru_cache(maxsize=8192)
def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def extractor_text(html: str) -> str:
    """The article text trafilatura finds in `html`, "" if none (or if it fails)."""
    import trafilatura  # imported when first needed: it takes a while to import

    try:
        found = trafilatura.extract(
            html,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            with_metadata=False,
            fast=FAST,
        )
    except Exception:  # the extractor's faults must not stop a reading: no vote, whole page
        return ""
    return found or ""


def votes(blocks: list[Block], extracted: str) -> list[bool]:
    """For each block, whether the extractor's text holds it: its whole word sequence, or
    (a block of SHINGLE words or more) at least half of its distinct word shingles."""
    tokens = words(extracted)
    joined = " " + " ".join(tokens) + " "
    vocabulary = set(tokens)
    return [_held(words(block.text), vocabulary, joined) for block in blocks]


def _held(mine: list[str], vocabulary: set[str], joined: str) -> bool:
    """Whether `joined` (the extractor's words, space-separated, with a space at each end)
    holds the block's words `mine` (see `_votes`). `vocabulary` (the set of those words)
    spares most searches of `joined` for blocks it does not hold."""
    known = [word in vocabulary for word in mine]
    if not mine:
        return False
    if all(known) and " " + " ".join(mine) + " " in joined:
        return True
    if len(mine) < SHINGLE:
        return False
    shingles = {
        tuple(mine[i : i + SHINGLE]): all(known[i : i + SHINGLE])
        for i in range(len(mine) - SHINGLE + 1)
    }
    needed = (len(shingles) + 1) // 2  # half of them, rounded up
    left = [" " + " ".join(shingle) + " " for shingle, ok in shingles.items() if ok]
    for index, shingle in enumerate(left):
        if needed > len(left) - index:
            return False
        if shingle in joined:
            needed -= 1
            if needed <= 0:
                return True
    return needed <= 0
