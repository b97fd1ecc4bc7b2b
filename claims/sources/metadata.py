"""A saved web page's own metadata: title, publication date, author, outlet, canonical URL.

Read from the page's `<head>` and body as the page states them, the first found winning:

- title: `og:title`, `<title>`, the first `<h1>`;
- published: `article:published_time`, JSON-LD `datePublished` (in `@graph` and lists
  too), `<time datetime>`;
- author: `<meta name="author">`, `article:author` (when it is a name, not a URL), JSON-LD
  `author` name(s);
- outlet: `og:site_name`, JSON-LD `publisher.name`;
- url: `<link rel="canonical">`, `og:url`.

The casebook always wins: `fill` only sets what a source's YAML leaves out. Every value is
plain text: tags stripped, white space collapsed, controls made visible
(`claims.text.sanitize`), cut to `LIMIT` characters; it is still untrusted, and goes out
through `claims.text.shown`/`steady` like any casebook text. Reading never raises: a page
lxml cannot parse, broken or deeply nested JSON-LD, gives what could be read (possibly
nothing). JSON-LD blocks over `JSON_LIMIT` characters are skipped.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claims.model import Source
from claims.paths import SOURCE_LIMIT, Refused, read_regular
from claims.sources.decode import NotUtf8, decode
from claims.text import sanitize

#: The longest value kept, in characters (a longer one is cut, ending in "…").
LIMIT = 300
#: The biggest JSON-LD block parsed, in characters.
JSON_LIMIT = 1_000_000
#: JSON-LD objects looked at, at most, in one page.
JSON_NODES = 10_000
HTML_ENDINGS = (".html", ".htm")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself; None where it says nothing. `published` is the
    date part of the first publication time found (the page's own calendar date)."""

    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, str]:
        """The values found, by casebook key (`title`, `published` ISO, `author`, `outlet`,
        `url`), in that order; keys with no value left out."""
        values = {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "author": self.author,
            "outlet": self.outlet,
            "url": self.url,
        }
        return {k: v for k, v in values.items() if v}


EMPTY = PageMetadata()


def plain(value: object) -> str | None:
    """`value` as one line of plain text: tags stripped, white space collapsed, controls
    made visible, at most `LIMIT` characters; None when nothing is left."""
    if not isinstance(value, str):
        return None
    text = value[: LIMIT * 20]
    if "<" in text:
        text = re.sub(r"<[^>]*>?", " ", text)
    text = " ".join(sanitize(" ".join(text.split())).split())
    if len(text) > LIMIT:
        text = text[: LIMIT - 1].rstrip() + "…"
    return text or None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip()[:40])
    if match is None or not 1800 <= int(match[1]) <= 2999:  # 0001-01-01: a CMS's "none"
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def page_metadata(html: str) -> PageMetadata:
    """The metadata `html` (a whole page, as text) states; `EMPTY` if none or it cannot
    be parsed. Never raises."""
    try:  # lxml has no type stubs: taken as Any
        lxml_html: Any = importlib.import_module("lxml.html")
        etree: Any = importlib.import_module("lxml.etree")
    except ImportError:  # pragma: no cover - lxml comes with the HTML extractor
        return EMPTY
    if not html.strip():
        return EMPTY
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.LxmlError, ValueError, RecursionError):
        return EMPTY
    try:
        return _read(root)
    except (etree.LxmlError, ValueError, RecursionError, TypeError):
        return EMPTY


def _read(root: Any) -> PageMetadata:
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = element.get("content")
        if key and content is not None and key not in meta:
            meta[key] = content
    canonical = None
    for element in root.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            canonical = element.get("href")
            break
    ld = _json_ld(root)
    title = plain(meta.get("og:title")) or plain(meta.get("twitter:title"))
    if title is None:
        title = next((plain(t.text_content()) for t in root.iter("title")), None)
    if title is None:
        title = next((plain(h.text_content()) for h in root.iter("h1")), None)
    published = _date(meta.get("article:published_time")) or _first_date(ld, "datePublished")
    if published is None:
        published = next(
            (d for t in root.iter("time") if (d := _date(t.get("datetime"))) is not None), None
        )
    article_author = meta.get("article:author")
    if article_author and article_author.strip().lower().startswith(("http://", "https://")):
        article_author = None
    author = plain(meta.get("author")) or plain(article_author) or _ld_authors(ld)
    outlet = plain(meta.get("og:site_name")) or _ld_publisher(ld)
    url = _url(canonical) or _url(meta.get("og:url"))
    return PageMetadata(title, published, author, outlet, url)


