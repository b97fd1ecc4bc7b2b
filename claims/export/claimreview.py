"""`claimreview`: schema.org ClaimReview JSON-LD, one per rated position.

What Google's fact-check tools read (https://developers.google.com/search/docs/appearance/
structured-data/factcheck, and the Fact Check Tools API's ClaimReviewMarkup, which names
the schema.org property behind each field): a JSON array of ClaimReview objects, each

- `claimReviewed`: the position's claim;
- `reviewRating`: a Rating with `alternateName` (the rating's label, the text Google
  shows) and `name`; for a rating with a `value` on the casebook's scale (an ordinal one)
  also `ratingValue`, `bestRating` and `worstRating` (the highest and lowest values of the
  scale);
- `itemReviewed`: a Claim whose `author` is the position's holder (a Person when the
  holder reads as a person's name, see `holder_type`, else an Organization), whose
  `appearance` lists the cited sources (CreativeWork: `url` when the source has an http(s)
  one, `headline`, `datePublished`, `publisher`), and whose `datePublished` is the
  earliest of their dates;
- `author`: an Organization named by casebook.yaml's `publisher:`;
- `url`: the dispute's `url:`, else casebook.yaml's `url:` (an http(s) address);
- `datePublished`: the date of the review (review.yaml's `at`), when it has one.

A position without a rating, rated `unrated`, or rated with an id the scale does not know
is left out; `unrated_count` counts them so the command can say so. A missing `publisher:`
or `url:` is an `ExportError` naming the key and the file to add it to.

The JSON is safe to paste inside an HTML `<script type="application/ld+json">`: `<`, `>`
and `&` are written as `\\u003c`, `\\u003e`, `\\u0026` (the same strings to a JSON reader).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claims.addresses import url_fault
from claims.citation import web_address
from claims.export import Exporter, ExportError, Selection
from claims.export._evidence import review_of, scale, source_info
from claims.export._ids import dump_json
from claims.model import Casebook, Dispute, Position, Rating
from claims.paths import display

__all__ = ["EXPORTER", "claim_reviews", "holder_type", "notes", "render", "unrated_count"]

#: Words that make a holder a group or an institution rather than a person.
_GROUP_WORDS = frozenset(
    {
        "agency", "army", "association", "authorities", "authority", "bank", "board",
        "bureau", "cabinet", "centre", "center", "channel", "college", "commission",
        "committee", "company", "congress", "corporation", "council", "court", "department",
        "embassy", "experts", "family", "federation", "forces", "foundation", "government",
        "group", "institute", "media", "ministry", "network", "news", "newspaper", "office",
        "officials", "organisation", "organization", "parliament", "party", "people",
        "police", "press", "radio", "service", "services", "sources", "specialists", "team",
        "union", "university",
    }
)  # fmt: skip


def holder_type(holder: str) -> str:
    """ "Person" when `holder` reads as one person's name (two to four capitalised words,
    no digits, none of them a group word such as "officials", "ministry", "experts"),
    else "Organization" (schema.org's Claim.author takes either)."""
    words = holder.split()
    if not 2 <= len(words) <= 4:
        return "Organization"
    for word in words:
        if not word[0].isupper() or not all(c.isalpha() or c in "'’.-" for c in word):
            return "Organization"
        if word.strip(".'’").lower() in _GROUP_WORDS:
            return "Organization"
    return "Person"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _rated(
    casebook: Casebook, ratings: dict[str, Rating], dispute: Dispute, position: Position
) -> Rating | None:
    review = review_of(casebook, dispute, position)
    if review is None:
        return None
    found = ratings.get(review.rating)
    return found if found is not None and found.id != "unrated" else None


def unrated_count(casebook: Casebook, selection: Selection) -> int:
    """How many positions of the selection get no ClaimReview: no review, rated
    `unrated`, or rated with an id the casebook's scale does not know."""
    ratings = {r.id: r for r in scale(casebook)}
    return sum(
        1
        for dispute in selection.disputes
        for position in dispute.positions
        if _rated(casebook, ratings, dispute, position) is None
    )


def _review_url(casebook: Casebook, dispute: Dispute) -> str:
    """The dispute's `url:`, else the casebook's; `ExportError` when neither is set or the
    one set is not an http(s) address."""
    if dispute.url is not None:
        where = f"dispute {dispute.id!r} in {display(str(dispute.loc.file))}"
        url = dispute.url
    elif casebook.url is not None:
        where = display(str(casebook.file))
        url = casebook.url
    else:
        raise ExportError(
            "ClaimReview needs the page where the review is published: add "
            f"`url: https://…` to {display(str(casebook.file))} (or to dispute "
            f"{dispute.id!r}, for that dispute alone)"
        )
    web = web_address(url)
    if web is None:
        raise ExportError(
            f"ClaimReview needs the http(s) address of the review: `url: {url}` of {where} "
            f"{url_fault(url)}"
        )
    return web


def _publisher(casebook: Casebook) -> str:
    if casebook.publisher is None or not casebook.publisher.strip():
        raise ExportError(
            "ClaimReview needs who publishes the review: add `publisher: <your desk's "
            f"name>` to {display(str(casebook.file))}"
        )
    return " ".join(casebook.publisher.split())


def _rating(chosen: Rating, ratings: tuple[Rating, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": chosen.label,
        "name": chosen.label,
    }
    values = [r.value for r in ratings if r.value is not None]
    if chosen.value is not None and values:
        out["ratingValue"] = _number(chosen.value)
        out["bestRating"] = _number(max(values))
        out["worstRating"] = _number(min(values))
    return out


def _appearances(casebook: Casebook, position: Position) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for evidence in position.evidence:
        if evidence.source in seen:
            continue
        seen.add(evidence.source)
        info = source_info(casebook, evidence.source)
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if info.web is not None:
            work["url"] = info.web
        work["headline"] = info.title
        if info.published is not None:
            work["datePublished"] = info.published.isoformat()
        if info.outlet:
            work["publisher"] = {"@type": "Organization", "name": info.outlet}
        out.append(work)
    return out


def _review_date(at: str | None) -> str | None:
    """The date (YYYY-MM-DD) of an ISO timestamp, None when it is not one."""
    if not at:
        return None
    try:
        return dt.datetime.fromisoformat(at.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def claim_reviews(casebook: Casebook, selection: Selection) -> list[dict[str, Any]]:
    """The ClaimReview objects (JSON-ready dicts) of the selection's rated positions, in
    casebook order. Raises `ExportError` when there is one to write and casebook.yaml has no
    `publisher:`, or neither it nor the dispute has an http(s) `url:`."""
    ratings = scale(casebook)
    by_id = {r.id: r for r in ratings}
    out: list[dict[str, Any]] = []
    for dispute in selection.disputes:
        for position in dispute.positions:
            chosen = _rated(casebook, by_id, dispute, position)
            if chosen is None:
                continue
            publisher = _publisher(casebook)
            url = _review_url(casebook, dispute)
            appearances = _appearances(casebook, position)
            claim: dict[str, Any] = {
                "@type": "Claim",
                "author": {"@type": holder_type(position.holder), "name": position.holder},
            }
            dates = sorted(a["datePublished"] for a in appearances if "datePublished" in a)
            if dates:
                claim["datePublished"] = dates[0]
            if appearances:
                claim["appearance"] = appearances
            review: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": url,
                "author": {"@type": "Organization", "name": publisher},
                "claimReviewed": position.claim,
                "reviewRating": _rating(chosen, ratings),
                "itemReviewed": claim,
            }
            found = review_of(casebook, dispute, position)
            published = _review_date(found.at if found is not None else None)
            if published is not None:
                review["datePublished"] = published
            out.append(review)
    return out


def render(casebook: Casebook, selection: Selection) -> bytes:
    """The selection's ClaimReviews as a JSON array (UTF-8, two-space indent, a final
    newline); `[]` when no position is rated. Raises `ExportError` (see `claim_reviews`)."""
    return dump_json(claim_reviews(casebook, selection))


def notes(casebook: Casebook, selection: Selection) -> tuple[str, ...]:
    """What the command says after writing: how many positions got no ClaimReview."""
    count = unrated_count(casebook, selection)
    if not count:
        return ()
    written = sum(len(d.positions) for d in selection.disputes) - count
    positions = "1 position" if count == 1 else f"{count} positions"
    reviews = "1 ClaimReview" if written == 1 else f"{written} ClaimReviews"
    return (f"{positions} not rated, left out ({reviews} written)",)


EXPORTER = Exporter(
    name="claimreview",
    suffix=".jsonld",
    binary=False,
    help="schema.org ClaimReview JSON-LD, one per rated position (needs `publisher:`, `url:`)",
    render=render,
    notes=notes,
)
