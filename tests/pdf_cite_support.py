"""A casebook citing a generated multi-page PDF (tests/pdf_support.py's report), for the
tests of page citations (tests/test_pdf_cite*.py, tests/test_snapshots_pdf.py).

`pdf_casebook(tmp_path)` writes a four-page report (pages i, ii, 1, 2) and a casebook with
two positions: one quoting the start of "p. 2 ¶3", the other quoting words on both sides
of the page break inside the paragraph that runs from p. 1 onto p. 2. Both quotes are
exact: the casebook checks clean.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pdf_support import Expected, Report, make_report


@dataclass(frozen=True)
class PdfCasebook:
    root: Path
    report: Report
    on_page: Expected  # "p. 2 ¶3"
    across: Expected  # the paragraph running from p. 1 onto p. 2
    page_quote: str  # quoted from `on_page`
    break_quote: str  # quoted from `across`, words on both pages

    @property
    def running(self) -> int:
        """The running (1-based) number of `on_page` among all the report's paragraphs."""
        return self.report.paragraphs.index(self.on_page) + 1

    @property
    def across_running(self) -> int:
        return self.report.paragraphs.index(self.across) + 1


def words_before_break(report: Report, paragraph: Expected) -> int:
    """How many of `paragraph`'s words are printed on the page where it starts (read back
    from that page's text with pdfminer)."""
    from pdfminer.high_level import extract_text

    page = " ".join(extract_text(str(report.path), page_numbers=[paragraph.physical - 1]).split())
    words = paragraph.text.split()
    count = 0
    while count < len(words) and " ".join(words[: count + 1]) in page:
        count += 1
    assert 0 < count < len(words), "the paragraph should run over the page break"
    return count


def break_words(report: Report, paragraph: Expected, each_side: int) -> str:
    """`each_side` words either side of the page break inside `paragraph`."""
    cut = words_before_break(report, paragraph)
    return " ".join(paragraph.text.split()[cut - each_side : cut + each_side])


def unique_break_quote(report: Report, paragraph: Expected) -> str:
    """Words either side of the page break inside `paragraph`, as few as make them stand
    once in the whole report (its sentences repeat: four words a side may stand twice)."""
    whole = "\n".join(p.text for p in report.paragraphs)
    for each_side in range(4, 40):
        quote = break_words(report, paragraph, each_side)
        if whole.count(quote) == 1:
            return quote
    raise AssertionError("no unique quote across the page break")


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


def pdf_casebook(tmp_path: Path, evidence_extra: str = "", more_yaml: str = "") -> PdfCasebook:
    """Write the casebook (see the module) under `tmp_path / "pdfbook"`. `evidence_extra`
    is added (as YAML lines, indented for an evidence item) to the first quote's item;
    `more_yaml` is appended to casebook.yaml."""
    root = tmp_path / "pdfbook"
    (root / "sources").mkdir(parents=True, exist_ok=True)
    report = make_report(root / "sources" / "report.pdf", pages=4)
    on_page = report.on("2", 3)
    across = report.across()
    assert (across.page, across.page_end) == ("1", "2")
    page_quote = " ".join(on_page.text.split()[:9])
    break_quote = unique_break_quote(report, across)
    extra = "".join(f"            {line}\n" for line in evidence_extra.splitlines())
    (root / "casebook.yaml").write_text(
        f"""\
title: Crash findings
sides:
  team: {{label: Investigators}}
  ministry: {{label: Ministry}}
sources:
  report:
    file: sources/report.pdf
    title: Interim report
    outlet: Joint investigation team
    kind: report
disputes:
  - id: findings
    question: What does the interim report find?
    positions:
      - side: team
        holder: Joint investigation team
        claim: The report states its finding.
        evidence:
          - source: report
            quote: {yaml_text(page_quote)}
{extra}      - side: ministry
        holder: Defence ministry
        claim: The report runs on over the page.
        evidence:
          - source: report
            quote: {yaml_text(break_quote)}
{more_yaml}""",
        encoding="utf-8",
    )
    return PdfCasebook(root, report, on_page, across, page_quote, break_quote)
