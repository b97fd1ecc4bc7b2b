"""Finding framing cues in paragraphs: the lists' matches, and two heuristics.

Every cue is a span of one paragraph: `paragraph` 1-based, `start`/`end` 0-based code
points into that paragraph's plain text (`end` exclusive; Python `str` indices), `text`
the paragraph's own characters there. Matching folds apostrophes and quotation marks one
character for one (`lists.FOLD`), so offsets are never shifted.

Rules in code (each a known source of error, see docs/framing.md):

- `hedge` "May" with a capital M is the month, not the modal, unless it starts a sentence
  and no number follows ("May 5", "in May", "1 May" are months);
- `hedge`/`booster` chains are one cue: two cues of one category separated only by white
  space (and at most one of not/have/also/well/even) are joined ("may not seem");
- `agentless-passive` (heuristic): a form of *be* or *get* (am, is, are, was, were, be,
  been, being, get, gets, got, gotten, getting), at most two adverbs or `not` between, then
  a past participle (a word in -ed of five letters or more, or one of `participles.txt`)
  not in `passive-exclude.txt` (stative and adjectival participles: involved, interested),
  with an optional particle (out, up, down, away, off, over); not a cue when "by" follows
  within four words (an agent is named), nor when it lies inside a cue of a list category
  ("is known" in the booster "As is known": the phrase counts once). Passives whose
  auxiliary comes before the subject ("why were they targeted") and coordinated
  participles sharing one auxiliary are missed;
- `direct-quote` (heuristic): `claims.framing.quotes`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from claims.framing.lists import BE_FORMS, CATEGORIES, FOLD, Lists, lists_for
from claims.framing.quotes import direct_quotes
from claims.model import Paragraph


class Cue(NamedTuple):
    """One framing cue: `category` (one of `CATEGORIES`), `paragraph` (1-based), `start`
    and `end` (0-based code points into the paragraph's text, `end` exclusive), `text`
    (the paragraph's characters there). `speaker` is the speaker a `direct-quote` names
    (None for other categories). A named tuple: a large casebook makes hundreds of
    thousands of them, and tuples are several times cheaper to create than dataclasses."""

    category: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None = None


_ORDER = {c: i for i, c in enumerate(CATEGORIES)}
_BE = r"(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting)"
_GAP = r"(?:(?:not|n't|also|never|still|later|then|already|just|all|both|even|now|\w+ly)\s+){0,2}"
_PASSIVE = re.compile(
    rf"(?<![\w-]){_BE}\s+{_GAP}(?P<part>[a-z]+)(?:\s+(?:out|up|down|away|off|over))?(?![\w-])",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"(?:\s+[^\s]+){0,3}?\s+by(?![\w-])", re.IGNORECASE)
_CHAIN_GAP = re.compile(r"\s+(?:(?:not|have|also|well|even)\s+)?")
_MONTH_AFTER = re.compile(r"\s*\d")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:]['\")\]]?\s+|[\"'(]\s*)$")
_CHAINED = ("hedge", "booster")


def _is_month(text: str, start: int, end: int) -> bool:
    """A "May" match that is the month (see the module's docstring)."""
    if text[start:end] != "May":
        return False
    if _MONTH_AFTER.match(text, end) or re.search(r"\d\s*$", text[max(0, start - 4) : start]):
        return True
    return _SENTENCE_BEFORE.search(text[max(0, start - 4) : start]) is None


def _passives(folded: str, places: dict[str, list[int]], lists: Lists) -> list[tuple[int, int]]:
    out = []
    starts = sorted(p for w in places.keys() & BE_FORMS for p in places[w])
    last = -1
    for place in starts:
        if place < last:
            continue
        match = _PASSIVE.match(folded, place)
        if match is None:
            continue
        word = match.group("part").lower()
        if word in lists.not_passive:
            continue
        if not (word in lists.participles or (word.endswith("ed") and len(word) >= 5)):
            continue
        if _BY_AFTER.match(folded, match.end()):
            continue
        out.append((match.start(), match.end()))
        last = match.end()
    return out


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and _CHAIN_GAP.fullmatch(text, out[-1][1], start):
            out[-1] = (out[-1][0], end)
        elif out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


_TOKEN = re.compile(r"[\w-]+")
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:an|ian|ani|i|ese|ish|ch|ern)(?![\w-])")
_APOSTROPHE = re.compile(r"'(?=[^\W_])")  # a literal first: the engine skips to each "'"
#: What joins paragraphs for matching: no cue can hold it (`\s` does not match it).
SEPARATOR = "\x00"


def _scan(lowered: str, lists: Lists) -> tuple[dict[str, list[int]], int]:
    """(where each word that can start or gate a cue (`Lists.scanned`) stands in
    `lowered`, as a whole token (a run of letters, digits, _ and -); how many words
    `lowered` has: tokens, less those that follow an apostrophe inside a word ("Russia's"
    is one word))."""
    scanned = lists.scanned
    places: dict[str, list[int]] = {}
    tokens = 0
    for match in _TOKEN.finditer(lowered):
        tokens += 1
        word = match.group()
        if word in scanned:
            if word in places:
                places[word].append(match.start())
            else:
                places[word] = [match.start()]
    joins = sum(
        1 for m in _APOSTROPHE.finditer(lowered) if m.start() and lowered[m.start() - 1].isalnum()
    )
    return places, tokens - joins


def _matches(folded: str, lists: Lists) -> tuple[dict[str, list[tuple[int, int]]], int]:
    """Every list match (and exclusion match, under "!" + category) of `folded`, by
    category, left to right and not overlapping within a category. A category's pattern
    is tried only where a word one of its cues starts with stands (`Lists.starts`): the
    same matches as scanning the whole text, in a fraction of the time."""
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a letter whose lower case is longer (İ): keep offsets
        lowered = "".join(c.lower()[:1] or c for c in folded)
    places, words_in = _scan(lowered, lists)
    words = places.keys()
    tries: dict[str, list[int]] = {}
    for word in words & lists.first_words:
        wanted = [c for c, gate in lists.starts[word] if gate is None or not gate.isdisjoint(words)]
        for category in wanted:
            tries.setdefault(category, []).extend(places[word])
    nationality = [c for c, g in lists.nationality_starts if g is None or not g.isdisjoint(words)]
    if nationality:
        capitals = [
            m.start()
            for m in _NATIONALITY.finditer(folded)
            if not m.start()
            or not (folded[m.start() - 1].isalnum() or folded[m.start() - 1] in "_-")
        ]
        for category in nationality:
            tries.setdefault(category, []).extend(capitals)
    found: dict[str, list[tuple[int, int]]] = {}
    for category, at in tries.items():
        pattern = lists.patterns.get(category)
        if pattern is None:
            continue
        spans: list[tuple[int, int]] = []
        last = -1
        for place in sorted(set(at)):
            if place < last:
                continue
            match = pattern.match(folded, place)
            if match is not None and match.end() > place:
                spans.append((place, match.end()))
                last = match.end()
        found[category] = spans
    if lists.participles and words & BE_FORMS:
        found["agentless-passive"] = _passives(folded, places, lists)
    return found, words_in


def _kept(spans: list[tuple[int, int]], excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` less those inside one of `excluded` (sorted, not overlapping: only the last
    one starting at or before a span can hold it)."""
    if not excluded:
        return spans
    starts = [s for s, _ in excluded]
    out = []
    for start, end in spans:
        index = bisect_right(starts, start) - 1
        if index < 0 or excluded[index][1] < end:
            out.append((start, end))
    return out


def _spans(folded: str, lists: Lists) -> tuple[dict[str, list[tuple[int, int]]], int]:
    """(the spans of every list and passive cue of `folded`, by category, exclusions and
    the month rule applied and hedge/booster chains joined; the words of `folded`)."""
    matched, words = _matches(folded, lists)
    out = {}
    for category in lists.categories:
        spans = matched.get(category)
        if not spans:
            continue
        spans = _kept(spans, matched.get("!" + category, []))
        if category == "hedge":
            spans = [s for s in spans if not _is_month(folded, *s)]
        if category in _CHAINED:
            spans = _merged(spans, folded)
        out[category] = spans
    if out.get("agentless-passive"):
        out["agentless-passive"] = _unclaimed(out["agentless-passive"], out)
    return out, words


def _unclaimed(
    passives: list[tuple[int, int]], spans: dict[str, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """`passives` less those inside a span of a list category ("is known" inside the
    booster "As is known", "is suspected" inside the hedge "it is suspected"): the phrase
    is counted once, as the list's cue. A list cue inside a passive ("were reportedly
    detained") leaves the passive counted."""
    claimed = sorted(s for c, found in spans.items() if c != "agentless-passive" for s in found)
    if not claimed:
        return passives
    starts = [s for s, _ in claimed]
    reach: list[int] = []  # the furthest end of the claimed spans starting up to each one
    for _, end in claimed:
        reach.append(max(end, reach[-1]) if reach else end)
    out = []
    for start, end in passives:
        index = bisect_right(starts, start) - 1
        if index < 0 or reach[index] < end:
            out.append((start, end))
    return out


def paragraph_cues(text: str, number: int, lists: Lists) -> list[Cue]:
    """The cues of one paragraph (its plain `text`, numbered `number`), sorted by start,
    then category order."""
    return analyse([text], [number], lists)[0]


def analyse(texts: Sequence[str], numbers: Sequence[int], lists: Lists) -> tuple[list[Cue], int]:
    """(the cues of paragraphs `texts` numbered `numbers`, matched as one text (the
    paragraphs joined by `SEPARATOR`, which no cue can span) and mapped back, sorted as
    `cues` sorts them; the words of `texts`: runs of letters, digits, _ and -, an
    apostrophe inside a word joining its two parts)."""
    joined = SEPARATOR.join(texts)
    folded = joined.translate(FOLD)
    offsets = []
    at = 0
    for text in texts:
        offsets.append(at)
        at += len(text) + 1
    found: list[Cue] = []
    spans_of, words = _spans(folded, lists)
    for category, spans in spans_of.items():
        for start, end in spans:
            index = bisect_right(offsets, start) - 1
            base = offsets[index]
            found.append(Cue(category, numbers[index], start - base, end - base, joined[start:end]))
    if "direct-quote" in lists.categories and '"' in folded:
        for index, text in enumerate(texts):
            if '"' not in folded[offsets[index] : offsets[index] + len(text)]:
                continue
            for start, end, speaker in direct_quotes(text):
                found.append(
                    Cue("direct-quote", numbers[index], start, end, text[start:end], speaker)
                )
    found.sort(key=lambda c: (c.paragraph, c.start, _ORDER[c.category], c.end))
    return found, words


def cues(paragraphs: Sequence[str | Paragraph], language: str = "en") -> list[Cue]:
    """Every framing cue of `paragraphs` (plain strings, numbered 1, 2, … in order; or
    `Paragraph` records, which keep their own `number`), in `language` (a BCP 47 tag).
    Sorted by paragraph, then start, then category (`CATEGORIES` order). Raises
    `claims.framing.NoFramingLists` for a language with no lists (never an empty result
    for it)."""
    lists = lists_for(language)
    texts: list[str] = []
    numbers: list[int] = []
    for index, paragraph in enumerate(paragraphs, start=1):
        if isinstance(paragraph, str):
            texts.append(paragraph)
            numbers.append(index)
        else:
            texts.append(paragraph.text)
            numbers.append(paragraph.number)
    return analyse(texts, numbers, lists)[0]
