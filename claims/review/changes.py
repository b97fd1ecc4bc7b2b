"""What a reviewer can change in review.yaml, as values (`ReviewStore.apply` takes one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetRating:
    """Set position `key`'s rating in dispute `dispute` (`rating` None: remove the
    position's review, note and all). `key` is the position's id, else its holder."""

    dispute: str
    key: str
    rating: str | None


@dataclass(frozen=True)
class SetNote:
    """Set position `key`'s note (None or "": remove it). A position not yet rated is
    rated `unrated` (when the scale has it) so that its review is valid."""

    dispute: str
    key: str
    note: str | None


@dataclass(frozen=True)
class SetStatus:
    """Mark dispute `dispute` "open" or "reviewed"."""

    dispute: str
    status: str


@dataclass(frozen=True)
class Restore:
    """Put back exactly what was there (the inverse `ReviewStore.apply` gives, for undo):
    with `key`, that position's review as (field, value) pairs (`entry` None: no review);
    with `key` None, the dispute's own fields as (field, value) pairs of `status`, `by`,
    `at` (those left out are removed; a text alone is a `status:` alone). No `by:`/`at:`
    is filled in."""

    dispute: str
    key: str | None
    entry: tuple[tuple[str, object], ...] | str | None


Change = SetRating | SetNote | SetStatus | Restore
