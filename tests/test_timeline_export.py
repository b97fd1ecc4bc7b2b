"""The timeline in the HTML export (issue 16, part 3): an inline SVG, one row per dated
dispute, a mark per citing source at its publication date linked to its quote, with a
tooltip; read back in headless Chromium (`--dump-dom`; a `--screenshot` that is not blank,
looked at by hand), every casebook string inert."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time
from pathlib import Path
from typing import Any

import lxml.html
from conftest import BUNDLED, make_casebook
from export_support import HOSTILE, HOSTILE_TEXT, REVIEW, SCRIPT
from test_export_html import CHROMIUM, browser, html_of, needs_chromium, rendered

from claims.export._htmlsection import Section
from claims.export._htmltimeline import REPEAT, ROW, section
from claims.export.html import esc
from claims.loader import load
from claims.model import Casebook, Dispute, Evidence, Location, Position, Side, Source
from claims.timeline import build_timeline

UNSAFE = {"script", "foreignobject", "image", "use", "animate", "set", "animatemotion",
          "animatetransform", "iframe", "style"}  # fmt: skip


def svg_of(root: Any) -> Any:
    (svg,) = root.xpath("//section[@id='timeline']//*[local-name()='svg']")
    return svg


def assert_svg_inert(root: Any) -> None:
    """The only SVG is the timeline's, and it holds shapes, text and same-page links."""
    svgs = root.xpath("//*[local-name()='svg']")
    assert len(svgs) == 1
    for element in svgs[0].iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag.rsplit("}", 1)[-1].lower() not in UNSAFE, element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() == "href":
                assert value.startswith("#"), value
    assert root.xpath("//script") == []


def marks(svg: Any) -> list[Any]:
    return svg.xpath(".//*[local-name()='a'][@class='tl-mark']")


def mark_x(mark: Any) -> float:
    """Where a mark stands: its circle's centre, or where its slices meet."""
    shape = mark.xpath("./*[local-name()='circle' or local-name()='path']")[0]
    if shape.get("cx") is not None:
        return float(shape.get("cx"))
    return float(re.findall(r"[\d.]+", shape.get("d"))[0])


def title(element: Any) -> str:
    (text,) = element.xpath("./*[local-name()='title']/text()")
    return str(text)


def test_bundled_rows_marks_links_and_tooltips() -> None:
    data = html_of(BUNDLED)
    root = lxml.html.document_fromstring(data)
    assert_svg_inert(root)
    svg = svg_of(root)
    timeline = build_timeline(load(BUNDLED).casebook)
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == (
        "Timeline of 13 dated disputes from 25 Dec 2024 to 2 Jul 2025, with 18 dated "
        "citations by 2 dated sources"
    )
    rows = svg.xpath(".//*[@class='tl-event-row']")
    assert [r.get("data-dispute") for r in rows] == [e.dispute for e in timeline.events]
    dated = [(c.dispute, c.source) for e in timeline.events for c in e.citations]
    assert [(m.xpath("..")[0].get("data-dispute"), m.get("data-source")) for m in marks(svg)] == (
        dated
    )
    ids = set(root.xpath("//@id"))
    for link in svg.xpath(".//*[local-name()='a']"):
        assert link.get("href")[1:] in ids, link.get("href")
    (death,) = [r for r in rows if r.get("data-dispute") == "cause-of-death"]
    first, second = marks(death)
    assert title(first) == "pushes-back, 1 Jul 2025, 4 days after (Families of the detained)"
    assert title(second) == (
        "tortured-in-baku, 2 Jul 2025, 5 days after (Russian authorities; Azerbaijani authorities)"
    )
    # The first mark links to the family's quote in this dispute's section.
    (figure,) = root.xpath(f"//*[@id='{first.get('href')[1:]}']")
    dispute = figure.xpath("./ancestor::section[@class='dispute']/h2")[0].get("id")
    assert death.xpath(".//*[@class='tl-ev']")[0].get("href") == f"#{dispute}"
    # ◆ at the event, then the marks to its right by publication date.
    (diamond,) = death.xpath(".//*[@class='tl-event']")
    event_x = float(re.findall(r"[\d.]+", diamond.get("d"))[0])
    xs = [mark_x(m) for m in (first, second)]
    assert event_x < xs[0] < xs[1]
    # One slice per side: the second source is cited by two sides.
    assert len(second.xpath("./*[local-name()='path']")) == 2
    fills = [p.get("fill") for p in second.xpath("./*[local-name()='path']")]
    assert fills == ["#ff6b6b", "#4fc3f7"]  # the casebook's colours for the two
    # The sources along the top, linked to their text.
    pubs = svg.xpath(".//*[@class='tl-pub']")
    assert [p.get("data-source") for p in pubs] == ["pushes-back", "tortured-in-baku"]
    assert all(p.get("href")[1:] in ids for p in pubs)
    assert title(pubs[0].xpath("./*")[0]).startswith(
        "“Azerbaijan pushes back against Russian power”, 1 Jul 2025, cites 23 disputes"
    )
    assert root.xpath("//nav//a[@href='#timeline']")
    (left_out,) = root.xpath("//section[@id='timeline']/p[starts-with(., 'Not on')]")
    assert left_out.text_content().startswith("Not on the timeline: 13 disputes without a date")
    assert len(left_out.xpath(".//a")) == 13


