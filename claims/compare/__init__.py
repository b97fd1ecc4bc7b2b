"""Two pieces of evidence aligned word by word (issue 16): `contested compare`, the app's
aligned view.

An **address** names a piece of evidence: `DISPUTE[:POSITION[:EVIDENCE]]`.

- DISPUTE: a dispute's `id:` (ids never hold `:`).
- POSITION: the position's `id:`, else its holder (exactly, then ignoring case), else
  `#N`, its 1-based number among the dispute's positions: the addressing `add-evidence`
  uses (`claims.casebook.captureplan.find_position`). A holder with a `:` in it is
  written whole (`d:Report: draft:1`); only a last part of digits is taken as EVIDENCE.
- EVIDENCE: the 1-based number of the evidence within the position; default 1.
- A dispute alone stands for its first position that cites evidence.

Each side's **text** is the source's own words where the quote anchors (the anchored span
of the paragraph, found as `check` and `show` find it: `claims.anchoring.anchor` with the
casebook's fuzzy threshold), `Origin.SOURCE`; else the quote as the YAML writes it,
`Origin.QUOTE`.

Public names (all importable from `claims.compare`):

- `comparisons(casebook, first, other=None, *, documents=None, threshold=85.0)
  -> list[Compared]`: what `contested compare FIRST [OTHER]` compares. With OTHER: FIRST
  against OTHER (one). Without: FIRST against the first evidence of every *other*
  position of FIRST's dispute that cites any (N−1 for a dispute alone). Raises
  `CompareError`.
- `compare_picks(casebook, a, b, *, documents=None, threshold=85.0) -> Compared`: two
  `Pick`s aligned (the app, which knows the card, calls this).
- `resolve(casebook, address) -> Pick`; `parse_address(text) -> Address`.
- `quoted(casebook, pick, documents) -> Quoted`: one side's text and metadata.
- `Pick(dispute: Dispute, position: int, evidence: int)`: 0-based indices into
  `dispute.positions` and that position's `evidence`.
- `Address(dispute: str, position: str | None, evidence: int | None)`: as written;
  `evidence` 1-based.
- `Quoted`: one side, fields `dispute` (id), `position` (its `id:`, else its holder),
  `position_number` (1-based), `evidence` (1-based), `holder`, `side` (side id),
  `side_label`, `colour` (the side's), `source` (id), `title` (the source's, with the
  page's own metadata filled in; None when the source is not declared), `citation`
  ("¶24", "p. 23 ¶4"; None when the quote does not anchor), `paragraph` (1-based
  running number or None), `text`, `origin` (`Origin`),
  `quote` (the YAML's quote), `why` (None for `Origin.SOURCE`, else why the text is the
  quote: "it is not found in the source", "it stands in ¶1 and ¶3: add …" (ambiguous,
  in `check`'s words), the source not declared, or the problem reading
  it, as `check` words it), `address` (property: `DISPUTE:POSITION:EVIDENCE`, POSITION
  the id or `#N`, which `resolve` reads back).
- `Compared(alignment: claims.anchoring.variants.Alignment, a: Quoted, b: Quoted)`:
  `alignment.a == a.text`, `alignment.b == b.text`.
- `Origin`: `SOURCE` ("source": the source's words) or `QUOTE` ("quote": the YAML's).
- `CompareError(message, hint)`: an address that names nothing (unknown dispute,
  position or evidence: the message names what exists, "did you mean …", a holder with
  `:` given as a whole address), or a dispute
  with fewer than two positions citing evidence and no OTHER. `contested compare` exits 2.

Rendering for people and JSON: `claims.compare.render` (`render`, `as_json`).
"""

from claims.compare.build import Compared, Origin, Quoted, compare_picks, comparisons, quoted
from claims.compare.pick import Address, CompareError, Pick, parse_address, resolve

__all__ = [
    "Address",
    "CompareError",
    "Compared",
    "Origin",
    "Pick",
    "Quoted",
    "compare_picks",
    "comparisons",
    "parse_address",
    "quoted",
    "resolve",
]
