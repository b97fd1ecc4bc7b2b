"""Plain-text helpers: make untrusted text safe for a terminal.

`sanitize` runs on everything read from a source or a YAML file, so no control sequence
ever reaches the terminal: C0 controls (other than tab and newline) become their visible
Control Pictures (ESC shows as ␛), DEL as ␡, C1 controls as U+FFFD.

(Normalising text for matching quotes is `claims.anchoring.normalize`.)
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def sanitize(text: str) -> str:
    """Replace terminal control characters other than tab and newline with visible marks."""
    # Cheap tests first: most text is printable, or printable lines (regex scans are slow).
    if text.isprintable() or all(line.isprintable() for line in text.split("\n")):
        return text
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_picture, text)
