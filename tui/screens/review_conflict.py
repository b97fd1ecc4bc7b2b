"""Asked when a review change meets another one made on disk to the same position (or
the same dispute's status): keep mine (overwrite theirs there) or keep theirs (drop mine).

Dismissed with True (keep mine), False (keep theirs) or None (escape: keep theirs, the
change is not written; nothing is lost either way, as theirs is on disk and mine is
still on screen in the message).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ReviewConflictScreen(ModalScreen[bool | None]):
    """review.yaml changed on disk at the same place as the user's change: which wins?"""

    DEFAULT_CSS = """
    ReviewConflictScreen { align: center middle; }
    #conflict {
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    #conflict-text { margin-bottom: 1; }
    #conflict-buttons { height: auto; }
    #conflict-buttons Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("m", "choose(True)", "Keep mine", id="conflict.mine"),
        Binding("t", "choose(False)", "Keep theirs", id="conflict.theirs"),
        Binding("escape", "choose(None)", "Cancel (keep theirs)", id="conflict.cancel"),
    ]

    def __init__(self, message: Content) -> None:
        """`message`: what changed on disk and what the user changed (steady text)."""
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict") as box:
            box.border_title = Content("review.yaml changed on disk")
            yield Static(self.message, id="conflict-text")
            with Horizontal(id="conflict-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="warning")
                yield Button("Keep theirs (t)", id="theirs")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "mine")

    def action_choose(self, mine: bool | None) -> None:
        self.dismiss(mine)
