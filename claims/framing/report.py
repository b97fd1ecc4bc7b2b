"""`contested framing`'s output: JSON, CSV and text for people.

Every string from a casebook or a source goes through the project's output boundary:
JSON through `claims.formats.dumps` (strings `shown`, raw controls escaped), text through
`claims.terminal.Output.line` (which `shown`s every part), CSV cells through `shown` and
`claims.export.spreadsheet.neutralise` (a cell a spreadsheet would run as a formula gets
a `'` in front).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _string
from typing import Any

from claims.framing.cues import Cue
from claims.framing.lists import CATEGORIES, HEURISTIC
from claims.framing.profile import Coverage, Profile
from claims.model import Casebook
from claims.sources import Document
from claims.terminal import Output
from claims.text import json_text, shown

#: CSV columns: one row per cue.
CSV_COLUMNS = ("source", "language", "category", "paragraph", "start", "end", "text")
#: How many sources one block of the side-by-side table holds (then the next block).
COLUMNS_PER_BLOCK = 4
#: Characters of context shown on each side of a cue (`--source`).
CONTEXT = 40


@dataclass(frozen=True, slots=True)
class Unprofiled:
    """A source `contested framing` could not profile: its id, its `language` (None when
    it has no `language:` and its text does not look like the one it would get, or it was
    not read) and the `error` said on stderr."""

    source: str
    language: str | None
    error: str


def cue_json(cue: Cue) -> dict[str, Any]:
    """A cue as the JSON of `contested framing`: category, paragraph (1-based), start,
    end (0-based code points, end exclusive), text."""
    return {
        "category": cue.category,
        "paragraph": cue.paragraph,
        "start": cue.start,
        "end": cue.end,
        "text": cue.text,
    }


def _compact(value: Any) -> str:
    """One JSON value on one line (the C encoder), its strings `shown`."""
    return json.dumps(_shown(value), ensure_ascii=False)


def _shown(value: Any) -> Any:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dict):
        return {shown(k): _shown(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_shown(v) for v in value]
    return value


def _cue_line(cue: Cue) -> str:
    """`cue_json(cue)` as one line of JSON, written directly (the categories are known
    words, the text goes through `shown` and JSON's own string encoder): as
    `_compact(cue_json(cue))` gives it, five times faster."""
    return (
        f'{{"category": "{cue.category}", "paragraph": {cue.paragraph}, '
        f'"start": {cue.start}, "end": {cue.end}, "text": {_string(shown(cue.text))}}}'
    )


def _items(items: Sequence[str], indent: str) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    return "[\n" + ",\n".join(inner + i for i in items) + "\n" + indent + "]"


def as_json(profiles: Sequence[Profile | Unprofiled], cover: Sequence[Coverage]) -> str:
    """The issue's JSON shape: {"sources": [{source, language, language_assumed, words,
    cues, rates, voices}], "coverage": [{dispute, source, sides}]} (rates per 1,000
    words; `language_assumed` true when no `language:` was given and English was
    assumed). A source not profiled (`Unprofiled`) is {source, language, error} in its
    place, never left out. Laid out
    two spaces an indent, with each cue, voice and coverage cell on one line (the C
    encoder writes those: a casebook of 200,000 cues is written in a second). Every
    string `shown`, and written through `claims.text.json_text`."""
    sources = []
    for p in profiles:
        if isinstance(p, Unprofiled):
            fields = [
                f'"source": {_compact(p.source)}',
                f'"language": {_compact(p.language)}',
                f'"error": {_compact(p.error)}',
            ]
            sources.append("{\n      " + ",\n      ".join(fields) + "\n    }")
            continue
        fields = [
            f'"source": {_compact(p.source)}',
            f'"language": {_compact(p.language)}',
            f'"language_assumed": {"true" if p.language_assumed else "false"}',
            f'"words": {p.words}',
            '"cues": ' + _items([_cue_line(c) for c in p.cues], "      "),
            f'"rates": {_compact(p.rates)}',
            '"voices": '
            + _items(
                [
                    _compact({"holder": v.holder, "side": v.side, "quoted_words": v.quoted_words})
                    for v in p.voices
                ],
                "      ",
            ),
        ]
        sources.append("{\n      " + ",\n      ".join(fields) + "\n    }")
    cells = [_compact({"dispute": c.dispute, "source": c.source, "sides": c.sides}) for c in cover]
    text = (
        '{\n  "sources": '
        + _items(sources, "  ")
        + ',\n  "coverage": '
        + _items(cells, "  ")
        + "\n}"
    )
    return json_text(text)


def as_csv(profiles: Sequence[Profile]) -> str:
    """One row per cue (`CSV_COLUMNS`), a header first, CRLF line ends (RFC 4180); cells
    `shown` and neutralised against formula injection."""
    from claims.export.spreadsheet import neutralise

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in profiles:
        for c in p.cues:
            cells = [p.source, p.language, c.category, c.paragraph, c.start, c.end, c.text]
            writer.writerow([neutralise(shown(str(x))) for x in cells])
    return buffer.getvalue()


def _table(out: Output, header: list[str], rows: list[list[str]], left: bool = False) -> None:
    """A plain table: the first column left-aligned, the others right-aligned (numbers)
    or, with `left`, left-aligned (words)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out.line(("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), "bold"))
    for row in rows:
        first = row[0].ljust(widths[0])
        cells = zip(row[1:], widths[1:], strict=True)
        rest = "  ".join(c.ljust(w) if left else c.rjust(w) for c, w in cells)
        out.line(first, "  ", rest.rstrip())


def profiles_table(profiles: Sequence[Profile], out: Output) -> None:
    """Categories as rows, sources as columns (`COLUMNS_PER_BLOCK` a block): each cell
    "rate (count)", the rate per 1,000 words; then words, named/unnamed attribution and
    quoted words per side."""
    for first in range(0, len(profiles), COLUMNS_PER_BLOCK):
        block = profiles[first : first + COLUMNS_PER_BLOCK]
        header = ["per 1,000 words (count)", *(p.source for p in block)]
        rows = []
        for category in CATEGORIES:
            label = category + (" (heuristic)" if category in HEURISTIC else "")
            cells = []
            for p in block:
                if category in p.counts:
                    cells.append(f"{p.rates[category]:.2f} ({p.counts[category]})")
                else:
                    cells.append("no list")
            rows.append([label, *cells])
        rows.append(["words", *(str(p.words) for p in block)])
        rows.append(["attribution named / unnamed", *(f"{p.named} / {p.unnamed}" for p in block)])
        sides = sorted({s for p in block for s in p.sides})
        for side in sides:
            rows.append([f"quoted words: {side}", *(str(p.sides.get(side, 0)) for p in block)])
        _table(out, header, rows)
        out.line("")


def coverage_table(
    cover: Sequence[Coverage], sources: Sequence[str], out: Output, matrix: bool = True
) -> None:
    """Disputes as rows, sources as columns (`COLUMNS_PER_BLOCK` a block); a cell lists the
    side ids the source speaks for in that dispute, "—" when it leaves the dispute out.
    Without `matrix` (too many cells for a table): one line per dispute naming the sources
    that speak to it, with their sides."""
    if not matrix:
        lines: dict[str, list[str]] = {}
        for c in cover:
            if c.sides:
                lines.setdefault(c.dispute, []).append(f"{c.source} ({', '.join(c.sides)})")
        for dispute, parts in lines.items():
            out.line((dispute, "bold"), ": ", "; ".join(parts))
        out.line("")
        return
    cells: dict[tuple[str, str], tuple[str, ...]] = {(c.dispute, c.source): c.sides for c in cover}
    disputes = list(dict.fromkeys(c.dispute for c in cover))
    for first in range(0, len(sources), COLUMNS_PER_BLOCK):
        block = sources[first : first + COLUMNS_PER_BLOCK]
        header = ["dispute", *block]
        rows = [[d, *(", ".join(cells.get((d, s), ())) or "—" for s in block)] for d in disputes]
        _table(out, header, rows, left=True)
        out.line("")


def cues_in_context(profile: Profile, document: Document, out: Output) -> None:
    """Every cue of one source, paragraph by paragraph (¶N), each with its category, its
    offsets and `CONTEXT` characters either side, the cue itself between [ ] (and styled on a
    terminal); then whose words the casebook quotes from it, with the paragraphs."""
    by_paragraph: dict[int, list[Cue]] = {}
    for cue in profile.cues:
        by_paragraph.setdefault(cue.paragraph, []).append(cue)
    for number, found in by_paragraph.items():
        text = document.paragraph(number).text
        out.line((f"¶{number}", "bold"), f"  ({len(found)} cue{'s' * (len(found) != 1)})")
        for cue in found:
            before = text[max(0, cue.start - CONTEXT) : cue.start].replace("\n", " ")
            after = text[cue.end : cue.end + CONTEXT].replace("\n", " ")
            shown_cue = cue.text if len(cue.text) <= 120 else cue.text[:117] + "…"
            who = f"  (speaker: {cue.speaker})" if cue.speaker else ""
            out.line(
                f"  {cue.category:<24} {f'{cue.start}–{cue.end}':<11} ",
                ("…" if cue.start > CONTEXT else "") + before,
                "[",
                (shown_cue, "reverse"),
                "]",
                after + ("…" if cue.end + CONTEXT < len(text) else ""),
                who,
            )
    if profile.voices:
        out.line("")
        out.line(("Voices quoted from this source (the casebook's evidence)", "bold"))
        for v in profile.voices:
            where = ", ".join(f"¶{n}" if n else "not found" for n in v.paragraphs)
            out.line(f"  {v.holder} [{v.side}]: {v.quoted_words} words ({where})")


def language_said(p: Profile) -> str:
    """The language as the header says it: "en", or "en assumed: no `language:`"."""
    return f"{p.language} assumed: no `language:`" if p.language_assumed else p.language


def header(casebook: Casebook, profiles: Sequence[Profile | Unprofiled], out: Output) -> None:
    """The casebook's title and one line per source: id, title, language ("en assumed:
    no `language:`" when no `language:` was given), words; or why it was not profiled."""
    out.line(("Framing: " + casebook.title, "bold"))
    for p in profiles:
        source = casebook.sources.get(p.source)
        title = source.title if source is not None else p.source
        if isinstance(p, Unprofiled):
            out.line(f"  {p.source}: {title} (", (p.error.split("; ")[0], "red"), "; not profiled)")
        else:
            out.line(f"  {p.source}: {title} ({language_said(p)}, {p.words} words)")
    out.line(
        ("Counts of spans, never a score; `--source ID` lists each span in context. ", "dim"),
        ("Categories and their false positives: docs/framing.md.", "dim"),
    )
    out.line("")
