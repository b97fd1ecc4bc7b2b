"""The note editor: a position's note in Textual's `TextArea`, several lines if need be.

ctrl+s saves (dismissed with the text, "" to remove the note), escape cancels (None: nothing
changes). The heading says which position the note is on; it is built by the caller
from casebook text made `steady`, never markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


class NoteEditor(ModalScreen[str | None]):
    """Edit one position's note: ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    #note-editor {
        width: 80%; max-width: 100; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #note-about { color: $text-muted; margin-bottom: 1; }
    #note-text { height: 10; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="note.cancel"),
    ]

    def __init__(self, note: str | None, about: Content) -> None:
        super().__init__()
        self.note = note or ""
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor") as box:
            box.border_title = Content("Note (ctrl+s: save; escape: cancel)")
            yield Static(self.about, id="note-about")
            yield TextArea(self.note, id="note-text", soft_wrap=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(text.strip("\n") if text.strip() else "")
