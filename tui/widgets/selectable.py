"""Mouse selection for the Line-API views: the part Textual needs from every such widget.

A view mixes this in, draws each line with `selectable_strip`, hands it out through
`mapped` and says in `get_selection` what text a selection covers. The screen maps the
mouse to (character, line) with offsets the lines carry; they cost the keyboard-only reader
a little on every frame, so lines carry them only once the pointer has been over the view:
it moved over it, or it was pressed there (a press with no motion before it, as a terminal
sends when the pointer was already in place). The press is seen in time because the app
records where the pointer is before the screen maps it (`App.mouse_position`).
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


#: How a selection is drawn: in reverse video, which shows over any colour (a quote's side
#: colour, a search match); the screen's `.screen--selection` class would lose its
#: background in a span and leave a selection over a quote looking unselected.
SELECTED = "reverse"


class SelectableLines(_Mixin):
    """Mixed into a view whose lines can be selected; `_strips` is its cache of drawn lines
    (kept without offsets: `mapped` adds them on the way out, cached by the strip itself)."""

    _strips: dict[Any, Strip]
    _pointer = False  # the mouse has been over the view

    def selectable_strip(
        self, line: Content, width: int, base: Style, y: int, chosen: tuple[int, int] | None
    ) -> Strip:
        """Line `y` as a strip, its characters `chosen` (if any) drawn as selected."""
        if chosen is not None:
            line = line.stylize(SELECTED, *chosen)
        return content_strip(self, line, width, base)

    def mapped(self, strip: Strip, y: int) -> Strip:
        """`strip`, line `y` of the content (0-based), with the offsets the screen maps the
        mouse with once the pointer has been over the view (see the module)."""
        if not self._pointer:
            x, at = self.app.mouse_position
            if not self.region.contains(x, at):
                return strip
            self._pointer = True
        return strip.apply_offsets(0, y)

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def on_enter(self) -> None:
        self._pointer = True