def test_one_dispute_exported_one_row() -> None:
    svg = svg_of(lxml.html.document_fromstring(html_of(BUNDLED, "cause-of-death")))
    assert len(svg.xpath(".//*[@class='tl-event-row']")) == 1
    assert len(marks(svg)) == 2


def test_no_dated_disputes_no_drawing(tmp_path: Path) -> None:
    root = lxml.html.document_fromstring(html_of(BUNDLED, "brothers-names", "leaders-role"))
    (part,) = root.xpath("//section[@id='timeline']")
    assert part.xpath(".//*[local-name()='svg']") == []
    assert "No dated disputes" in part.text_content()


def dated_hostile(root: Path) -> Path:
    """The export tests' hostile casebook, dated, a title with `&` and quotes."""
    text = HOSTILE.replace(
        "    description: '[a](javascript", "    date: 2025-06-27\n    description: '[a](javascript"
    )
    text = text.replace(
        "    file: sources/s.txt\n", "    file: sources/s.txt\n    published: 2025-07-01\n"
    )
    text = text.replace(
        "    title: Web source\n",
        "    title: 'Web & \"quoted\" <b>source</b>'\n    published: 2025-06-20\n",
    )
    return make_casebook(
        root,
        text,
        {"sources/s.txt": HOSTILE_TEXT, "sources/w.txt": "The web says so plainly.\n"},
        {"review.yaml": REVIEW},
    )


def test_hostile_strings_are_text_in_the_svg(tmp_path: Path) -> None:
    data = html_of(dated_hostile(tmp_path / "h"))
    text = data.decode("utf-8")
    start = text.index('<section id="timeline"')
    part = text[start : text.index("</section>", start)]
    assert "<script" not in part
    assert "<b>" not in part
    assert "&lt;script&gt;" in part
    assert "&amp;" in part
    assert "&quot;quoted&quot;" in part
    root = lxml.html.document_fromstring(data)
    assert_svg_inert(root)
    svg = svg_of(root)
    (row,) = svg.xpath(".//*[@class='tl-event-row']")
    assert row.get("data-dispute") == 'd1"><script>alert(3)</script>'
    (label,) = row.xpath(".//*[@class='tl-row']")
    assert label.text.startswith(f"2025-06-27 {SCRIPT}")  # clipped, as text
    assert title(label) == f"{SCRIPT} </style> # q (27 Jun 2025)"
    sources = [m.get("data-source") for m in marks(svg)]
    assert sources == ["w", 's" onload="x']  # by publication: w came first
    assert title(marks(svg)[0]) == "w, 20 Jun 2025, 7 days before (*x*)"
    (pub,) = [p for p in svg.xpath(".//*[@data-source='w']") if p.get("class") == "tl-pub"]
    assert title(pub.xpath("./*")[0]).startswith('“Web & "quoted" <b>source</b>”, 20 Jun 2025')


def synthetic(events: int) -> Casebook:
    """A casebook of `events` dated disputes, each cited by two of 200 dated sources."""
    here = Location(Path("casebook.yaml"))
    base = dt.date(2024, 1, 1)
    sources = {
        f"s{n}": Source(f"s{n}", f"s{n}.txt", f"Source {n}", here,
                        published=base + dt.timedelta(days=(n * 7) % 700))
        for n in range(200)
    }  # fmt: skip
    sides = {"a": Side("a", "A", "#e74c3c", here), "b": Side("b", "B", "#2e86de", here)}
    disputes = tuple(
        Dispute(
            f"d{n}",
            f"Question {n} & <co>?",
            (
                Position("a", "H", "C", (Evidence(f"s{n % 200}", "q", here),), here),
                Position("b", "H", "C", (Evidence(f"s{(n * 3) % 200}", "q", here),), here),
            ),
            here,
            date=base + dt.timedelta(days=(n * 13) % 650),
        )
        for n in range(events)
    )
    return Casebook(Path("."), Path("casebook.yaml"), "Big", sides, sources, disputes)


