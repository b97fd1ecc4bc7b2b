"""The article of a saved web page: which of the page's blocks a reader sees as the article.

The text and its offsets always come from the project's own reading of the page
(`html.detailed`: the blocks of whole-page reading, less text for screen readers alone);
the extractor (trafilatura) only
votes on *which* blocks are article. Its vote is matched to our blocks by normalised words
(a block is the extractor's when most of its word 4-shingles, or for a short block its
whole word sequence, are in the extractor's output). Then our own rules:

1. The article's span runs from the first to the last long block the extractor kept (a
   block mostly link text never sets it: a card for this very story in a list of others
   would stretch it), widened back to the page's headline (the first `<h1>`, or the block
   that reads as the page's `og:title`) when that stands before it, and further back to
   a byline or date standing before the headline with only furniture between.
2. Inside the span a block is kept unless it is page furniture: inside `nav`, `footer`,
   `aside`, the page's `header`, an ARIA navigation/banner/contentinfo landmark, or an
   element whose class or id names a cookie banner, share buttons, newsletter, related
   links, comments, breadcrumbs… (`htmlrules.furniture`), or a list of links (a block
   mostly link text, but not a byline such as "By <a>Jane Doe</a>" or one the markup
   names a byline, nor a linked sentence that is not a related-story teaser:
   `_link_list`). A block the extractor did not keep must also be meaningful
   (`_meaningful`): before the body, a heading, byline, date, caption, rating or sentence
   (not a photo credit, a counter, "Subscribe"); in the body, anything but a photo
   credit, a "READ MORE: <link>" teaser or a widget's label of a few words. A block the
   extractor kept is kept, unless it is short and in a cookie banner, share buttons,
   newsletter, breadcrumbs or related links, or in a newsletter or call-to-action box
   ("If you enjoyed this article… Join"), or its text alone says it is furniture
   (`_junk`: no word at all, "Share this article", "Please sign up for our newsletters",
   "WATCH MORE: <link>").
3. Outside the span only what the extractor kept is kept, if it is not furniture and does
   not repeat a block already kept; and the article's own sources (an element naming
   citations, references or sources, even in the article's `<footer>`) after its body,
   and a figure caption or a line naming its source ("Source: …") right after the span
   (a caption even in an `<aside>` set beside the photo).
4. Subheads introducing only what was left out ("Keep reading" over other stories' linked
   titles, a heading the article would end with) are dropped, and so are links to other
   stories the article would end with (blocks all one link).
5. If the extractor finds no article, the whole page is kept, and `dropped` says so with
   one record of reason "whole-page".
6. A page of under SMALL words or over LARGE blocks is not given to the extractor: every
   block but furniture is kept.
7. A block whose text is printed twice ("Jane Doe Jane Doe": a copy for wide screens, one
   for narrow ones) reads once, and the lines of one byline ("By Jane Doe" / "Associated
   Press", "By —" / "Jane Doe") are one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import unescape
from itertools import pairwise

from claims.sources.document import Dropped
from claims.sources.html import Block, detailed
from claims.sources.htmlrules import (
    appeal,
    attribution,
    credit,
    dated,
    once,
    teaser,
    widget_text,
)
from claims.sources.vote import extractor_text as extractor_text
from claims.sources.vote import votes, words

_OG_TITLE = re.compile(
    r"<meta\b[^>]*?(?:property|name)\s*=\s*[\"']og:title[\"'][^>]*>", re.IGNORECASE
)
_TITLE = re.compile(r"<title\b[^>]*>([^<]*)</title>", re.IGNORECASE)
_CONTENT = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
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
LINKED = 0.9
SENTENCE = 8
BYLINE = 8
#: Furniture so clearly not the article that the extractor's vote does not save it.
_NEVER = frozenset(("cookie banner", "share buttons", "newsletter", "breadcrumbs", "related links"))
#: ... even when it is running text ("If you enjoyed this article, join …").
_NEVER_PROSE = frozenset(("cookie banner", "newsletter", "call to action"))


@dataclass
class Article:
    """The article's blocks (in page order) and what was left out of it."""

    blocks: list[Block]
    dropped: list[Dropped] = field(default_factory=list)
    whole_page: bool = False
    #: How many of `blocks` stand before the body (headline, standfirst, byline, date):
    #: the body starts at the first long block the extractor kept.
    head: int = 0


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


