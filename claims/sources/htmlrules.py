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
#: own choices: `noscript` (shown only with scripting off), `svg` and `math` (drawings),
#: `iframe` and `object` (other documents and their fallbacks). `nav` is not here: a browser
#: shows it, so the whole-page reading keeps it (the article reading labels it furniture).
HIDDEN = frozenset(
    (
        *("datalist", "head", "iframe", "math", "noembed", "noframes", "noscript"),
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
    **dict.fromkeys(("cta", "upsell"), "call to action"),
    **dict.fromkeys(("login", "signin", "popup"), "dialog"),
    **dict.fromkeys(("masthead", "topbar"), "page header"),
}
_WORD_SPLIT = re.compile(r"[-_:]+|(?<=[a-z])(?=[A-Z])")
#: A BEM modifier ("page__body--with-sidebar"): what follows "--" is a state or layout.
_BEM_MODIFIER = re.compile(r"--.*")
#: A class or id naming one of these words is content the article embeds (a quoted post),
#: never furniture, whatever else it names ("social-media-embed", "sdc-article-tweet").
_EMBEDDED = frozenset(("embed", "embedded", "oembed", "tweet"))
#: A class whose first word is one of these describes the page's state or layout
#: ("is-sidebar-right", "has-comments", "no-share"), not what the element is.
_MODIFIERS = frozenset(("is", "has", "with", "without", "no", "show", "hide", "enable"))


def _words(token: str) -> list[str]:
    """The lower-cased words of a class or id token, without a BEM modifier."""
    return [w.lower() for w in _WORD_SPLIT.split(_BEM_MODIFIER.sub("", token)) if w]


#: Parts of the article an element may be, by a word of its class or id (see `part`).
_PART_WORDS = {
    **dict.fromkeys(("author", "authors", "byline", "bylines", "byl", "writer"), "byline"),
    **dict.fromkeys(("date", "dateline", "timestamp", "pubdate", "published"), "date"),
    **dict.fromkeys(("caption", "captions", "figcaption"), "caption"),
    **dict.fromkeys(("citation", "citations", "references", "footnotes", "sources"), "sources"),
    **dict.fromkeys(("bibliography", "endnotes"), "sources"),
    **dict.fromkeys(("claim", "rating", "verdict", "ruling", "truthometer"), "rating"),
}
_PART_TAGS = {"time": "date", "figcaption": "caption", "address": "byline"}
#: A link to an author's own page ("/author/jane-doe/", "/person/jane-doe"): a byline.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|person|staff|writers?|contributors?|journalists?|reporters?|columnists?)"
    r"/[\w.%-]+/?(?:[?#]|$)",
    re.IGNORECASE,
)
_PART_PROPS = {"author": "byline", "datepublished": "date", "datemodified": "date"}


def part(tag: str, attrs: Attrs) -> str:
    """What part of an article an element is, when its markup says so: "byline" (a class
    or id naming the author or byline, `rel=author`, `itemprop=author`, `<address>`, a
    link to an author's page such as "/author/jane-doe/"),
    "date" (`<time>`, a class naming a date or timestamp, `itemprop=datePublished`),
    "caption" (`<figcaption>`, a class naming a caption), "rating" (a class or id naming a
    fact-check's claim, rating or verdict) or "sources" (a class or id naming citations,
    references, footnotes or sources); "" if none of these."""
    found = _PART_TAGS.get(tag, "")
    for name, value in attrs:
        if not value:
            continue
        if name in ("rel", "itemprop"):
            found = found or _PART_PROPS.get(value.strip().lower(), "")
        elif name == "href" and tag == "a" and _AUTHOR_PAGE.search(value):
            found = found or "byline"
        elif name in ("class", "id"):
            for token in value.split():
                words = _words(token)
                if words and words[0] not in _MODIFIERS:
                    found = found or next((_PART_WORDS[w] for w in words if w in _PART_WORDS), "")
    return found


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
                words = _words(token)
                if not words or words[0] in _MODIFIERS:
                    continue
                if _EMBEDDED.intersection(words):
                    return ""
                found = found or next(
                    (_FURNITURE_WORDS[w] for w in words if w in _FURNITURE_WORDS), ""
                )
    return found


#: Class names of the common conventions (Bootstrap, WordPress, Drupal, GOV.UK…) for text
#: clipped out of sight and read only by screen readers ("list 1 of 4"; see
#: `screen_reader_only`).
SCREEN_READER_ONLY = frozenset(
    (
        *("sr-only", "screen-reader-text", "screen-reader-only", "visually-hidden"),
        *("visuallyhidden", "element-invisible", "a11y-hidden", "govuk-visually-hidden"),
        *("off-screen", "offscreen", "u-hidden-visually", "hidden-visually"),
    )
)


