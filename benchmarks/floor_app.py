"""The start floor: the smallest Textual app, a Header, one Static and a Footer.

    python benchmarks/floor_app.py

The harness times it from process start until MARKER is on a real terminal's screen (tmux),
the same way it times `contested CASEBOOK` until the first dispute shows.

It also answers a few keys by changing the Static's text, so the harness can measure what a
key press costs in bare Textual through tmux (the "floor" beside the app's key latencies):
`down` shows "floor: down N", `enter` "floor: enter N", `escape` "floor: escape N".
Escape is the interesting one: Textual waits ESCDELAY (100 ms by default) after a lone ESC
byte before it believes no escape sequence follows.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "floor-app-ready-7f3a"


class FloorApp(App[None]):
    BINDINGS = [  # noqa: RUF012
        ("down", "pressed('down')", "Down"),
        ("enter", "pressed('enter')", "Enter"),
        ("escape", "pressed('escape')", "Escape"),
        ("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER, id="marker", markup=False)
        yield Footer()

    def action_pressed(self, key: str) -> None:
        self.presses += 1
        self.query_one("#marker", Static).update(f"floor: {key} {self.presses}")


if __name__ == "__main__":
    FloorApp().run()
