"""Check gold.yaml against the paragraphs as the tool reads them; print counts.

Run from the repository root: .venv/bin/python tests/framing_gold/check_gold.py
"""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

from claims.framing import CATEGORIES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASEBOOK = ROOT / "claims" / "bundled" / "yekaterinburg"


def paragraphs(file):
    exe = ROOT / ".venv" / "bin" / "contested"
    out = subprocess.run(
        [str(exe), "read", str(file), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [p["text"] for p in json.loads(out)["paragraphs"]]


def main():
    gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
    book = yaml.safe_load((CASEBOOK / "casebook.yaml").read_text(encoding="utf-8"))
    bad, counts = [], {}
    for sid, entries in gold.items():
        ps = paragraphs(CASEBOOK / book["sources"][sid]["file"])
        counts[sid] = Counter(e["category"] for e in entries)
        seen = {}
        for e in entries:
            assert set(e) == {"paragraph", "start", "end", "text", "category"}, e
            if e["category"] not in CATEGORIES:
                bad.append(f"{sid}: unknown category {e}")
            got = ps[e["paragraph"] - 1][e["start"] : e["end"]]
            if got != e["text"]:
                bad.append(f"{sid} ¶{e['paragraph']}: {got!r} != {e['text']!r}")
            for s, t in seen.get((e["paragraph"], e["category"]), []):
                if e["start"] < t and s < e["end"]:
                    bad.append(
                        f"{sid} ¶{e['paragraph']}: overlap within {e['category']}: {e['text']!r}"
                    )
            seen.setdefault((e["paragraph"], e["category"]), []).append((e["start"], e["end"]))
    sids = list(gold)
    print(f"| category | {' | '.join(sids)} | total |")
    print("|---|" + "---:|" * (len(sids) + 1))
    for c in CATEGORIES:
        row = [counts[s][c] for s in sids]
        print(f"| {c} | {' | '.join(map(str, row))} | {sum(row)} |")
    tot = [sum(counts[s].values()) for s in sids]
    print(f"| **all** | {' | '.join(map(str, tot))} | {sum(tot)} |")
    if bad:
        print("\n".join(bad))
        sys.exit(1)
    print(f"OK: every span equals paragraph_text[start:end] ({sum(tot)} spans)")


if __name__ == "__main__":
    main()
