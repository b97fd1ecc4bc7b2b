"""review.yaml as plain data, read without losing anything a hand-written file holds.

Every scalar is kept as the text written (`at: 2026-11-22T10:04:00Z` stays that text,
`rating: false` is "false", `no:` is the key "no"), nulls as None, lists and mappings as
such, in the order read. Comments are not kept (the next write drops them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from claims.gcpause import paused_gc
from claims.model import DisputeReview, Location, Review
from claims.paths import display
from claims.schema import STATUSES
from claims.yamlfile import YamlError, compose

NULL = "tag:yaml.org,2002:null"

#: review.yaml as data: dispute id -> its review (normally a mapping; anything else kept).
Document = dict[str, object]


class Unreadable(Exception):
    """review.yaml cannot be read as data to rewrite: `str()` says where and why."""


def parse(path: Path, data: bytes) -> Document:
    """The document in `data` (the bytes of review.yaml at `path`, which only names it).

    Raises `Unreadable` ("review.yaml:3:5: …") when it is not UTF-8, does not parse,
    is not a mapping, or has a duplicate or non-text key (rewriting it would lose one)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"{display(path.name)} is not UTF-8 (byte {exc.start})") from None
    with paused_gc():  # thousands of nodes and no cycles: collections would cost more
        try:
            node = compose(path, text)
        except YamlError as exc:
            loc = exc.problem.loc
            message = f"{display(path.name)}:{loc.line}:{loc.column}: {exc.problem.message}"
            raise Unreadable(message) from None
        if node is None:
            return {}
        value = _data(path, node)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Unreadable(f"{display(path.name)} should be a mapping of dispute ids")
    return value


def _data(path: Path, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == NULL else str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_data(path, item) for item in node.value]
    assert isinstance(node, yaml.MappingNode)
    out: dict[str, object] = {}
    for key_node, value_node in node.value:
        where = f"{display(path.name)}:{key_node.start_mark.line + 1}:"
        where += f"{key_node.start_mark.column + 1}"
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL:
            raise Unreadable(f"{where}: a key must be text")
        name = str(key_node.value)
        if name in out:
            raise Unreadable(f"{where}: duplicate key {display(name)!r}; keep one of them")
        out[name] = _data(path, value_node)
    return out


def positions_of(document: Mapping[str, object], dispute: str) -> Mapping[str, object]:
    """The `positions:` mapping of `dispute` (empty when there is none or it is not one)."""
    value = document.get(dispute)
    if isinstance(value, Mapping):
        positions = value.get("positions")
        if isinstance(positions, Mapping):
            return positions
    return {}


def status_of(document: Mapping[str, object], dispute: str) -> object:
    """The `status:` value of `dispute` as written (None when absent)."""
    value = document.get(dispute)
    return value.get("status") if isinstance(value, Mapping) else None


def to_review(entry: object, path: Path) -> Review | None:
    """A position's entry as a `Review` (None when it has no text `rating`)."""
    if not isinstance(entry, Mapping) or not isinstance(entry.get("rating"), str):
        return None

    def text(name: str) -> str | None:
        value = entry.get(name)
        return value if isinstance(value, str) else None

    return Review(str(entry["rating"]), Location(path), text("note"), text("by"), text("at"))


def to_dispute_review(value: object, path: Path) -> DisputeReview | None:
    """A dispute's entry as a `DisputeReview` (None when it is not a mapping)."""
    if not isinstance(value, Mapping):
        return None
    status = value.get("status")
    positions = value.get("positions")
    reviews: dict[str, Review] = {}
    if isinstance(positions, Mapping):
        for key, entry in positions.items():
            review = to_review(entry, path)
            if review is not None:
                reviews[str(key)] = review
    by, at = value.get("by"), value.get("at")
    return DisputeReview(
        status=status if isinstance(status, str) and status in STATUSES else "open",
        positions=reviews,
        loc=Location(path),
        by=by if isinstance(by, str) else None,
        at=at if isinstance(at, str) else None,
    )


