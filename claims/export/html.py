"""`html`: one self-contained report file, for people: a browser, a USB stick, a printer.

The file holds everything it shows: an inline stylesheet, no script, no image, no font,
nothing fetched (a Content-Security-Policy in the file forbids it even so); the only
addresses in it are the sources' own URLs, as plain links (`rel="noopener noreferrer"`),
and only when they are http(s) (`claims.citation.web_address`; any other URL is shown as
text).

Layout: a table of contents; per dispute (h2) its positions side by side (h3 each: side,
claim, rating and review note), each quote highlighted (`<mark>`) inside its paragraph with
a link to that paragraph in the source's full text; then "Sources" (h2), per source (h3) its
metadata and its whole text, paragraph by paragraph, each with a ¶ anchor (`id`) and the
quoted spans highlighted. Every casebook string is escaped (`html.escape`, quotes too);
ids are made from the casebook's ids but safe (`Ids`). `lang` is set per source (and on
casebook text) when the casebook says it. Same input, same bytes: no clock.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

from claims.citation import new_page
from claims.export import Exporter, Selection
from claims.export._evidence import (
    Record,
    SourceInfo,
    cited_sources,
    rating_name,
    rating_of,
    records,
    review_of,
    status_of,
    unrated,
)
from claims.export._htmlcoverage import CSS as COVERAGE_CSS
from claims.export._htmlcoverage import section as coverage_section
from claims.export._htmlsection import Section
from claims.export._htmlstyle import CSS
from claims.export._htmltimeline import CSS as TIMELINE_CSS
from claims.export._htmltimeline import section as timeline_section
from claims.gcpause import paused_gc
from claims.model import Casebook, Dispute, Position, Review
from claims.text import shown

#: A `lang` value kept (BCP 47 in shape); anything else is left out.
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)
#: A colour put in a style attribute: hex only.
_COLOUR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})", re.ASCII)
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9-]", re.ASCII)
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)


def esc(text: str) -> str:
    """`text` escaped for HTML text and quoted attribute values: `& < > " '` as entities,
    control characters as visible marks (`claims.text.shown`), lone surrogates as U+FFFD."""
    return html.escape(shown(text), quote=True)


def lang(code: str | None) -> str:
    """` lang="xx"` for a well-formed language tag, else nothing."""
    return f' lang="{code}"' if code and _LANG.fullmatch(code) else ""


class Ids:
    """HTML ids made from casebook ids: ASCII letters, digits and `-` kept, every other
    character written as `_` and its code point in hex, then `_`; unique in the file (a
    second one gets `-2`, ...). The same casebook gives the same ids."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()

    def of(self, prefix: str, raw: str) -> str:
        """The id for `raw` in the `prefix` namespace ("d", "s", ...), made once."""
        key = (prefix, raw)
        if key not in self._given:
            base = prefix + "-" + _UNSAFE_ID.sub(lambda m: f"_{ord(m[0]):x}_", raw)
            made, n = base, 1
            while made in self._used:
                n += 1
                made = f"{base}-{n}"
            self._used.add(made)
            self._given[key] = made
        return self._given[key]


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, the `[start, end)` spans (code points; may overlap) in `<mark>`."""
    if not spans:
        return esc(text)
    if len(spans) == 1:
        start, end = spans[0]
        return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out.append(esc(text[at:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def link(url: str | None, web: str | None) -> str:
    """A source's URL: a link when it is http(s) (`web`), else the address as text."""
    if web:
        return f'<a class="web" href="{esc(web)}" rel="noopener noreferrer">{esc(web)}</a>'
    return f"<span>{esc(url)}</span>" if url else ""


def _spoken(record: Record) -> str:
    """A PDF citation as a screen reader should say it ("page 23, paragraph 4; "), else ""."""
    cited = record.cited
    if cited is None or cited.page is None:
        return ""
    within = f", paragraph {cited.page_paragraph}" if cited.page_paragraph is not None else ""
    return f"page {esc(cited.page)}{within}; "


