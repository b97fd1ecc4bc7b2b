"""The key bar at the foot of a screen: the keys that do something here, and what.

Textual's `Footer` is a widget per key, all recomposed whenever the bindings change (at
every focus change and screen switch); on the benchmark machine that was 10–15 ms of
every screen switch at 160×48. This is one widget drawing one line from the screen's
active bindings, with the command palette's key on the right; a click on a key presses it.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.strips import content_strip

KEY = ".key-bar--key"
DESCRIPTION = ".key-bar--description"
SEPARATOR = ".key-bar--separator"


class Shown(NamedTuple):
    """One key as shown: the key to press, how it is drawn, what it does, and where."""

    key: str
    label: Content
    start: int
    end: int


class KeyBar(Widget):
    """The keys of the screen's active bindings that are meant to be shown."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--separator"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[Shown] = []
        self._strip: Strip | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        left, palette = self._keys()
        shown, cell = [], 0
        for key, label in left:
            shown.append(Shown(key, label, cell, cell + label.cell_length))
            cell += label.cell_length
        if palette is not None:  # on the right edge, over the others if the bar is too narrow
            key, label = palette
            start = max(0, self.size.width - label.cell_length)
            shown = [s._replace(end=min(s.end, start)) for s in shown if s.start < start]
            shown.append(Shown(key, label, start, start + label.cell_length))
        if shown != self._shown:
            self._shown, self._strip = shown, None
            self.refresh()

    def _keys(self) -> tuple[list[tuple[str, Content]], tuple[str, Content] | None]:
        """(key, label) for each shown action, first key per action; and the palette's."""
        app = self.app
        active = self.screen.active_bindings
        left, actions = [], set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            label = Content.assemble(
                (f" {app.get_key_display(binding)} ", KEY),
                (f"{binding.description} ", DESCRIPTION),
            )
            left.append((binding.key, label if enabled else label.stylize("dim")))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            binding = active[app.COMMAND_PALETTE_BINDING].binding
            palette = (
                binding.key,
                Content.assemble(
                    ("▏", SEPARATOR),
                    (f"{app.get_key_display(binding)} ", KEY),
                    (f"{binding.description} ", DESCRIPTION),
                ),
            )
        return left, palette

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None  # the theme changed: the line drawn in the old colours is stale

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)  # the palette's key keeps to the right edge

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._strip is None or self._strip.cell_length != width:
            line = Content()
            for shown in self._shown:
                line = line.pad_right(max(0, shown.start - line.cell_length))
                line += shown.label.truncate(shown.end - shown.start)
            self._strip = content_strip(self, line, width, self.visual_style)
        return self._strip

    def on_click(self, event: Click) -> None:
        for shown in self._shown:
            if shown.start <= event.x < shown.end:
                self.app.simulate_key(shown.key)
                return
