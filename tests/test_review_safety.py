"""review.yaml survives kills and concurrent writers: a writer killed with SIGKILL at 200
random points (over at least 200 saves) leaves the state before or after the save it was
in, every time; two processes and the CLI writing at once never lose a rating."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import BIN, REPO, contested_env
from review_support import HOLDERS, review_casebook

from claims.loader import load
from claims.model import Casebook
from claims.review import DEFAULT_SCALE, ReviewStore, SetNote, SetRating

RATINGS = [r.id for r in DEFAULT_SCALE.ratings]
KEYS = ["with-id", *HOLDERS[:11]]
SAVES = 200
KILLS = 200


def _change(j: int) -> SetRating | SetNote:
    key = KEYS[j % len(KEYS)]
    if j % 3 == 2:
        return SetNote("traps", key, f"note of save {j}\nsecond line" if j % 2 else f"save {j}")
    return SetRating("traps", key, RATINGS[j % len(RATINGS)])


_STATES: list[dict[str, tuple[str, str | None]]] = [{}]  # _STATES[j + 1]: after save j


def _state(last: int) -> dict[str, tuple[str, str | None]]:
    """(rating, note) of each key after saves 0..last."""
    while len(_STATES) <= last + 1:
        j = len(_STATES) - 1
        state = dict(_STATES[-1])
        change = _change(j)
        rating, note = state.get(change.key, ("unrated", None))
        if isinstance(change, SetRating):
            assert change.rating is not None
            rating = change.rating
        else:
            note = change.note
        state[change.key] = (rating, note)
        _STATES.append(state)
    return _STATES[last + 1]


def _on_disk(root: Path) -> dict[str, tuple[str, str | None]]:
    path = root / "review.yaml"
    if not path.exists():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    positions = data["traps"]["positions"]
    return {key: (entry["rating"], entry.get("note")) for key, entry in positions.items()}


def _writer(casebook: Casebook, first: int, pipe: int) -> None:  # pragma: no cover - child
    try:
        store = ReviewStore.open(casebook)
        os.write(pipe, b"r\n")
        for j in range(first, first + 100_000):
            os.write(pipe, f"s{j}\n".encode())
            store.apply(_change(j), by="killed")
            os.write(pipe, f"d{j}\n".encode())
    finally:
        os._exit(0)


@pytest.fixture
def quick_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on tmpfs (/dev/shm) when there is one: fsync costs nothing there, so 200
    saves and their kills fit in seconds; a kill tests the same replace either way."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="contested-kill-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_writer_killed_200_times_at_random_points_leaves_before_or_after(
    quick_folder: Path,
) -> None:
    trial = load(review_casebook(quick_folder / "trial")).casebook
    store = ReviewStore.open(trial)
    began = time.perf_counter()
    for j in range(20):
        store.apply(_change(j), by="trial")
    per_save = (time.perf_counter() - began) / 20  # kills fall within about one save
    root = review_casebook(quick_folder / "killed")
    casebook = load(root).casebook
    rng = random.Random(12)
    done = -1  # the last save whose result is on disk
    kills = mid_save = new_file = 0
    # Kills fall within about one save; a loaded machine (a freshly forked writer's first
    # save is slower) widens the window while kills keep landing before any save is done.
    window = per_save
    started = time.monotonic()
    while (kills < KILLS or done < SAVES - 1) and time.monotonic() - started < 40:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            _writer(casebook, done + 1, write)
        os.close(write)
        assert os.read(read, 2) == b"r\n"  # the store is open: saves start now
        time.sleep(rng.uniform(0.0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read) as pipe:
            events = pipe.read().split()
        kills += 1
        begun = [int(e[1:]) for e in events if e.startswith("s")]
        if not begun:
            assert _on_disk(root) == _state(done)
            window = min(window * 1.5, 50 * per_save)
            continue
        last = begun[-1]
        finished = f"d{last}" in events
        now = _on_disk(root)
        assert now in (_state(last - 1), _state(last)), (kills, last, events)
        if not finished:
            mid_save += 1
            new_file += now == _state(last)
        progressed = (last if now == _state(last) else last - 1) > done
        done = last if now == _state(last) else last - 1
        window = max(per_save, window / 1.5) if progressed else min(window * 1.5, 50 * per_save)
        if kills % 25 == 0:
            assert [p for p in load(root).problems if p.is_error] == []  # the loader reads it
    assert done >= SAVES - 1, f"only {done + 1} saves in 40 s ({kills} kills)"
    assert kills >= KILLS, f"only {kills} kills in 40 s"
    assert mid_save >= KILLS // 2, (kills, mid_save)  # most kills land inside a save
    print(
        f"\n{kills} kills during {done + 1} saves ({per_save * 1000:.1f} ms each); "
        f"{mid_save} inside a save: {mid_save - new_file} left the old file, {new_file} the new"
    )


WRITER = textwrap.dedent(
    """
    import sys, time, yaml
    from pathlib import Path
    from claims.loader import load
    from claims.review import ReviewStore, SetRating
    root, go, name, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    keys = sys.argv[5:]
    ratings = ["supported", "partly-supported", "unsupported", "false", "unverifiable"]
    store = ReviewStore.open(load(root).casebook)
    while not go.exists():
        time.sleep(0.001)
    mine, merged = {}, 0
    for i in range(count):
        key = keys[i % len(keys)]
        mine[key] = ratings[(i + len(name)) % len(ratings)]
        merged += bool(store.apply(SetRating("busy", key, mine[key]), by=name).merged)
        data = yaml.load((root / "review.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
        seen = {k: data["busy"]["positions"][k]["rating"] for k in mine}
        assert seen == mine, (i, seen, mine)  # none of mine lost, after every save
    print(merged)
    """
)


def test_two_writers_and_the_cli_at_once_never_lose_a_rating(tmp_path: Path) -> None:
    root = review_casebook(tmp_path)
    go = tmp_path / "go"
    count = 100
    env = {**contested_env(), "PYTHONPATH": str(REPO)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), str(go), name, str(count), *keys],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, keys in (("one", ["w1", "w2"]), ("two", ["w3", "w4"]))
    ]
    cli_ratings = ["false", "supported", "unverifiable", "unsupported", "partly-supported"]
    cli_codes: list[int] = []

    def cli() -> None:
        for rating in cli_ratings:
            done = subprocess.run(
                [str(BIN / "contested"), "-C", str(root), "review", "busy", "H w5",
                 "--rating", rating, "--by", "cli"],
                capture_output=True, text=True, env=contested_env(), check=False,
            )  # fmt: skip
            cli_codes.append(done.returncode)
            assert done.returncode == 0, done.stderr

    time.sleep(0.3)  # the writers have loaded the casebook
    go.touch()
    thread = threading.Thread(target=cli)
    thread.start()
    merged = []
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        merged.append(int(out))
    thread.join(timeout=60)
    assert cli_codes == [0] * len(cli_ratings)
    data = yaml.load((root / "review.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    final = {k: v["rating"] for k, v in data["busy"]["positions"].items()}
    ratings = ["supported", "partly-supported", "unsupported", "false", "unverifiable"]
    expected = {"w5": cli_ratings[-1]}
    for name, keys in (("one", ["w1", "w2"]), ("two", ["w3", "w4"])):
        for i in range(count):
            expected[keys[i % 2]] = ratings[(i + len(name)) % len(ratings)]
    assert final == dict(sorted(expected.items()))
    assert sum(merged) > 0, "the writers never met: nothing was tested"
    print(f"\n2 x {count} saves + {len(cli_ratings)} CLI runs; merged others' work {merged}")
