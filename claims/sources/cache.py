"""An on-disk cache of source readings, so a page is parsed and judged once, not on every run.

Reading a saved web page (our parse, the extractor's vote, our rules) costs milliseconds a
page; a casebook of a thousand pages is checked again and again unchanged. The readings are
kept in one SQLite database, `readings.sqlite3`, one row a file's bytes, keyed by:

- the SHA-256 of the file's bytes (a changed file is a new key: never a stale reading);
- a digest of the reader itself (`reader_digest`: the source of `claims/sources/*.py` and
  `claims/text.py`, the versions of trafilatura and lxml, Python's version and `FORMAT`),
  so a change to the rules or an upgrade of the extractor reads every page afresh with no
  manual bump.

A row holds what was read from those bytes, one column a kind (`KINDS`: the article, the
whole page, the page's metadata, a PDF's paragraphs), and the day it was last used.

Where: `$CONTESTED_CACHE_DIR` if set (`off` turns the cache off; empty is as unset), else
`$XDG_CACHE_HOME/contested` (if absolute), else `~/.cache/contested` (no cache when there
is no home). The casebook's own folder is never written to. The folder is trusted as the
user's own: an entry someone else wrote there with a sound checksum and key would be
believed. Deleting the database (or the folder) at any time is safe: it is rebuilt. (The
`readings/` folder of JSON files an earlier version kept there is no longer read.)

Trust: each value is stored as the SHA-256 of its JSON body, a newline, then the body,
which names its row's key and its kind. It is used only when the checksum matches, it
names its own key and kind, and its values have the expected shapes (checked by the
caller's decoder); anything else (damaged, copied from another row or column, another
format) is a miss: the source is read afresh and the row written again. Values are JSON,
never pickle.

Never a failure: a folder that cannot be made or written, or any SQLite error, skips the
cache for the rest of the process, but a database busy past `TIMEOUT` or read-only only
stops this process's writes, and a file that is not a database or is damaged (SQLite's
NOTADB or CORRUPT) is deleted and made afresh (once a process). A database of another
layout (`PRAGMA user_version` neither 0 nor `FORMAT`) is left alone and not used.

Writes: the database is in WAL mode with `synchronous=NORMAL`: a commit does not wait for
the disk, and a crash or power cut may lose the last commits but never leaves a torn row
(and a torn value would fail its checksum anyway). Values are kept in memory and written
`BATCH` at a time, in one short transaction (a lock held for milliseconds, never across a
whole run, so two processes share the file); `flush` writes what is left, and runs at
exit (`atexit`, and the console script calls it before `os._exit`). Another process waits
at most `TIMEOUT` seconds for a lock.

Eviction: once a day at most, the first process that writes drops the rows not used for
`KEEP_DAYS` days, then, while the values pass `LIMIT_BYTES`, the least recently used rows,
and gives the freed pages back to the file system (`auto_vacuum=INCREMENTAL`).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from claims.sources.metadata import PageMetadata

#: The environment variable naming the cache folder (or `off`).
ENV = "CONTESTED_CACHE_DIR"
#: The database's file name in the cache folder.
FILE = "readings.sqlite3"
#: Bump when the layout of a value or of the table changes (a new layout: a new FILE, but
#: for the one step `_open` makes in place: layout 2 gains the `pdf` column as layout 3).
FORMAT = 3
#: What a row can hold, one column each ("pdf": a PDF's paragraphs with their pages).
KINDS = ("article", "page", "metadata", "pdf")
#: Values written in one transaction (fewer commits; `flush` writes the rest).
BATCH = 200
#: ... or this many bytes of them, whichever comes first.
BATCH_BYTES = 16 * 1024 * 1024
#: Seconds to wait for another process's lock before giving up.
TIMEOUT = 1.0
#: Rows not used for this many days are dropped.
KEEP_DAYS = 90
#: Past this many bytes of values, the least recently used rows are dropped.
LIMIT_BYTES = 1024 * 1024 * 1024
#: Values over this many bytes are neither written nor read.
ENTRY_LIMIT = 64 * 1024 * 1024

T = TypeVar("T")

_digest: str | None = None
#: Counts of this process's lookups, for tests and benchmarks: hits, misses, writes
#: (values committed), skips (SQLite errors that turned the cache off or dropped writes).
stats = {"hits": 0, "misses": 0, "writes": 0, "skips": 0}

SCHEMA = """
CREATE TABLE IF NOT EXISTS readings (
    key TEXT PRIMARY KEY,  -- hex SHA-256 of FORMAT, the reader's digest, the file's SHA-256
    used INTEGER NOT NULL,  -- the day (since 1970-01-01, UTC) it was last read or written
    article BLOB, page BLOB, metadata BLOB, pdf BLOB  -- checksum, newline, JSON; NULL: unread
);
CREATE INDEX IF NOT EXISTS readings_used ON readings (used);
CREATE TABLE IF NOT EXISTS about (name TEXT PRIMARY KEY, value INTEGER);
"""
#: SQLite's primary result codes: a file that is no sound database; another process's lock;
#: a file this process may not write.
_DAMAGED, _BUSY, _READONLY = {11, 26}, {5, 6}, {8}


def folder() -> Path | None:
    """The folder holding the cache's database, or None when the cache is off (read from
    the environment on every call: a test or a user may change it)."""
    env = (os.environ.get(ENV, ""), os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME"))
    if env not in _folders:
        _folders.clear()
        _folders[env] = _folder(*env[:2])
    return _folders[env]


def _folder(value: str, xdg: str) -> Path | None:
    if value.strip().lower() == "off":
        return None
    if value:
        return Path(value)
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "contested"
    home = os.path.expanduser("~")
    if not os.path.isabs(home):  # no home to be found: no cache (never the working folder)
        return None
    return Path(home) / ".cache" / "contested"


_folders: dict[tuple[str, str, str | None], Path | None] = {}


def reader_digest() -> str:
    """Hex SHA-256 of everything an HTML reading depends on besides the file (computed once
    per process): the source of `claims/sources/*.py` (but markdown.py) and
    `claims/text.py`, the extractor's, parser's and PDF readers' versions, Python's version and
    `FORMAT`. The modules are imported first, so a file edited while this process runs
    changes the digest of the next process, never of readings made with the code this one
    loaded. (trafilatura is imported only to read a page: an upgrade of it under a running
    process is the one change this can miss.)"""
    global _digest
    if _digest is None:
        here = Path(__file__).resolve().parent
        paths = [p for p in sorted(here.glob("*.py")) if p.name != "markdown.py"]
        for path in paths:
            if path.stem != "__init__":  # a module that cannot load reads nothing: no matter
                with contextlib.suppress(Exception):
                    importlib.import_module(f"claims.sources.{path.stem}")
        digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
        for path in [*paths, here.parent / "text.py"]:
            digest.update(path.name.encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"unreadable")
        for package in ("trafilatura", "lxml", "justext", "htmldate", "pdfminer.six", "pypdf"):
            digest.update(f"\0{package}={_version(package)}".encode())
        _digest = digest.hexdigest()
    return _digest


def _version(package: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def key(content: str) -> str:
    """The row key (hex SHA-256) of the readings of a file whose bytes have the hex SHA-256
    `content`."""
    return hashlib.sha256(f"{FORMAT}\0{reader_digest()}\0{content}".encode()).hexdigest()


def _today() -> int:
    return int(time.time() // 86400)


class _Store:
    """This process's connection to the database of one folder, and its unwritten values.
    Every method holds the lock (the app reads sources on worker threads) and never raises."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self.lock = threading.RLock()
        self.db: sqlite3.Connection | None = None
        self.pid = 0
        self.broken = False  # no more reads or writes in this process
        self.readonly = False  # no more writes in this process
        self.remade = False  # the damaged file was already made afresh once
        self.pending: dict[str, dict[str, bytes]] = {}  # key -> kind -> value
        self.count = 0  # values in `pending`
        self.size = 0  # bytes of the values in `pending`
        self.touched: set[str] = set()  # keys read today whose `used` is older

    def _connect(self) -> sqlite3.Connection | None:
        if self.broken:
            return None
        if self.db is not None and self.pid == os.getpid():
            return self.db
        self.db = None  # a forked child opens its own (never the parent's handle)
        try:
            self.where.mkdir(parents=True, exist_ok=True)
            self.db = self._open()
        except (OSError, sqlite3.Error) as exc:
            self._failed(exc)
        return self.db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.where / FILE, timeout=TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 2:  # layout 2 lacks the pdf column: add it (once, under the lock)
                db.execute("BEGIN IMMEDIATE")
                try:
                    if db.execute("PRAGMA user_version").fetchone()[0] == 2:
                        db.execute("ALTER TABLE readings ADD COLUMN pdf BLOB")
                        db.execute(f"PRAGMA user_version={FORMAT}")
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                version = FORMAT
            if version not in (0, FORMAT):
                raise sqlite3.OperationalError(f"a database of layout {version}")
            db.execute("PRAGMA synchronous=NORMAL")
            if version == 0:  # new (or being made by another process)
                db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # before the first table
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(f"BEGIN IMMEDIATE;{SCHEMA}PRAGMA user_version={FORMAT};COMMIT;")
        except BaseException:
            db.close()
            raise
        self.pid = os.getpid()
        return db

    def _failed(self, exc: BaseException) -> None:
        """Skip the cache after `exc`: a damaged file is made afresh (once), a busy or
        read-only database stops this process's writes, anything else stops the cache for
        this process."""
        stats["skips"] += 1
        code = getattr(exc, "sqlite_errorcode", -1) & 0xFF
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        if code in _DAMAGED and not self.remade:
            self.remade = True
            try:
                for name in (f"{FILE}-wal", f"{FILE}-shm", FILE):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self.where / name)
                return  # the next use makes a new one
            except OSError:
                pass
        if code in _BUSY or code in _READONLY:
            self.readonly = True  # another process holds the file: read it, write nothing
            self.pending.clear()
            self.count = self.size = 0
            return
        self.broken = True

    def load(self, name: str, kind: str) -> bytes | None:
        with self.lock:
            waiting = self.pending.get(name, {}).get(kind)
            if waiting is not None:
                return waiting
            db = self._connect()
            if db is None:
                return None
            try:
                row = db.execute(
                    f"SELECT {kind}, used FROM readings WHERE key = ?", (name,)
                ).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
            if row is None or not isinstance(row[0], bytes):
                return None
            if row[1] != _today():
                self.touched.add(name)
            return row[0]

    def store(self, name: str, kind: str, value: bytes) -> None:
        with self.lock:
            if self.broken or self.readonly:
                return
            self.pending.setdefault(name, {})[kind] = value
            self.count += 1
            self.size += len(value)
            if self.count >= BATCH or self.size >= BATCH_BYTES:
                self.flush()

    def flush(self) -> None:
        with self.lock:
            pending, touched, count = self.pending, self.touched, self.count
            self.pending, self.touched, self.count, self.size = {}, set(), 0, 0
            if not (pending or touched) or self.readonly:
                return
            db = self._connect()
            if db is None:
                return
            today = _today()
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    for name, values in pending.items():
                        for kind, value in values.items():
                            db.execute(
                                f"INSERT INTO readings (key, used, {kind}) VALUES (?, ?, ?) "
                                f"ON CONFLICT (key) DO UPDATE SET {kind} = excluded.{kind}, "
                                "used = excluded.used",
                                (name, today, value),
                            )
                    db.executemany(
                        "UPDATE readings SET used = ? WHERE key = ?",
                        [(today, name) for name in touched - pending.keys()],
                    )
                    evicted = _evict(db, today)
                    db.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                    raise
                if evicted:
                    db.execute("PRAGMA incremental_vacuum")
            except sqlite3.Error as exc:
                self._failed(exc)
                return
            stats["writes"] += count


