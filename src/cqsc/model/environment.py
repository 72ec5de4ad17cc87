"""Numbers read from environment variables: ASCII digits only, within bounds, or one clear error.

One parser for every variable that holds a number, so that `²`, `٣` (both digits to str.isdigit)
or a value out of range is a message naming the variable, never a traceback or a silent default.
"""

from __future__ import annotations

import os

from cqsc.model.errors import UsageError

# The last second whose day in Beijing (the data's time zone, UTC+8) datetime can show: 9999-12-31 23:59:59
# there. A later epoch has no date.
MAX_EPOCH = 253402300799 - 8 * 3600


class EnvError(UsageError):
    """An environment variable's value cannot be used; the message names the variable."""


def env_int(name: str, lo: int, hi: int, *, strict: bool = True) -> int | None:
    """The whole number in ``name``, None when unset or empty.

    Outside ASCII digits or ``lo``..``hi``: EnvError when ``strict``, else None (for variables such as
    COLUMNS that other tools set and that fall back to a default by convention).
    """
    value = os.environ.get(name, "")
    if value == "":
        return None
    if value.isascii() and value.isdigit() and len(value) <= len(str(hi)) and lo <= int(value) <= hi:
        return int(value)
    if not strict:
        return None
    shown = repr(value[:20]) + ("..." if len(value) > 20 else "")
    raise EnvError(f"{name}={shown} is not a whole number from {lo} to {hi} (ASCII digits only)")


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH: the second that stands for now in reproducible output, or None."""
    return env_int("SOURCE_DATE_EPOCH", 0, MAX_EPOCH)


def incremental_min() -> int | None:
    """CQSC_INCREMENTAL_MIN: the size of projects.yaml from which it is loaded item by item, or None."""
    return env_int("CQSC_INCREMENTAL_MIN", 0, 1 << 62)


def check() -> None:
    """Read every strict variable once, so that a bad value stops the run before any work (EnvError)."""
    source_date_epoch()
    incremental_min()
