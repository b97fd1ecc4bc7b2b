"""Adding one entry to a YAML file by inserting text: every byte already there stays.

`claims.casebook.capture` decides *what* goes *where* (which list of which file); this
module writes it: the entry's text, indented and quoted as the file already is, put at
the right place of the text, found from the node positions libyaml gives (`yaml.Node`
start and end marks; their `index` counts characters of the decoded text).

Where the new text goes:

- a **block list** (`- ` items): after the line where its last item's last value ends
  (a trailing comment on that line stays on it; comment lines and blank lines after it
  stay after the new item), with the items' own `-` column and key column;
- a **flow list** (`[...]`): an empty one alone on its line (`evidence: []`, a comment
  may follow) loses its ` []` and gets the item below, in block style (that one line
  changes); a non-empty one gets `, {...}` after its last item (that line changes);
- a **mapping without the key** (a position with no `evidence:`): `key:` and the list
  after the mapping's last value, at its keys' column; a flow mapping (`{...}`) gets
  `, key: [{...}]` after its last value;
- a key whose value is empty (`evidence:`): the items below its line; `~`/`null` is
  refused (`TextRefused`), as are block scalars and text where a list should be.

Values are quoted by `scalar`: in the file's own preferred style when that reads back
as exactly the same text, else single quotes, else double quotes with escapes. The caller
then parses the whole result and compares it with the old text's data (`capture`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import yaml

from claims.casebook.yamlquote import STR, scalar

#: A value: text, a whole number, or a list of entries (one level of nesting, for a new
#: position's `evidence:` and a new dispute's `positions:`).
Value = "str | int | list[Entry]"
Entry = list[tuple[str, object]]

#: Characters libyaml ends a line at (YAML 1.1 counts NEL, LS and PS as line breaks).
_BREAKS = "\n\r\x85\u2028\u2029"


class TextRefused(Exception):
    """The entry cannot be added by inserting text here; `message` says why and what to
    do, `index` is the character offset of the node concerned (for its line)."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


@dataclass(frozen=True)
class Edit:
    """One change of a text: at character `offset` (0-based, in the text without a byte
    order mark), `removed` (usually "") is replaced by `inserted`."""

    offset: int
    removed: str
    inserted: str

    def apply(self, text: str) -> str:
        """`text` with this edit made. Raises ValueError if `removed` is not at `offset`."""
        if text[self.offset : self.offset + len(self.removed)] != self.removed:
            raise ValueError("the text to replace is not there")
        return text[: self.offset] + self.inserted + text[self.offset + len(self.removed) :]

    def undo(self, text: str) -> str:
        """`text` (with this edit made) as it was before. Raises ValueError if `inserted`
        is not at `offset`."""
        if text[self.offset : self.offset + len(self.inserted)] != self.inserted:
            raise ValueError("the inserted text is not there")
        return text[: self.offset] + self.removed + text[self.offset + len(self.inserted) :]


@dataclass(frozen=True)
class Style:
    """How a file is written: `eol` ("\\n", "\\r\\n" or "\\r"), `quote` (the quoting its
    text values use most: "" plain, "'" or '"'), `seq_indent` (columns from a key to the
    `-` of its list: 0 or 2 usually), `pad` (columns from `-` to the item's first key,
    at least 1), `step` (columns from a key to the keys of its nested mapping), `keyed`
    (the quoting each key's text values use most, by key), `key_quote` (the quoting its
    keys use most: "" plain unless most of them are quoted)."""

    eol: str = "\n"
    quote: str = "'"
    seq_indent: int = 2
    pad: int = 2
    step: int = 2
    keyed: tuple[tuple[str, str], ...] = ()
    key_quote: str = ""

    def quote_for(self, key: str) -> str:
        """The quoting for a value of `key`: what the file uses most for that key, else
        plain for ids and numbers, else `quote`."""
        for name, style in self.keyed:
            if name == key:
                return style
        return "" if key in _PLAIN_KEYS else self.quote

    def with_pad(self, pad: int) -> Style:
        """This style with `pad` columns from `-` to an item's first key."""
        return replace(self, pad=pad)


