"""Per-source profiles (counts and rates of cues, whose voice is quoted) and coverage.

Units: `words` counts words of the source's paragraphs (runs of letters, digits, _ and
hyphens, an apostrophe inside a word joining its parts: "Russia's" and "FSB-led" are one
word each); a rate is
cues per 1,000 words, rounded to 2 decimals. Quoted words count the words (white-space
separated) of the casebook's evidence quotes, as the casebook gives them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.framing.cues import Cue, analyse
from claims.framing.language import checked
from claims.framing.lists import ATTRIBUTION, FOLD, lists_for
from claims.model import Casebook, Evidence, Position, Source
from claims.sources import Document

if TYPE_CHECKING:
    from claims.framing.cache import CueCache

_WORD = re.compile(r"[\w-]+(?:['’][^\W_][\w-]*)*")


@dataclass(frozen=True, slots=True)
class Voice:
    """Whose words a source carries, from the casebook's evidence: the position's
    `holder` and `side` (its id), `quoted_words` (words of the evidence quotes citing this
    source, summed), and `paragraphs` (1-based, where its quotes were found by exact or
    quote-folded search, each paragraph once, in the order of the quotes; 0 for quotes not
    found that way: `contested check` anchors them)."""

    holder: str
    side: str
    quoted_words: int
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Profile:
    """A source's framing profile.

    - `source`: its id; `language`: the language its lists came from;
    - `words`: words of its text (module docstring); `cues`: every cue (spans);
    - `counts[category]`: how many cues; `rates[category]`: per 1,000 words (2 decimals),
      for every category the language has (0 when none was found);
    - `voices`: quoted words per holder (casebook order); `sides[side id]`: per side;
    - `named`/`unnamed`: attribution cues (neutral, distancing, endorsing, denial) outside
      any `unnamed-source` span, and `unnamed-source` cues;
    - `language_assumed`: neither the source nor the casebook gives a `language:`, so
      English was assumed (its text looked English: `claims.framing.language`)."""

    source: str
    language: str
    words: int
    cues: tuple[Cue, ...]
    counts: dict[str, int]
    rates: dict[str, float]
    voices: tuple[Voice, ...]
    sides: dict[str, int]
    named: int
    unnamed: int
    language_assumed: bool = False


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which sides a source speaks for in one dispute: `sides` (side ids, in the order of
    the casebook's `sides:`), empty when the dispute cites nothing of that source."""

    dispute: str
    source: str
    sides: tuple[str, ...]


def language_of(source: Source | None, casebook: Casebook) -> str:
    """A source's language: its `language:`, else the casebook's, else "en" (assumed;
    `claims.framing.language` tells which, and checks the text)."""
    if source is not None and source.language:
        return source.language
    return casebook.language or "en"


def word_count(texts: Sequence[str]) -> int:
    """Words of `texts` (see the module's docstring)."""
    return sum(len(_WORD.findall(t)) for t in texts)


_INDEX: dict[int, tuple[Casebook, dict[str, list[tuple[Position, Evidence]]]]] = {}


def _evidence_by_source(casebook: Casebook) -> dict[str, list[tuple[Position, Evidence]]]:
    """Every (position, evidence) of the casebook, by cited source id (kept for the last
    casebook asked about, so profiling every source walks the disputes once)."""
    kept = _INDEX.get(id(casebook))
    if kept is not None and kept[0] is casebook:
        return kept[1]
    index: dict[str, list[tuple[Position, Evidence]]] = {}
    for dispute in casebook.disputes:
        for position in dispute.positions:
            for evidence in position.evidence:
                index.setdefault(evidence.source, []).append((position, evidence))
    _INDEX.clear()
    _INDEX[id(casebook)] = (casebook, index)
    return index


def _paragraph_of(document: Document, folded: str | None, quote: str) -> tuple[int, str | None]:
    at = document.text.find(quote)
    if at < 0:
        if folded is None:
            folded = document.text.translate(FOLD)
        at = folded.find(quote.translate(FOLD))
    if at < 0 or not quote:
        return 0, folded
    return document.locate(at)[0], folded


