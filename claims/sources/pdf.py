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

Bounds (a hostile file must not hang `check` or exhaust memory): `read` reads the file in
a child process killed at a wall-clock limit, its memory limited (`claims.sources.pdfproc`);
inside it, each reported as a `Dropped` of reason "capped" that `read --dropped` lists: at
most `MAX_PAGES` pages; at most `MAX_OBJECTS` characters, paths and figures drawn on a
page (the page is left out), and no page read after `MAX_CAPPED` were left out for a
bound; a time budget of `TIME_BUDGET` seconds for the file (at most 85% of the child's
limit: the pages after it are not read) and `PAGE_BUDGET` for one page (the page is left
out), checked between pages, at every stream unpacked and every `CHECK_EVERY` drawing
operations or saves; every stream pdfminer unpacks (Flate, LZW) limited to `MAX_STREAM`
bytes and a file's streams together to `MAX_UNPACKED` (a page needing more is left out);
at most `MAX_SAVES` nested graphics-state saves (the page is left out); a chain of more
than `MAX_CHAIN` references to references is damage (pdfminer followed a cycle forever),
and so is a page tree or object nested past Python's recursion limit. A page pdfminer
fails on is left out with a record of reason "damaged"; a page with no text, reason
"no-text"; a page whose printed label cannot be made (a roman numeral of a billion) goes
by its physical number, and a record of reason "damaged" (where "page labels") says so."""

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
from claims.sources.pdflabels import no_labels, page_label, page_labels
from claims.sources.pdflayout import Block, Line, PageText, furniture_records, paragraphs

MAX_PAGES = 2000
MAX_OBJECTS = 100_000  # characters, paths and figures drawn on one page (a dense page: 6,000)
MAX_CAPPED = 3  # pages left out for a bound, after which no more are read
TIME_BUDGET = 600.0  # seconds, the whole file (a normal page takes 20 to 100 ms)
PAGE_BUDGET = 10.0  # seconds, one page
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


MAX_CHAIN = 64  # references to references pdfminer follows before it gives up


def _resolve1(x: object, default: object = None) -> Any:
    """pdfminer's `resolve1`, which loops forever on `6 0 obj 7 0 R`, `7 0 obj 6 0 R`:
    a chain of more than `MAX_CHAIN` references is damage (a ValueError)."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(MAX_CHAIN):
        if not isinstance(x, PDFObjRef):
            return x
        x = x.resolve(default=default)
    if isinstance(x, PDFObjRef):
        raise ValueError("an object refers to itself through other objects")
    return x


def _resolve_all(x: object, default: object = None) -> Any:
    """pdfminer's `resolve_all`, its reference chains bounded as `_resolve1`'s."""
    x = _resolve1(x, default)
    if isinstance(x, list):
        return [_resolve_all(v, default) for v in x]
    if isinstance(x, dict):
        for k, v in x.items():
            x[k] = _resolve_all(v, default)
    return x


def _guard() -> None:
    """Bound pdfminer's stream decoding and reference chains (once per process)."""
    from pdfminer import pdffont, pdfinterp, pdfpage, pdftypes

    if not isinstance(getattr(pdftypes, "zlib", None), _Zlib):
        setattr(pdftypes, "zlib", _Zlib())  # noqa: B010 (not an attribute pdfminer exports)
        setattr(pdftypes, "lzwdecode", _lzw)  # noqa: B010
        pdftypes.decompress_corrupted = _salvage
        for module in (pdftypes, pdfinterp, pdfpage, pdffont):
            setattr(module, "resolve1", _resolve1)  # noqa: B010
        for module in (pdftypes, pdffont):
            setattr(module, "resolve_all", _resolve_all)  # noqa: B010


def read(raw: bytes) -> tuple[list[Paragraph], list[Dropped]]:
    """`read_here(raw)` in a child process bounded in time and memory
    (`claims.sources.pdfproc`): the same paragraphs and records, or SourceUnreadable, also
    when a limit is reached."""
    from claims.sources import pdfproc

    return pdfproc.read_apart(raw)


