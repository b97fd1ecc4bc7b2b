"""Helpers for the app's tests: a small casebook on disk, and waiting for the app to settle."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from claims.bundled import bundled_casebook


async def settled(pilot: Pilot[None]) -> None:
    """Wait until loading and checking are done and the screen has caught up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def copy_bundled(tmp_path: Path) -> Path:
    target = tmp_path / "casebook"
    shutil.copytree(bundled_casebook(), target)
    return target


HOSTILE = (
    "Plain opening paragraph.\n\n"
    "Officials said [@click=app.quit]click me[/] and [bold red]shouted[/] \x1b[31mred\x1b[0m "
    "and \x1b]0;pwned\x07 here.\n\n"
    "The report says the minister resigned on Friday.\n"
)


def hostile_casebook(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "doc.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "casebook.yaml").write_text(
        """\
title: "Hostile [b]text[/b]"
sides:
  a: {label: "Side [@click=app.quit]A[/]"}
  b: {label: Side B}
sources:
  doc: {file: sources/doc.txt, title: "Doc [/]"}
disputes:
  - id: markup
    question: "What did they say [/] [@click=app.quit]?"
    positions:
      - side: a
        holder: "Holder [red]x[/red]"
        claim: They said click me.
        evidence:
          - source: doc
            quote: "Officials said [@click=app.quit]click me[/]"
      - side: b
        holder: Other
        claim: The minister resigned.
        evidence:
          - source: doc
            quote: the minister resigned on Friday
""",
        encoding="utf-8",
    )
    return root
