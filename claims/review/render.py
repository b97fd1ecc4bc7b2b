"""review.yaml's text: one line per short review, notes as block scalars, every string quoted.

The document is plain data as `claims.review.document` reads it: dispute id -> a mapping
(`status`, `positions`: position key -> a mapping of `rating`, `note`, `by`, `at`, and
whatever else a hand-written file had), where every scalar is text or None. Output:

    "cause-of-death":
      status: "reviewed"
      positions:
        "heart-failure": {rating: "unsupported", by: "lm", at: "2026-11-22T10:04:00Z"}
        "Azerbaijani forensic specialists":
          rating: "supported"
          note: |-
            Two lines
            of note.

Disputes come in the casebook's order, positions in their dispute's order, then what the
casebook no longer has (orphans), in the order they were read: never dropped. Every key and
value a user wrote is double-quoted with escapes for whatever is not printable, so PyYAML
(also CSafeLoader) reads back exactly the text written: `no`, `on`, `1:20`, `#x`, `- a`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import yaml

#: Keys of our own, written bare; every other key is quoted.
BARE_KEYS = frozenset({"status", "positions", "rating", "note", "by", "at"})
#: A review's fields come in this order; other keys after them, in the order read.
FIELD_ORDER = ("rating", "note", "by", "at")
#: A dispute's own fields, before its `positions:`: its status, who set it and when.
DISPUTE_FIELDS = ("status", "by", "at")
#: A review line longer than this (characters) is written in block form.
FLOW_WIDTH = 120
#: A note longer than this (characters), or of more than one line, is a block scalar.
LONG_NOTE = 80

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly: `"` and `\\`
    escaped, and every character that is not printable (`str.isprintable`: controls, C1,
    line and paragraph separators, format characters, spaces other than " ", surrogates)
    as an escape (`\\n`, `\\x85`, `\\u2028`, `\\U000e0001`)."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return '"' + "".join(_escape(c) if c in '"\\' or not c.isprintable() else c for c in text) + '"'


def _escape(char: str) -> str:
    code = ord(char)
    if char in '"\\':
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def key(text: str) -> str:
    """A mapping key: our own field names bare, anything else quoted."""
    return text if text in BARE_KEYS else quote(text)


def flow(value: object) -> str:
    """Any value as flow YAML on one line: text quoted, None as `null`, lists and mappings
    in brackets and braces."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return quote(str(value))


def _ordered(entry: Mapping[str, object]) -> list[tuple[str, object]]:
    known = [(name, entry[name]) for name in FIELD_ORDER if name in entry]
    return known + [(k, v) for k, v in entry.items() if k not in FIELD_ORDER]


def _block_note(note: str, indent: int) -> list[str] | None:
    """A note as a literal block scalar (`|-`, `|` or `|+`), the header first, or None when
    that would not read back exactly (then the note is quoted)."""
    if not all(c.isprintable() or c in "\n\t" for c in note):
        return None
    body = note.rstrip("\n")
    trailing = len(note) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n")
    first = next((line for line in lines if line), "")
    indicator = "2" if first.startswith((" ", "\t")) else ""
    pad = " " * (indent + 2)
    out = [f"|{indicator}{chomp}"]
    out.extend(pad + line if line else "" for line in lines)
    out.extend("" for _ in range(trailing - 1))
    return out


def _reads_back(lines: list[str], note: str) -> bool:
    """Whether `note:` written as these lines (at indent 0) reads back as `note`."""
    text = "note: " + lines[0] + "\n" + "\n".join(lines[1:]) + "\n"
    try:
        return bool(yaml.load(text, Loader=_LOADER) == {"note": note})
    except yaml.YAMLError:
        return False


def entry_lines(name: str, entry: object, indent: int = 4) -> list[str]:
    """One position's review, at `indent` spaces: a flow line when short and its note is
    one short line; else block form, the note a block scalar when it is long or has lines."""
    pad = " " * indent
    head = f"{pad}{quote(name)}:"
    if not isinstance(entry, Mapping) or not entry:
        return [f"{head} {flow(entry)}"]
    note = entry.get("note")
    long_note = isinstance(note, str) and (len(note) > LONG_NOTE or "\n" in note)
    if not long_note:
        line = f"{head} {flow(dict(_ordered(entry)))}"
        if len(line) <= FLOW_WIDTH:
            return [line]
    out = [head]
    inner = " " * (indent + 2)
    for field, value in _ordered(entry):
        if field == "note" and isinstance(value, str) and long_note:
            block = _block_note(value, 0)
            if block is not None and _reads_back(block, value):
                block = _block_note(value, indent + 2)
                assert block is not None
                out.append(f"{inner}note: {block[0]}")
                out.extend(block[1:])
                continue
        out.append(f"{inner}{key(field)}: {flow(value)}")
    return out


def dispute_lines(dispute: str, value: object, order: Sequence[str] = ()) -> list[str]:
    """One dispute's review: `status:` (with `by:`, `at:`), `positions:` (the keys in
    `order` first, in that order, then the rest as read), then any other key as read."""
    head = quote(dispute) + ":"
    if not isinstance(value, Mapping) or not value:
        return [f"{head} {flow(value)}"]
    out = [head]
    for field in DISPUTE_FIELDS:
        if field in value:
            out.append(f"  {field}: {flow(value[field])}")
    if "positions" in value:
        positions = value["positions"]
        if isinstance(positions, Mapping) and positions:
            out.append("  positions:")
            for name in keys_in_order(positions, order):
                out.extend(entry_lines(name, positions[name]))
        else:
            out.append(f"  positions: {flow(positions)}")
    for field, item in value.items():
        if field not in DISPUTE_FIELDS and field != "positions":
            out.append(f"  {key(str(field))}: {flow(item)}")
    return out


def keys_in_order(mapping: Mapping[str, object], order: Iterable[str]) -> list[str]:
    """The keys of `mapping`: those in `order` first, in that order, then the rest as
    they come (orphans kept, at the end)."""
    first = [k for k in dict.fromkeys(order) if k in mapping]
    seen = set(first)
    return first + [k for k in mapping if k not in seen]