def read_here(raw: bytes) -> tuple[list[Paragraph], list[Dropped]]:
    """The paragraphs of the PDF of bytes `raw`, numbered from 1 (`line`: 1-based physical
        page; `page`, `page_paragraph`, `page_end`: see `Paragraph`), and what was left out:
        running headers, footers and page numbers (reason "furniture", once per distinct text
        with the pages it was on), pages without text ("no-text"), pages pdfminer failed on
        ("damaged"), bounds reached ("capped") and page labels that could not be formatted
    ("damaged", where "page labels": those pages go by their physical numbers). Raises
    SourceUnreadable (see the module). In this process: only the in-process bounds hold."""
    _guard()
    _check_shape(raw)
    document = _open(raw)
    labels, unlabelled = page_labels(raw, MAX_PAGES)
    _budget.total = _budget.deadline = time.monotonic() + TIME_BUDGET
    _budget.unpacked = _budget.broken = 0
    try:
        with paused_gc():  # pdfminer makes ~4,000 small objects a page, freed by refcount
            pages, dropped = _pages(document, labels)
    except RecursionError:
        raise _damaged(ValueError("its page tree is nested too deeply")) from None
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
    if unlabelled:
        shown = ", ".join(str(n) for n in unlabelled[:5]) + (" …" if len(unlabelled) > 5 else "")
        text = f"the printed labels of pages {shown} could not be made: their physical numbers"
        dropped.append(Dropped(text + " are used instead", "damaged", "page labels"))
    found, furniture = paragraphs(pages)
    return found, furniture_records(pages, furniture) + dropped


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
    from pdfminer.psparser import literal_name

    method: list[str] = []

    class Document(PDFDocument):
        def _initialize_password(self, password: str = "") -> None:
            param = self.encryption[1] if self.encryption else {}
            name = f"{literal_name(param.get('Filter', '?'))} V{param.get('V', '?')}"
            method.append(re.sub(r"[^!-~ ]", "?", name)[:60])
            super()._initialize_password(password)

    try:
        return Document(PDFParser(io.BytesIO(raw)), password="")
    except PDFPasswordIncorrect:
        raise SourceUnreadable(
            "the PDF is encrypted: a password is needed to open it",
            "open it with its password and save an unencrypted copy "
            "(e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then use that",
        ) from None
    except PDFEncryptionError:
        raise SourceUnreadable(
            "the PDF is encrypted with a method contested cannot read "
            f"({method[0] if method else 'unknown'})",
            "save an unencrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and use that",
        ) from None
    except MemoryError:
        raise
    except RecursionError:
        raise _damaged(ValueError("its objects are nested too deeply")) from None
    except Capped as exc:
        raise _damaged(exc) from None
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise _damaged(exc) from None


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
    document.get_page_labels = no_labels  # pypdf's (`_labels`); pdfminer's may fail
    iterator: Iterator[Any] = iter(PDFPage.create_pages(document))
    capped = 0
    number = 0
    while True:
        try:
            page = next(iterator)
        except StopIteration:
            break
        except RecursionError:
            what = "the page tree is nested too deeply"
            if not pages:
                raise _damaged(ValueError(what)) from None
            dropped.append(Dropped(f"pages after {number}: {what}", "damaged", "pages"))
            break
        except MemoryError:
            raise
        except Exception as exc:
            if not pages:
                raise _damaged(exc) from None
            dropped.append(Dropped(f"pages after {number} could not be found ({exc})", "damaged"))
            break
        number += 1
        label = page_label(labels, number, page)
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
        except Capped as bound:
            where = f"page {label}" + ("" if label == str(number) else f" (page {number})")
            if bound.what.startswith("reading stopped"):
                text = f"{bound.what}: {where} and the pages after it were not read"
                dropped.append(Dropped(text, "capped", "time"))
                break
            dropped.append(Dropped(f"{where} left out: {bound.what}", "capped", where))
            pages.append(PageText([], float(page.mediabox[3] - page.mediabox[1]), label))
            capped += 1
            if capped >= MAX_CAPPED:
                text = f"{capped} pages were left out for a bound: pages after {number} not read"
                dropped.append(Dropped(text, "capped", "pages"))
                break
            continue
        except MemoryError:
            raise
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
        drawn = 0  # characters, paths and figures on this page

        def begin_page(self, *args: Any) -> None:
            self.drawn = 0
            super().begin_page(*args)

        def _tick(self) -> None:
            self.ops += 1
            if self.ops % CHECK_EVERY == 0:
                _check_time()
            self.drawn += 1
            if self.drawn > MAX_OBJECTS:
                raise Capped(f"more than {MAX_OBJECTS:,} characters, paths and figures drawn")

        def render_char(self, *args: Any) -> float:
            self._tick()
            return float(super().render_char(*args))

        def begin_figure(self, *args: Any) -> None:
            self._tick()
            super().begin_figure(*args)

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
