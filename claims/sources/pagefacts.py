"""Rules that pick a page's outlet, title, author and date among what it states.

Used by `claims.sources.metadata`; every rule is general (no site or host names):

- outlet: JSON-LD `publisher` names, `og:site_name`, `application-name`,
  `apple-mobile-web-app-title`, then the `<title>`'s site suffix ("Headline - CBS News").
  A candidate that is only the first label of the page's host ("Hosted" on
  hosted.example.org) names a part of a site, not an outlet, and is left out. The candidate
  the `<title>` suffix agrees with wins, else the first; a lowercase one ("usatoday") gives
  way to a cased spelling of the same letters ("USA TODAY").
- title: a trailing site suffix equal to the outlet is cut ("The Clock | National Review").
- author: a named person beats a generic author (the outlet's own name, "AOL Staff", an
  organisation in JSON-LD). Persons come from JSON-LD, microdata `itemprop="author"`, meta
  tags, then the page's visible byline (the first element whose class, id, rel or itemprop
  names an author or byline; its innermost such elements give the names). A visible
  "By …" line naming every JSON-LD author and more wins over the shorter JSON-LD list.
  With no outlet found otherwise, an organisation in that byline ("By A. Writer /
  Associated Press") is taken as the outlet.
- date: a visible "Published 7:07 PM EST Nov 19, 2019" (English month names) is read when
  nothing machine-readable is there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

#: Words that mark an author as an organisation rather than a person.
ORG_WORDS = frozenset(
    [
        "staff",
        "editors",
        "editorial",
        "team",
        "desk",
        "newsroom",
        "press",
        "agency",
        "agencies",
        "wire",
        "wires",
        "service",
        "reporters",
        "bureau",
    ]
)
#: Elements of one byline looked at, at most (a page nesting thousands is not slow).
BYLINE_PARTS = 100
_SEPARATOR = re.compile(r"\s(?:[|\-–—·•»]|::)\s")
_BY = re.compile(r"^\s*by\b[\s:—–-]*", re.IGNORECASE)
_TAGS_OUT = {"script", "style", "noscript", "template", "svg"}
_OUT_OF_ARTICLE = {"nav", "footer", "aside", "form"}
_NOT_BYLINE = ("comment", "bio", "avatar", "img", "image", "photo", "box", "follow", "social")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WRITTEN_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # Nov 19, 2019
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),  # 22 Dec 2023
)


def norm(text: str) -> str:
    """`text` lowercased, letters and digits only ("USA TODAY" -> "usatoday")."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def written_date(text: str) -> dt.date | None:
    """The first date written out with an English month name in `text` ("Nov 19, 2019",
    "22 December 2023"), or None."""
    for pattern in _WRITTEN_DATES:
        for match in pattern.finditer(text[:400]):
            month = _MONTHS.get(match["month"].lower())
            if month is None:
                continue
            try:
                day = dt.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                continue
            if 1800 <= day.year <= 2999:
                return day
    return None


# -- outlet and title ----------------------------------------------------------------------


def site_suffix(title: str | None, headlines: Iterable[str]) -> str | None:
    """The site's name at the end of a `<title>` ("Headline - CBS News" -> "CBS News"): the
    last part after " - ", " | ", " – ", " — " or " · ", when it is short (at most 6 words,
    50 characters), shorter than the rest, and not itself a headline; else None."""
    if not title:
        return None
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return None
    suffix = parts[-1].strip()
    rest = title[: len(title) - len(parts[-1])]
    known = {norm(h) for h in headlines}
    if not suffix or len(suffix) > 50 or len(suffix.split()) > 6 or len(suffix) >= len(rest):
        return None
    return None if norm(suffix) in known or not norm(suffix) else suffix


