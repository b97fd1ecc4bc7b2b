"""The casebook's source documents, read once each and only when first needed."""

from __future__ import annotations

from claims.model import Casebook
from claims.problems import Problem
from claims.sources import Document, SourceUnreadable, read_document


class Documents:
    """Lazily read documents of a casebook's sources, keyed by source id.

    A source that cannot be read gives None and one `missing-file` problem, pointing at the
    source's `file:` key in the YAML.
    """

    def __init__(self, casebook: Casebook) -> None:
        self.casebook = casebook
        self._documents: dict[str, Document | None] = {}
        self.problems: dict[str, Problem] = {}

    def get(self, source_id: str) -> Document | None:
        if source_id in self._documents:
            return self._documents[source_id]
        source = self.casebook.sources.get(source_id)
        document: Document | None = None
        if source is not None and source.path is not None:
            try:
                document = read_document(source.path)
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
        self._documents[source_id] = document
        return document
