"""A PDF read in a child process with a hard limit on its time and memory.

pdfminer's in-process bounds (`claims.sources.pdf`: pages, objects a page, bytes unpacked,
a time budget checked between operations) cannot interrupt a loop that never reaches a
check (a reference cycle pdfminer resolves forever, a recursion, one huge allocation).
So a PDF not in the cache is read in a child Python process (`python -P -m
claims.sources.pdfproc`, started afresh: no fork of a process that may have threads):
its address space limited to `MEGABYTES` MB (`resource.RLIMIT_AS`, where the platform
has it) and killed after `SECONDS` seconds of wall-clock time. Either limit is changed
by the environment variables `CONTESTED_PDF_SECONDS` and `CONTESTED_PDF_MB`. Reaching one
is a `SourceUnreadable` saying which and what to do. Starting the child costs about
0.1 s; a genuine 2,000-page report (about 35 ms a page) reads in about 70 s and 300 MB.

The parent sends the child a JSON line of the reader's settings (`SETTINGS`, so a
setting changed in this process holds there too) and then the file's bytes; the child
answers with one JSON object: the paragraphs and dropped records, or a refusal."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from claims.model import Paragraph
from claims.sources.document import Dropped, SourceUnreadable

SECONDS = 180.0  # wall-clock seconds for one file
MEGABYTES = 2048  # address space of the child, MB
ENV_SECONDS = "CONTESTED_PDF_SECONDS"
ENV_MEGABYTES = "CONTESTED_PDF_MB"
#: The reader's bounds (module attributes of `claims.sources.pdf`) sent to the child.
SETTINGS = (
    "MAX_PAGES",
    "MAX_OBJECTS",
    "MAX_CAPPED",
    "TIME_BUDGET",
    "PAGE_BUDGET",
    "CHECK_EVERY",
    "MAX_STREAM",
    "MAX_UNPACKED",
    "MAX_SAVES",
)
_FIELDS = ("number", "text", "line", "page", "page_paragraph", "page_end")


def limits() -> tuple[float, int]:
    """(seconds, megabytes) a PDF may take: `SECONDS` and `MEGABYTES`, or the environment's
    `CONTESTED_PDF_SECONDS` and `CONTESTED_PDF_MB` when they are positive numbers. Raises
    SourceUnreadable naming the variable when one is set to something else."""
    seconds, megabytes = SECONDS, float(MEGABYTES)
    for name in (ENV_SECONDS, ENV_MEGABYTES):
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0 < number < float("inf"):
            raise SourceUnreadable(
                f"{name} is {value[:20]!r}, not a positive number",
                f"set {name} to a number (e.g. {name}=300) or unset it",
            )
        if name == ENV_SECONDS:
            seconds = number
        else:
            megabytes = number
    return seconds, max(64, int(megabytes))


def read_apart(raw: bytes) -> tuple[list[Paragraph], list[Dropped]]:
    """`claims.sources.pdf.read_here(raw)` in a child process within `limits()`. Raises
    SourceUnreadable as that does, and when the child runs out of time ("reading stopped
    after 180 s: the PDF is too costly to read") or memory, or fails."""
    from claims.sources import pdf

    seconds, megabytes = limits()
    settings: dict[str, Any] = {name: getattr(pdf, name) for name in SETTINGS}
    # The reader's own budget ends first where it can, keeping the pages read by then.
    settings["TIME_BUDGET"] = min(pdf.TIME_BUDGET, seconds * 0.85)
    settings["PAGE_BUDGET"] = min(pdf.PAGE_BUDGET, seconds * 0.85)
    root = str(Path(__file__).resolve().parents[2])  # where this `claims` package is
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
    command = [sys.executable, "-P", "-m", "claims.sources.pdfproc", str(megabytes)]
    raise_it = "if it is genuine, split it or raise the limit with {} (now {})"
    try:
        done = subprocess.run(
            command,
            input=json.dumps(settings).encode() + b"\n" + raw,
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SourceUnreadable(
            f"reading stopped after {seconds:g} s: the PDF is too costly to read",
            raise_it.format(ENV_SECONDS, f"{seconds:g}"),
        ) from None
    except OSError as exc:
        raise SourceUnreadable(
            f"the PDF reader could not be started ({exc.strerror or exc})",
            "check that the Python running contested can start another process",
        ) from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or "memory" in answer or done.returncode != 0:
        if (isinstance(answer, dict) and "memory" in answer) or b"MemoryError" in done.stderr:
            raise SourceUnreadable(
                f"reading stopped: the PDF needs more than {megabytes:,} MB of memory to read",
                raise_it.format(ENV_MEGABYTES, megabytes),
            )
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        why = f"exit status {done.returncode}" + (f": {last[0][:120]}" if last[0] else "")
        raise SourceUnreadable(
            f"the PDF reader failed ({why})",
            "get a fresh copy, or repair it (e.g. `qpdf in.pdf out.pdf`) and use the result",
        )
    if "refused" in answer:
        reason, hint = answer["refused"]
        raise SourceUnreadable(str(reason), str(hint))
    paragraphs = [Paragraph(*(item[name] for name in _FIELDS)) for item in answer["paragraphs"]]
    dropped = [Dropped(*item) for item in answer["dropped"]]
    return paragraphs, dropped


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform (Windows): the time limit still holds
        return
    size = megabytes * 2**20
    with contextlib.suppress(ValueError, OSError):  # a lower limit already set holds
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def main(argv: list[str]) -> int:
    """The child: read settings and bytes from standard input, answer on standard output."""
    _limit_memory(int(argv[0]))
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the answer goes to the parent's pipe
    settings = json.loads(sys.stdin.buffer.readline())
    raw = sys.stdin.buffer.read()
    from claims.sources import pdf

    for name in SETTINGS:
        setattr(pdf, name, settings[name])
    answer: dict[str, Any]
    try:
        paragraphs, dropped = pdf.read_here(raw)
        answer = {
            "paragraphs": [{name: getattr(p, name) for name in _FIELDS} for p in paragraphs],
            "dropped": [[d.text, d.reason, d.where] for d in dropped],
        }
    except SourceUnreadable as why:
        answer = {"refused": [why.reason, why.hint]}
    except MemoryError:
        answer = {"memory": True}
    del raw
    try:
        out.write(json.dumps(answer).encode())
    except MemoryError:
        out.write(b'{"memory": true}')
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
