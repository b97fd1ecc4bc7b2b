"""Coverage in the HTML export (issue 14): a table of disputes × sources, each cell the
sides whose positions cite that source in that dispute (as `contested framing --format
json` gives them), linked to the quote, and an explicit "—" where a source says nothing;
read back in headless Chromium (`--dump-dom`, and a `--screenshot` looked at by hand),
every casebook string inert."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
from conftest import BUNDLED, RunCli
from export_support import SCRIPT, hostile
from test_export_html import CHROMIUM, assert_inert, browser, html_of, needs_chromium, rendered

from claims.export._htmlcoverage import MATRIX_CELLS, section
from claims.export._htmlsection import Section
from claims.export.html import esc
from claims.loader import load


def table_of(root: Any) -> tuple[list[str], dict[tuple[str, str], Any]]:
    """(the sources' ids in column order, (dispute id, source id) -> the cell's <td>)."""
    (table,) = root.xpath("//section[@id='coverage']//table[@class='coverage']")
    sources = [th.get("data-source") for th in table.xpath("./thead/tr/th[@data-source]")]
    cells = {}
    for row in table.xpath("./tbody/tr"):
        for source, td in zip(sources, row.xpath("./td"), strict=True):
            cells[(row.get("data-dispute"), source)] = td
    return sources, cells


@needs_chromium
def test_in_chromium_the_table_is_the_json_coverage_with_gaps_explicit(
    tmp_path: Path, run_cli: RunCli
) -> None:
    _, out, _ = run_cli("framing", BUNDLED, "--format", "json")
    expected = {(c["dispute"], c["source"]): c["sides"] for c in json.loads(out)["coverage"]}
    root = rendered(html_of(BUNDLED), tmp_path)
    assert_inert(root)
    sources, cells = table_of(root)
    assert sources == ["pushes-back", "tortured-in-baku"]
    assert set(cells) == set(expected)  # every dispute × every source: 26 × 2
    ids = set(root.xpath("//@id"))
    labels = {"ru-official": "Russian authorities", "az-official": "Azerbaijani authorities"}
    gaps = 0
    for key, td in cells.items():
        sides = expected[key]
        marks = td.xpath(".//span[@class='cov-side']")
        assert [m.get("data-side") for m in marks] == sides, key
        if not sides:
            gaps += 1
            assert td.get("class") == "gap"
            assert td.text_content() == "— not cited"
            continue
        for mark in marks:
            side = mark.get("data-side")
            if side in labels:
                assert mark.text_content() == labels[side]
            (link,) = mark.xpath("./ancestor::a")
            target = link.get("href")[1:]
            assert target in ids  # the first quote of that side from that source
            (figure,) = root.xpath(f"//figure[@id='{target}']")
            dispute = figure.xpath("./ancestor::section[@class='dispute']/h2")[0].get("id")
            (row,) = td.xpath("./ancestor::tr/th/a")
            assert row.get("href") == f"#{dispute}"
    assert gaps == sum(not s for s in expected.values()) > 0
    assert root.xpath("//nav//a[@href='#coverage']")
    assert expected[("cause-of-death", "tortured-in-baku")] == ["ru-official", "az-official"]


@needs_chromium
def test_in_chromium_hostile_names_in_the_table_are_text(tmp_path: Path) -> None:
    root = rendered(html_of(hostile(tmp_path / "h")), tmp_path)
    assert_inert(root)
    sources, cells = table_of(root)
    assert sources == ['s" onload="x', "w"]
    (header,) = root.xpath("//table[@class='coverage']/thead/tr/th[@data-source='w']")
    assert header.text_content() == "Web source"
    (first,) = root.xpath("//table[@class='coverage']/thead/tr/th[2]")
    assert first.text_content() == f"</title>{SCRIPT}<title>"
    (row,) = root.xpath("//table[@class='coverage']/tbody/tr")
    assert row.xpath("./th")[0].text_content() == f"{SCRIPT} </style> # q"
    td = next(iter(cells.values()))
    assert td.xpath(".//span[@data-side='a']")[0].text_content() == SCRIPT


def test_a_casebook_too_big_for_a_table_lists_who_speaks() -> None:
    casebook = load(BUNDLED).casebook
    disputes = list(casebook.disputes)
    many = disputes * (MATRIX_CELLS // (len(disputes) * len(casebook.sources)) + 1)
    report = Section(casebook, many, [], esc, lambda s: None, lambda d: "d", lambda r: "q",
                     lambda c: True)  # fmt: skip
    text = section(report)
    root = lxml.html.fragment_fromstring(text)
    assert not root.xpath(".//table")
    assert "too many cells for a table" in root.text_content()
    assert len(root.xpath(".//dt")) == len(many)


@needs_chromium
def test_screenshot_of_the_coverage_table(tmp_path: Path) -> None:
    """The table renders to a picture (looked at by hand, see the report of issue 14)."""
    assert CHROMIUM is not None
    data = html_of(BUNDLED).decode("utf-8")
    head = data[: data.index("<body>") + len("<body>")]
    start = data.index('<section id="coverage"')
    page = tmp_path / "coverage.html"
    page.write_text(head + data[start : data.index("</section>", start)] + "</section>")
    shot = tmp_path / "coverage.png"
    browser(page, tmp_path, "--window-size=1280,1400", f"--screenshot={shot}")
    picture = shot.read_bytes()
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(picture) > 50_000  # text and colour, not a blank page
