"""Golden tests of capture (issue 15): inserting evidence, a position or a dispute into the
bundled casebook's YAML files and into hand-styled files changes nothing but the inserted
lines (difflib shows only `+` lines; a flow list's one line, where said), the result loads
to the model expected, every quote anchors `exact`, and undo gives back the exact bytes."""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, make_casebook

from claims.casebook import capture
from claims.casebook.capture import CaptureError, NewDispute, NewEvidence, NewPosition
from claims.check import check
from claims.loader import load
from claims.model import Method

SOURCE = (
    "The council closed the bridge on Monday.\n\n"
    'Engineers said: "the bridge is unsafe" # not a comment.\n\n'
    "No, said the mayor; the bridge is safe.\n\n"
    "yes\n\n"
    "The bridge is safe. The bridge is safe. Or so they said.\n"
)

CASEBOOK = """title: Bridge
sides:
  council: {label: City council}
  critics: {label: Critics}
sources:
  s:
    file: sources/s.txt
include: [disputes/*.yaml]
"""


def _standard(indent: str = "  ", pad: str = " ", seq: str = "  ") -> str:
    """A dispute file with two positions, laid out with the given indentation."""
    i = indent
    return (
        "disputes:\n"
        f"{seq}-{pad}id: d\n"
        f"{seq} {pad}question: Is the bridge safe?\n"
        f"{seq} {pad}positions:\n"
        f"{seq} {pad}{seq}-{pad}side: council\n"
        f"{seq} {pad}{seq} {pad}holder: Council\n"
        f"{seq} {pad}{seq} {pad}id: p1\n"
        f"{seq} {pad}{seq} {pad}claim: It is closed.\n"
        f"{seq} {pad}{seq} {pad}evidence:\n"
        f"{seq} {pad}{seq} {pad}{seq}-{pad}source: s\n"
        f"{seq} {pad}{seq} {pad}{seq} {pad}quote: closed the bridge on Monday\n"
        f"{seq} {pad}{seq}-{pad}side: critics\n"
        f"{seq} {pad}{seq} {pad}holder: Mayor\n"
        f"{seq} {pad}{seq} {pad}claim: It is safe.\n"
        f"{seq} {pad}{seq} {pad}evidence:\n"
        f"{seq} {pad}{seq} {pad}{seq}-{pad}source: s\n"
        f"{seq} {pad}{seq} {pad}{seq} {pad}quote: 'No, said the mayor'\n"
    ).replace("\t", i)


COMMENTS = """# Disputes about the bridge.
disputes:
  # the first one
  - id: d   # trailing
    question: Is the bridge safe?

    positions:
      # council first
      - side: council
        holder: Council
        id: p1
        claim: It is closed.
        evidence:
          - source: s   # the bulletin
            quote: closed the bridge on Monday  # exact
            # more to come

          # between positions
      - side: critics
        holder: Mayor
        claim: It is safe.
        evidence:
          - source: s
            quote: 'No, said the mayor'
# the end
"""

BLOCK_SCALARS = """disputes:
  - id: d
    question: >-
      Is the bridge
      safe?
    positions:
      - side: council
        holder: Council
        id: p1
        claim: |
          It is closed.
          For now.
        evidence:
          - source: s
            quote: >-
              closed the bridge
              on Monday
            note: |+
              kept lines

      - side: critics
        holder: Mayor
        claim: It is safe.
        evidence:
          - source: s
            quote: 'No, said the mayor'
"""

QUOTED_KEYS = """"disputes":
  - "id": d
    'question': "Is the bridge safe?"
    "positions":
      - "side": "council"
        "holder": "Council"
        "id": "p1"
        "claim": "It is closed."
        "evidence":
          - "source": "s"
            "quote": "closed the bridge on Monday"
      - "side": critics
        "holder": Mayor
        "claim": It is safe.
        "evidence":
          - {"source": s, "quote": "No, said the mayor"}
"""

