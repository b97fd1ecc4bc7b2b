"""The line above the source view's key bar while a passage is selected: what is selected
(paragraph, words) and the keys that move it, copy it and add it as evidence."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

KEYS = (
    "a add as evidence · y copy · w/b word · )/( sentence · $/0 end/start"
    " · o other end · }/{ paragraph · esc clear"
)


class SelectionBar(Static):
    """One line: "¶6 · 12 words selected · …keys…" (hidden while nothing is selected)."""

    DEFAULT_CSS = """
    SelectionBar {
        display: none; height: 1; padding: 0 1;
        background: $foreground 10%; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="selection-bar", markup=False)

    def show(self, paragraph: int | None, words: int = 0) -> None:
        """Say what is selected (None: nothing, the bar hidden)."""
        self.display = paragraph is not None
        if paragraph is not None:
            what = f"¶{paragraph} · {words} word{'' if words == 1 else 's'} selected"
            self.update(Content.assemble((what, "bold"), ("  " + KEYS, "dim")))

    def show_message(self, message: str) -> None:
        """Say why the selection cannot be used (it runs over paragraphs)."""
        self.display = True
        self.update(Content.styled(message, "bold $warning"))
