"""The fuzz suite: hostile input through every way in, and nothing escapes.

Property-based (hypothesis). Each example is a casebook on disk (`Case`: files by their
path in bytes, and symbolic links, in a folder), built by one of three kinds of strategy:

- `yaml`: a valid casebook (the tests' small one, the bundled one, one of the bundled
  one's dispute files, or a review.yaml) with lines deleted, duplicated, swapped and
  re-indented, random text inserted (any Unicode, C0/C1 and bidi controls, YAML's special
  characters `*&!%@|>-?:{}[]#`), deep nesting, odd scalars and bytes that are not UTF-8
  (`mutated_yaml`); a random YAML document of the casebook's keys (`random_yaml`); a
  casebook of the right shape whose values are, here and there, odd ones of the kind each
  key's reader could trip on: numbers of 5,000 digits, `.nan`, dates that do not exist,
  colours, escaped surrogates and controls, tags and anchors (`structured_yaml`);
- `sources`: random bytes for a .txt, a .md and an .html source (random bytes, random
  Unicode, markup fragments: `<![`, `<!--`, `<br>`, unterminated tags, entities such as
  `&#0;` and `&#x202e;`, nesting thousands deep, and sources past 50,000 characters),
  with evidence quoting pieces cut from them (`random_sources`);
- `names`: included dispute files and a source under random names (any bytes but `/` and
  NUL, so names that are not UTF-8 too; some are symbolic links), random include patterns,
  and a casebook folder with a hostile name (`random_names`).

Half the casebooks are also read as a YAML file of a megabyte or more is (validated from
its event stream, composed item by item by `claims.yamlstream`): the JSON must be the same.

Each casebook goes through `claims.load`, `claims.loader.load_progressively` (the app's)
and `claims.check` in-process, then through `contested check` (human, json, github) and
`contested show` (all, and one dispute by its id) as a user runs them (`run_cli`).
Nothing may escape but an exit status of 0, 1 or 2, as documented (the same for every
format; 2 exactly when the JSON has no summary, 1 exactly when it counts errors; `show`
2 exactly when `check` is); every output is UTF-8 and JSON parses; no output holds a raw
C0 control (but newline and tab), DEL, C1 control or ESC, nor does any string inside the
JSON; no problem is reported twice, and the app's way of loading finds the same ones;
every call returns within `BOUND` seconds. Bidi controls (U+202A–202E, U+2066–2069) are
held to the same once `claims.text` handles them (`BIDI_ENFORCED`); before, only counted.

A smaller test opens such casebooks in the app (Pilot, headless), presses a few keys, and
checks what is on screen the same way (and that the app is still running).

The default run (CI) tries 300 casebooks and opens 20 in the app, about 30 s, the same
examples every run (`derandomize`); `CONTESTED_FUZZ=long` tries 5,000 and opens 200, new
ones each run (a failure prints the casebook, to paste into an `@example`). With
`CONTESTED_FUZZ_STATS=FILE` the counts (cases run, exceptions, exit statuses, by strategy
and mutation, the slowest call) are written to FILE as JSON. The casebooks that found
faults are kept as `@example`s of the test they failed.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

import pytest
import yaml
from conftest import CASEBOOK, SOURCE, RunCli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims import CasebookUnreadable, Method, check, load, text
from claims.anchoring.normalize import normalize_plain
from claims.bundled import bundled_casebook
from claims.loader import load_progressively
from claims.schema import ID_PATTERN
from claims.sources import html, markdown, plaintext
from claims.sources.decode import decode

LONG = os.environ.get("CONTESTED_FUZZ") == "long"
EXAMPLES = 5000 if LONG else 300
APP_EXAMPLES = 200 if LONG else 20
#: Seconds one call (a load and check, one command) may take on any casebook here.
BOUND = 5.0
STATS: Counter[str] = Counter()

T = TypeVar("T")

# --- what output may not hold ------------------------------------------------------------

#: C0 controls but tab and newline, DEL, and C1 controls (ESC is among the C0).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Bidi embeddings, overrides and isolates: they reorder what a terminal shows.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _raw_bidi(shown: str) -> list[str]:
    """The bidi controls in `shown`, as code points (U+202E…)."""
    return [f"U+{ord(c):04X}" for c in BIDI.findall(shown)]


def _bidi_handled() -> bool:
    """Whether `claims.text` makes bidi controls harmless yet (a name saying so, or
    `sanitize` changing a right-to-left override): only then are they asserted absent."""
    if any("bidi" in name.lower() for name in dir(text)):
        return True
    probe = "a\u202eb\u2066c"
    return text.sanitize(probe) != probe


BIDI_ENFORCED = _bidi_handled()


def _assert_clean(shown: str, where: str) -> None:
    """`shown` (one output, or one string from the JSON) is UTF-8 and holds no raw control."""
    shown.encode("utf-8")  # strict: a lone surrogate (a file name's bad byte) fails here
    controls = CONTROLS.findall(shown)
    assert not controls, f"{where}: raw controls {controls!r} in {shown[:2000]!r}"
    bidi = _raw_bidi(shown)
    if bidi:
        STATS[f"raw bidi in {where.split(' line ')[0]}"] += 1
    if BIDI_ENFORCED:
        assert not bidi, f"{where}: raw bidi controls {bidi} in {shown[:2000]!r}"


def _strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, keys too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _timed(call: Callable[[], T], what: str) -> T:
    started = time.monotonic()
    result = call()
    took = time.monotonic() - started
    STATS["slowest call (ms)"] = max(STATS["slowest call (ms)"], round(took * 1000))
    assert took < BOUND, f"{what} took {took:.1f} s"
    return result


# --- casebooks on disk ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A casebook to write: `files` (path relative to the casebook, in bytes -> content),
    `links` (path -> target of a symbolic link), in a folder named `folder`. `kinds` says
    what the strategy did (for the counts only)."""

    strategy: str
    files: dict[bytes, bytes]
    links: dict[bytes, bytes] = field(default_factory=dict)
    folder: bytes = b"case"
    kinds: tuple[str, ...] = ()
    streamed: bool = False  # read YAML as a big file is, item by item (`claims.yamlstream`)


