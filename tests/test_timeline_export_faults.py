"""Faults a tester found in the HTML report's timeline (session 22), each pinned by a test:
many sources published on one date drawn on top of one another, so that only the top
mark's link and tooltip could be reached and one side's marks were hidden (F2)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import lxml.html
from conftest import BUNDLED, make_casebook
from test_export_html import CHROMIUM, browser, html_of, needs_chromium
from test_timeline_export import assert_svg_inert, mark_x, marks, svg_of, title

SAME_DAY = 12  # sources published on 2025-05-01, half cited by each side


def crowded_yaml() -> tuple[str, dict[str, str]]:
    """15 sources (12 published 2025-05-01, 3 on other days), 3 dated disputes: each cited
    by the 12 (6 for side A, 6 for side B) and one of the 3 others."""
    lines = [
        "title: Crowded",
        "sides:",
        '  a: {label: Side A, colour: "#e74c3c"}',
        '  b: {label: Side B, colour: "#2e86de"}',
        "sources:",
    ]
    files = {}
    for n in range(1, 16):
        day = "2025-05-01" if n <= SAME_DAY else f"2025-05-{10 + n:02d}"
        lines.append(f"  s{n}: {{file: sources/s{n}.txt, title: Report {n}, published: {day}}}")
        files[f"sources/s{n}.txt"] = f"Report {n} says so.\n"
    lines.append("disputes:")
    for d in range(1, 4):
        lines += [
            f"  - id: d{d}",
            f"    question: What happened in case {d}?",
            f"    date: 2025-04-{10 + d * 3:02d}",
            "    positions:",
        ]
        for side, numbers in (("a", range(1, 7)), ("b", range(7, SAME_DAY + 1))):
            lines += [f"      - side: {side}", "        holder: H", "        claim: C.",
                      "        evidence:"]  # fmt: skip
            extra = [SAME_DAY + d] if side == "b" else []
            for n in [*numbers, *extra]:
                lines.append(f"          - {{source: s{n}, quote: Report {n} says so.}}")
    return "\n".join(lines) + "\n", files


def crowded(tmp_path: Path) -> Path:
    text, files = crowded_yaml()
    return make_casebook(tmp_path / "crowded", text, files)


def rows_of(svg: Any) -> dict[str, Any]:
    return {r.get("data-dispute"): r for r in svg.xpath(".//*[@class='tl-event-row']")}


def counts(element: Any) -> list[Any]:
    return element.xpath(".//*[@class='tl-more']")


def square_at(square: Any) -> tuple[float, float]:
    (rect,) = square.xpath("./*[local-name()='rect']")
    return float(rect.get("x")), float(rect.get("y"))


def test_marks_of_one_date_stand_apart_and_the_rest_are_counted(tmp_path: Path) -> None:
    """F2: each row's 12 marks of 2025-05-01 (6 per side) were drawn at one x, side A's
    under side B's; now 5 stand side by side (both sides among them) and a "+7" links to
    the dispute, its tooltip naming the 7 others; nothing is drawn on anything else."""
    root = lxml.html.document_fromstring(html_of(crowded(tmp_path)))
    assert_svg_inert(root)
    svg = svg_of(root)
    ids = set(root.xpath("//@id"))
    rows = rows_of(svg)
    assert sorted(rows) == ["d1", "d2", "d3"]
    for dispute, row in rows.items():
        drawn = marks(row)
        xs = sorted(mark_x(m) for m in drawn)
        assert all(b - a >= 9 for a, b in itertools.pairwise(xs)), xs  # 9 px wide
        assert len(drawn) == 6  # 5 of 1 May and the one of later
        assert {m.get("data-sides") for m in drawn} == {"a", "b"}
        (more,) = counts(row)
        assert "".join(more.xpath(".//text()[not(ancestor::*[local-name()='title'])]")) == "+7"
        hidden = more.get("data-sources").split()
        assert len(hidden) == 7
        shown = [m.get("data-source") for m in drawn]
        n = int(dispute[1:])
        assert sorted(shown + hidden) == sorted([f"s{k}" for k in range(1, 13)] + [f"s{12 + n}"])
        tip = title(more)
        assert tip.startswith("7 more citations: ")
        assert all(f"{s}, 1 May 2025, " in tip for s in hidden)
        assert more.get("href")[1:] in ids  # the dispute
        (diamond,) = row.xpath(".//*[@class='tl-event']")
        link = diamond.getparent().get("href")
        assert more.get("href") == link
        count_x = float(more.xpath("./*[local-name()='text']")[0].get("x"))
        assert all(abs(count_x - x) >= 12 for x in xs)  # beside the marks, not on one


def test_sources_of_one_date_stack_then_are_counted(tmp_path: Path) -> None:
    """F2: the 12 squares of 2025-05-01 stacked 6 high, the other 6 drawn over the top
    one; now 6 stack and a "+6" below them names the rest, each square on a place of its
    own."""
    svg = svg_of(lxml.html.document_fromstring(html_of(crowded(tmp_path))))
    squares = svg.xpath(".//*[@class='tl-pub']")
    places = [square_at(s) for s in squares]
    assert len(set(places)) == len(places)  # no square on another
    (more,) = [c for c in counts(svg) if c.xpath("ancestor::*[@class='tl-event-row']") == []]
    hidden = more.get("data-sources").split()
    assert len(hidden) == 6
    assert sorted([s.get("data-source") for s in squares] + hidden) == sorted(
        f"s{n}" for n in range(1, 16)
    )
    tip = title(more)
    assert tip.startswith("6 more sources here: ")
    assert all(f"“Report {s[1:]}”, 1 May 2025" in tip for s in hidden)
    lowest = max(y for _x, y in places)
    assert float(more.xpath("./*[local-name()='rect']")[0].get("y")) > lowest + 8
    first_row = min(float(t.get("y")) for t in svg.xpath(".//*[@class='tl-row']"))
    assert float(more.xpath("./*[local-name()='rect']")[0].get("y")) + 11 < first_row - 4


def test_the_bundled_marks_stand_apart_within_the_drawing() -> None:
    """The bundled casebook's marks a day apart (1 and 2 Jul 2025) no longer overlap, and
    those pushed right past the plot are inside the drawing (its viewBox widened)."""
    svg = svg_of(lxml.html.document_fromstring(html_of(BUNDLED)))
    width = float((svg.get("viewBox") or svg.get("viewbox")).split()[2])
    assert counts(svg) == []  # two sources: nothing to count
    for row in rows_of(svg).values():
        xs = sorted(mark_x(m) for m in marks(row))
        assert all(b - a >= 9 for a, b in itertools.pairwise(xs)), xs
        assert all(x + 4.5 <= width for x in xs)


PROBE = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const out = [];
  for (const a of document.querySelectorAll("a.tl-mark, a.tl-more, a.tl-pub")) {
    a.scrollIntoView({block: "center", inline: "center"});
    const box = a.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    out.push((hit && hit.closest("a") === a ? "ok " : "hidden ") + a.getAttribute("class"));
  }
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = out.join("\\n");
  document.body.append(pre);
});
</script>"""


