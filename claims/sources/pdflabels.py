"""A PDF's printed page labels (/PageLabels: roman numerals, prefixes, offsets) by pypdf,
the physical page number (1-based) where the file has none or one cannot be made."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any


class _Warnings(logging.Handler):
    records: list[logging.LogRecord]

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def page_labels(raw: bytes, most: int) -> tuple[list[str] | None, list[int]]:
    """The printed label of each of the first `most` pages by pypdf (None when it
    cannot tell), and the 1-based pages whose label could not be formatted (a roman
    numeral of a billion): those are labelled by their physical number."""
    import pypdf
    from pypdf._page_labels import index2label

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            reader.decrypt("")
        count = min(len(reader.pages), most)
    except MemoryError:
        raise
    except Exception:
        return None, []
    labels, failed = [], []
    said = _Warnings(logging.WARNING)
    warned = said.records
    logging.getLogger("pypdf").addHandler(said)  # pypdf warns of a label it cannot make
    try:
        for index in range(count):
            warned.clear()
            try:
                label = str(index2label(reader, index))
            except MemoryError:
                raise
            except Exception:
                label = ""
            if not label or any("label" in str(record.msg) for record in warned):
                label = str(index + 1)
                failed.append(index + 1)
            labels.append(label)
    finally:
        logging.getLogger("pypdf").removeHandler(said)
    return labels, failed


def no_labels() -> Iterator[str | None]:
    from pdfminer.pdfdocument import PDFNoPageLabels

    raise PDFNoPageLabels


def page_label(labels: list[str] | None, number: int, page: Any) -> str:
    """The printed label of the 1-based physical page `number`: in `labels` (pypdf's),
    else pdfminer's, else the number itself."""
    if labels is not None and number <= len(labels) and labels[number - 1].strip():
        return " ".join(labels[number - 1].split())
    label = getattr(page, "label", None)
    if isinstance(label, str) and label.strip():
        return " ".join(label.split())
    return str(number)
