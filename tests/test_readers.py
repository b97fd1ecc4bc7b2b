"""Reading sources into paragraphs as a reader sees them: page breaks (form feed, vertical tab)
as white space, raw HTML in Markdown, and the HTML reader's rules (`<br><br>`, hidden text,
list numbers, elements laid out apart); and reading in linear time, failing only cleanly.

Each test asserts what a user sees: the paragraphs' texts, their numbers and lines.
"""

from __future__ import annotations

import _markupbase
import json
import time
from pathlib import Path

import pytest
from conftest import make_casebook

from claims import check, load
from claims.sources import SourceUnreadable, read_document
from claims.sources import html as html_reader

CASES = Path(__file__).parent / "data" / "cases"


def read(tmp_path: Path, name: str, content: str | bytes) -> list[tuple[int, str, int]]:
    """(number, text, line) of every paragraph of a file `name` holding `content`; HTML
    read whole-page (`extract: page`), the reading these tests are about."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return [(p.number, p.text, p.line) for p in read_document(path, "page").paragraphs]


def texts(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    return [text for _, text, _ in read(tmp_path, name, content)]


# --- the handed cases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    ["form-feed-page-break", "md-html-block-dropped", "html-br-br-paragraphs", "soft-hyphen"],
)
def test_handed_case_paragraphs(case: str) -> None:
    expected = json.loads((CASES / case / "expected.json").read_text("utf-8"))
    for source in expected["sources"].values():
        paragraphs = read_document(CASES / case / source["file"]).paragraphs
        assert len(paragraphs) == source["paragraphs"]
        assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
        for number, text in source["texts"].items():
            assert paragraphs[int(number) - 1].text == text


def test_form_feed_case_paragraphs_start_on_their_lines() -> None:
    paragraphs = read_document(CASES / "form-feed-page-break" / "sources" / "minutes.txt")
    assert [p.line for p in paragraphs.paragraphs] == [1, 3, 6, 9]
    assert not any("\u240c" in p.text or "\f" in p.text for p in paragraphs.paragraphs)


def test_md_html_block_case_numbers_html_paragraphs_by_markdown_lines() -> None:
    paragraphs = read_document(CASES / "md-html-block-dropped" / "sources" / "post.md")
    assert [(p.number, p.line) for p in paragraphs.paragraphs] == [(1, 1), (2, 3), (3, 6), (4, 9)]


# --- form feed and vertical tab: white space in every reader -------------------------------


@pytest.mark.parametrize("space", ["\f", "\v", " \f ", "\f\v", "\t\f"])
def test_txt_line_of_only_form_feed_or_vertical_tab_is_blank(tmp_path: Path, space: str) -> None:
    content = f"One first line\nand its second.\n{space}\nTwo.\n"
    assert read(tmp_path, "a.txt", content) == [
        (1, "One first line and its second.", 1),
        (2, "Two.", 4),
    ]


@pytest.mark.parametrize("space", ["\f", "\v"])
def test_txt_leading_and_trailing_page_breaks_are_stripped(tmp_path: Path, space: str) -> None:
    content = f"{space}First page.{space}\n\n{space}Second page.\n{space}"
    assert read(tmp_path, "a.txt", content) == [(1, "First page.", 1), (2, "Second page.", 3)]


def test_txt_page_break_inside_a_line_is_a_space(tmp_path: Path) -> None:
    assert texts(tmp_path, "a.txt", "end of page\fstart of page\n") == ["end of page start of page"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "a.md",
            "# Title\n\f\nBody one.\n\f\n\fBody two.\f\n",
            ["Title", "Body one.", "Body two."],
        ),
        ("a.md", "Text &#12; with a form feed reference.\n", ["Text with a form feed reference."]),
        ("a.html", "<p>\fFirst.</p>\f<p>Second\fhalf.\v</p>", ["First.", "Second half."]),
        ("a.html", "<p>Ref &#12; and &#13; here</p>", ["Ref and here"]),
        ("a.html", "<pre>\fcode&#12;line</pre>", ["code line"]),
    ],
)
def test_form_feed_in_markdown_and_html_is_white_space_not_a_glyph(
    tmp_path: Path, name: str, content: str, expected: list[str]
) -> None:
    got = texts(tmp_path, name, content)
    assert [" ".join(text.split()) for text in got] == expected
    assert not any(c in text for text in got for c in "\f\v\r\u240c\u240b")


def test_other_controls_from_character_references_are_still_made_visible(tmp_path: Path) -> None:
    # `&#x81;` decodes to a C1 control: shown as U+FFFD like one in the file itself.
    assert texts(tmp_path, "a.html", "<p>a&#x81;b</p>") == ["a\ufffdb"]


# --- raw HTML in Markdown ------------------------------------------------------------------

MARKDOWN_WITH_HTML = """\
# Heading

