"""Faults a fresh tester found in `contested timeline` and the HTML export's timeline SVG
(issue 16, part 3): a page's own date and title, a very long span's axis, plurals, line
breaks in a question, the SVG's layout, and what `check` says of an impossible date."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import RunCli, make_casebook

from claims.loader import load
from claims.timeline import build_timeline
from claims.timeline.scale import GRAINS, LONGEST_LABEL, Scale

D = dt.date

PAGE = """\
<!doctype html><html><head><title>Test page</title>
<meta property="og:title" content="Test page">
<meta property="og:site_name" content="Outlet">
<meta property="article:published_time" content="2025-07-04">
</head><body><article><p>The raid began at dawn.</p></article></body></html>
"""

PAGE_CASEBOOK = """\
title: Page test
sides:
  police: {label: Police, colour: "#ff0000"}
sources:
  page: {file: sources/page.html}
disputes:
  - id: raid
    question: When did the raid begin?
    date: 2025-07-01
    positions:
      - side: police
        holder: Police
        claim: At dawn.
        evidence:
          - {source: page, quote: The raid began at dawn.}
"""


def page_root(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "p", PAGE_CASEBOOK, {"sources/page.html": PAGE})


# F3 ------------------------------------------------------------------------------------


def test_a_pages_own_date_and_title_place_it(run_cli: RunCli, tmp_path: Path) -> None:
    root = page_root(tmp_path)
    code, out, err = run_cli("timeline", root, "--format", "json")
    assert code == 0, err
    shape = json.loads(out)
    (publication,) = shape["publications"]
    assert publication["published"] == "2025-07-04"
    assert publication["title"] == "Test page"
    assert publication["outlet"] == "Outlet"
    (citation,) = shape["events"][0]["citations"]
    assert citation["published"] == "2025-07-04"
    assert citation["lag_days"] == 3
    code, out, err = run_cli("timeline", root)
    assert "without a published date" not in out
    assert "2025-07-04  ■ page  “Test page” (Outlet)" in out


def test_the_exports_timeline_agrees_with_its_sources_section(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = page_root(tmp_path)
    target = tmp_path / "out.html"
    code, _, err = run_cli("export", root, "--format", "html", "-o", target)
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    timeline = html[html.index('<section id="timeline"') :]
    timeline = timeline[: timeline.index("</section>")]
    assert "without a published date" not in timeline
    assert "“Test page” (Outlet), 4 Jul 2025" in timeline  # the source's square's tooltip
    assert "page, 4 Jul 2025, 3 days after" in timeline  # the citation's mark


# F5 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [(D(1, 1, 1), D(9999, 12, 31)), (D(205, 7, 1), D(2025, 7, 1)), (D(1900, 1, 1), D(2025, 1, 1))],
)
@pytest.mark.parametrize("width", [40, 80, 688])
def test_ticks_never_crowd_over_a_long_span(start: dt.date, end: dt.date, width: int) -> None:
    scale = Scale.fit(start, end, width, snap=False)
    gap = LONGEST_LABEL + 1
    ticks = scale.ticks(gap)
    assert ticks, "an axis keeps at least one label"
    assert len(ticks) <= width / gap + 1
    offsets = [t.offset for t in ticks]
    # N years are at least N × 365 days, the grain is chosen by N × 365.25
    assert all(b - a >= gap * 365 / 365.25 for a, b in itertools.pairwise(offsets))
    assert all(0 <= o <= scale.width for o in offsets)
    years = [t.day.year for t in ticks]
    steps = {b - a for a, b in itertools.pairwise(years)}
    assert len(steps) <= 1  # evenly spaced
    assert all(re.fullmatch(r"\d{1,4}", t.label) for t in ticks)


def test_ticks_at_app_zoom_on_a_long_span() -> None:
    # The app scrolls a snapped scale: ticks over 10,000 years at the coarsest zoom.
    scale = Scale.fit(D(1, 1, 1), D(9999, 12, 31), 80)
    ticks = scale.ticks(LONGEST_LABEL + 1)
    offsets = [t.offset for t in ticks]
    assert all(b - a >= LONGEST_LABEL + 1 for a, b in itertools.pairwise(offsets))
    assert scale.grain(LONGEST_LABEL + 1) in {name for name, _ in GRAINS}


def test_short_spans_keep_their_ticks() -> None:
    scale = Scale.fit(D(2025, 6, 3), D(2025, 7, 10), 80)
    assert [t.label for t in scale.ticks(12)][:2] == ["9 Jun 2025", "16 Jun"]


LONG_SPAN = """\
title: Long span
sides:
  police: {label: Police, colour: "#ff0000"}