def _url(value: object) -> str | None:
    text = plain(value)
    return text if text is not None and " " not in text else None


def _json_ld(root: Any) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks (`@graph` and lists opened), at most
    `JSON_NODES`, outermost first."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > JSON_LIMIT:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for node in _objects(data):
            found.append(node)
            if len(found) >= JSON_NODES:
                return found
    return found


def _objects(data: object) -> Iterator[dict[str, Any]]:
    """Top-level objects of a JSON-LD block: lists and `@graph` opened, breadth first,
    without recursion (no depth can overflow the stack)."""
    queue = [data]
    seen = 0
    while queue and seen < JSON_NODES:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item[:JSON_NODES])
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                queue.append(graph)


def _first_date(ld: list[dict[str, Any]], key: str) -> dt.date | None:
    return next((d for node in ld if (d := _date(node.get(key))) is not None), None)


def _names(value: object) -> list[str]:
    """Names in a JSON-LD `author`/`publisher` value: a string, an object with `name`, or
    a list of those."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        name = item.get("name") if isinstance(item, dict) else item
        text = plain(name)
        if text is not None and not text.lower().startswith(("http://", "https://")):
            names.append(text)
    return names


def _ld_authors(ld: list[dict[str, Any]]) -> str | None:
    for node in ld:
        names = list(dict.fromkeys(_names(node.get("author"))))
        if names:
            return plain(", ".join(names))
    return None


def _ld_publisher(ld: list[dict[str, Any]]) -> str | None:
    for node in ld:
        names = _names(node.get("publisher"))
        if names:
            return names[0]
    return None


# -- a source's page, read once per version of its file ------------------------------------

_PAGES: dict[Path, tuple[tuple[int, int], PageMetadata]] = {}
_PAGES_LOCK = threading.Lock()
_PAGES_MAX = 512


def read_metadata(path: Path) -> PageMetadata:
    """The metadata of the HTML file at `path` (`EMPTY` for other endings, or a file that
    cannot be read). Remembered per path until the file's size or modification time
    changes, so asking again costs one `stat`. Never raises."""
    if path.suffix.lower() not in HTML_ENDINGS:
        return EMPTY
    try:
        info = os.stat(path)
    except OSError:
        return EMPTY
    stamp = (info.st_mtime_ns, info.st_size)
    with _PAGES_LOCK:
        known = _PAGES.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        page = page_metadata(decode(read_regular(path, SOURCE_LIMIT, "a source")))
    except (Refused, NotUtf8):
        page = EMPTY
    with _PAGES_LOCK:
        if len(_PAGES) >= _PAGES_MAX:
            _PAGES.clear()
        _PAGES[path] = (stamp, page)
    return page


def fill(source: Source, page: PageMetadata | None = None) -> Source:
    """`source` with what its YAML leaves out taken from its page (`page`, else the
    metadata of `source.path` via `read_metadata`): title (when the YAML has no `title:`,
    the loader's default, the file name, gives way), published, author, outlet, url. The
    YAML always wins. `kind` is never guessed. Never raises."""
    own_title = "title" in source.locs or source.title != Path(source.file).name
    if own_title and all((source.published, source.author, source.outlet, source.url)):
        return source
    if page is None:
        page = read_metadata(source.path) if source.path is not None else EMPTY
    if page == EMPTY:
        return source
    return replace(
        source,
        title=source.title if own_title or not page.title else page.title,
        published=source.published or page.published,
        author=source.author or page.author,
        outlet=source.outlet or page.outlet,
        url=source.url or page.url,
    )
