"""Comparisons built: each side's text (the source's words where the quote anchors) and
metadata, and the word alignment of the two (`claims.anchoring.variants`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from claims.anchoring import Ambiguous, Found, anchor
from claims.anchoring.variants import THRESHOLD, Alignment, align_variants
from claims.citation import paragraph_label
from claims.compare.pick import CompareError, Pick, resolve
from claims.documents import Documents
from claims.model import Casebook, Evidence
from claims.sources import Document


class Origin(StrEnum):
    """Whose words a side's text is."""

    SOURCE = "source"  # the source's own words, where the quote anchors
    QUOTE = "quote"  # the quote as the YAML writes it (it does not anchor)


@dataclass(frozen=True, slots=True)
class Quoted:
    """One side of a comparison (see `claims.compare` for each field)."""

    dispute: str
    position: str  # the position's `id:`, else its holder
    position_number: int  # 1-based, among the dispute's positions
    evidence: int  # 1-based, within the position
    holder: str
    side: str  # side id
    side_label: str
    colour: str
    source: str  # source id
    title: str | None  # the source's title; None when the source is not declared
    citation: str | None  # "¶24", "p. 23 ¶4"; None when the quote does not anchor
    paragraph: int | None  # 1-based running number; None when the quote does not anchor
    text: str
    origin: Origin
    quote: str  # the YAML's quote
    why: str | None = None  # why the text is the quote (QUOTE): what `check` would say

    @property
    def address(self) -> str:
        """`DISPUTE:POSITION:EVIDENCE`, POSITION the id or `#N` (as `resolve` reads it)."""
        ref = self.position if self.position != self.holder else f"#{self.position_number}"
        return f"{self.dispute}:{ref}:{self.evidence}"


@dataclass(frozen=True, slots=True)
class Compared:
    """Two sides and their alignment (`alignment.a` is `a.text`, `alignment.b` `b.text`)."""

    alignment: Alignment
    a: Quoted
    b: Quoted


def quoted(casebook: Casebook, pick: Pick, documents: Documents) -> Quoted:
    """The side `pick` names: the source's words where its quote anchors (`anchor` with
    the casebook's fuzzy threshold, as `check` and `show` do), else the quote as written,
    with `why`: the source is not declared, cannot be read (the reading problem's message,
    as `check` gives it), has no text, the quote stands in several places ("it stands in
    ¶1 and ¶3: add `before:`/`after:` …", `check`'s ambiguous-quote wording), or it is not
    found in it."""
    from claims.sources.metadata import fill

    dispute = pick.dispute
    position = dispute.positions[pick.position]
    evidence = position.evidence[pick.evidence]
    side = casebook.sides.get(position.side)
    source = casebook.sources.get(evidence.source)
    title = fill(source).title if source is not None else None
    document = documents.get(evidence.source)
    text, origin, citation, paragraph = evidence.quote, Origin.QUOTE, None, None
    why: str | None = "it is not found in the source"
    if source is None:
        why = f"source {evidence.source!r} is not declared in the casebook's `sources:`"
    elif document is None:
        problem = documents.problems.get(evidence.source)
        why = problem.message if problem else f"source {evidence.source!r} cannot be read"
    else:
        outcome = anchor(document, evidence, casebook.fuzzy_threshold)
        if isinstance(outcome, Found):
            found = document.paragraph(outcome.paragraph)
            text, origin, why = found.text[outcome.start : outcome.end], Origin.SOURCE, None
            citation, paragraph = paragraph_label(found), outcome.paragraph
        elif isinstance(outcome, Ambiguous):
            why = _ambiguous(evidence, outcome, casebook.fuzzy_threshold, document)
        elif not document.paragraphs:
            problem = documents.problems.get(evidence.source)
            why = problem.message if problem else why
    return Quoted(
        dispute=dispute.id,
        position=position.key,
        position_number=pick.position + 1,
        evidence=pick.evidence + 1,
        holder=position.holder,
        side=position.side,
        side_label=side.label if side else position.side,
        colour=side.colour if side else "red",
        source=evidence.source,
        title=title,
        citation=citation,
        paragraph=paragraph,
        text=text,
        origin=origin,
        quote=evidence.quote,
        why=why,
    )


def _ambiguous(evidence: Evidence, outcome: Ambiguous, threshold: float, document: Document) -> str:
    """Why an ambiguous quote is shown as written, in `check`'s words (`claims.check`'s
    ambiguous-quote problem: where it stands, then its hint): "it stands in ¶1 and ¶3:
    add `before:`/`after:` (a few words around the quote) or `paragraph:`"."""
    from claims.check import anchor_problem  # check words the problem; compare reuses it

    problem = anchor_problem(evidence, outcome, threshold, document)
    if problem is None:  # pragma: no cover - check always reports an ambiguity
        return "it stands in several places in the source"
    message = problem.message
    lead, tail = "ambiguous quote: found in ", f" of {evidence.source!r}"
    if message.startswith(lead) and message.endswith(tail):
        message = "it stands in " + message[len(lead) : -len(tail)]
    return f"{message}: {problem.hint}" if problem.hint else message


def compare_picks(
    casebook: Casebook,
    a: Pick,
    b: Pick,
    *,
    documents: Documents | None = None,
    threshold: float = THRESHOLD,
) -> Compared:
    """`a` and `b` aligned word by word (`align_variants` with `threshold`, % 0–100)."""
    documents = documents or Documents(casebook)
    first, second = quoted(casebook, a, documents), quoted(casebook, b, documents)
    return Compared(align_variants(first.text, second.text, threshold=threshold), first, second)


def comparisons(
    casebook: Casebook,
    first: str,
    other: str | None = None,
    *,
    documents: Documents | None = None,
    threshold: float = THRESHOLD,
) -> list[Compared]:
    """What `contested compare FIRST [OTHER]` compares (see `claims.compare`). Raises
    `CompareError` for an address that names nothing, or, without OTHER, a dispute with
    fewer than two positions citing evidence."""
    base = resolve(casebook, first)
    if other is not None:
        picks = [resolve(casebook, other)]
    else:
        dispute = base.dispute
        picks = [
            Pick(dispute, index, 0)
            for index, position in enumerate(dispute.positions)
            if position.evidence and index != base.position
        ]
        if not picks:
            cited = sum(bool(p.evidence) for p in dispute.positions)
            raise CompareError(
                f"dispute {dispute.id!r} has {cited} position(s) citing evidence; "
                "nothing to compare it with",
                "name the evidence to compare with as OTHER (DISPUTE[:POSITION[:EVIDENCE]])",
            )
    documents = documents or Documents(casebook)
    return [
        compare_picks(casebook, base, pick, documents=documents, threshold=threshold)
        for pick in picks
    ]
