"""The fuzz suite: hostile input through every way in, and nothing escapes.

Property-based (hypothesis). Each example is a casebook on disk (`Case`: files by their
path in bytes, and symbolic links, in a folder), built by one of three kinds of strategy:

- `yaml`: a valid casebook (the tests' small one, the bundled one, one of the bundled
  one's dispute files, or a review.yaml) with lines deleted, duplicated, swapped and
  re-indented, random text inserted (any Unicode, C0/C1 and bidi controls, YAML's special
  characters `*&!%@|>-?:{}[]#`), deep nesting, odd scalars and bytes that are not UTF-8
  (`mutated_yaml`); a random YAML document of the casebook's keys (`random_yaml`); a
  casebook of the right shape whose values are, here and there, odd ones of the kind each
  key's reader could trip on: numbers of 5,000 digits, `.nan`, dates that do not exist,
  colours, escaped surrogates and controls, tags and anchors (`structured_yaml`);
- `sources`: random bytes for a .txt, a .md and an .html source (random bytes, random
  Unicode, markup fragments: `<![`, `<!--`, `<br>`, unterminated tags, entities such as
  `&#0;` and `&#x202e;`, nesting thousands deep, and sources past 50,000 characters),
  with evidence quoting pieces cut from them (`random_sources`);
- `names`: included dispute files and a source under random names (any bytes but `/` and
  NUL, so names that are not UTF-8 too; some are symbolic links), random include patterns,
  and a casebook folder with a hostile name (`random_names`).

Half the casebooks are also read as a YAML file of a megabyte or more is (validated from
its event stream, composed item by item by `claims.yamlstream`): the JSON must be the same.

Each casebook goes through `claims.load`, `claims.loader.load_progressively` (the app's)
and `claims.check` in-process, then through `contested check` (human, json, github) and
`contested show` (all, and one dispute by its id) as a user runs them (`run_cli`).
Nothing may escape but an exit status of 0, 1 or 2, as documented (the same for every
format; 2 exactly when the JSON has no summary, 1 exactly when it counts errors; `show`
2 exactly when `check` is); every output is UTF-8 and JSON parses; no output holds a raw
C0 control (but newline and tab), DEL, C1 control or ESC, nor does any string inside the
JSON; no problem is reported twice, and the app's way of loading finds the same ones;
every call returns within `BOUND` seconds. Bidi controls (U+202A–202E, U+2066–2069) are
held to the same once `claims.text` handles them (`BIDI_ENFORCED`); before, only counted.

A smaller test opens such casebooks in the app (Pilot, headless), presses a few keys, and
checks what is on screen the same way (and that the app is still running).

The default run (CI) tries 300 casebooks and opens 20 in the app, about 30 s, the same
examples every run (`derandomize`); `CONTESTED_FUZZ=long` tries 5,000 and opens 200, new
ones each run (a failure prints the casebook, to paste into an `@example`). With
`CONTESTED_FUZZ_STATS=FILE` the counts (cases run, exceptions, exit statuses, by strategy
and mutation, the slowest call) are written to FILE as JSON. The casebooks that found
faults are kept as `@example`s of the test they failed.

The strategies live in two helper modules: `tests/fuzz_casebooks.py` (`Case`, the casebooks
mutated, the troublesome characters and values, the YAML strategies) and
`tests/fuzz_strategies.py` (the source and name strategies, and `CASES`). This module runs
them.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

import pytest
from conftest import CASEBOOK, SOURCE, RunCli
from fuzz_casebooks import NINES, SMALL, Case, _write
from fuzz_strategies import CASES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims import CasebookUnreadable, Method, check, load, text
from claims.anchoring.normalize import normalize_plain
from claims.loader import load_progressively
from claims.schema import ID_PATTERN

LONG = os.environ.get("CONTESTED_FUZZ") == "long"
EXAMPLES = 5000 if LONG else 300
APP_EXAMPLES = 200 if LONG else 20
#: Seconds one call (a load and check, one command) may take on any casebook here.
BOUND = 5.0
STATS: Counter[str] = Counter()

T = TypeVar("T")

# --- what output may not hold ------------------------------------------------------------

#: C0 controls but tab and newline, DEL, and C1 controls (ESC is among the C0).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Bidi embeddings, overrides and isolates: they reorder what a terminal shows.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _raw_bidi(shown: str) -> list[str]:
    """The bidi controls in `shown`, as code points (U+202E…)."""
    return [f"U+{ord(c):04X}" for c in BIDI.findall(shown)]


def _bidi_handled() -> bool:
    """Whether `claims.text` makes bidi controls harmless yet (a name saying so, or
    `sanitize` changing a right-to-left override): only then are they asserted absent."""
    if any("bidi" in name.lower() for name in dir(text)):
        return True
    probe = "a\u202eb\u2066c"
    return text.sanitize(probe) != probe


BIDI_ENFORCED = _bidi_handled()


def _assert_clean(shown: str, where: str) -> None:
    """`shown` (one output, or one string from the JSON) is UTF-8 and holds no raw control."""
    shown.encode("utf-8")  # strict: a lone surrogate (a file name's bad byte) fails here
    controls = CONTROLS.findall(shown)
    assert not controls, f"{where}: raw controls {controls!r} in {shown[:2000]!r}"
    bidi = _raw_bidi(shown)
    if bidi:
        STATS[f"raw bidi in {where.split(' line ')[0]}"] += 1
    if BIDI_ENFORCED:
        assert not bidi, f"{where}: raw bidi controls {bidi} in {shown[:2000]!r}"


def _strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, keys too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _timed(call: Callable[[], T], what: str) -> T:
    started = time.monotonic()
    result = call()
    took = time.monotonic() - started
    STATS["slowest call (ms)"] = max(STATS["slowest call (ms)"], round(took * 1000))
    assert took < BOUND, f"{what} took {took:.1f} s"
    return result


# --- running them ----------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _write_stats() -> Iterator[None]:
    yield
    out = os.environ.get("CONTESTED_FUZZ_STATS")
    if out:
        STATS["bidi enforced"] = int(BIDI_ENFORCED)
        Path(out).write_text(json.dumps(dict(sorted(STATS.items())), indent=2), "utf-8")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _in_process(root: Path) -> None:
    try:
        loaded = _timed(lambda: load(root), "load")
    except CasebookUnreadable:
        return  # exit status 2: what it says is checked through the commands
    report = _timed(lambda: check(loaded), "check")
    assert report.errors == sum(p.is_error for p in report.problems)
    for anchor in report.anchors:  # never anchored on other words than the quote's
        if anchor.method not in (Method.EXACT, Method.NORMALIZED):
            continue
        dispute = loaded.casebook.dispute(anchor.dispute)
        document = report.documents.get(anchor.source)
        assert dispute is not None
        assert document is not None
        assert anchor.paragraph is not None
        quote = dispute.positions[anchor.position].evidence[anchor.evidence].quote
        words = document.paragraph(anchor.paragraph).text[anchor.start : anchor.end]
        if anchor.method is Method.EXACT:
            assert words == quote
        else:
            assert normalize_plain(words) == normalize_plain(quote), (words, quote)
    repeated = [p for p, n in Counter(loaded.problems).items() if n > 1]
    assert not repeated, repeated  # each problem once
    stages = _timed(lambda: list(load_progressively(root)), "load_progressively")
    assert stages[-1].complete
    assert stages[-1].problems == loaded.problems  # the app's way reads the same casebook
    assert stages[-1].casebook.disputes == loaded.casebook.disputes


def _commands(run_cli: RunCli, root: Path) -> str:
    """Run every command on `root`, check what each printed; the JSON."""
    codes = {}
    printed = ""
    for fmt in ("human", "json", "github"):
        command = partial(run_cli, "check", root, "--format", fmt)
        code, out, err = _timed(command, f"check {fmt}")
        assert code in (0, 1, 2), (fmt, code, out, err)
        _assert_clean(out, f"check {fmt} stdout")
        _assert_clean(err, f"check {fmt} stderr")
        codes[fmt] = code
        if fmt == "json":
            printed = out
            data = json.loads(out)
            for value in _strings(data):
                _assert_clean(value, "check json value")
            if code == 2:
                assert "summary" not in data
                assert data["anchors"] == []
            else:
                assert (data["summary"]["errors"] > 0) == (code == 1), data["summary"]
    assert len(set(codes.values())) == 1, codes  # one casebook, one verdict
    STATS[f"cli: exit {codes['human']}"] += 1
    code, out, err = _timed(lambda: run_cli("show", root), "show")
    assert code in (0, 1, 2), (code, out, err)
    assert (code == 2) == (codes["human"] == 2), (code, codes, err)
    _assert_clean(out, "show stdout")
    _assert_clean(err, "show stderr")
    ids = [a["dispute"] for a in json.loads(printed).get("anchors", [])]
    if ids and re.fullmatch(ID_PATTERN, ids[0]):  # one dispute, as a user copies its id
        one = partial(run_cli, "show", root, ids[0])
        code, out, err = _timed(one, "show DISPUTE")
        assert code in (0, 1), (code, out, err)
        _assert_clean(out, "show DISPUTE stdout")
        _assert_clean(err, "show DISPUTE stderr")
    return printed


def _exercise(case: Case, base: Path, run: Callable[[Path], None], test: str) -> None:
    """Write `case` under `base`, `run` it, count it (and what escaped, if anything)."""
    STATS[f"{test}: cases"] += 1
    STATS[f"{test}: exceptions"] += 0  # listed when there are none
    STATS[f"{test}: cases {case.strategy}"] += 1
    for kind in (*case.kinds, *(["streamed"] if case.streamed else [])):
        STATS[f"{test}: {kind}"] += 1
    folder = Path(tempfile.mkdtemp(dir=base))
    started = time.monotonic()
    try:
        run(_write(folder, case))
    except BaseException as exc:
        STATS[f"{test}: exceptions"] += 1
        STATS[f"{test}: exceptions {case.strategy}"] += 1
        STATS[f"{test}: exception {type(exc).__name__}"] += 1
        raise
    finally:
        took = round((time.monotonic() - started) * 1000)
        STATS[f"{test}: ms {case.strategy}"] += took
        STATS[f"{test}: slowest case (ms)"] = max(STATS[f"{test}: slowest case (ms)"], took)
        shutil.rmtree(folder, ignore_errors=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
@given(case=CASES)
# A folder named with ESC: its path went raw into JSON's `file` and GitHub's `file=`
# (fixed in `claims.paths.display`).
@example(
    case=Case(
        "names",
        {
            b"sources/_": SOURCE.encode(),
            b"casebook.yaml": b"title: Names\nsides:\n  a: {label: A}\n  b: {label: B}\n"
            b'sources:\n  s: {file: "sources/_"}\ninclude: []\n',
        },
        folder=b"c\x1bse",
    )
)
# 5,000 digits where a number is read: past the 4,300 digits `int` reads from text, a
# ValueError escaped the HTML reader (`<ol start=…>`; `claims.sources.htmlrules.integer`),
# the loader reading a side's colour (Rich's `rgb(…)`; `claims.loader._colour`) and every
# whole number (`paragraph:`; `claims.nodes.whole_number`).
@example(
    case=Case(
        "sources",
        {
            b"casebook.yaml": CASEBOOK.replace("report.txt", "report.html").encode(),
            b"sources/report.html": f"<p>The raid began at dawn.<ol start={NINES}><li>Nine "
            "people were detained</ol>".encode(),
        },
    )
)
@example(
    case=Case(
        "yaml",
        {
            **SMALL,
            b"casebook.yaml": CASEBOOK.replace(
                "Police}", f'Police, colour: "rgb({NINES},1,1)"}}'
            ).encode(),
        },
        streamed=True,
    )
)
@example(
    case=Case(
        "yaml",
        {
            **SMALL,
            b"casebook.yaml": CASEBOOK.replace("dawn.}", f"dawn., paragraph: {NINES}}}").encode(),
        },
    )
)
# A title or language that is not text was reported again by every read of it: the
# language once per source that has none of its own, the title and description once more
# by each step of `load_progressively` (the app's problems panel listed them twice).
@example(
    case=Case(
        "yaml",
        {
            **SMALL,
            b"casebook.yaml": CASEBOOK.replace(
                "title: Test casebook", "title: ~\nlanguage: [en]"
            ).encode(),
        },
    )
)
# A repetitive source where the quote stands 30,000 times, each place refused by its
# `before:`: every refusal looked through a list of the earlier ones (8.7 s; now 0.5 s,
# `claims.anchoring.rules`).
@example(
    case=Case(
        "sources",
        {
            b"casebook.yaml": CASEBOOK.replace("report.txt", "report.md")
            .replace("quote: The raid began at dawn.", "quote: inin in inin, before: in i")
            .encode(),
            b"sources/report.md": b"in inin " * 30_000,
        },
    )
)
def test_hostile_casebooks_never_crash_or_leak_controls(
    case: Case, run_cli: RunCli, scratch: Path
) -> None:
    def run(root: Path) -> None:
        if not case.streamed:
            _in_process(root)
            _commands(run_cli, root)
            return
        with mock.patch("claims.yamlfile.STREAM_BYTES", 0):
            _in_process(root)
            streamed = _commands(run_cli, root)
        _, whole, _ = run_cli("check", root, "--format", "json")
        assert streamed == whole

    _exercise(case, scratch, run, "cli")


# --- the app ---------------------------------------------------------------------------

KEYS_PRESSED = (
    "down", "up", "j", "k", "tab", "enter", "escape", "left", "right", "h", "l", "n", "N",
    "p", "r", "slash", "x", "question_mark", "pagedown", "end", "home", "ctrl+p", "a",
)  # fmt: skip


async def _drive(root: Path, keys: list[str]) -> None:
    from tui_support import settled

    from tui.app import create_app

    app = create_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        _screen_clean(app, "opened")
        for key in keys:
            await pilot.press(key)
        await settled(pilot)
        _screen_clean(app, f"after {keys}")
        assert app.is_running  # no key here quits: it stopped on an error


def _screen_clean(app: Any, when: str) -> None:
    strips = app.screen._compositor.render_strips()  # the screen as drawn, row by row
    for number, strip in enumerate(strips):
        _assert_clean(strip.text, f"app screen line {number} {when}")


@settings(
    max_examples=APP_EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
@given(case=CASES, keys=st.lists(st.sampled_from(KEYS_PRESSED), max_size=8))
def test_the_app_opens_hostile_casebooks(case: Case, keys: list[str], scratch: Path) -> None:
    def run(root: Path) -> None:
        started = time.monotonic()
        asyncio.run(_drive(root, keys))
        assert time.monotonic() - started < 4 * BOUND

    _exercise(case, scratch, run, "app")


def test_the_bidi_probe_reads_claims_text() -> None:
    """The switch that turns the bidi assertion on follows `claims.text`'s behaviour."""
    assert _raw_bidi("a\u202eb\u2069") == ["U+202E", "U+2069"]
    assert _bidi_handled() == BIDI_ENFORCED
