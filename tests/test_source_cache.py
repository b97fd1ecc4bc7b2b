"""The on-disk cache of source readings (claims.sources.cache, one SQLite database): a page
read once is not parsed again, a changed page or reader is, and a damaged or foreign row, a
database file of garbage, a folder that cannot be written or two processes at once never
give a wrong reading nor an error."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.sources import article, cache, document, html, metadata, read_document

BODY = [
    f"Paragraph {n} of the report says the council met on day {n} and voted on the budget "
    "for the harbour, the schools and the roads, after a long debate about the costs."
    for n in range(1, 9)
]


def page(title: str = "Council votes on the harbour budget", body: list[str] = BODY) -> str:
    paragraphs = "\n".join(f"<p>{text}</p>" for text in body)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="The Example Post"></head><body>'
        '<nav class="menu"><a href="/">Home</a> <a href="/world">World</a></nav>\n'
        '<div id="cookie-banner"><p>We use cookies to improve your experience.</p></div>\n'
        f'<main><article><h1>{title}</h1><p class="byline">By Jane Doe</p>\n'
        f"{paragraphs}\n</article></main>\n"
        "<footer><p>Copyright The Example Post. All rights reserved.</p></footer>"
        "</body></html>\n"
    )


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, and no reading remembered in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONTESTED_CACHE_DIR", str(folder))
    monkeypatch.setattr(document, "_CACHE", type(document._CACHE)())
    monkeypatch.setattr(document, "_CACHE_SIZES", {})
    cache.close()
    yield folder
    cache.close()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times the page was parsed and judged (article) or parsed whole (page)."""
    counts = {"article": 0, "page": 0}
    real_article, real_paragraphs = article.article, html.paragraphs

    def counted_article(text: str) -> article.Article:
        counts["article"] += 1
        return real_article(text)

    def counted_paragraphs(text: str, *rest: list[tuple[str, str]]) -> list[object]:
        counts["page"] += 1
        return real_paragraphs(text, *rest)  # type: ignore[return-value]

    monkeypatch.setattr(article, "article", counted_article)
    monkeypatch.setattr(html, "paragraphs", counted_paragraphs)
    return counts


def forget() -> None:
    """Forget what this process read, as a new `contested` process would (the readings kept
    in memory written at exit, the database opened afresh)."""
    document._CACHE.clear()
    document._CACHE_SIZES.clear()
    cache.close()


def reading(doc: document.Document) -> tuple[object, ...]:
    return (
        [(p.number, p.text, p.line) for p in doc.paragraphs],
        [(d.text, d.reason, d.where) for d in doc.dropped],
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / cache.FILE, isolation_level=None)


def rows(folder: Path) -> dict[str, dict[str, object]]:
    """The rows of the cache's database by key: {kind: value, "used": day}."""
    with contextlib.closing(database(folder)) as db:
        found = db.execute("SELECT key, used, article, page, metadata FROM readings").fetchall()
    return {
        key: {"used": used, "article": a, "page": p, "metadata": m} for key, used, a, p, m in found
    }


def test_a_second_reading_comes_from_the_cache(tmp_path, cache_dir, calls):
    path = write(tmp_path, "page.html", page())
    first = read_document(path)
    assert calls["article"] == 1
    assert first.paragraphs[0].text == "Council votes on the harbour budget"
    assert any(d.where == "cookie banner" for d in first.dropped)
    forget()
    second = read_document(path)
    assert calls["article"] == 1, "the page was parsed again"
    assert reading(second) == reading(first)
    forget()
    whole = read_document(path, "page")  # another extract mode: its own column, same row
    assert calls["page"] == 1
    forget()
    assert reading(read_document(path, "page")) == reading(whole)
    assert calls == {"article": 1, "page": 1}
    assert len(whole.paragraphs) > len(first.paragraphs)
    (row,) = rows(cache_dir).values()
    assert row["article"]
    assert row["page"]
    assert row["metadata"] is None


