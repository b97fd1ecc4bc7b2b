"""Is a casebook's `url:` an http(s) address, and its `language:` a BCP 47 tag?

`check` warns about either (`bad-url`, `bad-language`): the exports already neutralise
both (a URL that is not a plain http(s) address is never a link, a malformed `lang` is left
out), but a reader of the report would then lose the link or the language, and
`--format claimreview` refuses a review `url:` that is not one. `url_fault` says what is
wrong with a URL in words a user can act on; ClaimReview's error uses it too.
"""

from __future__ import annotations

import re

from claims.citation import web_address
from claims.model import Casebook, Location
from claims.problems import Problem
from claims.text import shown

#: The characters a plain http(s) address holds after `https://` (as `web_address`):
#: printable ASCII but space, `"`, `<`, `>`.
_ALLOWED = re.compile(r"[!#-;=?-~]", re.ASCII)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):", re.ASCII)
#: A well-formed BCP 47 tag (RFC 5646 section 2.1, in shape, not checked against the
#: registry): a primary language subtag of 2 to 8 letters (or `x`/`i`, private use and the
#: grandfathered `i-` tags), then subtags of 1 to 8 letters or digits, joined by `-`.
_LANGUAGE = re.compile(r"(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*", re.ASCII)
MOST_NAMED = 5  # characters named in a `bad-url` message; the rest are counted


def _named(char: str) -> str:
    if char == " ":
        return "a space"
    if char == "`":
        return "a backtick"
    return f"`{shown(char)}`" if char.isprintable() else f"U+{ord(char):04X}"


def url_fault(url: str) -> str | None:
    """None when `url` is a plain http(s) address (`claims.citation.web_address`), else
    what is wrong, as the end of a sentence: "is not an http(s) address (it starts with
    `javascript:`)" or "contains characters a URL may not hold: `<`, `>`"."""
    if web_address(url) is not None:
        return None
    text = url.strip()
    scheme = _SCHEME.match(text)
    if scheme is None:
        return "is not an http(s) address (it should start with `https://`)"
    if scheme[1].lower() not in ("http", "https"):
        return f"is not an http(s) address (it starts with `{shown(scheme[0])}`)"
    rest = text[len(scheme[0]) :]
    if not rest.startswith("//") or len(rest) == 2:
        return f"is not an http(s) address (`{scheme[0]}` should be followed by `//` and a host)"
    bad = sorted({c for c in rest if not _ALLOWED.fullmatch(c)}, key=ord)
    named = ", ".join(_named(c) for c in bad[:MOST_NAMED])
    more = f" and {len(bad) - MOST_NAMED} more" if len(bad) > MOST_NAMED else ""
    return f"contains characters a URL may not hold: {named}{more}"


def is_language_tag(tag: str) -> bool:
    """True when `tag` is a well-formed BCP 47 language tag in shape (`en`, `pt-BR`,
    `sr-Latn-RS`, `x-local`), not looked up in the registry."""
    return _LANGUAGE.fullmatch(tag) is not None


def _url(url: str | None, what: str, loc: Location) -> list[Problem]:
    fault = url_fault(url) if url else None
    if fault is None:
        return []
    return [
        Problem(
            "bad-url",
            f"`url:` of {what} {fault}",
            loc,
            hint="give the page's full address, https://…, with characters such as < > \" "
            "and spaces percent-encoded (%3C %3E %22 %20)",
        )
    ]


def _language(tag: str | None, what: str, loc: Location) -> list[Problem]:
    if tag is None or not tag.strip() or is_language_tag(tag):
        return []
    fixed = tag.strip().replace("_", "-")
    hint = (
        f"write it as {fixed!r}"
        if is_language_tag(fixed)
        else "a BCP 47 tag: `en`, `ru`, `az`, `pt-BR`, `sr-Latn` (letters and digits joined by -)"
    )
    return [
        Problem(
            "bad-language", f"`language:` of {what}, {tag!r}, is not a BCP 47 tag", loc, hint=hint
        )
    ]


def address_problems(casebook: Casebook) -> list[Problem]:
    """A `bad-url` warning for each `url:` (casebook, dispute, source) that is not a plain
    http(s) address, and a `bad-language` warning for each `language:` (casebook, source)
    that is not a well-formed BCP 47 tag, at the value's line and column. A source that
    takes the casebook's language is not reported again."""
    top = casebook.locs
    where = casebook.file
    problems = _url(casebook.url, "the casebook", top.get("url", Location(where)))
    problems += _language(casebook.language, "the casebook", top.get("language", Location(where)))
    for dispute in casebook.disputes:
        problems += _url(
            dispute.url, f"dispute {dispute.id!r}", dispute.locs.get("url", dispute.loc)
        )
    for source in casebook.sources.values():
        what = f"source {source.id!r}"
        problems += _url(source.url, what, source.locs.get("url", source.loc))
        if "language" in source.locs:  # its own, not the casebook's
            problems += _language(source.language, what, source.locs["language"])
    return problems
