"""Adding a source to casebook.yaml by inserting text: every byte already there stays.

The new entry goes right after the last line of the `sources:` block (so comments and keys
after it stay after it), indented as the block's entries are; with no `sources:` key, a
new block is added at the end of the file. An empty `sources: {}` loses its `{}` and gets
the entry below it; any other `sources:` in flow style (`{a: …}`) is refused: it cannot
be extended without rewriting it. Values are written
by `yaml.safe_dump` (quoted where YAML needs it), and the result is parsed before it is
written, to make sure it reads back as the entry meant.

Writes are atomic (a temporary file in the same folder, fsync, `os.replace`, fsync of the
folder) and refused when the file changed on disk since it was read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from claims.atomic import WriteFailed, sync_folder, write
from claims.paths import SOURCE_LIMIT, YAML_LIMIT, Refused, display, read_regular
from claims.problems import ClaimsError
from claims.schema import ID_PATTERN

SLUG = re.compile(ID_PATTERN)


class AppendError(ClaimsError):
    """The source cannot be added as asked; the message says why and what to do."""


#: Letters NFKD does not take apart, written as ASCII ("Straße" -> "strasse").
_SPELLED = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
)

#: The longest id `add-source` makes or accepts (characters): the id names the copied
#: file, `sources/ID.html`, which a file system limits to 255 bytes.
ID_LIMIT = 100


def slug(name: str) -> str:
    """A source id made from a file name: its stem, lowercased, transliterated to ASCII
    (NFKD with the combining marks dropped, ß -> ss: "Ünïcödé Straße.HTML" ->
    "unicode-strasse"), runs of anything but letters, digits, '.', '_' and '-' made one
    '-', trimmed, at most 60 characters ("AP News: Gaza.html" -> "ap-news-gaza"); ""
    when nothing is left ("日本.html")."""
    import unicodedata

    stem = Path(name).stem.lower().translate(_SPELLED)
    plain = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9._-]+", "-", plain.lower()).strip("-._")
    return text[:60].rstrip("-._")


def _scalar(key: str, value: Any) -> str:
    """`key: value` as one line of YAML that reads back as exactly `value`: safe_dump's
    quoting, never wrapped; a text that would take more than one line (a line break,
    U+0085, U+2028, a control character) or not read back the same is written
    double-quoted with every character outside printable ASCII escaped (`\\u2028`)."""
    pair = {key: value}
    dumped = yaml.safe_dump(pair, allow_unicode=True, width=1_000_000, sort_keys=False)
    dumped = dumped.rstrip("\n")
    if len(dumped.splitlines()) == 1 and _reads_back(dumped, pair):
        return dumped
    escaped = yaml.safe_dump(
        pair, allow_unicode=False, default_style='"', width=1_000_000, sort_keys=False
    )
    return escaped.rstrip("\n")


def _reads_back(line: str, pair: dict[str, Any]) -> bool:
    try:
        return bool(yaml.load(line, Loader=yaml.SafeLoader) == pair)
    except yaml.YAMLError:
        return False


def entry_text(source_id: str, fields: dict[str, Any], indent: int, step: int, eol: str) -> str:
    """The lines of one `sources:` entry: the id at `indent` spaces, its fields `step`
    further in, each line ending in `eol`."""
    lines = [" " * indent + _scalar(source_id, None).removesuffix(" null")]
    lines += [" " * (indent + step) + _scalar(k, v) for k, v in fields.items()]
    return "".join(line + eol for line in lines)


def _sources_node(root: yaml.Node, file: Path) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        raise AppendError(f"{file} is not a mapping of keys; it cannot be a casebook")
    found = [
        (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "sources"
    ]
    if len(found) > 1:
        raise AppendError(f"{file} has `sources:` twice; merge them into one and run this again")
    return found[0] if found else None


def _last_content_line(lines: list[str], before: int) -> int:
    """The 0-based index of the last line before `before` that is neither blank nor only a
    comment."""
    index = before - 1
    while index > 0 and (not lines[index].strip() or lines[index].lstrip().startswith("#")):
        index -= 1
    return index


def with_source(text: str, file: Path, source_id: str, fields: dict[str, Any]) -> str:
    """`text` (casebook.yaml) with the source `source_id` added under `sources:`: `text`
    itself with lines inserted, never changed. Raises `AppendError` when the id exists,
    `sources:` is in flow style, or the YAML cannot be read."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise AppendError(
            f"{file} is not valid YAML ({' '.join(str(exc).split())}); "
            "`contested check` says where; fix it and run this again"
        ) from None
    if root is None:
        raise AppendError(f"{file} is empty; `contested init` makes a casebook to start from")
    eol = "\r\n" if "\r\n" in text else "\n"
    pair = _sources_node(root, file)
    if pair is None:
        block = f"sources:{eol}" + entry_text(source_id, fields, 2, 2, eol)
        joined = text if not text or text.endswith("\n") else text + eol
        return _checked(text, joined + block, file, source_id, fields)
    key, value = pair
    where = f"{file}:{key.start_mark.line + 1}"
    if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
        if value.value:  # `sources: ~` or `sources: null`: a value to rewrite, not extend
            raise AppendError(
                f"`sources:` at {where} is {value.value!r}; leave it empty (`sources:`) or "
                "remove the line, and run this again"
            )
        lines = text.splitlines(keepends=True)
        at = key.start_mark.line + 1
        indent = key.start_mark.column + 2
        new = entry_text(source_id, fields, indent, 2, eol)
        return _checked(text, "".join([*lines[:at], new, *lines[at:]]), file, source_id, fields)
    if isinstance(value, yaml.MappingNode) and value.flow_style and not value.value:
        return _checked(
            text, _unflowed(text, key, value, source_id, fields, eol), file, source_id, fields
        )
    if not isinstance(value, yaml.MappingNode) or value.flow_style:
        raise AppendError(
            f"`sources:` at {where} is written in flow style ({{...}}) or is not a mapping; "
            "write it as a block, one `id:` per line under `sources:`, and run this again"
        )
    ids = {k.value for k, _ in value.value if isinstance(k, yaml.ScalarNode)}
    if source_id in ids:
        raise AppendError(f"a source {source_id!r} exists already ({where}); give another --id")
    if not value.value:
        raise AppendError(f"`sources:` at {where} is empty in an unexpected way; add one by hand")
    last_key, last_value = value.value[-1]
    indent = last_key.start_mark.column
    step = 2
    for _, one in value.value:
        if isinstance(one, yaml.MappingNode) and one.value and not one.flow_style:
            step = max(1, one.value[0][0].start_mark.column - indent)
            break
    end = last_value.end_mark
    lines = text.splitlines(keepends=True)
    stop = end.line if end.column == 0 else end.line + 1
    at = _last_content_line(lines, min(stop, len(lines))) + 1
    head = lines[:at]
    if head and not head[-1].endswith(("\n", "\r")):
        head[-1] += eol
    new = entry_text(source_id, fields, indent, step, eol)
    return _checked(text, "".join([*head, new, *lines[at:]]), file, source_id, fields)


