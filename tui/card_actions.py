"""What `y` and `e` do on the focused evidence card (kept out of the view's drawing code).

`y` copies the quote with its citation, "“quote” — Title, Outlet, date, ¶N, URL"
("p. 23 ¶4" for a PDF's paragraph; `claims.citation.quoted`): the source's own words where
the quote was found there, else the quote as the casebook gives it. `e` opens the YAML
file at the line of the card's `quote:` (else of its evidence item) in the user's editor
(`tui.editor`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.actions import SkipAction

from claims import Evidence, Paragraph
from claims.citation import quoted
from claims.text import shown
from tui.editor import edit

if TYPE_CHECKING:
    from tui.widgets.dispute_view import DisputeView


def _evidence(view: DisputeView) -> Evidence:
    """The focused card's evidence; SkipAction when no card is shown."""
    if view.dispute is None or not view.cards:
        raise SkipAction()
    cited = view.cards[view.cursor]
    return view.dispute.positions[cited.position].evidence[cited.evidence]


def quote_text(view: DisputeView) -> str:
    """The focused card's quote with its citation, as `y` copies it."""
    evidence = _evidence(view)
    cited, session = view.cards[view.cursor], view.session
    anchor, text = cited.anchor, evidence.quote
    source = session.casebook.sources.get(cited.source) if session else None
    document = session.document(cited.source) if session else None
    paragraph: int | Paragraph | None = anchor.paragraph if anchor is not None else None
    if document is not None and anchor is not None and anchor.paragraph is not None:
        paragraph = document.paragraph(anchor.paragraph)  # a PDF's is cited "p. 23 ¶4"
        text = paragraph.text[anchor.start : anchor.end]
    return shown(quoted(text, source, cited.source, paragraph))


def copy_quote(view: DisputeView) -> None:
    """`y`: the focused card's quote and citation to the clipboard."""
    text = quote_text(view)
    view.app.copy_to_clipboard(text)
    view.notify(text, title="Copied", timeout=3, markup=False)


def edit_card(view: DisputeView) -> None:
    """`e`: the focused card's YAML in the editor, at its quote's line."""
    evidence = _evidence(view)
    where = evidence.locs.get("quote", evidence.loc)
    edit(view.app, where.file, where.line)
