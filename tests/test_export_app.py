"""Exporting from the app: the palette's "Export dispute…" / "Export casebook…" open a
dialog (format, file) that writes with the command line's own code."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static
from tui_support import copy_bundled, settled

from claims.documents import Documents
from claims.export import exporters, select
from claims.loader import load
from tui.app import create_app
from tui.screens.export_path import ExportPath
from tui.screens.main import MainScreen


def expected(root: Path, name: str, *ids: str) -> bytes:
    casebook = load(root / "casebook.yaml").casebook
    return exporters()[name].render(casebook, select(casebook, ids, Documents(casebook)))


async def open_dialog(pilot, words: str) -> ExportPath:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportPath)
    return screen


async def written(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_dispute_writes_the_highlighted_dispute(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        dialog = await open_dialog(pilot, "Export dispute")
        field = dialog.query_one(Input)
        assert field.value == str(root.resolve() / "cause-of-death.html")
        dialog.query_one(Select).value = "md"  # the ending follows the format
        await pilot.pause()
        assert field.value == str(root.resolve() / "cause-of-death.md")
        await written(pilot)
        assert isinstance(app.screen, MainScreen)
        target = root / "cause-of-death.md"
        assert target.read_bytes() == expected(root, "md", "cause-of-death")
        assert any("Exported to" in str(n.message) for n in app._notifications)


async def test_export_casebook_asks_before_replacing_and_says_what_failed(
    tmp_path: Path,
) -> None:
    root = copy_bundled(tmp_path)
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        dialog = await open_dialog(pilot, "Export casebook")
        field = dialog.query_one(Input)
        field.value = str(tmp_path / "missing" / "all.html")
        await written(pilot)
        said = str(dialog.query_one("#export-said", Static).visual)
        assert "cannot write" in said
        assert "No such file or directory" in said
        assert app.screen is dialog  # still open, to fix the path
        target = tmp_path / "all.html"
        target.write_text("keep me")
        field.value = "../all.html"  # relative to the casebook's folder
        await written(pilot)
        assert "exists: enter again to replace it" in str(
            dialog.query_one("#export-said", Static).visual
        )
        assert target.read_text() == "keep me"
        await written(pilot)
        assert isinstance(app.screen, MainScreen)
        assert target.read_bytes() == expected(root, "html")


async def test_the_bundled_example_exports_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        dialog = await open_dialog(pilot, "Export casebook")
        assert dialog.query_one(Input).value == str(tmp_path / "yekaterinburg.html")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert list(tmp_path.iterdir()) == []


async def test_export_to_a_symbolic_link_writes_the_file_it_leads_to(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path)
    (tmp_path / "site").mkdir()
    target = tmp_path / "site" / "report.md"
    target.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        dialog = await open_dialog(pilot, "Export dispute")
        dialog.query_one(Select).value = "md"
        await pilot.pause()
        dialog.query_one(Input).value = str(link)
        await written(pilot)
        if app.screen is dialog:  # the file exists: a second enter replaces it
            await written(pilot)
        assert link.is_symlink()
        assert target.read_bytes() == expected(root, "md", "cause-of-death")


async def test_a_folder_name_with_control_characters_is_not_offered_raw(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path).rename(tmp_path / "case\x1b]0;pwn\x07")
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        dialog = await open_dialog(pilot, "Export casebook")
        field = dialog.query_one(Input)
        assert "\x1b" not in field.value
        assert "\x07" not in field.value
        assert field.value == "casebook.html"  # joined to the casebook's folder on enter
        await written(pilot)
        assert (root / "casebook.html").read_bytes() == expected(root, "html")
