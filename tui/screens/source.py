"""A source in full: numbered paragraphs, every quote cited from it highlighted.

Opened from an evidence card, it shows the cited paragraph centred as the cursor. `n`/`N`
move between cited paragraphs; `enter` on one lists the disputes citing it and goes to the
chosen one; `escape` returns to exactly where the user was. The document itself is one
`DocumentView`; this screen builds its paragraphs (gutter marks, highlighted quotes).

One instance serves every source: `show` fills it before each push, so opening a source
mounts nothing new (the app installs it, so going back does not tear it down either).
"""

from __future__ import annotations

from collections import defaultdict

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from claims import Paragraph
from tui.render import paragraph_text, side_colour
from tui.session import Citation, Session
from tui.widgets.dispute_layout import Cited
from tui.widgets.document_view import DocumentView, Passage
from tui.widgets.key_bar import KeyBar

GUTTER_MARKS = 3  # side-coloured marks shown beside a paragraph; more are counted


class SourceScreen(Screen[str | None]):
    BINDINGS = [Binding("escape", "back", "Back", id="source.back")]

    def __init__(self, session: Session, source_id: str) -> None:
        """An empty screen; `show` says what to show before it is pushed."""
        super().__init__()
        self.session = session
        self.source_id = source_id
        self.target = 1
        self.cited: Cited | None = None
        self.by_paragraph: dict[int, list[Citation]] = {}

    def show(
        self, session: Session, source_id: str, paragraph: int | None, cited: Cited | None = None
    ) -> None:
        """Show `source_id` at `paragraph`, the quote of `cited` (if any) underlined."""
        self.session, self.source_id, self.cited = session, source_id, cited
        self.target = paragraph or 1
        self.by_paragraph = defaultdict(list)
        for citation in session.citations(source_id):
            assert citation.anchor.paragraph is not None
            self.by_paragraph[citation.anchor.paragraph].append(citation)
        if self.is_mounted:  # else on_mount fills it
            self._fill()

    def _fill(self) -> None:
        source = self.session.casebook.sources[self.source_id]
        document = self.session.document(self.source_id)
        meta = [m for m in (source.outlet, source.author) if m]
        if source.published:
            meta.append(source.published.isoformat())
        meta.append(source.file)
        self.query_one("#source-heading", Static).update(
            Content.assemble(
                (source.title, "bold"),
                "\n",
                (" · ".join(meta), "dim"),
                "\n",
                (f"{len(self.by_paragraph)} paragraphs cited · n/N: next/previous", "dim"),
            )
        )
        passages = [self.passage(p) for p in (document.paragraphs if document else [])]
        self.query_one(DocumentView).show(passages, self.target)
        self.sub_title = source.title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="source-heading")
        yield DocumentView([], 1, id="document")
        yield KeyBar()

    def passage(self, paragraph: Paragraph) -> Passage:
        citations = self.by_paragraph.get(paragraph.number, [])
        return Passage(
            paragraph.number,
            self.gutter_for(paragraph.number, citations),
            self.body_for(paragraph, citations),
            bool(citations),
        )

    def gutter_for(self, number: int, citations: list[Citation]) -> Content:
        casebook = self.session.casebook
        number_style = "bold $foreground" if citations else "dim"  # on the muted gutter
        parts: list[str | tuple[str, str]] = [(f"¶{number}", number_style)]
        if citations:
            parts.append(" ")
        for citation in citations[:GUTTER_MARKS]:
            position = citation.dispute.positions[citation.position]
            parts.append(("◆", side_colour(casebook, position.side)))
        if len(citations) > GUTTER_MARKS:
            parts.append((f"+{len(citations) - GUTTER_MARKS}", "dim"))
        return Content.assemble(*parts)

    def body_for(self, paragraph: Paragraph, citations: list[Citation]) -> Content:
        casebook = self.session.casebook
        spans = []
        for citation in citations:
            anchor = citation.anchor
            assert anchor.start is not None
            assert anchor.end is not None
            position = citation.dispute.positions[citation.position]
            spans.append((anchor.start, anchor.end, side_colour(casebook, position.side)))
        text = paragraph_text(paragraph, spans)
        if self.cited is not None and self.cited.anchor and citations:
            anchor = self.cited.anchor
            if anchor.paragraph == paragraph.number and anchor.start is not None:
                text = text.stylize("underline", anchor.start, anchor.end)
        if citations:
            disputes = list(dict.fromkeys(c.dispute.id for c in citations))
            text = Content.assemble(text, "\n", ("cited by: " + ", ".join(disputes), "dim"))
        return text

    def on_mount(self) -> None:
        self._fill()

    def on_screen_resume(self) -> None:
        self.query_one(DocumentView).focus()

    def current(self) -> int:
        """The current cited paragraph (before one is reached, the paragraph opened at)."""
        return self.query_one(DocumentView).current

    @on(DocumentView.Chosen)
    def citing(self, event: DocumentView.Chosen) -> None:
        citations = self.by_paragraph.get(event.number, [])
        if not citations:
            self.notify("No dispute cites this paragraph.", timeout=2)
            return
        disputes = list({c.dispute.id: c.dispute for c in citations}.values())
        from tui.screens.citing import CitingScreen  # imported when first asked for

        self.app.push_screen(CitingScreen(event.number, disputes), callback=self.chosen)

    def chosen(self, dispute_id: str | None) -> None:
        if dispute_id is not None:
            self.dismiss(dispute_id)

    def action_back(self) -> None:
        self.dismiss(None)
