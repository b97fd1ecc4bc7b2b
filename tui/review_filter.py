"""The list filter's review words: `rating:ID` and `status:reviewed|open|partly`.

Every other word of a filter is searched for in a dispute's text (`Session.matching`);
these select by review instead:

- `rating:false` — a position of the dispute is rated `false` (a rating's id or its
  label, case and `-`/`_`/spaces ignored: `rating:partlysupported`); `rating:none` — a
  position has no rating yet;
- `status:reviewed` — the dispute is marked reviewed; `status:open` — it is not (whether
  or not some positions are rated); `status:partly` — not marked reviewed, some of its
  positions rated. A prefix will do (`status:rev`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.content import Content

from claims import Dispute
from claims.model import DisputeReview
from claims.review import Scale
from claims.review.progress import NOT_RATED, rated_count

Test = Callable[[Dispute], bool]

STATES = ("reviewed", "open", "partly")


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c not in "-_ ")


def rated(dispute: Dispute, review: DisputeReview | None) -> int:
    """How many of the dispute's positions carry a rating (other than `unrated`): the
    one count of `claims.review.progress`, as `contested status` gives it."""
    return rated_count(dispute, review)


def review_hint(word: str, scale: Scale) -> str | None:
    """What to say of a review word that names nothing (`rating:fals` -> "no rating
    'fals'; did you mean 'false'?"), else None (not a review word, or a known one)."""
    kind, colon, wanted = word.partition(":")
    kind = kind.casefold()
    if not colon or kind not in ("rating", "status") or not wanted:
        return None
    if kind == "status":
        if any(s.startswith(wanted.casefold()) for s in STATES):
            return None
        return f"no status {wanted!r}; use status:{', status:'.join(STATES)}"
    folded = _fold(wanted)
    if folded == "none" or any(folded in (_fold(r.id), _fold(r.label)) for r in scale.ratings):
        return None
    close = scale.suggest(wanted)
    return f"no rating {wanted!r}" + (
        f"; did you mean {close!r}?" if close else f"; ratings: {', '.join(scale.ids)}"
    )


def state(dispute: Dispute, review: DisputeReview | None) -> str:
    """A dispute's review state: "reviewed"; "partly", not marked reviewed but some
    positions rated; or "open"."""
    if review is not None and review.status == "reviewed":
        return "reviewed"
    return "partly" if rated(dispute, review) else "open"


def review_test(
    word: str, reviews: Callable[[], Mapping[str, DisputeReview]], scale: Scale
) -> Test | None:
    """The test a filter word asks of a dispute, if it is a review word (`rating:…`,
    `status:…`); None for any other word. `reviews()` gives the current reviews by dispute
    id (asked when the test runs, so a test never sees stale reviews)."""
    kind, colon, wanted = word.partition(":")
    kind = kind.casefold()
    if not colon or kind not in ("rating", "status") or not wanted:
        return None
    if kind == "status":
        folded = wanted.casefold()
        chosen = [s for s in STATES if s.startswith(folded)]
        if not chosen:
            return lambda dispute: False
        if chosen[0] == "open":
            return lambda dispute: state(dispute, reviews().get(dispute.id)) != "reviewed"
        return lambda dispute: state(dispute, reviews().get(dispute.id)) == chosen[0]
    folded = _fold(wanted)
    if folded == "none":
        return lambda dispute: _any_unrated(dispute, reviews().get(dispute.id))
    ids = {r.id for r in scale.ratings if folded in (_fold(r.id), _fold(r.label))}
    ids = ids or {wanted}  # a rating not on the scale (a hand-written one) by its id

    def test(dispute: Dispute) -> bool:
        review = reviews().get(dispute.id)
        if review is None:
            return False
        return any(
            (r := review.positions.get(p.key)) is not None and r.rating in ids
            for p in dispute.positions
        )

    return test


def _any_unrated(dispute: Dispute, review: DisputeReview | None) -> bool:
    positions = review.positions if review is not None else {}
    return any(
        (r := positions.get(p.key)) is None or not r.rating or r.rating == NOT_RATED
        for p in dispute.positions
    )


def subtitle(query: str, shown: int, total: int, hint: Callable[[str], str | None]) -> Content:
    """The filter box's subtitle: "7 of 26", then what a review word names nothing of ("no
    rating 'fals'; did you mean 'false'?"), as plain text (the user's words are never
    markup); empty while the filter holds no word."""
    hints = [h for word in query.split() if (h := hint(word))]
    return Content(" · ".join([f"{shown} of {total}", *hints]) * bool(query.split()))