def _evict(db: sqlite3.Connection, today: int) -> bool:
    """Drop the rows unused for KEEP_DAYS days, then the least recently used ones past
    LIMIT_BYTES; at most once a day (the day is kept in `about`). True if it ran."""
    done = db.execute("SELECT value FROM about WHERE name = 'evicted'").fetchone()
    if done is not None and done[0] == today:
        return False
    db.execute("DELETE FROM readings WHERE used < ?", (today - KEEP_DAYS,))
    sizes = " + ".join(f"coalesce(length({kind}), 0)" for kind in KINDS)
    db.execute(
        "DELETE FROM readings WHERE key IN (SELECT key FROM (SELECT key, sum("
        f"{sizes}) OVER (ORDER BY used DESC, rowid DESC) AS total FROM readings) "
        "WHERE total > ?)",
        (LIMIT_BYTES,),
    )
    db.execute(
        "INSERT INTO about (name, value) VALUES ('evicted', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (today,),
    )
    return True


_stores: dict[Path, _Store] = {}
_stores_lock = threading.Lock()


def _store() -> _Store | None:
    where = folder()
    if where is None:
        return None
    with _stores_lock:
        store = _stores.get(where)
        if store is None:
            store = _stores[where] = _Store(where)
    return store


def flush() -> None:
    """Write the values kept in memory to the database (called at exit; never raises)."""
    with _stores_lock:
        stores = list(_stores.values())
    for store in stores:
        store.flush()