def test_three_thousand_events_fixed_rows_growing_height() -> None:
    casebook = synthetic(3000)
    started = time.perf_counter()
    part = section(
        Section(
            casebook, casebook.disputes, [], esc, lambda s: None, lambda d: f"d-{d.id}",
            lambda r: "q", lambda c: True,
        )
    )  # fmt: skip
    took = time.perf_counter() - started
    svg = svg_of(lxml.html.fragment_fromstring(part))
    rows = svg.xpath(".//*[@class='tl-event-row']")
    assert len(rows) == 3000
    assert len(marks(svg)) == sum(len({f"s{n % 200}", f"s{(n * 3) % 200}"}) for n in range(3000))
    height = int(svg.get("height"))
    bands = (3000 - 1) // REPEAT
    assert height == int((svg.get("viewBox") or svg.get("viewbox")).split()[3])
    ys = [float(r.xpath(".//*[@class='tl-row']")[0].get("y")) for r in rows]
    steps = {round(b - a) for a, b in itertools.pairwise(ys)}
    assert steps == {ROW, 2 * ROW}  # a row each, and a band of axis labels every REPEAT rows
    assert ys[-1] < height
    assert height > (3000 + bands) * ROW
    assert len(svg.xpath(".//*[@class='tl-band']")) == bands
    assert len(part) < 3_000_000, len(part)  # about 1 KB a row
    assert took < 5, took


def test_section_without_disputes_is_empty() -> None:
    casebook = synthetic(1)
    nothing = Section(casebook, (), [], esc, lambda s: None, lambda d: "", lambda r: "", str)
    assert section(nothing) == ""


@needs_chromium
def test_in_chromium_the_svg_is_drawn_with_its_marks(tmp_path: Path) -> None:
    root = rendered(html_of(BUNDLED), tmp_path)
    assert_svg_inert(root)
    svg = svg_of(root)
    assert len(svg.xpath(".//*[@class='tl-event-row']")) == 13
    assert len(marks(svg)) == 18
    assert len(svg.xpath(".//*[@class='tl-pub']")) == 2


@needs_chromium
def test_in_chromium_hostile_strings_stay_text(tmp_path: Path) -> None:
    root = rendered(html_of(dated_hostile(tmp_path / "h")), tmp_path)
    assert_svg_inert(root)
    (label,) = svg_of(root).xpath(".//*[@class='tl-row']")
    assert label.text_content().startswith(f"2025-06-27 {SCRIPT}")


@needs_chromium
def test_screenshot_of_the_timeline_is_not_blank(tmp_path: Path) -> None:
    """The drawing renders (looked at by hand, see the report of issue 16)."""
    from PIL import Image

    assert CHROMIUM is not None
    data = html_of(BUNDLED).decode("utf-8")
    head = data[: data.index("<body>") + len("<body>")]
    start = data.index('<section id="timeline"')
    page = tmp_path / "timeline.html"
    page.write_text(head + data[start : data.index("</section>", start)] + "</section>")
    shot = tmp_path / "timeline.png"
    browser(page, tmp_path, "--window-size=1280,700", f"--screenshot={shot}")
    with Image.open(shot) as picture:
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20) or []
    seen = {rgb for _count, rgb in colours}
    assert len(seen) > 50  # text, shapes, anti-aliasing: not a blank page
    # The side colours of the marks are on the screen (the casebook's #ff6b6b, #4fc3f7).
    for want in ((0xFF, 0x6B, 0x6B), (0x4F, 0xC3, 0xF7)):
        assert want in seen, want


def test_negative_lags_and_what_is_left_out(tmp_path: Path) -> None:
    from test_timeline import SOURCES
    from test_timeline_cli import CLEAN

    root = lxml.html.document_fromstring(html_of(make_casebook(tmp_path / "c", CLEAN, SOURCES)))
    svg = svg_of(root)
    (raid,) = svg.xpath(".//*[@data-dispute='raid']")
    early, late = marks(raid)  # the undated source has no mark
    assert title(early) == "early, 20 Jun 2025, 7 days before (Police)"
    assert title(late) == "late, 5 Jul 2025, 8 days after (Police; Families)"
    (diamond,) = raid.xpath(".//*[@class='tl-event']")
    event_x = float(re.findall(r"[\d.]+", diamond.get("d"))[0])
    assert mark_x(early) < event_x < mark_x(late)  # the notice came first
    (uncited,) = svg.xpath(".//*[@data-dispute='uncited']")
    assert marks(uncited) == []
    (left_out,) = root.xpath("//section[@id='timeline']/p[starts-with(., 'Not on')]")
    assert left_out.text_content() == (
        "Not on the timeline: 2 citations of sources without a published date; 1 source "
        "without a published date (Undated note); 1 dispute without a date (undated)."
    )
    ids = set(root.xpath("//@id"))
    assert [a.get("href")[1:] in ids for a in left_out.xpath(".//a")] == [True, True]
