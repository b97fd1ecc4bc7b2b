"""Hostile and broken input: every one a named problem with file:line:col, never a traceback,
never a hang, never code run, nothing written, no control codes reaching the terminal."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import CASEBOOK as SHARED_CASEBOOK
from conftest import SOURCE, RunCli, RunContested, make_casebook

from claims import CasebookUnreadable, cli, load
from claims.sources import read_document

# the shared clean casebook, with an `include:` for tests that add dispute files
CASEBOOK = SHARED_CASEBOOK.replace("disputes:\n", "include: [disputes/*.yaml]\ndisputes:\n", 1)


def line_col(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert "Error:" not in err.replace("error[", "")  # no bare Python exception names


@pytest.fixture
def casebook(tmp_path: Path) -> Path:
    sources = {"sources/report.txt": SOURCE, "disputes/none.yaml": "disputes: []\n"}
    return make_casebook(tmp_path / "case", CASEBOOK, sources)


def test_the_base_casebook_is_clean(run_cli: RunCli, casebook: Path) -> None:
    code, out, err = run_cli("check", casebook)
    assert code == 0, out + err
    assert "All checks passed" in out


# --- YAML tags: composed, never constructed -------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!custom",
    ],
)
def test_python_tag_in_casebook_yaml_runs_nothing(
    run_cli: RunCli, tmp_path: Path, casebook: Path, tag: str
) -> None:
    marker = tmp_path / "pwned"
    value = f'{tag} ["touch {marker}"]'
    text = CASEBOOK.replace("title: Test casebook", f"title: {value}")
    (casebook / "casebook.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli("check", casebook)
    assert code == 2
    line, column = line_col(text, tag)
    assert f"casebook.yaml:{line}:{column}: error[syntax] YAML tag" in err
    assert "is not allowed" in err
    no_traceback(err)
    assert not marker.exists()
    with pytest.raises(CasebookUnreadable):
        load(casebook)
    assert not marker.exists()


def test_python_tag_in_an_included_file_is_an_error_not_a_crash(
    run_cli: RunCli, tmp_path: Path, casebook: Path
) -> None:
    marker = tmp_path / "pwned"
    text = (
        f'disputes:\n  - id: x\n    question: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    (casebook / "disputes" / "evil.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("check", casebook)
    assert code == 1
    line, column = line_col(text, "!!python")
    assert re.search(rf"evil\.yaml:{line}:{column}: error\[syntax\] YAML tag", out), out
    assert not marker.exists()


# --- aliases: an alias bomb must not hang anything ------------------------------------------

BOMB = """\
title: Test casebook
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
description: *i
"""


def test_alias_bomb_in_casebook_yaml_is_refused_quickly(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "case", BOMB)
    started = time.perf_counter()
    code, _, err = run_cli("check", root)
    elapsed = time.perf_counter() - started
    assert elapsed < 2
    assert code == 2
    line, column = line_col(BOMB, "*a")
    assert (
        f"casebook.yaml:{line}:{column}: error[syntax] YAML aliases (*name) are not allowed" in err
    )
    no_traceback(err)


def test_alias_bomb_in_an_included_file_is_refused_quickly(run_cli: RunCli, casebook: Path) -> None:
    bomb = BOMB.replace("title: Test casebook\n", "disputes: []\n")
    (casebook / "disputes" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    for command in (("check",), ("show",)):
        code, out, err = run_cli(*command, casebook)
        assert code == 1
    assert time.perf_counter() - started < 2
    code, out, err = run_cli("check", casebook)
    line, column = line_col(bomb, "*a")
    assert f"bomb.yaml:{line}:{column}: error[syntax] YAML aliases" in out
    no_traceback(err)


def test_an_asterisk_in_text_is_not_an_alias(run_cli: RunCli, casebook: Path) -> None:
    text = CASEBOOK.replace("claim: At dawn.", 'claim: "At *dawn*, they say"')
    (casebook / "casebook.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", casebook)
    assert code == 0, out + err


# --- YAML that does not parse -----------------------------------------------------------------


def test_syntax_error_in_casebook_yaml_exits_2_with_location(
    run_cli: RunCli, casebook: Path
) -> None:
    text = CASEBOOK.replace("  families: {label: Families}\n", " families: {label: Families}\n")
    (casebook / "casebook.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", casebook)
    assert code == 2
    line, column = line_col(text, " families:")
    assert f"casebook.yaml:{line}:{column + 1}: error[syntax] invalid YAML" in err
    assert out == ""
    no_traceback(err)


def test_syntax_error_in_an_included_file_exits_1_with_location(
    run_cli: RunCli, casebook: Path
) -> None:
    text = "disputes:\n  - id: second\n    question: Why: not\n"
    (casebook / "disputes" / "broken.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", casebook)
    assert code == 1
    line, column = line_col(text, ": not")
    assert re.search(rf"broken\.yaml:{line}:{column}: error\[syntax\] invalid YAML", out), out
    # The rest of the casebook is still checked: its quotes are anchored.
    assert "2/2 quotes anchored" in out
    no_traceback(err)


def test_casebook_yaml_not_utf8_exits_2(run_cli: RunCli, casebook: Path) -> None:
    (casebook / "casebook.yaml").write_bytes(b"title: Caf\xe9\n")
    code, _, err = run_cli("check", casebook)
    assert code == 2
    assert "casebook.yaml:1:1: error[syntax] casebook.yaml is not UTF-8 (byte 0xe9)" in err
    no_traceback(err)


@pytest.mark.parametrize("content", ["", "# only a comment\n", "- a list\n", "just text\n"])
def test_casebook_yaml_that_is_not_a_mapping_exits_2(
    run_cli: RunCli, casebook: Path, content: str
) -> None:
    (casebook / "casebook.yaml").write_text(content, encoding="utf-8")
    code, _, err = run_cli("check", casebook)
    assert code == 2
    assert "error[syntax] casebook.yaml should be a mapping" in err
    no_traceback(err)


@pytest.mark.parametrize("command", ["check", "show"])
def test_missing_casebook_exits_2_without_traceback(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    for missing in (tmp_path / "nowhere", tmp_path / "nowhere.yaml"):
        code, _, err = run_cli(command, missing)
        assert code == 2
        assert f"no casebook at {missing}" in err
        no_traceback(err)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli(command, empty)
    assert code == 2
    assert f"no casebook at {empty / 'casebook.yaml'}" in err
    assert "contested init PATH" in err
    no_traceback(err)


def test_missing_casebook_with_the_installed_command(
    run_contested: RunContested, tmp_path: Path
) -> None:
    result = run_contested("check", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "no casebook at" in result.stderr
    assert "Traceback" not in result.stderr


# --- nothing written ------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.lstat().st_mtime_ns, path.lstat().st_size)
        for path in [root, *sorted(root.rglob("*"))]
    }


def test_check_and_show_write_nothing(run_cli: RunCli, casebook: Path) -> None:
    (casebook / "review.yaml").write_text(
        "raid:\n  positions:\n    Nobody: {rating: supported}\n", encoding="utf-8"
    )
    (casebook / "disputes" / "broken.yaml").write_text("disputes: [\n", encoding="utf-8")
    before = snapshot(casebook)
    for args in (
        ("check",),
        ("check", "--format", "json"),
        ("check", "--format", "github"),
        ("check", "--strict"),
        ("show",),
        ("show", "raid"),
    ):
        code, _, err = run_cli(args[0], casebook, *args[1:])
        assert code == 1, (args, err)
        no_traceback(err)
    assert snapshot(casebook) == before


# --- no markup, no control codes ------------------------------------------------------------

HOSTILE = (
    "Markup [bold red]x[/] and [@click=app.quit]quit[/] here.\n\n"
    "Colour \x1b[31mred\x1b[0m, a title \x1b]0;owned\x07, a CSI \x9b2J and a bell \x07.\n"
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = (
        CASEBOOK.replace("include: [disputes/*.yaml]\n", "")
        .replace("The raid began at dawn.", "'[bold red]x[/] and [@click=app.quit]quit[/]'")
        .replace("Nine people were detained", "'Colour ␛[31mred␛[0m'")
        .replace("holder: Police", 'holder: "[blink]Police \\e[5m"')
    )
    return make_casebook(tmp_path / "hostile", text, {"sources/report.txt": HOSTILE})


def test_controls_are_replaced_when_a_source_is_read(hostile: Path) -> None:
    document = read_document(hostile / "sources" / "report.txt")
    text = "\n".join(p.text for p in document.paragraphs)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert document.paragraphs[1].text == (
        "Colour ␛[31mred␛[0m, a title ␛]0;owned␇, a CSI \ufffd2J and a bell ␇."
    )
    assert document.paragraphs[0].text == "Markup [bold red]x[/] and [@click=app.quit]quit[/] here."


def test_show_prints_markup_literally_and_no_control_codes(run_cli: RunCli, hostile: Path) -> None:
    code, out, err = run_cli("show", hostile, columns=200)
    assert code == 0, err
    assert "\x1b" not in out + err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "[bold red]x[/] and [@click=app.quit]quit[/]" in out
    assert "[blink]Police ␛[5m" in out
    assert "Colour ␛[31mred␛[0m" in out
    assert "␛]0;owned␇" in out


def test_check_messages_print_markup_literally(run_cli: RunCli, hostile: Path) -> None:
    text = (hostile / "casebook.yaml").read_text(encoding="utf-8")
    text = text.replace("side: families", "side: '[bold]fam[/bold]'")
    (hostile / "casebook.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", hostile)
    assert code == 1
    assert "unknown side '[bold]fam[/bold]'" in out
    assert "\x1b" not in out + err


def test_check_on_a_terminal_styles_its_own_text_only(
    hostile: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (hostile / "casebook.yaml").read_text(encoding="utf-8")
    text = text.replace("side: families", 'side: "[bold]fam[/bold] \\e[5m"')
    (hostile / "casebook.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal: Rich draws the lines
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.main(["check", str(hostile)]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" in out  # styled: severity and summary in colour
    assert "[bold]fam[/bold] ␛[5m" in out  # the casebook's text, literally
    assert "\x1b[5m" not in out
