"""A source document: its paragraphs, and one searchable text of them all.

Quotes are searched in `text`: the paragraphs joined by a NUL, which no paragraph can hold
(controls were made visible on reading) and no quote can hold either, so a match never
spans two paragraphs. `locate` maps an offset in `text` back to (paragraph, offset).
"""

from __future__ import annotations

import hashlib
import importlib
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from claims.anchoring.normalize import NormalText, normalize
from claims.model import Paragraph
from claims.paths import SOURCE_LIMIT, Refused, read_regular
from claims.sources import cache, plaintext
from claims.sources.charset import html_text
from claims.sources.decode import NotUtf8, Unparsable, clean, decode

SEPARATOR = "\x00"
FIX_PATH = "fix the `file:` path; it is relative to casebook.yaml"
# Readers by file ending, imported when first needed (markdown-it takes 30 ms to import).
READERS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",  # never read as text, whatever its bytes (claims/sources/pdf.py)
}
#: Readers whose readings go to the on-disk cache, and the cache's kind for them.
CACHED = {"html", "pdf"}


class SourceUnreadable(Exception):
    """A source file that cannot be read: missing, unreadable, not UTF-8 (a text or
    Markdown file), or its markup beyond what the parser can read."""

    def __init__(self, reason: str, hint: str) -> None:
        self.reason = reason
        self.hint = hint
        super().__init__(reason)


@dataclass(frozen=True)
class Dropped:
    """A block of the page that is not part of the article, and why.

    `reason` is one of: "furniture" (menus, footers, banners, share rails, related links,
    comment forms: page parts around the article), "not-article" (a block outside the
    article's span that no rule names), "duplicate" (a block repeating an earlier one word
    for word, e.g. a caption shown twice), "hidden" (`hidden`, `aria-hidden`,
    `display:none`: its first 300 characters), "script" (script, style, template,
    noscript, svg: its first 300 characters), "whole-page" (no article was found: this
    record, with empty `text`, says the whole page was kept instead), "undecodable" (bytes
    the page's encoding cannot decode, shown as U+FFFD as a browser shows them: `text`
    says how many and where the first is, `where` names the encoding). `where` is a short
    human label ("navigation", "footer", "cookie banner", "related links", "breadcrumbs",
    "links" for a block of mostly links, ...) or "" when not known (always for hidden text
    and scripts). HTML read whole (`extract: page`) has only "hidden", "script" and
    "undecodable". A PDF's (`claims.sources.pdf`): "furniture" (`where` "running header",
    "running footer" or "page number", one record per distinct text naming its pages),
    "no-text" (a page without text), "damaged" (a page or streams that could not be read)
    and "capped" (a bound reached: pages, time, unpacked bytes, nested saves; `text` says
    what was left out). Text and Markdown have none."""

    text: str
    reason: str
    where: str = ""


@dataclass
class Document:
    paragraphs: list[Paragraph]
    dropped: list[Dropped] = field(default_factory=list)
    text: str = ""
    starts: list[int] = field(default_factory=list)
    _normalized: NormalText | None = None
    _index: object = None  # claims.anchoring.candidates.WordIndex, built on first need

    def __post_init__(self) -> None:
        self.text = SEPARATOR.join(p.text for p in self.paragraphs)
        offset = 0
        self.starts = []
        for paragraph in self.paragraphs:
            self.starts.append(offset)
            offset += len(paragraph.text) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """(1-based paragraph number, offset inside it) of an offset into `text`."""
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]

    @property
    def normalized(self) -> NormalText:
        """`text` normalised by rule 2, with the map back to it (computed once)."""
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


