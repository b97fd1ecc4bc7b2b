"""What `ReviewStore` raises; all are `claims.problems.ClaimsError`s whose message says what
happened and what to do (re-exported by `claims.review.store` and `claims.review`)."""

from __future__ import annotations

from claims.problems import ClaimsError
from claims.review.changes import Change


class ReviewError(ClaimsError):
    """A review change that cannot be made; the message says why and what to do."""


class ReviewNotWritable(ReviewError):
    """review.yaml cannot be written here: the bundled example (the message names
    `contested init --example DIR`), a folder that cannot be written, a review.yaml that
    is a link or does not parse (the message gives its line and column)."""


class ReviewConflict(ReviewError):
    """The same position (or the same dispute's status) changed on disk since it was read.

    `mine` is the change refused; `theirs` a human description of the value on disk."""

    def __init__(self, message: str, mine: Change, theirs: str) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs
