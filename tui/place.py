"""Where the user is on the main screen, taken before a reload and given back after it.

A reload (a file changed, or `r`) builds new disputes and new anchors; the user's place is
kept by what it means, not by objects: the dispute's id, the focused card's position and
evidence numbers, the scroll offsets of the list and of the evidence view (in lines), and
which widget has focus. A dispute missing from the reloaded casebook (its file being
edited, invalid for a moment, or the dispute renamed or deleted) leaves the list at the
nearest dispute still listed, and the place is kept, to be given back once it returns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

from tui.widgets.dispute_list import DisputeList
from tui.widgets.dispute_view import DisputeView


@dataclass(frozen=True)
class Place:
    """The user's place: what to come back to after a reload."""

    dispute: str | None  # the dispute shown (its id)
    card: tuple[int, int] | None  # the card under the cursor: (position, evidence), 0-based
    cursor: int  # that card's index among the cards shown, if it cannot be found by the above
    view_scroll: float  # the evidence view's scroll offset, in lines
    list_scroll: float  # the list's scroll offset, in lines
    focus: str | None  # the id of the focused widget
    listed: Sequence[str]  # the ids listed (filtered) when taken, in order


def nearest(place: Place, index: Mapping[str, int]) -> str | None:
    """The dispute to show when `place.dispute` is no longer listed (`index`: id -> row of
    what the list shows now): the one now between the nearest disputes listed before and
    after it (a renamed dispute, in its place), else the nearest one after it, else before.
    None if the list is empty; the first dispute if none of the old neighbours is left."""
    if not index:
        return None
    listed = list(place.listed)
    rows = {row: dispute_id for dispute_id, row in index.items()}
    at = listed.index(place.dispute) if place.dispute in listed else len(listed)
    before = next((index[d] for d in reversed(listed[:at]) if d in index), -1)
    after = next((index[d] for d in listed[at + 1 :] if d in index), None)
    if after is not None and after - before > 1:
        return rows[before + 1]  # something new stands where it stood
    if after is not None:
        return rows[after]
    if before >= 0:
        return rows[min(before + 1, len(rows) - 1)]
    return rows[0]


def take(listing: DisputeList, view: DisputeView, focused: Widget | None) -> Place:
    """The place shown by these widgets now."""
    cards = view.cards
    card = cards[view.cursor] if view.dispute is not None and cards else None
    return Place(
        view.dispute.id if view.dispute is not None else listing.highlighted_id,
        (card.position, card.evidence) if card is not None else None,
        view.cursor,
        view.scroll_y,
        listing.scroll_y,
        focused.id if focused is not None else None,
        [d.id for d in listing.rows],
    )


def select(listing: DisputeList, place: Place) -> str | None:
    """Put the list's cursor on the place's dispute, scrolled as it was; if it is not listed,
    on the `nearest` one. Returns the id of the dispute stood in for it (None if found)."""
    index = {d.id: row for row, d in enumerate(listing.rows)}
    if place.dispute in index:
        listing.select(place.dispute)
        top, height = index[place.dispute] * listing.row_height, listing.row_height
        lowest = top + height - listing.scrollable_content_region.height  # cursor in sight
        y = max(lowest, min(place.list_scroll, top))
        listing.scroll_to(y=max(y, 0), animate=False, immediate=True)
        return None
    instead = nearest(place, index)
    listing.select(instead)
    return instead


def give_back(view: DisputeView, place: Place) -> None:
    """Put the view's cursor on the place's card (found by position and evidence), scrolled
    as it was; the view must show the place's dispute."""
    cards = view.cards
    if not cards:
        return
    at = [(c.position, c.evidence) for c in cards]
    cursor = at.index(place.card) if place.card in at else min(place.cursor, len(cards) - 1)
    view.cursor = cursor
    view.scroll_to(y=place.view_scroll, animate=False, immediate=True)
    view.refresh()
    refocus(view.screen, place)


def refocus(screen: Screen[Any], place: Place) -> None:
    """Focus the widget of `screen` that had the focus (if it is still there, and shown)."""
    if place.focus:
        with contextlib.suppress(NoMatches):
            widget = screen.query_one(f"#{place.focus}")
            if widget.display and widget.focusable:
                widget.focus()
