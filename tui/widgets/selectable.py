"""Mouse selection for the Line-API views: the part Textual needs from every such widget.

A view mixes this in, draws each line with `selectable_strip` and says in `get_selection`
what text a selection covers. Lines carry the offsets the screen maps the mouse with only
once the pointer has been over the view: they cost the keyboard-only reader a little on
every frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from tui.widgets.strips import content_strip

# A mixin, not a Widget subclass: one more Widget class in a view's bases changes which
# default CSS applies to it. Type checkers see the Widget it will be mixed into.
if TYPE_CHECKING:
    _Mixin = Widget
else:
    _Mixin = object


class SelectableLines(_Mixin):
    """Mixed into a view whose lines can be selected; `_strips` is its cache of drawn lines."""

    _strips: dict[Any, Strip]
    _pointer = False  # the mouse has been over the view

    def selectable_strip(
        self, line: Content, width: int, base: Style, y: int, chosen: tuple[int, int] | None
    ) -> Strip:
        """Line `y` as a strip, its characters `chosen` (if any) drawn as selected."""
        if chosen is not None:
            line = line.stylize(".screen--selection", *chosen)
        strip = content_strip(self, line, width, base)
        return strip.apply_offsets(0, y) if self._pointer else strip

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def on_enter(self) -> None:
        if not self._pointer:
            self._pointer = True
            self._strips.clear()
            self.refresh()