def _linked(block: Block) -> bool:
    """Whether a block is all one link (at least LINKED of its characters), not a byline,
    caption or source: at the article's end, a link to another story ("Video: …")."""
    letters = len(block.text.strip())
    return block.part == "" and letters > 0 and block.links >= LINKED * letters


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
    return not _byline(block)


def _dropped(block: Block, reason: str = "furniture") -> Dropped:
    if block.where:
        return Dropped(block.text, reason, block.where)
    if _link_dense(block):
        return Dropped(block.text, reason, "links")
    return Dropped(block.text, "not-article", "")


def choose(blocks: list[Block], extracted: str, title: str = "") -> Article:
    """The article among `blocks`, given the extractor's text `extracted` and the page's
    title (see the module's rules). Never empty when `blocks` is not."""
    blocks = [_once(block) for block in blocks]
    voting = votes(blocks, extracted)
    long = [
        i
        for i, (b, v) in enumerate(zip(blocks, voting, strict=True))
        if v and _long(b) and not _link_dense(b)
    ]
    if not long:
        return Article(list(blocks), [Dropped("", "whole-page", "no article found")], True)
    start, end = long[0], _reach(blocks, long[-1])
    headline = _headline(blocks, start, title)
    if headline is not None:
        start = _lead(blocks, headline)
    kept: list[Block] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    named: set[tuple[str, str]] = set()  # the first two words of each name in a byline kept
    head = 0
    for index, block in enumerate(blocks):
        if index == long[0]:
            head = len(kept)
        inside = start <= index <= end
        if block.text in seen and (not voting[index] or not inside):
            dropped.append(Dropped(block.text, "duplicate", block.where))
            continue
        furniture = _furniture(blocks, index, named)
        voted = voting[index] and (_prose(block) or block.where not in _NEVER)
        voted = voted and block.where not in _NEVER_PROSE
        after = block.part == "sources" and not block.where and index > long[0]
        after = after or (index == end + 1 and (_caption(block) or _attributed(block)))
        if _junk(block) and index != headline:
            dropped.append(_dropped(block))
        elif (
            index == headline
            or (voted and (inside or not furniture))
            or (inside and not furniture and _meaningful(block, index < long[0]))
            or after
        ):
            kept.append(block)
            seen.add(block.text)
            if block.part == "byline" or _byline(block):
                name = [w for w in words(block.text) if w != "by"]
                named.update(pairwise(name[:2]))
        else:
            dropped.append(_dropped(block))
    return _joined(_unheaded(Article(kept, dropped, head=head), blocks), blocks)


def _once(block: Block) -> Block:
    """`block` with its text given once if the page prints it twice (`htmlrules.once`)."""
    text = once(block.text)
    return block if text == block.text else replace(block, text=text, links=block.links // 2)


def _junk(block: Block) -> bool:
    """Whether a block is furniture by its text alone, whatever the extractor's vote: a
    widget's text (no word at all, a share button's label), a "WATCH MORE: <link>" teaser,
    an appeal to sign up or subscribe (`htmlrules`)."""
    if widget_text(block.text) or appeal(block.text):
        return True
    return bool(teaser(block.text)) and _link_dense(block)


def _attributed(block: Block) -> bool:
    """Whether a block right after the article names its source or contributors."""
    return not block.where and not _link_dense(block) and attribution(block.text)


def _joined(found: Article, blocks: list[Block]) -> Article:
    """`found` with the lines of one byline joined (one paragraph, a line each): a byline
    block followed right away by another of the markup's byline that does not start a new
    one ("By" …) and is not a date ("By Jane Doe" / "Associated Press"; "By —" / "Jane Doe")."""
    where = {id(block): index for index, block in enumerate(blocks)}
    joined: list[Block] = []
    head = found.head
    for number, block in enumerate(found.blocks):
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.part == block.part == "byline"
            and where.get(id(block), -2) == where.get(id(last), -3) + 1
            and len(words(block.text)) <= BYLINE
            and words(block.text)[:1] != ["by"]
            and not dated(block.text)
        ):
            text = last.text + "\n" + block.text
            joined[-1] = replace(last, text=text, links=last.links + block.links)
            where[id(joined[-1])] = where[id(block)]
            head -= number < found.head
            continue
        joined.append(block)
    if len(joined) == len(found.blocks):
        return found
    return Article(joined, found.dropped, found.whole_page, head)