Plain paragraph.

<div class="box">
<p>First HTML paragraph.</p>
<p>Second, with <em>inline</em> markup.</p>
<script>var hidden = "script text";</script>
</div>

- item
  <section>
  Inside a list item.
  </section>

> <p>In a block quote.</p>

Last paragraph.
"""


def test_markdown_html_blocks_are_read_as_html_and_numbered_in_order(tmp_path: Path) -> None:
    assert read(tmp_path, "a.md", MARKDOWN_WITH_HTML) == [
        (1, "Heading", 1),
        (2, "Plain paragraph.", 3),
        (3, "First HTML paragraph.", 6),
        (4, "Second, with inline markup.", 7),
        (5, "item", 11),
        (6, "Inside a list item.", 13),
        (7, "In a block quote.", 16),
        (8, "Last paragraph.", 18),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Before<br>after, and<br/>again<br />end.\n", ["Before\nafter, and\nagain\nend."]),
        ("One<br><br>Two\n", ["One", "Two"]),
        ("An <em>emphasised</em> and <span class='x'>spanned</span> word.\n",
         ["An emphasised and spanned word."]),
        ("Shown <span hidden>hidden</span>text<span style='display:none'> gone</span>.\n",
         ["Shown text."]),
        ("Code `<br>` stays literal, as does 1 < 2 & 3 > 2.\n",
         ["Code <br> stays literal, as does 1 < 2 & 3 > 2."]),
        ("*Mixed* <b>bold</b> and\nsoft <i>break</i>.\n", ["Mixed bold and soft break."]),
    ],
)  # fmt: skip
def test_markdown_inline_html_tags_dropped_text_kept_br_a_line_break(
    tmp_path: Path, content: str, expected: list[str]
) -> None:
    assert texts(tmp_path, "a.md", content) == expected


def test_markdown_inline_html_paragraph_keeps_its_line(tmp_path: Path) -> None:
    content = "Intro.\n\nFirst line<br>\nsecond line.\n\n<b>Bold</b> start.\n"
    assert read(tmp_path, "a.md", content) == [
        (1, "Intro.", 1),
        (2, "First line\nsecond line.", 3),
        (3, "Bold start.", 6),
    ]


@pytest.mark.parametrize(
    "content",
    [
        ">" * 300 + " deep quoted text\n",
        "".join("  " * depth + f"- level {depth}\n" for depth in range(80)) + "deep list text",
        "> - " * 200 + "deep mixed text\n",
    ],
    ids=["block-quotes", "lists", "mixed"],
)
def test_markdown_nested_past_the_limit_is_not_lost(tmp_path: Path, content: str) -> None:
    text = " ".join(texts(tmp_path, "a.md", content))
    assert "deep" in text
    assert "text" in text.split("deep")[-1]


# --- HTML: paragraphs, line breaks, hidden text ---------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<div>One<br><br>Two<br>\n  <br>Three</div>", [(1, "One", 1), (2, "Two", 1),
                                                        (3, "Three", 2)]),
        ("<div>One<br>\n<br/>\n<br>\nTwo</div>", [(1, "One", 1), (2, "Two", 4)]),
        ("<p>Line<br>break</p>", [(1, "Line\nbreak", 1)]),
        ("<p>Line<br><b></b>break<br></p>", [(1, "Line\nbreak", 1)]),
        ("<p>One<br><img src=x.png><br>Two</p>", [(1, "One\n\nTwo", 1)]),
        ("<p>End tag</br>as a break</p>", [(1, "End tag\nas a break", 1)]),
    ],
)  # fmt: skip
def test_html_two_br_in_a_row_end_a_paragraph_one_is_a_line_break(
    tmp_path: Path, content: str, expected: list[tuple[int, str, int]]
) -> None:
    assert read(tmp_path, "a.html", content) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('<p><time>22 Dec 2023</time><span aria-hidden="true">22 Dec 2023</span></p>',
         ["22 Dec 2023"]),
        ("<p>Seen<span hidden> unseen</span>.</p>", ["Seen."]),
        ("<p>Seen<span hidden=until-found> unseen</span>.</p>", ["Seen."]),
        ('<p>Seen<span aria-hidden="false">, shown</span>.</p>', ["Seen, shown."]),
        ('<p>Seen<span style="display:none"> unseen</span>.</p>', ["Seen."]),
        ('<p>Seen<span style="color: red; DISPLAY : None !important"> x</span>.</p>', ["Seen."]),
        ('<p>Seen<span style="visibility:hidden"> unseen</span>.</p>', ["Seen."]),
        ('<p>Seen<span style="display: inline"> shown</span>.</p>', ["Seen shown."]),
        ('<div hidden><p>Nested</p><div>deeper <div>still</div></div>gone</div><p>After.</p>',
         ["After."]),
        ('<div aria-hidden="true"><ul><li>unclosed<li>items</ul></div><p>After.</p>',
         ["After."]),
        ("<div hidden><div>inner</div> still hidden</div><p>After.</p>", ["After."]),
        ("<p>a<input type=hidden value=secret>b</p>", ["ab"]),
        ("<dialog><p>Log in</p></dialog><dialog open><p>Open dialog</p></dialog>",
         ["Open dialog"]),
        ("<head><title>Title</title></head><p>Body.</p>", ["Body."]),
    ],
)  # fmt: skip
def test_html_hidden_elements_and_all_inside_them_are_left_out(
    tmp_path: Path, content: str, expected: list[str]
) -> None:
    assert texts(tmp_path, "a.html", content) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<ol><li>First point</li><li>Second point</li></ol>",
         ["1. First point", "2. Second point"]),
        ("<ol start=4><li>four<li>five</ol>", ["4. four", "5. five"]),
        ('<ol><li>one<li value="10">ten<li>eleven</ol>', ["1. one", "10. ten", "11. eleven"]),
        ("<ol reversed><li>three<li>two<li>one</ol>", ["3. three", "2. two", "1. one"]),
        ("<ol reversed start=10><li>ten<li>nine</ol>", ["10. ten", "9. nine"]),
        ("<ol type=a><li>x<li>y</ol><ol type=I><li>x<li>y</ol>",
         ["a. x", "b. y", "I. x", "II. y"]),
        ("<ol><li>outer<ol><li>inner one<li>inner two</ol></li><li>outer two</ol>",
         ["1. outer", "1. inner one", "2. inner two", "2. outer two"]),
        ("<ol><li>numbered<ul><li>bullet</ul></li><li>numbered two</ol>",
         ["1. numbered", "bullet", "2. numbered two"]),
        ("<ul><li>no</li><li>prefix</li></ul>", ["no", "prefix"]),
        ("<ol><li><p>first paragraph</p><p>second paragraph</p><li><li>third</ol>",
         ["1. first paragraph", "second paragraph", "3. third"]),
        ('<ol style="list-style: none"><li>plain</ol>', ["plain"]),
        ("<ol><li>unclosed list", ["1. unclosed list"]),
        ("<li>no list</li>", ["no list"]),
    ],
)  # fmt: skip
def test_html_ordered_lists_keep_their_numbers(
    tmp_path: Path, content: str, expected: list[str]
) -> None:
    assert texts(tmp_path, "a.html", content) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # Laid out apart by a browser: a space between them.
        ("<p><button>Share</button><button>Print</button></p>", ["Share Print"]),
        ("<p>Before<img src=a.png>after</p>", ["Before after"]),
        ("<p>Name<input>Age<select><option>One<option>Two</select>end</p>",
         ["Name Age One Two end"]),
        ("<p>Text<textarea>typed</textarea>more</p>", ["Text typed more"]),
        ("<menu><li>m1<li>m2</menu><center>centred</center><legend>legend</legend>",
         ["m1", "m2", "centred", "legend"]),
        ("<hgroup><h1>Title</h1><p>Sub</p></hgroup><search>Search</search>tail",
         ["Title", "Sub", "Search", "tail"]),
        ("<dl><dt>Term</dt><dd>Definition</dd></dl>", ["Term", "Definition"]),
        ("<table><tr><td>a</td><td>b</td></tr></table>", ["a", "b"]),
        # Glued by a browser: no space.
        ("<p><b>Ex</b>ample</p>", ["Example"]),
        ("<p><span>a</span><span>b</span></p>", ["ab"]),
        ("<p><label>Na</label><label>me</label> <a href=x>li</a>nk</p>", ["Name link"]),
        ("<p>wo<wbr>rd</p>", ["word"]),
    ],
)  # fmt: skip
def test_html_elements_laid_out_apart_do_not_glue_words(
    tmp_path: Path, content: str, expected: list[str]
) -> None:
    assert texts(tmp_path, "a.html", content) == expected


def test_html_soft_hyphen_stays_in_the_text(tmp_path: Path) -> None:
    assert texts(tmp_path, "a.html", "<p>com&shy;mission pub\u00adlished</p>") == [
        "com\u00admission pub\u00adlished"
    ]


def test_html_paragraph_line_is_where_its_text_starts(tmp_path: Path) -> None:
    content = "<div>\n\n  First words\n</div>\n<ol>\n<li>\n  item text</li>\n</ol>\n"
    assert read(tmp_path, "a.html", content) == [(1, "First words", 3), (2, "1. item text", 7)]


# --- malformed HTML: read as a browser would, in linear time --------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>One.</p>\n<p>Two.</p>\n<![ \n", ["One.", "Two."]),
        ("<p>a</p><![greeting x", ["a"]),
        ("<p>a<![if !IE]>b<![endif]>c</p><![CDATA[x]]><p>d</p>", ["abc", "d"]),
        ("<p>a</p><!-- never closed <p>b</p>", ["a"]),
        ("<p>a</p><!-- closed --!><p>b</p>", ["a", "b"]),
        ("<p>a</p><!--><p>b</p><!---><p>c</p>", ["a", "b", "c"]),
        ("<p>a</p><a href='never closed <p>b</p>", ["a"]),
        ("<p>a</p><script>never closed", ["a"]),
        ("<p>1 < 2 and a <", ["1 < 2 and a <"]),
        ("<p>fish &amp", ["fish &"]),
    ],
)
def test_html_malformed_markup_reads_as_a_browser_shows_it(
    tmp_path: Path, content: str, expected: list[str]
) -> None:
    assert texts(tmp_path, "a.html", content) == expected


def test_html_marked_section_no_longer_stops_the_check(tmp_path: Path) -> None:
    casebook = """\
