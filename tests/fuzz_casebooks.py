"""Casebooks for the fuzz suite (`tests/test_fuzz.py`), and the strategies that write YAML.

`Case` is a casebook to write to disk (`_write`): its files by path in bytes, its symbolic
links, its folder's name. The valid casebooks mutated (`TARGETS`: the tests' small one, the
bundled one, its dispute files, a review.yaml), the characters that have broken programs
before (`chars`, `nasty_text`), the odd YAML values each key's reader could trip on
(`ODD_SCALARS`, `odd_scalar`), and the three YAML strategies: `mutated_yaml`,
`random_yaml` and `structured_yaml`. The source and name strategies, and `CASES` (all five
together), are in `tests/fuzz_strategies.py`.

A helper module, not a test module: imported by name, as `tests/tui_support.py` is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from conftest import CASEBOOK, SOURCE
from hypothesis import strategies as st

from claims.bundled import bundled_casebook

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
