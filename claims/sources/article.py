"""The article of a saved web page: which of the page's blocks a reader sees as the article.

The text and its offsets always come from the project's own reading of the page
(`html.detailed`, the same blocks as whole-page reading); the extractor (trafilatura) only
votes on *which* blocks are article. Its vote is matched to our blocks by normalised words
(a block is the extractor's when most of its word 4-shingles, or for a short block its
whole word sequence, are in the extractor's output). Then our own rules:

1. The article's span runs from the first to the last long block the extractor kept,
   widened back to the page's headline (the first `<h1>`, or the block that reads as the
   page's `og:title`) when that stands before it, so headline, standfirst, byline and date
   are read.
2. Inside the span every block is kept (figure captions, a fact-check's "Claim:" and
   "Rating: Unproven" blocks, subheads) unless it is page furniture: inside `nav`,
   `footer`, `aside`, the page's `header`, an ARIA navigation/banner/contentinfo landmark,
   or an element whose class or id names a cookie banner, share buttons, newsletter,
   related links, comments, breadcrumbs… (`htmlrules.furniture`), or a list of links (a
   block mostly link text, but not a byline such as "By <a>Jane Doe</a>" nor a linked
   sentence that is not a related-story teaser: `_link_list`). A block the extractor kept
   is kept unless it is such furniture.
3. Outside the span only what the extractor kept is kept, if it is not furniture.
4. If the extractor finds no article, the whole page is kept, and `dropped` says so with
   one record of reason "whole-page".
5. A page of under SMALL words or over LARGE blocks is not given to the extractor: every
   block but furniture is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from claims.sources.document import Dropped
from claims.sources.html import Block, detailed

_WORD = re.compile(r"\w+")
_OG_TITLE = re.compile(
    r"<meta\b[^>]*?(?:property|name)\s*=\s*[\"']og:title[\"'][^>]*>", re.IGNORECASE
)
_TITLE = re.compile(r"<title\b[^>]*>([^<]*)</title>", re.IGNORECASE)
_CONTENT = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
SHINGLE = 4
#: trafilatura's `fast` (no comparison with its fallback extractors).
FAST = True
#: How far before the span's start the headline may stand, in blocks.
HEADLINE_REACH = 40
#: Pages of fewer words than this are read by our rules alone (furniture left out): the
#: extractor needs more text than that to tell an article from its surroundings.
SMALL = 150
#: ... and so are pages of more blocks than this (no article page has so many; the
#: extractor would take seconds on them).
LARGE = 10_000
#: Words that make a block running text (`_prose`), and the other blocks a run of it may
#: jump to carry the article on (`_reach`).
PROSE = 15
GAP = 8
#: An `<h1>` this close before the span is its headline even when it differs from the title.
HEADING_NEAR = 10
#: A block at least this share of whose characters are link text is a list of links,
#: unless it has SENTENCE words or more, or is a byline of at most BYLINE words.
LINK_DENSE = 0.5
SENTENCE = 8
BYLINE = 8
#: Furniture so clearly not the article that the extractor's vote does not save it.
_NEVER = frozenset(("cookie banner", "share buttons", "newsletter", "breadcrumbs"))


@dataclass
class Article:
    """The article's blocks (in page order) and what was left out of it."""

    blocks: list[Block]
    dropped: list[Dropped] = field(default_factory=list)
    whole_page: bool = False
    #: How many of `blocks` stand before the body (headline, standfirst, byline, date):
    #: the body starts at the first long block the extractor kept.
    head: int = 0


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


def _votes(blocks: list[Block], extracted: str) -> list[bool]:
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


def og_title(html: str) -> str:
    """The page's title: its `og:title`, else its `<title>`; "" if it has neither."""
    head = html[:200_000]
    tag = _OG_TITLE.search(head)
    content = _CONTENT.search(tag.group(0)) if tag else None
    if content and (content.group(1) or content.group(2)):
        return content.group(1) or content.group(2)
    title = _TITLE.search(head)
    return unescape(title.group(1)) if title else ""


def _headline(blocks: list[Block], start: int, title: str) -> int | None:
    """Index of the page's headline before block `start` (within HEADLINE_REACH): with a
    known title, the nearest block (an `<h1>` first) reading as it; without one, the
    nearest `<h1>`. Furniture is never the headline."""
    first = max(0, start - HEADLINE_REACH)
    candidates = [i for i in range(start - 1, first - 1, -1) if not blocks[i].where]
    wanted = words(title)
    if not wanted:
        return next((i for i in candidates if blocks[i].heading == 1), None)
    for heading_only in (True, False):
        for index in candidates:
            if heading_only and blocks[index].heading != 1:
                continue
            if _reads_as(words(blocks[index].text), wanted):
                return index
    near = (i for i in candidates if i >= start - HEADING_NEAR and blocks[i].heading == 1)
    return next(near, None)


