"""A casebook's rating scale: `ratings:` in casebook.yaml, else the format page's six."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from claims.model import Casebook, Rating

__all__ = ["DEFAULT_SCALE", "Rating", "Scale", "scale_of"]


@dataclass(frozen=True)
class Scale:
    """The ratings a casebook's reviews may use, in the order they are offered (best
    first for the default scale)."""

    ratings: tuple[Rating, ...]

    def get(self, rating_id: str) -> Rating | None:
        """The rating with this id (exact, case-sensitive), else None."""
        for rating in self.ratings:
            if rating.id == rating_id:
                return rating
        return None

    @property
    def ids(self) -> tuple[str, ...]:
        """The ratings' ids, in the scale's order."""
        return tuple(rating.id for rating in self.ratings)

    def suggest(self, unknown: str) -> str | None:
        """The rating `unknown` was probably meant to be ("did you mean"), else None: the
        one it equals ignoring case and `-`/`_`/space, else the one it starts, else the
        closest spelling (difflib, 0.6)."""
        folded = _fold(unknown)
        if not folded:
            return None
        for rating in self.ratings:
            if _fold(rating.id) == folded or _fold(rating.label) == folded:
                return rating.id
        starts = [r.id for r in self.ratings if _fold(r.id).startswith(folded)]
        if len(starts) == 1:
            return starts[0]
        close = difflib.get_close_matches(unknown.casefold(), self.ids, n=1, cutoff=0.6)
        return close[0] if close else None


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c not in "-_ ")


#: The format page's six, best first; the first four are ordinal (`value` 4 to 1).
DEFAULT_SCALE = Scale(
    (
        Rating("supported", "Supported", "#2e9e44", 4.0),
        Rating("partly-supported", "Partly supported", "#9c9c1c", 3.0),
        Rating("unsupported", "Unsupported", "#d9822b", 2.0),
        Rating("false", "False", "#d13b3b", 1.0),
        Rating("unverifiable", "Unverifiable", "#7f7fbf", None),
        Rating("unrated", "Unrated", "#8a8a8a", None),
    )
)


def scale_of(casebook: Casebook) -> Scale:
    """The casebook's scale: its `ratings:` when it declares any, else `DEFAULT_SCALE`."""
    return Scale(casebook.ratings) if casebook.ratings else DEFAULT_SCALE
