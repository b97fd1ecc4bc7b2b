"""User key remapping: binding id -> keys, from a TOML file.

# ~/.config/contested/keymap.toml  (or the file named by $CONTESTED_KEYMAP)
"source.next" = "n,ctrl+down"
"main.filter" = "slash,f"

A line with an unknown binding id, or a key name that is not a key, is reported (file,
line, what is wrong) and left out; the other lines still apply.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from claims.paths import Refused, display, read_regular, reason
from claims.text import sanitize

if TYPE_CHECKING:
    from textual.dom import DOMNode


def keymap_path() -> Path:
    named = os.environ.get("CONTESTED_KEYMAP")
    if named:
        return Path(named)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "contested" / "keymap.toml"


KEYMAP_LIMIT = 1024 * 1024  # bytes: a keymap is a few lines


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def is_key(name: str) -> bool:
    """Whether `name` names a key as Textual does: a character or a key name ("a", "?",
    "question_mark", "slash", "f5", "pagedown"), after any modifiers ("ctrl+shift+up")."""
    from textual.keys import KEY_NAME_REPLACEMENTS, Keys

    *modifiers, base = name.strip().split("+") if name.strip() != "+" else ["+"]
    if any(m not in MODIFIERS for m in modifiers) or not base:
        return False
    if len(base) == 1 or base in {k.value for k in Keys} or base in {"backtab", "space"}:
        return True
    if base in KEY_NAME_REPLACEMENTS.values():
        return True
    try:  # a character by its Unicode name: "question_mark", "comma", "full_stop"
        return len(unicodedata.lookup(base.replace("_", " "))) == 1
    except KeyError:
        return False


def _classes() -> list[type[DOMNode]]:
    """The app's screens and widgets (every class of a `tui.` module, with its bindings)."""
    from textual.dom import DOMNode

    import tui.app
    import tui.screens.capture_conflict
    import tui.screens.capture_form
    import tui.screens.capture_picker
    import tui.screens.citing
    import tui.screens.compare
    import tui.screens.compare_picker
    import tui.screens.coverage
    import tui.screens.evidence_choice
    import tui.screens.export_path
    import tui.screens.framing_compare
    import tui.screens.framing_profile
    import tui.screens.help
    import tui.screens.main
    import tui.screens.note_editor
    import tui.screens.rating_picker
    import tui.screens.review_conflict
    import tui.screens.side_by_side
    import tui.screens.source
    import tui.screens.source_picker
    import tui.screens.timeline  # noqa: F401  (their classes' BINDINGS are what is collected)

    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui."):
            found.append(cls)
    return found


def binding_ids() -> list[str]:
    """Every binding id of the app (its screens' and widgets'), sorted."""
    from textual.binding import Binding

    ids = {b.id for c in _classes() for b in c.BINDINGS if isinstance(b, Binding) and b.id}
    return sorted(ids)


def clashes(keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(key, binding id remapped to it, binding id that loses it, class) for each key that
    `keymap` (binding id -> "key,key") gives to a binding of a screen or widget while another
    binding of the same class, not remapped, still has it: Textual then drops the other
    one's key without a word (`BindingsMap.apply_keymap`). Keys two bindings share by design
    (the source view's `n`: next place or next cited) are not clashes. Only bindings of one
    class are compared, not a screen's with its widgets'; each clash is named once (the
    first class, by name, of those it is in)."""
    from textual.app import App

    keymap = dict(App._normalize_keymap(keymap))  # "=" as "equals_sign", as the app does
    out: list[tuple[str, str, str, str]] = []
    for cls in _classes():
        merged = cls._merged_bindings
        if merged is None or not any(
            b.id in keymap for bs in merged.key_to_bindings.values() for b in bs
        ):
            continue
        before = {k: {b.id for b in bs if b.id} for k, bs in merged.key_to_bindings.items()}
        after = merged.copy()
        after.apply_keymap(keymap)
        for key, ids in before.items():
            now = {b.id for b in after.key_to_bindings.get(key, [])}
            takers = sorted(i for i in now if i in keymap and i not in ids)
            for lost in sorted(i for i in ids if i not in keymap and i not in now):
                out.extend((key, taker, lost, cls.__name__) for taker in takers[:1])
    first = {c[:3]: c for c in sorted(out, reverse=True)}  # once, not once per subclass
    return sorted(first.values())


def _line_of(lines: list[str], key: str) -> int | None:
    """The 1-based line that sets `key` (quoted or bare), if it can be found."""
    forms = "|".join(re.escape(f) for f in (f'"{key}"', f"'{key}'", key))
    pattern = re.compile(rf"\s*(?:{forms})\s*=")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), None)


def check_keymap(
    keymap: dict[str, str], text: str, shown: str, known: Collection[str]
) -> tuple[dict[str, str], list[str]]:
    """The usable part of `keymap` (read from `text`, the file shown as `shown`) and one
    message for each line that is wrong ("file:line: what; did you mean …"): an id not in
    `known` leaves its line out, a key name that is not a key leaves that key out (and the
    line, if it had no other key: the binding then keeps its own keys)."""
    lines, good, wrong = text.splitlines(), {}, []
    for binding_id, keys in keymap.items():
        line = _line_of(lines, binding_id)
        where = f"{shown}:{line}" if line else shown
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, known, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            wrong.append(f'{where}: unknown binding id "{binding_id}"{hint}')
            continue
        names = [k.strip() for k in keys.split(",")]
        bad = [k for k in names if not is_key(k)]
        for name in bad:
            wrong.append(f'{where}: "{name}" is not a key (for {binding_id})')
        usable = [k for k in names if k and k not in bad]
        if usable:
            good[binding_id] = ",".join(usable)
    for key, taker, lost, where_in in clashes(good):
        line = _line_of(lines, taker)
        where = f"{shown}:{line}" if line else shown
        wrong.append(f'{where}: "{key}" for {taker} takes it from {lost} ({where_in}), which '
                     "is then on no key; give one of them another key")  # fmt: skip
    return good, [sanitize(message) for message in wrong]


def read_keymap(
    path: Path, known: Collection[str] | None = None
) -> tuple[dict[str, str], str | None]:
    """The keymap in `path` (empty if there is none) and an error message, if any (the
    app shows it as a warning and opens with its own keys). Given the `known` binding ids,
    lines with another id or a name that is not a key are left out and each is named in the
    message (see `check_keymap`), followed by the list of valid ids when an id is unknown.
    A value that is not text is named with its file and line and left out. Blocking: run it
    in a worker."""
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
        text = read_regular(path, KEYMAP_LIMIT, "a keymap").decode("utf-8")
        data = tomllib.loads(text)
    except Refused as why:
        return {}, f"keymap not read: {why.reason} ({shown}); keys are not remapped"
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, sanitize(f"{shown}: {exc}; keys are not remapped")
    keymap = {str(k): v for k, v in data.items() if isinstance(v, str)}
    lines, messages = text.splitlines(), []
    for key, value in data.items():
        if not isinstance(value, str):
            line = _line_of(lines, str(key))
            where = f"{shown}:{line}" if line else shown
            messages.append(sanitize(f'{where}: the keys for "{key}" are not text; write '
                                     'them in quotes, e.g. "f5,ctrl+r"'))  # fmt: skip
    if known is not None:
        keymap, wrong = check_keymap(keymap, text, shown, known)
        messages += wrong
        if any(str(key) not in known for key in data):  # only an unknown id needs the list
            messages.append("Valid ids: " + ", ".join(sorted(known)))
    return keymap, ("\n".join(messages) if messages else None)