def _furniture(blocks: list[Block], index: int, named: set[tuple[str, str]]) -> bool:
    """Whether block `index` is furniture: labelled so (`Block.where`), or a list of links
    (`_link_list`), but not a byline whose name is a link ("Dan Evon") unless
    it names again an author already kept ("About Jane Doe", "Follow Jane Doe")."""
    block = blocks[index]
    if block.where:
        return True
    if not _link_list(blocks, index):
        return False
    mine = words(block.text)
    again = any(pair in named for pair in pairwise(mine))
    return block.part != "byline" or len(mine) > BYLINE or again


def _caption(block: Block) -> bool:
    """Whether a block is a figure caption standing next to the article's span: named so by
    the markup, not a link, and at most in an `<aside>` (a photo's caption set beside it)."""
    return block.part == "caption" and block.where in ("", "aside") and not _link_dense(block)


def _lead(blocks: list[Block], headline: int) -> int:
    """Where the article's span starts: at its headline, or earlier at a byline or date
    that stands before it with only furniture between (a byline column laid out beside
    the headline, but written before it)."""
    start = headline
    for index in range(headline - 1, max(-1, headline - HEADLINE_REACH), -1):
        block = blocks[index]
        if block.part in ("byline", "date") and not block.where:
            start = index
        elif not block.where:
            break
    return start


def _teaser(block: Block, kept: set[int]) -> bool:
    """Whether a block left out of the article is the linked title of another story."""
    return id(block) not in kept and bool(block.heading) and _link_dense(block)


def _unheaded(found: Article, blocks: list[Block]) -> Article:
    """`found` without the subheads that introduce only what was left out: one followed by
    the linked title of another story ("Keep reading" over a list of stories), and those
    the article ends with."""
    kept = {id(block) for block in found.blocks}
    gone = {
        id(block)
        for block, following in pairwise(blocks)
        if block.heading > 1 and id(block) in kept and _teaser(following, kept)
    }
    for block in reversed(found.blocks[found.head + 1 :]):
        if block.heading < 2 and not _linked(block):
            break
        gone.add(id(block))
    if not gone:
        return found
    head = found.head - sum(id(b) in gone for b in found.blocks[: found.head])
    dropped = found.dropped + [
        Dropped(b.text, "not-article", "") for b in found.blocks if id(b) in gone
    ]
    return Article([b for b in found.blocks if id(b) not in gone], dropped, head=head)


def _meaningful(block: Block, before_body: bool) -> bool:
    """Whether a block inside the article's span that the extractor did not keep is
    article: a heading, a byline, date or caption (not a bare photo credit), the article's
    sources, running text of SENTENCE words or more; and past the body's start also any
    block of words that is not a widget's label (`_widget`)."""
    if credit(block.text) or (teaser(block.text) and _link_dense(block)):
        return False
    if block.heading or block.part or _byline(block) or dated(block.text):
        return True
    if len(words(block.text)) >= SENTENCE and not _link_dense(block):
        return True
    return not before_body and not _widget(block)


#: A widget's label: a block of at most WIDGET words with no sentence in it
#: ("Subscribe", "Back to Gallery", "Image 1 of 5", "6 Min Read").
WIDGET = 3


def _byline(block: Block) -> bool:
    mine = words(block.text)
    return len(mine) <= BYLINE and bool(mine) and mine[0] == "by"


def _widget(block: Block) -> bool:
    mine = words(block.text)
    return len(mine) <= WIDGET and not any(c in block.text for c in ".!?:")


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
