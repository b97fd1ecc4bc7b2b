"""Faults two testers found in capture's headless half (issue 15), each as a user meets it:
evidence added to the right entry of a one-line flow node, a quote the position already
cites refused, FILE:LINE in quote refusals, paths outside the casebook or in hidden folders
named as such (and no folder left behind), keys in the file's key style, values YAML 1.2
reads as numbers quoted, a note with a line break refused, markup left out of slugs."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
import yaml
from conftest import RunCli, make_casebook

from claims.casebook import capture, captureio
from claims.casebook.capture import CaptureError, NewDispute, NewEvidence, NewPosition
from claims.casebook.yamlquote import reads_back, scalar
from claims.check import check
from claims.loader import load
from claims.model import Method
from claims.sources import read_document

SOURCE = "Plain words first.\n\nMore words here.\n\nnull\n\n12345\n\n1e3\n\n0o17\n\nno\n"

CASEBOOK = """title: Faults
sides:
  critics: {label: Critics}
  family: {label: Family}
sources:
  h2:
    file: sources/h2.txt
include: [disputes/*.yaml]
"""

FLOW = (
    "disputes:\n"
    '  - {id: flow-d, question: "Flow?", positions: [{side: critics, holder: C, claim: z, '
    'evidence: [{source: h2, quote: "12345"}]}, {side: family, holder: D, claim: w, '
    "evidence: []}]}\n"
    "  - id: f2\n"
    "    question: q?\n"
    '    positions: [{side: critics, holder: A, claim: c, evidence: [{source: h2, quote: "no"}]}]\n'
)

BLOCK = """disputes:
  - id: d
    question: Plain?
    positions:
      - side: critics
        holder: Critic
        id: crit
        claim: Words.
        evidence:
          - source: h2
            quote: Plain words first.
"""

DOUBLE_VALUES = """disputes:
- id: pq
  question: "Plain?"
  positions:
  - side: critics
    holder: "Critic"
    claim: "Words."
    evidence:
    - source: h2
      quote: "Plain words first."
"""


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", lambda _fd: None)


def _root(tmp_path: Path, files: dict[str, str]) -> Path:
    return make_casebook(tmp_path / "cb", CASEBOOK, {"sources/h2.txt": SOURCE}, files)


def _found(root: Path, quote: str) -> NewEvidence:
    return capture.find_quote(read_document(root / "sources/h2.txt"), "h2", quote)


def _changed(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return [
        (tag, a[i1:i2], b[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes()
        if tag != "equal"
    ]


def _exact(root: Path, dispute: str, position: int, evidence: int) -> None:
    report = check(load(root))
    (anchor,) = [
        a
        for a in report.anchors
        if (a.dispute, a.position, a.evidence) == (dispute, position, evidence)
    ]
    assert anchor.method is Method.EXACT


def _bytes(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- 1. a one-line flow node: the new evidence is found by its place, not its line ---------------


def test_evidence_for_the_second_position_of_a_one_line_flow_dispute(tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/flow.yaml": FLOW})
    file = root / "disputes/flow.yaml"
    old = file.read_text()
    done = capture.add_evidence(root, "flow-d", "D", _found(root, "null"))
    new = file.read_text()
    ((tag, removed, added),) = _changed(old, new)  # that one line, nothing else
    assert tag == "replace"
    assert removed == [FLOW.splitlines(keepends=True)[1]]
    assert added[0].endswith('evidence: [{source: h2, quote: "null", paragraph: 3}]}]}\n')
    assert (done.position, done.evidence) == (1, 0)
    dispute = load(root).casebook.dispute("flow-d")
    assert dispute is not None
    assert [e.quote for e in dispute.positions[0].evidence] == ["12345"]
    assert [e.quote for e in dispute.positions[1].evidence] == ["null"]
    _exact(root, "flow-d", 1, 0)
    capture.undo(done)
    assert file.read_text() == old


def test_a_new_position_in_a_one_line_flow_list(tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/flow.yaml": FLOW})
    file = root / "disputes/flow.yaml"
    old = file.read_text()
    new_position = NewPosition("critics", "B", "Other words.")
    done = capture.add_evidence(root, "f2", new_position, _found(root, "1e3"))
    ((tag, removed, added),) = _changed(old, file.read_text())
    assert tag == "replace"
    assert removed == [FLOW.splitlines(keepends=True)[-1]]
    assert added[0].startswith(removed[0].rstrip("]\n"))
    assert (done.position, done.evidence) == (1, 0)
    dispute = load(root).casebook.dispute("f2")
    assert dispute is not None
    assert [p.holder for p in dispute.positions] == ["A", "B"]
    assert [e.quote for e in dispute.positions[1].evidence] == ["1e3"]
    _exact(root, "f2", 1, 0)


def test_add_evidence_on_a_flow_line_from_the_command_line(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/flow.yaml": FLOW})
    code, _, err = run_cli("-C", root, "add-evidence", "flow-d", "D", "--source", "h2",
                             "--quote", "null")  # fmt: skip
    assert code == 0, err
    code, _, err = run_cli("-C", root, "add-evidence", "f2", "new", "--side", "critics",
                             "--holder", "B", "--claim", "c", "--source", "h2",
                             "--quote", "12345")  # fmt: skip
    assert code == 0, err
    assert check(load(root)).errors == 0


# --- 2. the same quote twice ---------------------------------------------------------------------


def test_a_quote_the_position_already_cites_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK})
    before = _bytes(root)
    with pytest.raises(CaptureError) as refused:
        capture.add_evidence(root, "d", "crit", _found(root, "Plain words first."))
    assert refused.value.message == ("position crit already cites this quote at disputes/d.yaml:10")
    assert refused.value.hint
    assert _bytes(root) == before
    code, _, err = run_cli("-C", root, "add-evidence", "d", "Critic", "--source", "h2",
                           "--quote", "Plain words first.")  # fmt: skip
    assert code == 1
    assert "already cites this quote at disputes/d.yaml:10" in err
    assert _bytes(root) == before
    code, _, err = run_cli("-C", root, "add-evidence", "d", "Critic", "--source", "h2",
                           "--quote", "More words here.")  # fmt: skip
    assert code == 0, err


def test_the_same_words_at_another_place_are_not_a_repeat(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "cb",
        CASEBOOK.replace("h2.txt", "twice.txt"),
        {"sources/twice.txt": "One. Same words.\n\nTwo. Same words.\n"},
        {"disputes/d.yaml": BLOCK.replace("Plain words first.", "Same words.\n"
                                          "            before: One.")},
    )  # fmt: skip
    document = read_document(root / "sources/twice.txt")
    second = capture.find_quote(document, "h2", "Same words.", paragraph=2)
    done = capture.add_evidence(root, "d", "crit", second)
    assert (done.position, done.evidence) == (0, 1)
    first = capture.find_quote(document, "h2", "Same words.", paragraph=1)
    for again in (first, second):
        with pytest.raises(CaptureError, match=r"already cites this quote at disputes/d.yaml:"):
            capture.add_evidence(root, "d", "crit", again)


# --- 3. FILE:LINE and a reason in quote refusals -------------------------------------------------


def test_quote_refusals_name_the_file_and_line(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK})
    before = _bytes(root)
    for quote, reason in (
        ("Words not there at all", "does not have these words"),
        ("Plain  words first.", "after normalising"),
        ("Plain words first.\n\nMore words here.", "must stay within one paragraph"),
    ):
        code, _, err = run_cli("-C", root, "add-evidence", "d", "crit", "--source", "h2",
                               "--quote", quote)  # fmt: skip
        assert code == 1
        assert "disputes/d.yaml:5: " in err, err  # the position the evidence would go to
        assert reason in err
        code, _, err = run_cli("-C", root, "add-evidence", "d", "new", "--side", "family",
                               "--holder", "F", "--claim", "c", "--source", "h2",
                               "--quote", quote)  # fmt: skip
        assert code == 1
        assert "disputes/d.yaml:2: " in err, err  # the dispute
        code, _, err = run_cli("-C", root, "add-dispute", "--question", "New?", "--side",
                               "family", "--holder", "F", "--claim", "c", "--source", "h2",
                               "--quote", quote)  # fmt: skip
        assert code == 1
        assert "disputes/d.yaml: " in err, err  # the file the dispute would go in
    assert _bytes(root) == before


# --- 4. paths ------------------------------------------------------------------------------------


def test_paths_outside_the_casebook_are_named_so(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK})
    (tmp_path / "elsewhere").mkdir()
    (root / "out").symlink_to(tmp_path / "elsewhere")
    before = _bytes(root)
    for given, linked in (
        ("../evil.yaml", False),
        (str(tmp_path / "evil.yaml"), False),
        ("disputes/../../evil2.yaml", False),
        ("out/evil3.yaml", True),
    ):
        code, _, err = run_cli("-C", root, "add-dispute", "--question", "Q?", "--file", given)
        assert code == 1
        assert ("symbolic link" in err) is linked, err
        if not linked:
            assert "is outside the casebook folder" in err
    assert _bytes(root) == before
    assert not list(tmp_path.glob("evil*"))
    assert not list((tmp_path / "elsewhere").iterdir())


def test_hidden_folders_are_refused(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK, ".drafts/read.yaml": "disputes: []\n"})
    (root / "casebook.yaml").write_text(CASEBOOK.replace("]", ", .drafts/read.yaml]"))
    (root / ".git").mkdir()
    before = _bytes(root)
    for given in (
        ".git/config.yaml",
        ".hidden/x.yaml",
        "disputes/.old/x.yaml",
        ".drafts/read.yaml",
    ):
        code, _, err = run_cli("-C", root, "add-dispute", "--question", "Q?", "--file", given)
        assert code == 1, err
        assert "hidden folder" in err
    assert _bytes(root) == before
    assert not (root / ".hidden").exists()
    assert not (root / "disputes/.old").exists()
    assert list((root / ".git").iterdir()) == []


def test_a_refused_new_file_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK})
    before = _bytes(root)
    real = captureio.write_new_text

    def editor_saved(read: captureio.Read, text: str) -> str:
        raise captureio.Conflict("casebook.yaml changed on disk since it was read")

    monkeypatch.setattr(capture, "write_new_text", editor_saved)
    with pytest.raises(CaptureError):
        capture.add_dispute(root, NewDispute("race", "Race?", Path("other/deeper/race.yaml")))
    assert not (root / "other").exists()
    assert _bytes(root) == before
    monkeypatch.setattr(capture, "write_new_text", real)
    (root / "kept").mkdir()
    done = capture.add_dispute(root, NewDispute("race", "Race?", Path("kept/new/race.yaml")))
    assert (root / "kept/new/race.yaml").exists()
    capture.undo(done)
    assert not (root / "kept/new").exists()
    assert (root / "kept").is_dir()  # it was there before
    assert _bytes(root) == before


# --- 5. keys in the file's key style -------------------------------------------------------------


def test_keys_stay_plain_when_only_values_are_double_quoted(tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/pq.yaml": DOUBLE_VALUES})
    file = root / "disputes/pq.yaml"
    capture.add_evidence(root, "pq", "Critic", _found(root, "More words here."))
    capture.add_dispute(
        root,
        NewDispute("pq-new", "PQ new?", Path("disputes/pq.yaml")),
        NewPosition("family", "F", "Yes."),
        _found(root, "12345"),
    )
    text = file.read_text()
    assert text.startswith(DOUBLE_VALUES)
    added = text[len(DOUBLE_VALUES) :]
    assert '"' not in "".join(line.split(":")[0] for line in added.splitlines()), added
    assert '- source: h2\n      quote: "More words here."\n' in added
    assert '- id: pq-new\n  question: "PQ new?"\n  positions:\n' in added
    assert '    evidence:\n    - source: h2\n      quote: "12345"\n' in added
    assert check(load(root)).errors == 0


def test_quoted_keys_stay_quoted(tmp_path: Path) -> None:
    quoted = '"disputes":\n- "id": q\n  "question": "Q?"\n  "positions": []\n'
    root = _root(tmp_path, {"disputes/q.yaml": quoted})
    capture.add_dispute(root, NewDispute("q2", "Q2?", Path("disputes/q.yaml")))
    added = (root / "disputes/q.yaml").read_text()[len(quoted) :]
    assert added == '- "id": q2\n  "question": "Q2?"\n  "positions": []\n'


# --- 6. YAML 1.2 numbers are quoted --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["1e3", "0o17", "0x1F", "+12", "-3", ".5", "1.", "-1.5e-3", ".inf", "-.Inf", "+.INF",
     ".nan", ".NaN", "true", "False", "TRUE", "null", "Null", "NULL", "~"],
)  # fmt: skip
def test_what_yaml_1_2_reads_as_no_text_is_never_plain(text: str) -> None:
    assert not reads_back(text, text)
    assert scalar(text, "") == "'" + text + "'"
    assert scalar(text, "", flow=True) == "'" + text + "'"


@pytest.mark.parametrize("text", ["1e", "0o8", "0x", "e3", ".5.", "nan", "0x1G", "1e3e3"])
def test_what_yaml_1_2_reads_as_text_may_stay_plain(text: str) -> None:
    assert reads_back(text, text)


def test_quote_1e3_and_0o17_are_single_quoted(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK})  # plain quotes: plain preferred
    for quote in ("1e3", "0o17"):
        code, _, err = run_cli("-C", root, "add-evidence", "d", "crit", "--source", "h2",
                               "--quote", quote)  # fmt: skip
        assert code == 0, err
        assert f"quote: '{quote}'" in (root / "disputes/d.yaml").read_text()
    data = yaml.safe_load((root / "disputes/d.yaml").read_text())
    assert [e["quote"] for e in data["disputes"][0]["positions"][0]["evidence"]][1:] == [
        "1e3",
        "0o17",
    ]


# --- 7. a note is one line -----------------------------------------------------------------------


def test_a_note_with_a_line_break_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    root = _root(tmp_path, {"disputes/d.yaml": BLOCK})
    before = _bytes(root)
    for note in ("# note: yes\n", "\nnote", "one\ntwo"):
        code, _, err = run_cli("-C", root, "add-evidence", "d", "crit", "--source", "h2",
                               "--quote", "More words here.", "--note", note)  # fmt: skip
        assert code == 2
        assert "--note holds a control character (U+000A" in err
        assert "one line" in err
    assert _bytes(root) == before
    code, _, err = run_cli("-C", root, "add-evidence", "d", "crit", "--source", "h2",
                           "--quote", "More words here.", "--note", "  # note: yes  ")  # fmt: skip
    assert code == 0, err
    assert "note: '# note: yes'" in (root / "disputes/d.yaml").read_text()


# --- 8. markup in slugs --------------------------------------------------------------------------


def test_markup_tags_are_left_out_of_the_slug() -> None:
    assert capture.slug("Is it [bold]no[/bold]?") == "it-no"
    assert capture.slug("[red]Alarm[/red] or [link=https://x.org]calm[/link]?") == "alarm-calm"
    assert capture.slug("Who [b]won[/]?") == "who-won"
    assert capture.slug("Was [1] right about Baku?") == "1-right-about-baku"
