"""`md`: CommonMark for a CMS or GitHub: per dispute a heading, per position its holder
(a heading), side, claim, rating and note, and each quote as a block quote with its
citation (title, outlet, date, ¶ or a PDF's "p. 23 ¶4", URL).

Every casebook string is written as literal text: its white space collapsed to single
spaces (a note's line breaks are kept, as hard line breaks: `escape_lines`), every
character Markdown gives a meaning to backslash-escaped (`escape`), so a holder named
`*x*`, a claim holding `[a](javascript:…)` or `<b>`, a quote starting with `#`, `-`, `>`
or `1.` reads as written and never becomes emphasis, a link, raw HTML, a heading or a
list. The only links are the sources' http(s) URLs, as
autolinks (`<https://…>`; `claims.citation.web_address` admits no space or angle
bracket); any other URL is escaped text. Same input, same bytes.
"""

from __future__ import annotations

import re

from claims.export import Exporter, Selection
from claims.export._evidence import Record, rating_name, records, review_of, status_of
from claims.gcpause import paused_gc
from claims.model import Casebook, Dispute
from claims.text import shown

#: ASCII punctuation that CommonMark (or GitHub's extensions: tables, strikethrough)
#: reads anywhere in a line; every one is escaped.
_ANYWHERE = re.compile(r"([\\`*_\[\]{}<>#!|~&$])")
#: At the start of a line (after escaping): a list marker, a thematic break, a setext
#: underline, an ordered list's number.
_LINE_START = re.compile(r"^([-+=.])|^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """`text` as literal CommonMark inline text on one line: white space collapsed,
    controls made visible (`claims.text.shown`), Markdown's punctuation backslash-escaped
    (and a leading list or heading marker). Not for use inside code spans or URLs."""
    flat = " ".join(shown(text).split())
    flat = _ANYWHERE.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def escape_lines(text: str, indent: str) -> str:
    """`text` as literal CommonMark inline text that keeps its line breaks (a note typed
    over several lines): each line `escape`d, joined by hard line breaks (a backslash at
    the end of the line, CommonMark 6.7), each following line starting with `indent` (what
    keeps it inside its list item or block quote: "  ", "> "). A blank line inside the
    text stays one (a hard break on a line of its own); blank lines before and after, and
    white space at either end of a line, are dropped."""
    lines = [escape(line) for line in shown(text).strip().splitlines()]
    return f"\\\n{indent}".join(lines)


def _citation(record: Record) -> str:
    info = record.source
    parts = [f"*{escape(info.title)}*"]
    parts.extend(escape(x) for x in (info.outlet, info.author) if x)
    if info.published:
        parts.append(info.published.isoformat())
    if record.label is not None:  # "¶12", a PDF's "p. 23 ¶4"
        parts.append(escape(record.label))
    if info.web:
        parts.append(f"<{info.web}>")
    elif info.url:
        parts.append(escape(info.url))
    return ", ".join(parts)


def _quote(record: Record) -> list[str]:
    lines = [f"> {escape(record.quote)}", ">", f"> — {_citation(record)}"]
    if record.paragraph is None:
        lines += [">", "> *Not found in the source (`contested check` says why).*"]
    elif record.found is not None and record.found.split() != record.quote.split():
        lines += [">", f"> The source reads: {escape(record.found)}"]
    if record.evidence.note:
        lines += [">", f"> Note: {escape_lines(record.evidence.note, '> ')}"]
    return [*lines, ""]


def _dispute(casebook: Casebook, dispute: Dispute, found: list[Record]) -> list[str]:
    meta = [f"Dispute {escape(dispute.id)}"]
    if dispute.date:
        meta.append(dispute.date.isoformat())
    if dispute.tags:
        meta.append("tags: " + ", ".join(escape(t) for t in dispute.tags))
    meta.append(f"review: {escape(status_of(casebook, dispute))}")
    lines = [f"## {escape(dispute.question)}", "", " · ".join(meta), ""]
    if dispute.description:
        lines += [escape(dispute.description), ""]
    for index, position in enumerate(dispute.positions):
        side = casebook.sides.get(position.side)
        mine = [r for r in found if r.position_index == index]
        review = review_of(casebook, dispute, position)
        rating = rating_name(casebook, review)
        lines += [
            f"### {escape(position.holder)}",
            "",
            f"- **Side:** {escape(side.label if side else position.side)}",
            f"- **Claim:** {escape(position.claim)}",
            f"- **Rating:** {escape(rating)}",
        ]
        if review is not None and review.note:
            lines.append(f"- **Note:** {escape_lines(review.note, '  ')}")
        if review is not None and (review.by or review.at):
            lines.append(
                "- **Reviewed by:** " + ", ".join(escape(x) for x in (review.by, review.at) if x)
            )
        lines.append("")
        if not position.evidence:
            lines += ["*No evidence cited.*", ""]
        for record in mine:
            lines += _quote(record)
    return lines


def render(casebook: Casebook, selection: Selection) -> bytes:
    """The Markdown as UTF-8 bytes, one trailing newline; deterministic."""
    with paused_gc():
        return _render(casebook, selection)


def _render(casebook: Casebook, selection: Selection) -> bytes:
    found = records(selection)
    by_dispute: dict[str, list[Record]] = {}
    for record in found:
        by_dispute.setdefault(record.dispute.id, []).append(record)
    lines = [f"# {escape(casebook.title)}", ""]
    if casebook.description:
        lines += [escape(casebook.description), ""]
    for dispute in selection.disputes:
        lines += _dispute(casebook, dispute, by_dispute.get(dispute.id, []))
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


EXPORTER = Exporter(
    name="md",
    suffix=".md",
    binary=False,
    help="CommonMark: per dispute a heading, per position a block-quoted, cited quote",
    render=render,
)
