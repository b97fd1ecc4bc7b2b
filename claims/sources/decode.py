"""Turning a source file's bytes into text: UTF-8 only, any line ending, no controls."""

from __future__ import annotations

from claims.text import sanitize


class NotUtf8(ValueError):
    """The bytes are not UTF-8; says where the first bad byte is."""

    def __init__(self, line: int, byte: int) -> None:
        self.line = line
        super().__init__(f"not UTF-8 (byte 0x{byte:02x} on line {line})")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), CRLF and CR made LF, controls made visible."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotUtf8(raw.count(b"\n", 0, exc.start) + 1, raw[exc.start]) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return sanitize(text)
