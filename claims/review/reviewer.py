"""Who is reviewing: the `by:` written with each rating."""

from __future__ import annotations

import getpass
import os
import subprocess


def reviewer_name() -> str:
    """The reviewer's name: `$CONTESTED_REVIEWER` when set and not blank, else git's
    `user.name` (from `git config`, 2 s at most; any failure skips it), else the login
    name, else "unknown". Never raises."""
    given = os.environ.get("CONTESTED_REVIEWER", "").strip()
    if given:
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
        if name:
            return name
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        pass
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):  # no login name (a container's odd uid)
        return "unknown"