def _write(base: Path, case: Case) -> Path:
    root = os.path.join(os.fsencode(base), case.folder)
    os.makedirs(root)
    for name, content in case.files.items():
        path = os.path.join(root, name)
        try:  # a name a file and a folder both want (`_` and `_/x`): the first one wins
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "xb") as file:
                file.write(content)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            continue
    for name, target in case.links.items():
        path = os.path.join(root, name)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.symlink(target, path)
        except (FileExistsError, NotADirectoryError):
            continue
    return Path(os.fsdecode(root))


def _tree(root: Path) -> dict[bytes, bytes]:
    return {
        os.fsencode(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


BUNDLED = _tree(bundled_casebook())
SMALL = {b"casebook.yaml": CASEBOOK.encode(), b"sources/report.txt": SOURCE.encode()}
REVIEW = b"""\
raid:
  status: reviewed
  positions:
    Police: {rating: supported, note: "Seen on the video", by: lm, at: 2026-11-22T10:04:00Z}
    Families: {rating: unrated}
gone:
  status: open
"""
#: The valid files mutated, each in the casebook it belongs to: (name, files, which files).
TARGETS: list[tuple[str, dict[bytes, bytes], list[bytes]]] = [
    ("small", SMALL, [b"casebook.yaml"]),
    ("small review", {**SMALL, b"review.yaml": REVIEW}, [b"review.yaml"]),
    ("bundled", BUNDLED, [b"casebook.yaml"]),
    ("bundled disputes", BUNDLED, [name for name in BUNDLED if name.startswith(b"disputes/")]),
]

# --- text: the characters that have broken programs before ------------------------------

YAML_SPECIALS = "*&!%@|>-?:{}[]#,'\"`~\\="
NASTY = (
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x80\x85\x8d\x9b\x9c\x9f\xa0\xad"
    "\u061c\u200b\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\ufffd\ufffe\uffff\U0001f600\U000e0001\u0301\u0306"
    "йи“”„«»‘’—–…\u3000ﬁ"
)
WORDS = ("the", "raid", "began", "at", "dawn", "Nine", "people", "were", "detained", "in")


def chars() -> st.SearchStrategy[str]:
    """Any character (but surrogates), often one of the troublesome ones."""
    return st.one_of(
        st.characters(codec="utf-8"), st.sampled_from(NASTY), st.sampled_from(YAML_SPECIALS)
    )


def nasty_text(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(chars(), max_size=max_size),
        st.lists(st.sampled_from([*WORDS, *NASTY, *YAML_SPECIALS, " "]), max_size=12).map("".join),
    )


NINES = "9" * 5000  # more digits than `int` reads from text (4,300)
#: YAML values that could trip a reader, raw (as they stand after `key: `), by kind.
ODD_SCALARS = {
    "numbers": (
        NINES, "-" + NINES, "9" * 400, "1e999", "-1e999", "1e-999", "0x" + "f" * 100,
        "0x" + "f" * 5000, "0o777", "0b102", "1_000", "0.0", "-0", ".nan", ".NaN", ".inf",
        "-.inf", "0777", "00", "+12", "2.0", "2.5", "1:30:00", "0", "-3",
    ),
    "colours": (
        f"rgb({NINES},1,1)", f"color({NINES})", "color(300)", "rgb(1,2,3)", "#fff", "#GGGGGG",
        "default", "red", "bright_blue on red", "reverse", '"#2e86de"',
    ),
    "dates": (
        "2025-13-45", "2025-02-30", "0000-00-00", "9999-12-31T25:61:61Z", "2025-07-01 10:00",
        "2025-07-01T10:00:00+99:00", "2025-7-1", "1e3", f"2025-07-01{NINES}",
    ),
    "words": (
        "~", "null", "Null", "yes", "no", "on", "off", "y", "n", "true", "False", "''", '""',
        "=", "<<", "[]", "{}", "[a, [b, [c]]]", "{a: {b: c}}", "'it''s'", "a\tb", "x" * 5000,
    ),
    "syntax": (
        "'", '"', "|", ">-", "|+", "|-9", "? x", ": x", "- x", "[", "]", "{", "}", "*a", "&a x",
        "&a", "!x y", "!!str", "!!binary aGVsbG8=", "!!python/object:os.system {}",
        "!<tag:yaml.org,2002:str> x", "%YAML 1.1", "@x", "`x", "#", "x #y", "[x", "{x",
        "- - - x", "---", "...", "? [a]: b",
    ),
    "escapes": (
        '"\\ud800"', '"\\udcff"', '"\\ud83d\\ude00"', '"\\x1b[31mred\\x1b[0m"',
        '"\\u202eevil"', '"\\u2066x\\u2069"', '"\\0"', '"\\x85"', '"\\u009b2J"',
        '"\\e]0;title\\a"', '"\\N\\L\\P"', '"\\U0010ffff"', '"\\U00110000"',
        '"\\q"', '"a\\nb"', '"\\t"', '" "',
    ),
}  # fmt: skip


def odd_scalar() -> st.SearchStrategy[str]:
    """A raw YAML value: one of `ODD_SCALARS` (a kind, then one of it), or random text,
    raw or quoted."""
    return st.one_of(
        st.sampled_from(sorted(ODD_SCALARS)).flatmap(
            lambda kind: st.sampled_from(ODD_SCALARS[kind])
        ),
        nasty_text(12),
        nasty_text(12).map(_quoted),
    )


@st.composite
def _mutation(draw: st.DrawFn) -> tuple[Any, ...]:
    kind = draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "insert", "nest", "scalar", "indent", "bytes"]
        )
    )
    at = draw(st.integers(0, 10_000))
    if kind == "swap":
        return (kind, at, draw(st.integers(0, 10_000)))
    if kind == "insert":
        return (kind, at, draw(st.integers(0, 200)), draw(nasty_text()))
    if kind == "nest":
        return (kind, at, draw(st.integers(1, 1200)), draw(st.sampled_from("[{-?")))
    if kind == "scalar":
        return (kind, at, draw(odd_scalar()))
    if kind == "indent":
        return (kind, at, draw(st.integers(-8, 8)))
    if kind == "bytes":
        return (kind, at, draw(st.binary(min_size=1, max_size=8)))
    return (kind, at)


