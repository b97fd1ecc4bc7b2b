"""`kind: variants` on a dispute: read, validated with its line, and used by the bundled
casebook's renderings of one statement."""

from __future__ import annotations

from pathlib import Path

from claims.bundled import bundled_casebook
from claims.loader import load

CASEBOOK = """\
title: Kinds
sides:
  a: {label: A}
  b: {label: B}
sources:
  s: {file: s.txt}
disputes:
  - id: one
    question: Which words?
    kind: {kind}
    positions:
      - side: a
        holder: First
        claim: Harsh.
        evidence: [{source: s, quote: more harshly}]
      - side: b
        holder: Second
        claim: Severe.
        evidence: [{source: s, quote: more severe}]
"""


def _write(tmp_path: Path, kind: str) -> Path:
    (tmp_path / "s.txt").write_text("Only more harshly.\n\nOnly more severe.\n", encoding="utf-8")
    path = tmp_path / "casebook.yaml"
    path.write_text(CASEBOOK.replace("{kind}", kind), encoding="utf-8")
    return path


def test_variants_is_read(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "variants"))
    dispute = loaded.casebook.disputes[0]
    assert dispute.kind == "variants"
    assert dispute.variants
    assert not [p for p in loaded.problems if p.severity == "error"]


def test_another_kind_is_an_error_at_its_line(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "variant"))
    [problem] = [p for p in loaded.problems if "kind" in p.message]
    assert problem.loc.line == 10
    assert "variants" in problem.message
    assert "did you mean" in problem.message
    assert loaded.casebook.disputes[0].kind is None


def test_bundled_renderings_are_variants() -> None:
    casebook = load(bundled_casebook()).casebook
    variants = {d.id for d in casebook.disputes if d.variants}
    assert variants == {"aztv-1937-wording", "aztv-superior-race", "brothers-names"}
