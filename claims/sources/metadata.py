"""A saved web page's own metadata: title, publication date, author, outlet, canonical URL.

Read from the page's `<head>` and body as the page states them:

- title: JSON-LD `headline`, `og:title`, `twitter:title`, the first `<h1>`, `<title>`
  (the `<h1>` first when one of the others agrees with it), a trailing " - Outlet" cut;
- published: `article:published_time`, JSON-LD `datePublished` (in `@graph` and lists
  too), other publication-date meta tags, `itemprop="datePublished"`, `<time datetime>`,
  then a date written out in an element named for it ("Published 7:07 PM EST Nov 19,
  2019"); the page's own calendar date (the time is not kept: the model holds a date);
- author: a named person from JSON-LD `author`, microdata, `<meta name="author">` and
  the like, or the visible byline, before a generic author (the site, "Staff");
- outlet: JSON-LD `publisher`, `og:site_name`, `application-name`, the `<title>`'s suffix;
- url: `<link rel="canonical">`, `og:url`: only a plain http(s) address (the rule of
  `--url` and `check`'s `bad-url`, `claims.addresses.url_fault`); a relative one is
  resolved against the page's `<base href>`, else its `og:url`, when that is an http(s)
  address, and left out otherwise.

The casebook always wins: `fill` only sets what a source's YAML leaves out. Every value is
plain text: tags stripped, white space collapsed, controls made visible
(`claims.text.sanitize`), cut to `LIMIT` characters; it is still untrusted, and goes out
through `claims.text.shown`/`steady` like any casebook text. Reading never raises: a page
lxml cannot parse, broken or deeply nested JSON-LD, gives what could be read (possibly
nothing); `claims.sources.jsonld` limits what JSON-LD is read. Which of several stated
values wins (a person over the site as author, the outlet the `<title>` agrees with, …) is
decided by the rules in `claims.sources.pagefacts`.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import os
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from claims.model import Source
from claims.paths import SOURCE_LIMIT, Refused, read_regular
from claims.sources import cache, jsonld, pagefacts
from claims.sources.document import html_source_text
from claims.text import sanitize

#: The longest value kept, in characters (a longer one is cut, ending in "…").
LIMIT = 300
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


_META_DATES = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publish-date",
    "publisheddate",
    "dc.date",
    "dc.date.issued",
    "date",
    "sailthru.date",
)
_META_AUTHORS = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
)


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
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    url = _url(canonical, base, meta.get("og:url")) or _url(meta.get("og:url"), base)
    host = urlsplit(url).hostname if url else None
    ld = jsonld.json_ld(root)
    articles = [node for node in ld if jsonld.is_article(node)]
    ordered = articles + [node for node in ld if not jsonld.is_article(node)]
    by_id = {n["@id"]: n for n in ld if isinstance(n.get("@id"), str) and len(n) > 1}
    # -- title and outlet
    h1 = next((t for h in root.iter("h1") if (t := plain(h.text_content()))), None)
    title_tag = next((plain(t.text_content()) for t in root.iter("title")), None)
    headlines = [
        h
        for h in (
            next((_ld_text(n.get("headline")) for n in articles if n.get("headline")), None),
            plain(meta.get("og:title")),
            plain(meta.get("twitter:title")),
            h1,
        )
        if h
    ]
    suffix = pagefacts.site_suffix(title_tag, headlines)
    outlets = [*_ld_publishers(ordered, by_id)]
    outlets += [
        v
        for key in ("og:site_name", "application-name", "apple-mobile-web-app-title")
        if (v := plain(meta.get(key)))
    ]
    outlet = pagefacts.choose_outlet(outlets, suffix, host)
    if outlet is None:  # an organisation in the byline ("By A. Writer / Associated Press")
        organisations = pagefacts.visible_byline(root, None)[2]
        outlet = pagefacts.choose_outlet(organisations[:1], None, host)
    # the headline a reader sees: the first <h1> when a stated title agrees with it
    agreed = h1 is not None and any(pagefacts.norm(h) == pagefacts.norm(h1) for h in headlines[:-1])
    title = h1 if agreed else next(iter(headlines), None) or title_tag
    title = pagefacts.strip_suffix(title, [outlet, suffix])
    # -- date
    published = _date(meta.get("article:published_time")) or _first_date(ordered, "datePublished")
    for key in _META_DATES:
        if published is None:
            value = meta.get(key)
            published = _date(value) or (
                pagefacts.written_date(value) if isinstance(value, str) else None
            )
    if published is None:
        for element in root.xpath("//*[@itemprop]"):
            if element.get("itemprop") == "datePublished":
                published = _date(element.get("content") or element.get("datetime"))
                if published is not None:
                    break
    if published is None:
        published = next(
            (d for t in root.iter("time") if (d := _date(t.get("datetime"))) is not None), None
        )
    if published is None:
        published = pagefacts.visible_date(root)
    author = _author(root, meta, articles, by_id, outlet)
    return PageMetadata(title, published, author, outlet, url)


def _ld_text(value: object) -> str | None:
    """A JSON-LD string as plain text (HTML entities in it decoded: `&#039;` -> `'`)."""
    return plain(html.unescape(value)) if isinstance(value, str) else None


def _ld_publishers(ld: list[dict[str, Any]], by_id: dict[str, dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for node in ld:
        value = node.get("publisher")
        items = value if isinstance(value, list) else [value]
        found += _names([jsonld.resolve(item, by_id) for item in items[:20]])
    return found


def _author(
    root: Any,
    meta: dict[str, str],
    articles: list[dict[str, Any]],
    by_id: dict[str, dict[str, Any]],
    outlet: str | None,
) -> str | None:
    """The page's author: a named person wherever named (JSON-LD, microdata, meta tags,
    the visible byline), else a generic author (an organisation, "Staff")."""
    persons: list[list[str]] = []
    generic: list[str] = []

    def sort(names: list[str], organisation: bool = False) -> None:
        names = [n for n in (pagefacts.clean_name(n, outlet) for n in names) if n]
        people = [n for n in names if not organisation and not pagefacts.generic(n, outlet)]
        if people:
            persons.append(people)
        generic.extend(n for n in names if n not in people)

    for node in articles:
        value = node.get("author")
        items = [jsonld.resolve(i, by_id) for i in (value if isinstance(value, list) else [value])]
        people = [i for i in items[:20] if not jsonld.organisation(i)]
        sort(_names(people))
        sort(_names([i for i in items[:20] if jsonld.organisation(i)]), organisation=True)
        if persons:
            break
    people_ld = list(persons)
    micro = [
        _microdata_name(e)
        for e in root.xpath("//*[@itemprop]")
        if "author" in (e.get("itemprop") or "").split()
    ]
    sort([m for m in micro if m][:20])
    for key in _META_AUTHORS:
        value = meta.get(key)
        if value and not value.strip().lower().startswith(("http://", "https://")):
            sort([v for v in [plain(value)] if v])
    byline, by, _ = pagefacts.visible_byline(root, outlet)
    sort(byline)
    if persons:
        chosen = persons[0]
        line = pagefacts.join_names(byline) or ""
        if (
            people_ld
            and chosen is people_ld[0]
            and by
            and byline
            and len(line) > len(pagefacts.join_names(chosen) or "")
            and all(pagefacts.norm(n) in pagefacts.norm(line) for n in chosen)
        ):
            chosen = byline
        return plain(pagefacts.join_names(chosen))
    return plain(pagefacts.join_names(generic[:1]))


def _microdata_name(element: Any) -> str | None:
    for inner in element.iter():
        if isinstance(inner.tag, str) and "name" in (inner.get("itemprop") or "").split():
            return plain(inner.get("content") or inner.text_content())
    return plain(element.get("content") or element.text_content())


def _url(value: object, *bases: object) -> str | None:
    """`value` if it is a plain http(s) address (`claims.addresses.url_fault`); a relative
    one resolved against the first of `bases` that is one; else None."""
    from claims.addresses import url_fault  # claims.addresses imports this module

    text = plain(value)
    if text is None:
        return None
    if url_fault(text) is None:
        return text.strip()
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        return None  # another scheme (`javascript:`, `data:`), or a broken http(s) one
    for base in bases:
        absolute = _url(base)
        if absolute is not None:
            try:
                joined = urljoin(absolute, text.strip())
            except ValueError:
                return None
            return joined if url_fault(joined) is None else None
    return None


def _first_date(ld: list[dict[str, Any]], key: str) -> dt.date | None:
    return next((d for node in ld if (d := _date(node.get(key))) is not None), None)


def _names(value: object) -> list[str]:
    """Names in a JSON-LD `author`/`publisher` value: a string, an object with `name`, or
    a list of those."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        name = item.get("name") if isinstance(item, dict) else item
        text = _ld_text(name)
        if text is not None and not text.lower().startswith(("http://", "https://")):
            names.append(text)
    return names


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
        raw = read_regular(path, SOURCE_LIMIT, "a source")
        page = cache.page_metadata(raw, lambda data: page_metadata(html_source_text(data)))
    except Refused:
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