def _unflowed(
    text: str, key: yaml.Node, value: yaml.Node, source_id: str, fields: dict[str, Any], eol: str
) -> str:
    """`text` with an empty flow mapping `sources: {}` made a block holding the entry: the
    `{}` (and the spaces before it, when nothing but a line end follows) taken out, the
    entry's lines put after that line, every other byte kept. Only when `{}` ends its line
    (a comment may follow) and the key starts its own line; else `AppendError`."""
    start, end = value.start_mark.index, value.end_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    line_end = len(text) if (found := text.find("\n", end)) < 0 else found
    rest = text[end:line_end].rstrip("\r")
    if text[line_start : key.start_mark.index].strip() or (
        rest.strip() and not rest.lstrip().startswith("#")
    ):
        raise AppendError(
            "`sources: {}` shares its line with other keys; write `sources:` on a line of "
            "its own and run this again"
        )
    cut = start if rest.strip() else len(text[:start].rstrip(" \t"))
    if line_end < len(text):
        line_end += 1
    head = text[:cut] + text[end:line_end]
    if not head.endswith("\n"):
        head += eol
    entry = entry_text(source_id, fields, key.start_mark.column + 2, 2, eol)
    return head + entry + text[line_end:]


def _checked(old: str, new: str, file: Path, source_id: str, fields: dict[str, Any]) -> str:
    """`new`, once it reads back as `old` does plus the entry, nothing else changed (else
    `AppendError`)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        expected = yaml.load(old, Loader=loader)
        got = yaml.load(new, Loader=loader)
        sources = expected.get("sources") or {}
        expected["sources"] = {**sources, source_id: fields}
    except (yaml.YAMLError, AttributeError, TypeError):
        got, expected = None, True
    if got != expected:
        raise AppendError(
            f"could not add the source to {file} without changing what is there "
            "(its `sources:` block is laid out in a way this command does not follow); "
            "add the entry by hand"
        )
    return new


def read_text(file: Path) -> tuple[bytes, str]:
    """(bytes, text) of the casebook YAML file. Raises `AppendError`."""
    try:
        raw = read_regular(file, YAML_LIMIT, "a casebook YAML file")
    except Refused as why:
        raise AppendError(f"cannot read {file}: {why.reason}") from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AppendError(f"{file} is not UTF-8; convert it and run this again") from None


def replace_text(file: Path, old: bytes, new: str) -> None:
    """Write `new` to `file` atomically (`claims.atomic.write`), only if `file` still holds
    `old` (else `AppendError`: it was changed meanwhile). The file's permissions are kept.
    Raises `AppendError` too when it cannot be written ("cannot write …: reason")."""

    def unchanged() -> None:
        try:
            now = read_regular(file, YAML_LIMIT, "a casebook YAML file")
        except Refused as why:
            raise AppendError(f"cannot read {file}: {why.reason}") from None
        if hashlib.sha256(now).digest() != hashlib.sha256(old).digest():
            raise AppendError(f"{file} changed while the source was being added; run this again")

    try:
        write(file, new.encode("utf-8"), check=unchanged)
    except WriteFailed as failed:
        raise AppendError(str(failed)) from None


def copy_new(source: Path, destination: Path) -> None:
    """Copy the file `source` to `destination`, which must not exist (`AppendError` if it
    does, even when it appears meanwhile): written to a temporary file, fsynced, then
    linked into place (a link never replaces a file). Raises `AppendError` too when the
    folder cannot be written ("cannot write in FOLDER: read-only file system"); nothing is
    left behind then."""
    try:
        data = read_regular(source, SOURCE_LIMIT, "a source")
    except Refused as why:
        raise AppendError(f"cannot read {display(str(source))}: {why.reason}") from None
    folder = destination.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".add-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AppendError(str(WriteFailed("cannot write in", folder, exc))) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        try:
            os.link(temporary, destination)
        except FileExistsError:
            raise AppendError(f"{destination} exists already; give another name, or --id") from None
        except OSError:  # a filesystem without hard links: check, then rename
            if destination.exists():
                raise AppendError(f"{destination} exists already") from None
            os.replace(temporary, destination)
    except OSError as exc:
        raise AppendError(str(WriteFailed("cannot write in", folder, exc))) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    sync_folder(folder)


def registered(text: str) -> dict[str, str]:
    """{source id: its `file:`} of casebook.yaml's text, for the entries that have a text
    `file:` (the rest, and YAML that cannot be read, give nothing: `with_source` and
    `check` report those)."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, dict):
        return {}
    return {
        str(key): entry["file"]
        for key, entry in sources.items()
        if isinstance(entry, dict) and isinstance(entry.get("file"), str)
    }
