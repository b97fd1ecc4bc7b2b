"""`contested timeline` (issue 16, part 3): chronological lines for people, side colours only
on a terminal, untrusted text shown inert, a stable JSON shape, exit statuses and a quiet
end when piped into `head`."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from pathlib import Path

from conftest import BIN, BUNDLED, COLOUR_ENV, RunCli, make_casebook
from test_timeline import DATED, SOURCES, undated

CONTESTED = BIN / "contested"
#: DATED without its undeclared source (which is an error: exit 1).
CLEAN = DATED.replace("          - {source: ghost, quote: Nothing.}\n", "")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_bundled_timeline_reads_in_date_order(run_cli: RunCli) -> None:
    code, out, err = run_cli("timeline", BUNDLED)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "Timeline of Yekaterinburg raids and the Azerbaijan–Russia row, 25 Dec 2024 to "
        "2 Jul 2025: 13 of 26 disputes dated, 2 of 2 sources with a published date."
    )
    assert "\x1b" not in out  # piped: no colour
    death = lines.index("2025-06-27  ◆ cause-of-death  How did the Safarov brothers die?")
    assert lines[death + 1] == (
        " " * 14 + "● pushes-back 2025-07-01 (+4 d, family)  ·  "
        "●● tortured-in-baku 2025-07-02 (+5 d, ru-official, az-official)"
    )
    dated = [line[:10] for line in lines[2:] if re.match(r"\d{4}-\d\d-\d\d  ", line)]
    assert dated == sorted(dated)
    assert len(dated) == 13 + 2
    # A date's disputes come before what was published that day.
    published = lines.index(
        "2025-07-01  ■ pushes-back  “Azerbaijan pushes back against Russian power”  ·  "
        "cites 23 disputes"
    )
    assert lines[published - 2].startswith("2025-07-01  ◆ baku-arrests-date  ")
    assert lines[published + 1].startswith("2025-07-02  ■ tortured-in-baku  ")
    undated = lines.index("13 disputes without a date:")
    assert lines[undated + 1] == (
        " " * 12 + "◆ brothers-citizenship  Were the brothers Azerbaijani citizens only, or "
        "did they also hold Russian passports?"
    )
    assert lines[undated + 2] == " " * 14 + "●● pushes-back 2025-07-01 (critics, reporting)"
    assert "without a published date" not in out


def test_lags_undated_sources_and_uncited_disputes(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "c", DATED, SOURCES)
    code, out, err = run_cli("timeline", root)
    assert code == 1  # the undeclared source `ghost` is an error; all the rest is shown
    assert "contested check" in err
    assert out.splitlines()[2:] == [
        "2025-06-01  ◆ earlier  What happened in early June?",
        " " * 14 + "● early 2025-06-20 (+19 d, families)  ·  ● ghost undated (families)",
        "2025-06-20  ■ early  “Early notice”  ·  cites 2 disputes",
        "2025-06-27  ◆ raid  When did the raid begin?",
        " " * 14 + "● early 2025-06-20 (\u22127 d, police)  ·  "
        "●● late 2025-07-05 (+8 d, police, families)  ·  ● nodate undated (families)",
        "2025-06-27  ◆ same-day  Where was it?",
        " " * 14 + "● nodate undated (police)",
        "2025-07-05  ■ late  “Late report” (Daily)  ·  cites 2 disputes",
        "2025-07-10  ◆ uncited  What comes next?",
        " " * 14 + "no source cited",
        "",
        "1 dispute without a date:",
        " " * 12 + "◆ undated  Who ordered it?",
        " " * 14 + "● late 2025-07-05 (police)",
        "",
        "1 source without a published date:",
        " " * 12 + "■ nodate  “Undated note”  ·  cites 2 disputes",
    ]


def test_a_casebook_without_dates_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    text = undated(CLEAN)
    code, out, _ = run_cli("timeline", make_casebook(tmp_path / "c", text, SOURCES))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Timeline of Timeline test: 0 of 5 disputes dated, 0 of 3 sources with a published date."
    )
    assert lines[1:3] == ["", "5 disputes without a date:"]
    assert "3 sources without a published date:" in lines


def test_json_shape(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "c", CLEAN, SOURCES)
    code, out, _ = run_cli("timeline", root, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == [
        "casebook", "start", "end", "sides", "events", "undated", "publications"
    ]  # fmt: skip
    assert (data["casebook"], data["start"], data["end"]) == (
        "Timeline test", "2025-06-01", "2025-07-10"
    )  # fmt: skip
    assert data["sides"][0] == {"id": "police", "label": "Police", "colour": "#ff0000"}
    assert [e["dispute"] for e in data["events"]] == ["earlier", "raid", "same-day", "uncited"]
    raid = data["events"][1]
    assert raid == {
        "dispute": "raid",
        "question": "When did the raid begin?",
        "date": "2025-06-27",
        "citations": [
            {"source": "early", "published": "2025-06-20", "lag_days": -7,
             "sides": ["police"], "evidence": [{"position": 0, "evidence": 1}]},
            {"source": "late", "published": "2025-07-05", "lag_days": 8,
             "sides": ["police", "families"],
             "evidence": [{"position": 0, "evidence": 0}, {"position": 0, "evidence": 2},
                          {"position": 1, "evidence": 0}]},
            {"source": "nodate", "published": None, "lag_days": None,
             "sides": ["families"], "evidence": [{"position": 1, "evidence": 1}]},
        ],
    }  # fmt: skip
    assert data["undated"][0]["date"] is None
    assert data["undated"][0]["citations"][0]["lag_days"] is None
    assert data["publications"] == [
        {"source": "early", "title": "Early notice", "outlet": None,
         "published": "2025-06-20", "disputes": ["raid", "earlier"]},
        {"source": "late", "title": "Late report", "outlet": "Daily",
         "published": "2025-07-05", "disputes": ["raid", "undated"]},
        {"source": "nodate", "title": "Undated note", "outlet": None, "published": None,
         "disputes": ["raid", "same-day"]},
    ]  # fmt: skip


def test_json_of_the_bundled_casebook(run_cli: RunCli) -> None:
    code, out, _ = run_cli("timeline", BUNDLED, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["events"]) == 13
    assert len(data["undated"]) == 13
    lags = [c["lag_days"] for e in data["events"] for c in e["citations"]]
    assert min(lags) == 1
    assert max(lags) == 188


HOSTILE = """\
title: "Hostile [bold red]title[/] <script>x</script>"
sides:
  police: {label: "[link=https://evil]Police[/link]", colour: "#ff0000"}
