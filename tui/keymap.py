"""User key remapping: binding id -> keys, from a TOML file.

# ~/.config/contested/keymap.toml  (or the file named by $CONTESTED_KEYMAP)
"source.next" = "n,ctrl+down"
"main.filter" = "slash,f"
"""

from __future__ import annotations

import os
from pathlib import Path


def keymap_path() -> Path:
    named = os.environ.get("CONTESTED_KEYMAP")
    if named:
        return Path(named)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "contested" / "keymap.toml"


def read_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """The keymap in `path` (empty if there is none) and an error message, if any."""
    if not path.is_file():
        return {}, None
    import tomllib  # only when there is a keymap: it costs start-up time otherwise

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: {exc}; keys are not remapped"
    keymap = {str(k): v for k, v in data.items() if isinstance(v, str)}
    bad = sorted(str(k) for k, v in data.items() if not isinstance(v, str))
    return keymap, (f"{path}: ignored non-text values for {', '.join(bad)}" if bad else None)
