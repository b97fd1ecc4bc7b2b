"""The source view's legend: what its colours and gutter marks mean.

Kept short, a line or two under the document: the gutter's marks (the cursor's bar, the
place opened, a cited paragraph's number, the count of quotes not drawn as ◆), then the
sides whose quotes are highlighted in this source, each with its ◆ in its colour (the
colour of its highlights, and of its ◆ marks in the gutter, one per quote cited).
Side labels come from the casebook and go in through `claims.text.steady`, never markup.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from claims.text import steady
from tui.widgets.document_view import BAR, MARK

SIDE_MARK = "◆"  # one per citing quote in a paragraph's gutter, in its side's colour

MARKS: list[tuple[str, str, str]] = [  # (glyph, its style, what it means)
    (BAR, "$accent", "cursor"),
    (MARK, "$accent", "place opened"),
    ("¶4", "bold", "cited"),
    ("+2", "$text-muted", "more quotes"),
]


def legend(sides: list[tuple[str, str]]) -> Content:
    """The legend for a source whose quotes come from `sides`, given as (label, colour
    "#rrggbb") in the order they should be listed: the gutter's marks, then "quotes:" and
    each side's ◆ and label (nothing of sides if the list is empty), as one text for the
    widget to wrap."""
    parts: list[str | tuple[str, str]] = []
    for glyph, style, meaning in MARKS:
        parts += [(glyph, style), (f" {meaning}  ", "$text-muted")]
    if sides:
        parts.append(("quotes by side:", "$text-muted"))
    for label, colour in sides:
        parts += ["  ", (SIDE_MARK, colour), " ", steady(label)]
    return Content.assemble(*parts)


class Legend(Static):
    """The legend under a source (see `legend`); `show` changes the sides listed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(legend([]), id=id, markup=False)

    def show(self, sides: list[tuple[str, str]]) -> None:
        """List `sides`, as (label, colour), in the legend."""
        self.update(legend(sides))
