"""Untrusted text made safe to show: once as a file is read, and again at every output.

Sources, YAML values and the names of files and folders come from anywhere. Three
functions, each text in and text of the same length out (one character for one), so that
an offset into the source text (a quote's span) is an offset into what is shown:

- `sanitize`, as a source or a YAML file is read: C0 controls other than tab and newline
  become their visible Control Pictures (ESC shows as ␛), DEL ␡, C1 controls U+FFFD. It is
  what matching sees, so it changes nothing else.
- `shown`, the one boundary every output goes through: `check` for people (plain or through
  Rich), GitHub annotations, JSON (`json_text`), `show`, the app (through `steady`). It
  does what `sanitize` does (for names from the file system and anything built from them),
  shows lone surrogates (the bytes of a file name that are not UTF-8, as `os.fsdecode`
  gives them) as U+FFFD, and shows the explicit directional formatting characters of the
  Unicode Bidirectional Algorithm (UAX #9 §2.1–2.5: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
  PDI; U+202A–202E and U+2066–2069) as `⇄` (`BIDI_MARK`). Left in, an override is honoured
  by whatever applies that algorithm to our output (a browser showing a report or a GitHub
  annotation, an editor, a bidi terminal): "the cause was <RLO>heart failure" reads "the
  cause was eruliaf traeh", and an override left open reorders the next field too: the
  "Trojan Source" attack, CVE-2021-42574. The implicit marks (LRM, RLM, ALM, §2.6) are
  kept: right-to-left text uses them, and, strong characters of no width, they can only
  settle the direction of the neutral characters beside them, never reverse a run.
- `steady`, for text laid out in columns (the app, `show`): what `shown` does, and emoji
  written so that the width Rich measures is the width a terminal draws (below).

Emoji (UTS #51) that terminals draw at other widths than Rich measures, so that a column
drawn after them on the same row would move: a variation selector (U+FE0E, U+FE0F: "❤️"
is 2 cells to Rich, 1 to tmux 3.3a and to terminals that size each character by
`wcwidth`, as xterm does), a zero width joiner (U+200D: Rich and tmux count a family
"👨‍👩‍👧‍👦" as 2 cells, terminals that do not join it draw 8), a skin-tone modifier
(U+1F3FB–1F3FF: 0 cells to Rich, 2 to tmux; the tone is not shown). `steady` writes each
of them as U+200B ZERO WIDTH SPACE, 0 cells to Rich and to every terminal, and a grapheme
cluster boundary (UAX #29 GB4/GB5), so the emoji around it are drawn one by one, at their
default presentation: measured and drawn widths then agree, code point by code point.

JSON, whose strings are `shown` too, is written through `json_text`, which escapes what
JSON allows raw but a terminal or JavaScript does not.

(Normalising text for matching quotes is `claims.anchoring.normalize`.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: What an explicit directional formatting character is shown as: one cell (East Asian
#: width Neutral), bidi class Other Neutral, so it has no direction of its own.
BIDI_MARK = "\u21c4"
#: The explicit directional formatting characters (UAX #9 §2): embeddings and overrides
#: (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
#: What stands for an emoji joiner, selector or modifier in `steady` text.
BREAK = "\u200b"

_C0_C1 = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROLS = re.compile(f"[{_C0_C1}]")
_UNSHOWN = re.compile(f"[{_C0_C1}{BIDI_CONTROLS}\ud800-\udfff]")
_EMOJI_PARTS = "\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff"
_UNSTEADY = re.compile(f"[{_C0_C1}{BIDI_CONTROLS}\ud800-\udfff{_EMOJI_PARTS}]")
#: Raw in JSON text written with `ensure_ascii=False`, to be escaped: DEL and C1 (JSON
#: escapes only C0), the bidi controls, lone surrogates (not UTF-8 at all), and the line
#: and paragraph separators (line ends to JavaScript).
_JSON_RAW = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029\ud800-\udfff]")


def _picture(code: int) -> str:
    """What a character `shown` replaces is shown as (see the module's docstring)."""
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return BIDI_MARK
    return BREAK  # an emoji joiner, variation selector or modifier (`steady` only)


def _replace(match: re.Match[str]) -> str:
    return _picture(ord(match.group()))


def sanitize(text: str) -> str:
    """Replace terminal control characters other than tab and newline with visible marks."""
    # Cheap tests first: most text is printable, or printable lines (regex scans are slow).
    if text.isprintable() or all(line.isprintable() for line in text.split("\n")):
        return text
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_replace, text)


def shown(text: str) -> str:
    """`text` as it may be written out: control characters (but tab and newline) as visible
    marks, lone surrogates as U+FFFD, bidi embeddings, overrides and isolates as `⇄`.
    The same length as `text`."""
    if text.isascii():
        if text.isprintable() or _CONTROLS.search(text) is None:
            return text
        return _CONTROLS.sub(_replace, text)
    if _UNSHOWN.search(text) is None:
        return text
    return _UNSHOWN.sub(_replace, text)


def steady(text: str) -> str:
    """`shown(text)` with emoji joiners, variation selectors and skin-tone modifiers as
    U+200B, so that its width in cells is the same to Rich and to any terminal (for text
    drawn beside other text: columns, cards). The same length as `text`."""
    if text.isascii():
        return shown(text)
    if _UNSTEADY.search(text) is None:
        return text
    return _UNSTEADY.sub(_replace, text)


def json_text(dumped: str) -> str:
    """JSON text (`json.dumps(…, ensure_ascii=False)`) with what must not be written raw
    escaped as `\\uXXXX`: DEL, C1 controls, bidi controls, U+2028 and U+2029 (a lone
    surrogate, which has no UTF-8, as `\\ufffd`). The values it stands for are unchanged
    (but a lone surrogate's); only ever inside a string, as JSON has them nowhere else."""
    if _JSON_RAW.search(dumped) is None:
        return dumped
    return _JSON_RAW.sub(_escape, dumped)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


def suggest(word: str, names: Sequence[str], limit: int = 5) -> list[str]:
    """Names `word` may have meant, best first, at most `limit`: those starting with it,
    then those containing it (both ignoring case), then close spellings (difflib)."""
    import difflib  # only for a name that was not found: kept out of start-up

    lower = word.casefold()
    prefix = [n for n in names if n.casefold().startswith(lower)]
    inside = [n for n in names if lower in n.casefold()]
    close = difflib.get_close_matches(word, list(names), n=limit, cutoff=0.6)
    return list(dict.fromkeys([*prefix, *inside, *close]))[:limit] if lower else close[:limit]
