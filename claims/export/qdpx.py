"""`qdpx`: a REFI-QDA project (https://www.qdasoftware.org, QDA-XML project 1.0), for
QualCoder, MAXQDA, ATLAS.ti, NVivo.

The file is a zip of `project.qde` (the project's XML, namespace `urn:QDA-XML:project:1.0`)
and `sources/<guid>.txt`: each cited source's plain text as contested reads it (its
paragraphs joined by a blank line, `claims.export._evidence.source_text`), UTF-8 without
a byte order mark. A `TextSource` points at its text as `internal://<guid>.txt`.

- Codes (the code book): "Sides", with a code per side (its colour when it is #rrggbb);
  "Disputes", with a code per dispute (named by its id; the question and description as
  its description) holding a code per position (named by its holder; the claim as its
  description; the review's note as a memo); "Ratings", a code per rating of the scale.
  The three parents are not codable themselves.
- Evidence: a `PlainTextSelection` of its source at the quote's place, coded with its
  side, its position and its position's rating (when rated); the evidence's own note is a
  memo on the selection. In a PDF source the selection's `Description` says where the
  quote stands in print: "Cited as p. 23 ¶4". Offsets: `startPosition`/`endPosition` count
  Unicode code points of the .txt, 0-based, end exclusive (QualCoder reads
  `text[start:end]`). A quote that was not found (or whose source cannot be read) is not
  coded; the project's description says how many.
- Memos are the project's `Notes` (plain text), referred to by `NoteRef`.

Deterministic: every GUID is a UUID 5 of the casebook and the thing it names, the zip's
entries are in a fixed order with a fixed date (1980-01-01) and permissions, so the same
casebook gives the same bytes.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from claims.citation import page_label
from claims.export import Exporter, Selection
from claims.export._evidence import Record, cited_sources, records, scale, source_text
from claims.export._ids import position_keys, stable_uuid
from claims.model import Casebook, Dispute

__all__ = ["EXPORTER", "NAMESPACE", "render"]

NAMESPACE = "urn:QDA-XML:project:1.0"
#: Characters XML 1.0 does not allow (written as U+FFFD in project.qde; a .txt keeps them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_RGB = re.compile(r"#[0-9A-Fa-f]{6}")
#: The zip entries' date: the earliest a zip can hold, so that exports diff cleanly.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k: _xml(v) for k, v in attributes.items()})


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _xml(text)
    return element


@dataclass
class _Project:
    casebook: Casebook
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # guid, name, text
    _keys: dict[str, list[str]] = field(default_factory=dict)

    def keys(self, dispute: Dispute) -> list[str]:
        """The dispute's position keys, unique within it (`_ids.position_keys`)."""
        if dispute.id not in self._keys:
            self._keys[dispute.id] = position_keys(dispute)
        return self._keys[dispute.id]

    def guid(self, *parts: str) -> str:
        return str(stable_uuid(self.casebook, "qdpx", *parts))

    def note(self, owner: ET.Element, name: str, text: str, *key: str) -> None:
        """A memo: a `Note` of the project, and a `NoteRef` to it in `owner`."""
        guid = self.guid("note", *key)
        self.notes.append((guid, name, text))
        _sub(owner, "NoteRef", targetGUID=guid)


def _codes(project: _Project, root: ET.Element, selection: Selection) -> None:
    casebook = project.casebook
    codes = _sub(_sub(root, "CodeBook"), "Codes")
    sides = _sub(codes, "Code", guid=project.guid("sides"), name="Sides", isCodable="false")
    for side in casebook.sides.values():
        attributes = {"guid": project.guid("side", side.id), "name": side.label}
        attributes["isCodable"] = "true"
        if _RGB.fullmatch(side.colour or ""):
            attributes["color"] = side.colour.upper()
        code = _sub(sides, "Code", **attributes)
        _text(code, "Description", f"Side {side.id!r}")
    disputes = _sub(
        codes, "Code", guid=project.guid("disputes"), name="Disputes", isCodable="false"
    )
    for dispute in selection.disputes:
        code = _sub(
            disputes, "Code", guid=project.guid("dispute", dispute.id), name=dispute.id,
            isCodable="true",
        )  # fmt: skip
        about = dispute.question + (f"\n\n{dispute.description}" if dispute.description else "")
        _text(code, "Description", about)
        review = casebook.reviews.get(dispute.id)
        for position, key in zip(dispute.positions, project.keys(dispute), strict=True):
            child = _sub(
                code, "Code", guid=project.guid("position", dispute.id, key),
                name=position.holder, isCodable="true",
            )  # fmt: skip
            _text(child, "Description", position.claim)
            found = review.positions.get(position.key) if review is not None else None
            if found is not None and found.note:
                name = f"Review note: {dispute.id} / {position.holder}"
                project.note(child, name, found.note, "review", dispute.id, key)
    ratings = _sub(codes, "Code", guid=project.guid("ratings"), name="Ratings", isCodable="false")
    for rating in scale(casebook):
        attributes = {"guid": project.guid("rating", rating.id), "name": rating.label}
        attributes["isCodable"] = "true"
        if _RGB.fullmatch(rating.colour or ""):
            attributes["color"] = (rating.colour or "").upper()
        _sub(ratings, "Code", **attributes)


