"""Variant alignment (issue 16): two 5,000-word texts aligned word by word, against the
bare LCS (Indel) alignment of their words.

    python -m benchmarks.compare [--runs 11] [--words 5000]

Texts (seeded, the same on every run), words from `benchmarks.generate.WORDS` in
sentences with commas and full stops:

- `different`: two texts drawn independently (the worst realistic case: most of the
  alignment is blocks of unlike words, each paired inside);
- `near-identical`: the second is the first with one word in 20 respelt (a letter doubled
  or dropped: a variant), one in 50 replaced, one in 100 dropped, one in 100 added, and
  its straight quotes and hyphens typed curly and as dashes (equal by rule 2).

Measured: `claims.anchoring.variants.align_variants(a, b)` (normalise, tokenise, outer
opcodes, inner pairing, rows), median of the runs, after one call that builds rule 2's
character tables (once per process, ~45 ms, which any anchoring pays first too). The
floor, in the same run: rapidfuzz `Indel.opcodes` (the alignment it starts from) on the
two texts' token lists already split (what any word alignment must do at least).
Target: under 50 ms (issue 16). The answers are checked: `near-identical` must find the
respellings as variants and the quote marks and dashes as the same words.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from benchmarks.harness import Row, Series

TARGET_MS = 50.0
WORDS = 5000


def _text(rng: random.Random, count: int) -> list[str]:
    """`count` words in sentences: capitals after full stops, a comma now and then, and
    now and then a "quoted" or hyphen-joined pair (which the near-identical text retypes)."""
    from benchmarks.generate import WORDS as VOCABULARY

    out: list[str] = []
    start = True
    while len(out) < count:
        word = rng.choice(VOCABULARY)
        if start:
            word = word.capitalize()
        roll = rng.random()
        if roll < 0.03:
            word = f'"{word}"'
        elif roll < 0.05:
            word = f"{word}-{rng.choice(VOCABULARY)}"
        start = roll > 0.93
        out.append(word + ("." if start else "," if roll > 0.88 else ""))
    return out


def _respelt(word: str, rng: random.Random) -> str:
    """A spelling variant: one letter of a long enough word doubled or dropped."""
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 7:
        return word + word[-1] if word[-1].isalpha() else word
    at = rng.choice(letters[1:-1])
    return word[:at] + (word[at] * 2 if rng.random() < 0.5 else "") + word[at + 1 :]


def texts(words: int = WORDS, seed: int = 16) -> dict[str, tuple[str, str]]:
    """The two cases, by name: (a, b)."""
    rng = random.Random(seed)
    a = _text(rng, words)
    different = _text(rng, words)
    near: list[str] = []
    for index, word in enumerate(a):
        if index % 100 == 37:
            continue  # dropped
        if index % 100 == 71:
            near.append(rng.choice(a))  # added
        if index % 20 == 3:
            word = _respelt(word, rng)
        elif index % 50 == 11:
            word = rng.choice(different)
        near.append(word.replace('"', "\u201c", 1).replace('"', "\u201d").replace("-", "\u2014"))
    return {
        "different": (" ".join(a), " ".join(different)),
        "near-identical": (" ".join(a), " ".join(near)),
    }


def measure(a: str, b: str, runs: int) -> tuple[Series, Series, dict[str, int]]:
    """(align_variants, floor: Indel.opcodes on split tokens, the counts)."""
    from rapidfuzz.distance import Indel

    from claims.anchoring.align import tokens
    from claims.anchoring.normalize import normalize
    from claims.anchoring.variants import align_variants

    align_variants(a, b)  # rule 2's tables, built once per process
    split_a = [t.text for t in tokens(normalize(a).text)]
    split_b = [t.text for t in tokens(normalize(b).text)]
    value, floor = Series(), Series()
    counts: dict[str, int] = {}
    for _ in range(runs):
        started = time.perf_counter()
        alignment = align_variants(a, b)
        value.times.append(time.perf_counter() - started)
        started = time.perf_counter()
        Indel.opcodes(split_a, split_b)
        floor.times.append(time.perf_counter() - started)
        counts = {str(kind): n for kind, n in alignment.counts().items()}
    return value, floor, counts


def rows(runs: int, words: int = WORDS) -> list[Row]:
    """The table's rows: one per case."""
    from benchmarks.report import absolute_row

    out = []
    for name, (a, b) in texts(words).items():
        value, floor, counts = measure(a, b, runs)
        row = absolute_row(
            f"compare: align two {words:,}-word texts, {name}", value, floor, TARGET_MS
        )
        wrong = _wrong(name, counts, words)
        if wrong:
            row.value += f" ({wrong})"
            row.result = "error"
        out.append(row)
    return out


def _wrong(name: str, counts: dict[str, int], words: int) -> str | None:
    """What is wrong with the answer, or None."""
    if name != "near-identical":
        return None
    if counts["variant"] < words // 40:  # 1 in 20 respelt; short words may not reach 85 %
        return f"only {counts['variant']} variants found"
    if counts["same"] < words * 8 // 10:
        return f"only {counts['same']} words the same"
    return None


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--words", type=int, default=WORDS)
    options = parser.parse_args(argv)
    print(render(rows(options.runs, options.words)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
