"""Printed pages in the source view: where a PDF's pages begin, and each paragraph's page.

A PDF's paragraphs carry their printed page (`claims.model.Paragraph.page`,
`page_paragraph`, `page_end`); the source view shows them two ways, built here and handed
to `tui.widgets.document_view.Passage`:

- a **page boundary**, a dim rule "── p. 24 ─────" on a line of its own above the first
  paragraph that starts on a page (`boundary`; the document's first paragraph too, so the
  page a reader starts on is named). A paragraph that runs over a page break keeps its
  text whole (it belongs to the page where it starts; its gutter names both pages), so the
  next page's rule says where that page really began: "── p. 24, begun in the paragraph
  above ──". The rule is never copied with a selection.
- a **second gutter line** under the running "¶57": the paragraph's printed citation,
  "p.23 ¶4" (or "pp.23–24 ¶4" when it runs over), dim (`gutter_line`).

Sources without pages get neither: their view is unchanged. Page labels come from the
file, so they are untrusted text: every one goes in through `claims.text.steady`.
"""

from __future__ import annotations

from textual.content import Content

from claims.citation import begun_above, cited_label, new_page, page_label
from claims.model import Paragraph
from claims.sources import Document
from claims.text import steady

#: The rule's character, and how long a rule is made (the view cuts it to its text width).
RULE = "─"
RULE_CELLS = 400
BOUNDARY_STYLE = "dim"


def boundary(previous: Paragraph | None, paragraph: Paragraph) -> Content | None:
    """The rule drawn above `paragraph` when it is the first to start on its page ("── p.
    24 ───…", or "── p. 24, begun in the paragraph above ───…" when `previous` runs over
    onto that page; `RULE_CELLS` long, dim), else None."""
    if not new_page(previous, paragraph):
        return None
    label = steady(f" p. {paragraph.page} ")
    if begun_above(previous, paragraph):
        label = steady(f" p. {paragraph.page}, begun in the paragraph above ")
    return Content.styled(RULE * 2 + label + RULE * RULE_CELLS, BOUNDARY_STYLE)


def gutter_line(paragraph: Paragraph) -> Content | None:
    """The paragraph's printed citation for the gutter's second line, without the space
    after "p." that the narrow gutter cannot spare: "p.23 ¶4", "pp.23–24 ¶4"; None for a
    paragraph without a page."""
    label = page_label(paragraph)
    if label is None:
        return None
    compact = label.replace("pp. ", "pp.", 1) if label.startswith("pp. ") else label
    compact = compact.replace("p. ", "p.", 1) if compact.startswith("p. ") else compact
    return Content.styled(steady(compact), BOUNDARY_STYLE)


def page_marks(
    document: Document | None, paragraph: Paragraph
) -> tuple[Content | None, Content | None]:
    """(`boundary`, `gutter_line`) of `paragraph` of `document` (its paragraph before it
    looked up by number): what `Passage.rule` and `Passage.gutter_below` take; (None,
    None) for a paragraph without a page or without its document."""
    if document is None or paragraph.page is None:
        return None, None
    number = paragraph.number
    previous = document.paragraph(number - 1) if 1 < number <= len(document.paragraphs) else None
    return boundary(previous, paragraph), gutter_line(paragraph)


def cited(document: Document | None, number: int) -> str:
    """Paragraph `number` (1-based) of `document` as the app's own views cite it: "¶7", a
    PDF's "p. 2 ¶3 (¶7)" (`claims.citation.cited_label`). Untrusted: show it `steady`."""
    return cited_label(document.paragraphs if document is not None else None, number)
