"""Capture's API (issue 15): the evidence a selection makes, the errors, the check before
writing, the refusal of a file changed meanwhile, undo, and quoting that reads back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED, make_casebook
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.casebook import capture, captureio
from claims.casebook.capture import (
    AmbiguousPosition,
    CaptureError,
    Conflict,
    DisputeExists,
    NewDispute,
    NewEvidence,
    NewPosition,
    NotExact,
    UnknownDispute,
    UnknownPosition,
)
from claims.casebook.captureplan import evidence_plan
from claims.casebook.yamlquote import double_quoted, reads_back, scalar
from claims.loader import load
from claims.sources import read_document
from claims.yamlstream import Loader

SOURCE = (
    "The raid began at dawn. Police said the raid was legal.\n\n"
    "Nine people were detained. Police said the raid was legal, again.\n\n"
    "An illegal raid, said the lawyers.\n"
)

CASEBOOK = """title: Raids
sides:
  police: {label: Police}
  lawyers: {label: Lawyers}
sources:
  s:
    file: sources/s.txt
disputes:
  - id: legal
    question: Was the raid legal?
    positions:
      - side: police
        holder: Police
        id: yes-legal
        claim: It was legal.
        evidence:
          - source: s
            quote: The raid began at dawn.
      - side: lawyers
        holder: Lawyers
        claim: It was not.
        evidence:
          - source: s
            quote: An illegal raid
      - side: lawyers
        holder: Lawyers
        id: lawyers-2
        claim: Twice.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "cb", CASEBOOK, {"sources/s.txt": SOURCE})


def test_a_unique_selection_is_the_quote_alone_with_its_paragraph(root: Path) -> None:
    document = read_document(root / "sources/s.txt")
    text = document.paragraph(2).text
    start = text.index("Nine")
    evidence = capture.quote_evidence(document, 2, start, start + 27, "s")  # a space too
    assert evidence == NewEvidence("s", "Nine people were detained.", paragraph=2)


def test_a_repeated_quote_gets_the_shortest_context_that_tells_it_apart(root: Path) -> None:
    document = read_document(root / "sources/s.txt")
    text = document.paragraph(2).text
    start = text.index("Police said the raid was legal")
    evidence = capture.quote_evidence(document, 2, start, start + 30, "s")
    assert evidence.quote == "Police said the raid was legal"
    assert (evidence.before, evidence.after, evidence.paragraph) == ("detained.", None, 2)
    first = capture.quote_evidence(document, 1, 24, 54, "s")
    assert (first.before, first.after) == ("dawn.", None)


def test_a_selection_cutting_a_word_is_refused(root: Path) -> None:
    document = read_document(root / "sources/s.txt")
    text = document.paragraph(3).text
    start = text.index("legal raid")
    with pytest.raises(NotExact, match="inside a word"):
        capture.quote_evidence(document, 3, start, start + 10, "s")  # "legal" of "illegal"


def test_an_empty_or_out_of_range_selection_is_refused(root: Path) -> None:
    document = read_document(root / "sources/s.txt")
    with pytest.raises(CaptureError, match="empty"):
        capture.quote_evidence(document, 1, 3, 4, "s")  # " "
    with pytest.raises(CaptureError, match="no paragraph 9"):
        capture.quote_evidence(document, 9, 0, 1, "s")
    with pytest.raises(CaptureError, match="outside paragraph"):
        capture.quote_evidence(document, 1, 0, 999, "s")


def test_evidence_goes_to_a_position_named_by_id_or_holder(root: Path) -> None:
    ev = NewEvidence("s", "Nine people were detained.", paragraph=2)
    done = capture.add_evidence(root, "legal", "yes-legal", ev)
    assert (done.dispute, done.position, done.evidence) == ("legal", 0, 1)
    assert done.line == 19
    ambiguous = pytest.raises(AmbiguousPosition, match="2 positions")
    with ambiguous as caught:
        capture.add_evidence(root, "legal", "Lawyers", ev)
    assert "lawyers-2 (Lawyers)" in (caught.value.hint or "")
    with pytest.raises(UnknownPosition) as unknown:
        capture.add_evidence(root, "legal", "Judge", ev)
    assert "yes-legal (Police)" in (unknown.value.hint or "")
    with pytest.raises(UnknownDispute, match="no dispute 'legl'") as nodispute:
        capture.add_evidence(root, "legl", "Police", ev)
    assert "legal" in (nodispute.value.hint or "")
    done = capture.add_evidence(root, "legal", "lawyers-2", ev)  # a position with no evidence
    assert (done.position, done.evidence) == (2, 0)


