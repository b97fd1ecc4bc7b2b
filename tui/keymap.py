"""User key remapping: binding id -> keys, from a TOML file.

# ~/.config/contested/keymap.toml  (or the file named by $CONTESTED_KEYMAP)
"source.next" = "n,ctrl+down"
"main.filter" = "slash,f"
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from claims.paths import Refused, display, read_regular, reason
from claims.text import sanitize


def keymap_path() -> Path:
    named = os.environ.get("CONTESTED_KEYMAP")
    if named:
        return Path(named)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "contested" / "keymap.toml"


KEYMAP_LIMIT = 1024 * 1024  # bytes: a keymap is a few lines


def read_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """The keymap in `path` (empty if there is none) and an error message, if any (the
    app shows it as a warning and opens with its own keys). Blocking: run it in a worker."""
    shown = sanitize(display(str(path)))
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return {}, None
    except OSError as exc:  # not there (the usual case), or a folder that cannot be searched
        if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            return {}, None
        return {}, f"keymap not read: {reason(exc)} ({shown}); keys are not remapped"
    import tomllib  # only when there is a keymap: it costs start-up time otherwise

    try:
        data = tomllib.loads(read_regular(path, KEYMAP_LIMIT, "a keymap").decode("utf-8"))
    except Refused as why:
        return {}, f"keymap not read: {why.reason} ({shown}); keys are not remapped"
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, sanitize(f"{shown}: {exc}; keys are not remapped")
    keymap = {str(k): v for k, v in data.items() if isinstance(v, str)}
    bad = sorted(sanitize(str(k)) for k, v in data.items() if not isinstance(v, str))
    return keymap, (f"{shown}: ignored non-text values for {', '.join(bad)}" if bad else None)
