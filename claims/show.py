"""`contested show`: disputes printed with Rich, positions side by side, quotes in context.

Everything from a YAML file or a source goes into `rich.text.Text` objects, never into a
markup string, so `[bold]` or `[@click=…]` in a source prints literally. When the output is
not a terminal Rich writes no control codes at all; quotes are then set off with ⟦ ⟧ so the
highlight survives as text. Every string from a casebook goes through `claims.text.steady`
(`_s` here) on its way in: control and bidi characters shown as marks, emoji written so
that Rich lays out the columns at the widths a terminal draws.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from claims.anchoring.diff import Part, inline_diff, word_diff
from claims.check import anchor_dispute, percent
from claims.citation import cited_label, details, paragraph_label, web_address
from claims.documents import Documents
from claims.excerpt import excerpt
from claims.model import Anchor, Casebook, Dispute, Evidence, Method, Position, Source
from claims.review.progress import OPEN, dispute_state
from claims.review.scale import scale_of
from claims.sources.metadata import fill
from claims.text import steady as _s

MIN_COLUMN = 24  # narrower than this, positions are stacked instead of side by side


def show(casebook: Casebook, disputes: list[Dispute], console: Console) -> int:
    """Print `disputes`; return how many quotes could not be anchored."""
    documents = Documents(casebook)
    plain = console.color_system is None
    unanchored = 0
    for dispute in disputes:
        anchors, _ = anchor_dispute(dispute, documents, casebook.fuzzy_threshold)
        unanchored += sum(not a.found for a in anchors)
        console.print(render_dispute(casebook, dispute, anchors, documents, console.width, plain))
    if unanchored:
        console.print(
            Text(
                f"{unanchored} quote(s) could not be anchored; "
                "`contested check` says why and where.",
                style="bold red",
            )
        )
    return unanchored


def render_dispute(
    casebook: Casebook,
    dispute: Dispute,
    anchors: list[Anchor],
    documents: Documents,
    width: int,
    plain: bool = False,
) -> RenderableType:
    by_place = {(a.position, a.evidence): a for a in anchors}
    cells = [
        _position(casebook, dispute.id, position, index, by_place, documents, plain)
        for index, position in enumerate(dispute.positions)
    ]
    heading = Text.assemble((_s(dispute.question), "bold"))
    meta = [dispute.id]
    if dispute.date:
        meta.append(dispute.date.isoformat())
    if dispute.tags:
        meta.append(", ".join(dispute.tags))
    state = dispute_state(dispute, casebook.reviews.get(dispute.id))
    if state != OPEN:
        meta.append(state)
    subtitle = Text(_s(" · ".join(meta)), style="dim")
    if not cells:
        body: RenderableType = Text("No positions yet.", style="dim italic")
    elif len(cells) * MIN_COLUMN <= width - 4:
        table = Table.grid(padding=(0, 2), expand=True)
        for _ in cells:
            table.add_column(ratio=1, vertical="top")
        table.add_row(*cells)
        body = table
    else:
        body = Group(*[item for cell in cells for item in (cell, Text(""))][:-1])
    return Panel(body, title=heading, subtitle=subtitle, title_align="left", padding=(0, 1))


def _verdict(casebook: Casebook, dispute_id: str, position: Position) -> list[Text]:
    """The position's review, if it has one: "Rated Unsupported · lm · 2026-11-22T10:04Z"
    in the rating's colour, then its note ("Review note: …"), dim."""
    review = casebook.reviews.get(dispute_id)
    verdict = review.positions.get(position.key) if review is not None else None
    if verdict is None:
        return []
    known = scale_of(casebook).get(verdict.rating)
    label = known.label if known else f"{verdict.rating} (not on the scale)"
    line = Text("Rated ", style="bold")
    line.append(_s(label), style=f"bold {known.colour or ''}" if known else "bold red")
    who = " · ".join(_s(part) for part in (verdict.by, verdict.at) if part)
    if who:
        line.append(f" · {who}", style="dim")
    lines = [line]
    if verdict.note:
        lines.append(Text(_s(f"Review note: {verdict.note}"), style="dim italic"))
    return lines