def _coding(project: _Project, selection: ET.Element, target: str, *key: str) -> None:
    coding = _sub(selection, "Coding", guid=project.guid("coding", *key))
    _sub(coding, "CodeRef", targetGUID=target)


def _selection(project: _Project, source: ET.Element, record: Record) -> None:
    assert record.text_start is not None
    assert record.text_end is not None
    position_key = project.keys(record.dispute)[record.position_index]
    key = (record.dispute.id, position_key, str(record.evidence_index))
    guid = project.guid("evidence", *key)
    selection = _sub(
        source, "PlainTextSelection", guid=guid, name=f"{record.holder}: {record.quote}",
        startPosition=str(record.text_start), endPosition=str(record.text_end),
    )  # fmt: skip
    printed = page_label(record.cited)
    if printed is not None:  # a PDF's page, first as the schema orders a selection's parts
        _text(selection, "Description", f"Cited as {printed}")
    # The side a casebook does not declare has no code: the selection is coded without it.
    if record.position.side in project.casebook.sides:
        _coding(project, selection, project.guid("side", record.position.side), "side", *key)
    position = project.guid("position", record.dispute.id, position_key)
    _coding(project, selection, position, "position", *key)
    if record.rating is not None:
        _coding(project, selection, project.guid("rating", record.rating.id), "rating", *key)
    if record.evidence.note:
        project.note(selection, f"Note: {record.quote}", record.evidence.note, "evidence", *key)


def _document(casebook: Casebook, selection: Selection) -> tuple[bytes, dict[str, str]]:
    """(project.qde's bytes, {entry name: plain text} of the sources)."""
    project = _Project(casebook)
    root = ET.Element(
        "Project", {"xmlns": NAMESPACE, "name": _xml(casebook.title), "origin": "contested"}
    )
    _codes(project, root, selection)
    found = records(selection)
    texts: dict[str, str] = {}
    sources = ET.Element("Sources")
    missing = 0
    for source_id in cited_sources(selection, found):
        document = selection.documents.get(source_id)
        cited = [r for r in found if r.source.id == source_id]
        anchored = [r for r in cited if r.text_start is not None]
        missing += len(cited) - len(anchored)
        if document is None:
            continue
        guid = project.guid("source", source_id)
        texts[f"sources/{guid}.txt"] = source_text(document)
        info = cited[0].source
        element = _sub(
            sources, "TextSource", guid=guid, name=info.title,
            plainTextPath=f"internal://{guid}.txt",
        )  # fmt: skip
        facts = [info.outlet, info.author, info.published and info.published.isoformat()]
        facts += [info.url, f"contested source {source_id!r} ({info.file or 'undeclared'})"]
        _text(element, "Description", "\n".join(str(f) for f in facts if f))
        for record in anchored:
            _selection(project, element, record)
    if len(sources):
        root.append(sources)
    if project.notes:
        notes = _sub(root, "Notes")
        for guid, name, text in project.notes:
            _text(_sub(notes, "Note", guid=guid, name=name), "PlainTextContent", text)
    about = [casebook.description or ""]
    if missing:
        quotes = "1 quote was" if missing == 1 else f"{missing} quotes were"
        about.append(
            f"{quotes} not found in the sources (or cited a source that cannot be read): "
            "not coded here; `contested check` lists them."
        )
    about_text = "\n\n".join(a for a in about if a)
    if about_text:
        _text(root, "Description", about_text)
    ET.indent(root)
    qde = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return qde + b"\n", texts


def render(casebook: Casebook, selection: Selection) -> bytes:
    """The selection as a .qdpx (zip) file: project.qde and sources/<guid>.txt."""
    qde, texts = _document(casebook, selection)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in [("project.qde", qde)] + [
            (name, text.encode("utf-8")) for name, text in texts.items()
        ]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform, for the same bytes
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


EXPORTER = Exporter(
    name="qdpx",
    suffix=".qdpx",
    binary=True,
    help="REFI-QDA project (QualCoder, MAXQDA, ATLAS.ti): sides and disputes as codes",
    render=render,
)
