"""The timeline model (issue 16, part 3): disputes by event `date:`, sources by
`published:`, each source's citations of a dispute with its lag; and the time scale the app
and the HTML export share (`claims.timeline.scale`)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from conftest import BUNDLED, make_casebook

from claims.loader import load
from claims.timeline import (
    Citation,
    Timeline,
    build_timeline,
    lag_phrase,
    lag_short,
    long_date,
)
from claims.timeline.scale import GRAINS, LONGEST_LABEL, ZOOMS, Scale

D = dt.date

#: Dates out of file order, a source that predates its event, one quoted by two sides and
#: twice by one, an undated source, an undated dispute, an undeclared source, a dispute
#: citing nothing.
DATED = """\
title: Timeline test
sides:
  police: {label: Police, colour: "#ff0000"}
  families: {label: Families}
sources:
  late: {file: sources/late.txt, title: Late report, outlet: Daily, published: 2025-07-05}
  early: {file: sources/early.txt, title: Early notice, published: 2025-06-20}
  nodate: {file: sources/nodate.txt, title: Undated note}
disputes:
  - id: raid
    question: When did the raid begin?
    date: 2025-06-27
    positions:
      - side: police
        holder: Police
        claim: At dawn.
        evidence:
          - {source: late, quote: The raid began at dawn.}
          - {source: early, quote: A raid is planned.}
          - {source: late, quote: Nine people were detained.}
      - side: families
        holder: Families
        claim: At night.
        evidence:
          - {source: late, quote: Nine people were detained.}
          - {source: nodate, quote: It was night.}
  - id: undated
    question: Who ordered it?
    positions:
      - side: police
        holder: Police
        claim: Nobody.
        evidence:
          - {source: late, quote: The raid began at dawn.}
  - id: earlier
    question: What happened in early June?
    date: 2025-06-01
    positions:
      - side: families
        holder: Families
        claim: A warning.
        evidence:
          - {source: early, quote: A raid is planned.}
          - {source: ghost, quote: Nothing.}
  - id: same-day
    question: Where was it?
    date: 2025-06-27
    positions:
      - side: police
        holder: Police
        claim: In town.
        evidence:
          - {source: nodate, quote: It was night.}
  - id: uncited
    question: What comes next?
    date: 2025-07-10
    positions:
      - side: police
        holder: Police
        claim: Nothing yet.
