"""`contested read FILE [--format human|json] [--dropped] [--extract article|page]`: the
numbered paragraphs `contested` makes of a source file (.txt, .md, .html, .pdf), as quotes
are anchored against them and cited (¶N; "p. 23 ¶4" for a PDF's, by its printed pages).

FILE is taken relative to the working directory (it need not be in a casebook). When no
such file exists, FILE may be a source id of the casebook found from the working directory
(or `-C PATH`): that source's file is read, with its `extract:`. For an
HTML page, `--extract article` (the default, as for a source without `extract:`) keeps the
article, `--extract page` the whole page; `--dropped` says what was left out and why
(furniture, hidden, script) and where on the page. A PDF is shown page by page, each
paragraph cited "p. 23 ¶4 (¶57)"; `--dropped` lists its running headers, footers and page
numbers, pages without text and any bound reached. JSON: `{"paragraphs": [{"number",
"text", "start_line"}], "metadata": {title, published, author, outlet, url: those the
page states}}` (a PDF's paragraphs also have "page", "page_paragraph" and, when they run
over a page break, "page_end"; "start_line" is then the 1-based physical page), with
`--dropped` also `"dropped": [{"text", "reason", "where"}]`. A paragraph's "text" is
exactly what quotes are matched against (bidi controls as JSON escapes, `\\u202e`, not the
`⇄` the human output shows), so a quote copied from it anchors.

Exit status 0, or 2 when the file cannot be read (missing, not UTF-8, not a regular file:
the message names the file and says what to do).
"""

from __future__ import annotations

import argparse
import shutil
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.cli._command import Command, Context

if TYPE_CHECKING:
    from claims.model import Paragraph

HINT_MISSING = (
    "check the path; FILE is relative to the current directory, "
    "or a source id of the casebook here (or -C PATH)"
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="a source file: .txt, .md, .html, .htm or .pdf; or, when no such file exists, "
        "a source id of the casebook here (or -C PATH)",
    )
    parser.add_argument("--format", choices=("human", "json"), default="human")
    parser.add_argument(
        "--dropped", action="store_true", help="also list what was left out of the page, and why"
    )
    parser.add_argument(
        "--extract",
        choices=("article", "page"),
        default=None,
        help="for HTML: the article (default; for a source id, its `extract:`) or the whole "
        "page, as a source's `extract:`",
    )


def reading(path: Path, extract: str) -> dict[str, Any]:
    """What `read` shows of the file at `path`: `{"paragraphs": [{"number" (1-based),
    "text", "start_line" (1-based line of the file)}], "metadata": {...}, "dropped":
    [{"text", "reason", "where"}]}`. Raises `SourceUnreadable`."""
    from claims.citation import page_fields
    from claims.sources import read_document
    from claims.sources.metadata import read_metadata

    document = read_document(path, extract=extract)
    return {
        "paragraphs": [
            {"number": p.number, "text": p.text, "start_line": p.line, **page_fields(p)}
            for p in document.paragraphs
        ],
        "metadata": read_metadata(path).as_dict(),
        "dropped": [
            {"text": d.text, "reason": d.reason, "where": d.where}
            for d in getattr(document, "dropped", [])
        ],
    }


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.paths import display
    from claims.sources import SourceUnreadable
    from claims.sources.document import FIX_PATH

    path, extract = Path(args.file), args.extract
    if not path.exists() and (source := _source(args.file, context)) is not None:
        path, extract = source[0], args.extract or source[1]
    try:
        read = reading(path, extract or "article")
    except SourceUnreadable as why:
        hint = why.hint.replace(FIX_PATH, HINT_MISSING)
        context.err.line((f"contested read: cannot read {display(args.file)}: {why.reason}", "red"))
        context.err.line("  = hint: ", (hint, "dim"))
        return 2
    if not args.dropped:
        del read["dropped"]
    if args.format == "json":
        print(exact_json(read))
        return 0
    human(read, context)
    return 0


