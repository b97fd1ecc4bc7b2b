"""Paragraphs of an HTML file, by the standard library's HTML parser.

Text is cut into paragraphs at block elements (p, div, h1–h6, li, blockquote, pre, td, …);
inline elements (em, a, span…) stay inside their paragraph. Scripts, styles, navigation,
templates and the document head never become text. White space collapses as a browser
would, except inside <pre>. Entities are decoded.
"""

from __future__ import annotations

from html.parser import HTMLParser

from claims.model import Paragraph

BLOCKS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    )
)
HIDDEN = frozenset(
    (
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
    )
)

#: What may stand in <head>; any other start tag there means the head has ended.
HEAD_CONTENT = frozenset(
    ("base", "link", "meta", "noscript", "script", "style", "template", "title")
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Paragraph] = []
        self.parts: list[str] = []
        self.start_line = 1
        self.hidden: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden == ["head"] and tag not in HEAD_CONTENT:
            self.hidden.clear()  # `</head>` is optional: body content ends the head
        if tag in HIDDEN:
            self.hidden.append(tag)
        elif self.hidden:
            return
        elif tag in BLOCKS:
            self.flush()
            self.pre += tag == "pre"
        elif tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.hidden and tag == "br":
            self.parts.append("\n")
        elif not self.hidden and tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag == self.hidden[-1]:
                self.hidden.pop()
            elif tag in self.hidden:  # unclosed tags inside: close up to the match
                del self.hidden[self.hidden.index(tag) :]
            return
        if tag in BLOCKS:
            self.flush()
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if not self.parts or not "".join(self.parts).strip():
            self.start_line = self.getpos()[0]
        self.parts.append(data if self.pre else _edges(data))

    def flush(self) -> None:
        raw = "".join(self.parts)
        self.parts = []
        if self.pre:
            text = raw.strip("\n").rstrip()
        else:  # collapse spaces, keep <br> line breaks
            lines = (" ".join(line.split()) for line in raw.split("\n"))
            text = "\n".join(lines).strip()
        if text:
            self.paragraphs.append(Paragraph(len(self.paragraphs) + 1, text, self.start_line))


def _edges(data: str) -> str:
    """Collapse white space inside `data`, keeping one space where it had any at its ends."""
    core = " ".join(data.split())
    lead = " " if data[:1].isspace() else ""
    trail = " " if data[-1:].isspace() else ""
    return lead + core + trail


def paragraphs(text: str) -> list[Paragraph]:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    collector.flush()
    return collector.paragraphs
