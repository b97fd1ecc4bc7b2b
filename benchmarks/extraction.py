"""Article extraction measured on the public benchmark's 181 pages (issue 11).

    python -m benchmarks.extraction [--pages DIR] [--write]

Scores, on `../shared/pages/extraction-benchmark/` (scrapinghub/article-extraction-benchmark:
`html/<sha256>.html.gz` and `ground-truth.json`), three readings of each page in one run:

- article: `contested`'s article reading (claims.sources.article), paragraphs joined by
  new lines;
- trafilatura: the extractor alone, with the options the article reading gives it;
- page: the whole-page reading (`extract: page`).

Precision, recall and F1 are the benchmark's own (its `evaluate.py`): tokens are `\\w+`
matches, shingles are 4 consecutive tokens counted as a multiset; per page TP, FP and FN are
normalised by their sum; precision is the mean over pages with TP+FP > 0 of TP/(TP+FP)
(1 when FP = FN = 0), recall likewise with FN, F1 = 2PR/(P+R) of those means.

"Pages losing a paragraph": pages where some ground-truth line of at least `LOST_WORDS`
words has fewer than half of its shingles in the reading's text.

Also prints, for the 13 `../shared/pages/real-*` pages, the paragraph count per page in
page mode and in article mode. Skips (exit status 0, saying so) when the pages are absent.
`--write` puts the tables into benchmarks/RESULTS.md under "Article extraction".
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from claims.sources import article, html

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
PAGES = HERE.parent.parent / "shared" / "pages"
LOST_WORDS = 10
HEADING = "## Article extraction"
_TOKEN = re.compile(r"\w+")

#: The published figures (F1, precision, recall), from ../shared/pages/README.md.
PUBLISHED = {
    "trafilatura 2.0.0": (0.958, 0.938, 0.978),
    "rs_trafilatura": (0.970, 0.951, 0.990),
    "Readability.js": (0.947, 0.914, 0.982),
    "readability-lxml": (0.922, 0.913, 0.931),
    "jusText": (0.804, 0.858, 0.756),
    "html-text (whole page)": (0.665, 0.500, 0.994),
}

Triple = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The benchmark's shingles of `text`: tuples of n consecutive `\\w+` tokens (one
    shorter tuple for a text under n tokens, none for an empty one)."""
    tokens = _TOKEN.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def matching(true: str, pred: str) -> Triple:
    """(TP, FP, FN) over shingles, normalised by their sum (the benchmark's
    `string_shingle_matching`)."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        a, b = t.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def scores(triples: list[Triple]) -> Triple:
    """(F1, precision, recall) as the benchmark's `metrics_from_tp_fp_fns`."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [precision(*x) for x in triples if x[0] + x[1] > 0]
    rs = [recall(*x) for x in triples if x[0] + x[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def lost(true: str, pred: str) -> list[str]:
    """Ground-truth lines of at least LOST_WORDS words with under half their shingles in
    `pred`."""
    have = shingles(pred)
    lines = []
    for line in true.splitlines():
        own = shingles(line)
        if sum(own.values()) + 3 < LOST_WORDS:
            continue
        found = sum(min(c, have.get(k, 0)) for k, c in own.items())
        if found * 2 < sum(own.values()):
            lines.append(line)
    return lines


def readings(page: str) -> dict[str, str]:
    """The readings of one page, as plain text: the three scored ones, and "body" (the
    article reading without the blocks before its body: headline, standfirst, byline,
    date; a diagnostic, as the ground truth leaves those out)."""
    blocks = html.detailed(page)
    extracted = article.extractor_text(page)
    chosen = article.choose(blocks, extracted, article.og_title(page)) if blocks else None
    ours = "\n".join(b.text for b in chosen.blocks) if chosen else ""
    body = "\n".join(b.text for b in chosen.blocks[chosen.head :]) if chosen else ""
    whole = "\n".join(text for text, _ in html.blocks(page))
    return {"article": ours, "trafilatura": extracted, "page": whole, "body": body}


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def bench(
    folder: Path, say: Callable[[str], None], details: bool = False
) -> tuple[dict[str, Triple], dict[str, int]]:
    """Scores per reading over the benchmark's pages, and pages losing a paragraph. With
    `details`, says (through `say`) each page the article reading loses a paragraph of,
    and the lines lost."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    triples: dict[str, list[Triple]] = {}
    losing: dict[str, int] = Counter()
    for n, (key, item) in enumerate(sorted(truth.items()), 1):
        page = _decode(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()))
        body = item.get("articleBody", "")
        for name, text in readings(page).items():
            triples.setdefault(name, []).append(matching(body, text))
            missing = lost(body, text)
            losing[name] += bool(missing)
            if details and name == "article" and missing:
                say(f"{key[:12]} {item.get('url', '')}")
                say("\n".join(f"    lost: {line[:150]}" for line in missing))
        if n % 30 == 0:
            say(f"  {n} pages")
    return {name: scores(t) for name, t in triples.items()}, dict(losing)


def real_pages(pages: Path) -> list[tuple[str, int, int]]:
    """(page, paragraphs in page mode, paragraphs in article mode) for real-* pages."""
    rows = []
    for path in sorted(pages.glob("real-*/*.html")):
        text = _decode(path.read_bytes())
        whole = len(html.blocks(text))
        found = article.article(text)
        rows.append((f"{path.parent.name}/{path.name}", whole, len(found.blocks)))
    return rows


def render(
    results: dict[str, Triple],
    losing: dict[str, int],
    real: list[tuple[str, int, int]],
    seconds: float,
) -> str:
    version = metadata.version("trafilatura")
    lines = [
        "| reading | F1 | precision | recall | pages losing a paragraph (of 181) |",
        "|---|---|---|---|---|",
    ]
    names = {
        "article": "contested article (this run)",
        "trafilatura": f"trafilatura {version} alone (this run)",
        "page": "contested `extract: page` (this run)",
        "body": "contested article without headline/standfirst/byline/date (diagnostic)",
    }
    for key, label in names.items():
        f1, p, r = results[key]
        lines.append(f"| {label} | {f1:.3f} | {p:.3f} | {r:.3f} | {losing.get(key, 0)} |")
    for label, (f1, p, r) in PUBLISHED.items():
        lines.append(f"| {label} (published) | {f1:.3f} | {p:.3f} | {r:.3f} | |")
    lines += [
        "",
        f"Targets: F1 ≥ 0.97, recall ≥ 0.99, no page losing a paragraph "
        f"(a ground-truth line of ≥ {LOST_WORDS} words with under half its shingles read). "
        f"{seconds:.0f} s for the run.",
        "",
        "| real page | paragraphs, `extract: page` | paragraphs, article |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {whole} | {art} |" for name, whole, art in real]
    return "\n".join(lines) + "\n"


def write(table: str) -> None:
    """Put `table` into RESULTS.md under HEADING, replacing that section if present."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    section = f"{HEADING}\n\nFrom `python -m benchmarks.extraction --write` (one run).\n\n{table}"
    if HEADING in text:
        head, _, rest = text.partition(HEADING)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    temp = RESULTS.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    temp.replace(RESULTS)


def speed(size: str, runs: int) -> str:
    """The rows of `benchmarks.check_html` (a Markdown table): `contested check` on the HTML
    casebook of `size` with a cold and a warm source cache (fresh temporary folders, never
    the user's cache) beside the HTML floor, interleaved, medians of `runs` after a
    warm-up run."""
    from benchmarks import check_html

    return check_html.table(size, check_html.measure(size, runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--speed", default="L", help="casebook size for the speed row, or none")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--details", action="store_true", help="print each page losing a paragraph, and what"
    )
    options = parser.parse_args(argv)
    folder = options.pages / "extraction-benchmark"
    if not (folder / "ground-truth.json").exists():
        print(f"skipped: {folder} is absent")
        return 0
    started = time.perf_counter()
    results, losing = bench(folder, lambda m: print(m, file=sys.stderr), options.details)
    table = render(results, losing, real_pages(options.pages), time.perf_counter() - started)
    if options.speed != "none":
        table += "\n" + speed(options.speed.upper(), options.runs) + "\n"
    print(table)
    if options.write:
        write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
