"""From the text lines of a PDF's pages to paragraphs as a reader sees them (no PDF library here).

`claims.sources.pdf` gives, per page, text blocks (pdfminer.six's text boxes, each a list
of `Line`s with positions in points from the page's bottom left). Here:

1. **Blocks split where a paragraph starts** (`split_indents`): pdfminer keeps lines
   together when they are close, so paragraphs set without space between them share a box;
   a first-line indent (a line more than half an em right of the box's left edge between
   two that are not) or a bullet at a line's start begins a new block.
2. **Running headers, footers and page numbers left out** (`furniture`): a block in the top
   or bottom fifth of its page whose text, lower-cased with its digits and roman numerals
   masked, recurs at the same height (within 6 points) on at least 3 pages (2 when the file
   has 2 or 3 pages, or at the height where other running headers stand: a chapter's
   header on its 2 pages), with no text of the page above it (a header) or below it (a
   footer); and a lone page number ("12", "- 12 -", "Page 12", "xii", the page's
   own label) in those bands of any page. A running header or footer is furniture only
   on a page that has other text (a line repeated on pages holding nothing else is their
   text), and nothing is when nothing else would be left.
3. **Reading order** (`reading_order`): blocks from top to bottom; a block narrower than
   55% of the page's text width is in a column; consecutive column blocks between two full
   width blocks are grouped into columns by overlapping horizontal extent, read column by
   column, left to right.
4. **Paragraphs joined over column and page breaks** (`paragraphs`): when the next block
   starts higher than the previous one ends (a new column or page), they are one paragraph
   if the previous does not end a sentence (last character, after closing quotes and
   brackets, not one of . ! ? …), the font sizes agree (within 1 point), the next block's
   first line is not indented, and either the next starts with a lower-case letter or the
   previous block's last line runs to its right edge (a short last line ends a paragraph).
   The paragraph belongs to the page where it starts; `page_end` is where it ends. A block
   right below another in the same column goes on with it when the one above does not end a
   sentence and it starts lower-case (`goes_on_below`).
5. **Lines joined** (`join_lines`) with a space, or without one after an em dash or a soft
   hyphen, and end-of-line hyphens undone only where they split a word (`dehyphenate`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from claims.model import Paragraph
from claims.sources.document import Dropped

#: Closing quotes and brackets that may follow a sentence's last stop.
_CLOSERS = "\"'”’»)]}"
_STOPS = ".!?…"
_ROMAN = re.compile(r"(?<![a-z])[ivxlcdm]+(?![a-z])")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"[\W_]*(?:page|p\.|seite|página|pagina|стр\.?)?\s*(\d+|[ivxlcdm]+)"
    r"(?:\s*(?:of|/|из)\s*\d+)?[\W_]*",
    re.I,
)
_BULLET = re.compile(r"[•◦▪●■‣⁃∙]\s")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Left parts that English hyphenates as a rule ("self-\nevident" stays "self-evident").
HYPHEN_PREFIXES = frozenset(("self", "ex", "well", "half", "quasi", "cross"))
#: A block this share of the page's text width or wider spans the columns.
SPANNING = 0.55
#: Top and bottom share of the page where running headers and footers stand.
BAND = 0.2


@dataclass
class Line:
    """One line of text: `text` without its line break; x0, x1, y0, y1 in points from the
    page's bottom left; `size` the font size (points) of its first character."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


