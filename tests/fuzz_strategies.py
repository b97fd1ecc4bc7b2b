"""The fuzz suite's source and name strategies, and `CASES`: every strategy together.

`random_sources` writes random bytes for a .txt, a .md and an .html source (random bytes,
random Unicode, markup fragments, nesting thousands deep, sources past 50,000 characters),
quoted by evidence cut from them, twisted as a person copying it might; `random_names`
puts included dispute files and a source under hostile names (bytes that are not UTF-8,
symbolic links), matched by random include patterns, in a folder with a hostile name.
`CASES` draws from these and the YAML strategies of `tests/fuzz_casebooks.py`, half of
them read as a big YAML file is (`Case.streamed`). `tests/test_fuzz.py` runs them.

A helper module, not a test module: imported by name, as `tests/tui_support.py` is.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import replace
from typing import Any

import yaml
from conftest import SOURCE
from fuzz_casebooks import (
    WORDS,
    Case,
    _mutate,
    _mutation,
    _quoted,
    chars,
    mutated_yaml,
    nasty_text,
    random_yaml,
    structured_yaml,
)
from hypothesis import strategies as st

from claims.sources import html, markdown, plaintext
from claims.sources.decode import decode

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
