"""Every export cites a PDF's quote by its printed page (issue 17), escaped for its syntax.

The PDF here is drawn by tests/pdf_support.py's `draw` with a page-label prefix that tries
to be markup, a formula and Markdown at once ("=<i>&*"), so its pages are labelled
"=<i>&*7" and "=<i>&*8": a citation reads "p. =<i>&*7 ¶2" and each format must keep it
text. The generated four-page report (tests/pdf_cite_support.py) checks the plain case.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import make_casebook
from export_formats_support import render
from pdf_cite_support import pdf_casebook
from pdf_support import Text, draw

LABEL = "=<i>&*"
HOSTILE_YAML = """\
title: Hostile labels
sides: {a: {label: A}, b: {label: B}}
sources: {r: {file: sources/r.pdf, title: Report}}
disputes:
  - id: d
    question: q
    positions:
      - {side: a, holder: h, claim: c, evidence: [{source: r, quote: A second paragraph}]}
      - {side: b, holder: i, claim: c, evidence: [{source: r, quote: the minister resigned}]}
"""


def hostile_pdf_casebook(tmp_path: Path) -> Path:
    root = make_casebook(tmp_path / "hostile", HOSTILE_YAML)
    (root / "sources").mkdir(exist_ok=True)
    pages = [
        [
            Text(72, 700, "The first page holds one paragraph of a few words."),
            Text(72, 686, "It ends here."),
            Text(72, 640, "A second paragraph on the first page."),
        ],
        [Text(72, 700, "The next page says the minister resigned on Friday.")],
    ]
    draw(root / "sources" / "r.pdf", pages, [(0, "D", 7, LABEL)])
    return root


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_pdf_casebook(tmp_path)


def test_md_cites_the_page_escaped(hostile: Path) -> None:
    text = render(hostile / "casebook.yaml", "md").decode()
    assert "> — *Report*, =\\<i\\>\\&\\*7 ¶2" not in text  # "p. " leads the label
    assert "> — *Report*, p. =\\<i\\>\\&\\*7 ¶2" in text
    assert "> — *Report*, p. =\\<i\\>\\&\\*8 ¶1" in text
    assert "<i>" not in text


def test_html_cites_the_page_escaped_and_rules_the_full_text_by_page(hostile: Path) -> None:
    text = render(hostile / "casebook.yaml", "html").decode()
    assert "<i>" not in text
    assert ">p. =&lt;i&gt;&amp;*7 ¶2</a>" in text
    assert 'aria-label="page =&lt;i&gt;&amp;*7, paragraph 2; paragraph 2 in the full text"' in text
    # the source's full text: a rule where each page begins, paragraphs numbered by page
    assert text.count('<p class="page">') == 2
    assert '<p class="page">p. =&lt;i&gt;&amp;*8</p>' in text
    assert (
        '<p class="page">p. =&lt;i&gt;&amp;*8</p>\n'
        '<p id="s-r-p3"><a class="pn" href="#s-r-p3">¶1</a>The next page'
    ) in text


def test_csv_gives_page_and_page_paragraph_neutralised(hostile: Path) -> None:
    raw = render(hostile / "casebook.yaml", "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert [(r["paragraph"], r["page"], r["page paragraph"]) for r in rows] == [
        ("2", "'" + LABEL + "7", "2"),
        ("3", "'" + LABEL + "8", "1"),
    ]


def test_annotations_name_the_page_in_a_body_and_a_refined_fragment_selector(
    hostile: Path,
) -> None:
    collection = json.loads(render(hostile / "casebook.yaml", "annotations"))
    first, second = collection["first"]["items"]
    assert first["body"][-1] == {
        "type": "TextualBody", "purpose": "describing", "value": f"Cited as: p. {LABEL}7 ¶2",
        "format": "text/plain",
    }  # fmt: skip
    quote, position, page = first["target"]["selector"]
    assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
    assert page == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
        "value": "page=1",
        "refinedBy": {
            "type": "TextQuoteSelector",
            "exact": "A second paragraph",
            "prefix": "",
            "suffix": " on the first page.",
        },
    }
    assert second["target"]["selector"][2]["value"] == "page=2"


def test_qdpx_describes_each_selection_by_its_page(hostile: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(render(hostile / "casebook.yaml", "qdpx"))) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    selections = root.findall(".//q:PlainTextSelection", ns)
    described = [s.findtext("q:Description", namespaces=ns) for s in selections]
    assert described == [f"Cited as p. {LABEL}7 ¶2", f"Cited as p. {LABEL}8 ¶1"]
    assert next(child.tag.split("}")[1] for child in selections[0]) == "Description"


def test_the_report_casebook_exports_its_page_citations(tmp_path: Path) -> None:
    book = pdf_casebook(tmp_path)
    path = book.root / "casebook.yaml"
    md = render(path, "md").decode()
    assert "> — *Interim report*, Joint investigation team, p. 2 ¶3" in md
    assert "> — *Interim report*, Joint investigation team, pp. 1–2 ¶11" in md
    html = render(path, "html").decode()
    link = (
        rf'<a href="#[^"]*-p{book.running}" aria-label="page 2, paragraph 3; '
        rf'paragraph {book.running} in the full text">p\. 2 ¶3</a>'
    )
    assert re.search(link, html)
    assert ">pp. 1–2 ¶11</a>" in html
    assert [line for line in html.splitlines() if line.startswith('<p class="page">')] == [
        '<p class="page">p. i</p>', '<p class="page">p. ii</p>', '<p class="page">p. 1</p>',
        '<p class="page">p. 2</p>',
    ]  # fmt: skip
    # the paragraph over the break is not on one page: no page selector for it
    items: list[dict[str, Any]] = json.loads(render(path, "annotations"))["first"]["items"]
    assert items[0]["target"]["selector"][2]["value"] == f"page={book.on_page.physical}"
    assert len(items[1]["target"]["selector"]) == 2
    assert items[1]["body"][-1]["value"] == "Cited as: pp. 1–2 ¶11"


def test_other_sources_export_as_before(tmp_path: Path) -> None:
    from conftest import CASEBOOK, SOURCE

    root = make_casebook(tmp_path, CASEBOOK, {"sources/report.txt": SOURCE})
    items = json.loads(render(root / "casebook.yaml", "annotations"))["first"]["items"]
    assert all(len(i["target"]["selector"]) == 2 for i in items)
    assert all(b["purpose"] != "describing" for i in items for b in i["body"])
    rows = list(csv.DictReader(io.StringIO(render(root, "csv").decode("utf-8-sig"))))
    assert {(r["page"], r["page paragraph"]) for r in rows} == {("", "")}
    assert '<p class="page">' not in render(root, "html").decode()


def test_pdf_annotations_pass_the_w3c_musts_and_selector_assertions(hostile: Path) -> None:
    w3c = pytest.importorskip("test_export_annotations")
    if not (w3c.W3C / "annotations" / "annotationMusts.test").is_file():
        pytest.skip(f"the W3C web-annotation test schemas are not at {w3c.W3C}")
    registry = w3c._registry()
    fragment = (
        "annotations/specificResource/4.2.1-fragmentSelector.json",
        "annotations/specificResource/4.2.1-conformsTo.json",
        "annotations/specificResource/4.3.3-refinedBy.json",
        "annotations/specificResource/4.3.3-refinedByValidated.json",
        "annotations/specificResource/4.2-selectorValidIfPresent.json",
    )
    checks = [*w3c._musts(), *w3c.SELECTOR_ASSERTIONS, *fragment]
    validators = [(r, w3c._validator(r, registry)) for r in checks]
    items = json.loads(render(hostile / "casebook.yaml", "annotations"))["first"]["items"]
    for annotation in items:
        assert w3c._check(annotation, validators) == []
