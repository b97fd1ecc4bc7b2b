"""A source in full: numbered paragraphs, every quote cited from it highlighted.

Opened from an evidence card, it shows the cited paragraph as the cursor, scrolled so
that the quote's own lines are in sight. `n`/`N` move between cited paragraphs; `enter` on
one lists the disputes citing it and goes to the chosen one; `escape` returns to exactly
where the user was. Opened on an ambiguous quote, it highlights every place the quote
stands in and `n`/`N` step through those places; on a quote not found, it opens at the
closest text, highlighted differently and labelled as no match. The document itself is
one `DocumentView` (with `/` search: `tui.widgets.source_search`); this screen builds its
paragraphs (gutter marks, highlighted quotes: `cited_passage`, which the side-by-side
view uses too). `s` opens another source beside this one (`tui.screens.side_by_side`).

One instance serves every source: `show` fills it before each push, so opening a source
mounts nothing new (the app installs it, so going back does not tear it down either).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from claims import Anchor, Casebook, Paragraph
from claims.check import percent
from claims.documents import GaveUp
from claims.formats import plural
from claims.model import Span
from claims.sources.metadata import fill
from claims.text import steady
from tui.lens import LENS_BINDINGS, LensActions
from tui.pages import cited, page_marks
from tui.render import paragraph_text, side_colour, steady_content
from tui.session import Citation, Session
from tui.source_capture import CAPTURE_BINDINGS, SelectionKeys
from tui.threads import Gone, on_ui
from tui.widgets.dispute_layout import Cited
from tui.widgets.document_view import CLOSEST_STYLE, PLACE_STYLE, DocumentView, Passage
from tui.widgets.key_bar import KeyBar
from tui.widgets.legend import Legend
from tui.widgets.lens import LensLegend
from tui.widgets.selection_bar import SelectionBar
from tui.widgets.source_search import SearchableDocumentView, SourceSearch

GUTTER_MARKS = 3  # side-coloured marks shown beside a paragraph; more are counted


class SourceScreen(SelectionKeys, LensActions, Screen[str | None]):  # v…a y u: source_capture
    BINDINGS = [  # the selection's escape (clear it) before going back
        *CAPTURE_BINDINGS,
        Binding("escape", "back", "Back", id="source.back"),
        *LENS_BINDINGS,
        Binding("s", "side_by_side", "Side by side", id="source.side-by-side"),
    ]

    def __init__(self, session: Session, source_id: str) -> None:
        """An empty screen; `show` says what to show before it is pushed."""
        super().__init__()
        self.session = session
        self.source_id = source_id
        self.target = 1
        self.cited: Cited | None = None
        self.by_paragraph: dict[int, list[Citation]] = {}
        self.places: list[Span] = []  # an ambiguous quote's places
        self.closest: Span | None = None  # the text closest to a quote not found
        self._heading = Content()  # the source's title and details
        self._latest = session  # the newest casebook a reload asked to show

    def show(
        self, session: Session, source_id: str, paragraph: int | None, cited: Cited | None = None
    ) -> None:
        """Show `source_id` at `paragraph`, the quote of `cited` (if any) underlined."""
        self.session, self.source_id, self.cited = session, source_id, cited
        self.target = paragraph or 1
        anchor = cited.anchor if cited is not None else None
        self.places, self.closest = [], None
        if anchor is not None and not anchor.found:
            if anchor.candidates:
                self.places = sorted(anchor.places)
            elif anchor.places:
                self.closest = anchor.places[0]
        self.by_paragraph = citations_by_paragraph(session, source_id)
        if self.is_mounted:  # else on_mount fills it
            self._fill()

    # -- after a reload (the main screen calls `reload` with each complete casebook) ----------

    def reload(self, session: Session) -> None:
        """Show this source from a reloaded casebook, once a worker has read it and anchored
        its quotes; if it cannot be shown any more (no longer declared, unreadable), go back
        to the main screen and say why."""
        self._latest = session
        if not session.source_ready(self.source_id):
            self._prepare(session)
            return
        why = self._reshow(session)
        if why is not None:
            self.leave()
            self.app.notify(steady(why), title="Source closed", severity="error", markup=False)
            return
        from tui.screens.side_by_side import SideBySideScreen

        for screen in self.app.screen_stack:  # this source beside another: that too
            if isinstance(screen, SideBySideScreen) and screen.first is self:
                screen.reload(session)

    @work(thread=True, exclusive=True, group="source-reload")
    def _prepare(self, session: Session) -> None:
        worker = get_current_worker()
        try:
            session.prepare_source(self.source_id, lambda: worker.is_cancelled)
            on_ui(self, self._prepared, session)
        except (Gone, GaveUp):
            pass  # a newer reload took over, or the app is closing

    def _prepared(self, session: Session) -> None:
        if session is self._latest and self in self.app.screen_stack:
            self.reload(session)

    def leave(self) -> None:
        """Back to the main screen, if this screen (or one over it) is shown."""
        while self in self.app.screen_stack:
            self.app.pop_screen()

    def _reshow(self, session: Session) -> str | None:
        """Show this source from `session` (read, its quotes anchored): the quote opened
        anchored anew, the view on the same paragraph (found by its text, else its number)
        at the same offset. Returns why it cannot be shown any more, or None."""
        source = session.casebook.sources.get(self.source_id)
        document = session.document(self.source_id)
        if source is None or document is None:
            problem = session.documents.problems.get(self.source_id)
            return problem.message if problem else f"source {self.source_id!r} is gone"
        view = self.query_one(DocumentView)
        number = view.current
        offset = view.scroll_y - view.paragraph_top(number)
        old = self.session.document(self.source_id)
        if old is not None and 0 < number <= len(old.paragraphs):
            text = old.paragraph(number).text
            same = [p.number for p in document.paragraphs if p.text == text]
            number = min(same, key=lambda n: abs(n - number), default=number)
        cited = self.cited
        if cited is not None:
            dispute = session.casebook.dispute(cited.dispute)
            anchors = session.anchors(dispute) if dispute is not None else []
            at = (cited.position, cited.evidence, cited.source)
            anchor = next((a for a in anchors if (a.position, a.evidence, a.source) == at), None)
            cited = replace(cited, anchor=anchor) if anchor is not None else None
        self.show(session, self.source_id, number, cited)
        view.go_to(number)
        view.scroll_to(y=max(0, view.paragraph_top(number) + offset), animate=False, force=True)
        return None

    def _fill(self) -> None:
        # What the YAML leaves out, from the page's own metadata (read by the worker).
        source = fill(self.session.casebook.sources[self.source_id])
        document = self.session.document(self.source_id)
        meta = [m for m in (source.outlet, source.author) if m]
        if source.published:
            meta.append(source.published.isoformat())
        meta.append(source.file)
        if source.url and source.url.strip():
            meta.append(" ".join(source.url.split()))
        self._heading = steady_content(
            Content.assemble((source.title, "bold"), "\n", (" · ".join(meta), "dim"))
        )
        passages = [self.passage(p) for p in (document.paragraphs if document else [])]
        self.query_one(DocumentView).show(
            passages, self.target, target=self.quote_span() or self.closest, places=self.places
        )
        self.show_heading(0)
        self.sub_title = steady(source.title)
        self.query_one(Legend).show(self.legend_sides())
        self.lens_shown()
        self.reselect()  # the selection, drawn again where its paragraph now is

    def legend_sides(self) -> list[tuple[str, str]]:
        """(label, colour) of each side quoted from this source, in the casebook's order."""
        casebook = self.session.casebook
        quoted = {
            c.dispute.positions[c.position].side for cs in self.by_paragraph.values() for c in cs
        }
        known = [(s.label, s.colour) for s in casebook.sides.values() if s.id in quoted]
        unknown = sorted(quoted - casebook.sides.keys())
        return known + [(f"{side} (unknown side)", side_colour(casebook, side)) for side in unknown]

    def quote_span(self) -> Span | None:
        """Where the quote opened is, if it was found."""
        anchor = self.cited.anchor if self.cited is not None else None
        if anchor is None or anchor.paragraph is None or anchor.start is None:
            return None
        return Span(anchor.paragraph, anchor.start, anchor.end or anchor.start)

    def show_heading(self, place: int) -> None:
        """The source's title and details, then what the view shows and what n/N do."""
        anchor = self.cited.anchor if self.cited is not None else None
        self.query_one("#source-heading", Static).update(
            Content.assemble(self._heading, "\n", *self.status_parts(anchor, place))
        )

    def cite(self, number: int) -> str:
        """Paragraph `number` as the app cites it: "¶7", a PDF's "p. 2 ¶3 (¶7)"."""
        return steady(cited(self.session.document(self.source_id), number))

    def status_parts(self, anchor: Anchor | None, place: int) -> list[tuple[str, str]]:
        """What the view shows (an ambiguous quote's places, a missing one's closest text)."""
        count = len(self.places)
        if count:
            where = ", ".join(dict.fromkeys(self.cite(s.paragraph) for s in self.places))
            return [
                (f"Ambiguous quote: {count} places ({where}), all marked", "bold $warning"),
                (f" · place {place + 1} of {count} · n/N: next/previous place", "dim"),
            ]
        cited = plural(len(self.by_paragraph), "paragraph")
        parts = [(f"{cited} cited · n/N: next/previous", "dim")]
        if anchor is None or anchor.found:
            return parts
        if anchor.candidates:
            where = ", ".join(self.cite(n) for n in anchor.candidates)
            return [(f"Ambiguous quote: in {where}", "bold $warning"), (" · ", "dim"), *parts]
        if anchor.in_furniture:
            why = steady(f"Quote {anchor.in_furniture}")
            return [(why, "bold $error"), (" · ", "dim"), *parts]
        if self.closest is None:
            why = "Quote not found: no text here comes close"
            return [(why, "bold $error"), (" · ", "dim"), *parts]
        score = f" ({percent(anchor.score)} similar)" if anchor.score is not None else ""
        return [
            (
                f"Quote not found. Marked in {self.cite(self.closest.paragraph)}{score}: ",
                "bold $error",
            ),
            (" closest, not a match ", "bold reverse $error"),
            (" · ", "dim"),
            *parts,
        ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="source-heading")
        yield SearchableDocumentView([], 1, id="document")
        yield SourceSearch()
        yield Legend(id="legend")
        yield LensLegend()
        yield SelectionBar()  # what `v` selected, and its keys
        yield KeyBar()

    def passage(self, paragraph: Paragraph) -> Passage:
        citations = self.by_paragraph.get(paragraph.number, [])
        body = self.body_for(paragraph, citations)
        return cited_passage(self.session, self.source_id, paragraph, citations, body)

    def body_for(self, paragraph: Paragraph, citations: list[Citation]) -> Content:
        text = cited_body(self.session.casebook, paragraph, citations)
        if self.cited is not None and self.cited.anchor and citations:
            anchor = self.cited.anchor
            if anchor.paragraph == paragraph.number and anchor.start is not None:
                text = text.stylize("underline", anchor.start, anchor.end)
        for place in self.places:
            if place.paragraph == paragraph.number:
                text = text.stylize(PLACE_STYLE, place.start, place.end)
        if self.closest is not None and self.closest.paragraph == paragraph.number:
            text = text.stylize(CLOSEST_STYLE, self.closest.start, self.closest.end)
        return text

    def on_mount(self) -> None:
        self._fill()

    def on_screen_resume(self) -> None:
        self.query_one(DocumentView).focus()

    def current(self) -> int:
        """The current cited paragraph (before one is reached, the paragraph opened at)."""
        return self.query_one(DocumentView).current

    @on(DocumentView.Stepped)
    def stepped(self, event: DocumentView.Stepped) -> None:
        self.show_heading(event.index)

    @on(DocumentView.Chosen)
    def citing(self, event: DocumentView.Chosen) -> None:
        citations = self.by_paragraph.get(event.number, [])
        if not citations:
            self.notify("No dispute cites this paragraph.", timeout=2)
            return
        disputes = list({c.dispute.id: c.dispute for c in citations}.values())
        from tui.screens.citing import CitingScreen  # imported when first asked for

        citing = CitingScreen(event.number, disputes, self.cite(event.number))
        self.app.push_screen(citing, callback=self.chosen)

    def chosen(self, dispute_id: str | None) -> None:
        if dispute_id is not None:
            self.dismiss(dispute_id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_side_by_side(self) -> None:
        """`s`: pick another source and read the two side by side (`tui.screens.side_by_side`)."""
        from tui.screens.side_by_side import choose_second  # imported when first asked for

        choose_second(self)


# -- a source's paragraphs as the views show them (here and side by side) ---------------------


def citations_by_paragraph(session: Session, source_id: str) -> dict[int, list[Citation]]:
    """The found quotes of `source_id` by the (1-based) number of their paragraph, each
    paragraph's in casebook order; the source must be ready (`Session.source_ready`)."""
    by_paragraph: dict[int, list[Citation]] = defaultdict(list)
    for citation in session.citations(source_id):
        assert citation.anchor.paragraph is not None
        by_paragraph[citation.anchor.paragraph].append(citation)
    return by_paragraph


def cited_passage(
    session: Session,
    source_id: str,
    paragraph: Paragraph,
    citations: list[Citation],
    body: Content | None = None,
) -> Passage:
    """`paragraph` of `source_id` as a `DocumentView` shows it: the ¶ number and a mark in
    its side's colour per citation in the gutter, the quotes in their sides' colours (or
    `body`), who cites it under it, a PDF's page marks."""
    return Passage(
        paragraph.number,
        gutter_for(session.casebook, paragraph.number, citations),
        body if body is not None else cited_body(session.casebook, paragraph, citations),
        bool(citations),
        note_for(citations),
        *page_marks(session.document(source_id), paragraph),  # a PDF's pages
    )


def gutter_for(casebook: Casebook, number: int, citations: list[Citation]) -> Content:
    """The gutter ("¶7 ◆◆"): the number, up to `GUTTER_MARKS` side-coloured marks, "+N"."""
    number_style = "bold $foreground" if citations else ""  # on the muted gutter
    parts: list[str | tuple[str, str]] = [(f"¶{number}", number_style)]
    if citations:
        parts.append(" ")
    for citation in citations[:GUTTER_MARKS]:
        position = citation.dispute.positions[citation.position]
        parts.append(("◆", side_colour(casebook, position.side)))
    if len(citations) > GUTTER_MARKS:
        parts.append((f"+{len(citations) - GUTTER_MARKS}", ""))  # the gutter's muted
    return Content.assemble(*parts)


def cited_body(casebook: Casebook, paragraph: Paragraph, citations: list[Citation]) -> Content:
    """The paragraph's text (never markup), each quote in its side's colour."""
    spans = []
    for citation in citations:
        anchor = citation.anchor
        assert anchor.start is not None
        assert anchor.end is not None
        position = citation.dispute.positions[citation.position]
        spans.append((anchor.start, anchor.end, side_colour(casebook, position.side)))
    return paragraph_text(paragraph, spans)


def note_for(citations: list[Citation]) -> Content | None:
    """Who cites the paragraph, shown under it (and never copied with it)."""
    if not citations:
        return None
    disputes = list(dict.fromkeys(c.dispute.id for c in citations))
    return Content.styled(steady("cited by: " + ", ".join(disputes)), "dim")