title: Marked section
sides:
  a: {label: A}
  b: {label: B}
sources:
  s: {file: s.html}
disputes:
  - id: d1
    question: How did they die?
    positions:
      - {side: a, holder: A, claim: Heart., evidence: [{source: s, quote: heart failure}]}
      - {side: b, holder: B, claim: Shock., evidence: [{source: s, quote: traumatic shock}]}
"""
    source = "<p>It was heart failure.</p>\n<p>It was traumatic shock.</p>\n<![ \n"
    report = check(load(make_casebook(tmp_path / "case", casebook, {"s.html": source})))
    assert report.problems == []
    assert [a.paragraph for a in report.anchors] == [1, 2]


def test_an_html_parser_failure_is_a_clean_source_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Put back the standard library's handling of `<![`, which raises AssertionError.
    monkeypatch.setattr(
        html_reader._Collector, "parse_marked_section", _markupbase.ParserBase.parse_marked_section
    )
    path = tmp_path / "a.html"
    path.write_text("<p>a</p><![ x>", encoding="utf-8")
    with pytest.raises(SourceUnreadable, match="HTML parser failed") as caught:
        read_document(path)
    assert caught.value.hint


PATHOLOGICAL = {
    "inline-tags-40k": "<p>" + "<b>x</b> " * 40_000 + "</p>",
    "lt-100k": "<p>a</p>" + "<" * 100_000,
    "unterminated-tags": "<p>a</p>" + "<a " * 50_000,
    "unterminated-tag-names": "<p>a</p>" + "<a" * 100_000,
    "unterminated-comments": "<p>a</p>" + "<!--" * 50_000,
    "one-long-comment": "<p>a</p><!--" + "x" * 200_000,
    "marked-sections": "<p>a</p>" + "<![ " * 50_000,
    "processing-instructions": "<p>a</p>" + "<?x" * 60_000,
    "end-tag-opens": "<p>a</p>" + "</" * 100_000,
    "unterminated-quotes": "<p>a</p>" + "<a b='" * 30_000,
    "br-40k": "<p>" + "a<br>" * 40_000 + "</p>",
    "unclosed-in-hidden": "<div hidden>" + "<b>" * 50_000 + "</i>" * 50_000,
    "unclosed-lists": "<ul>" * 50_000 + "</ol>" * 50_000,
    "list-items-50k": "<ol>" + "<li>x" * 50_000 + "</ol>",
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_html_reading_is_linear_on_pathological_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / "a.html"
    path.write_text(PATHOLOGICAL[name], encoding="utf-8")
    start = time.perf_counter()
    read_document(path)  # nothing but SourceUnreadable may come out, and not even that here
    assert time.perf_counter() - start < 2.0  # a guard, not a benchmark: each takes < 0.5 s


def test_markdown_with_pathological_inline_html_is_linear(tmp_path: Path) -> None:
    # markdown-it itself takes about 0.2 s for 10,000 inline tags (0.7 s for 40,000).
    path = tmp_path / "a.md"
    text = "Text " + "<b>x</b> " * 10_000 + "\n\n<div>\n" + "<a " * 50_000 + "\n\n<!--" * 5_000
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    paragraphs = read_document(path).paragraphs
    assert time.perf_counter() - start < 2.0
    assert [p.text for p in paragraphs] == ["Text" + " x" * 10_000]