def screen_reader_only(attrs: Attrs) -> bool:
    """Whether an element's class says its text is for screen readers alone, never drawn
    (`SCREEN_READER_ONLY`)."""
    return any(
        name == "class" and value and not SCREEN_READER_ONLY.isdisjoint(value.lower().split())
        for name, value in attrs
    )


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


# --- what a block's text alone says it is (the article reading, `article.py`) -----------

#: A share widget's label: "Share", "Share this article", "Share on Facebook".
_SHARE_LABEL = re.compile(
    r"\W*share\b(?:\W+(?:this|the|on|via|article|story|post|page|link|facebook|twitter|x"
    r"|email|e-mail|whatsapp|linkedin|it))*\W*",
    re.IGNORECASE,
)
#: An appeal to sign up, subscribe or join, standing in the body: "Please sign up for our
#: newsletters…", "If you enjoyed this article, … Join …", "Subscribe to our podcast".
_APPEAL = re.compile(
    r"\W*(?:please\s+)?(?:sign\s+up|subscribe)\s+(?:for|to)\b[^.]{0,40}?"
    r"\b(?:newsletters?|podcasts?|alerts?|channel)\b"
    r"|\W*if you (?:enjoyed|liked|value|appreciate)d?\s+(?:this|our|reading)\b",
    re.IGNORECASE,
)
#: Who wrote or gathered the article, said in a short line after it: "Source: Al Jazeera
#: and news agencies", "Additional reporting by Jane Doe", "Contributing: Jane Doe".
_ATTRIBUTION = re.compile(
    r"\W*(?:sources?|contributing|(?:with\s+)?(?:additional\s+)?reporting\s+by"
    r"|additional\s+reporting|compiled\s+by|written\s+by)\b\s*:?",
    re.IGNORECASE,
)
ATTRIBUTION_WORDS = 15


def widget_text(text: str) -> bool:
    """Whether a block's text is a widget's, whatever its markup: no word at all ("___",
    "//"), or a share button's label ("Share this article")."""
    return not any(c.isalnum() for c in text) or bool(_SHARE_LABEL.fullmatch(text))


def appeal(text: str) -> bool:
    """Whether a block's text asks the reader to sign up, subscribe or join (`_APPEAL`)."""
    return bool(_APPEAL.match(text))


def attribution(text: str) -> bool:
    """Whether a short block (at most ATTRIBUTION_WORDS words) names the article's source or
    its contributors ("Source: Al Jazeera and news agencies")."""
    return len(text.split()) <= ATTRIBUTION_WORDS and bool(_ATTRIBUTION.match(text))


def once(text: str) -> str:
    """`text` without a second copy of itself: "Jane Doe, AP Jane Doe, AP" (a name given
    twice, one copy for narrow screens, the other for wide ones, where a style sheet shows
    one) reads "Jane Doe, AP". Text that is not two equal halves is returned as it is."""
    half = text[: len(text) // 2].strip()
    if len(half) < 3 or text.split() != half.split() * 2:
        return text
    return half


#: A photo credit: a short block naming where an image came from, not what it shows.
_CREDIT = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b|photo(?:graph)?s?\b|image(?:s)?\b|credit|pictures?\b)"
    r"|getty images|shutterstock|\bphoto:|\bimage:|\bvia (?:ap|reuters|afp|getty)\b",
    re.IGNORECASE,
)
CREDIT_WORDS = 10
#: ... or a photographer's name and agency alone: "Jane Doe, ASSOCIATED PRESS", "Jane Doe/AFP".
_CREDIT_LINE = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s*[,/]\s*[A-Z][A-Z .&]{1,30}")
#: A link to another story labelled as such ("READ MORE: …", "Related: …", "SEE ALSO: …").
_TEASER = re.compile(
    r"\W*(?:(?:read|see|watch|also|related|more)\b[\w ]{0,16}|you may also like)\s*[:|»›>-]",
    re.IGNORECASE,
)
#: A date or time written out: "18 November 2019", "Nov. 20, 2019", "18.11.2019", "21:17".
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)


def credit(text: str) -> bool:
    """Whether a block's text is a photo credit (at most CREDIT_WORDS words)."""
    return len(re.findall(r"\w+", text)) <= CREDIT_WORDS and bool(
        _CREDIT.search(text) or _CREDIT_LINE.fullmatch(text)
    )


def teaser(text: str) -> bool:
    """Whether a block's text starts as a link to another story does ("READ MORE: …")."""
    return bool(_TEASER.match(text))


def dated(text: str) -> bool:
    """Whether a block's text holds a date or time written out (`_DATE`)."""
    return bool(_DATE.search(text))