def _reads_as(mine: list[str], title: list[str]) -> bool:
    """Whether a block's words read as the page's title: the same words, or one holding
    the other when the shorter has at least 3 words (titles add " - Site name")."""
    if not mine:
        return False
    if mine == title:
        return True
    short, long = (mine, title) if len(mine) <= len(title) else (title, mine)
    return len(short) >= 3 and _contains(long, short)


def _contains(outer: list[str], inner: list[str]) -> bool:
    return (" " + " ".join(inner) + " ") in (" " + " ".join(outer) + " ")


def _link_dense(block: Block) -> bool:
    letters = len(block.text.strip())
    return letters > 0 and block.links >= LINK_DENSE * letters


def _link_list(blocks: list[Block], index: int) -> bool:
    """Whether block `index` is a list of links (menu items, tags) or a teaser for another
    page: a link-dense block, but not a byline ("By Jane Doe", the name a link), and not a
    sentence of SENTENCE words or more that is a link on its own (a product, a line the
    article itself gives) rather than a linked heading or next to one (a "related
    stories" card: its title and blurb both links)."""
    block = blocks[index]
    if not _link_dense(block):
        return False
    mine = words(block.text)
    if len(mine) >= SENTENCE:
        near = blocks[max(0, index - 1) : index] + blocks[index + 1 : index + 2]
        return any(b.heading and _link_dense(b) for b in (block, *near))
    return not (mine and mine[0] == "by" and len(mine) <= BYLINE)


def _dropped(block: Block, reason: str = "furniture") -> Dropped:
    if block.where:
        return Dropped(block.text, reason, block.where)
    if _link_dense(block):
        return Dropped(block.text, reason, "links")
    return Dropped(block.text, "not-article", "")


def choose(blocks: list[Block], extracted: str, title: str = "") -> Article:
    """The article among `blocks`, given the extractor's text `extracted` and the page's
    title (see the module's rules). Never empty when `blocks` is not."""
    votes = _votes(blocks, extracted)
    long = [i for i, (b, v) in enumerate(zip(blocks, votes, strict=True)) if v and _long(b)]
    if not long:
        return Article(list(blocks), [Dropped("", "whole-page", "no article found")], True)
    start, end = long[0], _reach(blocks, long[-1])
    headline = _headline(blocks, start, title)
    if headline is not None:
        start = headline
    kept: list[Block] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    head = 0
    for index, block in enumerate(blocks):
        if index == long[0]:
            head = len(kept)
        inside = start <= index <= end
        furniture = bool(block.where) or _link_list(blocks, index)
        if block.text in seen and not votes[index]:
            dropped.append(Dropped(block.text, "duplicate", block.where))
            continue
        seen.add(block.text)
        voted = votes[index] and (_prose(block) or block.where not in _NEVER)
        if (voted and (inside or not furniture)) or (inside and not furniture) or index == headline:
            kept.append(block)
        else:
            dropped.append(_dropped(block))
    return Article(kept, dropped, head=head)


def _prose(block: Block) -> bool:
    """A block of running text: at least PROSE words, few of them links."""
    return len(words(block.text)) >= PROSE and block.links < 0.3 * len(block.text)


def _reach(blocks: list[Block], end: int) -> int:
    """The span's end, carried past the extractor's last block over any run of prose
    blocks that are not furniture, across gaps of at most GAP other blocks (an extractor
    that stops at an inline advert or a pull quote loses the rest of the article). A
    heading, a footer or comments end it: past the extractor's last block, a heading
    starts what it judged not article ("You may also like", the next story)."""
    gap = 0
    for index in range(end + 1, len(blocks)):
        block = blocks[index]
        if not block.where and _prose(block):
            end, gap = index, 0
        elif block.where in ("footer", "comments") or gap >= GAP or block.heading:
            break
        else:
            gap += 1
    return end


def _long(block: Block) -> bool:
    return len(words(block.text)) >= 8


def article(html: str) -> Article:
    """The article of the HTML page `html` (its blocks, and what was dropped and why).
    Raises `Unparsable` as `html.blocks` does."""
    unseen: list[tuple[str, str]] = []
    blocks = detailed(html, unseen)
    if not blocks:
        found = Article([])
    elif len(blocks) > LARGE or sum(len(words(b.text)) for b in blocks) < SMALL:
        found = _furnished(blocks)
    else:
        found = choose(blocks, extractor_text(html), og_title(html))
    found.dropped.extend(Dropped(text, reason) for text, reason in unseen)
    return found


def _furnished(blocks: list[Block]) -> Article:
    """A page too small for the extractor to judge: every block but labelled furniture
    (or the whole page, if that is all there is)."""
    kept = [b for b in blocks if not b.where]
    if not kept:
        return Article(list(blocks), [Dropped("", "whole-page", "no article found")], True)
    return Article(kept, [_dropped(b) for b in blocks if b.where])
