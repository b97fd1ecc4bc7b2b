"""`annotations`: W3C Web Annotation Data Model JSON-LD (https://www.w3.org/TR/annotation-
model/), one annotation per evidence, in one AnnotationCollection.

The file is an `AnnotationCollection` (`label`: the casebook's title, `total`) whose
embedded `first` page (`AnnotationPage`) holds every annotation in `items`, in casebook
order; each annotation also carries its own `@context`, so it stands alone when taken out.
No annotations: the collection has `total` 0 and no page.

Each annotation:

- `id`: a `urn:uuid:` (UUID 5 of the casebook, dispute, position and evidence: the same on
  every export); `type` "Annotation"; `motivation` "commenting".
- `body`: TextualBody objects (`format` text/plain): the claim (`purpose` "commenting"),
  the holder, the side's label and the rating's label ("Unrated" when none) as tags
  (`purpose` "tagging"), then the review's note and the evidence's own note when there are
  (`purpose` "commenting", each beginning "Review note: " / "Note: ").
- `target`: `source` is the source's URL when it is an http(s) one, else
  `urn:sha256:<hex>` of the source file's bytes (a stable name for the file: the same
  bytes, the same URN), else (the file cannot be read) a `urn:uuid:` of the source's id.
  Its `selector` lists a `TextQuoteSelector` (`exact`: the source's own text at the
  anchor, which may differ from the casebook's quote when it was found after normalising
  or fuzzily; `prefix`/`suffix`: up to 32 characters either side, as Hypothesis keeps) and
  a `TextPositionSelector` (`start`, `end`). In a PDF source, a paragraph on one page adds a
  third: a `FragmentSelector` of that page (`conformsTo` RFC 3778, `value` "page=N", N the
  physical page counted from 1, as a PDF viewer opens it) `refinedBy` a TextQuoteSelector
  (prefix and suffix from the paragraph); and every PDF citation adds a body (`purpose`
  "describing") "Cited as: p. 23 ¶4", the printed page and the paragraph within it.

Which text the offsets count: the source as contested reads it (the plain text of its
paragraphs: an HTML page's article text, a Markdown file's text without markup), the
paragraphs joined by one blank line ("\\n\\n"), as `claims.export._evidence.source_text`
gives it. Offsets count Unicode code points (the Web Annotation model's "characters"; a
JavaScript reader counting UTF-16 units must convert: an emoji is one code point and two
units), 0-based, `end` exclusive. For an HTML source the page's own DOM text differs from
this, so a reader of the page should rely on the `TextQuoteSelector` (Hypothesis does when
a position does not hold). An evidence whose quote was not found gets only a
`TextQuoteSelector` with the quote as the casebook gives it (a reader shows it as
orphaned, as `contested check` reports it).
"""

from __future__ import annotations

import hashlib
from typing import Any

from claims.citation import page_label
from claims.export import Exporter, Selection
from claims.export._evidence import Record, records, source_text
from claims.export._ids import dump_json, position_keys, stable_uuid
from claims.model import Casebook
from claims.paths import SOURCE_LIMIT, Refused, read_regular

__all__ = ["CONTEXT", "CONTEXT_CHARS", "EXPORTER", "annotation_collection", "render"]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Characters of `prefix` and `suffix` around a quote (Hypothesis keeps 32).
CONTEXT_CHARS = 32
#: What a FragmentSelector of a PDF page conforms to (the W3C model's table in 4.2.1).
RFC3778 = "http://tools.ietf.org/rfc/rfc3778"


def _source_iri(casebook: Casebook, record: Record) -> str:
    """The target's `source`: the http(s) URL, else a URN of the file's bytes, else of
    the source's id."""
    if record.source.web is not None:
        return record.source.web
    declared = casebook.sources.get(record.source.id)
    if declared is not None and declared.path is not None:
        try:
            raw = read_regular(declared.path, SOURCE_LIMIT, "a source")
        except (Refused, OSError):
            pass
        else:
            return f"urn:sha256:{hashlib.sha256(raw).hexdigest()}"
    return f"urn:uuid:{stable_uuid(casebook, 'source', record.source.id)}"