def _position(
    casebook: Casebook,
    dispute_id: str,
    position: Position,
    index: int,
    anchors: dict[tuple[int, int], Anchor],
    documents: Documents,
    plain: bool,
) -> RenderableType:
    side = casebook.sides.get(position.side)
    colour = side.colour if side else "red"
    label = side.label if side else f"{position.side} (unknown side)"
    parts: list[RenderableType] = [
        Text(_s(label), style=f"bold {colour}"),
        Text(_s(position.holder), style="bold"),
        Text(_s(position.claim), style="italic"),
        *_verdict(casebook, dispute_id, position),
        Rule(style=colour),
    ]
    for e_index, evidence in enumerate(position.evidence):
        anchor = anchors.get((index, e_index))
        parts.append(_evidence(casebook, evidence, anchor, documents, colour, plain))
    if not position.evidence:
        parts.append(Text("No evidence cited.", style="dim italic"))
    return Group(*parts)


def _differences(quote: str, paragraph: str, anchor: Anchor, plain: bool) -> Text:
    """What differs, word by word: the quote's words struck out, the source's underlined
    (as text, `[-quote-]{+source+}`, when the output is not a terminal)."""
    assert anchor.start is not None
    assert anchor.end is not None
    pieces = inline_diff(quote, paragraph, anchor.start, anchor.end, anchor.changes)
    text = Text("differs: ", style="yellow")
    if plain:
        text.append(_s(word_diff(pieces)))
        return text
    for piece in pieces:
        if piece.kind is Part.QUOTE:
            text.append(_s(piece.text), style="red strike")
        elif piece.kind is Part.SOURCE:
            text.append(_s(piece.text), style="green underline")
        else:
            text.append(_s(piece.text), style="dim")
    return text


def _evidence(
    casebook: Casebook,
    evidence: Evidence,
    anchor: Anchor | None,
    documents: Documents,
    colour: str,
    plain: bool,
) -> RenderableType:
    source = casebook.sources.get(evidence.source)
    document = documents.get(evidence.source)
    source = fill(source) if source is not None else None  # the page's own metadata
    cite = Text("— ", style="dim")
    cite.append(_s(source.title if source else evidence.source), style="dim italic")
    about = _about(source)
    if anchor is None or not anchor.found or document is None:
        why = Text("✗ quote not anchored", style="bold red")
        if anchor and anchor.in_furniture:
            why.append(_s(f": {anchor.in_furniture}"))
        elif anchor and anchor.candidates:
            paragraphs = document.paragraphs if document is not None else None
            places = ", ".join(cited_label(paragraphs, n) for n in anchor.candidates)
            why.append(_s(f": ambiguous, in {places}"))
        elif anchor and anchor.closest is not None and anchor.score is not None:
            paragraphs = document.paragraphs if document is not None else None
            where = cited_label(paragraphs, anchor.closest)
            why.append(_s(f": closest is {where} at {percent(anchor.score)}"))
        lines: list[RenderableType] = [why, Text(_s(evidence.quote), style="red")]
        if anchor and anchor.note:
            lines.append(Text(_s(anchor.note), style="dim"))
        return Group(*lines, cite, *about, Text(""))
    assert anchor.paragraph is not None
    assert anchor.start is not None
    assert anchor.end is not None
    paragraph = document.paragraph(anchor.paragraph)
    window = excerpt(paragraph.text, anchor.start, anchor.end, context=100)
    text = Text(_s(window.before))
    marks = ("⟦", "⟧") if plain else ("", "")
    text.append(marks[0] + _s(window.quote) + marks[1], style=f"bold reverse {colour}")
    text.append(_s(window.after))
    cite.append(_s(", " + paragraph_label(paragraph, running=True)), style="bold")
    parts: list[RenderableType] = [text, cite, *about]
    if anchor.method is Method.FUZZY:
        cite.append(f"  ≈ drifted, {percent(anchor.score or 0)} match", style="yellow")
        parts.append(_differences(evidence.quote, paragraph.text, anchor, plain))
    if anchor.note:
        parts.append(Text(_s(anchor.note), style="yellow"))
    if evidence.note:
        parts.append(Text(_s(f"Note: {evidence.note}"), style="dim"))
    parts.append(Text(""))
    return Group(*parts)


def _about(source: Source | None) -> list[Text]:
    """The source's details under a citation, dim: "Outlet · Author · kind · date", then its
    URL (as text: a hyperlink only when it is a plain http(s) address)."""
    lines = []
    about = details(source)
    if about:
        lines.append(Text(_s(about), style="dim"))
    if source is not None and source.url and source.url.strip():
        link = web_address(source.url)
        lines.append(Text(_s(source.url.strip()), style=Style(dim=True, link=link)))
    return lines
