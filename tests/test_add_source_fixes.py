"""`contested add-source`, faults a tester found: a symlinked casebook.yaml, long and empty
ids, write failures, files already in sources/ or already registered, Unicode file names,
a date-time for --published, and `sources: {}`. Every refusal is one line, exit 2,
nothing written."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import RunCli, make_casebook

from claims.casebook.append import slug, with_source
from claims.loader import load

CASEBOOK = """title: Bridge   # keep
sources:
  bulletin:
    file: sources/bulletin.txt
"""

PAGE = """<!doctype html><html><head><title>Bridge closed</title></head><body><article>
<h1>Bridge closed</h1><p>The council closed the bridge on Monday for repairs.</p>
</article></body></html>
"""


def _casebook(tmp_path: Path, text: str = CASEBOOK) -> Path:
    root = make_casebook(
        tmp_path / "cb", text, {"sources/bulletin.txt": "The bridge closed on Monday.\n"}
    )
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _refused(result: tuple[int, str, str], words: str, root: Path | None = None) -> None:
    code, out, err = result
    words = words.format(root=root)
    assert code == 2, err
    assert out == ""
    assert words in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


# -- 3. a symlinked casebook.yaml ---------------------------------------------------------------


def test_a_symlinked_casebook_yaml_stays_a_link_and_its_file_gets_the_source(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    (root / "conf").mkdir()
    (root / "casebook.yaml").rename(root / "conf" / "real.yaml")
    (root / "casebook.yaml").symlink_to("conf/real.yaml")
    monkeypatch.chdir(root)
    code, out, err = run_cli("add-source", "../page.html")
    assert code == 0, err
    assert out == "page\n"
    assert (root / "casebook.yaml").is_symlink()
    assert os.readlink(root / "casebook.yaml") == "conf/real.yaml"
    real = (root / "conf" / "real.yaml").read_text(encoding="utf-8")
    assert real.startswith(CASEBOOK)
    assert "  page:\n    file: sources/page.html\n" in real
    assert "page" in load(root).casebook.sources


def test_a_hard_linked_casebook_yaml_is_written_atomically_and_stderr_says_so(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    os.link(root / "casebook.yaml", tmp_path / "other-name.yaml")
    monkeypatch.chdir(root)
    code, _, err = run_cli("add-source", "../page.html")
    assert code == 0, err
    assert "had 1 other hard link(s); it is written as a new file" in err
    assert (tmp_path / "other-name.yaml").read_text(encoding="utf-8") == CASEBOOK


def test_a_link_leading_out_of_the_casebook_is_refused(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    (root / "casebook.yaml").rename(outside)
    (root / "casebook.yaml").symlink_to(outside)
    monkeypatch.chdir(root)
    _refused(run_cli("add-source", "../page.html"), "outside the casebook")
    assert outside.read_text(encoding="utf-8") == CASEBOOK
    assert not (root / "sources" / "page.html").exists()


# -- 4. id length; 9. an empty --id -------------------------------------------------------------


@pytest.mark.parametrize("length", [101, 200, 300])
def test_a_long_id_is_refused_naming_the_limit(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    root = _casebook(tmp_path)
    before = _files(root)
    monkeypatch.chdir(root)
    _refused(
        run_cli("add-source", "../page.html", "--id", "a" * length),
        f"--id is {length} characters long; an id is at most 100 characters",
    )
    assert _files(root) == before


def test_an_id_of_100_characters_is_taken_and_check_accepts_it(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    monkeypatch.chdir(root)
    code, _, err = run_cli("add-source", "../page.html", "--id", "b" * 100)
    assert code == 0, err
    assert (root / "sources" / ("b" * 100 + ".html")).exists()
    assert load(root).casebook.sources["b" * 100].file == f"sources/{'b' * 100}.html"


def test_an_empty_id_is_refused(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    before = _files(root)
    monkeypatch.chdir(root)
    _refused(run_cli("add-source", "../page.html", "--id", ""), "--id is empty")
    assert _files(root) == before


# -- 5. write failures --------------------------------------------------------------------------


def _erofs(*_: object, **__: object) -> None:
    raise OSError(errno.EROFS, "Read-only file system")


def test_a_read_only_sources_folder_is_one_line_and_nothing_is_written(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    before = _files(root)
    monkeypatch.chdir(root)
    real = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir"))).name == "sources":
            _erofs()
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    _refused(
        run_cli("add-source", "../page.html"),
        "cannot write in {root}/sources: read-only file system",
        root,
    )
    assert _files(root) == before


def test_a_read_only_casebook_yaml_is_one_line_and_the_copy_is_taken_back(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    before = _files(root)
    monkeypatch.chdir(root)
    monkeypatch.setattr(os, "replace", _erofs)
    _refused(
        run_cli("add-source", "../page.html"),
        "cannot write {root}/casebook.yaml: read-only file system",
        root,
    )
    assert _files(root) == before  # no copy in sources/, no temporary file


# -- 8. a file already in sources/, a file already registered ----------------------------------


def test_a_file_in_sources_is_registered_where_it_is(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    (root / "sources" / "dropped-in.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(root)
    code, out, err = run_cli("add-source", "sources/dropped-in.html")
    assert code == 0, err
    assert out == "dropped-in\n"
    assert sorted(p.name for p in (root / "sources").iterdir()) == [
        "bulletin.txt",
        "dropped-in.html",
    ]  # no second copy
    assert load(root).casebook.sources["dropped-in"].file == "sources/dropped-in.html"
    # once registered, adding it again (under any id) is refused, naming its id
    before = _files(root)
    _refused(
        run_cli("add-source", "sources/dropped-in.html", "--id", "again"),
        "registered already, as source 'dropped-in'",
    )
    assert _files(root) == before


def test_a_registered_file_is_refused_naming_its_id(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    before = _files(root)
    monkeypatch.chdir(root / "sources")
    _refused(
        run_cli("add-source", "bulletin.txt", "--id", "pbs2"),
        "registered already, as source 'bulletin'",
    )
    assert _files(root) == before


# -- 9. Unicode names, --published with a time, `sources: {}` -----------------------------------


def test_unicode_file_names_are_transliterated() -> None:
    assert slug("Ünïcödé Straße.HTML") == "unicode-strasse"
    assert slug("my page é 日本.html") == "my-page-e"
    assert slug("Æsop’s Œuvre.txt") == "aesop-s-oeuvre"


def test_a_name_with_nothing_left_gets_source_then_a_number(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    (tmp_path / "日本.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "中文.html").write_text(PAGE.replace("Monday", "Tuesday"), encoding="utf-8")
    (tmp_path / "Ünïcödé Straße.HTML").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(root)
    assert run_cli("add-source", "../日本.html")[1] == "source\n"
    assert run_cli("add-source", "../中文.html")[1] == "source-2\n"
    assert run_cli("add-source", "../Ünïcödé Straße.HTML")[1] == "unicode-strasse\n"
    files = {s.id: s.file for s in load(root).casebook.sources.values()}
    assert files["unicode-strasse"] == "sources/unicode-strasse.html"
    assert files["source-2"] == "sources/source-2.html"


def test_published_with_a_time_says_only_the_date_is_kept(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path)
    monkeypatch.chdir(root)
    code, _, err = run_cli("add-source", "../page.html", "--published", "2019-11-19T10:00:00Z")
    assert code == 0, err
    assert "--published keeps only the date, 2019-11-19; the time 10:00:00Z is left out" in err
    assert "published: 2019-11-19\n" in (root / "casebook.yaml").read_text(encoding="utf-8")
    _, _, plain = run_cli("add-source", "../page.html", "--id", "p2", "--published", "2019-11-19")
    assert "left out" not in plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: T\nsources: {}\n", "title: T\nsources:\n  new:\n    file: x.txt\n"),
        (
            "title: T\nsources: { }   # none yet\r\ndisputes: []\r\n",
            "title: T\nsources:    # none yet\r\n  new:\r\n    file: x.txt\r\ndisputes: []\r\n",
        ),
        (
            "book:\n  x: 1\nsources: {}\n# end\n",
            "book:\n  x: 1\nsources:\n  new:\n    file: x.txt\n# end\n",
        ),
        ("title: T\nsources: {}", "title: T\nsources:\n  new:\n    file: x.txt\n"),
    ],
)
def test_an_empty_flow_sources_gets_a_block_entry_every_other_byte_kept(
    text: str, expected: str
) -> None:
    new = with_source(text, Path("c.yaml"), "new", {"file": "x.txt"})
    assert new == expected
    assert yaml.safe_load(new)["sources"] == {"new": {"file": "x.txt"}}


def test_sources_flow_style_on_the_command_line(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _casebook(tmp_path, "title: T\nsources: {}\n")
    monkeypatch.chdir(root)
    code, _, err = run_cli("add-source", "../page.html")
    assert code == 0, err
    assert (root / "casebook.yaml").read_text(encoding="utf-8") == (
        "title: T\nsources:\n  page:\n    file: sources/page.html\n    title: Bridge closed\n"
    )
    # a flow mapping with entries still cannot be extended without rewriting it
    flow = "title: T\nsources: {a: {file: sources/bulletin.txt}}\n"
    (root / "casebook.yaml").write_text(flow, encoding="utf-8")
    _refused(run_cli("add-source", "../page.html", "--id", "other"), "flow style")
    assert (root / "casebook.yaml").read_text(encoding="utf-8") == flow