def _bodies(record: Record) -> list[dict[str, Any]]:
    def body(value: str, purpose: str) -> dict[str, Any]:
        return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}

    out = [
        body(record.claim, "commenting"),
        body(record.holder, "tagging"),
        body(record.side_label, "tagging"),
        body(record.rating_label, "tagging"),
    ]
    if record.note:
        out.append(body(f"Review note: {record.note}", "commenting"))
    if record.evidence.note:
        out.append(body(f"Note: {record.evidence.note}", "commenting"))
    printed = page_label(record.cited)
    if printed is not None:  # a PDF's paragraph, as a reader of the print cites it
        out.append(body(f"Cited as: {printed}", "describing"))
    return out


def _selectors(record: Record, text: str | None) -> list[dict[str, Any]]:
    start, end = record.text_start, record.text_end
    if text is None or start is None or end is None:
        return [{"type": "TextQuoteSelector", "exact": record.quote}]
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS) : start],
            "suffix": text[end : end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]
    page = _page_selector(record)
    if page is not None:
        selectors.append(page)
    return selectors


def _page_selector(record: Record) -> dict[str, Any] | None:
    """For a PDF's paragraph that stays on one page: a FragmentSelector of that page (RFC
    3778's `page=N`, N the 1-based physical page, which is what a PDF viewer opens) refined
    by a TextQuoteSelector whose prefix and suffix come from the paragraph itself (the
    W3C model's 4.2.1 and 4.2.9). None otherwise: a paragraph that runs over a page break
    has no one page that holds every quote from it."""
    cited, start, end = record.cited, record.start, record.end
    if cited is None or cited.page is None or start is None or end is None:
        return None
    if cited.page_end is not None and cited.page_end != cited.page:
        return None
    return {
        "type": "FragmentSelector",
        "conformsTo": RFC3778,
        "value": f"page={cited.line}",
        "refinedBy": {
            "type": "TextQuoteSelector",
            "exact": cited.text[start:end],
            "prefix": cited.text[max(0, start - CONTEXT_CHARS) : start],
            "suffix": cited.text[end : end + CONTEXT_CHARS],
        },
    }


def annotation_collection(casebook: Casebook, selection: Selection) -> dict[str, Any]:
    """The selection's evidence as one AnnotationCollection (a JSON-ready dict; see the
    module's description). Never raises for a missing source or quote."""
    found = records(selection)
    texts: dict[str, str | None] = {}
    iris: dict[str, str] = {}
    keys: dict[str, list[str]] = {}
    items: list[dict[str, Any]] = []
    for record in found:
        source_id = record.source.id
        if source_id not in texts:
            document = selection.documents.get(source_id)
            texts[source_id] = source_text(document) if document is not None else None
            iris[source_id] = _source_iri(casebook, record)
        if record.dispute.id not in keys:
            keys[record.dispute.id] = position_keys(record.dispute)
        position = keys[record.dispute.id][record.position_index]
        key = (record.dispute.id, position, str(record.evidence_index))
        items.append(
            {
                "@context": CONTEXT,
                "id": f"urn:uuid:{stable_uuid(casebook, 'evidence', *key)}",
                "type": "Annotation",
                "motivation": "commenting",
                "body": _bodies(record),
                "target": {
                    "source": iris[source_id],
                    "selector": _selectors(record, texts[source_id]),
                },
            }
        )
    chosen = ",".join(d.id for d in selection.disputes)
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{stable_uuid(casebook, 'collection', chosen)}",
        "type": "AnnotationCollection",
        "label": casebook.title,
        "total": len(items),
    }
    if items:
        collection["first"] = {
            "id": f"urn:uuid:{stable_uuid(casebook, 'page', chosen)}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return collection


def render(casebook: Casebook, selection: Selection) -> bytes:
    """The AnnotationCollection as UTF-8 JSON-LD (two-space indent, a final newline)."""
    return dump_json(annotation_collection(casebook, selection))


EXPORTER = Exporter(
    name="annotations",
    suffix=".jsonld",
    binary=False,
    help="W3C Web Annotations (JSON-LD): one per evidence, quote and position selectors",
    render=render,
)
