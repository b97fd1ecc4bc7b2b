"""Casebooks for the export tests (`tests/test_export_*.py`): a clean one and a hostile one
whose every string tries to become markup, script, a link or a heading. A helper module,
imported by name as `tests/hostile_support.py` is."""

from __future__ import annotations

from pathlib import Path

from conftest import make_casebook

from claims.documents import Documents
from claims.export import Selection, select
from claims.loader import load
from claims.model import Casebook

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onload="x'
#: The hostile dispute's id, and its source's.
DISPUTE_ID = 'd1"><script>alert(3)</script>'
SOURCE_ID = 's" onload="x'
#: Text in the source (a .txt: plain text) that the hostile quotes are taken from.
HOSTILE_TEXT = (
    "Intro paragraph with nothing to see.\n\n"
    f"The officer said {SCRIPT} and then </style><b>bold</b> {ATTR} happened at dawn.\n\n"
    "# not a heading, *not emphasis*, [a](javascript:alert(1)) and <img src=x onerror=alert(1)>\n\n"
    "1. not a list item but a sentence about the 😀 emoji and more words here.\n"
)
HOSTILE = f"""\
title: '{SCRIPT} {ATTR} </style> *x* [a](javascript:alert(1))'
description: '# heading? {SCRIPT}'
language: 'en" onload="x'
sides:
  a: {{label: '{SCRIPT}', colour: '#ff0000'}}
  b: {{label: '*x*'}}
sources:
  's" onload="x':
    file: sources/s.txt
    title: '</title>{SCRIPT}<title>'
    outlet: '{ATTR}'
    url: 'javascript:alert(1)'
    language: '"><script>alert(2)</script>'
  w:
    file: sources/w.txt
    title: Web source
    url: 'https://example.org/a?b=1&c="2"'
disputes:
  - id: 'd1"><script>alert(3)</script>'
    question: '{SCRIPT} </style> # q'
    description: '[a](javascript:alert(1))'
    positions:
      - side: a
        holder: '{SCRIPT}'
        claim: '{ATTR}'
        evidence:
          - source: 's" onload="x'
            quote: 'said {SCRIPT} and then </style><b>bold</b> {ATTR} happened'
            note: '<img src=x onerror=alert(1)>'
      - side: b
        holder: '*x*'
        claim: '[a](javascript:alert(1))'
        evidence:
          - source: 's" onload="x'
            quote: '# not a heading, *not emphasis*, [a](javascript:alert(1))'
          - source: 's" onload="x'
            quote: '1. not a list item but a sentence about the 😀 emoji'
      - side: b
        holder: '# hash holder'
        claim: '- dash claim'
        evidence:
          - {{source: w, quote: The web says so plainly.}}
          - {{source: 's" onload="x', quote: this quote is nowhere in the text at all}}
"""
REVIEW = f"""\
'd1"><script>alert(3)</script>':
  status: reviewed
  positions:
    '{SCRIPT}': {{rating: unsupported, note: '<img src=x onerror=alert(1)> {ATTR}', by: '{SCRIPT}'}}
    '*x*': {{rating: supported, note: '[a](javascript:alert(1))'}}
"""


def hostile(root: Path) -> Path:
    """The hostile casebook at `root` (returned)."""
    return make_casebook(
        root,
        HOSTILE,
        {"sources/s.txt": HOSTILE_TEXT, "sources/w.txt": "The web says so plainly.\n"},
        {"review.yaml": REVIEW},
    )


def selection(root: Path, *ids: str) -> tuple[Casebook, Selection]:
    """(casebook, selection of `ids` or every dispute) of the casebook at `root`."""
    casebook = load(root / "casebook.yaml").casebook
    return casebook, select(casebook, ids, Documents(casebook))
