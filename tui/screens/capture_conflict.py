"""Asked when a capture meets a file changed on disk since it was read (`Conflict`):
reload the casebook and try again, or leave it. Nothing was written either way.

Dismissed with True (reload and try again) or False/None (escape: leave it).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class CaptureConflictScreen(ModalScreen[bool | None]):
    """The file changed on disk: reload and retry?"""

    DEFAULT_CSS = """
    CaptureConflictScreen { align: center middle; }
    #capture-conflict {
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    #capture-conflict-text { margin-bottom: 1; }
    #capture-conflict-buttons { height: auto; }
    #capture-conflict-buttons Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("r", "choose(True)", "Reload and retry", id="capture.retry"),
        Binding("escape", "choose(False)", "Leave it", id="capture.leave"),
    ]

    def __init__(self, message: Content) -> None:
        """`message`: what changed (steady text)."""
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="capture-conflict") as box:
            box.border_title = Content("The file changed on disk")
            yield Static(self.message, id="capture-conflict-text")
            with Horizontal(id="capture-conflict-buttons"):
                yield Button("Reload and retry (r)", id="retry", variant="warning")
                yield Button("Leave it (escape)", id="leave")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "retry")

    def action_choose(self, again: bool) -> None:
        self.dismiss(again)
