"""Cutting sources into numbered paragraphs: .txt (both styles), .md, .html; any line ending."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_casebook

from claims import Method, check, load
from claims.sources import SourceUnreadable, read_document


def paragraphs(tmp_path: Path, name: str, content: str | bytes) -> list[tuple[int, str, int]]:
    """(number, text, line) of every paragraph of a file `name` holding `content`."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return [(p.number, p.text, p.line) for p in read_document(path).paragraphs]


# --- .txt ------------------------------------------------------------------------------------

BLANK_SEPARATED = """\
First paragraph, first line
and its second line.

Second paragraph.
   \t
Third paragraph
  indented continuation.


Fourth, after two blank lines.
"""


def test_txt_blocks_separated_by_blank_lines(tmp_path: Path) -> None:
    assert paragraphs(tmp_path, "a.txt", BLANK_SEPARATED) == [
        (1, "First paragraph, first line and its second line.", 1),
        (2, "Second paragraph.", 4),
        (3, "Third paragraph indented continuation.", 6),
        (4, "Fourth, after two blank lines.", 10),
    ]


ONE_PER_LINE = "Line one of the article.\nLine two.\n  Line three, indented.\n"


def test_txt_without_blank_lines_is_one_paragraph_per_line(tmp_path: Path) -> None:
    assert paragraphs(tmp_path, "a.txt", ONE_PER_LINE) == [
        (1, "Line one of the article.", 1),
        (2, "Line two.", 2),
        (3, "Line three, indented.", 3),
    ]


@pytest.mark.parametrize(
    ("content", "first_line"),
    [
        (ONE_PER_LINE + "\n\n", 1),  # an editor's extra newlines at the end
        ("\n\n" + ONE_PER_LINE, 3),  # blank lines before the text
        (ONE_PER_LINE.rstrip("\n"), 1),  # no final newline
    ],
)
def test_blank_lines_only_at_the_ends_do_not_join_lines(
    tmp_path: Path, content: str, first_line: int
) -> None:
    got = paragraphs(tmp_path, "a.txt", content)
    assert [text for _, text, _ in got] == [
        "Line one of the article.",
        "Line two.",
        "Line three, indented.",
    ]
    assert [line for _, _, line in got] == [first_line, first_line + 1, first_line + 2]


@pytest.mark.parametrize("content", [BLANK_SEPARATED, ONE_PER_LINE])
@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda s: ("\ufeff" + s).encode("utf-8"), id="bom"),
        pytest.param(lambda s: s.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda s: s.replace("\n", "\r").encode("utf-8"), id="cr"),
        pytest.param(lambda s: ("\ufeff" + s.replace("\n", "\r\n")).encode("utf-8"), id="bom-crlf"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_bom_crlf_and_cr_give_the_same_paragraphs(
    tmp_path: Path, content: str, encode: Callable[[str], bytes], suffix: str
) -> None:
    plain = paragraphs(tmp_path, "plain" + suffix, content)
    other = paragraphs(tmp_path, "other" + suffix, encode(content))
    assert other == plain
    assert all("\r" not in text and "\ufeff" not in text for _, text, _ in other)


def test_html_with_crlf_and_bom_gives_the_same_paragraphs(tmp_path: Path) -> None:
    plain = paragraphs(tmp_path, "a.html", HTML)
    other = paragraphs(tmp_path, "b.html", ("\ufeff" + HTML.replace("\n", "\r\n")).encode())
    assert other == plain


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Fine line.\nLe caf\xe9.\n")
    with pytest.raises(SourceUnreadable, match=r"not UTF-8 \(byte 0xe9 on line 2\)"):
        read_document(path)


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Hello".encode("utf-16"))
    with pytest.raises(SourceUnreadable, match="not UTF-8"):
        read_document(path)


# --- .md -------------------------------------------------------------------------------------

MARKDOWN = """\
# The *big* heading

First paragraph with *emphasis*, **strong** and `code`
and a [link](https://example.com "title") on line four.

- item one
- item **two**
  continued

> A block quote
> over two lines.

Setext heading
--------------

Entities &amp; dashes &mdash; decoded, <span>raw html</span> dropped.
"""


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_blocks_as_plain_text(tmp_path: Path, suffix: str) -> None:
    assert paragraphs(tmp_path, "a" + suffix, MARKDOWN) == [
        (1, "The big heading", 1),
        (2, "First paragraph with emphasis, strong and code and a link on line four.", 3),
        (3, "item one", 6),
        (4, "item two continued", 7),
        (5, "A block quote over two lines.", 10),
        (6, "Setext heading", 13),
        (7, "Entities & dashes — decoded, raw html dropped.", 16),
    ]


def test_markdown_link_url_is_not_text(tmp_path: Path) -> None:
    got = paragraphs(tmp_path, "a.md", MARKDOWN)
    assert not any("example.com" in text or "title" in text for _, text, _ in got)


# --- .html -----------------------------------------------------------------------------------

HTML = """\
<!doctype html>
<html><head><title>Head title</title>
<style>p { color: red } .secret-style {}</style>
<script>var secret = "<p>script text</p>";</script></head>
<body>
<nav><ul><li>Home</li><li>Navigation link text</li></ul></nav>
<h1>Main &amp; heading</h1>
<p>First paragraph with <em>emphasised words</em> inside
   it, and &quot;entities&quot; &mdash; decoded&nbsp;here.</p>
<ul><li>one</li><li>two <strong>bold</strong></li></ul>
<p>Line<br>break</p>
<script type="module">document.write("module script text")</script>
<noscript>Enable JavaScript text</noscript>
</body></html>
"""


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_block_elements_as_plain_text(tmp_path: Path, suffix: str) -> None:
    assert paragraphs(tmp_path, "a" + suffix, HTML) == [
        (1, "Main & heading", 7),
        (2, 'First paragraph with emphasised words inside it, and "entities" — decoded here.', 8),
        (3, "one", 10),
        (4, "two bold", 10),
        (5, "Line\nbreak", 11),
    ]


def test_html_scripts_styles_and_navigation_never_become_text(tmp_path: Path) -> None:
    text = " ".join(t for _, t, _ in paragraphs(tmp_path, "a.html", HTML))
    for hidden in ("script text", "secret", "color", "Navigation", "Home", "Head title", "Enable"):
        assert hidden not in text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><meta charset=utf-8><title>T</title>\n<body><p>Body text.</p></body></html>",
        "<!doctype html><head><title>T</title><script>x()</script>\n<p>Body text.</p>",
        "<title>T</title>\n<p>Body text.</p>",
    ],
)
def test_html_with_the_optional_head_end_tag_left_out(tmp_path: Path, page: str) -> None:
    got = paragraphs(tmp_path, "a.html", page)
    assert got[-1] == (len(got), "Body text.", 2)
    assert not any("x()" in text for _, text, _ in got)


