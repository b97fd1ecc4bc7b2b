"""Reading source documents into numbered paragraphs of plain text.

`read_document` picks the reader by the file's ending: `.md`/`.markdown` (Markdown blocks),
`.html`/`.htm` (block elements' text), anything else as plain text.
"""

from claims.sources.document import Document, Dropped, SourceUnreadable, read_document

__all__ = ["Document", "Dropped", "SourceUnreadable", "read_document"]
