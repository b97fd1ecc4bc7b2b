"""Turning a source file's bytes into text: UTF-8 only, any line ending, no controls.

Form feed (U+000C, a page break from pdftotext) and vertical tab (U+000B) are white space
(Unicode's White_Space property; HTML's ASCII whitespace has the form feed): they become
spaces, so a line holding only them is a blank line and they are never shown as `␌`. Every
other control character is made visible by `claims.text.sanitize`.
"""

from __future__ import annotations

from claims.text import sanitize


class NotUtf8(ValueError):
    """The bytes are not UTF-8; says where the first bad byte is."""

    def __init__(self, line: int, byte: int) -> None:
        self.line = line
        super().__init__(f"not UTF-8 (byte 0x{byte:02x} on line {line})")


class Unparsable(ValueError):
    """The text could not be parsed as what its file ending says; `str()` says why."""


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM) as text: CRLF and CR made LF, form feeds and vertical
    tabs made spaces, other controls made visible."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotUtf8(raw.count(b"\n", 0, exc.start) + 1, raw[exc.start]) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return clean(text)


def clean(text: str) -> str:
    """`text` with carriage returns, form feeds and vertical tabs made spaces and every other
    control but tab and newline made visible. For text that character references produced
    after decoding (`&#12;` in HTML or Markdown), as well as for the file itself."""
    for space in ("\r", "\f", "\v"):
        if space in text:
            text = text.replace(space, " ")
    return sanitize(text)
