"""`contested read FILE`: the numbered paragraphs contested makes of a source file, as a
user runs it (the installed executable), in both formats, with what was left out, and its
errors (exit 2, the file named, a hint)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import RunContested

PAGE = """<!doctype html><html><head><title>Bridge closes | Gazette</title>
<meta property="og:site_name" content="The Gazette\x1b[31m">
<meta property="article:published_time" content="2026-03-02T09:00:00Z">
<script>var tracking = "script text";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Bridge closes for repairs</h1>
<p>The council closed the bridge on Monday for three weeks of repairs to its deck.</p>
<p>Residents said they were told only two days before the closure began.</p>
<p>Evil \x1b]0;pwned\x07 title and [bold]markup[/bold] stay text.</p>
</article>
<footer><p>Copyright 2026 The Gazette. All rights reserved.</p></footer>
</body></html>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_text_file_paragraphs_json(tmp_path: Path, run_contested: RunContested) -> None:
    _write(tmp_path, "note.txt", "First paragraph\nstill first.\n\nSecond one.\n")
    result = run_contested("read", "note.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["paragraphs"] == [
        {"number": 1, "text": "First paragraph still first.", "start_line": 1},
        {"number": 2, "text": "Second one.", "start_line": 4},
    ]
    assert data["metadata"] == {}
    assert "dropped" not in data


def test_human_numbers_and_wraps(tmp_path: Path, run_contested: RunContested) -> None:
    long = " ".join(["word"] * 60)
    _write(tmp_path, "note.md", f"# Heading\n\n{long}\n")
    result = run_contested("read", "note.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("¶1")
    assert lines[0].endswith("Heading")
    assert lines[1].startswith("¶2  ")
    assert len(lines) > 3  # the long paragraph is wrapped, continued under its text
    assert all(line.startswith("    word") for line in lines[2:])


def test_html_page_metadata_and_dropped(tmp_path: Path, run_contested: RunContested) -> None:
    _write(tmp_path, "page.html", PAGE)
    result = run_contested("read", "page.html", "--format", "json", "--dropped", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    texts = [p["text"] for p in data["paragraphs"]]
    assert any(t.startswith("The council closed the bridge") for t in texts)
    assert all(t != "Home" for t in texts)
    assert data["metadata"]["title"] == "Bridge closes for repairs"  # the h1 a reader sees
    assert data["metadata"]["published"] == "2026-03-02"
    assert "\x1b" not in data["metadata"]["outlet"]
    assert isinstance(data["dropped"], list)
    for item in data["dropped"]:
        assert set(item) == {"text", "reason", "where"}
    assert "\x1b" not in result.stdout


def test_human_dropped_and_inert_text(tmp_path: Path, run_contested: RunContested) -> None:
    _write(tmp_path, "page.html", PAGE)
    result = run_contested("read", "page.html", "--dropped", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "[bold]markup[/bold]" in result.stdout  # text, never Rich markup
    assert "title: Bridge closes for repairs" in result.stdout
    assert "Nothing was left out." in result.stdout or "Left out (" in result.stdout


def test_extract_page_keeps_at_least_the_article(
    tmp_path: Path, run_contested: RunContested
) -> None:
    _write(tmp_path, "page.html", PAGE)
    counts = []
    for mode in ("article", "page"):
        result = run_contested(
            "read", "page.html", "--format", "json", "--extract", mode, cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        counts.append(len(json.loads(result.stdout)["paragraphs"]))
    assert counts[1] >= counts[0] > 0


def test_missing_file(tmp_path: Path, run_contested: RunContested) -> None:
    result = run_contested("read", "nope.html", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.html" in result.stderr
    assert "does not exist" in result.stderr
    assert "hint: check the path" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_not_utf8(tmp_path: Path, run_contested: RunContested) -> None:
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9\n")
    result = run_contested("read", "latin.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "latin.txt" in result.stderr
    assert "not UTF-8" in result.stderr
    assert "iconv" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path, run_contested: RunContested) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_contested("read", "pipe.txt", cwd=tmp_path, timeout=10)
    assert result.returncode == 2
    assert "FIFO" in result.stderr
    assert "Traceback" not in result.stderr


def test_file_is_relative_to_cwd_not_c(tmp_path: Path, run_contested: RunContested) -> None:
    (tmp_path / "elsewhere").mkdir()
    _write(tmp_path, "here.txt", "Here.\n")
    result = run_contested("-C", "elsewhere", "read", "here.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "¶1  Here." in result.stdout