def _nesting(depth: int, how: str) -> str:
    if how == "[":
        return "[" * depth + "x" + "]" * depth
    if how == "{":
        return "{a: " * depth + "x" + "}" * depth
    if how == "-":
        return "\n" + "".join("  " * i + "-\n" for i in range(min(depth, 200))) + "  x"
    return "? " * min(depth, 200) + "x"


def _mutate(source: bytes, mutations: list[tuple[Any, ...]]) -> bytes:
    lines = source.decode("utf-8").split("\n")
    raw: list[tuple[int, bytes]] = []  # bytes inserted after the text is rebuilt
    for mutation in mutations:
        kind, at = mutation[0], mutation[1] % max(len(lines), 1)
        if kind == "delete" and lines:
            del lines[at]
        elif kind == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif kind == "swap" and lines:
            other = mutation[2] % len(lines)
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert" and lines:
            column = min(mutation[2], len(lines[at]))
            lines[at] = lines[at][:column] + mutation[3] + lines[at][column:]
        elif kind == "nest":
            lines.insert(at, "nested: " + _nesting(mutation[2], mutation[3]))
        elif kind == "scalar" and lines:
            key, colon, _ = lines[at].partition(": ")
            lines[at] = key + (colon or ": ") + mutation[2]
        elif kind == "indent" and lines:
            shift = mutation[2]
            line = lines[at]
            lines[at] = " " * shift + line if shift > 0 else line[min(-shift, len(line)) :]
        elif kind == "bytes":
            raw.append((mutation[1], mutation[2]))
    out = "\n".join(lines).encode("utf-8", "surrogatepass")
    for offset, blob in raw:
        offset %= len(out) + 1
        out = out[:offset] + blob + out[offset:]
    return out


@st.composite
def mutated_yaml(draw: st.DrawFn) -> Case:
    """A valid casebook with one of its YAML files mutated."""
    name, files, targets = draw(st.sampled_from(TARGETS))
    target = draw(st.sampled_from(targets))
    mutations = draw(st.lists(_mutation(), min_size=1, max_size=5))
    mutated = _mutate(files[target], mutations)
    kinds = (f"yaml: {name}", *sorted({f"yaml: {m[0]}" for m in mutations}))
    return Case("yaml", {**files, target: mutated}, kinds=kinds)


KEYS = (
    "title", "description", "language", "sides", "sources", "include", "disputes",
    "fuzzy-threshold", "label", "colour", "file", "published", "kind", "outlet", "id",
    "question", "date", "tags", "positions", "side", "holder", "claim", "evidence", "source",
    "quote", "before", "after", "paragraph", "note", "status", "rating", "report", "police",
)  # fmt: skip
TOP = ("title", "sides", "sources", "include", "disputes", "fuzzy-threshold", "language")

_SCALARS = st.one_of(
    nasty_text(20),
    st.sampled_from(["sources/report.txt", "report", "police", "families", "*.yaml", "."]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
)
_TREES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | nasty_text(8), children, max_size=5),
    ),
    max_leaves=40,
)


