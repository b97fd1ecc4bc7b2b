"""How a quote's source is cited: one plain-text string per use, built the same way for the
app's cards, its `y` copy and `contested show`.

Nothing here is safe to print as it is: every string comes from the casebook, so callers
put it out through `claims.text.shown`/`steady` (the app, `show`) like all casebook text.
The one exception is `web_address`, which returns a URL only when it is a plain http(s)
address, fit to be made a terminal hyperlink.

What a source's YAML leaves out (title, outlet, author, date, URL) is taken from its page's
own metadata when it is an HTML file (`claims.sources.metadata.fill`; the YAML always wins).
"""

from __future__ import annotations

import re

from claims.model import Source
from claims.sources.metadata import fill

#: A URL that may become a hyperlink: http or https, then printable ASCII without spaces,
#: quotes or angle brackets (nothing a terminal's OSC 8 sequence could be cut short by).
_WEB = re.compile(r"https?://[!#-;=?-~]+", re.ASCII)


def web_address(url: str | None) -> str | None:
    """`url` if it is an http or https address of printable ASCII (no spaces, quotes,
    angle brackets or control characters), else None. Case of the scheme is ignored."""
    if not url:
        return None
    url = url.strip()
    return url if _WEB.fullmatch(url.lower()[:8] + url[8:]) else None


def details(source: Source | None) -> str:
    """What a card shows under its citation: "Outlet · Author · kind · date", the parts
    the source has (an empty string when it has none), its page's metadata filling in."""
    if source is None:
        return ""
    source = fill(source)
    parts = [source.outlet, source.author, source.kind]
    if source.published:
        parts.append(source.published.isoformat())
    return " · ".join(p.strip() for p in parts if p and p.strip())


def citation(source: Source | None, source_id: str, paragraph: int | None = None) -> str:
    """A full citation: "Title, Outlet, Author, date, ¶N, URL", the parts the source has
    (an undeclared source is cited by its id; its page's metadata fills in what the YAML
    leaves out). `paragraph` is 1-based."""
    if source is not None:
        source = fill(source)
    if source is None:
        parts: list[str | None] = [source_id]
    else:
        date = source.published.isoformat() if source.published else None
        parts = [source.title, source.outlet, source.author, date]
    if paragraph is not None:
        parts.append(f"¶{paragraph}")
    if source is not None:
        parts.append(source.url)
    return ", ".join(" ".join(p.split()) for p in parts if p and p.strip())


def quoted(quote: str, source: Source | None, source_id: str, paragraph: int | None) -> str:
    """A quote with its citation, on one line: "“quote” — Title, Outlet, date, ¶N, URL"
    (white space in the quote, line breaks too, collapsed to single spaces)."""
    return f"“{' '.join(quote.split())}” — {citation(source, source_id, paragraph)}"
