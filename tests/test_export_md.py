"""`contested export --format md`: CommonMark read back with markdown-it-py (the parser
Rich uses): the structure is what the issue asks for, and every casebook string stays
literal text (no emphasis, link, raw HTML, heading or list made from it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import BUNDLED
from export_support import SCRIPT, hostile, selection
from markdown_it import MarkdownIt

from claims.export import exporters
from claims.export.md import escape


def md_of(root: Path, *ids: str) -> str:
    casebook, chosen = selection(root, *ids)
    return exporters()["md"].render(casebook, chosen).decode("utf-8")


def tokens(text: str, extension: str = "commonmark") -> list[Any]:
    """Block tokens and, flattened after each inline token, its children."""
    parser = MarkdownIt(extension) if extension == "commonmark" else MarkdownIt("gfm-like")
    out = []
    for token in parser.parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


def plain(inline: Any) -> str:
    """The text an inline token shows (its text children, joined)."""
    return "".join(c.content for c in inline.children if c.type in ("text", "softbreak"))


def headings(text: str) -> list[tuple[str, str]]:
    found = MarkdownIt("commonmark").parse(text)
    return [(t.tag, plain(found[i + 1])) for i, t in enumerate(found) if t.type == "heading_open"]


def test_structure_of_the_bundled_casebook() -> None:
    text = md_of(BUNDLED, "cause-of-death")
    assert text == md_of(BUNDLED, "cause-of-death")  # same bytes
    found = headings(text)
    assert found[0] == ("h1", "Yekaterinburg raids and the Azerbaijan–Russia row")
    assert found[1] == ("h2", "How did the Safarov brothers die?")
    assert [h for h in found if h[0] == "h3"] == [
        ("h3", "Russian forensic experts"),
        ("h3", "Azerbaijani forensic specialists"),
        ("h3", "People close to the Safarov family"),
    ]
    all_tokens = tokens(text)
    assert not [t for t in all_tokens if t.type.startswith("html")]
    quotes = [t for t in all_tokens if t.type == "blockquote_open"]
    assert len(quotes) == 5  # one per evidence
    assert "> — *Russians were tortured in Baku. In Russia, an Azerbaijani businessman was " \
        "arrested*, 2025-07-02, ¶6" in text  # fmt: skip
    assert "- **Side:** Russian authorities\n- **Claim:** The brothers died of heart failure.\n" \
        "- **Rating:** Unrated\n" in text  # fmt: skip


def test_a_hostile_casebook_stays_literal_text(tmp_path: Path) -> None:
    text = md_of(hostile(tmp_path / "case"))
    for extension in ("commonmark", "gfm-like"):
        found = tokens(text, extension)
        assert not [t for t in found if t.type.startswith("html")], extension
        assert not [t for t in found if t.type in ("image", "ordered_list_open", "table_open")]
        for link in (t for t in found if t.type == "link_open"):  # linkify: https only
            assert link.attrs["href"].startswith("https://"), extension
        # every list item is one of ours: a bold label, then the value
        for index, token in enumerate(found):
            if token.type == "list_item_open":
                inline = next(t for t in found[index:] if t.type == "inline")
                kinds = [c.type for c in inline.children if c.content or c.type != "text"]
                assert kinds[:3] == ["strong_open", "text", "strong_close"], inline.content
    found = headings(text)
    assert [h[0] for h in found] == ["h1", "h2", "h3", "h3", "h3"]
    assert found[2] == ("h3", SCRIPT)
    assert found[3] == ("h3", "*x*")
    assert found[4] == ("h3", "# hash holder")
    rendered = MarkdownIt("commonmark").render(text)
    for bad in ("<script", "<b>", "<img", 'href="javascript', "<em>x</em>", "<em>not emph"):
        assert bad not in rendered
    inlines = [plain(t) for t in tokens(text) if t.type == "inline"]
    assert "# not a heading, *not emphasis*, [a](javascript:alert(1))" in inlines
    assert "1. not a list item but a sentence about the 😀 emoji" in inlines
    assert "Claim: [a](javascript:alert(1))" in inlines
    assert "Claim: - dash claim" in inlines


def test_escape_keeps_every_character() -> None:
    nasty = "*x* _y_ [a](javascript:x) <b> &amp; `c` # h | t ~s~ $m$ \\ {z} !"
    parsed = MarkdownIt("commonmark").parseInline(escape(nasty))[0]
    assert [c.type for c in parsed.children] == ["text"]
    assert parsed.children[0].content == nasty
    for start in ("# h", "- d", "+ p", "= e", "1. n", "12) n", "> q", "--- t", "=== s"):
        (paragraph, inline, _close) = MarkdownIt("commonmark").parse("x\n\n" + escape(start))[3:]
        assert paragraph.type == "paragraph_open", start
        assert plain(inline) == start
