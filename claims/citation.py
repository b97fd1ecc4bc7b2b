"""How a quote's source is cited: one plain-text string per use, built the same way for the
app's cards, its `y` copy and `contested show`.

Nothing here is safe to print as it is: every string comes from the casebook, so callers
put it out through `claims.text.shown`/`steady` (the app, `show`) like all casebook text.
The one exception is `web_address`, which returns a URL only when it is a plain http(s)
address, fit to be made a terminal hyperlink.

What a source's YAML leaves out (title, outlet, author, date, URL) is taken from its page's
own metadata when it is an HTML file (`claims.sources.metadata.fill`; the YAML always wins).

**Paragraphs with pages.** A PDF source's paragraphs carry their printed page
(`claims.model.Paragraph.page`, `page_paragraph`, `page_end`); every place that cites a
paragraph names it through `paragraph_label`, one rule for the whole project:

- a paragraph of a source without pages: "¶12" (its running number, 1-based);
- a paragraph of a PDF: "p. 23 ¶4" (printed page label, then the paragraph's 1-based number
  among those starting on that page); one that runs over a page break belongs to the page
  where it starts and is cited "pp. 23–24 ¶4" (an en dash between the labels, as printed
  citations write a page range; ¶4 still counts on p. 23);
- `running=True` adds the running number for the tool's own views, where `paragraph:`
  hints and `check` messages count that way: "p. 23 ¶4 (¶57)"; a source without pages is
  still "¶12".

What leaves the tool (the `y` copy, the exports) uses the short form: a reader of the
printed report has no use for the running number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.model import Paragraph, Source
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


def page_label(paragraph: Paragraph | None) -> str | None:
    """The printed place of a PDF's paragraph: "p. 23 ¶4", or "pp. 23–24 ¶4" when it runs
    over a page break (¶ counted within the page it starts on, 1-based); None for a
    paragraph without a page (any source but a PDF), or None given. Labels are the
    casebook's untrusted text: callers show them through `claims.text.shown`/`steady`."""
    if paragraph is None or paragraph.page is None:
        return None
    pages = f"p. {paragraph.page}"
    if paragraph.page_end is not None and paragraph.page_end != paragraph.page:
        pages = f"pp. {paragraph.page}–{paragraph.page_end}"
    if paragraph.page_paragraph is None:
        return pages
    return f"{pages} ¶{paragraph.page_paragraph}"


def paragraph_label(paragraph: Paragraph, running: bool = False) -> str:
    """How a paragraph is cited: "p. 23 ¶4" / "pp. 23–24 ¶4" for a PDF's (`page_label`),
    "¶12" for any other (its 1-based running number). `running=True` adds the running
    number to a PDF's: "p. 23 ¶4 (¶57)". See the module's description."""
    printed = page_label(paragraph)
    if printed is None:
        return f"¶{paragraph.number}"
    return f"{printed} (¶{paragraph.number})" if running else printed


def cited_label(paragraphs: Sequence[Paragraph] | None, number: int, running: bool = True) -> str:
    """`paragraph_label` of paragraph `number` (1-based) of `paragraphs` (a Document's),
    with the running number by default; "¶N" when there are no paragraphs or the number is
    outside them (a paragraph of an older reading of the source)."""
    if paragraphs is None or not 1 <= number <= len(paragraphs):
        return f"¶{number}"
    return paragraph_label(paragraphs[number - 1], running)


def page_fields(paragraph: Paragraph) -> dict[str, str | int]:
    """What `check --format json` adds to an anchor (and to each of its `places`) in a PDF
    source: `page` (the printed label, text), `page_paragraph` (1-based within that page),
    and `page_end` (the label of the page it ends on) only when the paragraph runs over a
    page break. Empty for a paragraph without a page: other sources' JSON is unchanged."""
    if paragraph.page is None:
        return {}
    out: dict[str, str | int] = {"page": paragraph.page}
    if paragraph.page_paragraph is not None:
        out["page_paragraph"] = paragraph.page_paragraph
    if paragraph.page_end is not None and paragraph.page_end != paragraph.page:
        out["page_end"] = paragraph.page_end
    return out


def new_page(previous: Paragraph | None, paragraph: Paragraph) -> bool:
    """True when `paragraph` is the first to start on its page: its printed label differs
    from the one `previous` (the paragraph before it, None for the first) starts on, or
    (the same label, one a file repeats) its physical page does. The page may have begun
    inside `previous`, when that one runs over onto it (`begun_above`). Always False
    without a page."""
    if paragraph.page is None:
        return False
    if previous is None or previous.page is None:
        return True
    return paragraph.page != previous.page or paragraph.line != previous.line


def begun_above(previous: Paragraph | None, paragraph: Paragraph) -> bool:
    """True when the page `paragraph` starts on began inside `previous`, which runs over
    onto it (so its first words are in `previous`, above `paragraph`)."""
    return (
        previous is not None
        and previous.page_end is not None
        and previous.page_end != previous.page
        and previous.page_end == paragraph.page
    )


def page_fits(paragraph: Paragraph, page: str) -> bool:
    """True when a `page:` hint names the page `paragraph` starts on or the page it runs
    over to (labels compared as written, white space and case aside: "XII" is "xii")."""
    want = page.strip().casefold()
    return any(
        label is not None and label.strip().casefold() == want
        for label in (paragraph.page, paragraph.page_end)
    )


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


def citation(
    source: Source | None, source_id: str, paragraph: int | Paragraph | None = None
) -> str:
    """A full citation: "Title, Outlet, Author, date, ¶N, URL", the parts the source has
    (an undeclared source is cited by its id; its page's metadata fills in what the YAML
    leaves out). `paragraph` is the 1-based number, or the Paragraph itself: a PDF's is
    then cited by its printed page, "…, date, p. 23 ¶4, URL" (`paragraph_label`)."""
    if source is not None:
        source = fill(source)
    if source is None:
        parts: list[str | None] = [source_id]
    else:
        date = source.published.isoformat() if source.published else None
        parts = [source.title, source.outlet, source.author, date]
    if isinstance(paragraph, Paragraph):
        parts.append(paragraph_label(paragraph))
    elif paragraph is not None:
        parts.append(f"¶{paragraph}")
    if source is not None:
        parts.append(source.url)
    return ", ".join(" ".join(p.split()) for p in parts if p and p.strip())


def quoted(
    quote: str, source: Source | None, source_id: str, paragraph: int | Paragraph | None
) -> str:
    """A quote with its citation, on one line: "“quote” — Title, Outlet, date, ¶N, URL"
    ("p. 23 ¶4" given a PDF's Paragraph; white space in the quote, line breaks too,
    collapsed to single spaces)."""
    return f"“{' '.join(quote.split())}” — {citation(source, source_id, paragraph)}"
