"""Content for the screens: every piece of casebook text goes in as plain text, never markup.

All functions here return `textual.content.Content` built with `Content.assemble` (whose
plain-string parts are never parsed as markup) or `Content(text)`, and every string from a
casebook (or a file's name) goes in through `claims.text.steady` (`_s` here): control and
bidi characters shown as marks, emoji written so that the width Textual measures is the
width a terminal draws, so one column's text never moves another's. `steady` keeps the
length of the text, so offsets into a paragraph still hold. `steady_content` does the same
to a `Content` already built (by a screen, say), keeping its styles.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from claims import Anchor, Casebook, Dispute, Method, Paragraph, Position, Source
from claims.anchoring.diff import Part, Piece, inline_diff
from claims.check import percent
from claims.citation import cited_label, details, web_address
from claims.excerpt import excerpt
from claims.sources import Document
from claims.sources.metadata import fill
from claims.status import MARKS, State
from claims.text import steady as _s

QUOTE_WORDS = "strike $text-error"  # a drifted quote's words that the source does not have
SOURCE_WORDS = "bold underline $text-success"  # the source's words that the quote lacks
DIFF_CONTEXT = 20  # characters kept at the ends of a long stretch quote and source share


def steady_content(content: Content) -> Content:
    """`content` with its text made `steady` (its styles, spans of the same offsets, kept)."""
    plain = content.plain
    safe = _s(plain)
    return content if safe is plain else Content(safe, list(content.spans))


def on_colour(colour: str) -> str:
    """A style that highlights text in `colour` and keeps it readable."""
    text = "#101010"
    if colour.startswith("#") and len(colour) == 7:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        if 0.299 * r + 0.587 * g + 0.114 * b < 140:
            text = "#ffffff"
    return f"bold {text} on {colour}"


def side_colour(casebook: Casebook, side_id: str) -> str:
    side = casebook.sides.get(side_id)
    return side.colour if side else "#ff5555"


#: How the list draws each state (`claims.status`): the mark's style.
MARK_STYLES: dict[State, str] = {
    State.ERRORS: "bold $error",
    State.DRIFT: "bold $warning",
    State.ONE_SIDED: "bold $warning",
    State.OK: "",
}


def state_mark(state: State) -> tuple[str, str]:
    """The list's mark for `state` and its style: ✗ errors, ≈ drift, ◐ one-sided."""
    return MARKS[state], MARK_STYLES[state]


def dispute_row(dispute: Dispute, state: State | None) -> tuple[Content, Content]:
    """A row of the dispute list: (mark and question, positions and tags). `state` is the
    dispute's after the check (None: not checked yet, shown `·` unless it is one-sided)."""
    sides = {p.side for p in dispute.positions}
    if state is None:
        state = State.ONE_SIDED if len(dispute.positions) < 2 else None
    glyph, style = state_mark(state) if state is not None else ("·", "dim")
    mark: tuple[str, str] = (glyph + " ", style)
    count = len(dispute.positions)
    meta = f"{count} position{'s' * (count != 1)}, {len(sides)} side{'s' * (len(sides) != 1)}"
    if dispute.tags:
        meta += " · " + " ".join(f"#{t}" for t in dispute.tags)
    return Content.assemble(mark, _s(dispute.question)), Content.assemble(("  " + _s(meta), "dim"))


def dispute_heading(dispute: Dispute) -> Content:
    meta = [dispute.id]
    if dispute.date:
        meta.append(dispute.date.isoformat())
    if dispute.tags:
        meta.append(" ".join(f"#{t}" for t in dispute.tags))
    parts: list[str | tuple[str, str]] = [
        (_s(dispute.question), "bold"),
        "\n",
        (_s(" · ".join(meta)), "dim"),
    ]
    if dispute.description:
        parts += ["\n", (_s(dispute.description), "italic")]
    return Content.assemble(*parts)


def position_heading(casebook: Casebook, position: Position) -> Content:
    side = casebook.sides.get(position.side)
    colour = side_colour(casebook, position.side)
    label = side.label if side else f"{position.side} (unknown side)"
    return Content.assemble(
        (f" {_s(label)} ", on_colour(colour)),
        "\n",
        (_s(position.holder), "bold"),
        "\n",
        (_s(position.claim), "italic"),
    )


