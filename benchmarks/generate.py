"""Synthetic casebooks in the real format, for the benchmarks.

    python -m benchmarks.generate [S|M|L ...] [--force]

writes `benchmarks/.work/<size>/`:

    casebook.yaml          sides, sources, `include: [disputes/*.yaml]`
    sources/src-XXXX.txt   paragraphs of 60–80 words, one line each, blank lines between
    disputes/dNNN.yaml     about 100 disputes per file
    manifest.json          what the benchmark harness looks for on screen (not casebook data)
    .generated             the generator version and size; regenerated when it differs

Everything comes from RNGs seeded with the size name, so a size is byte-for-byte the same on
every machine and every run.

Every paragraph carries a unique made-up serial word (`Bakelomu`: four consonant–vowel
syllables, capitalised), and every quote is 8–14 consecutive words of one paragraph that
include its serial, so every quote is unique in its source (checked with `str.count` while
generating). Each dispute's question starts with `Question NNNN:` and names a unique
made-up place (`Tavoresk`, three syllables + "sk"), which is also one of its tags: the
harness types it into the app's filter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

#: Bump when the output changes in any way, so stale casebooks are regenerated.
VERSION = 2

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"


@dataclass(frozen=True)
class Size:
    name: str
    sources: int
    paragraphs: int  # per source
    disputes: int


SIZES = {
    "S": Size("S", 20, 30, 50),
    "M": Size("M", 200, 40, 500),
    "L": Size("L", 1000, 50, 5000),
}
POSITIONS = 2  # per dispute
QUOTES = 2  # per position
PER_FILE = 100  # disputes per file under disputes/
MANIFEST_FIRST = 64  # the manifest describes the first disputes (and the filter target)


def filter_index(size: Size) -> int:
    """The dispute whose place the harness types into the filter: 4321 at L."""
    return 4321 if size.disputes >= 4321 else max(1, size.disputes * 86 // 100)


CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
SYLLABLES = [c + v for c in CONSONANTS for v in VOWELS]  # 70
_SERIAL_RUN = re.compile(f"([{CONSONANTS}][{VOWELS}]){{4}}", re.IGNORECASE)
_PLACE_RUN = re.compile(f"([{CONSONANTS}][{VOWELS}]){{3}}sk", re.IGNORECASE)

_WORDS = """
the the the the of of of to to to and and and in in in a a a that that for for on on
with with was was were said said is are has have had by by from from at at as as it its
after before during over under between against about into than more most some many
officials ministry government spokesman spokeswoman police prosecutors court judge
lawyer lawyers witnesses residents families workers company companies council mayor
governor minister ministers agency agencies inspectors investigators reporters analysts
experts report reports statement statements interview hearing hearings inquiry
investigation evidence documents records figures estimate estimates numbers budget
contract contracts deal talks meeting meetings visit protest protests strike election
elections vote votes border port bridge river factory plant station hospital school
village district region capital city town airport pipeline railway harbour market office
building warehouse night morning evening week month year years days hours weeks months
announced confirmed denied rejected disputed claimed insisted argued suggested warned
reported described called told wrote added noted acknowledged admitted refused declined
agreed promised ordered approved blocked delayed cancelled opened closed signed arrested
released detained charged questioned accused blamed praised criticised defended
investigated examined reviewed published leaked obtained seen shown cited quoted
increase decline rise fall loss damage cost costs payment payments delay shortage fire
flood explosion accident collapse outage crash shooting raid search arrest local
regional national foreign federal private public senior former acting independent
official unofficial early late recent previous second third several few two three four
five dozen hundred thousand million percent nearly almost about roughly least only still
however although while because since when where which who whose whether despite also
again already later earlier then there here not never often rarely publicly privately
openly clearly largely partly directly shortly quickly slowly fully new old large small
major minor serious critical main first last final full partial safety security health
water power energy gas oil grain steel coal cargo fuel trade tax taxes fees prices wages
rent loans debt funds aid support services supplies according statement's version
account accounts claim claims details account's timeline people children women men staff
crew passengers drivers guards soldiers troops officers
""".split()  # noqa: SIM905


def _usable(word: str) -> bool:
    return not (_SERIAL_RUN.search(word) or _PLACE_RUN.search(word))


WORDS = [w for w in _WORDS if _usable(w)]
TOPICS = [
    "energy", "courts", "police", "budget", "health", "transport", "elections", "trade",
    "housing", "water", "labour", "border", "media", "environment", "security", "schools",
    "procurement", "protests", "fire", "flood", "ports", "prisons", "tax", "aid", "rail",
    "agriculture", "mining", "banking", "defence", "migration",
]  # fmt: skip
SIDES = {
    "ministry": "Ministry of the Interior",
    "regional": "Regional administration",
    "opposition": "Opposition parties",
    "company": "The operating company",
    "witnesses": "Residents and witnesses",
    "monitors": "Independent monitors",
}
HOLDERS = {
    "ministry": "Interior ministry",
    "regional": "Regional",
    "opposition": "Opposition",
    "company": "Company",
    "witnesses": "Local",
    "monitors": "Monitoring mission",
}
OUTLETS = [
    "The Morning Ledger", "Harbour Times", "Radio Vostok", "The Evening Courier",
    "Capital Wire", "Northern Observer", "Daily Meridian", "The Provincial Post",
]  # fmt: skip
KINDS = ["news", "news", "news", "opinion", "official", "transcript", "report", "social"]
HOLDER_ROLES = [
    "spokesman", "spokeswoman", "press office", "lawyer", "chief inspector", "union leader",
    "deputy minister", "district mayor", "site manager", "eyewitness", "local council",
]  # fmt: skip
QUESTION_TEMPLATES = [
    "Who ordered the {noun} at {place}?",
    "How many {people} were {verb} at {place}?",
    "Did the {org} {act} the {noun} in {place}?",
    "What caused the {event} at {place}?",
    "When did the {org} learn of the {event} in {place}?",
    "Was the {noun} at {place} approved by the {org}?",
    "Who is responsible for the {event} near {place}?",
    "Were the {people} at {place} warned before the {event}?",
]
Q_NOUN = ["contract", "search", "closure", "raid", "payment", "inspection", "evacuation"]
Q_PEOPLE = ["workers", "residents", "passengers", "detainees", "guards", "protesters"]
Q_VERB = ["injured", "detained", "evacuated", "questioned", "dismissed", "relocated"]
Q_ORG = ["ministry", "council", "company", "police", "port authority", "regional court"]
Q_ACT = ["approve", "block", "delay", "cancel", "investigate", "conceal"]
Q_EVENT = ["fire", "explosion", "outage", "collapse", "flood", "shooting", "strike"]


def letters(number: int) -> str:
    """`number` as four lowercase letters (base 26, `aaaa` = 0): an id with no digits."""
    out = ""
    for _ in range(4):
        number, digit = divmod(number, 26)
        out = chr(ord("a") + digit) + out
    return out


def serial(index: int) -> str:
    """The unique paragraph word for a global paragraph index (a bijection on 70⁴)."""
    n = (index * 7919 + 12345) % len(SYLLABLES) ** 4
    parts = []
    for _ in range(4):
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def place(index: int) -> str:
    """The unique made-up place named by dispute `index` (a bijection on 70³)."""
    n = (index * 104729 + 777) % len(SYLLABLES) ** 3
    parts = []
    for _ in range(3):
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize() + "sk"


def _sentence_words(rng: random.Random, count: int) -> list[str]:
    """`count` words as prose: sentences of 8–18 words, capitalised, commas, full stops."""
    words: list[str] = []
    left_in_sentence = 0
    for _ in range(count):
        if left_in_sentence == 0:
            left_in_sentence = rng.randint(8, 18)
            word = rng.choice(WORDS).capitalize()
        else:
            word = rng.choice(WORDS)
        left_in_sentence -= 1
        if left_in_sentence == 0:
            word += "."
        elif len(word) > 3 and rng.random() < 0.08:
            word += ","
        words.append(word)
    if words and not words[-1].endswith("."):
        words[-1] = words[-1].rstrip(",") + "."
    return words


@dataclass
class Paragraph:
    words: list[str]
    serial_at: int  # index of the serial word in `words`

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _paragraph(rng: random.Random, serial_word: str) -> Paragraph:
    count = rng.randint(60, 80)
    words = _sentence_words(rng, count - 1)
    at = rng.randint(0, len(words))
    tail = ""
    if at == len(words):  # the serial ends the paragraph: move the full stop onto it
        words[-1] = words[-1].rstrip(".")
        tail = "."
    words.insert(at, serial_word + tail)
    return Paragraph(words, at)


def _quote(rng: random.Random, paragraph: Paragraph) -> str:
    """8–14 consecutive words of `paragraph`, including its serial word."""
    n = len(paragraph.words)
    length = rng.randint(8, 14)
    first = rng.randint(
        max(0, paragraph.serial_at - length + 1), min(paragraph.serial_at, n - length)
    )
    quote = " ".join(paragraph.words[first : first + length])
    return quote.rstrip(",.")


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,'()-]*")


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back the same, else single-quoted."""
    plain = (
        _PLAIN.fullmatch(value) is not None
        and not value.endswith((" ", ":"))
        and " #" not in value
        and value.lower() not in ("yes", "no", "true", "false", "null", "on", "off", "y", "n")
        and re.fullmatch(r"[0-9][0-9_.:-]*", value) is None
    )
    if plain:
        return value
    return "'" + value.replace("'", "''") + "'"


