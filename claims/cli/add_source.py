"""`contested add-source FILE [--id ID] [--title T] [--outlet O] [--author A] [--published
DATE] [--url URL] [--kind KIND]`: copy a saved page (or any .txt, .md, .html, .htm, .pdf file)
into the casebook's `sources/` folder and register it under `sources:` in casebook.yaml,
with the metadata the page states (title, published, author, outlet, url;
`claims.sources.metadata`); each option given overrides what the page says. Option values
must be one line of plain text (no control characters); `--published` an ISO date or
date-time (its date part is written, and stderr says the time was left out), `--url` an
http(s) address. Prints the new id.

The id is `--id` (a slug of at most `append.ID_LIMIT` = 100 characters, never empty), else
FILE's name transliterated to ASCII (`append.slug`), else `source`, `source-2`, ….
A FILE already inside `sources/` is registered where it is (not copied); a FILE some
source already names is refused, with that source's id.

The casebook is the one found from the working directory, or `-C PATH`; FILE is relative
to the working directory. casebook.yaml is only added to (`claims.casebook.append`): every
byte and comment already in it stays. A casebook.yaml that is a symbolic link has the file
it leads to written (the link stays; a link leading out of the casebook is refused). The
write is atomic (a new file replaces the old one), so a casebook.yaml with other hard links
stops sharing them; stderr says so. Refuses (exit 2) an id or a file in `sources/` that
exists, a file that cannot be read as a source, an option value as above, a folder or file
that cannot be written, and the bundled example; nothing is written then.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from claims.cli._command import Command, Context, UsageError
from claims.schema import KINDS

ENDINGS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="the file to add: .txt, .md, .html, .htm or .pdf"
    )
    parser.add_argument(
        "--id", dest="source_id", metavar="ID", help="its id (default: from FILE's name)"
    )
    parser.add_argument("--title", help="its title (default: the page's own, else the file name)")
    parser.add_argument("--outlet", help="who published it (default: the page's own)")
    parser.add_argument("--author", help="who wrote it (default: the page's own)")
    parser.add_argument(
        "--published",
        metavar="DATE",
        help="its publication date, YYYY-MM-DD or an ISO date-time (default: the page's own)",
    )
    parser.add_argument(
        "--url", help="where the original is, an http(s) address (default: the page's own)"
    )
    parser.add_argument("--kind", choices=KINDS, help="what kind of document it is")


#: Characters an option's value may not hold: line breaks and other controls, and the
#: bidi embeddings, overrides and isolates that reorder what a terminal shows.
_UNSAFE_CATEGORIES = ("Cc", "Zl", "Zp")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def given_text(option: str, value: str) -> str:
    """`value` of `--option` trimmed, if it is one line of text: no control characters
    (tab, line breaks, escape), no line or paragraph separators, no bidi controls, not
    empty. Raises `UsageError` naming the option and the first bad character."""
    import unicodedata

    text = value.strip()
    for index, char in enumerate(text):
        if unicodedata.category(char) in _UNSAFE_CATEGORIES or char in _BIDI:
            raise UsageError(
                f"--{option} holds a control character (U+{ord(char):04X} at character "
                f"{index + 1}); give it as one line of plain text"
            )
    if not text:
        raise UsageError(f"--{option} is empty; give a value or leave the option out")
    return text


def given_date(value: str) -> dt.date:
    """The date of `--published`: `YYYY-MM-DD`, or an ISO date-time whose date part is
    taken as written (`2019-11-20T05:52:20-05:00` -> 2019-11-20). Raises `UsageError`."""
    text = given_text("published", value)
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        if len(text) > 10 and text[10] in "Tt ":
            return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise UsageError(
        f"--published {text!r} is not an ISO date; write it as YYYY-MM-DD (2019-11-20) "
        "or an ISO date-time (2019-11-20T05:52:20-05:00)"
    )


def given_url(value: str) -> str:
    """`--url` if it is an http:// or https:// address with a host and no spaces. Raises
    `UsageError`."""
    from urllib.parse import urlsplit

    text = given_text("url", value)
    try:
        parts = urlsplit(text)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok or any(char.isspace() for char in text):
        raise UsageError(
            f"--url {text!r} is not an http(s) address; give the page's address, "
            "like https://example.org/story"
        )
    return text


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


def _source_id(args: argparse.Namespace, given: Path, taken: set[str], folder: Path) -> str:
    """The id asked for (`--id`, checked), else one made from FILE's name (`append.slug`),
    else the first of source, source-2, … neither registered nor a file in `folder`."""
    from claims.casebook import append
    from claims.schema import ID_PATTERN

    if args.source_id is None:
        made = append.slug(given.name)
        if made:
            return made
        number = 1
        while True:
            made = "source" if number == 1 else f"source-{number}"
            if made not in taken and not any(folder.glob(f"{made}.*")):
                return made
            number += 1
    source_id: str = args.source_id
    if not source_id.strip():
        raise UsageError("--id is empty; give an id or leave the option out")
    if len(source_id) > append.ID_LIMIT:
        raise UsageError(
            f"--id is {len(source_id)} characters long; an id is at most {append.ID_LIMIT} "
            "characters (it names the file in sources/)"
        )
    if not append.SLUG.fullmatch(source_id):
        raise UsageError(
            f"{source_id!r} is not a valid id (pattern {ID_PATTERN}); "
            "use letters, digits, '.', '_' and '-', starting with a letter or digit"
        )
    return source_id


def _real_casebook(casebook: Path) -> Path:
    """The file to write: casebook.yaml itself, or the file its symbolic link leads to
    inside the casebook (the link stays). Raises `UsageError` for a link leading out."""
    from claims.paths import Confined, OutsideCasebook, display

    if not casebook.is_symlink():
        return casebook
    try:
        return Confined(casebook.parent).contain(casebook)
    except OutsideCasebook as why:
        raise UsageError(
            f"{display(str(casebook))} is outside the casebook: {why}; it is not changed"
        ) from None


def _in_sources(given: Path, root: Path) -> str | None:
    """FILE's path relative to the casebook (`sources/x.html`) when it is already inside
    its `sources/` folder, else None."""
    try:
        inside = given.resolve().relative_to((root / "sources").resolve())
    except (OSError, ValueError):
        return None
    return "sources/" + inside.as_posix()


def _registered_as(given: Path, root: Path, files: dict[str, str]) -> str | None:
    """The id of the source whose `file:` is FILE itself (same file on disk), if any."""
    from claims.paths import Confined, OutsideCasebook

    confined = Confined(root)
    for source_id, name in files.items():
        try:
            if confined.resolve(name).samefile(given):
                return source_id
        except (OSError, OutsideCasebook):
            continue
    return None


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.casebook import append
    from claims.formats import shown_path
    from claims.paths import display
    from claims.sources import SourceUnreadable, read_document
    from claims.sources.metadata import read_metadata

    overrides: dict[str, Any] = {}
    for option in ("title", "outlet", "author"):
        value = getattr(args, option)
        if value is not None:
            overrides[option] = given_text(option, value)
    if args.published is not None:
        overrides["published"] = given_date(args.published)
    if args.url is not None:
        overrides["url"] = given_url(args.url)
    given = Path(args.file)
    if given.suffix.lower() not in ENDINGS:
        raise UsageError(
            f"{display(args.file)}: a source is a .txt, .md, .html, .htm or .pdf file; "
            "save the page as HTML, or the text as .txt"
        )
    try:
        document = read_document(given)
    except SourceUnreadable as why:
        raise UsageError(f"cannot read {display(args.file)}: {why.reason}") from None
    casebook = _casebook_file(context)
    root = casebook.parent
    target = _real_casebook(casebook)
    raw, text = append.read_text(target)
    files = append.registered(text)
    already = _registered_as(given, root, files)
    if already is not None:
        raise UsageError(
            f"{display(args.file)} is registered already, as source {already!r}; nothing to add"
        )
    in_place = _in_sources(given, root)
    source_id = _source_id(args, given, set(files), root / "sources")
    if in_place is None:
        name = source_id + given.suffix.lower()
        destination = root / "sources" / name
        if destination.exists() or destination.is_symlink():
            raise UsageError(
                f"{shown_path(destination)} exists already; give another --id "
                "(or register that file by hand)"
            )
    else:
        destination = root / in_place
    fields: dict[str, Any] = {"file": in_place or f"sources/{destination.name}"}
    page = read_metadata(given)
    stated: dict[str, Any] = {
        "title": page.title,
        "published": page.published,
        "author": page.author,
        "outlet": page.outlet,
        "url": page.url,
    }
    stated |= overrides
    fields |= {key: value for key, value in stated.items() if value}
    if args.kind:
        fields["kind"] = args.kind
    new = append.with_source(text, casebook, source_id, fields)
    links = _links(target)
    if in_place is None:
        append.copy_new(given, destination)
    try:
        append.replace_text(target, raw, new)
    except BaseException:
        if in_place is None:
            destination.unlink(missing_ok=True)
        raise
    shown = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()}
    done = "(in place)" if in_place else f"as {shown_path(destination)}"
    context.err.line(
        ("Added ", "green"),
        (f"{len(document.paragraphs)} paragraphs", ""),
        (f" {done}; registered in {shown_path(casebook)}:", "green"),
    )
    for key, value in shown.items():
        context.err.line(("  ", ""), (f"{key}: ", "dim"), str(value))
    _say_what_was_left(args.published, links, target, context)
    print(source_id)
    return 0


def _links(file: Path) -> int:
    try:
        return file.stat().st_nlink
    except OSError:
        return 1


def _say_what_was_left(published: str | None, links: int, file: Path, context: Context) -> None:
    """Notes on stderr: the time of a `--published` date-time is not kept; a hard-linked
    casebook.yaml is a file of its own now (an atomic write replaces the file)."""
    from claims.formats import shown_path

    if published is not None and len(published.strip()) > 10:
        context.err.line(
            ("Note: ", "yellow"),
            f"--published keeps only the date, {published.strip()[:10]}; "
            f"the time {published.strip()[11:]} is left out",
        )
    if links > 1:
        context.err.line(
            ("Note: ", "yellow"),
            f"{shown_path(file)} had {links - 1} other hard link(s); it is written as a new "
            "file (atomically), so they keep the old text",
        )


COMMAND = Command(
    "add-source",
    "copy a saved page or text into the casebook's sources/ and register it in casebook.yaml",
    arguments,
    run,
    order=70,
)
