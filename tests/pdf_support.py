"""PDFs built by the tests themselves (with reportlab), and what a reader should make of them.

For other helpers:

    make_report(path, pages=4, *, roman=2, columns=1, seed=0) -> Report

writes a multi-page report to `path`: `roman` front-matter pages labelled i, ii, ... then
pages labelled 1, 2, ... (printed in the footer and stored as the PDF's /PageLabels), a
running header on every page, body paragraphs flowed over `columns` columns, and a
paragraph running over every page break of the body. `Report.paragraphs` lists the
paragraphs a reader should find, in order, each with its `text`, printed `page` label,
`page_paragraph` (1-based within the page where it starts), `page_end` (label where it
ends when it runs over a break, else None) and `physical` page (1-based).
`Report.across()` is the first paragraph that runs over a page break, `Report.on(label,
n)` the n-th paragraph starting on page `label` (e.g. `report.on("2", 3)`: "p. 2 ¶3").

Lower level: `draw(path, pages, labels=...)` draws pages of `Text` lines at given places.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4  # points
MARGIN = 72.0
FONT, SIZE, LEADING = "Helvetica", 10.0, 13.0
#: Extra space between two paragraphs (points): pdfminer's line_margin keeps them apart.
GAP = 9.0
HEADER = "Interim report of the joint investigation team: draft for comment"
#: Characters a line holds at SIZE in a one-column text block (Helvetica averages ~0.5 em).
LINE_CHARS = 92

_SENTENCES = [
    "The investigators examined the debris recovered from the field near the village.",
    "Witnesses described a loud noise shortly before the aircraft lost altitude.",
    "The ministry stated that no military units were deployed in the area that day.",
    "Satellite images taken on the following morning show vehicles on the road.",
    "The recorder data were downloaded in the presence of observers from both sides.",
    "According to the local authorities, the road had been closed since the evening before.",
    "The team could not confirm the origin of the fragments found in the cockpit.",
    "Several accounts given to journalists differ on the time of the first explosion.",
    "A spokesperson for the operator declined to comment on the maintenance records.",
    "The report notes that the weather was clear, with light winds from the west.",
    "Laboratory analysis of the paint samples is expected to be completed next month.",
    "The defence ministry rejected the findings as premature and politically motivated.",
    "Investigators were granted access to the site only eleven days after the crash.",
    "Residents said the checkpoint on the bridge had been staffed by armed men.",
    "The border guard service reported no crossings during the night in question.",
    "Independent experts reviewed the trajectory calculations and found them consistent.",
]


@dataclass(frozen=True)
class Expected:
    """A paragraph a reader should find: its text and where it stands in print."""

    text: str
    page: str
    page_paragraph: int
    page_end: str | None
    physical: int


@dataclass
class Report:
    path: Path
    labels: list[str]
    header: str
    paragraphs: list[Expected] = field(default_factory=list)

    def across(self) -> Expected:
        """The first paragraph that runs over a page break."""
        return next(p for p in self.paragraphs if p.page_end is not None)

    def on(self, label: str, number: int) -> Expected:
        """The `number`-th (1-based) paragraph starting on the page labelled `label`."""
        return next(p for p in self.paragraphs if (p.page, p.page_paragraph) == (label, number))


@dataclass(frozen=True)
class Text:
    """One line of text drawn at (x, y) in points from the page's bottom left."""

    x: float
    y: float
    text: str
    font: str = FONT
    size: float = SIZE


def roman(number: int) -> str:
    """Lower-case roman numeral of `number` (1..3999)."""
    out = ""
    for value, digits in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out += digits
            number -= value
    return out


def paragraph_text(number: int, seed: int = 0) -> str:
    """A unique, deterministic paragraph of 3 to 6 sentences, starting "Finding N."."""
    rng = random.Random(number * 7919 + seed)
    sentences = rng.sample(_SENTENCES, rng.randint(3, 6))
    return f"Finding {number}. " + " ".join(sentences)