def eol_of(text: str) -> str:
    """The line end `text` uses: CRLF if it has any, else CR if it has CR and no LF, else LF."""
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def style_of(text: str, root: yaml.Node | None) -> Style:
    """The `Style` of `text`, whose composed root is `root`: the quoting most used by the
    values of `quote`, `claim`, `holder`, `question`, `note`, `before` and `after` keys
    (with none of those, by all text values; ties and none at all: single quotes, which
    read back as written for any one-line text), per key too (`Style.keyed`), the quoting
    of its keys (`Style.key_quote`: independent of the values'), and the list indentation
    of the first block list of mappings under a key."""
    quotes: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    keyed: dict[str, Counter[str]] = {}
    layout: tuple[int, int] | None = None
    step: int | None = None
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    keys[key.style or ""] += 1
                if isinstance(value, yaml.ScalarNode) and value.tag == STR:
                    keyed.setdefault(str(key.value), Counter())[value.style or ""] += 1
                    if key.value in _TEXT_KEYS:
                        quotes[value.style or ""] += 1
                if (
                    layout is None
                    and isinstance(value, yaml.SequenceNode)
                    and not value.flow_style
                    and value.value
                    and isinstance(value.value[0], yaml.MappingNode)
                    and not value.value[0].flow_style
                    and value.start_mark.line > key.start_mark.line
                ):
                    first = value.value[0]
                    seq_indent = value.start_mark.column - key.start_mark.column
                    pad = first.start_mark.column - value.start_mark.column
                    if seq_indent >= 0 and pad >= 1:
                        layout = (seq_indent, pad)
                if (
                    step is None
                    and isinstance(value, yaml.MappingNode)
                    and not value.flow_style
                    and value.value
                    and value.start_mark.line > key.start_mark.line
                ):
                    step = value.start_mark.column - key.start_mark.column
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    seq_indent, pad = layout or (2, 2)
    every: Counter[str] = Counter()
    for counts in keyed.values():
        every.update(counts)
    return Style(
        eol_of(text),
        _most(quotes or every),
        seq_indent,
        pad,
        step if step and step > 0 else 2,
        tuple((key, _most(counts)) for key, counts in keyed.items()),
        max(("", '"', "'"), key=lambda choice: keys[choice]),  # ties: plain
    )


def _most(counts: Counter[str]) -> str:
    """The style used most (ties: single quotes, then plain); single quotes when none."""
    best = max(counts.values(), default=0)
    for choice in ("'", "", '"'):
        if counts[choice] == best:
            return choice
    return "'"


def spaced_items(text: str, seq: yaml.SequenceNode) -> bool:
    """Whether the block list `seq` has a blank line before each of its items but the
    first (at least two items)."""
    items = seq.value
    if len(items) < 2:
        return False
    for item in items[1:]:
        start = line_start(text, _dash_index(text, item))
        if start == 0:
            return False
        previous = previous_line(text, start)
        if text[previous:start].strip(" \t\r\n"):
            return False
    return True


def _dash_index(text: str, item: yaml.Node) -> int:
    """The offset of the `-` that begins a block list item (the item's node starts after)."""
    at = item.start_mark.index
    while at > 0 and text[at - 1] != "-":
        at -= 1
    return max(at - 1, 0)


_TEXT_KEYS = frozenset(("quote", "claim", "holder", "question", "note", "before", "after"))
_PLAIN_KEYS = frozenset(("id", "side", "source", "paragraph"))


# --- rendering ---------------------------------------------------------------------------


def key_text(key: str, prefer: str) -> str:
    """A key as written, in the file's key quoting `prefer` (`Style.key_quote`: "" plain,
    "'" or '"'), when it reads back as itself (every key of the format does, plain)."""
    return scalar(key, prefer)


def block_item(entry: Entry, dash: int, style: Style) -> str:
    """The lines of one list item (a mapping) at `-` column `dash`, its keys at
    `dash + style.pad`, each line ending in `style.eol`. A list value is written below
    its key, `style.seq_indent` further in, item by item."""
    keys = dash + style.pad
    lines = _mapping_lines(entry, keys, style)
    first = " " * dash + "-" + " " * (style.pad - 1) + lines[0].lstrip(" ")
    return "".join(line + style.eol for line in [first, *lines[1:]])


