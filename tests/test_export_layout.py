"""What a reader of an export sees of a note typed over several lines, and of a long word
with no space in it (the fresh tester's items 6 and 13 of issues 12–13): the HTML report
read back in headless Chromium (as laid out: `innerText`, element boxes), the Markdown
read back with markdown-it-py."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from conftest import CASEBOOK, SOURCE, make_casebook
from export_support import selection
from markdown_it import MarkdownIt
from test_export_html import browser, needs_chromium

from claims.export import exporters

#: What the tester typed: a formula-looking claim, made longer than any card.
LONG = '=HYPERLINK("http://evil.example/' + "a" * 150 + '","click")'
REVIEW = """\
raid:
  positions:
    Police: {rating: supported, note: "line one\\nline two\\n\\nafter a blank line"}
"""


def casebook(root: Path) -> Path:
    yaml = CASEBOOK.replace("claim: At dawn.", f"claim: '{LONG}'").replace(
        "- {source: report, quote: Nine people were detained}",
        '- {source: report, quote: Nine people were detained, note: "first\\nsecond"}',
    )
    return make_casebook(root, yaml, {"sources/report.txt": SOURCE}, {"review.yaml": REVIEW})


def export(root: Path, name: str) -> bytes:
    book, chosen = selection(root)
    return exporters()[name].render(book, chosen)


#: Added to the test's copy of the report (the report itself runs no script and forbids
#: one): what Chromium laid out, written into the DOM for `--dump-dom`.
MEASURE = """<script>
const out = {notes: [], past: []};
for (const p of document.querySelectorAll("article p")) {
  if (p.innerText.startsWith("Note")) out.notes.push(p.innerText);
}
for (const card of document.querySelectorAll("article.position")) {
  const edge = card.getBoundingClientRect().right;
  for (const el of card.querySelectorAll("*")) {  // where its text is drawn, not its box
    const text = document.createRange();
    text.selectNodeContents(el);
    const right = text.getBoundingClientRect().right;
    if (right > edge + 0.5) out.past.push(el.tagName + "." + el.className + " by " +
      Math.round(right - edge) + "px");
  }
  if (card.scrollWidth > card.clientWidth) out.past.push("card scrolls");
}
document.body.setAttribute("data-measured", JSON.stringify(out));
</script>"""


def laid_out(data: bytes, tmp_path: Path) -> dict[str, list[str]]:
    text = data.decode("utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    page = tmp_path / "measured.html"
    page.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = browser(page, tmp_path, "--window-size=1280,900", "--dump-dom")
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found is not None, dom[-2000:]
    measured: dict[str, list[str]] = json.loads(html.unescape(found[1]))
    return measured


@needs_chromium
def test_html_notes_keep_their_line_breaks_in_chromium(tmp_path: Path) -> None:
    measured = laid_out(export(casebook(tmp_path / "case"), "html"), tmp_path)
    assert measured["notes"] == [
        "Note: line one\nline two\n\nafter a blank line",
        "Note on the quote: first\nsecond",
    ]


@needs_chromium
def test_html_a_long_unbroken_claim_stays_inside_its_card(tmp_path: Path) -> None:
    data = export(casebook(tmp_path / "case"), "html")
    assert LONG.replace('"', "&quot;") in data.decode()  # whole, escaped
    measured = laid_out(data, tmp_path)
    assert measured["past"] == []  # nothing drawn past a card's right edge
    shot = tmp_path / "long.png"  # looked at by hand (see the report)
    page = tmp_path / "report.html"
    page.write_bytes(data)
    browser(page, tmp_path, "--window-size=1280,900", f"--screenshot={shot}")
    assert shot.read_bytes()[:4] == b"\x89PNG"


def _md_tokens(text: str) -> list[str]:
    """Block token types, and each inline token's text with its line breaks as spaces."""
    out = []
    for token in MarkdownIt("commonmark").parse(text):
        out.append(token.type)
        if token.children is not None:
            words = (" " if c.type.endswith("break") else c.content for c in token.children)
            out.append(" ".join("".join(words).split()))
    return out


def test_md_notes_keep_their_line_breaks_as_hard_breaks(tmp_path: Path) -> None:
    text = export(casebook(tmp_path / "case"), "md").decode("utf-8")
    rendered = MarkdownIt("commonmark").render(text)
    assert (
        "<li><strong>Note:</strong> line one<br />\nline two<br />\n<br />\n"
        "after a blank line</li>" in rendered
    )
    assert "<p>Note: first<br />\nsecond</p>" in rendered
    # nothing else changes: the same tokens as with the notes on one line each, but for
    # the hard breaks where the line breaks were
    flat = casebook(tmp_path / "flat")
    (flat / "review.yaml").write_text(REVIEW.replace("\\n\\n", " ").replace("\\n", " "))
    yaml = (flat / "casebook.yaml").read_text().replace("first\\nsecond", "first second")
    (flat / "casebook.yaml").write_text(yaml)
    one_line = export(flat, "md").decode("utf-8")
    assert _md_tokens(text) == _md_tokens(one_line)
    breaks = [c.type for t in MarkdownIt("commonmark").parse(text) for c in t.children or []]
    assert breaks.count("hardbreak") == 4  # three in the review note, one in the quote's
    assert "softbreak" not in breaks  # no line break left to be read as a space