def close() -> None:
    """Write the values kept in memory and close the database; the next use opens it again
    (as a new process would). Never raises."""
    with _stores_lock:
        stores = list(_stores.values())
        _stores.clear()
    for store in stores:
        store.flush()
        with store.lock:
            if store.db is not None and store.pid == os.getpid():
                with contextlib.suppress(sqlite3.Error):
                    store.db.close()
            store.db = None


atexit.register(flush)


def load(content: str, kind: str, decode: Callable[[Any], T]) -> T | None:
    """The cached reading `kind` (one of `KINDS`) of the file of SHA-256 `content`, rebuilt
    by `decode` from the stored value; None when there is none or it cannot be trusted
    (see the module). `decode` raises ValueError, TypeError, KeyError or IndexError on a
    value of the wrong shape. Raises ValueError for a `kind` not in `KINDS`, and nothing
    else."""
    if kind not in KINDS:  # it names a column
        raise ValueError(f"unknown kind {kind!r}")
    store = _store()
    if store is None:
        return None
    name = key(content)
    raw = store.load(name, kind)
    if raw is None:
        stats["misses"] += 1
        return None
    try:
        head, _, body = raw.partition(b"\n")
        if len(raw) > ENTRY_LIMIT or head.decode("ascii") != hashlib.sha256(body).hexdigest():
            raise ValueError("damaged value")
        entry = json.loads(body)
        if not isinstance(entry, dict) or (entry.get("key"), entry.get("kind")) != (name, kind):
            raise ValueError("foreign value")
        value = decode(entry["value"])
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, UnicodeError):
        stats["misses"] += 1
        return None
    stats["hits"] += 1
    return value