def block_key(key: str, items: list[Entry], column: int, style: Style) -> str:
    """`key:` at `column` with the list of `items` below it, as lines ending in `eol`."""
    return "".join(line + style.eol for line in _mapping_lines([(key, items)], column, style))


def _mapping_lines(entry: Entry, column: int, style: Style) -> list[str]:
    lines = []
    for key, value in entry:
        name = key_text(key, style.key_quote)
        if isinstance(value, list) and not value:
            lines.append(" " * column + name + ": []")
        elif isinstance(value, list):
            lines.append(" " * column + name + ":")
            for item in value:
                item_text = block_item(item, column + style.seq_indent, style)
                lines.extend(item_text.split(style.eol)[:-1])
        else:
            assert isinstance(value, (str, int))
            lines.append(" " * column + name + ": " + scalar(value, style.quote_for(key)))
    return lines


def flow_mapping(entry: Entry, style: Style) -> str:
    """`entry` as a flow mapping on one line: `{source: x, quote: 'y'}`."""
    parts = []
    for key, value in entry:
        name = key_text(key, style.key_quote)
        if isinstance(value, list):
            parts.append(f"{name}: [" + ", ".join(flow_mapping(v, style) for v in value) + "]")
        else:
            assert isinstance(value, (str, int))
            prefer = style.quote_for(key)  # `reads_back` checks it in a flow context
            parts.append(f"{name}: " + scalar(value, prefer, flow=True))
    return "{" + ", ".join(parts) + "}"


# --- places ------------------------------------------------------------------------------


def last_leaf(node: yaml.Node) -> yaml.Node:
    """The node whose end is the end of `node`'s text: itself for a scalar or a flow
    collection, else (a block collection) its last child's last leaf. (A block
    collection's own end mark lies past the comments and blank lines that follow it.)"""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
        if not node.value:
            return node
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


def line_end(text: str, index: int) -> int:
    """The offset just past the line break that ends the line holding `index` (CRLF is one
    break), or len(text) on a last line without one."""
    at = index
    while at < len(text) and text[at] not in _BREAKS:
        at += 1
    if at >= len(text):
        return len(text)
    return at + 2 if text.startswith("\r\n", at) else at + 1


def line_start(text: str, index: int) -> int:
    """The offset where the line holding `index` starts."""
    at = index
    while at > 0 and text[at - 1] not in _BREAKS:
        at -= 1
    return at


def previous_line(text: str, start: int) -> int:
    """The start of the line before the line starting at `start` (> 0): CRLF is one break."""
    end = start - 1
    if end > 0 and text[end] == "\n" and text[end - 1] == "\r":
        end -= 1
    return line_start(text, end)


def after(text: str, node: yaml.Node) -> int:
    """Where text added after `node` goes: the start of the line after the one where
    its last leaf ends. A block scalar (`|`, `>`) ends at the start of a line, past its
    trailing blank lines: those are left after the new text, unless it keeps them (`|+`)."""
    leaf = last_leaf(node)
    end = leaf.end_mark.index
    if isinstance(leaf, yaml.ScalarNode) and leaf.style in ("|", ">"):
        header = text[leaf.start_mark.index : line_end(text, leaf.start_mark.index)]
        if "+" in header.split("#")[0]:
            return end
        while end > 0:
            start = previous_line(text, end)
            if text[start:end].strip(" \t\r\n"):
                break
            end = start
        return end
    return line_end(text, end)


def append_item(text: str, seq: yaml.SequenceNode, entry: Entry, style: Style) -> Edit:
    """The edit adding `entry` as the last item of the list `seq` (see the module's
    docstring). Raises `TextRefused` for a block list whose items are not mappings laid
    out one key per line."""
    if seq.flow_style:
        return _append_flow(text, seq, entry, style)
    items = seq.value
    first = items[0] if items else None
    dash = seq.start_mark.column
    pad = style.pad
    if (
        isinstance(first, yaml.MappingNode)
        and not first.flow_style
        and first.start_mark.line == seq.start_mark.line
    ):
        pad = first.start_mark.column - dash
    flow_items = isinstance(first, yaml.MappingNode) and first.flow_style
    at = after(text, seq)
    if flow_items:  # `- {source: a, quote: b}` items: one more like them
        new = " " * dash + "-" + " " * (pad - 1) + flow_mapping(entry, style) + style.eol
    else:
        new = block_item(entry, dash, style.with_pad(pad))
    if spaced_items(text, seq):
        new = style.eol + new
    return _at(text, at, new, style)


