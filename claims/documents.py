"""The casebook's source documents, read once each and only when first needed."""

from __future__ import annotations

import threading
from collections.abc import Callable

from claims.model import Casebook
from claims.problems import Problem
from claims.sources import Document, SourceUnreadable, read_document
from claims.sources.metadata import read_metadata


class GaveUp(Exception):
    """Waiting for another thread's reading (or anchoring) stopped: `give_up()` said so."""


def acquire(lock: threading.Lock, give_up: Callable[[], bool] | None) -> None:
    """Take `lock`; with `give_up`, look at it every 50 ms while waiting (raises `GaveUp`)."""
    if give_up is None:
        lock.acquire()
        return
    while not lock.acquire(timeout=0.05):
        if give_up():
            raise GaveUp


class Documents:
    """Lazily read documents of a casebook's sources, keyed by source id.

    A source that cannot be read gives None and one `missing-file` problem, pointing at the
    source's `file:` key in the YAML.

    Safe to share between threads: a source is read by one of them while any other that
    wants it waits for that reading, and `is_read` never blocks (the app's UI thread asks it
    before it shows anything, and leaves the reading to a worker).
    """

    def __init__(self, casebook: Casebook) -> None:
        self.casebook = casebook
        self._documents: dict[str, Document | None] = {}
        self.problems: dict[str, Problem] = {}
        self._lock = threading.Lock()
        self._reading: dict[str, threading.Lock] = {}

    def is_read(self, source_id: str) -> bool:
        """True once `get(source_id)` returns at once (read, or known to be unreadable)."""
        return source_id in self._documents

    def get(self, source_id: str, give_up: Callable[[], bool] | None = None) -> Document | None:
        """The document (None: not declared, or unreadable). While another thread reads it,
        wait; with `give_up`, stop waiting (`GaveUp`) once it returns True."""
        if source_id in self._documents:
            return self._documents[source_id]
        with self._lock:
            reading = self._reading.setdefault(source_id, threading.Lock())
        acquire(reading, give_up)
        try:
            if source_id not in self._documents:  # else another thread read it meanwhile
                self._documents[source_id] = self._read(source_id)
        finally:
            reading.release()
        return self._documents[source_id]

    def _read(self, source_id: str) -> Document | None:
        source = self.casebook.sources.get(source_id)
        document: Document | None = None
        if source is not None and source.path is not None:
            try:
                document = read_document(source.path, source.extract or "article")
            except SourceUnreadable as why:
                loc = source.locs.get("file", source.loc)
                self.problems[source_id] = Problem(
                    "missing-file",
                    f"source {source_id!r}: cannot read {source.file!r}: {why.reason}",
                    loc,
                    hint=why.hint,
                )
            else:
                if not document.paragraphs:
                    self.problems[source_id] = Problem(
                        "empty-source",
                        f"source {source_id!r}: {source.file!r} has no text",
                        source.locs.get("file", source.loc),
                    )
        if document is not None and source is not None and source.path is not None:
            read_metadata(source.path)  # the page's metadata, read here rather than on the UI
        return document
