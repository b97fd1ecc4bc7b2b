"""A source in full: numbered paragraphs, every quote cited from it highlighted.

Opened from an evidence card, it scrolls to the cited paragraph and focuses it. `n`/`N`
move between cited paragraphs; `enter` on one lists the disputes citing it and goes to the
chosen one; `escape` returns to exactly where the user was.
"""

from __future__ import annotations

from collections import defaultdict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from claims import Paragraph
from tui.render import paragraph_text, side_colour
from tui.screens.citing import CitingScreen
from tui.session import Citation, Session
from tui.widgets.evidence_card import Cited

GUTTER_MARKS = 3  # side-coloured marks shown beside a paragraph; more are counted


class ParagraphBlock(Horizontal):
    """One paragraph: a gutter (¶ number, a mark per citation) and the text."""

    def __init__(self, number: int, gutter: Content, body: Content, cited: bool) -> None:
        super().__init__(classes="-cited" if cited else "")
        self.number = number
        self.can_focus = cited
        self._gutter = gutter
        self._body = body

    def compose(self) -> ComposeResult:
        yield Static(self._gutter, classes="gutter")
        yield Static(self._body, classes="text")


class SourceScreen(Screen[str | None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="source.back"),
        Binding("n", "next_cited", "Next cited", id="source.next"),
        Binding("N", "previous_cited", "Previous cited", id="source.previous"),
        Binding("enter", "citing", "Who cites this", id="source.citing"),
        Binding("j", "scroll_down", "Down", show=False, id="source.down"),
        Binding("k", "scroll_up", "Up", show=False, id="source.up"),
    ]

    def __init__(
        self, session: Session, source_id: str, paragraph: int | None, cited: object = None
    ) -> None:
        super().__init__()
        self.session = session
        self.source_id = source_id
        self.target = paragraph
        self.cited = cited if isinstance(cited, Cited) else None
        self.by_paragraph: dict[int, list[Citation]] = defaultdict(list)
        for citation in session.citations(source_id):
            assert citation.anchor.paragraph is not None
            self.by_paragraph[citation.anchor.paragraph].append(citation)

    def compose(self) -> ComposeResult:
        casebook = self.session.casebook
        source = casebook.sources[self.source_id]
        document = self.session.document(self.source_id)
        meta = [m for m in (source.outlet, source.author) if m]
        if source.published:
            meta.append(source.published.isoformat())
        meta.append(source.file)
        yield Header()
        yield Static(
            Content.assemble(
                (source.title, "bold"),
                "\n",
                (" · ".join(meta), "dim"),
                "\n",
                (f"{len(self.by_paragraph)} paragraphs cited · n/N: next/previous", "dim"),
            ),
            id="source-heading",
        )
        with VerticalScroll(id="document"):
            for paragraph in document.paragraphs if document else []:
                citations = self.by_paragraph.get(paragraph.number, [])
                yield ParagraphBlock(
                    paragraph.number,
                    self.gutter_for(paragraph.number, citations),
                    self.body_for(paragraph, citations),
                    bool(citations),
                )
        yield Footer()

    def gutter_for(self, number: int, citations: list[Citation]) -> Content:
        casebook = self.session.casebook
        parts: list[str | tuple[str, str]] = [(f"¶{number}", "bold" if citations else "dim")]
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
        self.app.sub_title = self.session.casebook.sources[self.source_id].title
        self.call_after_refresh(self.go_to, self.target or 1)

    def blocks(self) -> list[ParagraphBlock]:
        return list(self.query(ParagraphBlock))

    def go_to(self, number: int) -> None:
        blocks = self.blocks()
        if not blocks:
            return
        block = blocks[min(max(number, 1), len(blocks)) - 1]
        if block.can_focus:
            block.focus(scroll_visible=False)
        self.query_one("#document", VerticalScroll).scroll_to_center(block, animate=False)

    def current(self) -> int:
        focused = self.focused
        if isinstance(focused, ParagraphBlock):
            return focused.number
        return self.target or 0

    def action_next_cited(self) -> None:
        later = [n for n in sorted(self.by_paragraph) if n > self.current()]
        if later:
            self.go_to(later[0])
        else:
            self.notify("No cited paragraph after this one.", timeout=2)

    def action_previous_cited(self) -> None:
        earlier = [n for n in sorted(self.by_paragraph) if n < self.current()]
        if earlier:
            self.go_to(earlier[-1])
        else:
            self.notify("No cited paragraph before this one.", timeout=2)

    def action_citing(self) -> None:
        citations = self.by_paragraph.get(self.current(), [])
        if not citations:
            self.notify("No dispute cites this paragraph.", timeout=2)
            return
        disputes = list({c.dispute.id: c.dispute for c in citations}.values())
        self.app.push_screen(CitingScreen(self.current(), disputes), callback=self.chosen)

    def chosen(self, dispute_id: str | None) -> None:
        if dispute_id is not None:
            self.dismiss(dispute_id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#document", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#document", VerticalScroll).scroll_up()
