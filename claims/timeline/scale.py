"""The time axis the timeline is drawn on, shared by the app's screen (units: terminal
columns) and the HTML export's SVG (units: pixels), so both place a date and label the axis
the same way.

A `Scale` maps dates to a 0-based offset in units from `start`: day `d` covers
`[offset(d), offset(d) + 1 / days_per_unit)`; `centre(d)` is the middle of it (where a
mark goes) and `column(d)` the whole unit holding that middle. `width` covers `start` to
the end of `end` (both inclusive). Zoom moves along `ZOOMS` (days per unit, finest first);
`fit` makes the scale that shows a date range in a given width.

`ticks(min_gap)` labels the axis at the finest grain (`GRAINS`: day, week, month,
quarter, year, 5 years, decade, 20 and 50 years, century, 2 and 5 centuries, millennium,
2 and 5 millennia) whose ticks are at least `min_gap` units apart, so labels do not collide
whatever the span (0001 to 9999 included: a typo like `0205` makes such a span); a caller
gives the gap its longest label needs (a terminal: the label's characters plus one; an SVG:
its width in pixels). Labels are English and locale-free:
"27 Jun", "Jul", "Q3"… with the year added on the first tick and wherever the year changes
("1 Jan 2026", "Jan 2026"); years alone as "2025". `LONGEST_LABEL` is the longest a label
can be (11 characters: "27 Jun 2025").

Example: 3 June to 10 July 2025 (38 days) in 80 columns: `Scale.fit(start, end, 80)` has
half a day per column (the finest of `ZOOMS` that fits: 76 columns), and `ticks(12)` one
per week, Mondays: "9 Jun 2025" at offset 12, "16 Jun" at 26, ... (2 Jun is before the
start). In 40 columns it is 1 day per column and `ticks(12)` one per month: "Jul 2025".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from claims.timeline import Timeline

#: The zoom levels, in days per unit (a terminal column or an SVG pixel), finest first.
ZOOMS: tuple[float, ...] = (
    1 / 16,
    1 / 8,
    1 / 4,
    1 / 2,
    1.0,
    2.0,
    4.0,
    7.0,
    14.0,
    30.0,
    61.0,
    122.0,
    365.0,
    730.0,
    1461.0,
)
#: The tick grains, finest first: (name, mean days between ticks).
GRAINS: tuple[tuple[str, float], ...] = (
    ("day", 1.0),
    ("week", 7.0),
    ("month", 30.4375),
    ("quarter", 91.3125),
    ("year", 365.25),
    ("5 years", 1826.25),
    ("decade", 3652.5),
    ("20 years", 7305.0),
    ("50 years", 18262.5),
    ("century", 36525.0),
    ("2 centuries", 73050.0),
    ("5 centuries", 182625.0),
    ("millennium", 365250.0),
    ("2 millennia", 730500.0),
    ("5 millennia", 1826250.0),
)
#: The grains counted in whole years: years between two ticks.
_YEARS = {name: round(days / 365.25) for name, days in GRAINS[4:]}
#: The most characters a tick label has ("27 Jun 2025").
LONGEST_LABEL = 11
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Tick:
    """One labelled point of the axis: the first day of its step (`day`), its `offset`
    from the scale's start in units (`Scale.offset`, the day's beginning), its `label`, and
    `major`: the label carries the year (the first tick, or a new year)."""

    day: dt.date
    offset: float
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class Scale:
    """Dates `start` to `end` (inclusive) at `days_per_unit` days per unit (> 0).

    Raises ValueError when `end` is before `start` or `days_per_unit` is not positive."""

    start: dt.date
    end: dt.date
    days_per_unit: float

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"scale ends ({self.end}) before it starts ({self.start})")
        if not self.days_per_unit > 0:
            raise ValueError(f"days per unit must be positive, not {self.days_per_unit}")

    @classmethod
    def fit(cls, start: dt.date, end: dt.date, width: float, snap: bool = True) -> Scale:
        """The scale showing `start`..`end` in `width` units: with `snap`, the finest of
        `ZOOMS` at which it fits (the coarsest when none does); without, exactly
        (days / width). Raises ValueError for a width that is not positive or an end
        before the start."""
        if not width > 0:
            raise ValueError(f"width must be positive, not {width}")
        exact = ((end - start).days + 1) / width
        if snap:
            exact = next((z for z in ZOOMS if z >= exact), ZOOMS[-1])
        return cls(start, end, exact)

    @classmethod
    def of(cls, timeline: Timeline, width: float, snap: bool = True) -> Scale | None:
        """`fit` over the timeline's `start`..`end`; None when it has no dated event or
        publication."""
        if timeline.start is None or timeline.end is None:
            return None
        return cls.fit(timeline.start, timeline.end, width, snap)

    @property
    def days(self) -> int:
        """How many days the scale covers (`start` and `end` included)."""
        return (self.end - self.start).days + 1

    @property
    def width(self) -> float:
        """Units from the start of `start` to the end of `end`."""
        return self.days / self.days_per_unit

    def offset(self, day: dt.date) -> float:
        """Units from the start of `start` to the start of `day` (negative before it)."""
        return (day - self.start).days / self.days_per_unit

    def centre(self, day: dt.date) -> float:
        """Units from the start of `start` to the middle of `day`: where its mark goes."""
        return ((day - self.start).days + 0.5) / self.days_per_unit

    def column(self, day: dt.date) -> int:
        """The 0-based whole unit (terminal column) holding the middle of `day`."""
        return math.floor(self.centre(day))

    def day_at(self, offset: float) -> dt.date:
        """The day at `offset` units from the start (clamped to `start`..`end`)."""
        days = math.floor(offset * self.days_per_unit)
        return self.start + dt.timedelta(days=min(max(days, 0), self.days - 1))

    @property
    def level(self) -> int:
        """The index in `ZOOMS` of the zoom level nearest this scale's (by ratio)."""
        ratio = [abs(math.log(z / self.days_per_unit)) for z in ZOOMS]
        return ratio.index(min(ratio))

    def zoomed(self, steps: int) -> Scale:
        """The same dates `steps` levels of `ZOOMS` finer (positive: zoom in, more units
        per day) or coarser (negative), from the nearest level, clamped at both ends. A
        caller keeping a date in place scrolls to `new.offset(day) - where_it_was`."""
        index = min(max(self.level - steps, 0), len(ZOOMS) - 1)
        return Scale(self.start, self.end, ZOOMS[index])

    def grain(self, min_gap: float) -> str:
        """The finest `GRAINS` name whose ticks are at least `min_gap` units apart (the
        coarsest when none is)."""
        for name, days in GRAINS:
            if days / self.days_per_unit >= min_gap:
                return name
        return GRAINS[-1][0]

    def ticks(
        self, min_gap: float, first: dt.date | None = None, last: dt.date | None = None
    ) -> tuple[Tick, ...]:
        """The axis' ticks from `start` to `end` at `grain(min_gap)`: each step's first
        day (weeks start on Monday, quarters in January, April, July, October; a grain of
        N years in years divisible by N), in date order. At the coarsest grain (5,000 years)
        there is at most one tick in any span the calendar has (0001 to 9999). The first
        tick is the first step starting on or after `start`.

        `first`/`last` (optional) keep only the ticks of those dates (inclusive), with the
        year on the first kept: a view scrolled over a long span zoomed in (10,000 years
        by days: 3.6 million ticks, 8 s) asks for the ticks in sight only. Any span of
        `date` works, to 9999-12-31 (no step past it is made)."""
        grain = self.grain(min_gap)
        low = self.start if first is None else max(first, self.start)
        high = self.end if last is None else min(last, self.end)
        out: list[Tick] = []
        year = None
        for day in _steps(grain, low, high):
            major = year != day.year
            year = day.year
            out.append(Tick(day, self.offset(day), _label(grain, day, major), major))
        return tuple(out)