@needs_chromium
def test_in_chromium_every_mark_and_count_is_on_top_where_it_stands(tmp_path: Path) -> None:
    """In the browser, the point at the middle of each mark, count and square is that
    link's (its tooltip and link reachable there), and side A's red is on the screen."""
    from PIL import Image

    assert CHROMIUM is not None
    data = html_of(crowded(tmp_path)).decode("utf-8")
    page = tmp_path / "probe.html"
    probed = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", data)  # the probe
    page.write_text(probed.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    root = lxml.html.document_fromstring(browser(page, tmp_path, "--window-size=1400,1600",
                                                 "--dump-dom"))  # fmt: skip
    (probe,) = root.xpath("//pre[@id='probe']")
    lines = probe.text_content().splitlines()
    hidden = [line for line in lines if not line.startswith("ok ")]
    assert hidden == [], hidden
    assert len(lines) == 3 * 7 + 9 + 1  # 6 marks and a count a row; 9 squares, a count
    shot = tmp_path / "timeline.png"
    start = data.index('<section id="timeline"')
    alone = tmp_path / "timeline.html"
    alone.write_text(
        data[: data.index("<body>") + 6] + data[start : data.index("</section>", start)],
        encoding="utf-8",
    )
    browser(alone, tmp_path, "--window-size=1400,900", f"--screenshot={shot}")
    with Image.open(shot) as picture:
        colours = {rgb: n for n, rgb in picture.convert("RGB").getcolors(1 << 20) or []}
    assert colours.get((0xE7, 0x4C, 0x3C), 0) > 3 * 3 * 30  # side A's marks are seen