DASH_ALONE = """disputes:
-
  id: d
  question: Is the bridge safe?
  positions:
  -
    side: council
    holder: Council
    id: p1
    claim: It is closed.
    evidence:
    -
      source: s
      quote: closed the bridge on Monday
  - side: critics
    holder: Mayor
    claim: It is safe.
    evidence:
    - source: s
      quote: No, said the mayor
"""

NO_EVIDENCE = """disputes:
  - id: d
    question: Is the bridge safe?
    positions:
      - side: council
        holder: Council
        id: p1
        claim: It is closed.
      - side: critics
        holder: Mayor
        claim: It is safe.
        evidence:
          - source: s
            quote: No, said the mayor
"""

FLOW_POSITION = """disputes:
  - id: d
    question: Is the bridge safe?
    positions:
      - {side: council, holder: Council, id: p1, claim: It is closed.}
      - side: critics
        holder: Mayor
        claim: It is safe.
        evidence: [{source: s, quote: 'No, said the mayor'}]
"""

SPACED = _standard().replace("\n      - side: critics", "\n\n      - side: critics")

#: name -> (file text as bytes, how the diff may look: "insert" only, or "one-line" for a
#: flow collection rewritten on its own line).
STYLES: dict[str, tuple[bytes, str]] = {
    "plain": (_standard().encode(), "insert"),
    "comments": (COMMENTS.encode(), "insert"),
    "crlf": (COMMENTS.replace("\n", "\r\n").encode(), "insert"),
    "block-scalars": (BLOCK_SCALARS.encode(), "insert"),
    "block-scalars-crlf": (BLOCK_SCALARS.replace("\n", "\r\n").encode(), "insert"),
    "spaced-crlf": (SPACED.replace("\n", "\r\n").encode(), "insert"),
    "four-spaces": (_standard(seq="    ", pad="   ").encode(), "insert"),
    "unindented": (_standard(seq="").encode(), "insert"),
    "quoted-keys": (QUOTED_KEYS.encode(), "insert"),
    "dash-alone": (DASH_ALONE.encode(), "insert"),
    "no-final-newline": (_standard().rstrip("\n").encode(), "last-line"),
    "bom": (b"\xef\xbb\xbf" + _standard().encode(), "insert"),
    "no-evidence-key": (NO_EVIDENCE.encode(), "insert"),
    "evidence-empty": (
        NO_EVIDENCE.replace(
            "claim: It is closed.\n", "claim: It is closed.\n        evidence:\n"
        ).encode(),
        "insert",
    ),
    "evidence-flow-empty": (
        NO_EVIDENCE.replace(
            "claim: It is closed.\n", "claim: It is closed.\n        evidence: []  # none yet\n"
        ).encode(),
        "one-line",
    ),
    "evidence-flow-items": (
        NO_EVIDENCE.replace(
            "claim: It is closed.\n",
            "claim: It is closed.\n        evidence: [{source: s, quote: closed the bridge}]\n",
        ).encode(),
        "one-line",
    ),
    "flow-position": (FLOW_POSITION.encode(), "one-line"),
}

HOSTILE = 'Engineers said: "the bridge is unsafe" # not a comment.'