def test_a_changed_file_is_read_again(tmp_path, cache_dir, calls):
    path = write(tmp_path, "page.html", page())
    read_document(path)
    body = [*BODY[:-1], BODY[-1].replace("the roads", "the bridges")]
    path.write_text(page(body=body), encoding="utf-8")
    forget()
    changed = read_document(path)
    assert calls["article"] == 2
    assert "the bridges" in changed.paragraphs[-1].text


def test_a_new_reader_reads_again(tmp_path, cache_dir, calls, monkeypatch):
    path = write(tmp_path, "page.html", page())
    read_document(path)
    forget()
    monkeypatch.setattr(cache, "_digest", "0" * 64)  # the rules changed, or trafilatura did
    read_document(path)
    assert calls["article"] == 2


def _damage(value: bytes, how: str, other: bytes, metadata_value: bytes) -> object:
    """The article value `value` of a row, damaged `how` (`other`: another page's article;
    `metadata_value`: this row's metadata)."""
    head, _, body = value.partition(b"\n")
    if how == "truncated":
        return value[: len(value) // 2]
    if how == "garbage":
        return b"\x00\xff not json at all"
    if how == "empty":
        return b""
    if how == "text":  # a column of another type
        return value.decode("utf-8")
    if how == "flipped":  # a changed letter the checksum catches
        return head + b"\n" + body.replace(b"harbour", b"harbOur", 1)
    if how == "foreign":  # another page's reading, whole and sound, in this row
        return other
    if how == "other kind":  # this page's metadata, whole and sound, as its article
        return metadata_value
    entry = json.loads(body)  # sound checksum, key and kind; impossible values
    first = entry["value"]["paragraphs"][0]
    if how == "bad line":
        first[1] = 10_000
    else:
        first[0] += "\x00"
    body = json.dumps(entry).encode()
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "garbage",
        "empty",
        "text",
        "flipped",
        "foreign",
        "other kind",
        "bad line",
        "nul",
    ],
)
def test_a_damaged_row_is_read_again_with_the_same_result(tmp_path, cache_dir, calls, how):
    other = write(tmp_path, "other.html", page("Another page", [b + " Again." for b in BODY]))
    read_document(other)
    forget()
    (other_key,) = rows(cache_dir)
    path = write(tmp_path, "page.html", page())
    fresh = reading(read_document(path))
    metadata.read_metadata(path)
    forget()
    found = rows(cache_dir)
    (mine,) = set(found) - {other_key}
    assert calls["article"] == 2
    damaged = _damage(
        found[mine]["article"], how, found[other_key]["article"], found[mine]["metadata"]
    )
    with contextlib.closing(database(cache_dir)) as db:
        db.execute("UPDATE readings SET article = ? WHERE key = ?", (damaged, mine))
    assert reading(read_document(path)) == fresh
    assert calls["article"] == 3, "a damaged row was used"
    forget()
    assert reading(read_document(path)) == fresh  # written again, whole: a hit
    assert calls["article"] == 3


