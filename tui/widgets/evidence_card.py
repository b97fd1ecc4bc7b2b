"""One piece of evidence: the quote inside its paragraph, and where it is from."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from claims import Anchor


@dataclass(frozen=True)
class Cited:
    """What an evidence card points at."""

    dispute: str
    position: int
    evidence: int
    source: str
    anchor: Anchor | None


class EvidenceCard(Static, can_focus=True):
    """A focusable card; `enter` or a click opens the source at the quote."""

    BINDINGS = [Binding("enter", "open", "Open source", id="evidence.open")]

    class Open(Message):
        def __init__(self, cited: Cited) -> None:
            self.cited = cited
            super().__init__()

    def __init__(self, body: Content, cited: Cited, classes: str = "") -> None:
        super().__init__(body, classes=classes)
        self.cited = cited

    def show(self, body: Content, cited: Cited, classes: str) -> None:
        """Show another piece of evidence in this card (cards are reused, not rebuilt)."""
        self.cited = cited
        self.update(body)
        self.set_classes(classes)

    def action_open(self) -> None:
        self.post_message(self.Open(self.cited))

    def on_click(self) -> None:
        self.focus()
        self.action_open()
