"""Selecting a passage in the source view, by keyboard or mouse; `y` copies it with its
citation, `a` makes it evidence (`tui.capture_flow`), `u` undoes the last capture.

`SelectionKeys` is mixed into the source screen. `v` selects the first word of the
paragraph the reader is at (the cursor's paragraph when it is in sight, else the first
paragraph in sight; the place gone to, such as a search match, when there is one in it);
then `w`/`l` and `b`/`h` move the selection's end a word on or back, `)`/`(` a sentence,
`$`/`0` take it to the paragraph's end/start, `o` swaps which end moves, `}`/`{` move
the selection to the next/previous paragraph. With nothing selected, `)` selects the whole
sentence where `v` would start (binding id `source.select-sentence`; it was `s` until the
source view's `s` became "side by side", issue 16). A selection stays
within one paragraph, as a quote does; `j`/`k` still scroll. `v` again or `escape` clears
it. A mouse drag selects too, drawn widened to whole words once the button is let go;
the keys then take it up, and `escape` clears it as it clears the keys' (a second `escape`
goes back). A new visit to the source view starts with nothing selected
(`forget_selection`). The selection is the screen's own (`Screen.selections`), drawn as a
mouse selection is (in reverse video), so `ctrl+c` copies it as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.selection import Selection

from claims.citation import quoted
from claims.text import shown
from tui.selection import Mark, from_screen, to_screen, words

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.capture_flow import Capturer
    from tui.session import Session
    from tui.widgets.document_view import DocumentView

    _Mixin = Screen[Any]
else:
    _Mixin = object

#: The source screen's keys for selecting and capturing (listed before its own).
CAPTURE_BINDINGS = [
    Binding("v", "mark", "Select", id="source.mark"),
    # `)` with nothing selected: the sentence where you are; with a selection, a sentence on
    Binding("right_parenthesis", "select('sentence')", "Sentence", id="source.select-sentence"),
    Binding("w,l", "select('word', 1)", "Word on", show=False, id="source.select-word"),
    Binding("b,h", "select('word', -1)", "Word back", show=False, id="source.select-back"),
    Binding(
        "right_parenthesis",
        "select('sentence_step', 1)",
        "Sentence on",
        show=False,
        id="source.select-sentence-on",
    ),
    Binding(
        "left_parenthesis",
        "select('sentence_step', -1)",
        "Sentence back",
        show=False,
        id="source.select-sentence-back",
    ),
    Binding("dollar_sign", "select('end')", "To paragraph end", show=False, id="source.select-end"),
    Binding("0", "select('start')", "To paragraph start", show=False, id="source.select-start"),
    Binding("o", "select('swap')", "Other end", show=False, id="source.select-swap"),
    Binding(
        "right_curly_bracket",
        "select('paragraph', 1)",
        "Next paragraph",
        show=False,
        id="source.select-next-paragraph",
    ),
    Binding(
        "left_curly_bracket",
        "select('paragraph', -1)",
        "Previous paragraph",
        show=False,
        id="source.select-previous-paragraph",
    ),
    Binding("y", "copy_selection", "Copy", id="source.copy"),
    Binding("a", "add_selection", "Add as evidence", id="source.add"),
    Binding("u", "undo_capture", "Undo capture", id="source.undo-capture"),
    # A priority binding: the screen's own escape handler clears any selection before the
    # screen's bindings are looked at, and `escape` must not then go back as well.
    Binding("escape", "unmark", "Clear selection", id="source.unmark", priority=True),
]
_WHEN_SELECTED = {"select", "copy_selection", "add_selection", "unmark"}


class SelectionKeys(_Mixin):
    """The source screen's selection, copy and capture (see the module). The screen has
    `session`, `source_id` and one `DocumentView`."""

    session: Session
    source_id: str
    _mark: Mark | None = None  # the keys' selection, while it is the one drawn
    _drawn: Selection | None = None  # how it was drawn (the screen's selection then)
    _drawn_at: object = None  # the layout it was drawn on
    _capturer: Capturer | None = None

    # -- the selection ------------------------------------------------------------------------

    def _document(self) -> DocumentView:
        from tui.widgets.document_view import DocumentView

        return self.query_one(DocumentView)

    def selection_mark(self) -> Mark | str | None:
        """The selection as a `Mark`: the keys' own, or one the mouse made (widened to
        whole words); a message if the mouse's runs over paragraphs; None if none."""
        view = self._document()
        drawn, layout = view.text_selection, view._layout
        if drawn is None or layout is None:
            self._mark = None
            return None
        # `==`, not `is`: a mark drawn over the same characters (`o` swaps its ends) leaves
        # the screen's selection as it was, an equal object, not the one drawn
        if self._mark is not None and drawn == self._drawn and layout is self._drawn_at:
            return self._mark
        bodies = {p.number: p.body.plain for p in view.passages}
        found = from_screen(layout, bodies, drawn, _column(view))
        if isinstance(found, Mark):
            found = self._real(found)
        return found

    def _real(self, mark: Mark) -> Mark:
        """`mark` on the document's own text (the view's is the same length, `steady`)."""
        document = self.session.document(self.source_id)
        if document is None or not 1 <= mark.paragraph <= len(document.paragraphs):
            return mark
        text = document.paragraph(mark.paragraph).text
        return Mark(mark.paragraph, text, mark.anchor, mark.head)

    def forget_selection(self) -> None:
        """No selection at all (the keys', a drag's): for a new visit to the view, so that
        nothing cleared or left behind on an earlier visit comes back to be copied or
        added. Safe before the screen is mounted."""
        self._mark = None
        self._drawn = None
        self._drawn_at = None
        if self.selections:
            self.selections = {}
        if self.is_mounted:
            self.refresh_bindings()

    def draw_mark(self, mark: Mark | None) -> None:
        """Make `mark` the selection (None: clear it), its lines in sight."""
        view = self._document()
        self._mark = mark
        if mark is None:
            self._drawn = None
            self.selections = {}
            self.refresh_bindings()
            return
        layout = view._laid_out(view.scrollable_content_region.width)
        body = next(p.body.plain for p in view.passages if p.number == mark.paragraph)
        self._drawn = to_screen(layout, body, mark, _column(view))
        self._drawn_at = layout
        self.selections = {view: self._drawn}
        top, bottom = self._drawn.start, self._drawn.end
        assert top is not None
        assert bottom is not None
        height = view.scrollable_content_region.height
        if not (view.scroll_y <= top.y and bottom.y < view.scroll_y + height):
            view.scroll_to(y=max(0, top.y - 2), animate=False, force=True)
        self.refresh_bindings()

    def watch_selections(self, selections: dict[object, Selection]) -> None:
        """Say what is selected (the keys' selection, or the mouse's as it is dragged)."""
        from tui.widgets.selection_bar import SelectionBar

        try:
            bar = self.query_one(SelectionBar)
        except NoMatches:  # not composed yet
            return
        mark = self.selection_mark() if selections else None
        if isinstance(mark, str):
            bar.show_message(mark)
            return
        bar.show(mark.paragraph if mark else None, len(words(mark.selected)) if mark else 0)

    def on_text_selected(self) -> None:
        """A drag ended (mouse up): the selection drawn widened to the whole words it is
        counted as, and the key bar showing the selection's keys, without waiting for a
        key."""
        mark = self.selection_mark()
        if isinstance(mark, Mark) and mark is not self._mark:
            self.draw_mark(mark)
        else:
            self.refresh_bindings()

    def reselect(self) -> None:
        """After the view was filled again (a reload, another source): the keys' selection
        drawn again where its paragraph now is, if it still reads the same; else none."""
        mark = self._mark
        if mark is None:
            return
        document = self.session.document(self.source_id)
        same = (
            document is not None
            and 1 <= mark.paragraph <= len(document.paragraphs)
            and document.paragraph(mark.paragraph).text == mark.text
        )
        self.draw_mark(mark if same else None)

    def on_resize(self) -> None:
        if self._mark is not None:  # wrapped anew: drawn anew, once laid out
            self.call_after_refresh(self.reselect)

    def start_paragraph(self) -> int | None:
        """Where `v` starts: the current paragraph if in sight, else the first in sight."""
        view = self._document()
        layout = view._layout
        if layout is None or not layout.lines:
            return None
        top, height = int(view.scroll_y), view.scrollable_content_region.height
        current = view.current
        if current in layout.tops:
            first = layout.tops[current]
            if first < top + height and first + layout.heights[current] > top:
                return current
        for y in range(top, min(top + height, len(layout.lines))):
            if layout.lines[y][0]:
                return layout.lines[y][0]
        return current or None

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The selection's keys shown while there is one; undo while there is a capture."""
        if action == "select" and parameters == ("sentence",):  # `)` alone (see the module)
            return self._document().text_selection is None
        if action == "unmark":  # any selection, the keys' or a drag's: escape clears it
            view = self._document()
            return view.text_selection is not None and self.focused is view
        if action in _WHEN_SELECTED:
            return self._document().text_selection is not None
        if action == "undo_capture":
            return self._capturer is not None and self._capturer.can_undo()
        return super().check_action(action, parameters)

    def action_mark(self) -> None:
        """`v`: start a selection (see the module), or clear the one there is."""
        if self._document().text_selection is not None:
            self.draw_mark(None)
            return
        mark = self.first_mark()
        if mark is not None:
            self.draw_mark(mark)

    def first_mark(self) -> Mark | None:
        """What `v` selects first: the place gone to in the paragraph it starts in (a
        search match, the quote opened), else that paragraph's first word."""
        number = self.start_paragraph()
        document = self.session.document(self.source_id)
        if number is None or document is None:
            return None
        text = document.paragraph(number).text
        view = self._document()
        target = view.target
        mark = None
        if target is not None and target.paragraph == number:
            mark = Mark.around(number, text, target.start, target.end)
        mark = mark or Mark.first_word(number, text)
        if mark is None:
            self.notify("This paragraph has no words to select.", timeout=3)
        return mark

    def action_select(self, how: str, step: int = 1) -> None:
        """Move the selection: by `word`/`sentence_step` (`step` ±1), to the `end`/`start`
        of the paragraph, `swap` ends, the whole `sentence`, another `paragraph`."""
        mark = self.selection_mark()
        if isinstance(mark, str):
            self.notify(mark, title="Not one paragraph", severity="warning", markup=False)
            return
        if mark is None and how == "sentence":  # `)` alone: the first sentence there
            mark = self.first_mark()
            if mark is not None:
                self.draw_mark(mark.sentence())
            return
        if mark is None:
            raise SkipAction()
        if how == "paragraph":
            mark = self._other_paragraph(mark, step) or mark
        else:
            mark = {
                "word": lambda: mark.by_word(step),
                "sentence_step": lambda: mark.by_sentence(step),
                "end": mark.to_end,
                "start": mark.to_start,
                "swap": mark.swapped,
                "sentence": mark.sentence,
            }[how]()
        self.draw_mark(mark)

    def _other_paragraph(self, mark: Mark, step: int) -> Mark | None:
        document = self.session.document(self.source_id)
        if document is None:
            return None
        number = mark.paragraph + step
        while 1 <= number <= len(document.paragraphs):
            found = Mark.first_word(number, document.paragraph(number).text)
            if found is not None:
                return found
            number += step
        return None

    def action_unmark(self) -> None:
        if self._document().text_selection is None:
            raise SkipAction()  # escape then goes back
        self.draw_mark(None)

    def copied_text(self, mark: Mark) -> str:
        """The selection with its citation, as `y` copies it (the cards' `y` form)."""
        casebook = self.session.casebook
        document = self.session.document(self.source_id)
        paragraph = document.paragraph(mark.paragraph) if document is not None else None
        source = casebook.sources.get(self.source_id)
        return shown(quoted(mark.selected, source, self.source_id, paragraph or mark.paragraph))

    def action_copy_selection(self) -> None:
        """`y`: the selection and its citation to the clipboard."""
        mark = self._marked()
        text = self.copied_text(mark)
        self.app.copy_to_clipboard(text)
        self.notify(text, title="Copied", timeout=3, markup=False)

    def _marked(self) -> Mark:
        """The selection (drawn again, widened to words, if the mouse made it); SkipAction
        when there is none, after saying why when it runs over paragraphs."""
        mark = self.selection_mark()
        if isinstance(mark, str):
            self.notify(mark, title="Not one paragraph", severity="warning", markup=False)
            raise SkipAction()
        if mark is None:
            raise SkipAction()
        if mark is not self._mark:
            self.draw_mark(mark)
        return mark

    def capturer(self) -> Capturer:
        from tui.capture_flow import Capturer

        if self._capturer is None:
            self._capturer = Capturer(self)
        return self._capturer

    def action_add_selection(self) -> None:
        """`a`: the selection as evidence: pick the dispute and position (or a new one)."""
        mark = self._marked()
        self.capturer().start(self.session, self.source_id, mark)

    def action_undo_capture(self) -> None:
        """`u`: take out the last capture written (refused if its file changed since)."""
        self.capturer().undo_last()


def _column(view: DocumentView) -> int:
    """Where a line's text starts on the view: after the bar and the ¶ gutter."""
    from tui.widgets.document_view import BAR

    return len(BAR) + view._gutter
