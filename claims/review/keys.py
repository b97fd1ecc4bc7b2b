"""A position's review key (its `id:`, else its holder) must name one position only.

Two positions of a dispute with one key (the same holder and no `id:`, or one's `id:` the
other's holder) would share one review: rating one would rate both. `check` reports it
(`ambiguous-review-key`); `contested review` and the app refuse to rate such a position.
"""

from __future__ import annotations

from claims.model import Dispute, Position


def shared_keys(dispute: Dispute) -> dict[str, list[Position]]:
    """Each review key held by more than one of the dispute's positions -> those
    positions, in dispute order (empty when every key names one position)."""
    holders: dict[str, list[Position]] = {}
    for position in dispute.positions:
        holders.setdefault(position.key, []).append(position)
    return {key: found for key, found in holders.items() if len(found) > 1}


def ambiguity(dispute: Dispute, key: str) -> str | None:
    """Why position `key` of `dispute` cannot be reviewed on its own (it shares its key
    with another position), with what to do; None when it can."""
    found = shared_keys(dispute).get(key)
    if not found:
        return None
    return (
        f"{len(found)} positions of dispute {dispute.id!r} share the review key {key!r} "
        "(the same holder, no `id:`): a review would apply to all of them; "
        "give them `id:` in the casebook (a slug, unique within the dispute), then review"
    )
