"""A pager for output longer than the screen, as git and gh page theirs.

The command is CQSC_PAGER, else PAGER, else ``less -FRX`` (LESS=FRX and LV=-c are set for it where unset,
as git does); an empty value or ``cat`` means none. It is split into words as a shell would (shlex) and run
without a shell. Output is paged only on a terminal: never when stdout is a pipe or a file, never in CI
(``CI`` set to anything but ``0`` or ``false``), never with ``cqsc --no-pager``. A pager that cannot start
means the text is written directly; one the user quits early ends the writing quietly, and while it runs
Ctrl-C belongs to it.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping

DEFAULT = "less -FRX"
DEFAULT_LINES = 24


def command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager's words from the environment; None for no pager."""
    env = os.environ if environ is None else environ
    value = next((env[name] for name in ("CQSC_PAGER", "PAGER") if name in env), DEFAULT)
    try:
        argv = shlex.split(value)
    except ValueError:  # an unclosed quote: no pager rather than a guess
        return None
    if not argv or argv == ["cat"]:
        return None
    return argv


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    value = (os.environ if environ is None else environ).get("CI", "").strip().lower()
    return value not in ("", "0", "false", "no")


def screen_lines() -> int:
    """LINES if it is a sensible height, else the terminal's own, else 24."""
    from cqsc.model.environment import env_int

    lines = env_int("LINES", 2, 100_000, strict=False)
    if lines is not None:
        return lines
    import shutil

    return shutil.get_terminal_size((80, DEFAULT_LINES)).lines or DEFAULT_LINES


def longer_than_screen(text: str, width: int) -> bool:
    """True when ``text`` takes more lines than the screen shows (a line wider than the screen counts twice or more)."""
    height = screen_lines()
    used = 0
    for line in text.splitlines():
        used += 1 + max(0, len(line) - 1) // max(width, 1)
        if used >= height:
            return True
    return False


def write(text: str, *, tty: bool, width: int, disabled: bool = False) -> None:
    """Write ``text`` to stdout, through the pager where one is wanted and starts (``disabled``: --no-pager)."""
    argv = None if disabled or not tty or in_ci() or not _stdout_is_terminal() else command()
    if argv is None or not longer_than_screen(text, width) or not _page(text, argv):
        sys.stdout.write(text)


def _stdout_is_terminal() -> bool:
    """The pager writes to the process's own stdout: it must be the terminal itself, not a stand-in for it."""
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        return False


def _page(text: str, argv: list[str]) -> bool:
    """Feed ``text`` to the pager and wait for it; False if it could not be started."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    main = threading.current_thread() is threading.main_thread()
    saved = {}
    if main:
        # The pager owns the keyboard: Ctrl-C is for it, and a pager that quits early is not an error.
        for name in ("SIGINT", "SIGPIPE"):
            sig = getattr(signal, name, None)
            if sig is not None:
                saved[sig] = signal.signal(sig, signal.SIG_IGN)
    try:
        assert proc.stdin is not None
        try:
            proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        except (BrokenPipeError, OSError):
            pass  # the user quit the pager before the end
        try:
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        proc.wait()
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    return True