def store(content: str, kind: str, value: object) -> None:
    """Keep `value` (JSON-able) as the reading `kind` (one of `KINDS`) of the file of
    SHA-256 `content`: in memory now, in the database at the next batch or `flush`.
    Silently does nothing when the cache is off or cannot be written; raises ValueError for
    a `kind` not in `KINDS`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    where = _store()
    if where is None:
        return
    name = key(content)
    body = json.dumps(
        {"key": name, "kind": kind, "value": value}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    if len(body) > ENTRY_LIMIT:
        return
    where.store(name, kind, hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def page_metadata(raw: bytes, read: Callable[[bytes], PageMetadata]) -> PageMetadata:
    """The metadata of the HTML file of bytes `raw`: from the cache, else `read(raw)` (then
    kept). A stored value is used only if it has every field of `PageMetadata` and no
    other, each a date or what `metadata.plain` makes of it (plain text, no controls, at
    most `metadata.LIMIT` characters). Raises what `read` raises."""
    from claims.sources import metadata

    content = hashlib.sha256(raw).hexdigest()
    names = [f.name for f in dataclasses.fields(metadata.PageMetadata)]

    def decode(value: Any) -> PageMetadata:
        if not isinstance(value, dict) or sorted(value) != sorted(names):
            raise ValueError("other fields")
        fields: dict[str, object] = {}
        for name, item in value.items():
            if item is None:
                fields[name] = None
            elif item[0] == "date" and isinstance(item[1], str):
                fields[name] = dt.date.fromisoformat(item[1])
            elif item[0] == "text" and isinstance(item[1], str):
                if metadata.plain(item[1]) != item[1]:
                    raise ValueError(f"{name} is not plain text")
                fields[name] = item[1]
            else:
                raise ValueError(f"bad {name}")
        return metadata.PageMetadata(**fields)  # type: ignore[arg-type]

    page = load(content, "metadata", decode)
    if page is None:
        page = read(raw)
        value: dict[str, object] = {}
        for name in names:
            item = getattr(page, name)
            if isinstance(item, dt.date):
                value[name] = ["date", item.isoformat()]
            elif isinstance(item, str):
                value[name] = ["text", item]
            elif item is None:
                value[name] = None
            else:  # a field of another kind: not cached
                return page
        store(content, "metadata", value)
    return page