@dataclass
class Block:
    """Lines read together, on physical page `page` (0-based)."""

    lines: list[Line]
    page: int
    x0: float = field(init=False)
    x1: float = field(init=False)
    y0: float = field(init=False)
    y1: float = field(init=False)

    def __post_init__(self) -> None:
        self.x0 = min(line.x0 for line in self.lines)
        self.x1 = max(line.x1 for line in self.lines)
        self.y0 = min(line.y0 for line in self.lines)
        self.y1 = max(line.y1 for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        return self.lines[0].size


@dataclass
class PageText:
    """A page's blocks (in pdfminer's order), its height (points) and printed label."""

    blocks: list[Block]
    height: float
    label: str


def split_indents(block: Block) -> list[Block]:
    """`block` cut where a paragraph starts inside it: before a line starting with a bullet
    (•, ◦, ▪, ●, ■, ‣, ⁃, ∙), and before a first-line indent: a line more than half an em
    right of the block's left edge between two lines that are not (a hanging indent, where
    every line after the first is indented, as in a list item, is no cut)."""
    if len(block.lines) < 2:
        return [block]
    left = min(line.x0 for line in block.lines)
    lines = block.lines
    indented = [line.x0 > left + line.size / 2 for line in lines]
    cuts = [0]
    for index in range(1, len(lines)):
        if _BULLET.match(lines[index].text) or (
            indented[index]
            and not indented[index - 1]
            and index + 1 < len(lines)
            and not indented[index + 1]
        ):
            cuts.append(index)
    if len(cuts) == 1:
        return [block]
    cuts.append(len(lines))
    return [Block(lines[a:b], block.page) for a, b in itertools.pairwise(cuts)]


def masked(text: str) -> str:
    """`text` lower-cased, white space collapsed, digit runs and roman numerals as "#"."""
    text = " ".join(text.lower().split())
    return _ROMAN.sub("#", _DIGITS.sub("#", text))


def furniture(pages: list[PageText]) -> dict[tuple[int, int], str]:
    """The blocks that are running headers, footers or page numbers (see the module), by
    (page index, block index), each with what it is: "running header", "running footer"
    or "page number"."""
    seen: Counter[tuple[str, str, int]] = Counter()
    keys: dict[tuple[int, int], tuple[str, str, int]] = {}
    out: dict[tuple[int, int], str] = {}
    for page_index, page in enumerate(pages):
        for block_index, block in enumerate(page.blocks):
            band = _band(block, page.height)
            if band is None:
                continue
            text = block.text.strip()
            if _PAGE_NUMBER.fullmatch(text) or text == page.label:
                out[(page_index, block_index)] = "page number"
                continue
            middle = (block.y0 + block.y1) / 2
            key = (band, masked(text), round(middle / 6))
            keys[(page_index, block_index)] = key
            seen[key] += 1
    least = 2 if len(pages) <= 3 else 3
    places = set()
    for where, key in keys.items():
        if seen[key] >= least:
            out[where] = "running header" if key[0] == "top" else "running footer"
            places.add((key[0], key[2]))
    for where, key in keys.items():  # a chapter's header on 2 pages, where headers stand
        if where not in out and seen[key] >= 2 and (key[0], key[2]) in places:
            out[where] = "running header" if key[0] == "top" else "running footer"
    return _alone_kept(pages, _outermost(pages, out))


def _alone_kept(
    pages: list[PageText], found: dict[tuple[int, int], str]
) -> dict[tuple[int, int], str]:
    """`found` without the running headers and footers of a page holding no other text (a
    line repeated on every page of a file that holds nothing else is its text), and empty
    when nothing of the file would be left."""
    out = dict(found)
    for page_index, page in enumerate(pages):
        here = [(page_index, index) for index in range(len(page.blocks))]
        if all(where in found for where in here):
            for where in here:
                if found[where] != "page number":
                    del out[where]
    if all(
        where in out
        for page_index, page in enumerate(pages)
        for where in ((page_index, index) for index in range(len(page.blocks)))
    ):
        return {}
    return out


def _outermost(
    pages: list[PageText], found: dict[tuple[int, int], str]
) -> dict[tuple[int, int], str]:
    """`found` without the running headers that have text of the page above them, and the
    running footers with text below them (a label repeating mid-page is not furniture)."""
    out = dict(found)
    for (page_index, block_index), what in found.items():
        if what == "page number":
            continue
        block = pages[page_index].blocks[block_index]
        for other_index, other in enumerate(pages[page_index].blocks):
            if (page_index, other_index) in found:
                continue
            above = other.y0 >= block.y1 - 1
            below = other.y1 <= block.y0 + 1
            if (what == "running header" and above) or (what == "running footer" and below):
                del out[(page_index, block_index)]
                break
    return out


def _band(block: Block, height: float) -> str | None:
    if block.y0 >= height * (1 - BAND):
        return "top"
    if block.y1 <= height * BAND:
        return "bottom"
    return None


def reading_order(blocks: list[Block]) -> list[Block]:
    """`blocks` of one page in reading order (see the module, 3)."""
    if len(blocks) < 2:
        return list(blocks)
    left = min(b.x0 for b in blocks)
    width = max(b.x1 for b in blocks) - left
    ordered: list[Block] = []
    band: list[Block] = []
    for block in sorted(blocks, key=lambda b: (-b.y1, b.x0)):
        if block.x1 - block.x0 >= SPANNING * width:
            ordered.extend(_columns(band))
            band = []
            ordered.append(block)
        else:
            band.append(block)
    ordered.extend(_columns(band))
    return ordered


def _columns(blocks: list[Block]) -> list[Block]:
    """Narrow blocks grouped into columns by overlapping horizontal extent, left to right,
    each read top to bottom."""
    columns: list[list[Block]] = []
    spans: list[list[float]] = []
    for block in sorted(blocks, key=lambda b: b.x0):
        if spans and block.x0 < spans[-1][1]:
            columns[-1].append(block)
            spans[-1][1] = max(spans[-1][1], block.x1)
        else:
            columns.append([block])
            spans.append([block.x0, block.x1])
    out: list[Block] = []
    for column in columns:
        out.extend(sorted(column, key=lambda b: -b.y1))
    return out


def vocabulary(pages: list[PageText]) -> tuple[set[str], set[str]]:
    """(words, hyphenated compounds) written whole inside lines anywhere in the document,
    lower-cased: the evidence `dehyphenate` weighs. The parts of a word a line-end hyphen
    may split are not counted: the last word of a line ending in a hyphen, the first word
    of the line after one, and a block's first word when it starts lower-case (it may go
    on from the page or column before)."""
    words: set[str] = set()
    compounds: set[str] = set()
    for page in pages:
        for block in page.blocks:
            split = block.lines[0].text[:1].islower()
            for line in block.lines:
                found = _WORD.findall(line.text.lower())
                if split:
                    found = found[1:]
                split = line.text.endswith(("-", "\u2010"))
                if split:
                    found = found[:-1]
                for word in found:
                    if "-" in word:
                        compounds.add(word)
                        words.update(word.split("-"))
                    else:
                        words.add(word)
    return words, compounds


def dehyphenate(left: str, right: str, words: set[str], compounds: set[str]) -> bool:
    """True if the hyphen ending a line after word part `left` splits one word with
    `right` (the next line's first word) and goes; False if it is a compound's own hyphen
    and stays. The rule, in order:

    1. `right` must start with a lower-case letter and `left` end with a letter: a capital
       ("Russian-\\nAzerbaijani"), a digit ("COVID-\\n19") or anything else keeps it;
    2. the compound written whole on one line elsewhere in the document ("state-owned")
       keeps it; the joined word written elsewhere ("continued") drops it;
    3. a left part English hyphenates as a rule (`HYPHEN_PREFIXES`: "self-", "ex-") keeps it;
    4. both parts words of their own elsewhere in the document, each of 3 letters or more
       ("state", "owned"), keeps it: a compound of two words, not syllables;
    5. otherwise it goes: in running text a line-end hyphen splits a word far more often
       than it is a compound's (typesetters hyphenate syllables; "con-", "tinued" are no
       words), and a quote typed across it matches either way once the hyphen is kept or
       not (anchoring folds dashes, not their absence: hence the document's own evidence
       first).
    """
    head = re.search(r"[^\W\d_]+$", left)
    tail = re.match(r"[^\W\d_]+", right)
    if head is None or tail is None or not tail.group()[0].islower():
        return False
    first, second = head.group().lower(), tail.group().lower()
    if f"{first}-{second}" in compounds:
        return False
    if first + second in words:
        return True
    if first in HYPHEN_PREFIXES:
        return False
    return not (len(first) >= 3 and len(second) >= 3 and first in words and second in words)


def join_lines(lines: list[str], words: set[str], compounds: set[str]) -> str:
    """Lines of one paragraph as one string: joined by a space, but without one after a
    soft hyphen (dropped), an em dash, or a hyphen ending a word part (dropped when
    `dehyphenate` says it splits a word, kept otherwise: "Russian-Azerbaijani")."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("—"):
            out += line
        elif out.endswith(("-", "\u2010")) and not out[-2:-1].isspace():
            keep = not dehyphenate(out[:-1], line, words, compounds)
            out = (out if keep else out[:-1]) + line  # a compound's hyphen joins, no space
        else:
            out += " " + line
    return out


def ends_sentence(text: str) -> bool:
    """True if `text` ends with a sentence's stop (before closing quotes and brackets)."""
    text = text.rstrip().rstrip(_CLOSERS)
    return not text or text[-1] in _STOPS


def continues(before: Block, after: Block) -> bool:
    """True if `after`, the first block of a new column or page, goes on with the paragraph
    `before` ends (see the module, 4)."""
    if ends_sentence(before.text) or abs(before.size - after.size) > 1:
        return False
    first = after.lines[0]
    if len(after.lines) > 1 and first.x0 > after.x0 + first.size / 2:
        return False  # indented first line: a new paragraph
    start = first.text.lstrip()[:1]
    if start.islower():
        return True
    last = before.lines[-1]
    return last.x1 >= before.x1 - 2 * last.size


def goes_on_below(before: Block, after: Block) -> bool:
    """True if `after`, the block right below `before` in the same column (its top within
    one line of `before`'s bottom), is the rest of its paragraph: `before` does not end a
    sentence and `after` starts with a lower-case letter (pdfminer sometimes cuts a
    justified paragraph where a line's word spacing is wide)."""
    gap = before.y0 - after.y1
    return (
        gap <= before.lines[-1].size * 1.2
        and after.lines[0].text[:1].islower()
        and not ends_sentence(before.text)
        and abs(before.size - after.size) <= 1
    )


def paragraphs(pages: list[PageText]) -> tuple[list[Paragraph], dict[tuple[int, int], str]]:
    """The paragraphs of `pages`, numbered from 1, each with its 1-based physical page as
    `line`, its page's label, its number on that page and the label of the page it ends
    on; and the furniture left out (see `furniture`)."""
    for page in pages:
        page.blocks = [part for block in page.blocks for part in split_indents(block)]
    dropped = furniture(pages)
    words, compounds = vocabulary(pages)
    runs: list[tuple[list[Block], int]] = []  # blocks of one paragraph, its first page
    previous: Block | None = None
    for page_index, page in enumerate(pages):
        body = [b for i, b in enumerate(page.blocks) if (page_index, i) not in dropped]
        for block in reading_order(body):
            jump = previous is not None and (
                block.page != previous.page or block.y1 > previous.y0 + 1
            )
            if previous is not None and (
                continues(previous, block) if jump else goes_on_below(previous, block)
            ):
                runs[-1][0].append(block)
            else:
                runs.append(([block], block.page))
            previous = block
    out: list[Paragraph] = []
    counts: Counter[int] = Counter()
    for blocks, first in runs:
        text = join_lines([line.text for b in blocks for line in b.lines], words, compounds)
        if not text:
            continue
        counts[first] += 1
        last = blocks[-1].page
        end = pages[last].label if last != first else None
        out.append(Paragraph(len(out) + 1, text, first + 1, pages[first].label, counts[first], end))
    return out, dropped


def furniture_records(pages: list[PageText], found: dict[tuple[int, int], str]) -> list[Dropped]:
    """One "furniture" record per distinct text left out, naming the pages it was on."""
    by_text: dict[tuple[str, str], list[str]] = {}
    for (page, block), where in sorted(found.items()):
        text = pages[page].blocks[block].text
        by_text.setdefault((text if where != "page number" else "", where), []).append(
            pages[page].label
        )
    out = []
    for (text, where), found_on in by_text.items():
        labels = list(dict.fromkeys(found_on))  # a page with two page numbers: named once
        shown = ", ".join(labels[:5]) + (f" … ({len(labels)} pages)" if len(labels) > 5 else "")
        if where == "page number":
            out.append(Dropped(f"page numbers on pages {shown}", "furniture", where))
        else:
            out.append(Dropped(f"{text} (pages {shown})", "furniture", where))
    return out