def _host_part(name: str, host: str | None) -> bool:
    """Whether `name` is only the first label of a host that has a site name further
    right ("Hosted" on hosted.example.org), so names a part of a site."""
    if not host:
        return False
    labels = [label for label in host.lower().split(".") if label]
    if labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) < 3:
        return False
    country_pair = len(labels[-1]) == 2 and labels[-2] in {"co", "com", "org", "net", "ac", "gov"}
    if country_pair and len(labels) < 4:
        return False
    return norm(name) == norm(labels[0])


def outlet_like(name: str | None, host: str | None) -> bool:
    """Whether `name` can be an outlet's name: at most 8 words and 80 characters, not an
    address or a handle, not only a host's first label."""
    if not name:
        return False
    lowered = name.lower()
    if lowered.startswith(("http://", "https://", "@", "www.")) or not norm(name):
        return False
    return len(name) <= 80 and len(name.split()) <= 8 and not _host_part(name, host)


def choose_outlet(candidates: Sequence[str], suffix: str | None, host: str | None) -> str | None:
    """The outlet among `candidates` (in the order of trust): the one the `<title>`'s
    `suffix` agrees with, else the first that can be an outlet name, else the suffix; a
    lowercase choice gives way to a cased spelling of the same letters."""
    valid = [c for c in candidates if outlet_like(c, host)]
    if suffix is not None and outlet_like(suffix, host):
        agreed = [c for c in valid if norm(c) == norm(suffix)]
        chosen = agreed[0] if agreed else (valid[0] if valid else suffix)
        valid.append(suffix)
    elif valid:
        chosen = valid[0]
    else:
        return None
    if chosen == chosen.lower():
        cased = [c for c in valid if norm(c) == norm(chosen) and c != c.lower()]
        if cased:
            return cased[0]
    return chosen


def strip_suffix(title: str | None, outlets: Iterable[str | None]) -> str | None:
    """`title` without a trailing " - Outlet" / " | Outlet" naming one of `outlets`."""
    if not title:
        return title
    names = {norm(o) for o in outlets if o}
    parts = _SEPARATOR.split(title)
    if len(parts) >= 2 and norm(parts[-1]) in names:
        kept = re.sub(r"\s(?:[|\-–—·•»]|::)\s*$", "", title[: len(title) - len(parts[-1])])
        return kept.strip() or title
    return title


# -- author --------------------------------------------------------------------------------


def clean_name(text: str, outlet: str | None) -> str:
    """An author as a reader would cite it: "By"/"by —" dropped, anything after " | " (a
    date) cut, a trailing outlet name (". Sputnik International", ", USA TODAY") cut, an
    all-capitals name set in title case, edge punctuation trimmed."""
    text = " ".join(text.split())
    text = _BY.sub("", text)
    text = text.split(" | ")[0]
    if outlet and norm(outlet):
        for separator in (". ", ", ", " - ", " – ", " — ", " "):
            head, found, tail = text.rpartition(separator)
            if found and head and norm(tail) == norm(outlet):
                text = head
                break
    text = text.strip(" ,;:|-–—.")
    letters = [ch for word in text.split() if word != "and" for ch in word if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters):
        text = " ".join(w if w == "and" else w.capitalize() for w in text.split())
    return text


def generic(name: str, outlet: str | None) -> bool:
    """Whether `name` names no person: every part of it (split at commas, ";" and "and") is
    the outlet or holds a word like "Staff", "Press", "Agency"."""
    outlet_norm = norm(outlet) if outlet else ""
    parts = [p for p in re.split(r",|;|\band\b|&", name) if p.strip()]
    if not parts:
        return True

    def org(part: str) -> bool:
        words = {w.lower() for w in re.findall(r"\w+", part)}
        key = norm(part)
        if outlet_norm and key and (key in outlet_norm or outlet_norm in key):
            return True
        return bool(words & ORG_WORDS) or any(ch.isdigit() for ch in part)

    return all(org(part) for part in parts)


def join_names(names: Iterable[str]) -> str | None:
    """Distinct names joined with ", " (with "; " when a name holds a comma)."""
    unique = list(dict.fromkeys(n for n in names if n))
    if not unique:
        return None
    return ("; " if any("," in n for n in unique) else ", ").join(unique)


