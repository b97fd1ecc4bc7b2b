"""The check floor: the least any checker of a casebook must do, and nothing else.

    python benchmarks/floor_check.py CASEBOOK_DIR

Reads every YAML file with libyaml (`yaml.load(..., Loader=yaml.CSafeLoader)`), reads every
source file, and finds each quote with `str.find`. No locations, no schema, no paragraphs,
no normalising, no report. It prints how many quotes it found and exits 1 if any was
missing, so the harness can tell a broken casebook from a fast one.

Kept deliberately dumb: `contested check` is timed against this, as a subprocess, start to
exit, so both pay the same interpreter start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(root: Path) -> int:
    top = yaml.load((root / "casebook.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    disputes = list(top.get("disputes") or [])
    for pattern in top.get("include") or []:
        for path in sorted(root.glob(pattern)):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            disputes.extend(data.get("disputes") or [])
    texts = {
        source_id: (root / meta["file"]).read_text(encoding="utf-8")
        for source_id, meta in top["sources"].items()
    }
    found = missing = 0
    for dispute in disputes:
        for position in dispute["positions"]:
            for evidence in position["evidence"]:
                if texts[evidence["source"]].find(evidence["quote"]) >= 0:
                    found += 1
                else:
                    missing += 1
    print(f"{found} found, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
