"""Paragraphs of a `.pdf` file, as a reader sees them, with the printed page labels.

pdfminer.six (MIT) interprets each page and its layout analysis (`LAParams`, text boxes of
lines) gives the blocks of text with their positions; pypdf (BSD-3) gives the printed page
labels (/PageLabels: roman numerals, prefixes, offsets; the physical page number, 1-based,
where the file has none). `claims.sources.pdflayout` makes paragraphs of the blocks:
running headers, footers and page numbers left out, columns read in turn, paragraphs
joined over page breaks, line-end hyphens undone where they split a word. Ligatures
(ﬁ, ﬂ) stay in the text as printed; anchoring's rule 2 (NFKC) folds them for matching.

Refused, each a `SourceUnreadable` naming what to do: a file that is not a PDF (no
`%PDF` in its first 1,024 bytes), one cut short (no `%%EOF` in its last 2,048 bytes), a
damaged one (pdfminer cannot find its pages), one encrypted with a password needed to
open it (a file with only an owner password, which restricts printing or copying, is
read), and one with no text at all (a scan).

Bounds (a hostile file must not hang `check` or exhaust memory), each reported as a
`Dropped` of reason "capped" that `read --dropped` lists: at most `MAX_PAGES` pages; a
time budget of `TIME_BUDGET` seconds for the file (the pages after it are not read) and
`PAGE_BUDGET` for one page (the page is left out), checked between pages, at every stream
unpacked and every `CHECK_EVERY` drawing operations or saves; every stream pdfminer
unpacks (Flate, LZW) limited to `MAX_STREAM` bytes and a file's streams together to
`MAX_UNPACKED` (a page needing more is left out); at most `MAX_SAVES` nested
graphics-state saves (the page is left out). A page pdfminer fails on is left out with a
record of reason "damaged"; a page with no text, reason "no-text"."""

from __future__ import annotations

import io
import logging
import re
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

from claims.gcpause import paused_gc
from claims.model import Paragraph
from claims.sources.document import Dropped, SourceUnreadable
from claims.sources.pdflayout import Block, Line, PageText, paragraphs

MAX_PAGES = 2000
TIME_BUDGET = 600.0  # seconds, the whole file (a normal page takes 20 to 100 ms)
PAGE_BUDGET = 20.0  # seconds, one page
CHECK_EVERY = 2000
MAX_STREAM = 32 * 1024 * 1024  # bytes, one stream unpacked
MAX_UNPACKED = 512 * 1024 * 1024  # bytes, all of a file's streams unpacked
MAX_SAVES = 1000
#: pdfminer's text for a glyph its font does not map to a character: shown as U+FFFD.
_CID = re.compile(r"\(cid:\d+\)")
OCR_HINT = "run OCR (e.g. ocrmypdf) and use the result"

for _name in ("pdfminer", "pypdf"):  # their warnings about odd files are not the user's
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


class Capped(Exception):
    """A bound was reached while reading a page: `what` says which, for the user."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(what)


class _Budget(threading.local):
    """This thread's reading: its deadline (monotonic seconds) and bytes unpacked so far."""

    deadline: float | None = None  # of this page
    total: float | None = None  # of the whole file
    unpacked = 0
    broken = 0  # streams that would not unpack (damaged)


_budget = _Budget()


def _check_time() -> None:
    deadline = _budget.deadline
    if deadline is not None and time.monotonic() > deadline:
        if _budget.total is not None and time.monotonic() > _budget.total:
            raise Capped(f"reading stopped after {TIME_BUDGET:.0f} s")
        raise Capped(f"it took more than {PAGE_BUDGET:.0f} s")


def _count(size: int) -> None:
    if size > MAX_STREAM:
        raise Capped(f"a stream of more than {MAX_STREAM // 2**20} MB once unpacked")
    if _budget.deadline is not None:
        _budget.unpacked += size
        if _budget.unpacked > MAX_UNPACKED:
            raise Capped(f"the file's streams unpack to more than {MAX_UNPACKED // 2**20} MB")
        _check_time()


