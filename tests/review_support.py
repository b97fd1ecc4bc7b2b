"""A casebook for review tests: one dispute whose positions are keyed by holders that are
YAML traps (`no`, `on`, `1:20`, `#x`, `- a`, quotes, Unicode), one keyed by an id, and a
second dispute with plain positions for concurrent writers."""

from __future__ import annotations

from pathlib import Path

from claims.review.render import quote

#: Holders of positions without an `id:`: each is the key of its review.
HOLDERS = (
    "no", "on", "yes", "off", "~", "null", "1:20", "0x1F", "1e3", "#x", "- a", "a: b",
    "[x]", "{y}", "*star", "&anchor", "!tag", "%pct", "@at", "`tick", "|pipe", ">gt", "?q",
    'say "hi"', "it's", "back\\slash", "trailing ", " leading", "Ünïcödé ✓ 中文 😀",
    "ltr\u200fmark", "nbsp\u00a0here", "rating", "status",
)  # fmt: skip
WRITERS = ("w1", "w2", "w3", "w4", "w5", "w6")


def review_casebook(root: Path, ratings: str = "") -> Path:
    """Write the casebook at `root` (made if needed) and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "s.txt").write_text("Words of the source.\n", encoding="utf-8")
    lines = [
        "title: Review test",
        "sides:",
        "  a: {label: A}",
        "  b: {label: B}",
        "sources:",
        "  s: {file: sources/s.txt}",
        ratings,
        "disputes:",
        "  - id: traps",
        "    question: Which keys survive?",
        "    positions:",
        "      - {side: a, holder: Someone, id: with-id, claim: x}",
    ]
    lines += [f"      - {{side: b, holder: {quote(h)}, claim: x}}" for h in HOLDERS]
    lines += ["  - id: busy", "    question: Who writes?", "    positions:"]
    lines += [f"      - {{side: a, holder: H {w}, id: {w}, claim: x}}" for w in WRITERS]
    (root / "casebook.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
