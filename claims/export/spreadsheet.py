"""`csv`: one row per evidence, for spreadsheets (named `spreadsheet` so as not to shadow
the standard library's `csv`).

Columns, in order: dispute, question, position (its `id`, else its holder), holder, side
(its label), claim, rating (its label; "Unrated" when none), note (the review's note on
the position), source (its id), title, outlet, date (the source's, ISO), url, paragraph
(1-based, where the quote was found; empty when it was not), quote (as the casebook
gives it), evidence note (the evidence's own `note:`), page and page paragraph (a PDF
source's printed page label where the quote's paragraph starts, "23–24" when it runs over
a page break, and the paragraph's 1-based number within that page: "p. 23 ¶4" is 23 and
4; both empty for other sources).

UTF-8 with a byte order mark (so Excel reads it as UTF-8), RFC 4180 quoting by the
standard library's writer, CRLF line ends.

CSV (formula) injection: a quote is untrusted text, and a spreadsheet runs a cell that
begins with `=`, `+`, `-` or `@` as a formula. Following OWASP's advice
(https://owasp.org/www-community/attacks/CSV_Injection), a cell that begins with one of
those, or with a tab, carriage return, line feed or NUL, gets a `'` in front, so it is
shown as text. LibreOffice 7.4 (tests/test_export_csv.py opens the export in it when it
is installed) runs `=…` cells and leaves ` =…` alone; other importers may trim leading
spaces before they decide, so a cell whose first character after white space is one of
`=+-@` gets the `'` too. The cost: a quote such as "-- he said" reads "'-- he said", and
LibreOffice shows the `'` in the cell.
"""

from __future__ import annotations

import csv
import io

from claims.export import Exporter, Selection
from claims.export._evidence import Record, records
from claims.model import Casebook

__all__ = ["COLUMNS", "EXPORTER", "neutralise", "render", "row"]

COLUMNS = (
    "dispute",
    "question",
    "position",
    "holder",
    "side",
    "claim",
    "rating",
    "note",
    "source",
    "title",
    "outlet",
    "date",
    "url",
    "paragraph",
    "quote",
    "evidence note",
    "page",
    "page paragraph",
)

#: Characters that make a spreadsheet read a cell as a formula (after leading spaces).
_FORMULA = ("=", "+", "-", "@")
#: Control characters that must not begin a cell (OWASP: tab, CR; also LF and NUL).
_CONTROL = ("\t", "\r", "\n", "\x00")


def neutralise(cell: str) -> str:
    """`cell` made inert for a spreadsheet: a `'` in front when it begins with a tab, CR,
    LF or NUL, or when its first character after white space is `=`, `+`, `-` or `@`;
    otherwise unchanged."""
    if cell.startswith(_CONTROL) or cell.lstrip().startswith(_FORMULA):
        return "'" + cell
    return cell


def row(record: Record) -> list[str]:
    """One record's cells, in `COLUMNS` order, neutralised (see `neutralise`)."""
    source = record.source
    cells = [
        record.dispute.id,
        record.dispute.question,
        record.position.key,
        record.holder,
        record.side_label,
        record.claim,
        record.rating_label,
        record.note or "",
        source.id,
        source.title,
        source.outlet or "",
        source.published.isoformat() if source.published else "",
        source.url or "",
        str(record.paragraph) if record.paragraph is not None else "",
        record.quote,
        record.evidence.note or "",
        *_page_cells(record),
    ]
    return [neutralise(cell) for cell in cells]


def _page_cells(record: Record) -> tuple[str, str]:
    """(page, page paragraph): a PDF paragraph's printed page label ("23", or "23–24" when
    it runs over a page break) and its 1-based number within that page; empty otherwise."""
    cited = record.cited
    if cited is None or cited.page is None:
        return "", ""
    page = cited.page
    if cited.page_end is not None and cited.page_end != cited.page:
        page = f"{page}–{cited.page_end}"
    within = str(cited.page_paragraph) if cited.page_paragraph is not None else ""
    return page, within


def render(casebook: Casebook, selection: Selection) -> bytes:
    """The selection's evidence as CSV: a header row, then one row per evidence in casebook
    order; UTF-8 with a BOM, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(record) for record in records(selection))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


EXPORTER = Exporter(
    name="csv",
    suffix=".csv",
    binary=False,
    help="one row per evidence, for spreadsheets (UTF-8 with BOM; formula cells neutralised)",
    render=render,
)