def draw(
    path: Path,
    pages: list[list[Text]],
    labels: list[tuple[int, str, int, str]] | None = None,
    *,
    fonts: dict[str, Path] | None = None,
    encrypt: tuple[str, str] | None = None,
) -> Path:
    """Write a PDF of `pages` (each a list of lines) to `path`. `labels`: page-label ranges
    as (0-based first page, style "D"/"r"/"R"/"a"/"A" or "", start, prefix); `fonts`: TrueType
    fonts to register by name; `encrypt`: (user password, owner password)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (fonts or {}).items():
        pdfmetrics.registerFont(TTFont(name, str(file)))
    options: dict[str, object] = {"pagesize": A4, "invariant": 1, "pageCompression": 1}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        options["encrypt"] = StandardEncryption(encrypt[0], ownerPassword=encrypt[1])
    pdf = canvas.Canvas(str(path), **options)  # type: ignore[arg-type]
    # reportlab takes its own names (it mistakes a bare "R" for a substring of them).
    styles = {
        "D": "ARABIC",
        "r": "ROMAN_LOWER",
        "R": "ROMAN_UPPER",
        "a": "LETTERS_LOWER",
        "A": "LETTERS_UPPER",
        "": None,
    }
    for first, style, start, prefix in labels or []:
        pdf.addPageLabel(first, style=styles[style], start=start, prefix=prefix or None)
    for lines in pages:
        for line in lines:
            pdf.setFont(line.font, line.size)
            pdf.drawString(line.x, line.y, line.text)
        pdf.showPage()
    pdf.save()
    return path


def make_report(
    path: Path, pages: int = 4, *, roman_pages: int = 2, columns: int = 1, seed: int = 0
) -> Report:
    """Write a report of `pages` pages to `path` (see the module) and say what a reader
    should find in it. The first `roman_pages` pages are labelled i, ii, ...; the front
    matter ends at its last page (no paragraph runs from it into the body)."""
    roman_pages = min(roman_pages, pages - 1) if pages > 1 else 0
    labels = [roman(n + 1) for n in range(roman_pages)]
    labels += [str(n + 1) for n in range(pages - roman_pages)]
    gutter = 24.0
    column_width = (WIDTH - 2 * MARGIN - gutter * (columns - 1)) / columns
    chars = int(LINE_CHARS * column_width / (WIDTH - 2 * MARGIN))
    top, bottom = HEIGHT - MARGIN - 2 * LEADING, MARGIN + 2 * LEADING
    drawn: list[list[Text]] = [[] for _ in range(pages)]
    expected: list[Expected] = []
    number = 0

    def place(lines: list[str], page: int, column: int, y: float) -> list[tuple[int, int, float]]:
        """Where each line goes: (page, column, y). A page break never falls right after a
        line ending a sentence inside a paragraph, nor does a column break (a reader could
        not tell the paragraph goes on)."""
        spots = []
        for index, line in enumerate(lines):
            last_fit = y - LEADING < bottom
            inside = index < len(lines) - 1
            if y < bottom or (last_fit and line.endswith(".") and inside):
                column, y = column + 1, top
                if column == columns:
                    column, page = 0, page + 1
            spots.append((page, column, y))
            y -= LEADING
        return spots

    def flow(first_page: int, last_page: int) -> None:
        nonlocal number
        page, column, y = first_page, 0, top
        counts: dict[int, int] = {}
        while True:
            lines = textwrap.wrap(paragraph_text(number + 1, seed), chars, break_on_hyphens=False)
            spots = place(lines, page, column, y)
            if spots[-1][0] > last_page:  # it does not fit: the flow ends before it
                return
            number += 1
            for line, (where, column, y) in zip(lines, spots, strict=True):
                x = MARGIN + column * (column_width + gutter)
                drawn[where].append(Text(x, y, line))
            start, page = spots[0][0], spots[-1][0]
            counts[start] = counts.get(start, 0) + 1
            end = labels[page] if page != start else None
            expected.append(Expected(" ".join(lines), labels[start], counts[start], end, start + 1))
            y -= LEADING + GAP

    if roman_pages:
        flow(0, roman_pages - 1)
    flow(roman_pages, pages - 1)
    for index, label in enumerate(labels):
        drawn[index].append(Text(MARGIN, HEIGHT - MARGIN, HEADER, size=8.0))
        drawn[index].append(Text(WIDTH / 2 - 6, MARGIN - 20, label, size=9.0))
    ranges: list[tuple[int, str, int, str]] = []
    if roman_pages:
        ranges.append((0, "r", 1, ""))
    ranges.append((roman_pages, "D", 1, ""))
    draw(path, drawn, ranges)
    return Report(path, labels, HEADER, expected)


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def body(lines: list[str], *, top: float = HEIGHT - 2 * MARGIN, x: float = MARGIN) -> list[Text]:
    """`lines` as one block of text lines from `top` down (LEADING apart)."""
    return [Text(x, top - index * LEADING, line) for index, line in enumerate(lines)]


def make_scan(path: Path, pages: int = 2) -> Path:
    """A PDF of `pages` pages holding only drawings (as a scan holds only images): no text."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        for row in range(40):
            pdf.rect(MARGIN, HEIGHT - MARGIN - row * 16, 300 + (row * 37) % 150, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF written by hand: `objects` are the bodies of objects 1, 2, ... (object 1 the
    catalog), with a correct cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body_bytes in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def one_page(
    path: Path, content: bytes, *, flate: bool = False, extra: tuple[bytes, ...] = ()
) -> Path:
    """A one-page PDF whose page content stream is `content` (Flate-compressed if `flate`),
    Helvetica as /F1; `extra` objects follow as 6, 7, ..."""
    import zlib

    data = zlib.compress(content, 9) if flate else content
    filters = b" /Filter /FlateDecode" if flate else b""
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *extra,
        ],
    )