class Report:
    """One export's state: the ids given and the records, by place."""

    def __init__(self, casebook: Casebook, selection: Selection) -> None:
        self.casebook = casebook
        self.selection = selection
        self.records = records(selection)
        self.ids = Ids()
        self.by_position: dict[tuple[str, int], list[Record]] = defaultdict(list)
        self.cited: dict[tuple[str, int], list[Record]] = defaultdict(list)
        for record in self.records:
            self.by_position[(record.dispute.id, record.position_index)].append(record)
            if record.paragraph is not None:
                self.cited[(record.source.id, record.paragraph)].append(record)
        self.sources = cited_sources(selection, self.records)
        self.infos = {r.source.id: r.source for r in self.records}
        self.own = lang(casebook.language)
        self._ratings: dict[str | None, tuple[str, str | None]] = {}
        self._citations: dict[str, tuple[str, str]] = {}
        self._quote_ids: dict[tuple[str, int, int], str] = {}

    def dispute_id(self, dispute: Dispute) -> str:
        return self.ids.of("d", dispute.id)

    def quote_id(self, record: Record) -> str:
        key = (record.dispute.id, record.position_index, record.evidence_index)
        made = self._quote_ids.get(key)
        if made is None:
            made = self._quote_ids[key] = self.ids.of("q", "\x00".join(map(str, key)))
        return made

    def paragraph_id(self, source: str, number: int) -> str:
        return f"{self.ids.of('s', source)}-p{number}"

    def rating(self, review: Review | None) -> tuple[str, str | None]:
        """(what the position's rating is called, its colour or None), looked up once per
        rating."""
        key = None if review is None else review.rating
        if key not in self._ratings:
            rating = rating_of(self.casebook, review) if review else unrated(self.casebook)
            colour = rating.colour if rating else None
            self._ratings[key] = (rating_name(self.casebook, review), colour)
        return self._ratings[key]

    def render(self) -> str:
        title = esc(self.casebook.title)
        parts = [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="contested">\n',
            f"<title>{title}</title>\n<style>\n{CSS}{COVERAGE_CSS}{TIMELINE_CSS}</style>\n",
            "</head>\n<body>\n",
            '<a class="skip" href="#main">Skip to the disputes</a>\n',
            f"<header>\n<h1{self.own}>{title}</h1>\n",
        ]
        if self.casebook.description:
            parts.append(f'<p class="lede"{self.own}>{esc(self.casebook.description)}</p>\n')
        parts.append("</header>\n")
        parts.append(self.contents())
        parts.append('<main id="main">\n')
        parts.extend(self.dispute(d) for d in self.selection.disputes)
        parts.append(self.coverage())
        parts.append(self.timeline())
        parts.append(self.source_texts())
        parts.append("</main>\n</body>\n</html>\n")
        return "".join(parts)

    def contents(self) -> str:
        items = [
            f'<li><a href="#{self.dispute_id(d)}"{self.own}>{esc(d.question)}</a></li>\n'
            for d in self.selection.disputes
        ]
        sources = "".join(
            f'<li><a href="#{self.ids.of("s", s)}"{lang(self.infos[s].language)}>'
            f"{esc(self.infos[s].title)}</a></li>\n"
            for s in self.sources
        )
        if self.selection.disputes and self.casebook.sources:
            items.append('<li><a href="#coverage">Coverage</a></li>\n')
        if self.selection.disputes:
            items.append('<li><a href="#timeline">Timeline</a></li>\n')
        if sources:
            items.append(f'<li><a href="#sources">Sources</a>\n<ol>\n{sources}</ol></li>\n')
        return (
            '<nav aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n'
            f"<ol>\n{''.join(items)}</ol>\n</nav>\n"
        )

    def dispute(self, dispute: Dispute) -> str:
        anchor = self.dispute_id(dispute)
        meta = [f"Dispute {esc(dispute.id)}"]
        if dispute.date:
            meta.append(f'<time datetime="{dispute.date.isoformat()}">{dispute.date}</time>')
        if dispute.tags:
            meta.append("tags: " + ", ".join(esc(t) for t in dispute.tags))
        meta.append(f"review: {esc(status_of(self.casebook, dispute))}")
        parts = [
            f'<section class="dispute" aria-labelledby="{anchor}">\n',
            f'<h2 id="{anchor}"{self.own}>{esc(dispute.question)}</h2>\n',
            f'<p class="meta">{" · ".join(meta)}</p>\n',
        ]
        if dispute.description:
            parts.append(f'<p class="details"{self.own}>{esc(dispute.description)}</p>\n')
        parts.append('<div class="positions">\n')
        for index, position in enumerate(dispute.positions):
            parts.append(self.position(dispute, index, position))
        parts.append("</div>\n</section>\n")
        return "".join(parts)

    def position(self, dispute: Dispute, index: int, position: Position) -> str:
        side = self.casebook.sides.get(position.side)
        colour = side.colour if side is not None else None
        style = f' style="--side: {colour}"' if colour and _COLOUR.fullmatch(colour) else ""
        label = side.label if side is not None else position.side
        parts = [
            f'<article class="position"{style}>\n',
            f"<h3{self.own}>{esc(position.holder)}</h3>\n",
            f'<p class="side"><span class="swatch" aria-hidden="true"></span>'
            f'<span class="label">Side:</span> {esc(label)}</p>\n',
            f'<p class="claim"{self.own}>{esc(position.claim)}</p>\n',
            self.review(dispute, position),
        ]
        found = self.by_position.get((dispute.id, index), [])
        parts.extend(self.evidence(r) for r in found)
        if not position.evidence:
            parts.append('<p class="missing">No evidence cited.</p>\n')
        parts.append("</article>\n")
        return "".join(parts)

    def review(self, dispute: Dispute, position: Position) -> str:
        review = review_of(self.casebook, dispute, position)
        name, colour = self.rating(review)
        style = f' style="--rating: {colour}"' if colour and _COLOUR.fullmatch(colour) else ""
        parts = [
            f'<div class="review"><p><span class="label">Rating:</span> '
            f'<span class="rating"{style}>{esc(name)}</span></p>'
        ]
        if review is not None and review.note:
            parts.append(
                f'<p><span class="label">Note:</span> <span class="note"{self.own}>'
                f"{esc(review.note.strip())}</span></p>"
            )
        if review is not None and (review.by or review.at):
            who = ", ".join(esc(x) for x in (review.by, review.at) if x)
            parts.append(f'<p class="meta">Reviewed by {who}</p>')
        parts.append("</div>\n")
        return "".join(parts)

    def evidence(self, record: Record) -> str:
        info = record.source
        quote_lang = lang(info.language)
        document = self.selection.documents.get(info.id)
        parts = [f'<figure id="{self.quote_id(record)}">\n']
        start, end = record.start or 0, record.end or 0
        if record.paragraph is not None and document is not None:
            text = document.paragraph(record.paragraph).text
            body = marked(text, [(start, end)])
            parts.append(
                f'<blockquote{quote_lang}><p data-paragraph="{record.paragraph}">'
                f"{body}</p></blockquote>\n"
            )
            if record.found is not None and " ".join(record.found.split()) != " ".join(
                record.quote.split()
            ):
                parts.append(
                    f'<p class="differs">The casebook quotes it as: '
                    f"<q{quote_lang}>{esc(record.quote)}</q></p>\n"
                )
        else:
            parts.append(
                f"<blockquote{quote_lang}><p>{esc(record.quote)}</p></blockquote>\n"
                '<p class="missing">Not found in the source (<code>contested check</code> '
                "says why): shown as the casebook quotes it.</p>\n"
            )
        parts.append(f"<figcaption>{self.citation(record, info)}</figcaption>\n")
        if record.evidence.note:
            parts.append(
                '<p class="differs"><span class="label">Note on the quote:</span> '
                f'<span class="note"{self.own}>{esc(record.evidence.note.strip())}</span></p>\n'
            )
        parts.append("</figure>\n")
        return "".join(parts)

    def citation(self, record: Record, info: SourceInfo) -> str:
        """ "— Title, Outlet, Author, date, ¶N, URL": the source's parts made once."""
        made = self._citations.get(info.id)
        if made is None:
            head = [f"<cite{lang(info.language)}>{esc(info.title)}</cite>"]
            head.extend(esc(x) for x in (info.outlet, info.author) if x)
            if info.published:
                iso = info.published.isoformat()
                head.append(f'<time datetime="{iso}">{iso}</time>')
            made = self._citations[info.id] = ("— " + ", ".join(head), link(info.url, info.web))
        head_text, url = made
        parts = [head_text]
        if record.paragraph is not None:
            target = self.paragraph_id(info.id, record.paragraph)
            parts.append(
                f'<a href="#{target}" aria-label="{_spoken(record)}paragraph '
                f'{record.paragraph} in the full text">{esc(record.label or "")}</a>'
            )
        if url:
            parts.append(url)
        return ", ".join(parts)

    def coverage(self) -> str:
        """Which source speaks to which dispute, for which sides (`_htmlcoverage`)."""
        return coverage_section(self.section())

    def timeline(self) -> str:
        """Who said what, when: an inline SVG (`_htmltimeline`)."""
        return timeline_section(self.section())

    def section(self) -> Section:
        """What the sections drawn apart (coverage, timeline) need from the report."""
        listed = set(self.sources)
        return Section(
            self.casebook,
            self.selection.disputes,
            self.records,
            esc,
            lambda s: self.ids.of("s", s) if s in listed else None,
            self.dispute_id,
            self.quote_id,
            lambda colour: _COLOUR.fullmatch(colour) is not None,
        )

    def source_texts(self) -> str:
        if not self.sources:
            return ""
        parts = [
            '<section id="sources" aria-labelledby="sources-h">\n<h2 id="sources-h">Sources</h2>\n'
        ]
        parts.extend(self.source(s) for s in self.sources)
        parts.append("</section>\n")
        return "".join(parts)

    def source(self, source_id: str) -> str:
        info = self.infos[source_id]
        anchor = self.ids.of("s", source_id)
        parts = [
            f'<section class="source" aria-labelledby="{anchor}"{lang(info.language)}>\n',
            f'<h3 id="{anchor}">{esc(info.title)}</h3>\n<dl class="src-meta">\n',
        ]
        rows = [
            ("Outlet", esc(info.outlet or "")),
            ("Author", esc(info.author or "")),
            ("Published", info.published.isoformat() if info.published else ""),
            ("Kind", esc(info.kind or "")),
            ("URL", link(info.url, info.web)),
            ("File", esc(info.file or "")),
            ("Source id", esc(info.id)),
        ]
        parts.extend(f"<dt>{k}</dt><dd>{v}</dd>\n" for k, v in rows if v)
        parts.append("</dl>\n")
        document = self.selection.documents.get(source_id)
        if document is None:
            parts.append('<p class="missing">This source could not be read.</p>\n</section>\n')
            return "".join(parts)
        parts.append('<div class="text">\n')
        cited = self.cited
        previous = None
        for paragraph in document.paragraphs:
            number = paragraph.number
            pid = f"{anchor}-p{number}"
            citing = cited.get((source_id, number))
            if new_page(previous, paragraph):  # a PDF's printed page begins
                parts.append(f'<p class="page">p. {esc(paragraph.page or "")}</p>\n')
            previous = paragraph
            if paragraph.page_paragraph is not None:  # under its page's rule: "¶4"
                number = paragraph.page_paragraph
            if not citing:
                parts.append(
                    f'<p id="{pid}"><a class="pn" href="#{pid}">¶{number}</a>'
                    f"{esc(paragraph.text)}</p>\n"
                )
                continue
            spans = [(r.start, r.end) for r in citing if r.start is not None and r.end is not None]
            back = "".join(
                f' <a class="back" href="#{self.quote_id(r)}" aria-label="quoted by '
                f'{esc(r.holder)}">↩</a>'
                for r in citing
            )
            parts.append(
                f'<p id="{pid}"><a class="pn" href="#{pid}">¶{number}</a>'
                f"{marked(paragraph.text, spans)}{back}</p>\n"
            )
        parts.append("</div>\n</section>\n")
        return "".join(parts)


def render(casebook: Casebook, selection: Selection) -> bytes:
    """The report as UTF-8 bytes (see the module's docstring); deterministic."""
    with paused_gc():  # many small strings, no cycles: see `claims.gcpause`
        return Report(casebook, selection).render().encode("utf-8")


EXPORTER = Exporter(
    name="html",
    suffix=".html",
    binary=False,
    help="one self-contained HTML report: positions side by side, quotes in their paragraphs",
    render=render,
)