def describe(entry: object) -> str:
    """A review entry in a few words: "unsupported (by lm, 2026-11-22T10:04:00Z)"."""
    if entry is None:
        return "no review"
    if not isinstance(entry, Mapping):
        return repr(entry)
    rating = entry.get("rating")
    words = str(rating) if isinstance(rating, str) else "no rating"
    who = [str(entry[k]) for k in ("by", "at") if isinstance(entry.get(k), str)]
    if isinstance(entry.get("note"), str):
        words += ", with a note"
    return words + (f" (by {', '.join(who)})" if who else "")


def differences(
    before: Mapping[str, object], after: Mapping[str, object]
) -> tuple[set[tuple[str, str | None]], list[str]]:
    """What changed from `before` to `after`: the set of (dispute, position key) touched
    (key None: the dispute's status or other keys), and one human line for each."""
    touched: set[tuple[str, str | None]] = set()
    lines: list[str] = []
    for dispute in dict.fromkeys([*before, *after]):
        old, new = before.get(dispute), after.get(dispute)
        if old == new:
            continue
        old_rest = _rest(old)
        new_rest = _rest(new)
        if old_rest != new_rest:
            touched.add((dispute, None))
            was, now = status_of(before, dispute), status_of(after, dispute)
            if was != now:
                lines.append(f"{dispute}: status {was or 'open'} → {now or 'open'}")
            else:
                lines.append(f"{dispute}: changed")
        old_p, new_p = positions_of(before, dispute), positions_of(after, dispute)
        for key in dict.fromkeys([*old_p, *new_p]):
            if old_p.get(key) != new_p.get(key):
                touched.add((dispute, key))
                lines.append(
                    f"{dispute} / {key}: {describe(old_p.get(key))} → {describe(new_p.get(key))}"
                )
    return touched, lines


def _rest(value: object) -> object:
    """A dispute's entry less its positions (or the value itself when not a mapping)."""
    if isinstance(value, Mapping):
        rest = {k: v for k, v in value.items() if k != "positions"}
        positions = value.get("positions")
        if not isinstance(positions, Mapping):
            rest["positions"] = positions
        return rest
    return value


def parse_reusing(
    path: Path, data: bytes, header: str, chunks: Mapping[str, str], known: Document
) -> tuple[Document, set[str]]:
    """`parse`, quicker for a file mostly as it was last written: each top-level entry
    whose text is exactly `chunks[dispute]` (the text last written for it) takes its
    value from `known` unparsed; the others are parsed one by one. Returns the document
    and the disputes taken unparsed. Anything unusual (no `header`, a document marker, an
    entry that does not read as one key, a key twice) parses the whole file, so errors
    are those of `parse`, with the same lines and columns."""
    text = data.decode("utf-8", errors="replace")
    if not chunks or not text.startswith(header):
        return parse(path, data), set()
    by_text = {chunk: dispute for dispute, chunk in chunks.items() if dispute in known}
    document: Document = {}
    reused: set[str] = set()
    line = header.count("\n")
    for piece in _pieces(text[len(header) :]):
        dispute = by_text.get(piece)
        if piece.startswith(("---", "...", "%")) or dispute in document:
            return parse(path, data), set()
        if dispute is not None:
            document[dispute] = known[dispute]
            reused.add(dispute)
        else:
            try:
                part = parse(path, ("\n" * line + piece).encode("utf-8"))
            except Unreadable:
                return parse(path, data), set()
            if len(part) > 1 or any(key in document for key in part):
                return parse(path, data), set()
            document.update(part)  # nothing when the piece is only comments
        line += piece.count("\n")
    return document, reused


def _pieces(text: str) -> list[str]:
    """`text` cut before each line that starts a top-level key (not indented, not a
    comment, not blank); each piece keeps its line ends."""
    cuts = [0, *(m.end() for m in _TOP.finditer(text)), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]


_TOP = re.compile(r"\n(?=[^ \t#\r\n])")