@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    """Writes stay atomic (a temporary file, then a rename); only the waits for the disk
    are left out, which would make these many writes take seconds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda _fd: None)
        yield


def _casebook(tmp_path: Path, name: str, text: bytes) -> Path:
    return make_casebook(
        tmp_path / "cb", CASEBOOK, {"sources/s.txt": SOURCE}, {f"disputes/{name}.yaml": text}
    )


def _only_added(old: bytes, new: bytes, allowed: str = "insert") -> list[str]:
    """The lines added, asserting that nothing else changed (or, with "one-line" /
    "last-line", that one line was rewritten)."""
    a = old.decode("utf-8-sig").splitlines(keepends=True)
    b = new.decode("utf-8-sig").splitlines(keepends=True)
    added: list[str] = []
    replaced = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            added += b[j1:j2]
            continue
        replaced += 1
        assert allowed != "insert", f"changed lines: {a[i1:i2]!r} -> {b[j1:j2]!r}"
        assert i2 - i1 == 1, f"more than one line changed: {a[i1:i2]!r}"
        if allowed == "last-line":  # the last line gets its line end, nothing else
            assert b[j1] == a[i1] + "\n"
            assert i2 == len(a)
        added += b[j1:j2]
    assert replaced <= 1
    return added


def shape(casebook: Any) -> list[Any]:
    """The loaded disputes without their locations, to compare two loads."""
    return [
        (
            d.id,
            d.question,
            [
                (
                    p.side,
                    p.holder,
                    p.claim,
                    p.id,
                    [
                        (e.source, e.quote, e.before, e.after, e.paragraph, e.note)
                        for e in p.evidence
                    ],
                )
                for p in d.positions
            ],
        )
        for d in casebook.disputes
    ]


def _exact(root: Path, dispute: str, position: int, evidence: int) -> None:
    report = check(load(root))
    assert report.errors == 0, [p.message for p in report.problems if p.is_error]
    (anchor,) = [
        a
        for a in report.anchors
        if (a.dispute, a.position, a.evidence) == (dispute, position, evidence)
    ]
    assert anchor.method is Method.EXACT


@pytest.mark.parametrize("name", sorted(STYLES))
def test_evidence_into_a_hand_styled_file_adds_lines_only(tmp_path: Path, name: str) -> None:
    text, allowed = STYLES[name]
    root = _casebook(tmp_path, name, text)
    file = root / f"disputes/{name}.yaml"
    before = shape(load(root).casebook)
    evidence = NewEvidence("s", HOSTILE, paragraph=2, note="yes: #1")
    done = capture.add_evidence(root, "d", "p1", evidence)
    new = file.read_bytes()
    added = _only_added(text, new, allowed)
    assert added, "nothing was inserted"
    if text.startswith(b"\xef\xbb\xbf"):
        assert new.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in text:
        assert new.count(b"\n") == new.count(b"\r\n")
    after = shape(load(root).casebook)
    expected = before
    position = list(expected[0][2][0])
    position[4] = [*position[4], ("s", HOSTILE, None, None, 2, "yes: #1")]
    expected[0][2][0] = tuple(position)
    assert after == expected
    _exact(root, "d", 0, len(position[4]) - 1)
    assert done.path == file
    assert done.position == 0
    capture.undo(done)
    assert file.read_bytes() == text


@pytest.mark.parametrize("name", sorted(STYLES))
def test_a_new_position_and_dispute_in_a_hand_styled_file(tmp_path: Path, name: str) -> None:
    text, _ = STYLES[name]
    root = _casebook(tmp_path, name, text)
    file = root / f"disputes/{name}.yaml"
    first = capture.add_evidence(
        root,
        "d",
        NewPosition("critics", "Engineers", "no", id="engineers"),
        NewEvidence("s", "the bridge is unsafe", paragraph=2),
    )
    middle = file.read_bytes()
    _only_added(text, middle, "insert" if name != "no-final-newline" else "last-line")
    second = capture.add_dispute(
        root,
        NewDispute("e", "Was it closed on Monday?", Path(f"disputes/{name}.yaml")),
        NewPosition("council", "Council", "on"),
        NewEvidence("s", "The council closed the bridge", paragraph=1),
    )
    _only_added(middle, file.read_bytes(), "insert" if name != "no-final-newline" else "last-line")
    shaped = shape(load(root).casebook)
    assert shaped[0][2][-1] == (
        "critics", "Engineers", "no", "engineers",
        [("s", "the bridge is unsafe", None, None, 2, None)],
    )  # fmt: skip
    assert shaped[1] == (
        "e", "Was it closed on Monday?",
        [("council", "Council", "on", None, [("s", "The council closed the bridge", None, None,
                                              1, None)])],
    )  # fmt: skip
    report = check(load(root))
    errors = [p.message for p in report.problems if p.is_error]
    null = "'evidence' in a position of dispute 'd' should be a list, not nothing (null)"
    assert errors == ([null] if name == "evidence-empty" else []), errors
    assert {a.method for a in report.anchors} == {Method.EXACT}
    capture.undo(second)
    capture.undo(first)
    assert file.read_bytes() == text


def test_a_file_yaml_refuses_is_refused_not_crashed_on(tmp_path: Path) -> None:
    """Tabs where YAML wants spaces: the file does not load, so the dispute is not known;
    a clear refusal, nothing written."""
    text = _standard().replace("        quote:", "\tquote:").encode()
    root = _casebook(tmp_path, "tabs", text)
    with pytest.raises(CaptureError) as caught:
        capture.add_evidence(root, "d", "p1", NewEvidence("s", "the bridge is unsafe"))
    assert "no dispute 'd'" in caught.value.message
    assert (root / "disputes/tabs.yaml").read_bytes() == text


def test_a_null_evidence_value_is_refused_with_its_line(tmp_path: Path) -> None:
    text = NO_EVIDENCE.replace(
        "claim: It is closed.\n", "claim: It is closed.\n        evidence: ~\n"
    ).encode()
    root = _casebook(tmp_path, "null", text)
    with pytest.raises(CaptureError) as caught:
        capture.add_evidence(root, "d", "p1", NewEvidence("s", "the bridge is unsafe"))
    assert caught.value.line == 9
    assert "`evidence:` is '~'" in caught.value.message
    assert (root / "disputes/null.yaml").read_bytes() == text


def _bundled_copy(tmp_path: Path) -> Path:
    root = tmp_path / "yekaterinburg"
    shutil.copytree(BUNDLED, root)
    return root


def _bundled_files() -> list[str]:
    return [
        "casebook.yaml",
        *sorted(f"disputes/{p.name}" for p in (BUNDLED / "disputes").glob("*.yaml")),
    ]


@pytest.mark.parametrize("name", _bundled_files())
def test_every_bundled_file_takes_evidence_by_insertion_only(tmp_path: Path, name: str) -> None:
    """Into each dispute of the file: a quote for its last position, and a new position;
    then a new dispute at the end of the file. Only `+` lines; `check` passes; all exact;
    undo in reverse order gives back the exact bytes."""
    root = _bundled_copy(tmp_path)
    file = root / name
    original = file.read_bytes()
    loaded = load(root).casebook
    disputes = [d for d in loaded.disputes if d.loc.file.name == file.name]
    assert disputes or name == "casebook.yaml"  # it has none: it gets a `disputes:` key
    quotes = [
        ("pushes-back", "Azerbaijan pushes back against Russian power"),
        ("tortured-in-baku", "The two countries have been in a sharp conflict for three days"),
    ]
    done = []
    for number, dispute in enumerate(disputes):
        source, quote = quotes[number % 2]
        last = dispute.positions[-1]
        done.append(
            capture.add_evidence(
                root, dispute.id, last.id or last.holder, NewEvidence(source, quote)
            )
        )
        done.append(
            capture.add_evidence(
                root, dispute.id, NewPosition("critics", "A: #reader", "no"),
                NewEvidence(source, quote, note="on"),
            )
        )  # fmt: skip
    done.append(
        capture.add_dispute(
            root, NewDispute("new-one", "New?", Path(name)), NewPosition("family", "F", "~"),
            NewEvidence(*quotes[0]),
        )
    )  # fmt: skip
    _only_added(original, file.read_bytes())
    report = check(load(root))
    assert report.errors == 0, [p.message for p in report.problems]
    assert {a.method for a in report.anchors} == {Method.EXACT}
    assert len(load(root).casebook.disputes) == len(loaded.disputes) + 1
    for one in reversed(done):
        capture.undo(one)
    assert file.read_bytes() == original
