"""Paragraphs of an HTML file, by the standard library's HTML parser.

Text is cut into paragraphs at block elements (p, div, h1–h6, li, blockquote, pre, td, …)
and at two or more `<br>` in a row; one `<br>` is a line break inside its paragraph. Inline
elements (em, a, span…) stay inside their paragraph, glued to the text beside them as a
browser glues them; replaced elements and widgets (img, button, input, select…) are kept
apart from it by a space. Every block a browser shows is read, navigation, headers,
footers and asides included; scripts, styles, templates, `noscript`, drawings (svg, math),
the document head and hidden elements (`hidden`, `aria-hidden="true"`, `display: none`,
`visibility: hidden`) never become text. Items
of an ordered list start with their number ("1. "). White space collapses as a browser
would, except inside <pre>. Entities are decoded (a soft hyphen, `&shy;`, stays U+00AD).
The rules and their sources are in `htmlrules.py`.

Reading is linear in the size of the file. The standard library's parser would re-scan
unterminated markup (`<a `, `<!--` with no end) once per character when it is closed, and
raises AssertionError on `<![` followed by an unknown keyword; here the text after
unterminated markup is left out, as a browser leaves out everything after an unclosed tag
or comment (HTML §13.2.5, "EOF in tag", "EOF in comment"), and `<![` starts a bogus comment
up to the next `>` as in a browser (§13.2.5.42, markup declaration open state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from claims.model import Paragraph
from claims.sources.decode import Unparsable, clean
from claims.sources.htmlrules import (
    BLOCKS,
    FOREIGN,
    HEAD_CONTENT,
    HIDDEN,
    LISTS,
    PREFORMATTED,
    SEPARATED,
    VOID,
    Attrs,
    furniture,
    hides,
    integer,
    list_style,
    marker,
    part,
    screen_reader_only,
)

_COMMENT_END = re.compile("--!?>")
#: Hidden elements holding code or drawings, not text: their text is "script" when kept.
CODE = frozenset(("script", "style", "template", "noscript", "svg", "math", "iframe", "object"))
#: Parts (`Block.part`) whose text for screen readers alone the article reading keeps: pages
#: give the date or byline to sighted readers in an `aria-hidden` copy, never read.
_SHOWN = frozenset(("date", "byline"))
#: Characters of one hidden element's text kept to say what was left out.
UNSEEN_CHARS = 300


@dataclass
class _Item:
    """A list item: its `value` attribute, and the block its number goes in front of."""

    value: int | None
    block: int | None = None


class _Open:
    """Open elements by tag name, innermost last, with a count per name so that asking
    whether one is open, and closing it, cost no more than the elements closed."""

    def __init__(self) -> None:
        self.tags: list[str] = []
        self.counts: dict[str, int] = {}

    def __bool__(self) -> bool:
        return bool(self.tags)

    def __contains__(self, tag: str) -> bool:
        return self.counts.get(tag, 0) > 0

    def only(self, tag: str) -> bool:
        return len(self.tags) == 1 and self.tags[0] == tag

    def push(self, tag: str) -> None:
        self.tags.append(tag)
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def close(self, tag: str) -> int:
        """Close the innermost open `tag` and everything opened inside it; return how many
        elements were closed (0 if no `tag` is open)."""
        if tag not in self:
            return 0
        closed = 0
        while True:
            top = self.tags.pop()
            self.counts[top] -= 1
            closed += 1
            if top == tag:
                return closed

    def clear(self) -> None:
        self.tags.clear()
        self.counts.clear()


@dataclass(frozen=True)
class Block:
    """A paragraph of the page with what surrounds it, for article extraction: its text,
    the 1-based line where it starts, `where` (the innermost furniture label of the
    elements around it, "" if none; see `htmlrules.furniture`), `heading` (1–6 inside
    h1–h6, else 0), `links` (characters of its text inside `<a>`), `article` (inside
    `<article>`, `<main>` or role=main), `part` (the innermost part of an article the
    markup names around it: "byline", "date", "caption", "rating", "sources" or ""; see
    `htmlrules.part`)."""

    text: str
    line: int
    where: str = ""
    heading: int = 0
    links: int = 0
    article: bool = False
    part: str = ""


class _Context:
    """Open visible elements, innermost last, each with the innermost furniture label and
    heading level (h1–h6) of it and the elements around it, and whether it is an article
    root (`<article>`, `<main>`, role=main). Every question costs O(1)."""

    def __init__(self) -> None:
        self.tags = _Open()
        self.labels: list[str] = []
        self.headings: list[int] = []
        self.roots: list[bool] = []
        self.parts: list[str] = []
        self.article = 0  # open article roots

    def push(self, tag: str, attrs: Attrs) -> None:
        if self.tags.tags and self.tags.tags[-1] == tag and tag in _SELF_CLOSING:
            self.close(tag)  # `<li>a<li>b`, `<p>a<p>b`: the new one ends the last
        root = tag in ("article", "main") or ("role", "main") in attrs
        label = "" if root or tag in ("html", "body") else furniture(tag, attrs, self.article > 0)
        level = int(tag[1]) if tag in _HEADINGS else 0
        named = part(tag, attrs)
        self.tags.push(tag)
        self.parts.append(named or (self.parts[-1] if self.parts else ""))
        inherited = self.labels[-1] if self.labels else ""
        if named == "sources":  # an article's own sources, even in its <footer>
            self.labels.append("" if label in ("footer", "page header", "") else label)
        elif named in ("byline", "date") and not label and inherited == "share buttons":
            self.labels.append("")  # the byline of a box "by Jane Doe, date, share on…"
        else:
            self.labels.append(label or (self.labels[-1] if self.labels else ""))
        self.headings.append(level or (self.headings[-1] if self.headings else 0))
        self.roots.append(root)
        self.article += root

    def close(self, tag: str) -> None:
        for _ in range(self.tags.close(tag)):
            self.labels.pop()
            self.parts.pop()
            self.headings.pop()
            self.article -= self.roots.pop()

    def where(self) -> str:
        return self.labels[-1] if self.labels else ""

    def part(self) -> str:
        return self.parts[-1] if self.parts else ""

    def heading(self) -> int:
        return self.headings[-1] if self.headings else 0


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: Elements a start tag of the same name ends (HTML §13.2.6.4.7: `li`, `dd`/`dt`, `p`, `option`).
_SELF_CLOSING = frozenset(("li", "dd", "dt", "p", "option"))


@dataclass
class _List:
    """An open list (its tag is in `_Collector.open_lists`) and the items it owns."""

    style: str | None  # how items are numbered, None for none (see htmlrules.list_style)
    start: int | None
    reversed: bool
    items: list[_Item] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, context: bool = False, unseen: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, int]] = []  # (text, 1-based line)
        self.context = _Context() if context else None  # kept only when asked for
        self.keep_unseen = context or unseen  # keep the text of hidden elements
        self.details: list[Block] = []  # with `context`: one per block
        self.link_chars = 0
        self.in_link = 0
        #: characters of the paragraph being read inside each part an inline element names
        #: (`<time>` in a `<div>`): the part is gone from `context` when the block ends
        self.part_chars: dict[str, int] = {}
        self.unseen: list[tuple[str, str]] = []  # (text, "hidden"/"script"), if kept
        self.unseen_parts: list[str] = []
        self.unseen_size = 0
        self.parts: list[str] = []  # the paragraph being read
        self.has_text = False  # whether `parts` holds anything but white space
        self.start_line = 1
        self.after_br = False  # a <br> and nothing visible since it
        self.hidden = _Open()  # open elements, from the outermost hidden one inwards
        self.pre = 0
        self.open_lists = _Open()  # the tags of `lists`
        self.lists: list[_List] = []
        self.item: _Item | None = None  # a numbered list item still waiting for its text

    # --- the parser's events ------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden.only("head") and tag not in HEAD_CONTENT:
            self.hidden.clear()  # `</head>` is optional: body content ends the head
        if self.hidden:
            if tag not in VOID:
                self.hidden.push(tag)
        elif tag in VOID:
            self._void(tag, attrs)
        elif tag in HIDDEN or hides(tag, attrs):
            self.hidden.push(tag)
        elif self.context and screen_reader_only(attrs) and self.context.part() not in _SHOWN:
            self.hidden.push(tag)  # the article reading: text no sighted reader sees
        else:
            self._open(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        elif tag in FOREIGN or any(foreign in self.hidden for foreign in FOREIGN):
            pass  # `<svg/>`, `<path/>`: empty elements in foreign content, never shown
        else:
            self.handle_starttag(tag, attrs)  # `<div/>` is a start tag in HTML (§13.1.2.1)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            outer = self.hidden.tags[0]
            self.hidden.close(tag)  # and any element left open inside it
            if not self.hidden and self.unseen_parts:
                self._end_unseen(outer)
            return
        if tag == "br":  # `</br>` is read as `<br>` (§13.2.6.4.7)
            self._br()
            return
        if tag in BLOCKS:
            self.flush()
        if self.context is not None:
            self.context.close(tag)
            if tag == "a" and self.in_link:
                self.in_link -= 1
        if tag in PREFORMATTED and self.pre:
            self.pre -= 1
        if tag in LISTS:
            self._close_list(tag)
        elif tag == "li":
            self.item = None
        elif tag in SEPARATED:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            if not self.hidden.only("head") or data.isspace():
                if self.keep_unseen and self.hidden.tags[0] != "head":
                    self._unseen(data)
                return
            self.hidden.clear()  # text in the head ends it, as body content does
        if not data:
            return
        if not data.isprintable():  # line breaks, or controls from character references
            data = clean(data)
        if data.isspace():
            self.parts.append(data if self.pre else " ")
            return
        if not self.has_text:
            self.has_text = True
            lead = len(data) - len(data.lstrip())
            self.start_line = self.getpos()[0] + data.count("\n", 0, lead)
            if self.item is not None:  # the first text of a numbered list item
                self.item.block = len(self.blocks)
                self.item = None
        self.after_br = False
        if self.in_link:
            self.link_chars += len(data.strip())
        if self.context is not None:
            named = self.context.part()
            self.part_chars[named] = self.part_chars.get(named, 0) + len(data.strip())
        self.parts.append(data if self.pre else _edges(data))

    def parse_comment(self, i: int, report: bool = True) -> int:
        """`<!--…`: ends at the first `-->` or `--!>`; `<!-->` and `<!--->` are empty (HTML
        §13.2.5.43–52). The standard library also ends one at `-- >` and not at `--!>`."""
        rawdata = self.rawdata
        for empty in ("<!-->", "<!--->"):
            if rawdata.startswith(empty, i):
                return i + len(empty)
        match = _COMMENT_END.search(rawdata, i + 4)
        return match.end() if match else -1

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """`<![…`: a bogus comment up to the next `>`, as in a browser (HTML §13.2.5.42).
        The standard library raises AssertionError on an unknown keyword here."""
        return self.parse_bogus_comment(i, report)

    # --- what elements do ---------------------------------------------------------------

    def _open(self, tag: str, attrs: Attrs) -> None:
        if tag in BLOCKS:
            self.flush()
        if self.context is not None:
            self.context.push(tag, attrs)
            if tag == "a":
                self.in_link += 1
        if tag in PREFORMATTED:
            self.pre += 1
        if tag in LISTS:
            values = dict(attrs)
            start = integer(values.get("start"))
            style = list_style(tag, attrs)
            self.lists.append(_List(style, start, "reversed" in values))
            self.open_lists.push(tag)
        elif tag == "li":
            self.item = None
            if self.lists:
                item = _Item(integer(dict(attrs).get("value")))
                self.lists[-1].items.append(item)
                if self.lists[-1].style is not None:
                    self.item = item
        elif tag in SEPARATED:
            self.parts.append(" ")
            self.after_br = False

    def _void(self, tag: str, attrs: Attrs) -> None:
        if hides(tag, attrs):
            return
        if tag == "br":
            self._br()
        elif tag in BLOCKS:  # hr
            self.flush()
        elif tag in SEPARATED:
            self.parts.append(" ")
            self.after_br = False

    def _br(self) -> None:
        """One `<br>` breaks the line; a second with nothing visible between them ends the
        paragraph, as a blank line does in a text file."""
        if self.after_br:
            self.flush()
        else:
            self.parts.append("\n")
            self.after_br = True

    def _close_list(self, tag: str) -> None:
        """Number the items of the innermost open list `tag` (and of lists left open in it)."""
        for _ in range(self.open_lists.close(tag)):
            self._number(self.lists.pop())
            self.item = None

    def _number(self, items: _List) -> None:
        """Put each item's marker in front of its first paragraph: the ordinal values of
        HTML §4.4.8 (start, or the item count if reversed, or 1; a `value` resets it)."""
        if items.style is None:
            return
        step = -1 if items.reversed else 1
        if items.start is not None:
            number = items.start
        else:
            number = len(items.items) if items.reversed else 1
        for item in items.items:
            if item.value is not None:
                number = item.value
            if item.block is not None:
                text, line = self.blocks[item.block]
                self.blocks[item.block] = (marker(number, items.style) + text, line)
            number += step

    def flush(self) -> None:
        """End the paragraph being read; keep it if it holds any text."""
        if self.has_text:
            raw = "".join(self.parts)
            if self.pre:
                text = raw.strip("\n").rstrip()
            else:  # collapse spaces, keep <br> line breaks
                lines = (" ".join(line.split()) for line in raw.split("\n"))
                text = "\n".join(lines).strip()
            if text:
                self.blocks.append((text, self.start_line))
                if self.context is not None:
                    self.details.append(self._detail(text))
        self.parts = []
        self.link_chars = 0
        self.part_chars = {}
        self.has_text = False
        self.after_br = False

    def _unseen(self, data: str) -> None:
        """Keep (up to UNSEEN_CHARS) the text of the hidden element being read."""
        if self.unseen_size < UNSEEN_CHARS and not data.isspace():
            self.unseen_parts.append(data[: UNSEEN_CHARS - self.unseen_size])
            self.unseen_size += len(self.unseen_parts[-1])

    def _end_unseen(self, outer: str) -> None:
        text = " ".join(" ".join(self.unseen_parts).split())
        self.unseen_parts, self.unseen_size = [], 0
        if text:
            self.unseen.append((text, "script" if outer in CODE else "hidden"))

    def _detail(self, text: str) -> Block:
        assert self.context is not None
        context = self.context
        article = context.article > 0
        where, heading, part = context.where(), context.heading(), context.part()
        if not part and self.part_chars:  # an inline element naming a part holds most of it
            named, chars = max(self.part_chars.items(), key=lambda item: item[1])
            part = named if 2 * chars > sum(self.part_chars.values()) else ""
        return Block(text, self.start_line, where, heading, self.link_chars, article, part)

    def finish(self) -> None:
        """After the parser has seen the whole text: what is left, then open lists."""
        tail = self.rawdata
        self.rawdata = ""
        if tail in ("<", "</"):
            self.handle_data(tail)  # "<" at the end is text (HTML §13.2.5.6)
        elif tail and not self.cdata_elem and not tail.startswith("<"):
            self.rawdata = tail  # text held back for a character reference cut in two
            self.close()
        # Anything else is unterminated markup (a tag, comment, `<!`, `<?`) or the
        # unterminated content of a script or style: a browser shows none of it.
        self.flush()
        while self.lists:
            self._number(self.lists.pop())


def _edges(data: str) -> str:
    """Collapse white space inside `data`, keeping one space where it had any at its ends."""
    core = " ".join(data.split())
    lead = " " if data[:1].isspace() else ""
    trail = " " if data[-1:].isspace() else ""
    return lead + core + trail


def blocks(text: str, unseen: list[tuple[str, str]] | None = None) -> list[tuple[str, int]]:
    """The paragraphs of HTML `text` as (plain text, 1-based line where the text starts):
    the whole page as a browser shows it (`nav`, `header`, `footer`, `aside` included). If
    `unseen` is given, the text of each element left out is
    added to it as `detailed` adds it. Raises `Unparsable` if the standard library's
    parser fails on the text."""
    collector = _Collector(unseen=unseen is not None)
    try:
        collector.feed(text)
        collector.finish()
    except AssertionError as exc:  # the parser's own checks (`_markupbase`)
        raise Unparsable(f"the HTML parser failed on it ({exc})") from None
    if unseen is not None:
        unseen.extend(collector.unseen)
    return collector.blocks


def detailed(text: str, unseen: list[tuple[str, str]] | None = None) -> list[Block]:
    """The paragraphs of HTML `text` as `Block`s, with what surrounds each (a block in a
    `<nav>` carries `where="navigation"`, so that the article reading can say what it left
    out). Unlike `blocks`, text for screen readers alone (`htmlrules.screen_reader_only`)
    is hidden unless it is in a date or byline (`_SHOWN`), which pages give sighted readers
    in an `aria-hidden` copy. If `unseen` is given, the text of each hidden element is
    added to it as (first UNSEEN_CHARS characters, white space collapsed; "script" for
    code and drawings, else "hidden"). Raises `Unparsable` as `blocks` does."""
    collector = _Collector(context=True)
    try:
        collector.feed(text)
        collector.finish()
    except AssertionError as exc:
        raise Unparsable(f"the HTML parser failed on it ({exc})") from None
    if unseen is not None:
        unseen.extend(collector.unseen)
    # numbered list items had their marker put in front after the fact: take the final text
    return [
        Block(text, line, d.where, d.heading, d.links, d.article, d.part)
        for (text, line), d in zip(collector.blocks, collector.details, strict=True)
    ]


def paragraphs(text: str, unseen: list[tuple[str, str]] | None = None) -> list[Paragraph]:
    """The paragraphs of an HTML file (the whole page, as `blocks` reads it), numbered from
    1, each with the 1-based line where its text starts; `unseen` as for `blocks`. Raises
    `Unparsable` if the standard library's parser fails on the text."""
    found = blocks(text, unseen)
    return [Paragraph(n, block, line) for n, (block, line) in enumerate(found, 1)]
