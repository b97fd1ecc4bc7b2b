"""One line of `Content` as a `Strip`: how the Line-API widgets here draw a line.

Styles in the content may be component classes (".name") or theme variables ("$name");
the widget resolves them. The strip is cut or padded to exactly `width` cells.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


def content_strip(widget: Widget, line: Content, width: int, base: Style) -> Strip:
    segments = [
        Segment(text, style.rich_style)
        for text, style in line.render(base, end="", parse_style=widget._get_style)
    ]
    return Strip(segments, line.cell_length).crop_extend(0, width, base.rich_style)