def read_document(path: Path, extract: str = "article") -> Document:
    """The file at `path` as a Document of paragraphs numbered from 1, read by the reader
    for its ending. For HTML, `extract` is "article" (the article a reader sees; what was
    left out is in `Document.dropped`) or "page" (every visible block); other readers
    ignore it. An HTML reading is kept in the on-disk cache (`claims.sources.cache`) and
    taken from it next time the same bytes are read with the same reader. HTML is decoded
    as a browser decodes it (`claims.sources.charset`: byte order mark, then `<meta
    charset>`, else UTF-8; bytes it cannot decode become U+FFFD, and `dropped` says so);
    other files must be UTF-8. Raises SourceUnreadable (with a reason and a hint) if it
    cannot be: missing, unreadable, not a regular file (a FIFO is refused, never opened
    for a read that would block), over `SOURCE_LIMIT` bytes, not UTF-8 (text and
    Markdown), or its markup unreadable; a `.pdf` (never read as text) that is not a PDF,
    is cut short, damaged, encrypted with a password needed to open it, or has no text
    (`claims.sources.pdf`). A PDF's reading is cached on disk like an HTML one."""
    try:
        raw = read_regular(path, SOURCE_LIMIT, "a source")
    except Refused as why:
        raise SourceUnreadable(*_refusal(why)) from None
    name = READERS.get(path.suffix.lower())
    content = hashlib.sha256(raw).hexdigest()
    key = (name, extract, content)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    document = None
    if name in CACHED:
        kind = "pdf" if name == "pdf" else _kind(extract)
        document = cache.load(content, kind, lambda value: decoded(value, raw, name == "pdf"))
    if document is None:
        document = _read(raw, name, extract)
        if name in CACHED and not _timed_out(document):
            cache.store(content, kind, encoded(document))
    _remember(key, document, len(raw))
    return document


def _timed_out(document: Document) -> bool:
    """Whether a reading was cut short by a time limit: that depends on how busy the machine
    was, so it is not cached (a later reading may get further); other bounds (pages, sizes)
    depend on the file alone."""
    return any(
        d.reason == "capped" and (d.where == "time" or "took more than" in d.text)
        for d in document.dropped
    )


def _kind(extract: str) -> str:
    return "article" if extract == "article" else "page"


def _read(raw: bytes, name: str | None, extract: str) -> Document:
    """The Document of the file's bytes `raw`, read by reader `name` (see `read_document`)."""
    if name == "pdf":
        from claims.sources import pdf

        return Document(*pdf.read(raw))
    if name == "html":
        text, undecodable = _html(raw)
    else:
        undecodable = []
        try:
            text = decode(raw)
        except NotUtf8 as exc:
            hint = "convert the file to UTF-8 (e.g. iconv)"
            raise SourceUnreadable(f"it is {exc}", hint) from None
    reader = importlib.import_module(f"claims.sources.{name}") if name else plaintext
    dropped: list[Dropped] = []
    try:
        if name == "html" and extract == "article":
            paragraphs, dropped = _article(text)
        elif name == "html":
            paragraphs, dropped = _page(text)
        else:
            paragraphs = reader.paragraphs(text)
    except Unparsable as exc:
        raise SourceUnreadable(str(exc), "check the file's markup") from None
    return Document(paragraphs, undecodable + dropped)


def html_source_text(raw: bytes) -> str:
    """An HTML file's bytes as the text its readers read: decoded as a browser decodes
    them (`claims.sources.charset.html_text`), CRLF and CR made LF, form feeds and
    vertical tabs made spaces, other controls made visible. Never raises."""
    return _html(raw)[0]


def _html(raw: bytes) -> tuple[str, list[Dropped]]:
    """`html_source_text`, and a record of reason "undecodable" when bytes were replaced."""
    found = html_text(raw)
    text = found.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not found.replaced:
        return clean(text), []
    first = text.find("\ufffd")
    line = text.count("\n", 0, first) + 1
    what = f"{found.replaced} byte sequence" + ("s" if found.replaced > 1 else "")
    note = f"{what} not valid {found.encoding}, shown as \ufffd (the first on line {line})"
    return clean(text), [Dropped(note, "undecodable", found.encoding)]


def encoded(document: Document) -> dict[str, list[list[str | int | None]]]:
    """`document` as JSON-able data for the cache: {"paragraphs": [[text, line], ...],
    "dropped": [[text, reason, where], ...]} (paragraphs numbered by their place); a
    paragraph with a page is [text, line, page, page_paragraph, page_end]."""
    return {
        "paragraphs": [_paragraph_row(p) for p in document.paragraphs],
        "dropped": [[d.text, d.reason, d.where] for d in document.dropped],
    }


def _paragraph_row(p: Paragraph) -> list[str | int | None]:
    if p.page is None:
        return [p.text, p.line]
    return [p.text, p.line, p.page, p.page_paragraph, p.page_end]