"""
SOURCES = {
    "sources/late.txt": "The raid began at dawn.\n\nNine people were detained.\n",
    "sources/early.txt": "A raid is planned.\n",
    "sources/nodate.txt": "It was night.\n",
}


def undated(text: str) -> str:
    """`text` without any `date:` or `published:`."""
    return re.sub(r"    date: .*\n|, published: [0-9-]+", "", text)


def timeline_of(root: Path) -> Timeline:
    return build_timeline(load(root).casebook)


@pytest.fixture
def dated(tmp_path: Path) -> Timeline:
    return timeline_of(make_casebook(tmp_path / "dated", DATED, SOURCES))


def test_events_are_by_date_then_casebook_order_and_undated_apart(dated: Timeline) -> None:
    assert [(e.dispute, e.date) for e in dated.events] == [
        ("earlier", D(2025, 6, 1)),
        ("raid", D(2025, 6, 27)),
        ("same-day", D(2025, 6, 27)),  # after raid: the casebook's order among equals
        ("uncited", D(2025, 7, 10)),
    ]
    assert [e.dispute for e in dated.undated] == ["undated"]
    assert dated.undated[0].date is None
    assert dated.events[1].question == "When did the raid begin?"
    assert (dated.start, dated.end) == (D(2025, 6, 1), D(2025, 7, 10))


def test_a_source_is_one_citation_per_dispute_with_every_quote_and_side(dated: Timeline) -> None:
    raid = dated.events[1]
    assert raid.citations == (
        # by published: the notice that came first is first, though cited second
        Citation("early", "raid", D(2025, 6, 20), ("police",), ((0, 1),), -7),
        Citation(
            "late", "raid", D(2025, 7, 5), ("police", "families"), ((0, 0), (0, 2), (1, 0)), 8
        ),
        Citation("nodate", "raid", None, ("families",), ((1, 1),), None),  # undated last
    )


def test_lag_is_negative_when_the_source_predates_the_event(dated: Timeline) -> None:
    (earlier, _, _, _) = dated.events
    assert [(c.source, c.lag_days) for c in earlier.citations] == [
        ("early", 19),
        ("ghost", None),  # not declared (check: unknown-source): cited, never placed
    ]
    assert earlier.citations[1].published is None
    lags = {c.source: c.lag_days for c in dated.events[1].citations}
    assert lags["early"] == -7  # the notice of a planned raid, a week before


def test_undated_disputes_and_sources_have_no_lag(dated: Timeline) -> None:
    (undated,) = dated.undated
    assert undated.citations == (
        Citation("late", "undated", D(2025, 7, 5), ("police",), ((0, 0),), None),
    )
    same_day = dated.events[2]
    assert [(c.source, c.published, c.lag_days) for c in same_day.citations] == [
        ("nodate", None, None)
    ]
    assert dated.events[3].citations == ()


def test_publications_dated_first_each_with_the_disputes_citing_it(dated: Timeline) -> None:
    assert [(p.source, p.published, p.disputes) for p in dated.publications] == [
        ("early", D(2025, 6, 20), ("raid", "earlier")),  # casebook order of disputes
        ("late", D(2025, 7, 5), ("raid", "undated")),
        ("nodate", None, ("raid", "same-day")),
    ]
    late = dated.publications[1]
    assert (late.title, late.outlet) == ("Late report", "Daily")
    assert "ghost" not in {p.source for p in dated.publications}


def test_a_casebook_without_dates(tmp_path: Path) -> None:
    timeline = timeline_of(make_casebook(tmp_path / "none", undated(DATED), SOURCES))
    assert timeline.events == ()
    assert len(timeline.undated) == 5
    assert timeline.start is None
    assert timeline.end is None
    assert all(p.published is None for p in timeline.publications)
    assert all(c.lag_days is None for e in timeline.undated for c in e.citations)
    assert Scale.of(timeline, 80) is None


def test_only_a_source_dated_still_gives_a_span(tmp_path: Path) -> None:
    text = re.sub(r"    date: .*\n", "", DATED)
    timeline = timeline_of(make_casebook(tmp_path / "src", text, SOURCES))
    assert timeline.events == ()
    assert (timeline.start, timeline.end) == (D(2025, 6, 20), D(2025, 7, 5))


def test_the_bundled_casebook() -> None:
    casebook = load(BUNDLED).casebook
    timeline = build_timeline(casebook)
    dated = {d.id: d.date for d in casebook.disputes if d.date is not None}
    assert len(timeline.events) == len(dated) == 13
    assert [e.dispute for e in timeline.undated] == [
        d.id for d in casebook.disputes if d.date is None
    ]
    days = [e.date for e in timeline.events]
    assert days == sorted(days)  # type: ignore[type-var]
    assert [(p.source, p.published) for p in timeline.publications] == [
        ("pushes-back", D(2025, 7, 1)),
        ("tortured-in-baku", D(2025, 7, 2)),
    ]
    assert (timeline.start, timeline.end) == (D(2024, 12, 25), D(2025, 7, 2))
    death = next(e for e in timeline.events if e.dispute == "cause-of-death")
    assert [(c.source, c.lag_days) for c in death.citations] == [
        ("pushes-back", 4),
        ("tortured-in-baku", 5),
    ]
    # Every quote is in exactly one citation, with its position's side.
    for event in (*timeline.events, *timeline.undated):
        dispute = casebook.dispute(event.dispute)
        assert dispute is not None
        places = sorted(p for c in event.citations for p in c.evidence)
        assert places == [
            (i, j) for i, pos in enumerate(dispute.positions) for j in range(len(pos.evidence))
        ]
        for citation in event.citations:
            for i, j in citation.evidence:
                assert dispute.positions[i].evidence[j].source == citation.source
                assert dispute.positions[i].side in citation.sides


def test_words_for_dates_and_lags() -> None:
    assert long_date(D(2025, 7, 1)) == "1 Jul 2025"
    assert long_date(D(2024, 12, 25)) == "25 Dec 2024"
    assert [lag_short(n) for n in (4, -3, 0, None)] == ["+4 d", "\u22123 d", "0 d", ""]
    assert [lag_phrase(n) for n in (4, 1, -1, -12, 0, None)] == [
        "4 days after",
        "1 day after",
        "1 day before",
        "12 days before",
        "the same day",
        "",
    ]


# -- the scale -------------------------------------------------------------------------------


def test_fit_snaps_to_the_finest_zoom_that_fits() -> None:
    start, end = D(2025, 6, 3), D(2025, 7, 10)  # 38 days
    scale = Scale.fit(start, end, 80)
    assert scale.days == 38
    assert scale.days_per_unit == 0.5
    assert scale.width == 76 <= 80
    assert Scale.fit(start, end, 40).days_per_unit == 1.0
    assert Scale.fit(start, end, 38).days_per_unit == 1.0
    assert Scale.fit(start, end, 37).days_per_unit == 2.0
    exact = Scale.fit(start, end, 760, snap=False)
    assert exact.days_per_unit == pytest.approx(0.05)
    assert exact.width == pytest.approx(760)
    assert Scale.fit(D(1900, 1, 1), D(2100, 1, 1), 10).days_per_unit == ZOOMS[-1]


def test_dates_to_units_and_back() -> None:
    scale = Scale(D(2025, 6, 1), D(2025, 6, 30), 0.5)  # two units a day
    assert scale.offset(D(2025, 6, 1)) == 0
    assert scale.offset(D(2025, 6, 11)) == 20
    assert scale.centre(D(2025, 6, 11)) == 21
    assert scale.column(D(2025, 6, 11)) == 21
    assert scale.day_at(20.9) == D(2025, 6, 11)
    assert scale.day_at(-5) == D(2025, 6, 1)
    assert scale.day_at(10_000) == D(2025, 6, 30)
    weekly = Scale(D(2025, 6, 1), D(2025, 6, 30), 7.0)
    assert [weekly.column(D(2025, 6, d)) for d in (1, 7, 8, 30)] == [0, 0, 1, 4]


def test_zoom_moves_along_the_levels_and_stops_at_the_ends() -> None:
    scale = Scale(D(2025, 1, 1), D(2025, 12, 31), 1.0)
    assert scale.level == ZOOMS.index(1.0)
    assert scale.zoomed(1).days_per_unit == 0.5  # in: more units per day
    assert scale.zoomed(-1).days_per_unit == 2.0
    assert scale.zoomed(100).days_per_unit == ZOOMS[0]
    assert scale.zoomed(-100).days_per_unit == ZOOMS[-1]
    assert Scale(D(2025, 1, 1), D(2025, 1, 2), 0.9).level == ZOOMS.index(1.0)  # nearest


def test_bad_scales_are_refused() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Scale(D(2025, 2, 1), D(2025, 1, 1), 1.0)
    with pytest.raises(ValueError, match="positive"):
        Scale(D(2025, 1, 1), D(2025, 1, 1), 0)
    with pytest.raises(ValueError, match="width"):
        Scale.fit(D(2025, 1, 1), D(2025, 1, 2), 0)


def labels(scale: Scale, gap: float) -> list[str]:
    return [t.label for t in scale.ticks(gap)]


def test_ticks_at_each_grain_with_the_year_where_it_changes() -> None:
    days = Scale(D(2025, 12, 30), D(2026, 1, 2), 1 / 16)
    assert labels(days, 12) == ["30 Dec 2025", "31 Dec", "1 Jan 2026", "2 Jan"]
    assert [t.major for t in days.ticks(12)] == [True, False, True, False]
    weeks = Scale(D(2025, 6, 3), D(2025, 7, 10), 0.5)
    assert days.grain(12) == "day"
    assert weeks.grain(12) == "week"
    assert labels(weeks, 12) == ["9 Jun 2025", "16 Jun", "23 Jun", "30 Jun", "7 Jul"]
    assert all(t.day.weekday() == 0 for t in weeks.ticks(12))  # Mondays
    assert [t.offset for t in weeks.ticks(12)] == [12, 26, 40, 54, 68]
    months = Scale(D(2025, 11, 15), D(2026, 3, 1), 2.0)
    assert labels(months, 12) == ["Dec 2025", "Jan 2026", "Feb", "Mar"]
    quarters = Scale(D(2025, 2, 1), D(2026, 1, 1), 7.0)
    assert quarters.grain(12) == "quarter"
    assert labels(quarters, 12) == ["Apr 2025", "Jul", "Oct", "Jan 2026"]
    years = Scale(D(2023, 6, 1), D(2026, 1, 1), 61.0)
    assert labels(years, 5) == ["2024", "2025", "2026"]
    decades = Scale(D(1985, 1, 1), D(2026, 1, 1), 1461.0)
    assert labels(decades, 2) == ["1990", "2000", "2010", "2020"]


@pytest.mark.parametrize("width", [20, 45, 80, 120, 200, 1000])
@pytest.mark.parametrize(
    "span", [(D(2025, 6, 27), D(2025, 6, 27)), (D(2025, 6, 1), D(2025, 7, 2)),
             (D(2024, 1, 1), D(2025, 12, 1)), (D(1990, 1, 1), D(2025, 1, 1))],
)  # fmt: skip
def test_ticks_never_crowd_and_stay_inside(width: int, span: tuple[D, D]) -> None:
    for snap in (True, False):
        scale = Scale.fit(*span, width, snap=snap)
        for gap in (LONGEST_LABEL + 1, 72):
            ticks = scale.ticks(gap)
            offsets = [t.offset for t in ticks]
            assert offsets == sorted(offsets)
            assert all(0 <= o < scale.width for o in offsets)
            assert all(span[0] <= t.day <= span[1] for t in ticks)
            assert all(len(t.label) <= LONGEST_LABEL for t in ticks)
            if scale.grain(gap) != GRAINS[-1][0]:  # the coarsest grain is never refused
                spacing = [b - a for a, b in itertools.pairwise(offsets)]
                # months and years differ in length: a month is at least 28/30.44 of one
                assert all(s >= gap * 28 / 30.4375 for s in spacing), (scale, gap)