def citation(
    source: Source | None, source_id: str, anchor: Anchor | None, document: Document | None = None
) -> Content:
    """A card's citation: "— Title, ¶N" ("— Title, p. 2 ¶3 (¶7)" in a PDF `document`:
    `claims.citation.paragraph_label`) and how the quote was found; under it, dim, the
    source's "Outlet · Author · kind · date" and its URL (a hyperlink only when it is a
    plain http(s) address: `claims.citation.web_address`)."""
    source = fill(source) if source is not None else None  # the page's own metadata
    parts: list[str | tuple[str, str | Style]] = [("— ", "dim")]
    parts.append((_s(source.title if source else source_id), "dim italic"))
    if anchor and anchor.paragraph:
        paragraphs = document.paragraphs if document is not None else None
        parts.append((_s(", " + cited_label(paragraphs, anchor.paragraph)), "bold"))
    if anchor and anchor.method is Method.FUZZY:
        parts.append((f"  ≈ drifted: {percent(anchor.score or 0)} match", "bold $warning"))
    elif anchor and anchor.method is Method.NORMALIZED:
        parts.append(("  (matched ignoring quotes/dashes/spaces)", "dim"))
    about = details(source)
    if about:
        parts += ["\n", (_s(about), "dim")]
    if source and source.url and source.url.strip():
        link = web_address(source.url)
        parts += ["\n", (_s(source.url.strip()), Style(dim=True, link=link) if link else "dim")]
    return Content.assemble(*parts)


def evidence_body(paragraph: Paragraph, anchor: Anchor, colour: str, context: int = 140) -> Content:
    assert anchor.start is not None
    assert anchor.end is not None
    window = excerpt(paragraph.text, anchor.start, anchor.end, context)
    return Content.assemble(
        _s(window.before), (_s(window.quote), on_colour(colour)), _s(window.after)
    )


def missing_body(quote: str, anchor: Anchor | None, document: Document | None = None) -> Content:
    """A card for a quote not anchored: why (ambiguous places and the closest text cited as
    `claims.citation.cited_label` gives them, by page in a PDF `document`), then the quote."""
    paragraphs = document.paragraphs if document is not None else None
    if anchor is None or anchor.source is None:
        why = "source unknown or unreadable"
    elif anchor.in_furniture:
        why = _s(anchor.in_furniture)
    elif anchor.candidates:
        places = ", ".join(cited_label(paragraphs, n) for n in anchor.candidates)
        why = _s(f"ambiguous: in {places}")
    elif anchor.closest is not None and anchor.score is not None:
        where = cited_label(paragraphs, anchor.closest)
        why = _s(f"not found; closest is {where} at {percent(anchor.score)}")
    else:
        why = "not found in the source"
    parts: list[str | tuple[str, str]] = [
        ("✗ quote not anchored: ", "bold $error"), (why, "$error"), "\n", _s(quote)
    ]  # fmt: skip
    if anchor is not None and anchor.note:
        parts += ["\n", (_s(anchor.note), "italic $text-error")]
    return Content.assemble(*parts)


def differences(quote: str, paragraph: Paragraph, anchor: Anchor) -> Content:
    """What differs between a drifted quote and its source, word by word: the quote's words
    struck out, the source's underlined, a change from one to the other as `quote→source`
    (so that copied text reads right too); long stretches both share cut to their ends."""
    assert anchor.start is not None
    assert anchor.end is not None
    pieces = inline_diff(
        quote, paragraph.text, anchor.start, anchor.end, anchor.changes, context=DIFF_CONTEXT
    )
    return Content.assemble(("differs: ", "bold $warning"), *diff_parts(pieces))


def diff_parts(pieces: list[Piece]) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    previous: Part | None = None
    for piece in pieces:
        if piece.kind is Part.QUOTE:
            parts.append((_s(piece.text), QUOTE_WORDS))
        elif piece.kind is Part.SOURCE:
            if previous is Part.QUOTE:
                parts.append(("→", "dim"))
            parts.append((_s(piece.text), SOURCE_WORDS))
        else:
            parts.append((_s(piece.text), "dim"))
        previous = piece.kind
    return parts


def anchor_note(anchor: Anchor) -> Content:
    """Why a found quote's place is doubtful (its `before:`/`after:` fit only roughly)."""
    return Content.assemble(("context: ", "bold $warning"), (_s(anchor.note or ""), "italic"))


def paragraph_text(paragraph: Paragraph, spans: list[tuple[int, int, str]]) -> Content:
    """A paragraph with each cited span highlighted in its side's colour (the spans are
    offsets into its text, which `steady` keeps)."""
    content = Content(_s(paragraph.text))
    for start, end, colour in spans:
        content = content.stylize(on_colour(colour), start, end)
    return content
