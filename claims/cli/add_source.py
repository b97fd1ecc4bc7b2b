"""`contested add-source FILE [--id ID] [--title TITLE] [--kind KIND]`: copy a saved page
(or any .txt, .md, .html, .htm file) into the casebook's `sources/` folder and register it
under `sources:` in casebook.yaml, with the metadata the page states (title, published,
author, outlet, url; `claims.sources.metadata`). Prints the new id.

The casebook is the one found from the working directory, or `-C PATH`; FILE is relative
to the working directory. casebook.yaml is only added to (`claims.casebook.append`): every
byte and comment already in it stays. Refuses (exit 2) an id or a file in `sources/` that
exists, a file that cannot be read as a source, and the bundled example.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from claims.cli._command import Command, Context, UsageError
from claims.schema import KINDS

ENDINGS = (".txt", ".md", ".markdown", ".html", ".htm")


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to add: .txt, .md, .html or .htm")
    parser.add_argument(
        "--id", dest="source_id", metavar="ID", help="its id (default: from FILE's name)"
    )
    parser.add_argument("--title", help="its title (default: the page's own, else the file name)")
    parser.add_argument("--kind", choices=KINDS, help="what kind of document it is")


def _casebook_file(context: Context) -> Path:
    from claims.casebook.discover import CASEBOOK_FILE
    from claims.cli._command import locate

    path, note = locate(None, context.directory, "adding to")
    if note is not None:
        raise UsageError(
            "no casebook here to add to (only the bundled example, which is not changed); "
            "cd into a casebook, name one with -C PATH, or make one with `contested init PATH`"
        )
    return path / CASEBOOK_FILE if path.is_dir() else path


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.casebook import append
    from claims.formats import shown_path
    from claims.paths import display
    from claims.schema import ID_PATTERN
    from claims.sources import SourceUnreadable, read_document
    from claims.sources.metadata import plain, read_metadata

    given = Path(args.file)
    if given.suffix.lower() not in ENDINGS:
        raise UsageError(
            f"{display(args.file)}: a source is a .txt, .md, .html or .htm file; "
            "save the page as HTML, or the text as .txt"
        )
    try:
        document = read_document(given)
    except SourceUnreadable as why:
        raise UsageError(f"cannot read {display(args.file)}: {why.reason}") from None
    casebook = _casebook_file(context)
    source_id = args.source_id or append.slug(given.name)
    if not append.SLUG.fullmatch(source_id):
        raise UsageError(
            f"{source_id!r} is not a valid id (pattern {ID_PATTERN}); "
            "use letters, digits, '.', '_' and '-', starting with a letter or digit"
        )
    name = source_id + given.suffix.lower()
    destination = casebook.parent / "sources" / name
    if destination.exists() or destination.is_symlink():
        raise UsageError(
            f"{shown_path(destination)} exists already; give another --id "
            "(or register that file by hand)"
        )
    raw, text = append.read_text(casebook)
    fields: dict[str, Any] = {"file": f"sources/{name}"}
    page = read_metadata(given).as_dict()
    title = plain(args.title) if args.title else page.pop("title", None)
    page.pop("title", None)
    if title:
        fields["title"] = title
    fields |= {k: v for k, v in page.items() if k in ("outlet", "author", "published", "url")}
    if "published" in fields:
        import datetime as dt

        fields["published"] = dt.date.fromisoformat(fields["published"])
    if args.kind:
        fields["kind"] = args.kind
    new = append.with_source(text, casebook, source_id, fields)
    append.copy_new(given, destination)
    try:
        append.replace_text(casebook, raw, new)
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    shown = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()}
    context.err.line(
        ("Added ", "green"),
        (f"{len(document.paragraphs)} paragraphs", ""),
        (f" as {shown_path(destination)}; registered in {shown_path(casebook)}:", "green"),
    )
    for key, value in shown.items():
        context.err.line(("  ", ""), (f"{key}: ", "dim"), str(value))
    print(source_id)
    return 0


COMMAND = Command(
    "add-source",
    "copy a saved page or text into the casebook's sources/ and register it in casebook.yaml",
    arguments,
    run,
    order=70,
)
