"""`check`: every problem of a casebook, and where every quote is anchored.

`anchor_dispute` does one dispute (the app calls it lazily, dispute by dispute);
`check` does them all and adds the casebook-wide checks (one-sided disputes, unused
sources, orphan reviews).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from claims.addresses import address_problems
from claims.anchoring import Ambiguous, Found, Missing, anchor
from claims.anchoring.diff import inline_diff, word_diff
from claims.anchoring.normalize import normalize_plain
from claims.citation import cited_label, page_fits
from claims.documents import Documents
from claims.gcpause import paused_gc
from claims.loader import Loaded
from claims.model import Anchor, Casebook, Dispute, Evidence, Location, Method
from claims.problems import Problem
from claims.sources import Document

MOST_LISTED = 8  # paragraphs named in an ambiguity message; the rest are counted
_BARE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")  # a page label written bare in YAML
REVIEW_HINT = "rename the key in review.yaml to the position's `id:` (or its holder)"


@dataclass
class Report:
    """What `check` found: the problems, and one anchor per piece of evidence."""

    casebook: Casebook
    problems: list[Problem]
    anchors: list[Anchor]
    documents: Documents = field(repr=False)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def anchor_dispute(
    dispute: Dispute, documents: Documents, threshold: float
) -> tuple[list[Anchor], list[Problem]]:
    """Anchor every quote of one dispute; problems for those that are not cleanly found."""
    anchors: list[Anchor] = []
    problems: list[Problem] = []
    for p_index, position in enumerate(dispute.positions):
        for e_index, evidence in enumerate(position.evidence):
            document = documents.get(evidence.source)
            key = (dispute.id, p_index, e_index, evidence.source)
            if document is None:  # unknown or unreadable source: reported elsewhere
                anchors.append(Anchor(*key, None, None, None, None, None))
                continue
            outcome = anchor(document, evidence, threshold)
            place = furniture(evidence, document) if isinstance(outcome, Missing) else None
            anchors.append(_anchor(key, outcome, place))
            problem = anchor_problem(evidence, outcome, threshold, document, place)
            if problem is not None:
                problems.append(replace(problem, at=(dispute.id, p_index, e_index)))
    if len(dispute.positions) < 2:
        problems.append(
            Problem(
                "one-sided",
                f"dispute {dispute.id!r} has {len(dispute.positions)} position(s); "
                "a dispute needs at least two accounts",
                dispute.loc,
                hint="add the other side's position, or a note of who declined to comment",
            )
        )
    for position in dispute.positions:
        if not position.evidence:
            problems.append(
                Problem(
                    "no-evidence",
                    f"position of {position.holder!r} cites no evidence",
                    position.loc,
                    hint="add `evidence:` with a `source:` and an exact `quote:`",
                )
            )
    return anchors, problems


def _anchor(
    key: tuple[str, int, int, str], outcome: Found | Ambiguous | Missing, place: str | None
) -> Anchor:
    if isinstance(outcome, Found):
        return Anchor(
            *key, outcome.paragraph, outcome.start, outcome.end, outcome.method, outcome.score,
            changes=outcome.changes, note=outcome.note,
        )  # fmt: skip
    if isinstance(outcome, Ambiguous):
        return Anchor(
            *key, None, None, None, None, None,
            candidates=outcome.paragraphs, places=outcome.spans,
        )  # fmt: skip
    if place is not None:  # in the furniture: no "closest" paragraph, one reason everywhere
        return Anchor(*key, None, None, None, None, None, furniture=place)
    return Anchor(
        *key, None, None, None, None, outcome.score, closest=outcome.closest,
        places=(outcome.near,) if outcome.near else (), note=outcome.note,
    )  # fmt: skip


def percent(score: float) -> str:
    """A score as a whole percentage, rounded down: 89.96 is not shown as a passing 90."""
    return f"{math.floor(score)}%"


def anchor_problem(
    evidence: Evidence,
    outcome: Found | Ambiguous | Missing,
    threshold: float,
    document: Document,
    place: str | None = None,
) -> Problem | None:
    """The problem `check` reports for `evidence` given where its quote was looked for in
    `document` (`outcome` of rule 1–3 anchoring at `threshold` %), or None when there is
    none: `quote-in-furniture` (a `Missing` quote found in `place`, the page's furniture),
    `quote-not-found`, `ambiguous-quote` (with a hint that asks only for what the evidence
    lacks), `quote-drifted`; at the `quote:` line. `compare` words its reasons with it."""
    loc = evidence.locs.get("quote", evidence.loc)
    if isinstance(outcome, Missing) and place is not None:
        return Problem(
            "quote-in-furniture",
            f"quote found in {place}, not in the article of source {evidence.source!r}",
            loc,
            hint=f"set `extract: page` on source {evidence.source!r} if you mean it",
        )
    if isinstance(outcome, Missing):
        return _not_found(evidence, outcome, threshold, loc, document)
    if isinstance(outcome, Ambiguous):
        numbers = [cited_label(document.paragraphs, n) for n in outcome.paragraphs]
        if len(numbers) > MOST_LISTED:
            others = len(numbers) - MOST_LISTED
            numbers = [*numbers[:MOST_LISTED], f"{others} more paragraphs"]
        where = numbers[-1]
        if len(numbers) > 1:
            where = ", ".join(numbers[:-1]) + " and " + where
        if outcome.places > len(numbers):
            where = f"{outcome.places} places ({where})"
        return Problem(
            "ambiguous-quote",
            f"ambiguous quote: found in {where} of {evidence.source!r}",
            loc,
            hint=_ambiguity_hint(evidence, outcome, document),
        )
    where = cited_label(document.paragraphs, outcome.paragraph)  # "¶7", "p. 2 ¶3 (¶7)"
    page = _wrong_page(evidence, document, outcome.paragraph)
    if outcome.method is Method.FUZZY:
        text = document.paragraph(outcome.paragraph).text
        shown = word_diff(
            inline_diff(evidence.quote, text, outcome.start, outcome.end, outcome.changes)
        )
        hint = "the source's words differ; update the quote to match them exactly"
        if evidence.paragraph is not None and evidence.paragraph != outcome.paragraph:
            hint += f", and set `paragraph: {outcome.paragraph}`"
        if page is not None:
            hint += f", and {page[1]}"
        return Problem(
            "quote-drifted",
            f"quote found only fuzzily in {where} of {evidence.source!r} "
            f"({percent(outcome.score)} similar); the source says: {_clip(shown)}",
            loc,
            hint=hint,
        )
    if outcome.note:
        return Problem(
            "quote-drifted",
            f"quote found in {where} of {evidence.source!r}, but its context "
            f"differs: {outcome.note}",
            loc,
            hint="update `before:`/`after:` to the source's words",
        )
    if evidence.paragraph is not None and evidence.paragraph != outcome.paragraph:
        return Problem(
            "quote-drifted",
            f"quote is in {where} of {evidence.source!r}, "
            f"not ¶{evidence.paragraph} as `paragraph:` says",
            evidence.locs.get("paragraph", loc),
            hint=f"set `paragraph: {outcome.paragraph}`" + (f", and {page[1]}" if page else ""),
        )
    if page is not None:
        return Problem("quote-drifted", page[0], evidence.locs.get("page", loc), hint=page[1])
    return None


def _wrong_page(evidence: Evidence, document: Document, number: int) -> tuple[str, str] | None:
    """(message, hint) when `page:` does not name the page where paragraph `number` (the
    one the quote was found in) starts or ends, or the source has no printed pages (not a
    PDF); None when it fits or there is no `page:`."""
    if evidence.page is None:
        return None
    paragraph = document.paragraph(number)
    if paragraph.page is None:
        return (
            f"`page: {evidence.page}` names a printed page, but source {evidence.source!r} "
            "has none (only PDF sources have pages)",
            "remove `page:`",
        )
    if page_fits(paragraph, evidence.page):
        return None
    where = cited_label(document.paragraphs, number)
    return (
        f"quote is in {where} of {evidence.source!r}, not on p. {evidence.page} as `page:` says",
        f"set `page: {_yaml_label(paragraph.page)}`",
    )


def _yaml_label(label: str) -> str:
    """A page label as a `page:` value: bare when it is letters, digits, `.` and `-` (the
    loader reads a plain value as the text written), else double-quoted."""
    if _BARE.fullmatch(label):
        return label
    return json.dumps(label, ensure_ascii=False)


def furniture(evidence: Evidence, document: Document) -> str | None:
    """Where a quote not in a web page's article stands, word for word (after
    normalisation), in a block the article reading left out ("the page's navigation", "the
    page outside its article"), else None. One decision for `check`'s `quote-in-furniture`
    and every view of the anchor (`Anchor.furniture`): never "not found, closest 44 %"."""
    quote = normalize_plain(evidence.quote)
    if not quote or not document.dropped:
        return None
    for dropped in document.dropped:
        if dropped.reason not in ("furniture", "not-article"):
            continue  # hidden text and scripts: `extract: page` would not find it either
        if dropped.text and quote in normalize_plain(dropped.text):
            if dropped.reason == "not-article" or not dropped.where:
                return "the page outside its article"
            return f"the page's {dropped.where}"
    return None


def _not_found(
    evidence: Evidence, outcome: Missing, threshold: float, loc: Location, document: Document
) -> Problem:
    if not normalize_plain(evidence.quote):
        return Problem(
            "quote-not-found",
            f"quote for source {evidence.source!r} has no visible text",
            loc,
            "copy the quoted words from the source; invisible characters alone match nothing",
        )
    if outcome.closest is not None:
        where = cited_label(document.paragraphs, outcome.closest)
        closest = f"; closest is {where} at {percent(outcome.score)}"
    else:
        closest = "; no paragraph shares a word with it"
    hint = (
        f"copy the words exactly from the source (fuzzy matches need {threshold:.0f}%"
        " and at least 16 characters)"
    )
    if outcome.note:
        closest = f" where its context fits: {outcome.note}{closest}"
        hint = "make `before:`/`after:` the words the source has around the quote, or remove them"
    return Problem(
        "quote-not-found", f"quote not found in source {evidence.source!r}{closest}", loc, hint
    )


def _ambiguity_hint(evidence: Evidence, outcome: Ambiguous, document: Document) -> str:
    """What to add to choose one place, never advising what the evidence already has."""
    context = bool(evidence.before or evidence.after)
    hinted = evidence.paragraph is not None
    paged = ""
    if evidence.page is not None:
        pages = [document.paragraph(n) for n in outcome.paragraphs]
        fits = sum(page_fits(p, evidence.page) for p in pages)
        if not fits:
            paged = f"`page: {evidence.page}` matches none of them; "
        else:
            paged = f"`page: {evidence.page}` holds more than one of them; "
    if hinted and evidence.paragraph not in outcome.paragraphs:
        told = f"`paragraph: {evidence.paragraph}` matches none of them; "
    elif hinted:
        told = f"`paragraph: {evidence.paragraph}` holds more than one of them; "
    else:
        told = ""
    if context:
        add = "lengthen `before:`/`after:` until only one place fits"
    elif hinted:
        add = "add `before:`/`after:` (a few words around the quote)"
        if evidence.paragraph not in outcome.paragraphs:
            add += ", or set `paragraph:` to the one meant"
    else:
        add = "add `before:`/`after:` (a few words around the quote) or `paragraph:`"
    if context and not hinted:
        add += ", or add `paragraph:`"
    return paged + told + add


def _clip(text: str, limit: int = 160) -> str:
    """`text` cut to about `limit` characters, at a space, with `…` where it was cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def check(
    loaded: Loaded,
    documents: Documents | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Run every check on a loaded casebook; `progress(done, total)` after each dispute."""
    with paused_gc():
        return _check(loaded, documents, progress)


def _check(
    loaded: Loaded,
    documents: Documents | None,
    progress: Callable[[int, int], None] | None,
) -> Report:
    casebook = loaded.casebook
    documents = documents or Documents(casebook)
    problems = list(loaded.problems)
    anchors: list[Anchor] = []
    total = len(casebook.disputes)
    for done, dispute in enumerate(casebook.disputes, 1):
        found, issues = anchor_dispute(dispute, documents, casebook.fuzzy_threshold)
        anchors.extend(found)
        problems.extend(issues)
        if progress is not None:
            progress(done, total)
    cited = {e.source for d in casebook.disputes for p in d.positions for e in p.evidence}
    for source in casebook.sources.values():
        if source.id not in cited:
            documents.get(source.id)  # an unused source must still be readable
            problems.append(
                Problem(
                    "unused-source",
                    f"source {source.id!r} is not cited by any evidence",
                    source.loc,
                    hint="cite it, or remove it from `sources:`",
                )
            )
    problems.extend(documents.problems.values())
    problems.extend(orphan_reviews(casebook))
    problems.extend(unknown_ratings(casebook))
    problems.extend(ambiguous_review_keys(casebook))
    problems.extend(address_problems(casebook))  # bad-url, bad-language
    problems.sort(key=lambda p: (str(p.loc.file), p.loc.line, p.loc.column, p.code))
    return Report(casebook, problems, anchors, documents)


def unknown_ratings(casebook: Casebook) -> list[Problem]:
    """An `unknown-rating` error for each review whose rating is not on the casebook's
    scale (`ratings:`, else the default six), at the rating's line and column, with "did
    you mean" when one is close."""
    from claims.review.scale import scale_of

    scale = scale_of(casebook)
    problems: list[Problem] = []
    for review in casebook.reviews.values():
        for key, verdict in review.positions.items():
            if scale.get(verdict.rating) is not None:
                continue
            close = scale.suggest(verdict.rating)
            problems.append(
                Problem(
                    "unknown-rating",
                    f"review of {key!r} has rating {verdict.rating!r}, which is not on the "
                    "casebook's scale" + (f"; did you mean {close!r}?" if close else ""),
                    verdict.locs.get("rating", verdict.loc),
                    hint=f"use one of: {', '.join(scale.ids)}"
                    + ("" if casebook.ratings else " (or declare `ratings:` in casebook.yaml)"),
                )
            )
    return problems


def ambiguous_review_keys(casebook: Casebook) -> list[Problem]:
    """An `ambiguous-review-key` warning at each position (after the first) whose review
    key (`id:`, else holder) another position of its dispute has too: one review would
    apply to all of them, so none of them can be reviewed until they have `id:`s."""
    from claims.review.keys import shared_keys

    problems: list[Problem] = []
    for dispute in casebook.disputes:
        for key, found in shared_keys(dispute).items():
            for position in found[1:]:
                problems.append(
                    Problem(
                        "ambiguous-review-key",
                        f"{len(found)} positions of dispute {dispute.id!r} share the review "
                        f"key {key!r} (first at line {found[0].loc.line}): a review of one "
                        "would be a review of all",
                        position.locs.get("holder", position.loc),
                        hint="give each of them `id:` (a slug, unique within the dispute)",
                    )
                )
    return problems


def orphan_reviews(casebook: Casebook) -> list[Problem]:
    problems: list[Problem] = []
    for dispute_id, review in casebook.reviews.items():
        dispute = casebook.dispute(dispute_id)
        if dispute is None:
            problems.append(
                Problem(
                    "orphan-review",
                    f"review of dispute {dispute_id!r}, which no longer exists",
                    review.loc,
                    hint="rename it to the dispute's current id, or delete it",
                )
            )
            continue
        keys = {p.key for p in dispute.positions}
        for key, loc in review.key_locs.items():
            if key not in keys:
                problems.append(
                    Problem(
                        "orphan-review",
                        f"review of position {key!r}, which {dispute_id!r} no longer has",
                        loc,
                        hint=REVIEW_HINT,
                    )
                )
    return problems