def _at(text: str, at: int, new: str, style: Style) -> Edit:
    """Insert the lines `new` at `at`: a last line without a line end gets one first (and
    the file keeps ending without one)."""
    if at == len(text) and text and text[-1] not in _BREAKS:
        return Edit(at, "", style.eol + new[: -len(style.eol)])
    return Edit(at, "", new)


def _append_flow(text: str, seq: yaml.SequenceNode, entry: Entry, style: Style) -> Edit:
    if seq.value:
        end = seq.value[-1].end_mark.index
        return Edit(end, "", ", " + flow_mapping(entry, style))
    raise TextRefused(
        "an empty flow list ([]) is rewritten only by `set_key` (the key is needed)",
        seq.start_mark.index,
    )


def set_key(text: str, mapping: yaml.MappingNode, key: str, entry: Entry, style: Style) -> Edit:
    """The edit giving `mapping` a list `key` holding `entry`: a new key when it has none,
    the items under an empty value (`key:`), the item below an empty `key: []` (the ` []`
    removed), the item appended to a list there already (`append_item`). Raises
    `TextRefused` for any other value (`~`, text, a mapping)."""
    for key_node, value in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return _fill(text, key_node, value, entry, style)
    if mapping.flow_style:
        if not mapping.value:
            item = f"{key_text(key, style.key_quote)}: [{flow_mapping(entry, style)}]"
            return Edit(mapping.start_mark.index + 1, "", item)
        end = mapping.value[-1][1].end_mark.index
        return Edit(end, "", f", {key_text(key, style.key_quote)}: [{flow_mapping(entry, style)}]")
    if not mapping.value:
        raise TextRefused("an empty mapping cannot be extended here", mapping.start_mark.index)
    column = mapping.value[0][0].start_mark.column
    return _at(text, after(text, mapping), block_key(key, [entry], column, style), style)


def _fill(text: str, key_node: yaml.Node, value: yaml.Node, entry: Entry, style: Style) -> Edit:
    name = key_node.value
    dash = key_node.start_mark.column + style.seq_indent
    if isinstance(value, yaml.SequenceNode) and (value.value or not value.flow_style):
        return append_item(text, value, entry, style)
    if isinstance(value, yaml.SequenceNode):  # `key: []`
        start, end = value.start_mark.index, value.end_mark.index
        stop = line_end(text, end)
        rest = text[end:stop].rstrip(_BREAKS).strip(" \t")
        key_line = text[line_start(text, key_node.start_mark.index) : key_node.start_mark.index]
        if key_line.strip(" \t-") or (rest and not rest.startswith("#")):
            return Edit(start + 1, "", flow_mapping(entry, style))
        cut = start if rest else len(text[:start].rstrip(" \t"))
        removed = text[cut:end]
        if not rest:  # the line ends after `[]`
            line = text[end:stop]
            item = block_item(entry, dash, style)
            return Edit(cut, removed + line, line + item if line else style.eol + item)
        item = block_item(entry, dash, style)
        return _Edits(text, (Edit(cut, removed, ""), Edit(stop, "", item))).merged()
    if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
        if value.value:
            raise TextRefused(
                f"`{name}:` is {value.value!r}; leave it empty (`{name}:`) or remove the "
                "line, and try again",
                key_node.start_mark.index,
            )
        return _at(
            text, line_end(text, key_node.end_mark.index), block_item(entry, dash, style), style
        )
    raise TextRefused(
        f"`{name}:` holds something other than a list; make it a list (one `- ` item per "
        "entry) and try again",
        key_node.start_mark.index,
    )


@dataclass(frozen=True)
class _Edits:
    text: str
    edits: tuple[Edit, ...]

    def merged(self) -> Edit:
        """Two edits in order as one: the text between them is removed and put back."""
        first, second = self.edits
        between = self.text[first.offset + len(first.removed) : second.offset]
        return Edit(
            first.offset,
            first.removed + between + second.removed,
            first.inserted + between + second.inserted,
        )
