"""Verdicts: rating positions and noting why, written safely to review.yaml.

- `scale`: the casebook's rating scale (`ratings:` in casebook.yaml, else the default six);
- `reviewer`: who is reviewing (`by:`);
- `changes`: what a reviewer can change (a rating, a note, a dispute's status);
- `store`: `ReviewStore`, the only writer of review.yaml (atomic, locked, merging);
- `render`: review.yaml's text, one line per short review, diff-friendly;
- `progress`: review progress, for `contested status`, `check --format json` and `show`.
"""

from __future__ import annotations

from claims.review.changes import Change, Restore, SetNote, SetRating, SetStatus
from claims.review.reviewer import reviewer_name
from claims.review.scale import DEFAULT_SCALE, Rating, Scale, scale_of
from claims.review.store import ReviewConflict, ReviewError, ReviewNotWritable, ReviewStore, Saved

__all__ = [
    "DEFAULT_SCALE",
    "Change",
    "Rating",
    "Restore",
    "ReviewConflict",
    "ReviewError",
    "ReviewNotWritable",
    "ReviewStore",
    "Saved",
    "Scale",
    "SetNote",
    "SetRating",
    "SetStatus",
    "reviewer_name",
    "scale_of",
]
