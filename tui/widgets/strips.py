"""One line of `Content` as a `Strip`: how the Line-API widgets here draw a line.

Styles in the content may be component classes (".name") or theme variables ("$name");
the widget resolves them. The strip is cut or padded to exactly `width` cells.

The text was made `claims.text.steady` when the content was built (`tui.render`), so its
measured width is the width drawn; a piece of text that missed it is made so here, the last
step before the screen (the line may then come out a cell short or long, never raw).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from claims.text import steady


def content_strip(widget: Widget, line: Content, width: int, base: Style) -> Strip:
    segments, changed = [], False
    for text, style in line.render(base, end="", parse_style=widget._get_style):
        safe = steady(text)
        changed = changed or safe is not text
        segments.append(Segment(safe, style.rich_style))
    cells = None if changed else line.cell_length
    return Strip(segments, cells).crop_extend(0, width, base.rich_style)
