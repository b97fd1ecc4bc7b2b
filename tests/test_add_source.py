"""`contested add-source FILE`: a saved page copied into the casebook's sources/ and
registered in casebook.yaml by adding lines only, every byte and comment already there kept;
the casebook still loads and passes `check`; ids and files that exist are refused."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from conftest import RunContested, make_casebook
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.casebook.append import AppendError, replace_text, slug, with_source
from claims.loader import load

CASEBOOK = """# yaml-language-server: $schema=schemas/casebook.schema.json
# My casebook: keep this comment.
title: "Bridge"   # trailing comment
sides:
  council: {label: City council}

sources:
    bulletin:          # four-space indentation, kept
        file: sources/bulletin.txt
        title: Council bulletin
        # a comment at the end of the entry

# Disputes follow.
disputes:
  - id: closure
    question: When did the bridge close?
    positions:
      - side: council
        holder: Council
        claim: Monday.
        evidence:
          - source: bulletin
            quote: closed on Monday
"""

PAGE = """<!doctype html><html><head>
<title>ignored: the og title wins</title>
<meta property="og:title" content='Bridge: "closed" # for repairs &amp; more'>
<meta property="og:site_name" content="The Gazette\x1b[2J">
<meta name="author" content="Ann Writer">
<script type="application/ld+json">{"datePublished": "2026-03-02T09:00:00Z"}</script>
<link rel="canonical" href="https://example.org/bridge?a=1&amp;b=2#top">
</head><body><article><h1>Bridge closed</h1>
<p>The council closed the bridge on Monday for repairs.</p></article></body></html>
"""


def _casebook(tmp_path: Path, text: str = CASEBOOK) -> Path:
    root = make_casebook(
        tmp_path / "cb", text, {"sources/bulletin.txt": "The bridge closed on Monday.\n"}
    )
    (tmp_path / "Gazette: Bridge Story.html").write_text(PAGE, encoding="utf-8")
    return root


def _kept_in_order(old: str, new: str) -> bool:
    """Every line of `old` is in `new`, in the same order (lines are only inserted)."""
    lines = iter(new.splitlines(keepends=True))
    return all(any(line == got for got in lines) for line in old.splitlines(keepends=True))


def test_adds_page_with_its_metadata(tmp_path: Path, run_contested: RunContested) -> None:
    root = _casebook(tmp_path)
    result = run_contested("add-source", "../Gazette: Bridge Story.html", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "gazette-bridge-story\n"
    new = (root / "casebook.yaml").read_text(encoding="utf-8")
    assert _kept_in_order(CASEBOOK, new)
    assert len(new.splitlines()) > len(CASEBOOK.splitlines())
    # right after the sources block, before the comment and key that follow it
    assert new.index("gazette-bridge-story:") < new.index("# Disputes follow.")
    assert "    gazette-bridge-story:\n        file: sources/gazette-bridge-story.html\n" in new
    copied = root / "sources" / "gazette-bridge-story.html"
    assert copied.read_text(encoding="utf-8") == PAGE
    source = load(root).casebook.sources["gazette-bridge-story"]
    assert source.title == 'Bridge: "closed" # for repairs & more'
    assert source.outlet is not None
    assert source.outlet.startswith("The Gazette")
    assert "\x1b" not in source.outlet
    assert source.author == "Ann Writer"
    assert source.published == dt.date(2026, 3, 2)
    assert source.url == "https://example.org/bridge?a=1&b=2#top"
    assert source.kind is None
    check = run_contested("check", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors" in check.stdout


def test_id_title_kind_and_sources_last(tmp_path: Path, run_contested: RunContested) -> None:
    text = "title: T\nsides:\n  a: {label: A}\nsources:\n  one:\n    file: sources/bulletin.txt\n"
    root = _casebook(tmp_path, text)
    (root / "notes.txt").write_text("Plain notes.\n", encoding="utf-8")
    result = run_contested(
        "add-source",
        "notes.txt",
        "--id",
        "my.notes",
        "--title",
        "a: b",
        "--kind",
        "report",
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "my.notes\n"
    new = (root / "casebook.yaml").read_text(encoding="utf-8")
    assert new.startswith(text)
    source = load(root).casebook.sources["my.notes"]
    assert (source.file, source.title, source.kind) == ("sources/my.notes.txt", "a: b", "report")


def test_refuses_existing_id_and_file(tmp_path: Path, run_contested: RunContested) -> None:
    root = _casebook(tmp_path)
    (root / "bulletin.md").write_text("Other.\n", encoding="utf-8")
    before = (root / "casebook.yaml").read_bytes()
    taken = run_contested("add-source", "bulletin.md", cwd=root)
    assert taken.returncode == 2
    assert "'bulletin' exists already" in taken.stderr
    assert not (root / "sources" / "bulletin.md").exists()
    (root / "sources" / "other.md").write_text("there\n", encoding="utf-8")
    there = run_contested("add-source", "bulletin.md", "--id", "other", cwd=root)
    assert there.returncode == 2
    assert "sources/other.md exists already" in there.stderr
    assert (root / "sources" / "other.md").read_text(encoding="utf-8") == "there\n"
    bad = run_contested("add-source", "bulletin.md", "--id", "no spaces", cwd=root)
    assert bad.returncode == 2
    assert "not a valid id" in bad.stderr
    assert (root / "casebook.yaml").read_bytes() == before
    for result in (taken, there, bad):
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_refuses_flow_style_sources(tmp_path: Path, run_contested: RunContested) -> None:
    text = "title: T\nsources: {other: {file: sources/bulletin.txt}}\n"
    root = _casebook(tmp_path, text)
    result = run_contested("add-source", "../Gazette: Bridge Story.html", cwd=root)
    assert result.returncode == 2
    assert "flow style" in result.stderr
    assert (root / "casebook.yaml").read_text(encoding="utf-8") == text
    assert not (root / "sources" / "gazette-bridge-story.html").exists()


def test_refuses_unreadable_and_unsupported(tmp_path: Path, run_contested: RunContested) -> None:
    root = _casebook(tmp_path)
    (root / "doc.pdf").write_bytes(b"%PDF")
    (root / "latin.txt").write_bytes(b"caf\xe9\n")
    pdf = run_contested("add-source", "doc.pdf", cwd=root)
    assert pdf.returncode == 2
    assert "cut short" in pdf.stderr  # a .pdf is read as a PDF (issue 17), this one is cut
    (root / "doc.docx").write_bytes(b"PK")
    docx = run_contested("add-source", "doc.docx", cwd=root)
    assert docx.returncode == 2
    assert ".txt, .md, .html, .htm or .pdf" in docx.stderr
    latin = run_contested("add-source", "latin.txt", cwd=root)
    assert latin.returncode == 2
    assert "not UTF-8" in latin.stderr
    missing = run_contested("add-source", "gone.html", cwd=root)
    assert missing.returncode == 2
    assert "gone.html" in missing.stderr


def test_refuses_the_bundled_example(tmp_path: Path, run_contested: RunContested) -> None:
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = run_contested("add-source", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "no casebook here" in result.stderr


def test_with_c_option(tmp_path: Path, run_contested: RunContested) -> None:
    root = _casebook(tmp_path)
    result = run_contested("-C", root, "add-source", "Gazette: Bridge Story.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (root / "sources" / "gazette-bridge-story.html").exists()


# -- the text edit itself ------------------------------------------------------------------


def _added(text: str) -> str:
    return with_source(text, Path("casebook.yaml"), "new", {"file": "sources/new.txt"})


def test_no_sources_key_appends_a_block() -> None:
    text = "title: T  # no newline at the end"
    new = _added(text)
    assert new.startswith(text + "\n")
    assert new.endswith("sources:\n  new:\n    file: sources/new.txt\n")


def test_empty_sources_key_gets_the_first_entry() -> None:
    text = "title: T\nsources:\n# later\ninclude: [d/*.yaml]\n"
    new = _added(text)
    assert (
        new
        == "title: T\nsources:\n  new:\n    file: sources/new.txt\n# later\ninclude: [d/*.yaml]\n"
    )


def test_crlf_is_kept() -> None:
    text = "title: T\r\nsources:\r\n  a:\r\n    file: a.txt\r\ninclude: x.yaml\r\n"
    new = _added(text)
    assert "\n" not in new.replace("\r\n", "")
    assert new == (
        "title: T\r\nsources:\r\n  a:\r\n    file: a.txt\r\n"
        "  new:\r\n    file: sources/new.txt\r\ninclude: x.yaml\r\n"
    )


def test_flow_entries_and_block_scalars() -> None:
    text = (
        "sources:\n  a: {file: a.txt}\n  b:\n    file: b.txt\n    title: >-\n      long\n"
        "      title\n\n\nnext: 1\n"
    )
    new = _added(text)
    assert new == (
        "sources:\n  a: {file: a.txt}\n  b:\n    file: b.txt\n    title: >-\n      long\n"
        "      title\n  new:\n    file: sources/new.txt\n\n\nnext: 1\n"
    )


def test_hostile_values_are_quoted() -> None:
    fields = {"file": "sources/new.html", "title": "a: b # c 'd' \"e\" \u2028 [x] {y} &z *w"}
    text = "sources:\n  a:\n    file: a.txt\n"
    new = with_source(text, Path("c.yaml"), "new", fields)
    assert new.startswith(text)
    assert yaml.safe_load(new)["sources"]["new"] == fields
    assert len(new.splitlines()) == 6  # one line per value: nothing could break a line


def test_broken_yaml_is_refused() -> None:
    with pytest.raises(AppendError, match="not valid YAML"):
        _added("sources:\n  a: [\n")


def test_changed_on_disk_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "casebook.yaml"
    file.write_text("title: T\n", encoding="utf-8")
    file.chmod(0o640)
    old = file.read_bytes()
    file.write_text("title: Changed\n", encoding="utf-8")
    with pytest.raises(AppendError, match="changed while"):
        replace_text(file, old, "title: T\nsources: {}\n")
    assert file.read_text(encoding="utf-8") == "title: Changed\n"
    assert [p.name for p in tmp_path.iterdir()] == ["casebook.yaml"]  # no temporary left
    replace_text(file, file.read_bytes(), "title: New\n")
    assert file.read_text(encoding="utf-8") == "title: New\n"
    assert os.stat(file).st_mode & 0o777 == 0o640  # its permissions kept


def test_slug() -> None:
    assert slug("Gazette: Bridge Story.html") == "gazette-bridge-story"
    assert slug("AP News — Gaza.htm") == "ap-news-gaza"
    assert slug("…….txt") == ""  # add-source then takes `source`, `source-2`, …
    assert slug("v1.2_notes.md") == "v1.2_notes"


def test_a_kept_trailing_blank_line_is_not_taken_from_the_entry_before() -> None:
    text = "sources:\n  a:\n    file: a.txt\n    title: |+\n      kept\n\n\nnext: 1\n"
    with pytest.raises(AppendError, match="add the entry by hand"):
        _added(text)


# -- --outlet, --author, --published, --url (issue 11 item 6) ------------------------------


def test_options_override_the_page(tmp_path: Path, run_contested: RunContested) -> None:
    root = _casebook(tmp_path)
    result = run_contested(
        "add-source",
        "../Gazette: Bridge Story.html",
        "--outlet",
        "The Gazette: Evening",
        "--author",
        "Zoë Ortiz #2",
        "--published",
        "2026-03-01T23:30:00-05:00",
        "--url",
        "https://gazette.example/bridge",
        "--title",
        "no",
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    new = (root / "casebook.yaml").read_text(encoding="utf-8")
    assert _kept_in_order(CASEBOOK, new)
    source = load(root).casebook.sources["gazette-bridge-story"]
    assert (source.title, source.outlet, source.author) == (
        "no",
        "The Gazette: Evening",
        "Zoë Ortiz #2",
    )
    assert source.published == dt.date(2026, 3, 1)  # the date as written, not UTC's
    assert source.url == "https://gazette.example/bridge"
    assert "published: 2026-03-01\n" in new
    check = run_contested("check", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--published", "2019-13-01", "not an ISO date"),
        ("--published", "20 Nov 2019", "not an ISO date"),
        ("--published", "2019-11-20X10:00", "not an ISO date"),
        ("--published", "", "is empty"),
        ("--url", "ftp://example.org/x", "not an http(s) address"),
        ("--url", "javascript:alert(1)", "not an http(s) address"),
        ("--url", "https://", "not an http(s) address"),
        ("--url", "https://exa mple.org/", "not an http(s) address"),
        ("--url", "https://[::1/", "not an http(s) address"),
        ("--author", "Ann\nWriter", "control character (U+000A"),
        ("--author", "\x1b[2JAnn", "control character (U+001B"),
        ("--outlet", "Two\u2028lines", "control character (U+2028"),
        ("--outlet", "evil\u202eltuo", "control character (U+202E"),
        ("--title", "tab\there", "control character (U+0009"),
        ("--title", "   ", "is empty"),
    ],
)
def test_bad_option_values_are_refused(
    tmp_path: Path, run_contested: RunContested, option: str, value: str, says: str
) -> None:
    root = _casebook(tmp_path)
    before = (root / "casebook.yaml").read_bytes()
    listed = sorted(p.name for p in (root / "sources").iterdir())
    result = run_contested("add-source", "../Gazette: Bridge Story.html", option, value, cwd=root)
    assert result.returncode == 2
    assert option in result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stdout == ""
    assert (root / "casebook.yaml").read_bytes() == before
    assert sorted(p.name for p in (root / "sources").iterdir()) == listed


AWKWARD = [
    "a: b",
    "# not a comment",
    "title # not a comment",
    "no",
    "Yes",
    "null",
    "~",
    "*star",
    "&anchor",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "- dash",
    "? question",
    "| pipe",
    "> fold",
    "[list]",
    "{map}",
    "'single'",
    '"double"',
    'it\'s "both"',
    "2019-11-20",
    "0x1F",
    "1e3",
    " lead and trail ",
    "Zoë, 日本語, عربى, ✓ 🇺🇦",
    "\u2028",
    "a\x85b",
    "\ufeffbom",
    "\x1b[2J",
    "line\nbreak",
    "",
]


@pytest.mark.parametrize("value", AWKWARD)
def test_awkward_values_round_trip_on_one_line(value: str) -> None:
    text = "sources:\n  a:\n    file: a.txt\n"
    fields = {"file": "sources/new.html", "title": value, "author": value}
    new = with_source(text, Path("c.yaml"), "new", fields)
    assert new.startswith(text)
    assert yaml.safe_load(new)["sources"]["new"] == fields
    assert len(new.splitlines()) == 7  # one line per value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.dates())
def test_any_text_round_trips_on_one_line(value: str, day: dt.date) -> None:
    text = "title: T\nsources:\n    a:\n        file: a.txt\n# end\n"
    fields = {"file": "sources/n.html", "title": value, "outlet": value, "published": day}
    new = with_source(text, Path("c.yaml"), "n", fields)
    assert yaml.safe_load(new)["sources"]["n"] == fields
    assert len(new.splitlines()) == len(text.splitlines()) + 1 + len(fields)


def test_a_failed_write_is_an_append_error_and_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "casebook.yaml"
    file.write_text("title: T\n", encoding="utf-8")

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(AppendError, match=r"cannot write .*casebook\.yaml: no space left"):
        replace_text(file, file.read_bytes(), "title: New\n")
    assert file.read_text(encoding="utf-8") == "title: T\n"
    assert [p.name for p in tmp_path.iterdir()] == ["casebook.yaml"]  # no temporary left
