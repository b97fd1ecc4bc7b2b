"""`contested export -o PATH` where PATH is a symbolic link, or empty (the tester's item
13): a link is written through, as the shell's `>` does, and stays a link; `-o ''` is
refused, saying so, before anything is read or written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CASEBOOK, SOURCE, RunCli, make_casebook


def small(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "case", CASEBOOK, {"sources/report.txt": SOURCE})


def test_o_on_a_symlink_writes_the_file_it_leads_to(run_cli: RunCli, tmp_path: Path) -> None:
    real = tmp_path / "published" / "report.md"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "report.md"
    link.symlink_to(Path("published") / "report.md")
    code, out, err = run_cli("export", small(tmp_path), "-f", "md", "-o", link)
    assert code == 0, err
    assert out == ""
    assert link.is_symlink()  # still a link, to the same file
    assert os.readlink(link) == str(Path("published") / "report.md")
    assert real.read_text().startswith("# Test casebook\n")  # the target has the export
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["report.md"]  # no temp left
    said = " ".join(err.split())
    assert "written to" in said
    assert "published/report.md" in said
    assert "links to" in said


def test_o_on_a_link_to_a_file_not_there_yet_creates_it(run_cli: RunCli, tmp_path: Path) -> None:
    link = tmp_path / "out.html"
    link.symlink_to(tmp_path / "new.html")
    code, _, err = run_cli("export", small(tmp_path), "-f", "html", "-o", link)
    assert code == 0, err
    assert link.is_symlink()
    assert (tmp_path / "new.html").read_text().startswith("<!DOCTYPE html>")


def test_o_on_a_link_in_a_circle_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    code, _, err = run_cli("export", small(tmp_path), "-f", "md", "-o", tmp_path / "a")
    assert code == 2
    assert "leads round in a circle" in " ".join(err.split())
    assert "Traceback" not in err
    assert (tmp_path / "a").is_symlink()
    assert (tmp_path / "b").is_symlink()


def test_o_empty_is_refused_naming_the_problem(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("export", root, "-f", "html", "-o", "")
    assert code == 2
    assert out == ""
    said = " ".join(err.split())
    assert "-o names an empty path; name a file" in said
    assert "folder" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]  # nothing written
