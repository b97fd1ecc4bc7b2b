"""Web pages read as a browser shows them (breaker11 items 1, 6 and 7): `extract: page`
keeps the menus, breadcrumbs and asides a browser shows and lists what it leaves out; a
page in windows-1251, KOI8-R, UTF-16 or with a stray byte is read in the encoding it
declares, as a browser reads it; a page's canonical URL is written only if it is one."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import RunCli
from html_support import bridge_casebook

from claims.check import check
from claims.loader import load
from claims.model import Anchor
from claims.sources import Document, read_document
from claims.sources.metadata import page_metadata

STORY = [
    "The city council voted on Tuesday to close the old bridge over the river for good, "
    "after engineers found cracks in two of its three main supports last spring.",
    "Residents who cross the bridge every day said the decision came too late, and that "
    "the council had known about the damage for more than a year before it acted at all.",
    "The mayor said a new crossing would be built a mile upstream, paid for by the state, "
    "and that work on it would begin before the end of next year if the budget allowed.",
    "Until then, buses will take a longer road around the valley, adding twenty minutes to "
    "the journey into town for the four thousand people who live on the eastern bank.",
]

NAV_PAGE = textwrap.dedent(
    """\
    <!doctype html>
    <html><head><title>Council closes the old bridge - Valley News</title></head>
    <body>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
    <li><a href="/shop">Shop Valley News</a></li></ul>
    <ol class="breadcrumb"><li><a href="/">Home</a></li><li>Local</li></ol></nav>
    <header class="site-header"><p>Valley News, every morning</p></header>
    <main><article>
    <h1>Council closes the old bridge</h1>
    {story}
    <p hidden>Hidden draft paragraph</p>
    <script>var tracking = "script text";</script>
    </article></main>
    <aside><p>Valley News needs your help!</p></aside>
    <footer><p>Copyright Valley News.</p></footer>
    </body></html>
    """
).replace("{story}", "\n".join(f"<p>{text}</p>" for text in STORY))


def _read(run_cli: RunCli, path: Path, *options: str) -> dict[str, object]:
    code, out, err = run_cli("read", path, "--format", "json", "--dropped", *options)
    assert code == 0, err
    reading: dict[str, object] = json.loads(out)
    return reading


def _texts(reading: dict[str, object]) -> list[str]:
    return [p["text"] for p in reading["paragraphs"]]  # type: ignore[attr-defined]


# -- item 1: `extract: page` is the whole page ------------------------------------------------


def test_extract_page_keeps_the_menu_breadcrumbs_header_aside_and_footer(
    tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "nav.html"
    path.write_text(NAV_PAGE, encoding="utf-8")
    reading = _read(run_cli, path, "--extract", "page")
    texts = _texts(reading)
    for shown in ("World", "Politics", "Shop Valley News", "1. Home", "2. Local"):
        assert shown in texts  # the menu and the breadcrumb a browser shows
    for shown in ("Valley News, every morning", "Valley News needs your help!"):
        assert shown in texts
    assert "Copyright Valley News." in texts
    assert texts.index("World") < texts.index("Council closes the old bridge")
    # what is left out is what a browser does not show, and --dropped lists it
    dropped = {(d["text"], d["reason"]) for d in reading["dropped"]}  # type: ignore[attr-defined]
    assert ("Hidden draft paragraph", "hidden") in dropped
    assert ('var tracking = "script text";', "script") in dropped
    assert not any("draft" in t or "tracking" in t for t in texts)


def test_extract_page_lists_left_out_text_in_the_human_reading(
    tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "nav.html"
    path.write_text(NAV_PAGE, encoding="utf-8")
    code, out, _ = run_cli("read", path, "--extract", "page", "--dropped")
    assert code == 0
    assert "Left out (2):" in out
    assert "[hidden] Hidden draft paragraph" in out
    assert "Nothing was left out" not in out


@pytest.mark.parametrize(
    ("quote", "where"),
    [("Shop Valley News", "navigation"), ("Home", "breadcrumbs")],
)
def test_the_quote_in_furniture_hint_leads_to_the_quote(
    tmp_path: Path, quote: str, where: str
) -> None:
    page = NAV_PAGE.encode("utf-8")
    report = check(load(bridge_casebook(tmp_path, page, quote)))
    (problem,) = report.problems
    assert problem.code == "quote-in-furniture"
    assert f"the page's {where}" in problem.message
    assert "extract: page" in (problem.hint or "")
    # following the hint: the quote is found, in the menu where the browser shows it
    whole = check(load(bridge_casebook(tmp_path, page, quote, "page")))
    assert [p.code for p in whole.problems] == []
    document = read_document(tmp_path / "sources" / "page.html", "page")
    (anchor,) = [a for a in whole.anchors if _quoted(document, a) == quote]
    assert anchor.paragraph is not None
    assert anchor.paragraph < 6  # in the menu, at the top


def _quoted(document: Document, anchor: Anchor) -> str | None:
    """The text an anchor points at, None for a quote not found."""
    if anchor.paragraph is None or anchor.start is None:
        return None
    return document.paragraph(anchor.paragraph).text[anchor.start : anchor.end]


# -- item 6: the encoding a page declares ---------------------------------------------------

CYRILLIC = "Мост через реку закрыт на ремонт, сообщил совет города во вторник."


def _cyrillic_page(meta: str) -> str:
    return (
        f"<!doctype html><html><head>{meta}<title>Мост</title></head><body>"
        f"<h1>Мост закрыт</h1>\n<p>{CYRILLIC}</p>\n<p>Жители недовольны.</p></body></html>"
    )


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("windows-1251", _cyrillic_page('<meta charset="windows-1251">').encode("cp1251")),
        (
            "koi8-r http-equiv",
            _cyrillic_page(
                '<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">'
            ).encode("koi8_r"),
        ),
        (
            "UTF-16LE with BOM",
            "\ufeff".encode("utf-16-le") + _cyrillic_page("").encode("utf-16-le"),
        ),
        (
            "UTF-16BE with BOM",
            "\ufeff".encode("utf-16-be") + _cyrillic_page("").encode("utf-16-be"),
        ),
    ],
    ids=["windows-1251", "koi8-r", "utf-16le", "utf-16be"],
)
def test_a_page_is_read_in_the_encoding_it_declares(
    tmp_path: Path, run_cli: RunCli, name: str, page: bytes
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page)
    reading = _read(run_cli, path, "--extract", "page")
    assert _texts(reading) == ["Мост закрыт", CYRILLIC, "Жители недовольны."], name
    assert reading["dropped"] == []
    # a quote anchors in the decoded text
    root = tmp_path / "cb"
    report = check(
        load(bridge_casebook(root, page, "закрыт на ремонт", "page", "Жители недовольны"))
    )
    assert [p.code for p in report.problems] == []
    document = read_document(root / "sources" / "page.html", "page")
    (anchor,) = [a for a in report.anchors if _quoted(document, a) == "закрыт на ремонт"]
    assert anchor.paragraph == 2


def test_latin1_is_read_as_windows_1252_as_browsers_do(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "page.html"
    page = '<meta charset="iso-8859-1"><p>\u201cCaf\u00e9,\u201d she said.</p>'
    path.write_bytes(page.encode("cp1252"))
    assert _texts(_read(run_cli, path, "--extract", "page")) == ["\u201cCaf\u00e9,\u201d she said."]


def test_a_stray_byte_is_shown_as_a_replacement_character_and_said(
    tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>\n<p>Caf\xc3\xa9 one.</p>\n<p>Bad \xff byte.</p></body></html>")
    for extract in ("page", "article"):
        reading = _read(run_cli, path, "--extract", extract)
        assert _texts(reading) == ["Café one.", "Bad \ufffd byte."]
        (note,) = [d for d in reading["dropped"] if d["reason"] == "undecodable"]  # type: ignore[attr-defined]
        assert note["where"] == "UTF-8"
        assert "on line 3" in note["text"]


def test_a_text_file_must_still_be_utf8(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    code, _, err = run_cli("read", path)
    assert code != 0
    assert "not UTF-8" in err


# -- item 7: a page's URL is an http(s) address or nothing ------------------------------------


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<link rel="canonical" href="javascript:alert(1)">', None),
        ('<link rel="canonical" href="data:text/html,x">', None),
        ('<link rel="canonical" href="/story/1">', None),
        ('<base href="https://news.example/local/"><link rel="canonical" href="story/1">',
         "https://news.example/local/story/1"),
        ('<meta property="og:url" content="https://news.example/a/b">'
         '<link rel="canonical" href="/story/1">', "https://news.example/story/1"),
        ('<link rel="canonical" href="javascript:alert(1)">'
         '<meta property="og:url" content="https://news.example/story/1">',
         "https://news.example/story/1"),
        ('<link rel="canonical" href="https://news.example/a b">', None),
    ],
)  # fmt: skip
def test_the_page_url_is_an_http_address_or_left_out(head: str, url: str | None) -> None:
    found = page_metadata(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert found.url == url


def test_add_source_never_writes_a_javascript_url(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "cb"
    root.mkdir()
    (root / "casebook.yaml").write_text(
        "title: T\nsides:\n  a: {label: A}\nsources:\n  old:\n    file: sources/old.txt\n"
        "disputes: []\n",
        encoding="utf-8",
    )
    (root / "sources").mkdir()
    (root / "sources" / "old.txt").write_text("Old.\n", encoding="utf-8")
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><title>Story</title><link rel="canonical" href="javascript:alert(1)">'
        "</head><body><h1>Story</h1><p>Text of the story.</p></body></html>",
        encoding="utf-8",
    )
    code, _, err = run_cli("add-source", page, "-C", root)
    assert code == 0, err
    written = (root / "casebook.yaml").read_text(encoding="utf-8")
    assert "javascript" not in written
    assert "url:" not in written