def _marked(root: Any, words: Sequence[str]) -> list[Any]:
    """Elements whose class, id, rel or itemprop holds one of `words` (lowercase) in any
    letter case, in document order (callers test the tokens exactly). Only the attribute
    values are looked at in Python: much quicker than visiting every element."""
    found: list[Any] = []
    for value in root.xpath("//@class | //@id | //@rel | //@itemprop"):
        lowered = value.lower()
        if any(word in lowered for word in words):
            element = value.getparent()
            if not found or found[-1] is not element:
                found.append(element)
    return found


def _tokens(element: Any) -> list[str]:
    values = (element.get(key) or "" for key in ("class", "id", "rel", "itemprop"))
    return " ".join(values).lower().split()


def _names_byline(element: Any) -> bool:
    for token in _tokens(element):
        if ("byline" in token or "author" in token) and not any(
            part in token for part in _NOT_BYLINE
        ):
            return True
    return False


def _outside(element: Any) -> bool:
    return any(
        isinstance(a.tag, str) and a.tag.lower() in _OUT_OF_ARTICLE for a in element.iterancestors()
    )


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def visible_byline(root: Any, outlet: str | None) -> tuple[list[str], bool, list[str]]:
    """(names, starts with "By", organisations) of the page's first visible byline: the
    first element, outside nav/footer/aside/form, whose class, id, rel or itemprop names an
    author or byline and whose text is at most 200 characters; names are the texts of its
    innermost such elements, cleaned (`clean_name`), dates cut; generic ones ("Associated
    Press", `generic`) are the organisations."""
    for element in _marked(root, ("author", "byline")):
        if not isinstance(element.tag, str) or element.tag.lower() in _TAGS_OUT:
            continue
        if not _names_byline(element):
            continue
        text = _text(element)
        if not text or len(text) > 200 or _outside(element):
            continue
        marked = [e for e in element.iter() if isinstance(e.tag, str) and _names_byline(e)]
        marked = marked[:BYLINE_PARTS]
        names: list[str] = []
        organisations: list[str] = []
        for one in marked:
            cleaned = clean_name(_text(one), outlet)
            if not cleaned or any(
                clean_name(_text(inner), outlet)
                for inner in marked
                if inner is not one and _inside(inner, one)
            ):
                continue
            date_cut = _cut_date(cleaned)
            if date_cut:
                (organisations if generic(date_cut, outlet) else names).append(date_cut)
        if names or organisations:
            unique = list(dict.fromkeys(names))
            return unique, bool(_BY.match(text)), list(dict.fromkeys(organisations))
    return [], False, []


def _inside(inner: Any, outer: Any) -> bool:
    return any(a is outer for a in inner.iterancestors())


def _cut_date(name: str) -> str:
    """`name` up to where a date or time starts ("Pamela FalkDecember 22, 2023" -> "Pamela
    Falk")."""
    for pattern in _WRITTEN_DATES:
        match = pattern.search(name)
        if match is not None:
            name = name[: match.start()]
    name = re.split(r"\d", name)[0]
    return name.strip(" ,;:|-–—.")


def visible_date(root: Any) -> dt.date | None:
    """A publication date written in the page's text: the first element whose class, id
    or itemprop names a publish date ("publish", "date", "time"; not "update"/"modif"), with
    at most 100 characters of text holding an English month name and a year."""
    for element in _marked(root, ("publish", "date", "time")):
        if not isinstance(element.tag, str) or element.tag.lower() in _TAGS_OUT:
            continue
        tokens = _tokens(element)
        if not any(w in t for t in tokens for w in ("publish", "date", "time")):
            continue
        if any(w in t for t in tokens for w in ("update", "modif")):
            continue
        text = _text(element)
        if not text or len(text) > 100 or text.lower().startswith(("updated", "last updated")):
            continue
        if _outside(element):
            continue
        found = written_date(text)
        if found is not None:
            return found
    return None