class _Zlib:
    """The `zlib` pdfminer's stream decoding sees: decompression stops at `MAX_STREAM`
    bytes (a small stream may unpack to gigabytes)."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        unpacker = zlib.decompressobj()
        out = unpacker.decompress(data, MAX_STREAM + 1)
        _count(len(out))
        if not unpacker.eof:
            raise zlib.error("incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj() -> Any:
        return zlib.decompressobj()


def _salvage(data: bytes) -> bytes:
    """What a damaged Flate stream unpacks to before its damage, at most `MAX_STREAM` bytes
    (pdfminer's own fallback feeds it a byte at a time, quadratic in the output)."""
    _budget.broken += 1
    unpacker = zlib.decompressobj()
    try:
        out = unpacker.decompress(data, MAX_STREAM + 1)
    except zlib.error:
        return b""
    _count(len(out))
    return out


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    parts, size = [], 0
    for part in LZWDecoder(io.BytesIO(data)).run():
        size += len(part)
        if size > MAX_STREAM:
            _count(size)
        parts.append(part)
    _count(size)
    return b"".join(parts)


def _guard() -> None:
    """Bound pdfminer's stream decoding (once per process)."""
    from pdfminer import pdftypes

    if not isinstance(getattr(pdftypes, "zlib", None), _Zlib):
        setattr(pdftypes, "zlib", _Zlib())  # noqa: B010 (not an attribute pdfminer exports)
        setattr(pdftypes, "lzwdecode", _lzw)  # noqa: B010
        pdftypes.decompress_corrupted = _salvage


def read(raw: bytes) -> tuple[list[Paragraph], list[Dropped]]:
    """The paragraphs of the PDF of bytes `raw`, numbered from 1 (`line`: 1-based physical
    page; `page`, `page_paragraph`, `page_end`: see `Paragraph`), and what was left out:
    running headers, footers and page numbers (reason "furniture", once per distinct text
    with the pages it was on), pages without text ("no-text"), pages pdfminer failed on
    ("damaged") and bounds reached ("capped"). Raises SourceUnreadable (see the module)."""
    _guard()
    _check_shape(raw)
    document = _open(raw)
    labels = _labels(raw)
    _budget.total = _budget.deadline = time.monotonic() + TIME_BUDGET
    _budget.unpacked = _budget.broken = 0
    try:
        with paused_gc():  # pdfminer makes ~4,000 small objects a page, freed by refcount
            pages, dropped = _pages(document, labels)
    finally:
        _budget.deadline = _budget.total = None
    if not pages and not dropped:
        raise _damaged(ValueError("no pages could be found in it"))
    if _budget.broken:
        what = f"{_budget.broken} damaged stream" + ("s" if _budget.broken > 1 else "")
        if not any(page.blocks for page in pages):
            raise _damaged(ValueError(f"{what}, no text could be read"))
        dropped.append(Dropped(f"{what}: some text may be missing", "damaged", "streams"))
    if not any(page.blocks for page in pages):
        if dropped and any(d.reason in ("capped", "damaged") for d in dropped):
            raise SourceUnreadable(
                "no text could be read from this PDF (" + dropped[0].text + ")",
                "check the file in a PDF viewer; re-save or print it to a new PDF",
            )
        raise SourceUnreadable("no text in this PDF: it is probably a scan", OCR_HINT)
    found, furniture = paragraphs(pages)
    return found, _furniture_records(pages, furniture) + dropped


def _check_shape(raw: bytes) -> None:
    if b"%PDF" not in raw[:1024]:
        looks = "text" if _is_text(raw[:4096]) else "something else"
        raise SourceUnreadable(
            f"it is not a PDF (no %PDF header; it looks like {looks})",
            "give the file the ending of what it is (.txt, .html, .md), or get the PDF again",
        )
    if b"%%EOF" not in raw[-2048:]:
        raise SourceUnreadable(
            "the PDF is cut short (it does not end with %%EOF)",
            "the download or copy was probably interrupted: get the whole file again",
        )


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _damaged(exc: BaseException) -> SourceUnreadable:
    detail = " ".join(str(exc).split())[:120] or type(exc).__name__
    return SourceUnreadable(
        f"it is a damaged PDF ({detail})",
        "get a fresh copy, or repair it (e.g. `qpdf in.pdf out.pdf`) and use the result",
    )


def _open(raw: bytes) -> Any:
    """pdfminer's PDFDocument of `raw`, decrypted with the empty user password."""
    from pdfminer.pdfdocument import (
        PDFDocument,
        PDFEncryptionError,
        PDFPasswordIncorrect,
    )
    from pdfminer.pdfparser import PDFParser

    try:
        return PDFDocument(PDFParser(io.BytesIO(raw)), password="")
    except PDFPasswordIncorrect:
        raise SourceUnreadable(
            "the PDF is encrypted: a password is needed to open it",
            "open it with its password and save an unencrypted copy "
            "(e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then use that",
        ) from None
    except PDFEncryptionError as exc:
        raise SourceUnreadable(
            f"the PDF is encrypted in a way that cannot be read ({exc})",
            "save an unencrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and use that",
        ) from None
    except (Capped, RecursionError, MemoryError) as exc:
        raise _damaged(exc) from None
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise _damaged(exc) from None


def _labels(raw: bytes) -> list[str] | None:
    """The printed label of every page by pypdf, or None when it cannot tell."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            reader.decrypt("")
        return list(reader.page_labels)
    except Exception:
        return None


def _pages(document: Any, labels: list[str] | None) -> tuple[list[PageText], list[Dropped]]:
    """The text of each page (at most MAX_PAGES), and the pages left out and why."""
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    device_class, interpreter_class = _classes()
    manager = PDFResourceManager(caching=True)
    device = device_class(manager, laparams=LAParams(boxes_flow=None, all_texts=True))
    interpreter = interpreter_class(manager, device)
    pages: list[PageText] = []
    dropped: list[Dropped] = []
    iterator: Iterator[Any] = iter(PDFPage.create_pages(document))
    number = 0
    while True:
        try:
            page = next(iterator)
        except StopIteration:
            break
        except Exception as exc:
            if not pages:
                raise _damaged(exc) from None
            dropped.append(Dropped(f"pages after {number} could not be found ({exc})", "damaged"))
            break
        number += 1
        label = _label(labels, number, page)
        if number > MAX_PAGES:
            text = f"only the first {MAX_PAGES:,} pages were read; the file has more"
            dropped.append(Dropped(text, "capped", "pages"))
            break
        try:
            total = _budget.total or time.monotonic()
            _budget.deadline = min(total, time.monotonic() + PAGE_BUDGET)
            _check_time()
            interpreter.process_page(page)
            layout = device.get_result()
        except Capped as capped:
            where = f"page {label}" + ("" if label == str(number) else f" (page {number})")
            if capped.what.startswith("reading stopped"):
                text = f"{capped.what}: {where} and the pages after it were not read"
                dropped.append(Dropped(text, "capped", "time"))
                break
            dropped.append(Dropped(f"{where} left out: {capped.what}", "capped", where))
            pages.append(PageText([], float(page.mediabox[3] - page.mediabox[1]), label))
            continue
        except Exception as exc:
            where = f"page {label}"
            dropped.append(Dropped(f"{where} could not be read ({exc})", "damaged", where))
            pages.append(PageText([], 0.0, label))
            continue
        blocks = _blocks(layout, len(pages))
        if not blocks:
            text = f"page {label} has no text: a scanned page? {OCR_HINT}"
            dropped.append(Dropped(text, "no-text", f"page {label}"))
        pages.append(PageText(blocks, float(layout.height), label))
    return pages, dropped


def _label(labels: list[str] | None, number: int, page: Any) -> str:
    """The printed label of the 1-based physical page `number`: pypdf's, else pdfminer's,
    else the number itself."""
    if labels is not None and number <= len(labels) and labels[number - 1].strip():
        return " ".join(labels[number - 1].split())
    label = getattr(page, "label", None)
    if isinstance(label, str) and label.strip():
        return " ".join(label.split())
    return str(number)


def _blocks(layout: Any, page: int) -> list[Block]:
    """The text boxes of a laid-out page (also inside figures) as Blocks of Lines."""
    from pdfminer.layout import LTChar, LTFigure, LTTextBox, LTTextLine

    from claims.sources.decode import clean

    out: list[Block] = []
    stack = list(layout)
    stack.reverse()
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextBox):
            lines = []
            for line in item:
                if not isinstance(line, LTTextLine):
                    continue
                text = clean(_CID.sub("\ufffd", line.get_text().replace("\n", " "))).strip()
                if not text:
                    continue
                size = next((c.size for c in line if isinstance(c, LTChar)), 10.0)
                lines.append(Line(text, line.x0, line.x1, line.y0, line.y1, float(size)))
            if lines:
                out.append(Block(lines, page))
        elif isinstance(item, LTFigure):
            stack.extend(reversed(list(item)))
    return out


def _furniture_records(pages: list[PageText], found: dict[tuple[int, int], str]) -> list[Dropped]:
    """One "furniture" record per distinct text left out, naming the pages it was on."""
    by_text: dict[tuple[str, str], list[str]] = {}
    for (page, block), where in sorted(found.items()):
        text = pages[page].blocks[block].text
        by_text.setdefault((text if where != "page number" else "", where), []).append(
            pages[page].label
        )
    out = []
    for (text, where), found_on in by_text.items():
        labels = list(dict.fromkeys(found_on))  # a page with two page numbers: named once
        shown = ", ".join(labels[:5]) + (f" … ({len(labels)} pages)" if len(labels) > 5 else "")
        if where == "page number":
            out.append(Dropped(f"page numbers on pages {shown}", "furniture", where))
        else:
            out.append(Dropped(f"{text} (pages {shown})", "furniture", where))
    return out


_made: list[tuple[Any, Any]] = []


def _classes() -> tuple[Any, Any]:
    """pdfminer's page aggregator and interpreter, bounded (made on first use: importing
    pdfminer costs 50 ms, and every `contested` process imports this module to digest it).

    The aggregator checks the time budget every CHECK_EVERY drawing operations; the
    interpreter bounds nested graphics-state saves by MAX_SAVES."""
    if _made:
        return _made[0]
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter

    class Device(PDFPageAggregator):
        ops = 0

        def _tick(self) -> None:
            self.ops += 1
            if self.ops % CHECK_EVERY == 0:
                _check_time()

        def render_string(self, *args: Any) -> None:
            self._tick()
            super().render_string(*args)

        def paint_path(self, *args: Any) -> None:
            self._tick()
            super().paint_path(*args)

    class Interpreter(PDFPageInterpreter):
        saves = 0

        def do_q(self) -> None:
            self.saves += 1
            if self.saves % CHECK_EVERY == 0:
                _check_time()
            if len(self.gstack) >= MAX_SAVES:
                raise Capped(f"more than {MAX_SAVES} nested graphics-state saves")
            super().do_q()

    _made.append((Device, Interpreter))
    return _made[0]
