"""The HTML report's timeline: an inline SVG of who said what, when (`claims.timeline`).

One row per exported dispute that has a `date:`, by date: a ◆ at the event's date, and a
mark (a circle, in its side's colour; cut in equal slices for a source cited by several
sides) at the publication date of each source its evidence cites, joined to the ◆ by a line
(the lag). Marks that would overlap (sources published on one day) stand side by side,
`GAP` px apart, from the first one's date on; a crowd of more than `CROWD` is drawn as its
first `CROWD - 1` marks (taken from each side in turn) and a "+N" count whose tooltip lists
the rest and which links to the dispute. The sources the exported disputes cite are
squares along the top, stacked in up to `LANES` lanes where their dates crowd; those that
find no lane are counted in a "+N" on a line below, its tooltip listing them (where each
goes: `claims.export._htmlcrowd`). The time axis (`claims.timeline.scale.Scale`, in pixels,
the app's ticks) labels the top, and again every `REPEAT` rows.

Every mark is a link: a citation to its first quote in the report, a ◆ and a row's label to
the dispute, a source's square to its text; each has a `<title>` (the browser's tooltip:
"pushes-back, 1 Jul 2025, 4 days after"). The `<svg>` is `role="img"` with an
`aria-label` summing it up. Rows are `ROW` pixels high whatever their number: 3,000 disputes
make a 55,000-pixel tall drawing, which a browser scrolls as any page. A citation of an
undated source, or any citation of an undated dispute, has no place on the axis: the
paragraph under the drawing counts what is not drawn and links the undated disputes.

Every casebook string is escaped (`esc`; a row's label is clipped before, so no entity is
cut); a side's colour is used only when it is hex (`colour_ok`), else grey.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from claims.export._evidence import Record
from claims.export._htmlcrowd import counted, lanes_of, spread
from claims.export._htmlsection import Section
from claims.model import Casebook, Dispute
from claims.timeline import Citation, Event, Publication, build_timeline, lag_phrase, long_date
from claims.timeline.labels import clip_px, one_line, text_width
from claims.timeline.scale import Scale, Tick

WIDTH = 1000  # the drawing's width in px (it scales down to its container)
GUTTER = 300  # the row labels' column
PLOT_LEFT = GUTTER + 12
PLOT_RIGHT = WIDTH - 12
ROW = 18  # px per dispute
AXIS = 26  # px of the axis' labels
LANE = 12  # px per lane of sources
REPEAT = 50  # the axis' labels again after this many rows
TICK_GAP = 72  # px between two ticks at least (a label is up to 11 characters)
LABEL_PX = GUTTER - 8  # a row label's estimated width at most, "…" included (`label_width`)
FONT_PX = 11  # the drawing's font size (`CSS`)
MIN_WIDTH = 900  # px the drawing never shrinks below (the section scrolls): 9.9 px text
LISTED = 30  # sources a count's tooltip names, at most
NAMED_UNDATED = 50  # undated disputes linked by name under the drawing, at most
GREY = "#767676"

CSS = """\
.timeline-wrap { overflow-x: auto; margin: 0 0 1rem; }
svg.timeline { display: block; width: 100%; max-width: 1000px; min-width: 900px;
  height: auto;
  font: 11px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
svg.timeline .tl-grid { stroke: var(--line); stroke-width: 1; }
svg.timeline .tl-tick { fill: var(--muted); }
svg.timeline .tl-major { fill: var(--ink); font-weight: 600; }
svg.timeline .tl-row { fill: var(--ink); }
svg.timeline .tl-band { fill: var(--panel); }
svg.timeline .tl-event { fill: var(--ink); }
svg.timeline .tl-source { fill: var(--muted); }
svg.timeline .tl-lag { stroke-width: 1.5; stroke-opacity: .55; }
svg.timeline a:focus-visible { outline: 2px solid var(--link); }
svg.timeline .tl-mark circle, svg.timeline .tl-mark path { stroke: #0006; stroke-width: .5; }
svg.timeline .tl-more rect { fill: var(--panel); stroke: var(--muted); stroke-width: 1; }
svg.timeline .tl-more text { fill: var(--ink); font-size: 9px; font-weight: 600; }
.tl-legend { font-size: .88rem; margin: 0 0 .5rem; }
.tl-legend span { margin-right: 1rem; white-space: nowrap; }
@media print { .timeline-wrap { overflow: visible; } }
"""


def section(report: Section) -> str:
    """The `<section id="timeline">` of the report ("" without disputes): the SVG, or
    "No dated disputes" when none of `disputes` has a date.

    `report` is what the report gives its sections (`_htmlsection.Section`)."""
    casebook, disputes, records, esc, link_of, dispute_link, quote_link, colour_ok = report
    if not disputes:
        return ""
    timeline = build_timeline(casebook)
    wanted = {d.id: d for d in disputes}
    events = [e for e in timeline.events if e.dispute in wanted]
    undated = [e for e in timeline.undated if e.dispute in wanted]
    cited = {c.source for e in (*events, *undated) for c in e.citations}
    publications = [p for p in timeline.publications if p.source in cited]
    head = (
        '<section id="timeline" aria-labelledby="timeline-h">\n<h2 id="timeline-h">Timeline</h2>\n'
    )
    if not events:
        return (
            f'{head}<p class="meta">No dated disputes: a dispute is placed on the timeline by '
            "its <code>date:</code> (the event's date), and its sources by their "
            "<code>published:</code>.</p>\n</section>\n"
        )
    by_place = {(r.dispute.id, r.position_index, r.evidence_index): r for r in records}
    drawing = _Drawing(casebook, esc, colour_ok)
    svg = drawing.svg(
        events,
        [p for p in publications if p.published is not None],
        lambda e: dispute_link(wanted[e.dispute]),
        lambda c: _quote_target(c, by_place, quote_link, dispute_link, wanted),
        link_of,
    )
    parts = [
        head,
        '<p class="meta">One row per dated dispute: ◆ the event, on its <code>date:</code>; '
        "a mark per source citing it, at the source's <code>published:</code> date, in the "
        "colour of the side citing it, joined to the event by a line (how long after). "
        "Sources along the top (■). Each mark links to its quote; hover for its date.</p>\n",
        drawing.legend(),
        f'<div class="timeline-wrap">\n{svg}</div>\n',
        _left_out(events, undated, publications, esc, lambda d: dispute_link(wanted[d]), link_of),
        "</section>\n",
    ]
    return "".join(parts)


def _quote_target(
    citation: Citation,
    by_place: dict[tuple[str, int, int], Record],
    quote_link: Callable[[Record], str],
    dispute_link: Callable[[Dispute], str],
    wanted: dict[str, Dispute],
) -> str:
    """The id a citation's mark links to: its first quote's, else the dispute's."""
    for position, evidence in citation.evidence:
        record = by_place.get((citation.dispute, position, evidence))
        if record is not None:
            return quote_link(record)
    return dispute_link(wanted[citation.dispute])


def _left_out(
    events: Sequence[Event],
    undated: Sequence[Event],
    publications: Sequence[Publication],
    esc: Callable[[str], str],
    dispute_link: Callable[[str], str],
    source_link: Callable[[str], str | None],
) -> str:
    """The paragraph saying what the drawing leaves out, or ""."""
    from claims.formats import plural

    said = []
    unplaced = sum(c.published is None for e in events for c in e.citations)
    if unplaced:
        said.append(f"{plural(unplaced, 'citation')} of sources without a published date")
    nameless = [p for p in publications if p.published is None]
    if nameless:
        names = ", ".join(
            _linked(esc(p.title), source_link(p.source)) for p in nameless[:NAMED_UNDATED]
        )
        more = len(nameless) - NAMED_UNDATED
        said.append(
            f"{plural(len(nameless), 'source')} without a published date ({names}"
            + (f" and {more} more)" if more > 0 else ")")
        )
    if undated:
        links = ", ".join(
            f'<a href="#{dispute_link(e.dispute)}">{esc(e.dispute)}</a>'
            for e in undated[:NAMED_UNDATED]
        )
        more = len(undated) - NAMED_UNDATED
        said.append(
            f"{plural(len(undated), 'dispute')} without a date ({links}"
            + (f" and {more} more)" if more > 0 else ")")
        )
    if not said:
        return ""
    return f'<p class="meta">Not on the timeline: {"; ".join(said)}.</p>\n'


def _linked(html: str, target: str | None) -> str:
    return f'<a href="#{target}">{html}</a>' if target else html


def label_width(text: str) -> float:
    """The estimated width in px of `text` in the drawing's 11 px font (`text_width`)."""
    return text_width(text, FONT_PX)


def _clip(text: str) -> str:
    """`text`, or clipped with "…" to fit the label column (`LABEL_PX`, `clip_px`)."""
    return clip_px(text, LABEL_PX, FONT_PX)


def _slices(x: float, y: float, radius: float, colours: Sequence[str]) -> str:
    """A circle of `colours` (one: a circle; n: n equal slices from 12 o'clock)."""
    if len(colours) == 1:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:g}" fill="{colours[0]}"/>'
    out = []
    step = 2 * math.pi / len(colours)
    for index, colour in enumerate(colours):
        a, b = index * step - math.pi / 2, (index + 1) * step - math.pi / 2
        x1, y1 = x + radius * math.cos(a), y + radius * math.sin(a)
        x2, y2 = x + radius * math.cos(b), y + radius * math.sin(b)
        out.append(
            f'<path d="M{x:.1f},{y:.1f} L{x1:.2f},{y1:.2f} '
            f'A{radius:g},{radius:g} 0 0,1 {x2:.2f},{y2:.2f} Z" fill="{colour}"/>'
        )
    return "".join(out)


class _Drawing:
    """The SVG's parts, with the side colours and labels looked up once."""

    def __init__(
        self, casebook: Casebook, esc: Callable[[str], str], colour_ok: Callable[[str], bool]
    ) -> None:
        self.casebook = casebook
        self.esc = esc
        self.colour_ok = colour_ok
        self.used: dict[str, None] = {}  # sides drawn, in first-drawn order
        self.right = 0.0  # px: the right end of the rightmost mark or count drawn

    def colour(self, side_id: str) -> str:
        side = self.casebook.sides.get(side_id)
        self.used.setdefault(side_id)
        if side is not None and self.colour_ok(side.colour):
            return side.colour
        return GREY

    def label(self, side_id: str) -> str:
        side = self.casebook.sides.get(side_id)
        return side.label if side is not None else f"{side_id} (unknown side)"

    def legend(self) -> str:
        """The sides drawn, each a swatch of its colour and its label (after `svg`)."""
        if not self.used:
            return ""
        items = "".join(
            f'<span data-side="{self.esc(s)}"><span class="swatch" aria-hidden="true" '
            f'style="--side: {self.colour(s)}"></span>{self.esc(self.label(s))}</span>'
            for s in self.used
        )
        return f'<p class="tl-legend">{items}</p>\n'

    def svg(
        self,
        events: Sequence[Event],
        publications: Sequence[Publication],
        event_link: Callable[[Event], str],
        citation_link: Callable[[Citation], str],
        source_link: Callable[[str], str | None],
    ) -> str:
        from claims.formats import plural

        esc = self.esc
        days = [e.date for e in events if e.date is not None]
        days += [c.published for e in events for c in e.citations if c.published is not None]
        days += [p.published for p in publications if p.published is not None]
        scale = Scale.fit(min(days), max(days), PLOT_RIGHT - PLOT_LEFT, snap=False)

        def x(day: dt.date | None) -> float:  # None: never drawn (undated are left out)
            return PLOT_LEFT + scale.centre(day or scale.start)

        lanes = lanes_of([x(p.published) for p in publications])
        crowds = counted([x(p.published) for p in publications], lanes)
        top = AXIS + (max(lanes, default=-1) + 1 + bool(crowds)) * LANE + 6
        bands = (len(events) - 1) // REPEAT
        height = top + (len(events) + bands) * ROW + 4
        ticks = scale.ticks(TICK_GAP)
        start, end = long_date(scale.start), long_date(scale.end)
        marks = sum(c.published is not None for e in events for c in e.citations)
        summary = (
            f"Timeline of {plural(len(events), 'dated dispute')} from {start} to {end}, "
            f"with {plural(marks, 'dated citation')} by "
            f"{plural(len(publications), 'dated source')}"
        )
        out = [""]  # the <svg> tag, once the marks' right end is known
        for tick in ticks:  # grid lines under everything
            tx = PLOT_LEFT + tick.offset
            out.append(
                f'<line class="tl-grid" x1="{tx:.1f}" y1="{AXIS - 8}" x2="{tx:.1f}" '
                f'y2="{height}"/>\n'
            )
        out.append(self._axis(ticks, AXIS - 10))
        for publication, lane in zip(publications, lanes, strict=True):
            if lane >= 0:
                out.append(self._publication(publication, x, AXIS + lane * LANE + 5, source_link))
        for at, members in crowds:  # the squares no lane had room for, counted below them
            left = [publications[n] for n in members]
            listed = [f"“{p.title}”, {long_date(p.published)}" for p in left if p.published]
            target = source_link(left[0].source)
            out.append(
                self._count(
                    at, AXIS + (max(lanes) + 1) * LANE + 5, listed, target,
                    f"{plural(len(left), 'more source')} here", [p.source for p in left],
                )
            )  # fmt: skip
        y = top
        for index, event in enumerate(events):
            if index and index % REPEAT == 0:  # the axis again, on a band
                out.append(f'<rect class="tl-band" x="0" y="{y}" width="100%" height="{ROW}"/>')
                out.append(self._axis(ticks, y + ROW - 5))
                y += ROW
            out.append(self._row(event, x, y + ROW / 2, event_link, citation_link))
            y += ROW
        out.append("</svg>\n")
        wide = max(WIDTH, math.ceil(self.right) + 2)  # marks spread past the plot: all shown
        out[0] = (
            f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {wide} {height}" width="{wide}" height="{height}" '
            f'aria-label="{esc(summary)}">\n<title>{esc(summary)}</title>\n'
        )
        return "".join(out)

    def _axis(self, ticks: Sequence[Tick], baseline: float) -> str:
        out = []
        for tick in ticks:
            klass = "tl-major" if tick.major else "tl-tick"
            tx = PLOT_LEFT + tick.offset + 3
            out.append(
                f'<text class="{klass}" x="{tx:.1f}" y="{baseline:.1f}">'
                f"{self.esc(tick.label)}</text>"
            )
        return "".join(out) + "\n"

    def _publication(
        self,
        publication: Publication,
        x: Callable[[dt.date | None], float],
        y: float,
        source_link: Callable[[str], str | None],
    ) -> str:
        from claims.formats import plural

        esc = self.esc
        px = x(publication.published)
        outlet = f" ({publication.outlet})" if publication.outlet else ""
        day = long_date(publication.published) if publication.published else ""
        title = (
            f"“{publication.title}”{outlet}, {day}, cites "
            f"{plural(len(publication.disputes), 'dispute')}"
        )
        square = (
            f'<rect class="tl-source" x="{px - 4:.1f}" y="{y - 4:.1f}" width="8" height="8">'
            f"<title>{esc(title)}</title></rect>"
        )
        target = source_link(publication.source)
        if target is None:
            return f'<g data-source="{esc(publication.source)}">{square}</g>\n'
        return (
            f'<a class="tl-pub" href="#{target}" data-source="{esc(publication.source)}">'
            f"{square}</a>\n"
        )

    def _row(
        self,
        event: Event,
        x: Callable[[dt.date | None], float],
        y: float,
        event_link: Callable[[Event], str],
        citation_link: Callable[[Citation], str],
    ) -> str:
        esc = self.esc
        link = event_link(event)
        ex = x(event.date)
        day = long_date(event.date) if event.date else ""
        question = one_line(event.question)
        label = _clip(f"{event.date} {question}")
        out = [
            f'<g class="tl-event-row" data-dispute="{esc(event.dispute)}">'
            f'<a href="#{link}"><text class="tl-row" x="4" y="{y + 4:.1f}">{esc(label)}'
            f"<title>{esc(question)} ({day})</title></text></a>"
        ]
        dated = [c for c in event.citations if c.published is not None]
        for citation in dated:  # lines first, under every mark, each to its true date
            colour = self.colour(citation.sides[0]) if citation.sides else GREY
            out.append(
                f'<line class="tl-lag" x1="{ex:.1f}" y1="{y:.1f}" x2="{x(citation.published):.1f}" '
                f'y2="{y:.1f}" stroke="{colour}"/>'
            )
        for cx, group in spread([(x(c.published), c) for c in dated], ex):
            if len(group) == 1:
                out.append(self._mark(group[0], cx, y, citation_link(group[0])))
                continue
            listed = [self._said(c) for c in group]
            ids = [c.source for c in group]
            out.append(self._count(cx, y, listed, link, f"{len(group)} more citations", ids))
        out.append(  # last: on top of the marks and the lines
            f'<a class="tl-ev" href="#{link}"><path class="tl-event" '
            f'd="M{ex:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 Z"><title>'
            f"{esc(event.dispute)}: {esc(question)}, {day}</title></path></a>"
        )
        out.append("</g>\n")
        return "".join(out)

    def _said(self, citation: Citation) -> str:
        """A citation's tooltip: "pushes-back, 1 Jul 2025, 4 days after (Families)"."""
        day = long_date(citation.published) if citation.published else ""
        labels = "; ".join(self.label(s) for s in citation.sides)
        title = f"{citation.source}, {day}, {lag_phrase(citation.lag_days)}"
        return f"{title} ({labels})" if labels else title

    def _count(
        self, cx: float, y: float, listed: Sequence[str], target: str | None, what: str,
        sources: Sequence[str],
    ) -> str:  # fmt: skip
        """A "+N" count centred at (`cx`, `y`) for the `listed` things it stands for (its
        tooltip: `what`, then up to `LISTED` of them), linked to `target`."""
        esc = self.esc
        text = f"+{len(listed)}"
        width = 6 * len(text) + 5
        self.right = max(self.right, cx + width / 2 + 1)
        names = "; ".join(listed[:LISTED])
        more = f"; and {len(listed) - LISTED} more" if len(listed) > LISTED else ""
        body = (
            f"<title>{esc(f'{what}: {names}{more}')}</title>"
            f'<rect x="{cx - width / 2:.1f}" y="{y - 5.5:.1f}" width="{width}" height="11" '
            f'rx="5.5"/><text x="{cx:.1f}" y="{y + 3:.1f}" text-anchor="middle">{text}</text>'
        )
        tag = f'a href="#{target}"' if target else "g"
        return (
            f'<{tag} class="tl-more" data-sources="{esc(" ".join(sources))}">{body}'
            f"</{tag.split()[0]}>"
        )

    def _mark(self, citation: Citation, cx: float, y: float, target: str) -> str:
        esc = self.esc
        colours = [self.colour(s) for s in citation.sides] or [GREY]
        title = self._said(citation)
        self.right = max(self.right, cx + 5)
        return (
            f'<a class="tl-mark" href="#{target}" data-source="{esc(citation.source)}" '
            f'data-sides="{esc(" ".join(citation.sides))}">'
            f"{_slices(cx, y, 4.5, colours)}<title>{esc(title)}</title></a>"
        )
