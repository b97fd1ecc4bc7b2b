"""Fuzzy anchoring at scale: quotes that are not in a big source, or not exactly.

    python -m benchmarks.fuzzy [--runs N] [--quotes N]

Casebooks (generated into `benchmarks/.work/fuzzy/`, seeded, so the same on every run):

- `found`: one 5 MB source (about 10,000 paragraphs) and 500 quotes copied from it
  exactly: **the floor**;
- `missing`: the same source; 500 quotes made by the same generator with another seed, so
  they share the source's vocabulary but stand nowhere in it;
- `retyped`: the same source; the 500 `found` quotes, each with two letters of one word
  swapped and one other word replaced;
- `long-exact`: one source of a single 2 MB paragraph, one 10,000-character quote copied
  from it: the floor of the next;
- `long-retyped`: the same, the quote with two letters swapped every 500 characters.

Each is timed as `contested check DIR` (process start to exit, median of the runs), and the
answers are checked: every `missing` quote `quote-not-found`, every `retyped` quote
anchored fuzzily in the paragraph it was copied from, the long quote anchored.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import generate

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work" / "fuzzy"
CONTESTED = Path(sys.executable).parent / "contested"
VERSION = 2
PARAGRAPHS = 10_500  # about 5 MB of text
MISSING_RATIO = 3.0  # targets: the issue's, as multiples of the `found` floor
RETYPED_RATIO = 5.0
LONG_SECONDS = 1.0  # the long quote's anchoring, over its floor


def _source(rng: random.Random, count: int) -> list[generate.Paragraph]:
    return [generate._paragraph(rng, generate.serial(i)) for i in range(count)]


def _casebook(root: Path, source_text: str, quotes: list[tuple[str, int]]) -> None:
    """A casebook at `root`: one source, a dispute per two quotes (positions on two sides)."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "big.txt").write_text(source_text, "utf-8")
    lines = [
        "title: fuzzy benchmark",
        "sides:",
        "  a: {label: A}",
        "  b: {label: B}",
        "sources:",
        "  big: {file: sources/big.txt}",
        "disputes:",
    ]
    for index in range(0, len(quotes), 2):
        lines += [
            f"  - id: d{index // 2}",
            f"    question: Question {index // 2}?",
            "    positions:",
        ]
        for side, (quote, _) in zip("ab", quotes[index : index + 2], strict=False):
            lines += [
                f"      - side: {side}",
                f"        holder: {side.upper()}",
                "        claim: A claim.",
                "        evidence:",
                "          - source: big",
                f"            quote: {generate.yaml_text(quote)}",
            ]
    (root / "casebook.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    (root / "expected.json").write_text(json.dumps([p for _, p in quotes]), "utf-8")


def _swap(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + "s"
    at = rng.randint(1, len(word) - 3)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _retype(quote: str, rng: random.Random) -> str:
    words = quote.split(" ")
    swap, change = rng.sample(range(len(words)), 2)
    words[swap] = _swap(words[swap], rng)
    words[change] = rng.choice([w for w in generate.WORDS if w != words[change].lower()])
    return " ".join(words)


def ensure(quotes: int = 500) -> Path:
    """Generate the casebooks (once per VERSION and quote count); their parent folder."""
    stamp = WORK / ".generated"
    if stamp.exists() and stamp.read_text() == f"{VERSION} {quotes}":
        return WORK
    rng = random.Random("fuzzy")
    paragraphs = _source(rng, PARAGRAPHS)
    text = "\n\n".join(p.text for p in paragraphs) + "\n"
    picks = rng.sample(range(len(paragraphs)), quotes)
    found = [(generate._quote(rng, paragraphs[i]), i + 1) for i in picks]
    _casebook(WORK / "found", text, found)
    _casebook(WORK / "retyped", text, [(_retype(q, rng), p) for q, p in found])
    other = random.Random("fuzzy-missing")
    strangers = _source(other, quotes)
    for paragraph in strangers:  # serial words of their own, beyond the source's
        paragraph.words[paragraph.serial_at] = generate.serial(
            PARAGRAPHS * 10 + rng.randint(0, 9999)
        )
    missing = [(generate._quote(other, p), 0) for p in strangers]
    assert all(q not in text for q, _ in missing)
    _casebook(WORK / "missing", text, missing)
    long_text = " ".join(p.text for p in _source(random.Random("long"), 4300))
    start = len(long_text) // 2
    quote = long_text[start : start + 10_000].strip()
    quote = quote[quote.index(" ") + 1 : quote.rindex(" ")]
    retyped = (
        "".join(
            _swap(quote[i : i + 500], rng) if i % 500 == 0 and i + 500 < len(quote) else ""
            for i in range(0, len(quote), 500)
        )
        + quote[len(quote) // 500 * 500 :]
    )
    short = quote[: quote.rindex(" ", 0, 200)]  # whole words: a quote never ends mid-word
    _casebook(WORK / "long-exact", long_text, [(quote, 1), (short, 1)])
    _casebook(WORK / "long-retyped", long_text, [(retyped, 1), (short, 1)])
    stamp.write_text(f"{VERSION} {quotes}")
    return WORK


def timed_check(directory: Path, runs: int) -> tuple[float, dict[str, object]]:
    """Median seconds of `contested check --format json DIR`, and its last JSON report."""
    times = []
    report: dict[str, object] = {}
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [str(CONTESTED), "check", "--format", "json", str(directory)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"check crashed on {directory}: {done.stderr[-2000:]}")
        report = json.loads(done.stdout)
    return statistics.median(times), report


def answers(directory: Path, report: dict[str, object]) -> tuple[int, int, int]:
    """(anchored, right, wrong) of the quotes in `directory`'s report.

    A quote is *right* when it is anchored in the paragraph the generator took it from, or
    when it is not found and its closest paragraph is that one (a retyped quote below the
    threshold); in `missing`, when it is not anchored at all. *Wrong* counts quotes
    anchored in any other paragraph: false anchors, which must be 0.
    """
    expected = json.loads((directory / "expected.json").read_text("utf-8"))
    anchors = report["anchors"]
    assert isinstance(anchors, list)
    anchored = right = wrong = 0
    for index, anchor in enumerate(anchors):
        want = expected[index]
        found = anchor["paragraph"]
        anchored += found is not None
        if want == 0:
            right += found is None
            wrong += found is not None
        elif found is not None:
            right += found == want
            wrong += found != want
        else:
            right += anchor.get("closest") == want
    return anchored, right, wrong


def rows(runs: int, quotes: int = 500) -> list[tuple[str, str, str, str, str, str]]:
    """The benchmark's rows: (measure, value, floor, ratio, target, result)."""
    root = ensure(quotes)
    found, found_report = timed_check(root / "found", runs)
    out = []
    anchored, right, wrong = answers(root / "found", found_report)
    count = len(found_report["anchors"])  # type: ignore[arg-type]
    out.append((f"check, {count} quotes found exactly, 5 MB source", f"{found:.2f} s", "—",
                "—", "the floor", f"{right} right, {wrong} wrong"))  # fmt: skip
    for name, target in (("missing", MISSING_RATIO), ("retyped", RETYPED_RATIO)):
        seconds, report = timed_check(root / name, runs)
        anchored, right, wrong = answers(root / name, report)
        total = len(report["anchors"])  # type: ignore[arg-type]
        ratio = seconds / found
        result = "pass" if ratio <= target and right == total and wrong == 0 else "FAIL"
        label = "not found" if name == "missing" else "retyped (a letter swapped, a word changed)"
        what = f"{right}/{total} right, {wrong} wrong"
        if name == "retyped":
            what += f"; {anchored} anchored, {total - anchored} below 90% at the right ¶"
        out.append((f"check, {total} quotes {label}", f"{seconds:.2f} s", f"{found:.2f} s",
                    f"{ratio:.2f}×", f"≤ {target:g}×", f"{result} ({what})"))  # fmt: skip
    floor, _ = timed_check(root / "long-exact", runs)
    seconds, report = timed_check(root / "long-retyped", runs)
    anchored, right, wrong = answers(root / "long-retyped", report)
    extra = seconds - floor
    result = "pass" if extra <= LONG_SECONDS and anchored == right == 2 else "FAIL"
    out.append(("10,000-character retyped quote, 2 MB paragraph", f"{seconds:.2f} s",
                f"{floor:.2f} s", f"+{extra:.2f} s", f"≤ +{LONG_SECONDS:g} s",
                f"{result} ({right}/2 right)"))  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quotes", type=int, default=500)
    options = parser.parse_args(argv)
    print("| measure | value | floor | ratio | target | result |")
    print("|---|---|---|---|---|---|")
    for row in rows(options.runs, options.quotes):
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
