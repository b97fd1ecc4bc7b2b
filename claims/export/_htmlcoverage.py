"""The HTML report's coverage table: which source speaks to which dispute, for which sides.

Rows are the disputes exported (the casebook's order), columns the casebook's declared
sources (its order), so a source the export's disputes never cite shows as a column of
gaps. A cell lists the sides whose positions in that dispute cite that source, each as its
label with a swatch of the side's colour (`claims.framing.coverage`, the same sides as
`contested framing --format json`), linked to the first such quote in the report; a source
that says nothing in a dispute gets an explicit "—" (and "not cited" for screen readers).
Above `MATRIX_CELLS` dispute × source cells a table would be unreadable and huge (5,000 ×
1,000 is five million cells): the section then lists, per dispute, only the sources that
speak, and says so. Every casebook string is escaped (`esc`); colours go into a style
attribute only when they are hex.
"""

from __future__ import annotations

from claims.export._evidence import Record
from claims.export._htmlsection import Section
from claims.framing import coverage
from claims.model import Dispute

#: Above this many dispute × source cells, only the cells where a source speaks are listed
#: (as `contested framing` does above its own limit).
MATRIX_CELLS = 50_000

CSS = """\
.coverage-wrap { overflow-x: auto; margin: 0 0 1rem; border: 1px solid var(--line);
  border-radius: .3rem; }
table.coverage { border-collapse: collapse; font-size: .88rem; min-width: 100%; }
table.coverage caption { text-align: left; padding: .5rem .75rem; color: var(--muted);
  caption-side: top; }
table.coverage th, table.coverage td { border: 1px solid var(--line); padding: .3rem .5rem;
  vertical-align: top; text-align: left; overflow-wrap: normal; }
table.coverage thead th { background: var(--panel); min-width: 8rem; }
table.coverage tbody th { font-weight: 400; min-width: 14rem; max-width: 28rem;
  position: sticky; left: 0; background: var(--paper); }
table.coverage td.gap { color: var(--muted); text-align: center; }
.cov-side { display: block; white-space: nowrap; }
.cov-side .swatch { background: var(--side, #767676); }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
@media print { .coverage-wrap { overflow: visible; border: none; } }
"""


def section(report: Section) -> str:
    """The `<section id="coverage">` of the report (empty without disputes or sources).

    `report` is what the report gives its sections (`_htmlsection.Section`)."""
    casebook, disputes, records, esc, link_of, dispute_link, quote_link, colour_ok = report
    sources = list(casebook.sources)
    if not disputes or not sources:
        return ""
    wanted = {d.id for d in disputes}
    matrix = len(disputes) * len(sources) <= MATRIX_CELLS
    cells: dict[tuple[str, str], tuple[str, ...]] = {
        (c.dispute, c.source): c.sides
        for c in coverage(casebook, sources, absent=False)
        if c.dispute in wanted
    }
    first: dict[tuple[str, str, str], Record] = {}
    for record in records:
        key = (record.dispute.id, record.source.id, record.position.side)
        first.setdefault(key, record)
    marks: dict[str, str] = {}

    def mark(dispute: Dispute, source_id: str, side_id: str) -> str:
        made = marks.get(side_id)
        if made is None:
            side = casebook.sides.get(side_id)
            label = side.label if side is not None else f"{side_id} (unknown side)"
            colour = side.colour if side is not None else None
            style = f' style="--side: {colour}"' if colour and colour_ok(colour) else ""
            made = marks[side_id] = (
                f'<span class="cov-side" data-side="{esc(side_id)}"{style}>'
                f'<span class="swatch" aria-hidden="true"></span>{esc(label)}</span>'
            )
        record = first.get((dispute.id, source_id, side_id))
        if record is None:
            return made
        return f'<a href="#{quote_link(record)}">{made}</a>'

    parts = [
        '<section id="coverage" aria-labelledby="coverage-h">\n'
        '<h2 id="coverage-h">Coverage</h2>\n'
        '<p class="meta">Which source speaks to which dispute, for which sides: a side is '
        "marked where one of its positions in the dispute cites the source (a link to that "
        "quote); — where the source says nothing in the dispute.</p>\n"
    ]
    if not matrix:
        parts.append(
            f'<p class="meta">{len(disputes)} disputes × {len(sources)} sources is too many '
            "cells for a table: each dispute lists only the sources that speak in it.</p>\n"
        )
        parts.append('<dl class="coverage-list">\n')
        order = {s: i for i, s in enumerate(sources)}
        speaking: dict[str, list[str]] = {}
        for dispute_id, source_id in cells:
            speaking.setdefault(dispute_id, []).append(source_id)
        for dispute in disputes:
            spoken = sorted(speaking.get(dispute.id, ()), key=order.__getitem__)
            parts.append(
                f'<dt><a href="#{dispute_link(dispute)}">{esc(dispute.question)}</a></dt>\n'
            )
            items = "; ".join(
                f"{esc(s)}: " + " ".join(mark(dispute, s, side) for side in cells[(dispute.id, s)])
                for s in spoken
            )
            parts.append(f"<dd>{items or 'no source cited'}</dd>\n")
        parts.append("</dl>\n</section>\n")
        return "".join(parts)
    parts.append(
        '<div class="coverage-wrap">\n<table class="coverage">\n'
        "<caption>Disputes (rows) × sources (columns)</caption>\n<thead>\n<tr>"
        '<th scope="col">Dispute</th>'
    )
    for source_id in sources:
        title = esc(casebook.sources[source_id].title)
        target = link_of(source_id)
        head = f'<a href="#{target}">{title}</a>' if target else title
        parts.append(f'<th scope="col" data-source="{esc(source_id)}">{head}</th>')
    parts.append("</tr>\n</thead>\n<tbody>\n")
    for dispute in disputes:
        parts.append(
            f'<tr data-dispute="{esc(dispute.id)}"><th scope="row">'
            f'<a href="#{dispute_link(dispute)}">{esc(dispute.question)}</a></th>'
        )
        for source_id in sources:
            sides = cells.get((dispute.id, source_id))
            if not sides:
                parts.append(
                    '<td class="gap" data-sides="">—<span class="vh"> not cited</span></td>'
                )
                continue
            inner = "".join(mark(dispute, source_id, side) for side in sides)
            parts.append(f'<td data-sides="{esc(" ".join(sides))}">{inner}</td>')
        parts.append("</tr>\n")
    parts.append("</tbody>\n</table>\n</div>\n</section>\n")
    return "".join(parts)