def test_a_quote_that_does_not_anchor_exactly_is_refused_and_nothing_written(
    root: Path,
) -> None:
    before = (root / "casebook.yaml").read_bytes()
    for quote, why in [
        ("Police said the raid was legal", "more than one place"),
        ("the raid began at dawn", "normalized"),  # found only ignoring case? fuzzy
        ("Nobody said anything", "does not have these words"),
    ]:
        with pytest.raises(NotExact) as caught:
            capture.add_evidence(root, "legal", "Police", NewEvidence("s", quote))
        assert caught.value.path == root / "casebook.yaml"
        assert caught.value.line == 19, quote
        assert why in caught.value.message or caught.value.message, quote
    with pytest.raises(NotExact, match="not in ¶1"):
        capture.add_evidence(
            root, "legal", "Police", NewEvidence("s", "Nine people were detained.", paragraph=1)
        )
    assert (root / "casebook.yaml").read_bytes() == before


def test_unknown_source_side_and_bad_ids_are_refused(root: Path) -> None:
    ev = NewEvidence("s", "Nine people were detained.")
    with pytest.raises(CaptureError, match="unknown source 'x'"):
        capture.add_evidence(root, "legal", "Police", NewEvidence("x", "Nine"))
    with pytest.raises(CaptureError, match="unknown side 'judges'"):
        capture.add_evidence(root, "legal", NewPosition("judges", "J", "c"), ev)
    with pytest.raises(CaptureError, match="has a position 'yes-legal' already"):
        capture.add_evidence(root, "legal", NewPosition("police", "J", "c", id="yes-legal"), ev)
    with pytest.raises(DisputeExists) as exists:
        capture.add_dispute(root, NewDispute("legal", "Again?"))
    assert exists.value.line == 9
    with pytest.raises(CaptureError, match="not a valid dispute id"):
        capture.add_dispute(root, NewDispute("bad id", "Q?"))
    with pytest.raises(CaptureError, match="outside the casebook"):
        capture.add_dispute(root, NewDispute("q", "Q?", Path("../elsewhere.yaml")))
    with pytest.raises(CaptureError, match="needs a position"):
        capture.add_dispute(root, NewDispute("q", "Q?"), None, ev)


def test_the_bundled_example_is_never_changed() -> None:
    with pytest.raises(CaptureError, match="bundled example is not changed"):
        capture.add_dispute(BUNDLED, NewDispute("q", "Q?"))


def test_a_file_changed_after_it_was_read_is_refused_as_a_conflict(root: Path) -> None:
    file = root / "casebook.yaml"
    state = capture.load_casebook(root)
    plan = evidence_plan(state, "legal", "Police", NewEvidence("s", "Nine people were detained."))
    file.write_text(CASEBOOK + "# edited meanwhile\n")
    with pytest.raises(Conflict, match="changed on disk"):
        captureio.write_new_text(plan.before, plan.text)  # type: ignore[arg-type]
    assert file.read_text() == CASEBOOK + "# edited meanwhile\n"


def test_undo_restores_the_exact_bytes_and_refuses_after_an_edit(root: Path) -> None:
    file = root / "casebook.yaml"
    original = file.read_bytes()
    done = capture.add_evidence(root, "legal", "Police", NewEvidence("s", "An illegal raid"))
    capture.undo(done)
    assert file.read_bytes() == original
    done = capture.add_evidence(root, "legal", "Police", NewEvidence("s", "An illegal raid"))
    edited = file.read_bytes() + b"# mine\n"
    file.write_bytes(edited)
    with pytest.raises(Conflict, match="changed since the capture"):
        capture.undo(done)
    assert file.read_bytes() == edited


