"""`contested export [CASEBOOK] --format F [--dispute ID ...] [-o PATH]`: stdout by default,
`-o` written atomically, honest errors (exit 2, did-you-mean), binary never to a terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import BUNDLED, CASEBOOK, SOURCE, RunCli, make_casebook

from claims.export import Exporter, ExportError, exporters, write


def small(tmp_path: Path) -> Path:
    return make_casebook(tmp_path / "case", CASEBOOK, {"sources/report.txt": SOURCE})


def test_html_to_stdout_by_default(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = run_cli("export", small(tmp_path), "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    root = lxml.html.document_fromstring(out)
    assert [m.text_content() for m in root.xpath("//figure//mark")] == [
        "The raid began at dawn.",
        "Nine people were detained",
    ]
    assert err == ""


def test_o_writes_the_file_atomically_and_keeps_its_mode(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o640)
    code, out, err = run_cli("export", small(tmp_path), "-f", "md", "-o", target)
    assert code == 0, err
    assert out == ""
    assert "written to" in err
    assert target.read_text().startswith("# Test casebook\n")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]  # no temp left
    code, out, _ = run_cli("export", small(tmp_path), "-f", "md", "-o", "-")
    assert out.encode() == target.read_bytes()  # `-o -` is stdout; the same bytes


def test_disputes_named_come_in_casebook_order(run_cli: RunCli) -> None:
    code, out, err = run_cli(
        "export", BUNDLED, "-f", "md", "--dispute", "plane-how-downed", "-d", "cause-of-death"
    )
    assert code == 0, err
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## How did the Safarov brothers die?",
        "## What brought down the AZAL plane?",
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("-f", "htm"), "no export format 'htm'; did you mean html?"),
        (("-f", "pdf"), "no export format 'pdf'; the formats are "),
        (("-f", "html", "-d", "cause-of-deth"), "did you mean 'cause-of-death'?"),
    ],
)
def test_unknown_format_or_dispute_exits_2_with_a_suggestion(
    run_cli: RunCli, args: tuple[str, ...], said: str
) -> None:
    code, out, err = run_cli("export", BUNDLED, *args)
    assert code == 2
    assert out == ""
    assert said in " ".join(err.split())
    assert "Traceback" not in err


def test_missing_format_is_a_usage_error(run_cli: RunCli) -> None:
    code, _, err = run_cli("export", BUNDLED)
    assert code == 2
    assert "--format" in err


def test_a_folder_that_does_not_exist_is_an_honest_error(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = run_cli("export", BUNDLED, "-f", "html", "-o", tmp_path / "nope" / "r.html")
    assert code == 2
    assert "cannot write" in err
    assert "No such file or directory" in err
    assert "Traceback" not in err
    code, _, err = run_cli("export", BUNDLED, "-f", "html", "-o", tmp_path)
    assert code == 2
    assert "it is a folder" in err


def test_binary_formats_are_refused_on_a_terminal(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    binary = Exporter("zipped", ".zip", True, "test", lambda _c, _s: b"PK\x03\x04\x00")
    monkeypatch.setitem(exporters(), "zipped", binary)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, _, err = run_cli("export", small(tmp_path), "-f", "zipped")
    assert code == 2
    assert "binary format and stdout is a terminal" in err
    assert "-o PATH" in err
    target = tmp_path / "x.zip"
    code, _, err = run_cli("export", small(tmp_path), "-f", "zipped", "-o", target)
    assert code == 0, err
    assert target.read_bytes() == b"PK\x03\x04\x00"


def test_a_casebook_with_errors_is_exported_and_exits_1(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(
        tmp_path / "case",
        CASEBOOK.replace("Nine people were detained", "Ninety people were arrested"),
        {"sources/report.txt": SOURCE},
    )
    code, out, err = run_cli("export", root, "-f", "html")
    assert code == 1
    assert "Not found in the source" in out
    assert "`contested check` says what and where" in err


def test_write_leaves_nothing_behind_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.html"
    target.write_bytes(b"before")

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ExportError, match=r"cannot write .*r\.html: No space left on device"):
        write(target, b"after")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
    assert target.read_bytes() == b"before"


def test_help_names_every_format() -> None:
    from claims.cli.export import FORMATS

    assert sorted(FORMATS.split(", ")) == sorted(exporters())
