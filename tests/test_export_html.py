"""`contested export --format html`: a self-contained, escaped, deterministic report, read
back in a real browser (headless Chromium: `--dump-dom` gives the DOM it built, and
`--screenshot` a picture). The browser tests are skipped only where `chromium` is absent
(`.ci/run` installs it)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import BUNDLED
from export_support import ATTR, DISPUTE_ID, HOSTILE_TEXT, SCRIPT, hostile, selection

from claims.export import exporters
from claims.export.html import Ids, esc, marked

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no `chromium` on PATH (.ci/run installs Debian's package)"
)


def html_of(root: Path, *ids: str) -> bytes:
    casebook, chosen = selection(root, *ids)
    return exporters()["html"].render(casebook, chosen)


def browser(page: Path, tmp_path: Path, *args: str) -> str:
    """Run headless Chromium on `page` with `args`; its stdout."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-first-run", *args, page.as_uri()],
        capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def rendered(data: bytes, tmp_path: Path) -> Any:
    """The DOM Chromium builds from `data` (as an lxml tree)."""
    page = tmp_path / "report.html"
    page.write_bytes(data)
    dom = browser(page, tmp_path, "--dump-dom")
    assert "<body" in dom
    return lxml.html.document_fromstring(dom)


def assert_inert(root: Any) -> None:
    """No script, no event handler, no javascript: (or other non-http) link or source, no
    element that loads anything."""
    assert root.xpath("//script") == []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name.lower() in ("href", "src", "action", "formaction", "srcset", "data"):
                target = re.sub(r"\s", "", value).lower()
                assert target.startswith(("#", "http://", "https://")), (element.tag, value)
    assert root.xpath("//iframe|//object|//embed|//img|//link|//base|//form") == []
    # The one SVG is the timeline's (claims/export/_htmltimeline.py): drawn shapes, text and
    # same-page links only; nothing in it that loads, runs or animates anything.
    unsafe = {"script", "foreignobject", "image", "use", "animate", "set", "animatemotion",
              "animatetransform", "iframe", "style"}  # fmt: skip
    for svg in root.iter("svg"):
        assert svg.get("class") == "timeline", svg.attrib
        assert svg.xpath("ancestor::section[@id='timeline']"), "an SVG outside the timeline"
        for element in svg.iter():
            if isinstance(element.tag, str):
                assert element.tag.rsplit("}", 1)[-1].lower() not in unsafe, element.tag
            for name, value in element.attrib.items():
                if name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() == "href":
                    assert value.startswith("#"), (element.tag, value)
    assert len(root.xpath("//style")) == 1


def assert_headings_in_order(root: Any) -> None:
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_the_report_is_self_contained_deterministic_and_linked(tmp_path: Path) -> None:
    data = html_of(BUNDLED)
    assert data == html_of(BUNDLED)  # same input, same bytes
    text = data.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "@media print" in text
    root = lxml.html.document_fromstring(data)
    assert_inert(root)
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))
    for href in root.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href
    for a in root.xpath("//a[starts-with(@href, 'http')]"):
        assert a.get("rel") == "noopener noreferrer"


def test_one_dispute_brings_only_its_sources(tmp_path: Path) -> None:
    root = lxml.html.document_fromstring(html_of(BUNDLED, "cause-of-death"))
    assert len(root.xpath("//section[@class='dispute']")) == 1
    assert len(root.xpath("//section[@class='source']")) == 2  # it cites both pieces


def test_ids_are_safe_and_unique() -> None:
    ids = Ids()
    made = [ids.of("d", raw) for raw in ('a"b', "a_22_b", "a b", "é", "a-b", 'a"b')]
    assert made[0] == made[-1]  # the same raw id, the same HTML id
    assert len(set(made[:-1])) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", m) for m in made)


def test_marked_escapes_and_merges_overlaps() -> None:
    assert marked("a<b>c&d", [(1, 4), (3, 5)]) == "a<mark>&lt;b&gt;c</mark>&amp;d"
    assert esc("\"'\x1b") == "&quot;&#x27;␛"


