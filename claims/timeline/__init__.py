"""The timeline: disputes placed by their event `date:`, sources by `published:`, and each
source's citations of a dispute as marks, so a reader sees who said what, when, and how long
after the event. Headless: the CLI (`contested timeline`), the HTML export's SVG and the
app's screen all draw this model, on the shared time axis of `claims.timeline.scale`.

A source's title, `published:` and outlet are those `show` and the export give it: an HTML
page's own (`claims.sources.metadata.fill`: its `article:published_time`, `og:title`…) where
the YAML leaves them out; the YAML always wins.

No anchoring is needed: which source speaks to which dispute comes from the evidence's
`source:` ids, and which side from its position's `side:`. A quote that does not anchor
still counts as a citation (the source is cited; `contested check` reports the quote).

    build_timeline(casebook) -> Timeline

- `Timeline.events`: the disputes with a `date:`, by date (the casebook's order among the
  same date); `undated`: those without, in the casebook's order.
- `Event.citations`: one `Citation` per source its evidence cites, by `published` (the
  undated ones last), then by where the source is first cited in the dispute.
- `Timeline.publications`: one `Publication` per declared source (`casebook.sources`), the
  dated ones by `published` (the casebook's order among the same date), then the undated
  ones in the casebook's order. A source id that evidence cites but the casebook does not
  declare (`check`: unknown-source) has citations with `published` None, no publication.
- `Timeline.start` / `end`: the earliest and latest date of any event or publication; None
  when there is none.

Dates are `datetime.date` (the loader reads only the date of an ISO date-time). `lag_days`
is `published - event date` in whole days, negative when a source predates the event (an
announcement of a planned event, or a date that is wrong: either way worth seeing).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from claims.gcpause import paused_gc
from claims.model import Casebook, Source

__all__ = [
    "Citation",
    "Event",
    "Publication",
    "Timeline",
    "build_timeline",
    "lag_phrase",
    "lag_short",
    "long_date",
]


@dataclass(frozen=True, slots=True)
class Citation:
    """One source citing one dispute: every piece of the dispute's evidence from `source`.

    `published` is the source's `published:` (None when it has none or is not declared);
    `sides` the side ids of the positions citing it, in position order, each once;
    `evidence` every (position index, evidence index), both 0-based, in casebook order;
    `lag_days` is `published - event date` in days (negative: the source came first),
    None when either date is missing."""

    source: str
    dispute: str
    published: dt.date | None
    sides: tuple[str, ...]
    evidence: tuple[tuple[int, int], ...]
    lag_days: int | None


@dataclass(frozen=True, slots=True)
class Event:
    """One dispute on the timeline: its id, question, event `date:` (None: undated) and
    the sources citing it (see the module docstring for their order)."""

    dispute: str
    question: str
    date: dt.date | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Publication:
    """One declared source: id, title, outlet, `published:` (None: undated), and the ids
    of the disputes whose evidence cites it, in the casebook's order."""

    source: str
    title: str
    outlet: str | None
    published: dt.date | None
    disputes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the timeline shows (see the module docstring for each part's order)."""

    events: tuple[Event, ...]
    undated: tuple[Event, ...]
    publications: tuple[Publication, ...]
    start: dt.date | None
    end: dt.date | None


_UNDATED = dt.date.max.toordinal() + 1  # sorts after every date


def _undated() -> int:
    return _UNDATED


def build_timeline(casebook: Casebook) -> Timeline:
    """The timeline of a loaded casebook (`claims.loader.load(...).casebook`): one pass
    over its evidence; no source text read but the metadata of HTML pages (remembered per
    file by `claims.sources.metadata.read_metadata`). Never raises for a casebook the loader made
    (unknown sides or sources are kept as they are written)."""
    with paused_gc():  # tens of thousands of small records, no cycles (`claims.gcpause`)
        return _build(casebook)


#: The endings of the sources whose page may give a title and date (`metadata.HTML_ENDINGS`).
_PAGES = (".html", ".htm")


def _filled(sources: dict[str, Source]) -> dict[str, Source]:
    """`sources` with each HTML page's own metadata where the YAML leaves it out
    (`claims.sources.metadata.fill`, as `show` and the export do): its title, date and
    outlet. Other sources cost one check of their file's ending; the metadata module is
    imported only when there is a page."""
    pages = [sid for sid, source in sources.items() if source.file.lower().endswith(_PAGES)]
    if not pages:
        return sources
    from claims.sources.metadata import fill

    filled = dict(sources)
    for sid in pages:
        filled[sid] = fill(sources[sid])
    return filled


def _build(casebook: Casebook) -> Timeline:
    # Few allocations per quote: at 20,000 quotes the collector's walk over what was made
    # cost as much as the making. The one-side and one-quote tuples most citations have are
    # shared (`one_side`, `one_place`); `found` is one dict reused across disputes.
    sources = _filled(casebook.sources)
    published_of = {sid: source.published for sid, source in sources.items()}
    # The sort key of a source: its published date's ordinal; undated or undeclared (a
    # source id `check` reports as unknown-source): after every date.
    rank: defaultdict[str, int] = defaultdict(_undated)
    rank.update((sid, _UNDATED if d is None else d.toordinal()) for sid, d in published_of.items())
    cited_by: dict[str, list[str]] = {sid: [] for sid in sources}
    # Per declared source, what each citation needs: (published, its ordinal, citing ids).
    info = {
        sid: (day, None if day is None else day.toordinal(), cited_by[sid])
        for sid, day in published_of.items()
    }
    one_side: dict[str, tuple[str, ...]] = {}
    one_place: dict[int, tuple[tuple[int, int], ...]] = {}
    found: dict[str, int] = {}  # source id -> its first quote, as p_index << 32 | e_index
    more: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}  # a source quoted again
    side_of: list[str] = []  # by position index
    dated: list[Event] = []
    undated: list[Event] = []
    # `Citation(...)` twice as fast, inlined below: the slots set through their descriptors
    # rather than the frozen dataclass's `object.__setattr__` (20,000 citations: 12 → 5 ms).
    new = object.__new__
    set_source, set_dispute, set_published, set_sides, set_evidence, set_lag = (
        getattr(Citation, name).__set__ for name in Citation.__slots__
    )
    set_event_dispute, set_question, set_date, set_citations = (
        getattr(Event, name).__set__ for name in Event.__slots__
    )
    for dispute in casebook.disputes:
        found.clear()
        more.clear()
        side_of.clear()
        for p_index, position in enumerate(dispute.positions):
            side = position.side
            side_of.append(side)
            for e_index, evidence in enumerate(position.evidence):
                sid = evidence.source
                first = found.get(sid)
                if first is None:
                    found[sid] = p_index << 32 | e_index
                    continue
                entry = more.get(sid)
                if entry is None:
                    p_first = first >> 32
                    entry = more[sid] = ([side_of[p_first]], [(p_first, first & 0xFFFFFFFF)])
                if side not in entry[0]:
                    entry[0].append(side)
                entry[1].append((p_index, e_index))
        order = list(found)
        if len(order) > 1:
            order.sort(key=rank.__getitem__)  # stable: first cited first among equals
        day = dispute.date
        day_ordinal = None if day is None else day.toordinal()
        dispute_id = dispute.id
        citations = []
        for sid in order:
            entry = more.get(sid) if more else None
            sides: tuple[str, ...]
            places: tuple[tuple[int, int], ...]
            if entry is None:
                first = found[sid]
                side = side_of[first >> 32]
                sides = one_side.get(side) or one_side.setdefault(side, (side,))
                places = one_place.get(first) or one_place.setdefault(
                    first, ((first >> 32, first & 0xFFFFFFFF),)
                )
            else:
                sides, places = tuple(entry[0]), tuple(entry[1])
            citation = new(Citation)
            set_source(citation, sid)
            set_dispute(citation, dispute_id)
            set_sides(citation, sides)
            set_evidence(citation, places)
            known = info.get(sid)
            if known is None:  # not declared
                set_published(citation, None)
                set_lag(citation, None)
            else:
                set_published(citation, known[0])
                ordinal = known[1]
                set_lag(
                    citation,
                    None if ordinal is None or day_ordinal is None else ordinal - day_ordinal,
                )
                known[2].append(dispute_id)
            citations.append(citation)
        event = new(Event)  # as `Event(...)`, the same way
        set_event_dispute(event, dispute_id)
        set_question(event, dispute.question)
        set_date(event, day)
        set_citations(event, tuple(citations))
        (undated if day is None else dated).append(event)
    dated.sort(key=attrgetter("date"))  # stable: the casebook's order among equals
    publications = [
        Publication(
            source.id,
            source.title,
            source.outlet,
            source.published,
            tuple(cited_by[source.id]),
        )
        for source in sources.values()
    ]
    publications.sort(key=lambda p: rank[p.source])
    days = [e.date for e in dated if e.date is not None]
    days.extend(p.published for p in publications if p.published is not None)
    return Timeline(
        tuple(dated),
        tuple(undated),
        tuple(publications),
        min(days) if days else None,
        max(days) if days else None,
    )


def long_date(day: dt.date) -> str:
    """A date as people read it, the same in every view: "1 Jul 2025" (English month
    abbreviations, no leading zero; independent of the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def lag_short(lag_days: int | None) -> str:
    """A lag as a compact signed count: "+4 d", "−3 d" (U+2212 minus), "0 d"; "" for None."""
    if lag_days is None:
        return ""
    if lag_days > 0:
        return f"+{lag_days} d"
    if lag_days < 0:
        return f"\u2212{-lag_days} d"
    return "0 d"


def lag_phrase(lag_days: int | None) -> str:
    """A lag in words, for tooltips and screen readers: "4 days after", "1 day before",
    "the same day"; "" for None."""
    if lag_days is None:
        return ""
    if lag_days == 0:
        return "the same day"
    count = abs(lag_days)
    unit = "day" if count == 1 else "days"
    return f"{count} {unit} {'after' if lag_days > 0 else 'before'}"