def test_a_new_dispute_in_a_new_file_is_added_to_include_and_undone(tmp_path: Path) -> None:
    root = tmp_path / "cb"
    shutil.copytree(BUNDLED, root)
    main = (root / "casebook.yaml").read_bytes()
    document = read_document(root / "sources/azerbaijan-pushes-back.txt")
    evidence = capture.quote_evidence(document, 1, 0, 10, "pushes-back")
    done = capture.add_dispute(
        root,
        NewDispute(
            capture.slug("Who is right, Baku or Moscow?"), "Who is right?", Path("new/x.yaml")
        ),
        NewPosition("critics", "Me", "Baku"),
        evidence,
    )
    assert done.created
    assert done.dispute == "who-right-baku-moscow"
    assert done.also
    assert b"include: [disputes/*.yaml, new/x.yaml]" in (root / "casebook.yaml").read_bytes()
    assert load(root).casebook.dispute("who-right-baku-moscow") is not None
    capture.undo(done)
    assert not (root / "new/x.yaml").exists()
    assert (root / "casebook.yaml").read_bytes() == main
    within = capture.add_dispute(root, NewDispute("y", "Y?", Path("disputes/y.yaml")))
    assert within.created
    assert not within.also
    assert capture.dispute_files(load(root).casebook)[0] == root / "casebook.yaml"


def test_slug_suggests_an_unused_id() -> None:
    assert capture.slug("How did the Safarov brothers die?") == "how-safarov-brothers-die"
    assert capture.slug("Ünïcödé Straße?") == "unicode-strasse"
    assert capture.slug("日本?") == "dispute"
    assert capture.slug("Who's to blame?", {"whos-blame"}) == "whos-blame-2"


HOSTILE = [
    "no", "on", "yes", "Off", "~", "null", "1e3", "0x1F", "2025-07-01", "12:30", ".nan",
    "a: b", "a #b", "#x", "- x", "? x", "* x", "& x", "! x", "| x", "> x", "'q'", '"q"',
    "%x", "@x", "`x`", "[x]", "{x}", "x,", " lead", "trail ", "two\nlines", "cr\rx",
    "nel\x85x", "ls\u2028x", "ps\u2029x", "tab\tx", "bell\x07", "bom\ufeffx", "é ü 日本",
    "emoji 🙂", "[bold]markup[/]", "back\\slash", "=", "<<", "",
]  # fmt: skip


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("prefer", ["", "'", '"'])
def test_scalars_read_back_exactly(value: str, prefer: str) -> None:
    written = scalar(value, prefer)
    assert "\n" not in written
    assert "\r" not in written
    assert yaml.load(f"k: {written}\n", Loader=Loader) == {"k": value}
    assert yaml.safe_load(f"k: {written}\n") == {"k": value}  # PyYAML 1.1 itself too
    flow = scalar(value, prefer, flow=True)
    assert yaml.load(f"[{flow}, x]", Loader=Loader) == [value, "x"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_any_text_reads_back_exactly(value: str) -> None:
    for prefer in ("", "'"):
        written = scalar(value, prefer)
        assert reads_back(written, value)
    assert reads_back(double_quoted(value), value)


def test_a_stale_load_is_refused_as_a_conflict_and_a_fresh_one_used(root: Path) -> None:
    """The app passes its own load (`loaded=`): used as it is while the file agrees with it;
    a dispute or position no longer where it was is a Conflict: reload, then retry."""
    loaded = load(root).casebook
    file = root / "casebook.yaml"
    ev = NewEvidence("s", "Nine people were detained.")
    done = capture.add_evidence(root, "legal", "Police", ev, loaded=loaded)
    capture.undo(done)
    file.write_text(CASEBOOK.replace("disputes:\n", "# a comment\ndisputes:\n"))
    edited = file.read_bytes()
    with pytest.raises(Conflict, match="changed since the casebook was read"):
        capture.add_evidence(root, "legal", "Police", ev, loaded=loaded)
    swapped = CASEBOOK.replace("holder: Police", "holder: Judges")
    file.write_text(swapped)  # same places, another holder: not the position meant
    with pytest.raises(Conflict):
        capture.add_evidence(root, "legal", "Police", ev, loaded=loaded)
    file.write_bytes(edited)
    done = capture.add_evidence(root, "legal", "Police", ev, loaded=load(root).casebook)
    assert done.line == 20