_LAST_MONTH = dt.date.max.year * 12 + dt.date.max.month - 1  # months since year 0, Dec 9999


def _steps(grain: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each `grain` step from `start` to `end` (inclusive; none when `end`
    is before `start`), by ordinals and month counts so no date past 9999 is made."""
    if end < start:
        return []
    if grain in ("day", "week"):
        low, high = start.toordinal(), end.toordinal()
        every = 1 if grain == "day" else 7
        low += -start.weekday() % 7 if grain == "week" else 0  # the first Monday
        return [dt.date.fromordinal(n) for n in range(low, high + 1, every)]
    months = {"month": 1, "quarter": 3}.get(grain)
    if months is not None:
        index = start.year * 12 + start.month - 1
        index += -index % months
        if start.day > 1:  # the step starting in start's month began before it
            index += months if index == start.year * 12 + start.month - 1 else 0
        last = min(end.year * 12 + end.month - 1, _LAST_MONTH)
        return [dt.date(i // 12, i % 12 + 1, 1) for i in range(index, last + 1, months)]
    every = _YEARS[grain]
    year = start.year + (-start.year % every)
    if year == start.year and (start.month, start.day) != (1, 1):
        year += every
    return [dt.date(y, 1, 1) for y in range(year, end.year + 1, every)]


def _label(grain: str, day: dt.date, major: bool) -> str:
    if grain in ("day", "week"):
        text = f"{day.day} {_MONTHS[day.month - 1]}"
    elif grain in ("month", "quarter"):
        text = _MONTHS[day.month - 1]
    else:
        return str(day.year)
    return f"{text} {day.year}" if major else text
