"""Writing one YAML scalar so that it reads back as exactly the text meant.

`scalar` picks the quoting (the file's own preference when it reads back the same, else
single quotes, else double quotes with escapes) and `reads_back` proves it, with the
project's loader and with PyYAML's own safe loader (YAML 1.1), and by the YAML 1.2 core
schema's resolution for plain scalars (`core_tag`). Used by `claims.casebook.yamltext`.
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
    PyYAML's own safe loader (YAML 1.1), and, written plain, is text to a YAML 1.2 reader
    too (`core_tag`: `1e3` and `0o17` are numbers there), so that other tools read the
    same text."""
    if not written.startswith(("'", '"')) and core_tag(written) != STR:
        return False
    probe = f"[{written}]" if flow else f"k: {written}\n"
    return all(_one_str(probe, loader, value, flow) for loader in (Loader, _PLAIN_LOADER))


_T = "tag:yaml.org,2002:"
#: The YAML 1.2 core schema's resolution of a plain scalar (YAML 1.2.2, section 10.3.2
#: "Tag Resolution"), in the spec's order: null, bool, int (base 10, 8, 16), float
#: (number, infinity, not a number). Anything else is a string.
_CORE = (
    (re.compile(r"null|Null|NULL|~|"), _T + "null"),
    (re.compile(r"true|True|TRUE|false|False|FALSE"), _T + "bool"),
    (re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"), _T + "int"),
    (
        re.compile(
            r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
            r"|[-+]?(\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN"
        ),
        _T + "float",
    ),
)


def core_tag(plain: str) -> str:
    """The tag a YAML 1.2 reader using the core schema (YAML 1.2.2, section 10.3.2) gives
    the plain scalar `plain`: null, bool, int, float, else str."""
    for pattern, tag in _CORE:
        if pattern.fullmatch(plain):
            return tag
    return STR


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
