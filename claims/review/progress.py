"""Review progress: where each dispute stands, positions by rating, who reviewed what and
when. One meaning everywhere: `contested status`, `check --format json` (`reviews`),
`show`, and the app's list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claims.model import Casebook, Dispute, DisputeReview, Review
from claims.review.scale import Scale, scale_of

#: A dispute's review state: marked reviewed; some of its positions rated; none.
REVIEWED, PARTLY, OPEN = "reviewed", "partly rated", "open"
#: The rating that says nothing yet (a note alone gives it): not "rated" anywhere, as
#: ClaimReview leaves it out.
NOT_RATED = "unrated"


def is_rated(verdict: Review | None) -> bool:
    """Whether a position's review rates it: it has a rating, other than `unrated`."""
    return verdict is not None and bool(verdict.rating) and verdict.rating != NOT_RATED


def rated_count(dispute: Dispute, review: DisputeReview | None) -> int:
    """How many of the dispute's positions are rated (`is_rated`)."""
    if review is None:
        return 0
    return sum(is_rated(review.positions.get(p.key)) for p in dispute.positions)


def dispute_state(dispute: Dispute, review: DisputeReview | None) -> str:
    """ "reviewed" when its status is `reviewed`; else "partly rated" when at least one
    of its positions is rated (`unrated`, a note alone, is not); else "open"."""
    if review is None:
        return OPEN
    if review.status == "reviewed":
        return REVIEWED
    return PARTLY if rated_count(dispute, review) else OPEN


@dataclass(frozen=True)
class Progress:
    """Counts over a casebook's disputes and positions (orphan reviews not counted)."""

    disputes: int
    states: dict[str, int]  # REVIEWED / PARTLY / OPEN -> disputes
    positions: int
    rated: int  # positions rated (`is_rated`: `unrated` is not)
    by_rating: dict[str, int]  # rating id -> positions rated, in the scale's order (unknown after)
    reviewers: dict[str, tuple[int, str | None]]  # by -> (positions, latest `at`)
    unrated: int = 0  # positions with a review marked `unrated` (a note, no rating yet)

    @property
    def reviewed(self) -> int:
        return self.states[REVIEWED]


def progress(casebook: Casebook, reviews: Mapping[str, DisputeReview] | None = None) -> Progress:
    """The casebook's review progress, from `reviews` (default: `casebook.reviews`)."""
    reviews = casebook.reviews if reviews is None else reviews
    scale = scale_of(casebook)
    states = {REVIEWED: 0, PARTLY: 0, OPEN: 0}
    ratings: Counter[str] = Counter()
    reviewers: dict[str, tuple[int, str | None]] = {}
    positions = rated = unrated = 0
    for dispute in casebook.disputes:
        review = reviews.get(dispute.id)
        states[dispute_state(dispute, review)] += 1
        positions += len(dispute.positions)
        for position in dispute.positions:
            verdict = review.positions.get(position.key) if review is not None else None
            if verdict is None:
                continue
            if is_rated(verdict):
                rated += 1
                ratings[verdict.rating] += 1
            else:
                unrated += 1
            who = verdict.by or "(unknown)"
            count, last = reviewers.get(who, (0, None))
            latest = max(filter(None, (last, verdict.at)), default=None)
            reviewers[who] = (count + 1, latest)
    order = [r for r in scale.ids if ratings[r]] + sorted(r for r in ratings if not scale.get(r))
    return Progress(
        disputes=len(casebook.disputes),
        states=states,
        positions=positions,
        rated=rated,
        by_rating={r: ratings[r] for r in order},
        reviewers=dict(sorted(reviewers.items(), key=lambda item: (-item[1][0], item[0]))),
        unrated=unrated,
    )


def rating_json(scale: Scale, verdict: Review) -> dict[str, Any]:
    """One position's review as JSON: rating, its label and value (null when the scale
    does not know it or it is not ordinal), note, by, at."""
    known = scale.get(verdict.rating)
    return {
        "rating": verdict.rating,
        "label": known.label if known else None,
        "value": known.value if known else None,
        "note": verdict.note,
        "by": verdict.by,
        "at": verdict.at,
    }


def reviews_json(
    casebook: Casebook, reviews: Mapping[str, DisputeReview] | None = None
) -> dict[str, Any]:
    """The `reviews` section of `check --format json` and `status --format json`:
    `scale`, `summary` (disputes by state, positions by rating, reviewers), `disputes`
    (each dispute's state and every position with its review or null, in casebook order)
    and `orphans` (reviews whose dispute or position is gone: [dispute, key or null])."""
    reviews = casebook.reviews if reviews is None else reviews
    scale = scale_of(casebook)
    done = progress(casebook, reviews)
    disputes = []
    for dispute in casebook.disputes:
        review = reviews.get(dispute.id)
        disputes.append(
            {
                "id": dispute.id,
                "status": review.status if review is not None else "open",
                "by": review.by if review is not None else None,
                "at": review.at if review is not None else None,
                "state": dispute_state(dispute, review),
                "positions": [
                    {
                        "key": position.key,
                        "holder": position.holder,
                        "review": rating_json(scale, verdict)
                        if review is not None
                        and (verdict := review.positions.get(position.key)) is not None
                        else None,
                    }
                    for position in dispute.positions
                ],
            }
        )
    return {
        "scale": [
            {"id": r.id, "label": r.label, "colour": r.colour, "value": r.value}
            for r in scale.ratings
        ],
        "summary": {
            "disputes": done.disputes,
            "reviewed": done.states[REVIEWED],
            "partly_rated": done.states[PARTLY],
            "open": done.states[OPEN],
            "positions": done.positions,
            "rated": done.rated,
            "unrated": done.unrated,
            "by_rating": done.by_rating,
            "reviewers": [
                {"by": who, "positions": count, "last": last}
                for who, (count, last) in done.reviewers.items()
            ],
        },
        "disputes": disputes,
        "orphans": orphans(casebook, reviews),
    }


def orphans(casebook: Casebook, reviews: Mapping[str, DisputeReview]) -> list[list[str | None]]:
    """[dispute, position key] of each review whose position is gone ([dispute, None]
    when the whole dispute is), in the order read."""
    out: list[list[str | None]] = []
    for dispute_id, review in reviews.items():
        dispute = casebook.dispute(dispute_id)
        if dispute is None:
            out.append([dispute_id, None])
            continue
        keys = {p.key for p in dispute.positions}
        out.extend([dispute_id, key] for key in review.positions if key not in keys)
    return out
