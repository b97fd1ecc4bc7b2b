"""A source document: its paragraphs, and one searchable text of them all.

Quotes are searched in `text`: the paragraphs joined by a NUL, which no paragraph can hold
(controls were made visible on reading) and no quote can hold either, so a match never
spans two paragraphs. `locate` maps an offset in `text` back to (paragraph, offset).
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from claims.anchoring.normalize import NormalText, normalize
from claims.model import Paragraph
from claims.sources import plaintext
from claims.sources.decode import NotUtf8, Unparsable, decode

SEPARATOR = "\x00"
FIX_PATH = "fix the `file:` path; it is relative to casebook.yaml"
# Readers by file ending, imported when first needed (markdown-it takes 30 ms to import).
READERS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class SourceUnreadable(Exception):
    """A source file that cannot be read: missing, unreadable, not UTF-8, or its markup
    beyond what the parser can read."""

    def __init__(self, reason: str, hint: str) -> None:
        self.reason = reason
        self.hint = hint
        super().__init__(reason)


@dataclass
class Document:
    paragraphs: list[Paragraph]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    _normalized: NormalText | None = None
    _index: object = None  # claims.anchoring.candidates.WordIndex, built on first need

    def __post_init__(self) -> None:
        self.text = SEPARATOR.join(p.text for p in self.paragraphs)
        offset = 0
        self.starts = []
        for paragraph in self.paragraphs:
            self.starts.append(offset)
            offset += len(paragraph.text) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """(1-based paragraph number, offset inside it) of an offset into `text`."""
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]

    @property
    def normalized(self) -> NormalText:
        """`text` normalised by rule 2, with the map back to it (computed once)."""
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


def read_document(path: Path) -> Document:
    """The file at `path` as a Document of paragraphs numbered from 1, read by the reader
    for its ending. Raises SourceUnreadable (with a reason and a hint) if it cannot be."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceUnreadable("the file does not exist", FIX_PATH) from None
    except IsADirectoryError:
        raise SourceUnreadable("it is a directory, not a file", FIX_PATH) from None
    except OSError as exc:
        reason = f"it cannot be read ({exc.strerror or exc})"
        raise SourceUnreadable(reason, "check the file's permissions") from None
    try:
        text = decode(raw)
    except NotUtf8 as exc:
        raise SourceUnreadable(f"it is {exc}", "convert the file to UTF-8 (e.g. iconv)") from None
    name = READERS.get(path.suffix.lower())
    reader = importlib.import_module(f"claims.sources.{name}") if name else plaintext
    try:
        paragraphs = reader.paragraphs(text)
    except Unparsable as exc:
        raise SourceUnreadable(str(exc), "check the file's markup") from None
    return Document(paragraphs)
