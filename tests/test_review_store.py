"""review.yaml written by `ReviewStore`: exact round trips (every rating, notes, trap keys),
diff-friendly output, merging, conflicts, undo, refusals, and hand-written files kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_support import HOLDERS, review_casebook

from claims.loader import load
from claims.model import Casebook
from claims.review import (
    DEFAULT_SCALE,
    ReviewConflict,
    ReviewError,
    ReviewNotWritable,
    ReviewStore,
    SetNote,
    SetRating,
    SetStatus,
)
from claims.review.render import entry_lines, quote

LOADER = yaml.CSafeLoader
TRICKY_NOTES = (
    "no",
    "on",
    "#not a comment",
    "1:20",
    "She said \"no\" and 'yes'",
    "Ünïcödé — ✓ 中文 😀",
    "line one\nline two\n",
    "trailing spaces   ",
    "trailing newlines\n\n\n",
    "\n\nleading newlines",
    "  indented first line\nthen not",
    "tab\there\n\tand there",
    "- a list?\n- no: text",
    "x" * 300,
    "crlf\r\ninside",
    "nel\x85ls\u2028ps\u2029bom\ufeffend",
    "",
)


def casebook_at(root: Path) -> Casebook:
    return load(review_casebook(root)).casebook


def on_disk(root: Path) -> dict[str, object]:
    data = yaml.load((root / "review.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    assert isinstance(data, dict)
    return data


def test_every_rating_and_trap_key_round_trips_exactly(tmp_path: Path) -> None:
    casebook = casebook_at(tmp_path)
    store = ReviewStore.open(casebook)
    ratings = [r.id for r in DEFAULT_SCALE.ratings]
    keys = ["with-id", *HOLDERS]
    for index, key in enumerate(keys):
        store.apply(SetRating("traps", key, ratings[index % len(ratings)]), by=key)
    data = on_disk(tmp_path)
    positions = data["traps"]["positions"]  # type: ignore[index]
    assert list(positions) == keys  # in the dispute's order
    for index, key in enumerate(keys):
        assert positions[key]["rating"] == ratings[index % len(ratings)]
        assert positions[key]["by"] == key
    reread = load(tmp_path).casebook.reviews["traps"].positions
    assert list(reread) == keys
    assert ReviewStore.open(casebook).reviews["traps"].positions.keys() == reread.keys()


def test_tricky_notes_round_trip_through_libyaml_the_loader_and_the_store(
    tmp_path: Path,
) -> None:
    store = ReviewStore.open(casebook_at(tmp_path))
    keys = ["with-id", *HOLDERS]
    for key, note in zip(keys, TRICKY_NOTES, strict=False):
        store.apply(SetNote("traps", key, note))
    data = on_disk(tmp_path)
    again = ReviewStore.open(casebook_at(tmp_path))
    for key, note in zip(keys, TRICKY_NOTES, strict=False):
        entry = data["traps"]["positions"][key]  # type: ignore[index]
        assert entry.get("note") == (note or None)
        review = again.review("traps", key)
        assert review is not None
        assert review.note == (note or None)
    text = (tmp_path / "review.yaml").read_text(encoding="utf-8")
    assert "note: |" in text  # multi-line notes are block scalars
    assert '"with-id": {rating: "unrated", note: "no", by: ' in text


@settings(max_examples=300, deadline=None)
@given(key=st.text(max_size=30), note=st.text(max_size=200), by=st.text(max_size=20))
def test_any_entry_reads_back_exactly(key: str, note: str, by: str) -> None:
    entry = {"rating": "false", "note": note, "by": by, "at": "2026-11-22T10:04:00Z"}
    text = "d:\n  positions:\n" + "\n".join(entry_lines(key, entry)) + "\n"
    data = yaml.load(text, Loader=LOADER)
    assert data == {"d": {"positions": {key: entry}}}
    assert yaml.load(quote(key), Loader=LOADER) == key


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=st.text(max_size=120), key=st.sampled_from(["with-id", *HOLDERS]))
def test_any_note_round_trips_through_the_store(tmp_path: Path, note: str, key: str) -> None:
    root = tmp_path / "h"
    casebook = casebook_at(root)
    store = ReviewStore.open(casebook)
    store.apply(SetNote("traps", key, note))
    entry = on_disk(root)["traps"]["positions"][key]  # type: ignore[index]
    assert entry.get("note") == (note or None)
    review = ReviewStore.open(casebook).review("traps", key)
    assert review is not None
    assert review.note == (note or None)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_one_rating_changed_is_one_line_of_git_diff(tmp_path: Path) -> None:
    store = ReviewStore.open(casebook_at(tmp_path))
    for key in ("with-id", "no", "1:20", "#x"):
        store.apply(SetRating("traps", key, "supported"))
    store.apply(SetNote("traps", "no", "first line\nsecond line"))
    store.apply(SetRating("busy", "w1", "false"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "review.yaml")
    git(tmp_path, "commit", "-qm", "reviews")
    store.apply(SetRating("traps", "1:20", "false"))
    diff = changed_lines(git(tmp_path, "diff"))
    assert len(diff) == 2, diff
    assert diff[0].startswith('-    "1:20": {rating: "supported"')
    assert diff[1].startswith('+    "1:20": {rating: "false"')
    git(tmp_path, "commit", "-qam", "one rating")
    store.apply(SetRating("traps", "no", "false"))  # a position with a block note
    diff = changed_lines(git(tmp_path, "diff"))
    assert diff[:2] == ['-      rating: "supported"', '+      rating: "false"']
    assert all(line[1:].startswith('      at: "') for line in diff[2:]), diff  # at most `at:`
    git(tmp_path, "commit", "-qam", "another")
    store.apply(SetStatus("busy", "reviewed"), by="lm")  # who marked it, and when
    diff = changed_lines(git(tmp_path, "diff"))
    assert diff[:2] == ['+  status: "reviewed"', '+  by: "lm"'], diff
    assert len(diff) == 3, diff
    assert diff[2].startswith('+  at: "'), diff


def test_undo_puts_back_exactly_what_was_there(tmp_path: Path) -> None:
    store = ReviewStore.open(casebook_at(tmp_path))
    store.apply(SetRating("traps", "no", "supported"), by="a")
    before = (tmp_path / "review.yaml").read_bytes()
    undo = [
        store.apply(SetRating("traps", "no", "false"), by="b").inverse,
        store.apply(SetNote("traps", "no", "why\nbecause"), by="b").inverse,
        store.apply(SetStatus("traps", "reviewed")).inverse,
        store.apply(SetRating("traps", "on", "false")).inverse,
    ]
    for inverse in reversed(undo):
        store.apply(inverse)
    assert (tmp_path / "review.yaml").read_bytes() == before


def test_a_change_elsewhere_on_disk_is_merged_the_same_position_conflicts(
    tmp_path: Path,
) -> None:
    casebook = casebook_at(tmp_path)
    mine, theirs = ReviewStore.open(casebook), ReviewStore.open(casebook)
    mine.apply(SetRating("busy", "w1", "supported"))
    theirs.apply(SetRating("busy", "w2", "false"), by="them")  # theirs had not read mine
    assert mine.changed_on_disk()
    saved = mine.apply(SetRating("busy", "w3", "unsupported"))
    assert saved.merged == ("busy / w2: no review → false (by them, " + _at(tmp_path, "w2") + ")",)
    positions = on_disk(tmp_path)["busy"]["positions"]  # type: ignore[index]
    assert {k: v["rating"] for k, v in positions.items()} == {
        "w1": "supported",
        "w2": "false",
        "w3": "unsupported",
    }
    theirs.apply(SetRating("busy", "w1", "false"), by="them")
    with pytest.raises(ReviewConflict) as conflict:
        mine.apply(SetNote("busy", "w1", "mine"))
    assert "'w1'" in str(conflict.value)
    assert conflict.value.theirs.startswith("false")
    assert on_disk(tmp_path)["busy"]["positions"]["w1"].get("note") is None  # type: ignore[index]
    mine.apply(SetNote("busy", "w1", "mine"), force=True)
    entry = on_disk(tmp_path)["busy"]["positions"]["w1"]  # type: ignore[index]
    assert (entry["rating"], entry["note"]) == ("false", "mine")


def _at(root: Path, key: str) -> str:
    return str(on_disk(root)["busy"]["positions"][key]["at"])  # type: ignore[index]


def test_unknown_dispute_position_rating_and_status_write_nothing(tmp_path: Path) -> None:
    store = ReviewStore.open(casebook_at(tmp_path))
    with pytest.raises(ReviewError, match="did you mean 'partly-supported'"):
        store.apply(SetRating("traps", "no", "partly supported"))
    with pytest.raises(ReviewError, match="no dispute 'trap'"):
        store.apply(SetRating("trap", "no", "false"))
    with pytest.raises(ReviewError, match="no position 'No'"):
        store.apply(SetRating("traps", "No", "false"))
    with pytest.raises(ReviewError, match="unknown status"):
        store.apply(SetStatus("traps", "done"))
    assert not (tmp_path / "review.yaml").exists()


def test_the_bundled_example_is_refused_and_names_init_example() -> None:
    from claims.bundled import bundled_casebook

    store = ReviewStore.open(load(bundled_casebook()).casebook)
    with pytest.raises(ReviewNotWritable, match=r"contested init --example DIR"):
        store.apply(SetRating("cause-of-death", "heart-failure", "false"))
    assert not (bundled_casebook() / "review.yaml").exists()


HAND_WRITTEN = """\
# A comment, which is lost on the first write.
orphan-dispute:
  status: reviewed
  positions:
    Gone: {rating: false, note: kept}