@needs_chromium
def test_in_chromium_each_quote_is_marked_in_its_paragraph_and_linked(tmp_path: Path) -> None:
    root = rendered(html_of(BUNDLED), tmp_path)
    assert_inert(root)
    assert_headings_in_order(root)
    assert root.xpath("//nav//a[@href='#sources']")
    figures = root.xpath("//section[@class='dispute']//figure")
    assert len(figures) == 111  # every evidence of the bundled casebook
    for figure in figures:
        (paragraph,) = figure.xpath(".//blockquote/p[@data-paragraph]")
        (mark,) = paragraph.xpath("./mark")
        assert mark.text_content().strip()
        (link,) = figure.xpath(".//figcaption/a[starts-with(@href, '#')]")
        assert link.text_content() == "¶" + paragraph.get("data-paragraph")
        (target,) = root.xpath(f"//*[@id='{link.get('href')[1:]}']")
        assert target.tag == "p"
        assert mark.text_content() in target.text_content()
        assert target.xpath("./mark")  # highlighted in the full text too
        back = target.xpath(f".//a[@href='#{figure.get('id')}']")
        assert back, "the paragraph links back to the quote"
    for section in root.xpath("//section[@class='source']"):
        assert section.get("lang") == "en"


@needs_chromium
def test_in_chromium_a_hostile_casebook_gives_no_executable_content(tmp_path: Path) -> None:
    root = rendered(html_of(hostile(tmp_path / "case")), tmp_path)
    assert_inert(root)
    assert_headings_in_order(root)
    assert root.findtext(".//title").startswith(SCRIPT)  # shown as text, whole
    assert root.xpath("//h1")[0].text_content().startswith(f"{SCRIPT} {ATTR} </style>")
    holders = [h.text_content() for h in root.xpath("//article/h3")]
    assert holders == [SCRIPT, "*x*", "# hash holder"]
    marks = [m.text_content() for m in root.xpath("//figure//mark")]
    assert f"said {SCRIPT} and then </style><b>bold</b> {ATTR} happened" in marks
    assert root.xpath("//b") == []  # the source's <b> is text, not bold
    for element in root.iter():  # every id the report made is plain
        if isinstance(element.tag, str) and element.get("id"):
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element.get("id"))
    assert DISPUTE_ID in root.xpath("//p[@class='meta']")[0].text_content()
    # the javascript: URL is text; the https one with a quote in it is text too (not a
    # plain address), and nothing is a link to anywhere but the file itself
    assert "javascript:alert(1)" in root.text_content()
    assert root.xpath("//a[not(starts-with(@href, '#'))]") == []
    assert HOSTILE_TEXT.split("\n\n")[2] in root.text_content()
    # no lang attribute carries the hostile values
    assert {e.get("lang") for e in root.xpath("//*[@lang]")} == {"en"}


def test_a_hostile_casebook_gives_no_markup_without_a_browser(tmp_path: Path) -> None:
    data = html_of(hostile(tmp_path / "case"))
    assert b"<script" not in data.lower()
    assert b"javascript:alert(1)" in data  # as text
    assert b'href="javascript' not in data
    assert_inert(lxml.html.document_fromstring(data))


@needs_chromium
def test_screenshot_shows_the_report(tmp_path: Path) -> None:
    """The report renders to a picture (looked at by hand: see the report of issue 13)."""
    page = tmp_path / "report.html"
    page.write_bytes(html_of(BUNDLED, "cause-of-death"))
    shot = tmp_path / "shot.png"
    browser(page, tmp_path, "--window-size=1280,1400", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1400)
    assert len(data) > 50_000  # text and colour, not a blank page


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_meet_wcag_aa_contrast() -> None:
    from claims.export._htmlstyle import CSS

    colours = dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", CSS))
    for text in ("ink", "muted", "link"):
        for ground in ("paper", "panel", "mark"):
            if text == "link" and ground == "mark":
                continue  # no link is drawn on a highlight
            light, dark = sorted((_luminance(colours[text]), _luminance(colours[ground])))
            assert (dark + 0.05) / (light + 0.05) >= 4.5, (text, ground)
