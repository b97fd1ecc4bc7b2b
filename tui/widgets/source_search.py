"""`/` in the source screen: search the source's text, matches highlighted and counted.

`SearchableDocumentView` is the source screen's `DocumentView` with a search: `/` opens the
`SourceSearch` box under the text; what is typed is found as it is typed (case-insensitive,
quotes, dashes and spaces normalised as quotes are anchored: `claims.search`), every match
highlighted and the count shown on the box ("3 of 12"); `enter` goes to the first match
from the paragraph the reader is at. While a search is on, `n`/`N` go to the next/previous
match (round the end and back) instead of the next cited paragraph or place, and `escape`
ends the search (the next `escape` goes back, as before). Matching is per paragraph; a
highlight restyles a paragraph's lines where they are (`Layout.restyle`), so nothing moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input

from claims.model import Span
from claims.search import find_all
from tui.widgets.document_view import DocumentView, Passage

MATCH_STYLE = "underline $text on $accent 35%"  # every match
CURRENT_STYLE = "bold $background on $accent"  # the match gone to


class SearchableDocumentView(DocumentView):
    """A `DocumentView` with `/` search (see the module)."""

    BINDINGS = [  # a key bound here hides the base class's bindings of it: n/N kept
        *(b for b in DocumentView.BINDINGS if isinstance(b, Binding) and b.key in ("n", "N")),
        Binding("slash", "search", "Search", id="source.search"),
        Binding("n", "next_match", "Next match", id="source.next-match"),
        Binding("N", "previous_match", "Previous match", id="source.previous-match"),
        Binding("escape", "clear_search", "End search", id="source.end-search"),
    ]

    def __init__(self, passages: list[Passage], start: int, *, id: str | None = None) -> None:
        self.search_text = ""  # what is searched for ("": no search)
        self.matches: list[Span] = []
        self.match = -1  # the match gone to (-1: none yet)
        self._bodies: dict[int, tuple[int, Content]] = {}  # number -> (index, unstyled body)
        self._searched: object = None  # the source the search is in
        super().__init__(passages, start, id=id)

    def show(
        self,
        passages: list[Passage],
        start: int,
        *,
        target: Span | None = None,
        places: Sequence[Span] = (),
    ) -> None:
        """As `DocumentView.show`; the same source shown again (a reload) keeps its search,
        another one ends it."""
        self._bodies = {p.number: (i, p.body) for i, p in enumerate(passages)}
        source = self._source()
        if source != self._searched:
            self._searched, self.search_text, self.matches, self.match = source, "", [], -1
            bar = self._bar()
            if bar is not None:
                bar.display = False
                with bar.prevent(Input.Changed):
                    bar.value = ""
        self.passages, self._layout = passages, None  # (`super().show` lays them out anew)
        if self.search_text:
            self.matches = self._find(self.search_text)
            self.match = min(self.match, len(self.matches) - 1)
            for number in {m.paragraph for m in self.matches}:
                self._restyle(number)
        super().show(passages, start, target=target, places=places)
        self._count()

    # -- searching --------------------------------------------------------------------------

    def search(self, text: str) -> None:
        """Find `text` (highlight every match, count them); "" ends the search."""
        touched = {m.paragraph for m in self.matches}
        self.search_text, self.match = text, -1
        self.matches = self._find(text) if text.strip() else []
        for number in touched | {m.paragraph for m in self.matches}:
            self._restyle(number)
        self._count()
        self._redraw()

    def step_match(self, step: int) -> bool:
        """Go to the next (`step` 1) or previous (-1) match, round the end; the first time,
        to the first one from the current paragraph on (or before it, going back).
        False if there is no match."""
        if not self.matches:
            self.notify("No match.", timeout=2)
            return False
        count, old = len(self.matches), self.match
        if old < 0:
            here = self.current
            after = [i for i, m in enumerate(self.matches) if m.paragraph >= here]
            before = [i for i, m in enumerate(self.matches) if m.paragraph <= here]
            index = (after or [0])[0] if step > 0 else (before or [count - 1])[-1]
        else:
            index = (old + step) % count
            if (step > 0 and index < old) or (step < 0 and index > old):
                self.notify("Search went round the end.", timeout=2)
        self.match = index
        for number in {self.matches[index].paragraph} | (
            {self.matches[old].paragraph} if old >= 0 else set()
        ):
            self._restyle(number)
        self._count()
        self._redraw()
        self.go_to_place(self.matches[index])
        return True

    def _find(self, text: str) -> list[Span]:
        return [
            Span(p.number, start, end)
            for p in self.passages
            for start, end in find_all(text, self._bodies[p.number][1].plain)
        ]

    def _restyle(self, number: int) -> None:
        """Paragraph `number` with its matches highlighted (and none, with no search)."""
        index, body = self._bodies[number]
        for at, span in enumerate(self.matches):
            if span.paragraph == number:
                style = CURRENT_STYLE if at == self.match else MATCH_STYLE
                body = body.stylize(style, span.start, span.end)
        passage = self.passages[index] = replace(self.passages[index], body=body)
        if self._layout is not None:
            self._layout.restyle(passage)

    def base_body(self, number: int) -> Content:
        """Paragraph `number`'s body under the search's highlights."""
        return self._bodies[number][1]

    def set_bodies(self, bodies: dict[int, Content]) -> None:
        """Draw these paragraphs (number: body) from other bodies, the same text in other
        styles (the framing lens's: `tui.lens`), the search's highlights over them."""
        for number, body in bodies.items():
            self._bodies[number] = (self._bodies[number][0], body)
            self._restyle(number)
        self._redraw()

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()
        self.refresh_bindings()  # n/N: matches while a search is on

    def _count(self) -> None:
        bar = self._bar()
        if bar is None:
            return
        if not self.search_text.strip():
            bar.border_subtitle = ""
        elif not self.matches:
            bar.border_subtitle = "no match"
        elif self.match < 0:
            count = len(self.matches)
            bar.border_subtitle = f"{count} {'match' if count == 1 else 'matches'} · enter: go"
        else:
            bar.border_subtitle = f"{self.match + 1} of {len(self.matches)}"

    def _bar(self) -> SourceSearch | None:
        try:
            return self.screen.query_one(SourceSearch)
        except Exception:  # not on a screen yet, or no search box
            return None

    def _source(self) -> object:
        try:
            return getattr(self.screen, "source_id", None)
        except Exception:  # not on a screen yet
            return None

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a search is on, `n`/`N` go through its matches and `escape` ends it."""
        searching = bool(self.search_text)
        if action in ("next_match", "previous_match", "clear_search"):
            return searching
        if searching and action in ("next_place", "previous_place", "next_cited", "previous_cited"):
            return False
        return super().check_action(action, parameters)

    def action_search(self) -> None:
        bar = self._bar()
        if bar is not None:
            bar.display = True
            bar.focus()

    def action_next_match(self) -> None:
        self.step_match(1)

    def action_previous_match(self) -> None:
        self.step_match(-1)

    def action_clear_search(self) -> None:
        self.search("")
        bar = self._bar()
        if bar is not None:
            with bar.prevent(Input.Changed):
                bar.value = ""
            bar.display = False


class SourceSearch(Input):
    """The search box under the source's text (hidden until `/`)."""

    BINDINGS = [Binding("escape", "close", "End search", id="source.search-close")]
    DEFAULT_CSS = """
    SourceSearch { display: none; border-subtitle-color: $text; border-subtitle-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(placeholder="search the text…", id="source-search")

    def _view(self) -> SearchableDocumentView:
        return self.screen.query_one(SearchableDocumentView)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._view().search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        view = self._view()
        if view.search_text.strip():
            view.step_match(1)
            view.focus()

    def action_close(self) -> None:
        view = self._view()
        view.action_clear_search()
        view.focus()