@pytest.mark.parametrize("how", ["garbage", "truncated", "empty", "zeroed"])
def test_a_damaged_database_file_is_made_afresh(tmp_path, cache_dir, calls, how):
    pages = [write(tmp_path, f"p{n}.html", page(f"Page {n}", BODY[n:])) for n in range(3)]
    fresh = [reading(read_document(p)) for p in pages]
    forget()
    with contextlib.closing(database(cache_dir)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = (cache_dir / cache.FILE).read_bytes()
    if how == "garbage":
        data = b"\x00\xffthis is no database " * 500
    elif how == "truncated":
        data = data[: len(data) // 2 + 100]
    elif how == "empty":
        data = b""
    else:  # every page but the first zeroed
        data = data[:4096] + bytes(len(data) - 4096)
    (cache_dir / cache.FILE).write_bytes(data)
    assert [reading(read_document(p)) for p in pages] == fresh  # no error, no wrong reading
    forget()
    parsed = calls["article"]
    assert [reading(read_document(p)) for p in pages] == fresh
    assert calls["article"] == parsed, "the database was not made afresh"
    assert len(rows(cache_dir)) == 3


def test_a_database_of_another_layout_is_left_alone(tmp_path, cache_dir, calls):
    cache_dir.mkdir()
    with contextlib.closing(database(cache_dir)) as db:
        db.execute("CREATE TABLE readings (whatever)")
        db.execute("PRAGMA user_version = 99")
    before = (cache_dir / cache.FILE).read_bytes()
    path = write(tmp_path, "page.html", page())
    first = read_document(path)
    forget()
    assert reading(read_document(path)) == reading(first)
    assert calls["article"] == 2
    assert (cache_dir / cache.FILE).read_bytes() == before


def test_a_folder_that_cannot_be_written_is_skipped(tmp_path, monkeypatch, calls):
    blocker = write(tmp_path, "not-a-folder", "a file where the cache folder would be\n")
    monkeypatch.setenv("CONTESTED_CACHE_DIR", str(blocker / "cache"))
    path = write(tmp_path, "page.html", page())
    forget()
    first = read_document(path)
    forget()
    assert reading(read_document(path)) == reading(first)
    forget()
    assert calls["article"] == 2
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_off_keeps_nothing(tmp_path, monkeypatch, calls):
    monkeypatch.setenv("CONTESTED_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = write(tmp_path, "page.html", page())
    forget()
    read_document(path)
    forget()
    read_document(path)
    forget()
    assert calls["article"] == 2
    assert not (tmp_path / "xdg").exists()


def test_page_metadata_comes_from_the_cache(tmp_path, cache_dir, monkeypatch):
    first = metadata.read_metadata(write(tmp_path, "a.html", page()))
    assert first.title == "Council votes on the harbour budget"
    assert first.outlet == "The Example Post"
    forget()

    def parsed(html_text: str) -> metadata.PageMetadata:
        raise AssertionError("the page was parsed again")

    monkeypatch.setattr(metadata, "page_metadata", parsed)
    assert metadata.read_metadata(write(tmp_path, "b.html", page())) == first


def test_rows_unused_for_long_or_past_the_size_limit_are_dropped(tmp_path, cache_dir, monkeypatch):
    pages = [write(tmp_path, f"p{n}.html", page(f"Page {n}", BODY[n:])) for n in range(4)]
    for path in pages:
        read_document(path)
    forget()
    keys = {cache.key(hashlib.sha256(p.read_bytes()).hexdigest()): n for n, p in enumerate(pages)}
    today = cache._today()
    with contextlib.closing(database(cache_dir)) as db:
        db.execute("UPDATE about SET value = ?", (today - 1,))  # last evicted yesterday
        for key, n in keys.items():  # page 0 unused for 91 days, 1 for 89, 2 for 10, 3 today
            db.execute(
                "UPDATE readings SET used = ? WHERE key = ?", (today - [91, 89, 10, 0][n], key)
            )
    read_document(pages[1])  # a hit: page 1 is used today
    forget()
    assert sorted(keys[k] for k in rows(cache_dir)) == [1, 2, 3]
    assert {keys[k]: r["used"] for k, r in rows(cache_dir).items()}[1] == today
    # past LIMIT_BYTES, the least recently used go first: page 2 (10 days), then by age of row
    sizes = {keys[k]: len(r["article"]) for k, r in rows(cache_dir).items()}  # type: ignore[arg-type]
    monkeypatch.setattr(cache, "LIMIT_BYTES", sizes[1] + sizes[3])
    with contextlib.closing(database(cache_dir)) as db:
        assert cache._evict(db, today) is False  # once a day: done today already
        db.execute("UPDATE about SET value = ?", (today - 1,))
        assert cache._evict(db, today) is True
    assert sorted(keys[k] for k in rows(cache_dir)) == [1, 3]
    monkeypatch.setattr(cache, "LIMIT_BYTES", sizes[1] + sizes[3] - 1)
    with contextlib.closing(database(cache_dir)) as db:
        db.execute("UPDATE about SET value = ?", (today - 1,))
        cache._evict(db, today)
    assert [keys[k] for k in rows(cache_dir)] == [3]  # the newer row of the same day kept


WORKER = """
import hashlib, json, sys
from claims.sources import cache
cache.BATCH = int(sys.argv[2])
cache.TIMEOUT = 30.0  # correctness under contention, not the give-up policy: a loaded CI may wait
me, count, go = sys.argv[1], 200, sys.argv[3]
import os, time
while not os.path.exists(go):
    time.sleep(0.001)
def value(n):
    return {"n": n, "text": f"reading {n} " * 50}
for n in range(count):
    mine = hashlib.sha256(f"{me}-{n}".encode()).hexdigest()
    cache.store(mine, "article", value(f"{me}-{n}"))
    for who in ("a", "b"):
        theirs = hashlib.sha256(f"{who}-{n // 2}".encode()).hexdigest()
        got = cache.load(theirs, "article", lambda v: v)
        if got is not None and got != value(f"{who}-{n // 2}"):
            sys.exit(f"wrong reading {got!r}")
cache.close()
print(json.dumps(cache.stats))
"""


def test_two_processes_at_once_share_the_database(tmp_path, cache_dir):
    go = tmp_path / "go"
    env = {**os.environ, "CONTESTED_CACHE_DIR": str(cache_dir)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, who, batch, str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who, batch in (("a", "1"), ("b", "7"))
    ]
    go.touch()  # both start on a folder with no database yet
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        assert json.loads(out)["skips"] == 0, "a process gave up on the database"
    found = rows(cache_dir)
    assert len(found) == 400
    for who in ("a", "b"):
        for n in (0, 199):
            content = hashlib.sha256(f"{who}-{n}".encode()).hexdigest()
            got = cache.load(content, "article", lambda v: v)
            assert got == {"n": f"{who}-{n}", "text": f"reading {who}-{n} " * 50}
    with contextlib.closing(database(cache_dir)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


CASEBOOK = (
    "title: Cached\nsides:\n  a: {label: A}\nsources:\n{sources}"
    "disputes:\n  - id: d\n    question: What was voted?\n    positions:\n"
    "      - side: a\n        holder: Council\n        claim: The budget.\n"
    "        evidence:\n{quotes}"
)


def casebook(root: Path, pages: int) -> Path:
    (root / "sources").mkdir(parents=True)
    for n in range(pages):
        text = page(f"Page {n}", [f"{b} Page {n}." for b in BODY])
        (root / "sources" / f"p{n}.html").write_text(text, encoding="utf-8")
    (root / "casebook.yaml").write_text(
        CASEBOOK.replace(
            "{sources}", "".join(f"  p{n}: {{file: sources/p{n}.html}}\n" for n in range(pages))
        ).replace(
            "{quotes}",
            "".join(
                f"          - {{source: p{n}, quote: met on day 3 and voted}}\n"
                for n in range(pages)
            ),
        ),
        encoding="utf-8",
    )
    return root


def test_check_caches_in_the_users_cache_folder_and_never_in_the_casebook(tmp_path):
    root = casebook(tmp_path / "book", 3)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    env = {k: v for k, v in os.environ.items() if k != "CONTESTED_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    exe = Path(sys.executable).parent / "contested"
    runs = [
        subprocess.Popen([str(exe), "check", str(root)], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)  # two at once, on no database yet
    ]
    runs.append(
        subprocess.Popen([str(exe), "check", str(root)], env=env, stdout=subprocess.PIPE, text=True)
    )
    for run in runs:
        out, _ = run.communicate(timeout=60)
        assert run.returncode == 0, out
        assert "3/3 quotes anchored" in out
    where = tmp_path / "xdg" / "contested"
    # one database (and SQLite's WAL files), not a file per reading
    assert {p.name for p in where.iterdir()} <= {
        cache.FILE,
        f"{cache.FILE}-wal",
        f"{cache.FILE}-shm",
    }
    found = rows(where)
    assert len(found) == 3  # a row a page: its article and its metadata
    assert all(r["article"] and r["metadata"] for r in found.values())
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_where_the_cache_lives(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("CONTESTED_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.folder() == tmp_path / "mine"
    monkeypatch.setenv("CONTESTED_CACHE_DIR", "")  # empty: as unset
    assert cache.folder() == tmp_path / "xdg" / "contested"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/xdg")  # not absolute: ignored
    assert cache.folder() == tmp_path / "home" / ".cache" / "contested"
    monkeypatch.setenv("CONTESTED_CACHE_DIR", "OFF")
    assert cache.folder() is None