def generate(size: Size, out: Path) -> None:
    """Write the casebook of `size` to `out` (replacing whatever is there)."""
    rng = random.Random(f"contested-benchmark-{VERSION}-{size.name}")
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "sources").mkdir(parents=True)
    (tmp / "disputes").mkdir()

    # Sources.
    # Sources are named by letters, not digits: the list filter matches source ids and
    # titles too, and the filter benchmark narrows by a dispute's number.
    source_ids = [f"src-{letters(i)}" for i in range(1, size.sources + 1)]
    paragraphs: dict[str, list[Paragraph]] = {}
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    counter = 0
    for number, source_id in enumerate(source_ids, 1):
        paras = []
        for _ in range(size.paragraphs):
            paras.append(_paragraph(rng, serial(counter)))
            counter += 1
        paragraphs[source_id] = paras
        text = "\n\n".join(p.text for p in paras) + "\n"
        texts[source_id] = text
        (tmp / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))
        titles[source_id] = f"Report {letters(number).upper()}: {words.capitalize()}"

    lines = [
        f"title: Synthetic casebook {size.name} ({size.sources} sources, {size.disputes} disputes)",
        "description: Generated by benchmarks/generate.py for the benchmark suite.",
        "language: en",
        "",
        "sides:",
    ]
    for side_id, label in SIDES.items():
        lines.append(f"  {side_id}: {{label: {yaml_text(label)}}}")
    lines += ["", "sources:"]
    base = dt.date(2024, 1, 1)
    for source_id in source_ids:
        published = base + dt.timedelta(days=rng.randint(0, 700))
        lines += [
            f"  {source_id}:",
            f"    file: sources/{source_id}.txt",
            f"    title: {yaml_text(titles[source_id])}",
            f"    published: {published.isoformat()}",
            f"    outlet: {yaml_text(rng.choice(OUTLETS))}",
            f"    kind: {rng.choice(KINDS)}",
        ]
    lines += ["", "include: [disputes/*.yaml]", ""]
    (tmp / "casebook.yaml").write_text("\n".join(lines), encoding="utf-8")

    # Which paragraphs are quoted: distinct ones, every source at least once.
    needed = size.disputes * POSITIONS * QUOTES
    slots = [(s, p) for s in source_ids for p in range(size.paragraphs)]
    rng.shuffle(slots)
    firsts: dict[str, tuple[str, int]] = {}
    for s, p in slots:
        firsts.setdefault(s, (s, p))
    chosen = list(firsts.values())
    taken = set(chosen)
    chosen += [slot for slot in slots if slot not in taken][: needed - len(chosen)]
    if len(chosen) < needed:
        raise SystemExit(f"size {size.name}: not enough paragraphs for {needed} quotes")
    rng.shuffle(chosen)

    # Disputes.
    manifest: dict[str, dict[str, object]] = {}
    filter_target = filter_index(size)
    side_ids = list(SIDES)
    files: dict[int, list[str]] = {}
    slot_iter = iter(chosen)
    for index in range(1, size.disputes + 1):
        where = place(index)
        question = f"Question {index:04d}: " + rng.choice(QUESTION_TEMPLATES).format(
            noun=rng.choice(Q_NOUN),
            people=rng.choice(Q_PEOPLE),
            verb=rng.choice(Q_VERB),
            org=rng.choice(Q_ORG),
            act=rng.choice(Q_ACT),
            event=rng.choice(Q_EVENT),
            place=where,
        )
        tags = [*rng.sample(TOPICS, 2), where.lower()]
        date = base + dt.timedelta(days=rng.randint(0, 700))
        block = [
            f"  - id: d-{index:04d}",
            f"    question: {yaml_text(question)}",
            f"    date: {date.isoformat()}",
            f"    tags: [{', '.join(tags)}]",
            "    positions:",
        ]
        sides = rng.sample(side_ids, POSITIONS)
        shown_positions = []
        for p_index, side in enumerate(sides):
            holder = f"{HOLDERS[side]} {rng.choice(HOLDER_ROLES)}"
            claim = " ".join(_sentence_words(rng, rng.randint(8, 15)))
            block += [
                f"      - side: {side}",
                f"        holder: {yaml_text(holder)}",
                f"        id: p{p_index + 1}",
                f"        claim: {yaml_text(claim)}",
                "        evidence:",
            ]
            shown_quotes = []
            for _ in range(QUOTES):
                source_id, p = next(slot_iter)
                para = paragraphs[source_id][p]
                quote = _quote(rng, para)
                if texts[source_id].count(quote) != 1:
                    raise SystemExit(f"quote not unique in {source_id}: {quote!r}")
                block += [
                    f"          - source: {source_id}",
                    f"            quote: {yaml_text(quote)}",
                ]
                if rng.random() < 0.5:
                    block.append(f"            paragraph: {p + 1}")
                if rng.random() < 0.15:
                    note = " ".join(_sentence_words(rng, rng.randint(6, 12)))
                    block.append(f"            note: {yaml_text(note)}")
                neighbours = [
                    paragraphs[source_id][q].words[paragraphs[source_id][q].serial_at].rstrip(".")
                    for q in (p - 1, p + 1)
                    if 0 <= q < size.paragraphs
                ]
                shown_quotes.append(
                    {
                        "source": source_id,
                        "title": titles[source_id],
                        "paragraph": p + 1,
                        "quote": quote,
                        "serial": para.words[para.serial_at].rstrip("."),
                        "neighbours": neighbours,
                    }
                )
            shown_positions.append({"side": side, "holder": holder, "quotes": shown_quotes})
        files.setdefault((index - 1) // PER_FILE, []).append("\n".join(block))
        if index <= MANIFEST_FIRST or index == filter_target:
            manifest[str(index)] = {
                "id": f"d-{index:04d}",
                "question": question,
                "marker": f"Question {index:04d}",
                "place": where,
                "positions": shown_positions,
            }
    for number, blocks in files.items():
        body = "disputes:\n" + "\n\n".join(blocks) + "\n"
        (tmp / "disputes" / f"d{number + 1:03d}.yaml").write_text(body, encoding="utf-8")

    (tmp / "manifest.json").write_text(
        json.dumps(
            {
                "size": size.name,
                "count": size.disputes,
                "filter": filter_target,
                "disputes": manifest,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    (tmp / ".generated").write_text(_stamp(size), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def _stamp(size: Size) -> str:
    return json.dumps({"version": VERSION, "size": size.__dict__}, sort_keys=True)


def ensure(name: str, force: bool = False) -> Path:
    """The casebook directory of size `name`, generated if missing or stale."""
    size = SIZES[name]
    out = WORK / name
    stamp = out / ".generated"
    if force or not stamp.is_file() or stamp.read_text(encoding="utf-8") != _stamp(size):
        generate(size, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate")
    parser.add_argument("sizes", nargs="*", metavar="SIZE", help="S, M and/or L (default: all)")
    parser.add_argument("--force", action="store_true", help="regenerate even if up to date")
    args = parser.parse_args(argv)
    for name in args.sizes:
        if name not in SIZES:
            parser.error(f"unknown size {name!r}; choose from {', '.join(SIZES)}")
    for name in args.sizes or list(SIZES):
        print(ensure(name, args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
