"""Property test of capture (issue 15): random passages of the bundled sources, selected on
word boundaries, captured into random positions (or new ones) of random disputes, reloaded:
every one anchors `exact` at the selected words, nothing else in any file changed, and undo
gives every file back byte for byte (0 files corrupted)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BUNDLED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.casebook import capture
from claims.casebook.capture import NewEvidence, NewPosition
from claims.check import anchor_dispute
from claims.documents import Documents
from claims.loader import load
from claims.model import Method
from claims.sources import read_document

SOURCES = {
    "pushes-back": "sources/azerbaijan-pushes-back.txt",
    "tortured-in-baku": "sources/tortured-in-baku.txt",
}
DOCUMENTS = {key: read_document(BUNDLED / name) for key, name in SOURCES.items()}
DISPUTES = [d.id for d in load(BUNDLED).casebook.disputes]
WORD = re.compile(r"\S+")


@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    """Writes stay atomic (a temporary file, then a rename); only the waits for the disk
    are left out, which would make these many writes take seconds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda _fd: None)
        yield


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("capture-property") / "cb"
    shutil.copytree(BUNDLED, folder)
    return folder


def _files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*.yaml"))}


@st.composite
def selections(draw: st.DrawFn) -> tuple[str, int, int, int]:
    """(source id, 1-based paragraph, start, end): whole words of one paragraph."""
    source = draw(st.sampled_from(sorted(SOURCES)))
    document = DOCUMENTS[source]
    number = draw(st.integers(1, len(document.paragraphs)))
    words = list(WORD.finditer(document.paragraph(number).text))
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(len(words) - 1, first + 30)))
    return source, number, words[first].start(), words[last].end()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    selection=selections(),
    dispute_id=st.sampled_from(DISPUTES),
    which=st.integers(-1, 5),
    note=st.one_of(st.none(), st.sampled_from(["no", "a: #b", "'q'", "two\nlines", "\u2028"])),
)
def test_random_selections_anchor_exactly_where_they_were_taken(
    root: Path,
    selection: tuple[str, int, int, int],
    dispute_id: str,
    which: int,
    note: str | None,
) -> None:
    original = _files(root)
    source, number, start, end = selection
    found = capture.quote_evidence(DOCUMENTS[source], number, start, end, source)
    evidence = NewEvidence(found.source, found.quote, found.before, found.after, number, note)
    dispute = load(root).casebook.dispute(dispute_id)
    assert dispute is not None
    position: str | NewPosition
    if which < 0:
        position = NewPosition("critics", "A reader: #1", "yes")
    else:
        chosen = dispute.positions[which % len(dispute.positions)]
        position = chosen.id or chosen.holder
    done = capture.add_evidence(root, dispute_id, position, evidence)
    changed = _files(root)
    assert [p for p in changed if changed[p] != original[p]] == [done.path]
    casebook = load(root).casebook
    reloaded = casebook.dispute(dispute_id)
    assert reloaded is not None
    assert done.position is not None
    assert done.evidence is not None
    anchors, _ = anchor_dispute(reloaded, Documents(casebook), casebook.fuzzy_threshold)
    mine = [a for a in anchors if (a.position, a.evidence) == (done.position, done.evidence)]
    assert len(mine) == 1
    assert mine[0].method is Method.EXACT
    assert (mine[0].paragraph, mine[0].start, mine[0].end) == (number, start, end)
    assert reloaded.positions[done.position].evidence[done.evidence].note == note
    capture.undo(done)
    assert _files(root) == original