def decoded(value: object, raw: bytes, paged: bool = False) -> Document:
    """The Document `encoded` gave `value`, for the file of bytes `raw`. Raises ValueError
    unless every part has its shape: texts without a NUL (`SEPARATOR`), lines from 1 to
    the file's line count; when `paged` (a PDF), every paragraph with a page label (str),
    a number on its page (int from 1) and a page_end (str or None), and lines (physical
    pages) from 1 on, never going back."""
    if not isinstance(value, dict):
        raise ValueError("not an object")
    lines = raw.count(b"\n") + 1
    paragraphs: list[Paragraph] = []
    for number, item in enumerate(value["paragraphs"], 1):
        text, line, *pages = item
        if not isinstance(text, str) or SEPARATOR in text or type(line) is not int:
            raise ValueError("bad paragraph")
        if paged:
            paragraphs.append(_paged(number, text, line, pages, paragraphs))
            continue
        if pages or not 1 <= line <= lines:
            raise ValueError("line outside the file")
        paragraphs.append(Paragraph(number, text, line))
    dropped = []
    for item in value["dropped"]:
        text, reason, where = item
        if not (isinstance(text, str) and isinstance(reason, str) and isinstance(where, str)):
            raise ValueError("bad dropped block")
        dropped.append(Dropped(text, reason, where))
    return Document(paragraphs, dropped)


def _paged(
    number: int, text: str, line: int, pages: list[object], before: list[Paragraph]
) -> Paragraph:
    """A PDF's paragraph from its cached fields; ValueError unless they have their shapes."""
    page, on_page, end = pages
    if not (isinstance(page, str) and type(on_page) is int and on_page >= 1):
        raise ValueError("bad page")
    if not (end is None or isinstance(end, str)) or line < (before[-1].line if before else 1):
        raise ValueError("bad page")
    return Paragraph(number, text, line, page, on_page, end)


def _article(text: str) -> tuple[list[Paragraph], list[Dropped]]:
    """The article's paragraphs of HTML `text`, numbered from 1, and what was left out; the
    whole page (as `extract: page` reads it) when no article is found."""
    from claims.sources import article

    found = article.article(text)
    if found.whole_page:
        paragraphs, unseen = _page(text)
        return paragraphs, [d for d in found.dropped if d.reason == "whole-page"] + unseen
    paragraphs = [Paragraph(n, b.text, b.line) for n, b in enumerate(found.blocks, 1)]
    return paragraphs, found.dropped


def _page(text: str) -> tuple[list[Paragraph], list[Dropped]]:
    """The whole page's paragraphs of HTML `text` (`extract: page`), numbered from 1, and
    the text a browser does not show (hidden elements, scripts, styles), each a Dropped."""
    from claims.sources import html

    unseen: list[tuple[str, str]] = []
    paragraphs = html.paragraphs(text, unseen)
    return paragraphs, [Dropped(text, reason) for text, reason in unseen]


def _refusal(why: Refused) -> tuple[str, str]:
    """(reason, hint) for a source file `read_regular` refused."""
    if why.missing:
        return "the file does not exist", FIX_PATH
    if why.reason == "permission denied":
        return "it cannot be read (permission denied)", "check the file's permissions"
    if why.reason.startswith("it is not a regular file") or "directory" in why.reason:
        return why.reason, FIX_PATH + "; a source must be a regular file"
    if "more than" in why.reason:
        return why.reason, "cut the source to the part the casebook cites, or split it"
    return f"it cannot be read ({why.reason})", "check the file"


#: Documents read, by reader, extract mode and content hash (SHA-256), newest last: a reload
#: (the app reloads on every change) gets back an unchanged source with its normalised text and
#: word index already built. Bounded by the bytes of the files behind them.
_CACHE: OrderedDict[tuple[str | None, str, str], Document] = OrderedDict()
_CACHE_SIZES: dict[tuple[str | None, str, str], int] = {}
CACHE_BYTES = 64 * 1024 * 1024


def _remember(key: tuple[str | None, str, str], document: Document, size: int) -> None:
    _CACHE[key] = document
    _CACHE_SIZES[key] = size
    while sum(_CACHE_SIZES.values()) > CACHE_BYTES and len(_CACHE) > 1:
        old, _ = _CACHE.popitem(last=False)
        del _CACHE_SIZES[old]
