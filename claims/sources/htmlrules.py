"""What an HTML element does to the text a reader sees: the tables and tests `html.py` uses.

The element lists follow the HTML Living Standard, §15 "Rendering" (the user agent style
sheet: which elements are `display: block`, `display: none`, replaced or widgets) and §13.1.2
(void elements); list numbering follows §4.4.5 (`ol`: `start`, `reversed`, `type`) and §4.4.8
(`li`: `value`, the ordinal value algorithm). https://html.spec.whatwg.org/multipage/
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Attrs = Sequence[tuple[str, str | None]]

#: Elements laid out as blocks (§15.3.3 flow content, §15.3.6 sections and headings,
#: §15.3.7 lists, §15.3.8 tables, §15.3.11 form controls' fieldset/legend, §15.5.4 details):
#: each starts and ends a paragraph. `li`, `dt`, `dd`, table cells and captions are blocks too.
BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd"),
        *("details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr"),
        *("html", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext"),
        "pre",
        *("search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead"),
        *("tr", "ul", "xmp"),
    )
)

#: Blocks whose white space is kept as written (§15.3.3: `pre, listing, xmp, plaintext`
#: have `white-space: pre`).
PREFORMATTED = frozenset(("pre", "listing", "xmp", "plaintext"))

#: Elements whose content is never text a reader sees. §15.3.1 `display: none` (`head`,
#: `script`, `style`, `template`, `title`, `datalist`, `noembed`, `noframes`, `rp`), plus our
#: own choices: `noscript` (shown only with scripting off), `nav` (page furniture), `svg` and
#: `math` (drawings), `iframe` and `object` (other documents and their fallbacks).
HIDDEN = frozenset(
    (
        *("datalist", "head", "iframe", "math", "nav", "noembed", "noframes", "noscript"),
        *("object", "rp", "script", "style", "svg", "template", "title"),
    )
)

#: Foreign content (SVG, MathML), where `<x/>` really is an empty element.
FOREIGN = frozenset(("svg", "math"))

#: What may stand in <head>; any other start tag there means the head has ended (§13.2.6.4.4).
HEAD_CONTENT = frozenset(
    ("base", "link", "meta", "noscript", "script", "style", "template", "title")
)

#: Void elements (§13.1.2, with the obsolete ones parsers still know): no content, no end tag.
VOID = frozenset(
    (
        *("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img"),
        *("input", "keygen", "link", "meta", "param", "source", "track", "wbr"),
    )
)

#: Replaced elements and widgets (§15.4, §15.5): boxes laid out apart from the text beside
#: them, so `<button>Share</button><button>Print</button>` must not read "SharePrint".
#: Truly inline elements (`b`, `span`, `a`, `label`, …) are not here: `<b>Ex</b>ample` is one
#: word on the screen too.
SEPARATED = frozenset(
    (
        *("audio", "button", "canvas", "embed", "img", "input", "meter", "optgroup"),
        *("option", "progress", "select", "textarea", "video"),
    )
)

#: Lists, whose `li` children they own (§4.4.8: an li's owner is its nearest ol, ul or menu).
LISTS = frozenset(("ol", "ul", "menu", "dir"))

_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))"
    r"\s*(?:!\s*important\s*)?(?:;|$)",
    re.IGNORECASE,
)
_NO_MARKER_STYLE = re.compile(
    r"(?:^|;)\s*list-style(?:-type)?\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)", re.IGNORECASE
)
_INTEGER = re.compile(r"[\t\n\f\r ]*([+-]?[0-9]+)")


#: Page furniture by element: the label `furniture` gives it.
_FURNITURE_TAGS = {"nav": "navigation", "footer": "footer", "aside": "aside"}
#: ... by ARIA role (WAI-ARIA 1.2 landmark and window roles).
_FURNITURE_ROLES = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "footer",
    "complementary": "aside",
    "search": "search",
    "dialog": "dialog",
    "alertdialog": "dialog",
    "menu": "navigation",
    "menubar": "navigation",
}
#: ... by a word of its class or id (words split at "-", "_" and case changes).
_FURNITURE_WORDS = {
    **dict.fromkeys(("cookie", "cookies", "consent", "gdpr", "onetrust"), "cookie banner"),
    **dict.fromkeys(
        ("share", "shared", "sharing", "social", "sharebar", "addthis"), "share buttons"
    ),
    **dict.fromkeys(("newsletter", "subscribe", "subscription", "signup"), "newsletter"),
    **dict.fromkeys(
        ("related", "recommended", "recommendations", "trending", "popular", "outbrain"),
        "related links",
    ),
    **dict.fromkeys(("taboola", "recirc", "morestories", "readmore"), "related links"),
    **dict.fromkeys(("comment", "comments", "disqus", "respond"), "comments"),
    **dict.fromkeys(("breadcrumb", "breadcrumbs", "crumbs"), "breadcrumbs"),
    **dict.fromkeys(("nav", "navbar", "navigation", "menu", "megamenu"), "navigation"),
    **dict.fromkeys(("footer", "foot"), "footer"),
    **dict.fromkeys(("sidebar", "rail", "widget"), "aside"),
    **dict.fromkeys(("advert", "advertisement", "ad", "ads", "sponsored", "promo"), "advertising"),
    **dict.fromkeys(("login", "signin", "popup"), "dialog"),
    **dict.fromkeys(("masthead", "topbar"), "page header"),
}
_WORD_SPLIT = re.compile(r"[-_:]+|(?<=[a-z])(?=[A-Z])")
#: A class or id naming one of these words is content the article embeds (a quoted post),
#: never furniture, whatever else it names ("social-media-embed", "sdc-article-tweet").
_EMBEDDED = frozenset(("embed", "embedded", "oembed", "tweet"))
#: A class whose first word is one of these describes the page's state or layout
#: ("is-sidebar-right", "has-comments", "no-share"), not what the element is.
_MODIFIERS = frozenset(("is", "has", "with", "without", "no", "show", "hide", "enable"))


def furniture(tag: str, attrs: Attrs, in_article: bool) -> str:
    """What page furniture an element is, as a short label ("navigation", "footer",
    "cookie banner", "share buttons", "related links", "comments", "breadcrumbs", …), or ""
    if it is none: by its tag (`nav`, `footer`, `aside`; `header` only outside an
    article, where it is the page's header), its ARIA role, or a word of its class or id.
    Class names of a state or layout ("is-sidebar-right") are not read, and one naming
    embedded content ("social-media-embed", "twitter-tweet") makes the element none."""
    label = _FURNITURE_TAGS.get(tag, "")
    if label:
        return label
    if tag == "header" and not in_article:
        return "page header"
    found = ""
    for name, value in attrs:
        if not value:
            continue
        if name == "role":
            label = _FURNITURE_ROLES.get(value.strip().lower(), "")
            if label:
                return label
        elif name in ("class", "id"):
            for token in value.split():
                words = [w.lower() for w in _WORD_SPLIT.split(token) if w]
                if not words or words[0] in _MODIFIERS:
                    continue
                if _EMBEDDED.intersection(words):
                    return ""
                found = found or next(
                    (_FURNITURE_WORDS[w] for w in words if w in _FURNITURE_WORDS), ""
                )
    return found


def hides(tag: str, attrs: Attrs) -> bool:
    """True if the element and everything in it are not shown: the `hidden` attribute
    (§15.3.1 `[hidden]`), `aria-hidden="true"`, an inline style with `display: none` or
    `visibility: hidden`/`collapse`, `<input type=hidden>`, or a `<dialog>` that is not
    `open` (§15.3.1 `dialog:not([open])`)."""
    names = set()
    for name, value in attrs:
        names.add(name)
        if name == "hidden":
            return True
        if name == "aria-hidden" and (value or "").strip().lower() == "true":
            return True
        if name == "style" and value and _HIDING_STYLE.search(value):
            return True
        if name == "type" and tag == "input" and (value or "").strip().lower() == "hidden":
            return True
    return tag == "dialog" and "open" not in names


def integer(value: str | None) -> int | None:
    """The HTML "rules for parsing integers" (§2.3.4.1): leading white space, a sign and
    digits; anything after them is ignored. None if there is no number, or one a browser
    cannot hold (outside a signed 32-bit integer, as Blink's and WebKit's parsers refuse
    it: the attribute is then ignored; `start=` followed by 5,000 digits would otherwise
    be past what `int` reads)."""
    match = _INTEGER.match(value or "")
    if match is None or len(match.group(1).lstrip("+-").lstrip("0")) > 10:
        return None
    number = int(match.group(1))
    return number if -(2**31) <= number < 2**31 else None


def list_style(tag: str, attrs: Attrs) -> str | None:
    """How an ordered list numbers its items: "1", "a", "A", "i" or "I" (its `type`
    attribute, §4.4.5; default "1"); None for a list that shows no numbers (ul, menu, dir,
    or an `ol` styled `list-style: none`)."""
    if tag != "ol":
        return None
    values = dict(attrs)
    style = values.get("style")
    if style and _NO_MARKER_STYLE.search(style):
        return None
    kind = (values.get("type") or "1").strip()
    return kind if kind in ("1", "a", "A", "i", "I") else "1"


def marker(number: int, style: str) -> str:
    """The marker a browser draws before item `number`, with its ". " (e.g. "3. ", "c. ",
    "iv. "). Letters and Roman numerals fall back to decimal outside their range, as CSS's
    `lower-alpha`/`lower-roman` counter styles do."""
    if style in ("a", "A") and number >= 1:
        text = _letters(number)
    elif style in ("i", "I") and 1 <= number <= 3999:
        text = _roman(number)
    else:
        return f"{number}. "
    return (text.upper() if style.isupper() else text) + ". "


def _letters(number: int) -> str:
    out = ""
    while number:
        number, digit = divmod(number - 1, 26)
        out = chr(ord("a") + digit) + out
    return out


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