busy:
  positions:
    w2: {rating: supported, note: on, by: lm, at: 2026-11-22T10:04:00Z, extra: [1, yes]}
    Gone holder: {rating: misleading}
    w1:
      rating: unsupported
  status: open
  owner: desk
traps:
  positions:
    no: {rating: false}
"""


def test_a_hand_written_file_keeps_all_its_data_orphans_at_the_end(tmp_path: Path) -> None:
    root = review_casebook(tmp_path)
    (root / "review.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    store = ReviewStore.open(load(root).casebook)
    assert store.review("traps", "no") is not None
    store.apply(SetRating("busy", "w3", "false"), by="x")
    data = on_disk(root)
    assert list(data) == ["traps", "busy", "orphan-dispute"]
    busy = data["busy"]
    assert list(busy["positions"]) == ["w1", "w2", "w3", "Gone holder"]  # type: ignore[index]
    w2 = busy["positions"]["w2"]  # type: ignore[index]
    assert w2 == {
        "rating": "supported",
        "note": "on",
        "by": "lm",
        "at": "2026-11-22T10:04:00Z",
        "extra": ["1", "yes"],
    }
    assert busy["positions"]["Gone holder"] == {"rating": "misleading"}  # type: ignore[index]
    assert busy["owner"] == "desk"  # type: ignore[index]
    assert data["orphan-dispute"] == {
        "status": "reviewed",
        "positions": {"Gone": {"rating": "false", "note": "kept"}},
    }
    assert data["traps"] == {"positions": {"no": {"rating": "false"}}}


def test_a_review_yaml_that_does_not_parse_is_never_overwritten(tmp_path: Path) -> None:
    root = review_casebook(tmp_path)
    broken = "busy:\n  positions: {w1: [unclosed\n"
    (root / "review.yaml").write_text(broken, encoding="utf-8")
    store = ReviewStore.open(load(root).casebook)
    with pytest.raises(ReviewNotWritable, match=r"review\.yaml:\d+:\d+: .*fix it"):
        store.apply(SetRating("busy", "w1", "false"))
    assert (root / "review.yaml").read_text(encoding="utf-8") == broken
    (root / "review.yaml").write_text("busy:\n  positions:\n    w1: {rating: true}\n", "utf-8")
    store.apply(SetRating("busy", "w2", "false"))  # fixed: read again and merged
    positions = on_disk(root)["busy"]["positions"]  # type: ignore[index]
    assert positions == {
        "w1": {"rating": "true"},
        "w2": {"rating": "false", "by": positions["w2"]["by"], "at": positions["w2"]["at"]},
    }


def test_a_duplicate_key_is_refused_rather_than_losing_one(tmp_path: Path) -> None:
    root = review_casebook(tmp_path)
    text = "busy:\n  positions:\n    w1: {rating: false}\n    w1: {rating: supported}\n"
    (root / "review.yaml").write_text(text, encoding="utf-8")
    store = ReviewStore.open(load(root).casebook)
    with pytest.raises(ReviewNotWritable, match=r"review\.yaml:4:5: duplicate key 'w1'"):
        store.apply(SetRating("busy", "w2", "false"))


def test_a_casebook_scale_of_its_own(tmp_path: Path) -> None:
    ratings = (
        "ratings:\n"
        "  - {id: accurate, label: Accurate, colour: green, value: 3}\n"
        "  - {id: misleading, label: Misleading, value: 1}\n"
        "  - {id: missing-context, label: Missing context}\n"
    )
    root = review_casebook(tmp_path, ratings)
    loaded = load(root)
    assert [p for p in loaded.problems if p.is_error] == []
    assert [(r.id, r.value) for r in loaded.casebook.ratings] == [
        ("accurate", 3.0),
        ("misleading", 1.0),
        ("missing-context", None),
    ]
    assert loaded.casebook.ratings[0].colour == "#008000"
    store = ReviewStore.open(loaded.casebook)
    store.apply(SetRating("busy", "w1", "missing-context"))
    with pytest.raises(ReviewError, match="did you mean 'misleading'"):
        store.apply(SetRating("busy", "w1", "mislead"))
    with pytest.raises(ReviewError, match="rate 'w2' before writing a note"):
        store.apply(SetNote("busy", "w2", "no unrated on this scale"))


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    store = ReviewStore.open(casebook_at(tmp_path))
    stale = tmp_path / ".review.yaml.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    store.apply(SetRating("busy", "w1", "false"))
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "casebook.yaml",
        "review.yaml",
        "sources",
    ]


def test_reading_only_what_changed_gives_what_a_whole_read_gives(tmp_path: Path) -> None:
    casebook = casebook_at(tmp_path)
    mine, theirs = ReviewStore.open(casebook), ReviewStore.open(casebook)
    for index, key in enumerate(HOLDERS[:8]):
        (mine if index % 2 else theirs).apply(SetNote("traps", key, f"note {index}\nline"))
        (theirs if index % 2 else mine).apply(SetRating("busy", f"w{index % 6 + 1}", "false"))
    path = tmp_path / "review.yaml"
    text = path.read_text(encoding="utf-8")
    hand = text.replace(
        '  positions:\n    "w', '  # a hand-written comment\n  positions:\n    "w', 1
    )
    path.write_text(hand + '"extra-dispute": {status: "open"}\n', encoding="utf-8")
    assert mine.reload()  # a comment inside one dispute, a dispute added at the end
    whole = ReviewStore.open(casebook)
    assert mine.reviews == whole.reviews
    assert mine.text() == whole.text()
    path.write_text("# no header\n" + text, encoding="utf-8")  # read whole: the same
    mine.reload()
    assert mine.text() == ReviewStore.open(casebook).text()