def voices(source_id: str, document: Document | None, casebook: Casebook) -> list[Voice]:
    """Quoted words per holder (and side) of the casebook's evidence citing `source_id`,
    in casebook order; `paragraphs` found in `document`, each once, in reading order, with
    0 (a quote not found, or no `document`) last."""
    totals: dict[tuple[str, str], list[int]] = {}
    places: dict[tuple[str, str], list[int]] = {}
    folded: str | None = None
    for position, evidence in _evidence_by_source(casebook).get(source_id, ()):
        key = (position.holder, position.side)
        totals.setdefault(key, [0])[0] += len(evidence.quote.split())
        paragraph = 0
        if document is not None:
            paragraph, folded = _paragraph_of(document, folded, evidence.quote)
        places.setdefault(key, []).append(paragraph)
    return [Voice(h, s, totals[(h, s)][0], _in_order(places[(h, s)])) for h, s in totals]


def _in_order(paragraphs: list[int]) -> tuple[int, ...]:
    """Paragraph numbers once each, in reading order, 0 (not found) last."""
    return tuple(sorted(set(paragraphs), key=lambda n: (n == 0, n)))


def profile(
    source: Source, document: Document, casebook: Casebook, cache: CueCache | None = None
) -> Profile:
    """The framing profile of `source`, whose text is `document`, in `casebook` (for its
    language and its evidence); with `cache`, cues are read from it when it has them, and
    kept in it when not (`claims.framing.cache`: the caller saves it). Raises
    `claims.framing.NoFramingLists` when the source's language (`language_of`) has no
    lists, and its subclass `claims.framing.language.LanguageNotEvident` when the source
    has no `language:` of its own and its text plainly is not in the language it would
    get (a Russian text in an English casebook)."""
    texts = [p.text for p in document.paragraphs]
    language = checked(source, casebook, texts)
    lists = lists_for(language.tag)
    numbers = [p.number for p in document.paragraphs]
    cached = cache.get(lists.language, texts, numbers) if cache is not None else None
    if cached is None:
        analysed, words = analyse(texts, numbers, lists)
        if cache is not None:
            cache.put(lists.language, texts, numbers, analysed, words)
    else:
        analysed, words = cached
    found = tuple(analysed)
    counts = dict.fromkeys(lists.categories, 0)
    for cue in found:
        counts[cue.category] += 1
    rates = {c: round(n * 1000 / words, 2) if words else 0.0 for c, n in counts.items()}
    heard = voices(source.id, document, casebook)
    sides: dict[str, int] = {}
    for voice in heard:
        sides[voice.side] = sides.get(voice.side, 0) + voice.quoted_words
    unnamed: dict[int, list[tuple[int, int]]] = {}
    for cue in found:
        if cue.category == "unnamed-source":
            unnamed.setdefault(cue.paragraph, []).append((cue.start, cue.end))
    named = 0
    for c in found:
        if c.category in ATTRIBUTION:
            near = unnamed.get(c.paragraph)
            if not near or not any(s < c.end and c.start < e for s, e in near):
                named += 1
    return Profile(
        source.id,
        lists.language,
        words,
        found,
        counts,
        rates,
        tuple(heard),
        sides,
        named,
        sum(map(len, unnamed.values())),
        language.assumed,
    )


def coverage(
    casebook: Casebook, sources: Sequence[str] | None = None, absent: bool = True
) -> list[Coverage]:
    """For every dispute (casebook order) and every source of `sources` (default: the
    casebook's declared sources, in order), the sides whose positions cite that source in
    that dispute: an empty `sides` shows a source left out of the dispute. With `absent`
    False, only the cells where a source speaks (for casebooks too large for a matrix).
    Side ids are in the order of the casebook's `sides:` (undeclared ones after)."""
    wanted = list(casebook.sources) if sources is None else list(sources)
    chosen = set(wanted)
    order = {side: i for i, side in enumerate(casebook.sides)}
    out: list[Coverage] = []
    for dispute in casebook.disputes:
        by_source: dict[str, list[str]] = {}
        for position in dispute.positions:
            for evidence in position.evidence:
                sides = by_source.setdefault(evidence.source, [])
                if position.side not in sides:
                    sides.append(position.side)
        for source_id in wanted if absent else [s for s in by_source if s in chosen]:
            sides = by_source.get(source_id, [])
            if len(sides) > 1:
                sides = sorted(sides, key=lambda s: order.get(s, len(order)))
            out.append(Coverage(dispute.id, source_id, tuple(sides)))
    return out