sources:
  old: {file: sources/a.txt, title: Old, published: 0001-01-01}
  new: {file: sources/a.txt, title: New, published: 9999-12-31}
disputes:
  - id: raid
    question: When did the raid begin?
    date: 2025-07-01
    positions:
      - side: police
        holder: Police
        claim: At dawn.
        evidence:
          - {source: old, quote: The raid began at dawn.}
          - {source: new, quote: The raid began at dawn.}
"""


def export_html(run_cli: RunCli, tmp_path: Path, casebook: str, **files: str) -> str:
    sources = {"sources/a.txt": "The raid began at dawn.\n", **files}
    root = make_casebook(tmp_path / "c", casebook, sources)
    target = tmp_path / "out.html"
    code, _, err = run_cli("export", root, "--format", "html", "-o", target)
    assert code == 0, err
    return target.read_text(encoding="utf-8")


def svg_of(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def test_svg_axis_of_ten_thousand_years(run_cli: RunCli, tmp_path: Path) -> None:
    svg = svg_of(export_html(run_cli, tmp_path, LONG_SPAN))
    grid = re.findall(r'<line class="tl-grid" x1="([\d.]+)"', svg)
    assert 2 <= len(grid) <= 12
    xs = [float(x) for x in grid]
    assert all(b - a >= 72 for a, b in itertools.pairwise(xs))


# F7 ------------------------------------------------------------------------------------


ONE = LONG_SPAN.replace("          - {source: new, quote: The raid began at dawn.}\n", "")


def test_svg_summary_counts_in_good_english(run_cli: RunCli, tmp_path: Path) -> None:
    svg = svg_of(export_html(run_cli, tmp_path, ONE))
    label = re.search(r'aria-label="([^"]*)"', svg)
    assert label is not None
    assert label.group(1).startswith("Timeline of 1 dated dispute from ")
    assert label.group(1).endswith("with 1 dated citation by 1 dated source")
    assert f"<title>{label.group(1)}</title>" in svg


# F8 ------------------------------------------------------------------------------------


BROKEN_QUESTION = LONG_SPAN.replace(
    "question: When did the raid begin?", 'question: "When did\\n the raid\\tbegin?"'
).replace("question: When did the raid begin?", "")


def test_a_question_with_line_breaks_stays_on_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "c", BROKEN_QUESTION, {"sources/a.txt": "The raid.\n"})
    code, out, err = run_cli("timeline", root)
    assert code == 0, err
    assert "2025-07-01  ◆ raid  When did the raid begin?" in out.splitlines()
    assert "\t" not in out
    code, out, _ = run_cli("timeline", root, "--format", "json")
    assert json.loads(out)["events"][0]["question"] == "When did\n the raid\tbegin?"


# F9 ------------------------------------------------------------------------------------


def labelled(question: str) -> str:
    return LONG_SPAN.replace("When did the raid begin?", question)


def row_label(svg: str) -> tuple[str, str]:
    match = re.search(r'<text class="tl-row"[^>]*>([^<]*)<title>([^<]*)</title></text>', svg, re.S)
    assert match is not None
    return match.group(1), match.group(2)


def test_a_wide_label_is_cut_to_its_column(run_cli: RunCli, tmp_path: Path) -> None:
    from claims.export._htmltimeline import GUTTER, label_width

    question = "W" * 60
    shown, title = row_label(svg_of(export_html(run_cli, tmp_path, labelled(question))))
    assert shown.endswith("…")
    assert label_width(shown) <= GUTTER - 8
    assert question in title  # the whole of it in the tooltip


def test_a_label_is_not_cut_inside_an_emoji(run_cli: RunCli, tmp_path: Path) -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"
    question = "Who was there? " + "a" * 30 + family * 6
    shown, _ = row_label(svg_of(export_html(run_cli, tmp_path, labelled(question))))
    assert shown.endswith("…")
    kept = shown[:-1]
    assert not kept.endswith("\u200d")
    assert kept.count("\u200d") == 3 * kept.count("👨")  # whole families only
    accent = "Qui était là ? " + "e\u0301" * 80
    shown, _ = row_label(svg_of(export_html(run_cli, tmp_path / "2", labelled(accent))))
    assert shown[:-1].endswith("e\u0301")


SAME_DAY = LONG_SPAN.replace("published: 9999-12-31", "published: 2025-07-01")


def test_a_same_day_citation_leaves_the_event_clickable(run_cli: RunCli, tmp_path: Path) -> None:
    svg = svg_of(export_html(run_cli, tmp_path, SAME_DAY))
    row = svg[svg.index('<g class="tl-event-row"') :]
    row = row[: row.index("</g>")]
    event = re.search(r'<a class="tl-ev".*?</a>', row)
    assert event is not None
    marks = [m.start() for m in re.finditer(r'<a class="tl-mark"', row)]
    assert marks
    # The ◆ is drawn last (on top) so its link is what a click on it reaches.
    assert event.start() > max(marks)


def test_the_svg_does_not_shrink_below_readable(run_cli: RunCli, tmp_path: Path) -> None:
    html = export_html(run_cli, tmp_path, SAME_DAY)
    rule = re.search(r"svg\.timeline \{[^}]*\}", html)
    assert rule is not None
    assert re.search(r"min-width: *\d+px", rule.group(0))


# F12 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2025-02-30", "'2025-02-30' is not a day of the calendar (February 2025 has 28 days)"),
        ("2024-02-30", "'2024-02-30' is not a day of the calendar (February 2024 has 29 days)"),
        ("2025-04-31", "'2025-04-31' is not a day of the calendar (April 2025 has 30 days)"),
        ("2025-13-01", "'2025-13-01': month 13 does not exist (months are 01 to 12)"),
        ("2025-00-10", "'2025-00-10': month 00 does not exist (months are 01 to 12)"),
    ],
)
def test_an_impossible_date_says_what_is_wrong(
    run_cli: RunCli, tmp_path: Path, written: str, said: str
) -> None:
    text = ONE.replace("date: 2025-07-01", f"date: {written}")
    root = make_casebook(tmp_path / "c", text, {"sources/a.txt": "The raid began at dawn.\n"})
    code, out, err = run_cli("check", root)
    assert code != 0
    line = next(line for line in (out + err).splitlines() if said in line)
    assert "casebook.yaml:10:11" in line  # file:line:col of the value
    assert "not a date" not in out + err


def test_a_date_time_is_still_a_date(tmp_path: Path) -> None:
    text = ONE.replace("date: 2025-07-01", "date: 2025-07-03T10:00:00Z")
    root = make_casebook(tmp_path / "c", text, {"sources/a.txt": "The raid began at dawn.\n"})
    loaded = load(root)
    assert not [p for p in loaded.problems if p.is_error]
    assert build_timeline(loaded.casebook).events[0].date == D(2025, 7, 3)


def test_graphemes_and_cuts_keep_what_a_reader_sees_as_one_character() -> None:
    from claims.timeline.labels import cut, graphemes, one_line

    family = "👨\u200d👩\u200d👧"
    assert graphemes(f"a{family}e\u0301🇦🇿🇷🇺👍🏽") == ["a", family, "e\u0301", "🇦🇿", "🇷🇺", "👍🏽"]
    text = "ab" + family * 3
    for limit in range(1, len(text) + 2):
        shown = cut(text, lambda s, n=limit: len(s) <= n)
        assert shown == text or (shown.endswith("…") and not shown[:-1].endswith("\u200d"))
        assert shown == text or shown[:-1] in {"", "a", "ab", "ab" + family, "ab" + family * 2}
    assert one_line(" When did\r\n the raid\tbegin?\u2028 ") == "When did the raid begin?"


@pytest.mark.parametrize("days_per_unit", [1 / 16, 1.0, 30.0, 365.0, 1461.0])
def test_ticks_at_the_calendars_ends_do_not_crash(days_per_unit: float) -> None:
    for start, end in ((D(9999, 6, 1), D(9999, 12, 31)), (D(1, 1, 1), D(1, 3, 1))):
        scale = Scale(start, end, days_per_unit)
        for gap in (0, 1, LONGEST_LABEL + 1, 72):
            ticks = scale.ticks(gap)
            assert all(start <= t.day <= end for t in ticks)


def test_ticks_in_sight_only_over_a_long_span_zoomed_in() -> None:
    scale = Scale(D(1, 1, 1), D(9999, 12, 31), 1 / 16)
    ticks = scale.ticks(LONGEST_LABEL + 1, D(2025, 6, 30), D(2025, 7, 2))
    assert [t.label for t in ticks] == ["30 Jun 2025", "1 Jul", "2 Jul"]
    assert ticks[0].offset == scale.offset(D(2025, 6, 30))