SOURCE_CASEBOOK = """\
title: Markup
sides:
  a: {{label: A}}
  b: {{label: B}}
sources:
  doc: {{file: {file}}}
disputes:
  - id: d
    question: Q?
    positions:
      - side: a
        holder: A
        claim: C
        evidence:
          - source: doc
            quote: {quote}
      - side: b
        holder: B
        claim: D
        evidence:
          - source: doc
            quote: {other}
"""


def anchors_of(
    tmp_path: Path, file: str, content: str, quote: str, other: str
) -> list[tuple[int, Method | None, str]]:
    root = make_casebook(
        tmp_path / "case",
        SOURCE_CASEBOOK.format(file=file, quote=quote, other=other),
        {file: content},
    )
    report = check(load(root))
    assert report.problems == []
    document = report.documents.get("doc")
    assert document is not None
    return [
        (a.paragraph, a.method, document.paragraph(a.paragraph).text[a.start : a.end])
        for a in report.anchors
        if a.paragraph is not None and a.start is not None
    ]


def test_quote_spanning_markdown_emphasis_anchors_exactly(tmp_path: Path) -> None:
    got = anchors_of(
        tmp_path,
        "doc.md",
        MARKDOWN,
        "with emphasis, strong and code and a link",
        "item two continued",
    )
    assert got == [
        (2, Method.EXACT, "with emphasis, strong and code and a link"),
        (4, Method.EXACT, "item two continued"),
    ]


def test_quote_spanning_html_em_anchors_exactly(tmp_path: Path) -> None:
    got = anchors_of(
        tmp_path,
        "doc.html",
        HTML,
        "with emphasised words inside it",
        "'\"entities\" — decoded here'",
    )
    assert got == [
        (2, Method.EXACT, "with emphasised words inside it"),
        (2, Method.EXACT, '"entities" — decoded here'),
    ]


def test_text_hidden_in_a_script_cannot_be_quoted(tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "case",
        SOURCE_CASEBOOK.format(
            file="doc.html", quote="Navigation link text", other="Main & heading"
        ),
        {"doc.html": HTML},
    )
    report = check(load(root))
    # the article reading leaves the <nav> out, and says where the quote is (issue 11)
    assert [p.code for p in report.problems] == ["quote-in-furniture"]
    assert "found in the page's navigation" in report.problems[0].message
    assert report.anchors[0].paragraph is None


def test_paragraph_lines_point_at_the_source_text(tmp_path: Path) -> None:
    """Each paragraph's `line` is where its text starts in the file, for every reader."""
    for name, content in (("a.txt", BLANK_SEPARATED), ("a.md", MARKDOWN), ("a.html", HTML)):
        lines = content.split("\n")
        for number, text, line in paragraphs(tmp_path, name, content):
            first_word = text.split()[0]
            assert first_word in lines[line - 1], (name, number, text, line)