def _source(source_id: str, context: Context) -> tuple[Path, str | None] | None:
    """(file, `extract:`) of source `source_id` of the casebook found from the working
    directory or `-C`; None when there is no casebook there (only the bundled example),
    it cannot be read, or it declares no such source."""
    from claims.cli._command import locate
    from claims.loader import load
    from claims.problems import CasebookUnreadable

    found, note = locate(None, context.directory, "reading")
    if note is not None:
        return None
    try:
        source = load(found).casebook.sources.get(source_id)
    except CasebookUnreadable:
        return None
    if source is None or source.path is None:
        return None
    return source.path, source.extract


def exact_json(read: dict[str, Any]) -> str:
    """`read` as JSON, each paragraph's "text" exactly as quotes are matched against it: a
    bidi embedding, override or isolate (U+202A–202E, U+2066–2069) is written as its JSON
    escape (`\\u202e`), never raw and never as the `⇄` every other output shows, so a quote
    copied from it anchors exactly; every other string `shown` as in all JSON."""
    import json

    from claims.text import json_text, shown

    def safe(value: Any) -> Any:
        if isinstance(value, str):
            return shown(value)
        if isinstance(value, dict):
            return {shown(key): safe(item) for key, item in value.items()}
        if isinstance(value, list):
            return [safe(item) for item in value]
        return value

    out = safe(read)
    for paragraph, given in zip(out["paragraphs"], read["paragraphs"], strict=True):
        paragraph["text"] = given["text"]
    return json_text(json.dumps(out, ensure_ascii=False, indent=2))


def human(read: dict[str, Any], context: Context) -> None:
    """Paragraphs as "¶N  text", wrapped to the terminal with a hanging indent; the page's
    metadata first (dim), what was dropped after (with --dropped)."""
    width = max(40, shutil.get_terminal_size((100, 24)).columns)
    out = context.out
    for key, value in read["metadata"].items():
        out.line((f"{key}: ", "dim"), (value, "dim"))
    if read["metadata"]:
        out.line("")
    paragraphs = read["paragraphs"]
    from claims.citation import new_page

    labels = [_label(p) for p in paragraphs]
    gutter = max((len(label) for label in labels), default=0) + 2
    previous = None
    for index, paragraph in enumerate(paragraphs):
        if new_page(previous, _paragraph(paragraph)):
            out.line((("" if index == 0 else "\n") + f"── p. {paragraph['page']}", "dim"))
        previous = _paragraph(paragraph)
        label = labels[index].ljust(gutter)
        for index, line in enumerate(_wrapped(paragraph["text"], width - gutter)):
            out.line((label if index == 0 else " " * gutter, "bold" if index == 0 else ""), line)
    if not paragraphs:
        out.line(("No paragraphs: the file holds no text.", "dim"))
    if "dropped" not in read:
        return
    dropped = read["dropped"]
    out.line("")
    if not dropped:
        out.line(("Nothing was left out.", "dim"))
        return
    out.line((f"Left out ({len(dropped)}):", "bold"))
    for item in dropped:
        why = item["reason"] + (f", {item['where']}" if item["where"] else "")
        text = " ".join(item["text"].split())
        if len(text) > width - len(why) - 6:
            text = text[: max(10, width - len(why) - 7)] + "…"
        out.line(("  [", "dim"), (why, "yellow"), ("] ", "dim"), text)


def _paragraph(shown: dict[str, Any]) -> Paragraph:
    """The Paragraph a paragraph of `reading` stands for."""
    from claims.model import Paragraph

    return Paragraph(
        shown["number"],
        shown["text"],
        shown["start_line"],
        shown.get("page"),
        shown.get("page_paragraph"),
        shown.get("page_end"),
    )


def _label(shown: dict[str, Any]) -> str:
    """How a paragraph of `reading` is cited: "¶N", or for a PDF's "p. 23 ¶4 (¶N)"."""
    from claims.citation import paragraph_label

    return paragraph_label(_paragraph(shown), running=True)


def _wrapped(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` characters, its own line breaks kept."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(
            textwrap.wrap(line, max(20, width), break_long_words=False, break_on_hyphens=False)
            or [""]
        )
    return lines


COMMAND = Command(
    "read",
    "print the numbered paragraphs contested makes of a source file (and what it left out)",
    arguments,
    run,
    order=60,
)
