"""Writing one YAML scalar so that it reads back as exactly the text meant.

`scalar` picks the quoting (the file's own preference when it reads back the same, else
single quotes, else double quotes with escapes) and `reads_back` proves it, with the
project's loader and with PyYAML's own safe loader. Used by `claims.casebook.yamltext`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from claims.yamlstream import Loader

STR = "tag:yaml.org,2002:str"
#: Characters safe in a plain or single-quoted scalar: printable, and not a line break.
_UNSAFE = re.compile(
    "[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufeff\ufeff-\ufffd\U00010000-\U0010ffff]|\ufeff"
)
_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0",
    "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e",
    "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P",
}  # fmt: skip


def double_quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar on one line: `\\`, `"`, line breaks (LF, CR,
    NEL, LS, PS), tab and every character YAML cannot hold as it is escaped."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _UNSAFE.match(char):
            code = ord(char)
            if code <= 0xFF:
                out.append(f"\\x{code:02x}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(value: str | int, prefer: str = "'", *, flow: bool = False) -> str:
    """`value` written as a YAML scalar that the project's loader reads back as exactly
    `value`, as text (tag str, so PyYAML never makes `no`, `on`, `~`, `1e3` or
    `2025-07-01` something else) or, for an int, as that number.

    Tried in order: the `prefer`red style ("" plain, "'" single, '"' double), then single
    quotes, then double quotes with escapes (`double_quoted`), which hold any text: line
    breaks, NEL/LS/PS, control characters, leading and trailing spaces. `flow` checks it
    inside a flow collection (`[...]`), where `,[]{}` end a plain scalar. Raises
    ValueError for a text no style holds (a lone surrogate)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise ValueError("the text holds a lone surrogate, which UTF-8 cannot hold")
    tried: list[str] = []
    for style in (prefer, "'", '"'):
        if style in tried:
            continue
        tried.append(style)
        written = _styled(text, style)
        if written is not None and reads_back(written, text, flow=flow):
            return written
    return double_quoted(text)


def _styled(text: str, style: str) -> str | None:
    if style == '"':
        return double_quoted(text)
    if not text or _UNSAFE.search(text) or "\t" in text:
        return None
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    return text


def reads_back(written: str, value: str, *, flow: bool = False) -> bool:
    """Whether the scalar text `written` composes (in a block mapping, or in a flow list
    with `flow`) to one str node holding exactly `value`, by the project's loader and by
    PyYAML's own safe loader (so that other tools read the same text too)."""
    probe = f"[{written}]" if flow else f"k: {written}\n"
    return all(_one_str(probe, loader, value, flow) for loader in (Loader, _PLAIN_LOADER))


#: PyYAML's own safe loader, which reads `<<` and `=` as YAML 1.1's merge and value keys.
_PLAIN_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _one_str(probe: str, loader: Any, value: str, flow: bool) -> bool:
    try:
        node = yaml.compose(probe, Loader=loader)
    except yaml.YAMLError:
        return False
    if flow:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 1:
            return False
        got = node.value[0]
    else:
        if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
            return False
        got = node.value[0][1]
    return isinstance(got, yaml.ScalarNode) and got.tag == STR and got.value == value