@st.composite
def random_yaml(draw: st.DrawFn) -> Case:
    """A random YAML document of the casebook's keys (and others), in any style."""
    document = draw(st.dictionaries(st.sampled_from(TOP) | nasty_text(8), _TREES, max_size=7))
    flow = draw(st.sampled_from([None, True, False]))
    written = yaml.dump(document, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    return Case("yaml", {**SMALL, b"casebook.yaml": written.encode("utf-8")}, kinds=("random",))


@st.composite
def _value(draw: st.DrawFn, usual: str, kind: str = "words") -> str:
    """A value for one key: mostly `usual` (as it is written), one time in seven an odd one,
    half the time of the `kind` the key wants (`ODD_SCALARS`)."""
    if draw(st.integers(0, 6)):
        return usual
    return draw(st.sampled_from(ODD_SCALARS[kind]) | odd_scalar())


@st.composite
def _fields(
    draw: st.DrawFn,
    indent: str,
    usual: dict[str, tuple[str, str]],
    optional: int,
    item: bool = False,
) -> list[str]:
    """`key: value` lines for a mapping at `indent`: every key of `usual` (key -> (value,
    kind of odd value)), the first `optional` of them only sometimes, each value `_value`;
    with `item`, the mapping is a list's item (its first line starts with `- `)."""
    lines = []
    for number, (key, (value, kind)) in enumerate(usual.items()):
        if number < optional and draw(st.booleans()):
            continue
        lines.append(f"{indent}{key}: {draw(_value(value, kind))}")
    if item:
        first = lines[0][len(indent) :] if lines else "{}"
        lines[:1] = [f"{indent[:-2]}- {first}"]
    return lines


@st.composite
def structured_yaml(draw: st.DrawFn) -> Case:
    """A casebook of the right shape with odd values in its keys, each key's reader meeting
    the kind of value that could break it: huge numbers, impossible dates, colours,
    escapes, tags."""
    W, N, D, C = "words", "numbers", "dates", "colours"
    top = {
        "description": ("A casebook.", W), "language": ("en", W),
        "fuzzy-threshold": ("90", N), "title": ("Structured", W),
    }  # fmt: skip
    lines = draw(_fields("", top, optional=3))
    lines.append("sides:")
    for side in ("police", "families"):
        lines.append(f"  {side}:")
        lines += draw(_fields("    ", {"colour": ("red", C), "label": (side, W)}, optional=1))
    lines.append("sources:\n  report:")
    source = {
        "title": ("Report", W), "published": ("2025-07-01", D), "kind": ("news", W),
        "outlet": ("Daily", W), "author": ("A. Writer", W), "url": ("https://x.org", W),
        "language": ("en", W), "file": ("sources/report.txt", W),
    }  # fmt: skip
    lines += draw(_fields("    ", source, optional=7))
    lines.append(f"include: {draw(_value('[disputes/*.yaml]'))}")
    lines.append("disputes:")
    dispute = {
        "date": ("2025-06-27", D), "tags": ("[raids, dawn]", W),
        "description": ("When it began.", W), "id": ("raid", W),
        "question": ("When did the raid begin?", W),
    }  # fmt: skip
    lines += draw(_fields("    ", dispute, optional=3, item=True))
    lines.append("    positions:")
    quotes = ("The raid began at dawn.", "Nine people were detained")
    for side, quote in zip(("police", "families"), quotes, strict=True):
        position = {
            "id": (side, W), "side": (side, W), "holder": (side.title(), W),
            "claim": ("It did.", W),
        }  # fmt: skip
        lines += draw(_fields("        ", position, optional=1, item=True))
        lines.append("        evidence:")
        evidence = {
            "before": ("", W), "after": ("", W), "paragraph": ("2", N), "note": ("A note.", W),
            "source": ("report", W), "quote": (quote, W),
        }  # fmt: skip
        lines += draw(_fields("            ", evidence, optional=4, item=True))
    files = {**SMALL, b"casebook.yaml": "\n".join(lines).encode("utf-8") + b"\n"}
    if draw(st.booleans()):
        review = {
            "note": ("Seen.", W), "by": ("lm", W), "at": ("2026-11-22T10:04:00Z", D),
            "rating": ("supported", W),
        }  # fmt: skip
        status = draw(_value("reviewed"))
        review_lines = ["raid:", f"  status: {status}", "  positions:", "    police:"]
        review_lines += draw(_fields("      ", review, optional=3))
        files[b"review.yaml"] = "\n".join(review_lines).encode("utf-8") + b"\n"
    return Case("yaml", files, kinds=("structured",))


# --- sources ---------------------------------------------------------------------------

FRAGMENTS = (
    "<![", "<![CDATA[", "]]>", "<![if !IE]>", "<!--", "-->", "--!>", "<!-->", "<!", "<?xml",
    "<?", "<!DOCTYPE html>", "<br>", "<br/>", "</br>", "<br><br>", "<p>", "</p>", "<p",
    "<div hidden>", "</div>", "<span aria-hidden=true>", '<p style="display:none">', "<a href='",
    "<a href=\"x\">", "</a>", "<em>", "</em>", "<script>", "</script>", "<style>", "</style>",
    "<pre>", "</pre>", "<ol start=-99999999999999999999>", "<ol reversed>", "</ol>", "<ul>",
    "<li value=1e9>", "<li>", "</li>", "<svg/>", "<svg>", "<table><tr><td>", "<head>", "<title>",
    "<template>", "<textarea>", "<plaintext>", "<nav>", "<h1>", "</h1>", "<blockquote>", "<",
    "</", ">", "&#0;", "&#x202e;", "&#x1b;", "&#27;", "&#12;", "&#11;", "&#13;", "&#128;",
    "&#x9b;", "&#xd800;", "&#1114112;", "&#99999999999;", "&#x;", "&amp", "&", "&nbsp;",
    "&shy;", "&lt;", "&gt", "&notit;", "&#x2066;", "*", "**", "_", "`", "```", "~~~", "> ",
    ">>>>>>>>>>", "- ", "1. ", "99999999999. ", "# ", "###### ", "[x](y)", "![i](j)",
    "<http://x>", "[a]: /b", "    code", "\\", "|a|b|", "---", "===", "\n", "\n\n", "\r", "\r\n",
    "\f", "\v", "\t", "\x00", "\x1b[31m", "\x1b]0;pwned\x07", "\u202e", "\u2066", "\ufeff",
    "\u00ad", "\u200b", "\u2028", "\x85", "\x9b", "[bold]", "[/]", "[@click=app.quit]",
    "<ol start=" + "9" * 5000 + ">", "<li value=-" + "9" * 4400 + ">", "<ol type=i start=4000>",
)  # fmt: skip


@st.composite
def source_bytes(draw: st.DrawFn) -> bytes:
    how = draw(
        st.sampled_from(["bytes", "unicode", "fragments", "fragments", "deep"] * 4 + ["big"])
    )
    if how == "bytes":
        data = draw(st.binary(max_size=400))
    elif how == "unicode":
        data = draw(st.text(chars(), max_size=400)).encode("utf-8")
    elif how == "deep":  # nesting past every parser's comfort
        piece = draw(st.sampled_from(["> ", "- ", "<div>", "<li><ol>", "<b>", "1. ", "* "]))
        data = (piece * draw(st.integers(1, 3000)) + " deep words here").encode()
    elif how == "big":  # past 50,000 characters: searched through the word-pair index
        pieces = draw(st.lists(st.sampled_from(WORDS) | st.sampled_from(FRAGMENTS), min_size=1))
        data = " ".join(pieces).encode("utf-8")
        data = data * (draw(st.integers(50_000, 80_000)) // len(data) + 1)
    else:
        pieces = draw(st.lists(st.sampled_from(FRAGMENTS) | st.sampled_from(WORDS), max_size=80))
        data = " ".join(pieces).encode("utf-8")
    if draw(st.booleans()):
        data = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\r\n"])) + data
    return data


def _cut(data: bytes, start: int, length: int) -> str:
    decoded = data.decode("utf-8", "replace")
    if not decoded:
        return ""
    start %= len(decoded)
    return decoded[start : start + length]


def _paragraphs(data: bytes, ext: str) -> list[str]:
    """The paragraphs' text of a source as the readers make it (none if it is unreadable)."""
    try:
        text = decode(data)
        reader = {"txt": plaintext, "md": markdown, "html": html}[ext]
        return [p.text for p in reader.paragraphs(text)]
    except ValueError:  # not UTF-8, or markup the reader refuses
        return []


TWISTS = (
    "none", "curl", "straighten", "nfd", "nfkc", "soft hyphen", "zero width", "bidi mark",
    "newlines", "typo", "spaces", "upper",
)  # fmt: skip


def _twist(quote: str, twist: str, at: int) -> str:
    """`quote` changed the way a person copying it might (or might not) change it."""
    at %= len(quote) + 1
    if twist == "curl":
        return quote.replace('"', "\u201c").replace("'", "\u2019")
    if twist == "straighten":
        return quote.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
    if twist in ("nfd", "nfkc"):
        return unicodedata.normalize(twist.upper(), quote)
    if twist in ("soft hyphen", "zero width", "bidi mark"):
        mark = {"soft hyphen": "\xad", "zero width": "\u200b", "bidi mark": "\u200f"}[twist]
        return quote[:at] + mark + quote[at:]
    if twist == "newlines":
        return quote.replace(" ", "\n")
    if twist == "typo" and quote:
        return quote[:at] + "x" + quote[at + 1 :]
    if twist == "spaces":
        return f"  {quote}  "
    if twist == "upper":
        return quote.upper()
    return quote


@st.composite
def _evidence(draw: st.DrawFn, texts: dict[str, bytes]) -> dict[str, Any]:
    source = draw(st.sampled_from([*texts, "nosuch"]))
    data = texts.get(source, b"")
    paragraphs = _paragraphs(data, source) if source in texts else []
    how = draw(st.sampled_from(["paragraph", "paragraph", "bytes", "text"]))
    if how == "paragraph" and paragraphs:  # the readers' words, twisted a little or not
        words = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
        start = draw(st.integers(0, len(words)))
        words = words[start : start + draw(st.integers(1, 120))]
        quote = _twist(words, draw(st.sampled_from(TWISTS)), draw(st.integers(0, 200)))
    elif how == "text":
        quote = draw(nasty_text(30))
    else:
        quote = _cut(data, draw(st.integers(0, 10_000)), draw(st.integers(1, 200)))
    evidence: dict[str, Any] = {"source": source, "quote": quote}
    for key in ("before", "after"):
        if draw(st.booleans()):
            evidence[key] = draw(
                st.builds(_cut, st.just(data), st.integers(0, 10_000), st.integers(0, 30))
            )
    if draw(st.booleans()):
        evidence["paragraph"] = draw(st.integers(-3, 40) | st.integers(min_value=10**20))
    return evidence


@st.composite
def random_sources(draw: st.DrawFn) -> Case:
    """Random source bytes for .txt, .md and .html sources, quoted by cuts from them."""
    texts = {ext: draw(source_bytes()) for ext in ("txt", "md", "html")}
    sources = {ext: {"file": f"sources/s.{ext}"} for ext in texts}
    positions = [
        {
            "side": side,
            "holder": f"Holder {side}",
            "claim": "A claim.",
            "evidence": draw(st.lists(_evidence(texts), min_size=1, max_size=4)),
        }
        for side in ("a", "b")
    ]
    casebook: dict[str, Any] = {
        "title": draw(nasty_text(20)),
        "sides": {"a": {"label": "Side A"}, "b": {"label": "Side B"}},
        "sources": sources,
        "disputes": [{"id": "d1", "question": "What happened?", "positions": positions}],
    }
    if draw(st.booleans()):
        casebook["fuzzy-threshold"] = draw(st.integers(50, 100))
    files = {b"casebook.yaml": yaml.dump(casebook, allow_unicode=True, sort_keys=False).encode()}
    files.update({f"sources/s.{ext}".encode(): data for ext, data in texts.items()})
    kinds = [f"source {ext}" for ext in texts]
    kinds += [f"source {ext} big" for ext, data in texts.items() if len(data) > 50_000]
    return Case("sources", files, kinds=tuple(kinds))


# --- file names and include patterns -----------------------------------------------------

HOSTILE_NAMES = (
    b"\xff.yaml", b"\xfe\xfd", b"\x1b[31m.yaml", "\u202eevil.yaml".encode(), b"-x.yaml",
    b" ", b"\n.yaml", b"\r", b"casebook.yaml", b"review.yaml", b".yaml", b"..yaml", b"*",
    b"[", b"?", b"**", b"~", b"\\", b"C:", b"a" * 250, b"\x85.yaml", "é.yaml".encode(),
    "e\u0301.yaml".encode(), b"\t", b"#", b"&a", b"!x",
)  # fmt: skip
PATTERN_PIECES = (
    "*", "**", "?", "[", "]", "[!a]", "[a-", "/", "//", ".", "..", "./", "~", "\\", ":", "C:",
    "{a,b}", "*.yaml", "*.yml", "disputes", "disputes/", "sources", "x", "\x00", "\x1b",
    "\u202e", " ", "\n", "\udcff",
)  # fmt: skip


def _file_name() -> st.SearchStrategy[bytes]:
    return (
        st.one_of(
            st.binary(min_size=1, max_size=30),
            st.text(chars(), min_size=1, max_size=20).map(lambda s: s.encode("utf-8")),
            st.sampled_from(HOSTILE_NAMES),
        )
        .map(lambda name: name.replace(b"/", b"_").replace(b"\x00", b"_"))
        .filter(lambda name: name not in (b".", b".."))
    )


def _quoted(name: bytes | str) -> str:
    """A name as a YAML double-quoted scalar: what is not printable escaped (a byte that
    is not UTF-8 as its surrogate, `\\udcff`, which YAML refuses)."""
    chars = os.fsdecode(name) if isinstance(name, bytes) else name
    out = []
    for char in chars:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char != "\ufeff":
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


DISPUTE = """\
disputes:
  - id: {id}
    question: Question {id}?
    positions:
      - side: a
        holder: Holder A
        claim: Dawn.
        evidence:
          - {{source: s, quote: The raid began at dawn.}}
      - side: b
        holder: Holder B
        claim: Nine.
        evidence:
          - {{source: s, quote: Nine people were detained}}
"""


@st.composite
def random_names(draw: st.DrawFn) -> Case:
    """Included files and a source under random names, matched by random patterns."""
    files: dict[bytes, bytes] = {}
    included: list[bytes] = []
    for index in range(draw(st.integers(0, 4))):
        folder = draw(st.sampled_from([b"", b"disputes/", b"disputes/%s/", b"%s/"]))
        if b"%s" in folder:
            folder = folder.replace(b"%s", draw(_file_name()))
        path = folder + draw(_file_name())
        content = DISPUTE.format(id=f"d{index}").encode()
        if draw(st.integers(0, 3)) == 0:
            content = _mutate(content, draw(st.lists(_mutation(), min_size=1, max_size=3)))
        files[path] = content
        included.append(path)
    source_name = draw(
        st.text(chars(), min_size=1, max_size=20).map(str.encode) | _file_name()
    ).replace(b"/", b"_")
    source = draw(st.sampled_from([b"sources/", b""])) + source_name.replace(b"\x00", b"_")
    files[source] = SOURCE.encode()
    links = {
        draw(st.sampled_from([b"", b"disputes/"])) + draw(_file_name()): draw(
            st.sampled_from([b"/etc/passwd", b"..", b".", b"nowhere", b"casebook.yaml", b"loop"])
        )
        for _ in range(draw(st.integers(0, 2)))
    }
    patterns = draw(
        st.lists(
            st.one_of(
                st.sampled_from(included or [b"disputes/x.yaml"]).map(os.fsdecode),
                st.sampled_from(["disputes/*.yaml", "**/*", "*", "**/*.yaml", "disputes/**"]),
                st.lists(
                    st.sampled_from(PATTERN_PIECES) | nasty_text(5), min_size=1, max_size=6
                ).map("".join),
            ),
            max_size=4,
        )
    )
    quoted = draw(st.booleans())
    include = ", ".join(_quoted(p) if quoted else p for p in patterns)
    casebook = (
        "title: Names\nsides:\n  a: {label: A}\n  b: {label: B}\n"
        f"sources:\n  s: {{file: {_quoted(source)}}}\ninclude: [{include}]\n"
    )
    files[b"casebook.yaml"] = casebook.encode("utf-8", "surrogateescape")
    folder = draw(st.sampled_from([b"case", b"case\xfe", "\u202ecase".encode(), b"c\x1bse"]))
    kinds = ("names: quoted" if quoted else "names: plain", f"names: {len(included)} included")
    return Case("names", files, links, folder, kinds)


CASES = st.builds(
    lambda case, streamed: replace(case, streamed=streamed),
    st.one_of(mutated_yaml(), random_yaml(), structured_yaml(), random_sources(), random_names()),
    st.booleans(),
)

# --- running them ----------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _write_stats() -> Iterator[None]:
    yield
    out = os.environ.get("CONTESTED_FUZZ_STATS")
    if out:
        STATS["bidi enforced"] = int(BIDI_ENFORCED)
        Path(out).write_text(json.dumps(dict(sorted(STATS.items())), indent=2), "utf-8")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _in_process(root: Path) -> None:
    try:
        loaded = _timed(lambda: load(root), "load")
    except CasebookUnreadable:
        return  # exit status 2: what it says is checked through the commands
    report = _timed(lambda: check(loaded), "check")
    assert report.errors == sum(p.is_error for p in report.problems)
    for anchor in report.anchors:  # never anchored on other words than the quote's
        if anchor.method not in (Method.EXACT, Method.NORMALIZED):
            continue
        dispute = loaded.casebook.dispute(anchor.dispute)
        document = report.documents.get(anchor.source)
        assert dispute is not None
        assert document is not None
        assert anchor.paragraph is not None
        quote = dispute.positions[anchor.position].evidence[anchor.evidence].quote
        words = document.paragraph(anchor.paragraph).text[anchor.start : anchor.end]
        if anchor.method is Method.EXACT:
            assert words == quote
        else:
            assert normalize_plain(words) == normalize_plain(quote), (words, quote)
    repeated = [p for p, n in Counter(loaded.problems).items() if n > 1]
    assert not repeated, repeated  # each problem once
    stages = _timed(lambda: list(load_progressively(root)), "load_progressively")
    assert stages[-1].complete
    assert stages[-1].problems == loaded.problems  # the app's way reads the same casebook
    assert stages[-1].casebook.disputes == loaded.casebook.disputes


def _commands(run_cli: RunCli, root: Path) -> str:
    """Run every command on `root`, check what each printed; the JSON."""
    codes = {}
    printed = ""
    for fmt in ("human", "json", "github"):
        command = partial(run_cli, "check", root, "--format", fmt)
        code, out, err = _timed(command, f"check {fmt}")
        assert code in (0, 1, 2), (fmt, code, out, err)
        _assert_clean(out, f"check {fmt} stdout")
        _assert_clean(err, f"check {fmt} stderr")
        codes[fmt] = code
        if fmt == "json":
            printed = out
            data = json.loads(out)
            for value in _strings(data):
                _assert_clean(value, "check json value")
            if code == 2:
                assert "summary" not in data
                assert data["anchors"] == []
            else:
                assert (data["summary"]["errors"] > 0) == (code == 1), data["summary"]
    assert len(set(codes.values())) == 1, codes  # one casebook, one verdict
    STATS[f"cli: exit {codes['human']}"] += 1
    code, out, err = _timed(lambda: run_cli("show", root), "show")
    assert code in (0, 1, 2), (code, out, err)
    assert (code == 2) == (codes["human"] == 2), (code, codes, err)
    _assert_clean(out, "show stdout")
    _assert_clean(err, "show stderr")
    ids = [a["dispute"] for a in json.loads(printed).get("anchors", [])]
    if ids and re.fullmatch(ID_PATTERN, ids[0]):  # one dispute, as a user copies its id
        one = partial(run_cli, "show", root, ids[0])
        code, out, err = _timed(one, "show DISPUTE")
        assert code in (0, 1), (code, out, err)
        _assert_clean(out, "show DISPUTE stdout")
        _assert_clean(err, "show DISPUTE stderr")
    return printed


def _exercise(case: Case, base: Path, run: Callable[[Path], None], test: str) -> None:
    """Write `case` under `base`, `run` it, count it (and what escaped, if anything)."""
    STATS[f"{test}: cases"] += 1
    STATS[f"{test}: exceptions"] += 0  # listed when there are none
    STATS[f"{test}: cases {case.strategy}"] += 1
    for kind in (*case.kinds, *(["streamed"] if case.streamed else [])):
        STATS[f"{test}: {kind}"] += 1
    folder = Path(tempfile.mkdtemp(dir=base))
    started = time.monotonic()
    try:
        run(_write(folder, case))
    except BaseException as exc:
        STATS[f"{test}: exceptions"] += 1
        STATS[f"{test}: exceptions {case.strategy}"] += 1
        STATS[f"{test}: exception {type(exc).__name__}"] += 1
        raise
    finally:
        took = round((time.monotonic() - started) * 1000)
        STATS[f"{test}: ms {case.strategy}"] += took
        STATS[f"{test}: slowest case (ms)"] = max(STATS[f"{test}: slowest case (ms)"], took)
        shutil.rmtree(folder, ignore_errors=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
@given(case=CASES)
# A folder named with ESC: its path went raw into JSON's `file` and GitHub's `file=`
# (fixed in `claims.paths.display`).
@example(
    case=Case(
        "names",
        {
            b"sources/_": SOURCE.encode(),
            b"casebook.yaml": b"title: Names\nsides:\n  a: {label: A}\n  b: {label: B}\n"
            b'sources:\n  s: {file: "sources/_"}\ninclude: []\n',
        },
        folder=b"c\x1bse",
    )
)
# 5,000 digits where a number is read: past the 4,300 digits `int` reads from text, a
# ValueError escaped the HTML reader (`<ol start=…>`; `claims.sources.htmlrules.integer`),
# the loader reading a side's colour (Rich's `rgb(…)`; `claims.loader._colour`) and every
# whole number (`paragraph:`; `claims.nodes.whole_number`).
@example(
    case=Case(
        "sources",
        {
            b"casebook.yaml": CASEBOOK.replace("report.txt", "report.html").encode(),
            b"sources/report.html": f"<p>The raid began at dawn.<ol start={NINES}><li>Nine "
            "people were detained</ol>".encode(),
        },
    )
)
@example(
    case=Case(
        "yaml",
        {
            **SMALL,
            b"casebook.yaml": CASEBOOK.replace(
                "Police}", f'Police, colour: "rgb({NINES},1,1)"}}'
            ).encode(),
        },
        streamed=True,
    )
)
@example(
    case=Case(
        "yaml",
        {
            **SMALL,
            b"casebook.yaml": CASEBOOK.replace("dawn.}", f"dawn., paragraph: {NINES}}}").encode(),
        },
    )
)
# A title or language that is not text was reported again by every read of it: the
# language once per source that has none of its own, the title and description once more
# by each step of `load_progressively` (the app's problems panel listed them twice).
@example(
    case=Case(
        "yaml",
        {
            **SMALL,
            b"casebook.yaml": CASEBOOK.replace(
                "title: Test casebook", "title: ~\nlanguage: [en]"
            ).encode(),
        },
    )
)
# A repetitive source where the quote stands 30,000 times, each place refused by its
# `before:`: every refusal looked through a list of the earlier ones (8.7 s; now 0.5 s,
# `claims.anchoring.rules`).
@example(
    case=Case(
        "sources",
        {
            b"casebook.yaml": CASEBOOK.replace("report.txt", "report.md")
            .replace("quote: The raid began at dawn.", "quote: inin in inin, before: in i")
            .encode(),
            b"sources/report.md": b"in inin " * 30_000,
        },
    )
)
def test_hostile_casebooks_never_crash_or_leak_controls(
    case: Case, run_cli: RunCli, scratch: Path
) -> None:
    def run(root: Path) -> None:
        if not case.streamed:
            _in_process(root)
            _commands(run_cli, root)
            return
        with mock.patch("claims.yamlfile.STREAM_BYTES", 0):
            _in_process(root)
            streamed = _commands(run_cli, root)
        _, whole, _ = run_cli("check", root, "--format", "json")
        assert streamed == whole

    _exercise(case, scratch, run, "cli")


# --- the app ---------------------------------------------------------------------------

KEYS_PRESSED = (
    "down", "up", "j", "k", "tab", "enter", "escape", "left", "right", "h", "l", "n", "N",
    "p", "r", "slash", "x", "question_mark", "pagedown", "end", "home", "ctrl+p", "a",
)  # fmt: skip


async def _drive(root: Path, keys: list[str]) -> None:
    from tui_support import settled

    from tui.app import create_app

    app = create_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        _screen_clean(app, "opened")
        for key in keys:
            await pilot.press(key)
        await settled(pilot)
        _screen_clean(app, f"after {keys}")
        assert app.is_running  # no key here quits: it stopped on an error


def _screen_clean(app: Any, when: str) -> None:
    strips = app.screen._compositor.render_strips()  # the screen as drawn, row by row
    for number, strip in enumerate(strips):
        _assert_clean(strip.text, f"app screen line {number} {when}")


@settings(
    max_examples=APP_EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
@given(case=CASES, keys=st.lists(st.sampled_from(KEYS_PRESSED), max_size=8))
def test_the_app_opens_hostile_casebooks(case: Case, keys: list[str], scratch: Path) -> None:
    def run(root: Path) -> None:
        started = time.monotonic()
        asyncio.run(_drive(root, keys))
        assert time.monotonic() - started < 4 * BOUND

    _exercise(case, scratch, run, "app")


def test_the_bidi_probe_reads_claims_text() -> None:
    """The switch that turns the bidi assertion on follows `claims.text`'s behaviour."""
    assert _raw_bidi("a\u202eb\u2069") == ["U+202E", "U+2069"]
    assert _bidi_handled() == BIDI_ENFORCED