sources:
  report: {file: sources/report.txt, title: "Report \\e]0;pwned\\a [blink]x[/blink]",
           published: 2025-07-01, outlet: "Out\\e[2Jlet"}
disputes:
  - id: raid
    question: "When \\e[31mdid[/red] it <b>begin</b>? \\u202e reversed"
    date: 2025-06-27
    positions:
      - side: police
        holder: P
        claim: C
        evidence:
          - {source: report, quote: The raid began at dawn.}
"""


def hostile_root(tmp_path: Path) -> Path:
    return make_casebook(
        tmp_path / "h", HOSTILE, {"sources/report.txt": "The raid began at dawn.\n"}
    )


def test_hostile_text_is_shown_inert(run_cli: RunCli, tmp_path: Path) -> None:
    root = hostile_root(tmp_path)
    code, out, _ = run_cli("timeline", root)
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\u202e" not in out
    assert "[bold red]title[/]" in out  # markup is text
    assert "did[/red] it <b>begin</b>?" in out
    assert "[blink]x[/blink]" in out
    # On a terminal (colour forced), the only escapes are Rich's own colours.
    env = {k: v for k, v in os.environ.items() if k not in COLOUR_ENV}
    env.update(FORCE_COLOR="1", COLUMNS="200")
    done = subprocess.run(
        [str(CONTESTED), "timeline", str(root)], capture_output=True, text=True, env=env,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "\x1b]" not in done.stdout
    assert "\x07" not in done.stdout
    plain = ANSI.sub("", done.stdout)
    assert "\x1b" not in plain
    assert "[bold red]title[/]" in plain
    assert "did[/red] it <b>begin</b>?" in plain
    # the side's ● carries its colour (#ff0000: red in any colour system)
    assert re.search(r"\x1b\[[0-9;]*(?:31|91|38;5;196|38;2;255;0;0)[0-9;]*m●", done.stdout)


def test_json_escapes_nothing_raw(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, _ = run_cli("timeline", hostile_root(tmp_path), "--format", "json")
    assert code == 0
    assert "\x1b" not in out
    assert "\u202e" not in out
    data = json.loads(out)
    assert "<b>begin</b>" in data["events"][0]["question"]


def test_exit_statuses(run_cli: RunCli, tmp_path: Path) -> None:
    code, out, err = run_cli("timeline", tmp_path / "nowhere")
    assert code == 2
    assert out == ""
    assert "no casebook at" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    code, _, err = run_cli("timeline", bad)
    assert code == 2
    assert "bad.yaml:" in err
    assert "invalid YAML" in err
    # A dispute file that cannot be read: the rest is shown, exit 1, and stderr says why.
    text = CLEAN.replace("disputes:\n", "include: [more/*.yaml]\ndisputes:\n", 1)
    root = make_casebook(tmp_path / "c", text, SOURCES, {"more/b.yaml": "disputes: [\n"})
    code, out, err = run_cli("timeline", root)
    assert code == 1
    assert "◆ raid" in out
    assert "The casebook has errors" in err
    assert "contested check" in err
    code, _, err = run_cli("timeline", BUNDLED, "--format", "xml")
    assert code == 2
    assert "invalid choice: 'xml'" in err


def test_casebook_found_from_the_working_directory(run_cli: RunCli, tmp_path: Path) -> None:
    root = make_casebook(tmp_path / "c", CLEAN, SOURCES)
    code, out, _ = run_cli("-C", root, "timeline", "--format", "json")
    assert code == 0
    assert json.loads(out)["casebook"] == "Timeline test"


def test_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    disputes = "".join(
        f"  - id: d{n}\n    question: Question {n}, long enough to fill a pipe quickly?\n"
        f"    date: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
        "    positions:\n"
        "      - {side: police, holder: P, claim: C, evidence: "
        "[{source: late, quote: The raid began at dawn.}]}\n"
        for n in range(1500)
    )
    root = make_casebook(tmp_path / "big", CLEAN + disputes, SOURCES)
    for form in ("", "--format json"):
        line = f"{shlex.quote(str(CONTESTED))} timeline {form} {shlex.quote(str(root))}"
        line += " | head -1 >/dev/null; echo ${PIPESTATUS[0]}"
        done = subprocess.run(["bash", "-c", line], capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() == "141", done.stderr
        assert "Traceback" not in done.stderr
        assert "Error" not in done.stderr
