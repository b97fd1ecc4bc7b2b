"""Who is reviewing: the `by:` written with each rating (and with a dispute's status).

A reviewer's name is one line of text: `status`, `show` and review.yaml print it on one
line, so a line break or another control character in it is refused (`unfit_name`).
"""

from __future__ import annotations

import getpass
import os
import re
import subprocess

from claims.review.errors import ReviewError

#: What a reviewer's name may not hold: C0/C1 controls (line breaks, escape), line and
#: paragraph separators, bidirectional controls (they reorder what follows on screen).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class ReviewerNameError(ReviewError):
    """`$CONTESTED_REVIEWER` (or a name given) is not one line of text."""


def unfit_name(name: str) -> str | None:
    """Why `name` cannot be a reviewer's name ("it holds a line break (U+000A)"), else None."""
    found = _NOT_ONE_LINE.search(name)
    if found is None:
        return None
    char = found.group()
    what = "a line break" if char in "\n\r\x85\u2028\u2029" else "a control character"
    return f"it holds {what} (U+{ord(char):04X}); a reviewer's name is one line of text"


def reviewer_name() -> str:
    """The reviewer's name: `$CONTESTED_REVIEWER` when set and not blank, else git's
    `user.name` (from `git config`, 2 s at most; any failure skips it; control characters
    in it become spaces), else the login name, else "unknown".

    Raises `ReviewerNameError` when `$CONTESTED_REVIEWER` holds a line break or another
    control character (it is the user's own setting: said, never silently changed)."""
    given = os.environ.get("CONTESTED_REVIEWER", "").strip()
    if given:
        why = unfit_name(given)
        if why is not None:
            raise ReviewerNameError(
                f"$CONTESTED_REVIEWER cannot be the reviewer's name: {why}; "
                "set it to your name on one line"
            )
        return given
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        name = done.stdout.strip() if done.returncode == 0 else ""
        name = " ".join(_NOT_ONE_LINE.sub(" ", name).split())
        if name:
            return name
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        pass
    try:
        return " ".join(_NOT_ONE_LINE.sub(" ", getpass.getuser()).split()) or "unknown"
    except (OSError, KeyError, ImportError):  # no login name (a container's odd uid)
        return "unknown"
