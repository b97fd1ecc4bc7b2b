"""An on-disk cache of framing cues, so an unchanged source is not searched again.

`contested framing` on a casebook of a thousand sources spends most of its time finding
cues; the sources rarely change between two runs. The cues of one source are kept in one
SQLite database, `framing.sqlite3`, in the folder of the source readings' cache
(`claims.sources.cache.folder`: `$CONTESTED_CACHE_DIR`, `off` turns both off), one row a
source's text, keyed by the SHA-256 of:

- `digest()`: the lists (every file of `claims/framing/lists/`), VADER's lexicon as
  installed, and the source of the modules that find cues, so a change to a list or to a
  rule finds every cue afresh with no manual bump;
- the language, and the paragraphs' numbers and texts.

A value holds the words and, per cue, its category, paragraph, offsets and speaker; never
its text, which is taken from the paragraph again. A value is used only when it parses,
names its own key, and every cue lies inside its paragraph; anything else is a miss.
Never a failure: any SQLite or file-system error turns the cache off for the process.
Rows not used for `KEEP_DAYS` days are dropped when new ones are written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from claims.framing.cues import Cue
from claims.framing.lists import CATEGORIES

FILE = "framing.sqlite3"
KEEP_DAYS = 30
TIMEOUT = 1.0
_SCHEMA = "CREATE TABLE IF NOT EXISTS cues (key TEXT PRIMARY KEY, used INTEGER, value TEXT)"


@functools.cache
def digest() -> str:
    """Hex SHA-256 of everything cues depend on besides the text (see the module)."""
    h = hashlib.sha256(b"framing-cache-1\x00")
    root = resources.files("claims.framing")
    for name in ("cues.py", "quotes.py", "lists.py"):
        h.update((root / name).read_bytes())
    lists = root / "lists"
    for language in sorted((p for p in lists.iterdir() if p.is_dir()), key=lambda p: p.name):
        for file in sorted(language.iterdir(), key=lambda p: p.name):
            h.update(f"{language.name}/{file.name}\x00".encode())
            h.update(file.read_bytes())
    with contextlib.suppress(ModuleNotFoundError, FileNotFoundError, OSError):
        h.update((resources.files("vaderSentiment") / "vader_lexicon.txt").read_bytes())
    return h.hexdigest()


def key(language: str, texts: Sequence[str], numbers: Sequence[int]) -> str:
    """The row key of one source's paragraphs in `language`."""
    h = hashlib.sha256(digest().encode())
    h.update(language.encode() + b"\x00" + ",".join(map(str, numbers)).encode() + b"\x00")
    h.update("\x00".join(texts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _today() -> int:
    return int(time.time() // 86400)


class CueCache:
    """The cue cache of one run: `get` reads a source's cues, `put` keeps new ones in
    memory, `save` writes them in one transaction (call it before the process ends)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from claims.sources.cache import folder as readings_folder

            folder = readings_folder()
        self.path = None if folder is None else folder / FILE
        self._db: sqlite3.Connection | None = None
        self._off = self.path is None
        self._pending: list[tuple[str, int, str]] = []

    def _open(self) -> sqlite3.Connection | None:
        if self._off or self.path is None:
            return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=TIMEOUT)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute(_SCHEMA)
            except (sqlite3.Error, OSError):
                self._off = True
                return None
        return self._db

    def get(
        self, language: str, texts: Sequence[str], numbers: Sequence[int]
    ) -> tuple[list[Cue], int] | None:
        """(cues, words) of these paragraphs as cached, or None (a miss)."""
        db = self._open()
        if db is None:
            return None
        row_key = key(language, texts, numbers)
        try:
            row = db.execute("SELECT value FROM cues WHERE key = ?", (row_key,)).fetchone()
        except sqlite3.Error:
            self._off = True
            return None
        if row is None:
            return None
        return _decode(row[0], row_key, texts, numbers)

    def put(
        self,
        language: str,
        texts: Sequence[str],
        numbers: Sequence[int],
        cues: Sequence[Cue],
        words: int,
    ) -> None:
        """Keep one source's cues, to be written by `save`."""
        if self._off:
            return
        row_key = key(language, texts, numbers)
        order = {c: i for i, c in enumerate(CATEGORIES)}
        body = {
            "key": row_key,
            "words": words,
            "category": [order[c.category] for c in cues],
            "paragraph": [c.paragraph for c in cues],
            "start": [c.start for c in cues],
            "end": [c.end for c in cues],
            "speaker": {str(i): c.speaker for i, c in enumerate(cues) if c.speaker is not None},
        }
        self._pending.append((row_key, _today(), json.dumps(body, separators=(",", ":"))))

    def save(self) -> None:
        """Write what `put` kept, drop rows unused for `KEEP_DAYS` days, close."""
        db = self._open()
        try:
            if db is not None and self._pending:
                with db:
                    db.executemany("INSERT OR REPLACE INTO cues VALUES (?, ?, ?)", self._pending)
                    db.execute("DELETE FROM cues WHERE used < ?", (_today() - KEEP_DAYS,))
        except sqlite3.Error:
            self._off = True
        finally:
            self._pending.clear()
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None


def _ints(value: Any, size: int) -> bool:
    return isinstance(value, list) and len(value) == size and all(type(x) is int for x in value)


def _decode(
    value: str, row_key: str, texts: Sequence[str], numbers: Sequence[int]
) -> tuple[list[Cue], int] | None:
    """A cached value checked against its key and the paragraphs, or None."""
    try:
        body: Any = json.loads(value)
    except ValueError:
        return None
    if not isinstance(body, dict) or body.get("key") != row_key:
        return None
    words, categories = body.get("words"), body.get("category")
    if not isinstance(words, int) or not isinstance(categories, list):
        return None
    size = len(categories)
    paragraphs: Any = body.get("paragraph")
    starts: Any = body.get("start")
    ends: Any = body.get("end")
    speakers = body.get("speaker")
    if not all(_ints(x, size) for x in (categories, paragraphs, starts, ends)):
        return None
    if not isinstance(speakers, dict) or not all(isinstance(s, str) for s in speakers.values()):
        return None
    if size and not (min(categories) >= 0 and max(categories) < len(CATEGORIES)):
        return None
    index = {n: i for i, n in enumerate(numbers)}
    if not set(paragraphs) <= index.keys():
        return None
    lengths = [len(t) for t in texts]
    if not all(
        0 <= s < e <= lengths[index[p]] for p, s, e in zip(paragraphs, starts, ends, strict=True)
    ):
        return None
    out = [
        Cue(CATEGORIES[c], p, s, e, texts[index[p]][s:e])
        for c, p, s, e in zip(categories, paragraphs, starts, ends, strict=True)
    ]
    for at, speaker in speakers.items():
        if not at.isdigit() or int(at) >= size:
            return None
        cue = out[int(at)]
        out[int(at)] = Cue(cue.category, cue.paragraph, cue.start, cue.end, cue.text, speaker)
    return out, words
