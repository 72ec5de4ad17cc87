"""The pager: output longer than the screen goes through CQSC_PAGER (else PAGER, else less -FRX) on a terminal
only; never piped, never in CI, never with --no-pager; a pager that cannot start or quits early costs nothing.

The terminal is a real pseudo-terminal (the pty module), the pager a script that keeps what it was given.
"""

from __future__ import annotations

import os
import pty
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA

from cqsc.output import pager

LONG = ["projects", "--as-of", "2026-11-22"]  # about 80 lines at 80 columns
SHORT = ["projects", "--search", "chengdawan", "--columns", "id,status", "-q"]  # a few lines


@pytest.fixture
def fake_pager(tmp_path: Path) -> Path:
    """A pager that writes what it reads to a file beside it, and its arguments to another."""
    script = tmp_path / "fake pager"
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib\nhere = pathlib.Path(sys.argv[0])\n"
                      "pathlib.Path(str(here) + '.args').write_text(' '.join(sys.argv[1:]))\n"
                      "pathlib.Path(str(here) + '.got').write_bytes(sys.stdin.buffer.read())\n")
    script.chmod(0o755)
    return script


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PAGER", "CQSC_PAGER", "NO_COLOR", "COLUMNS", "LINES")}
    env.update({"CQSC_DATA_DIR": str(DATA), "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "80", "LINES": "24"})
    env.update(extra)
    return env


def _on_a_terminal(args: list[str], env: dict[str, str], timeout: float = 60) -> tuple[str, int]:
    """Run cqsc with its stdout (and stdin, stderr) a pseudo-terminal: what reached the terminal, and the exit status."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: cqsc on the terminal
        os.execve(sys.executable, [sys.executable, "-m", "cqsc", *args], env)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child has gone: EIO on Linux
            break
        if not data:
            break
        chunks.append(data)
    else:
        os.kill(pid, 9)
        pytest.fail("cqsc did not finish on the terminal")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"), os.waitstatus_to_exitcode(status)


@pytest.mark.slow  # subprocesses on a pseudo-terminal
def test_output_longer_than_the_screen_goes_through_the_pager(fake_pager: Path):
    shown, code = _on_a_terminal(LONG, _env(CQSC_PAGER=f"'{fake_pager}' --one 'two words'", PAGER="nonsense"))
    assert code == 0
    got = Path(str(fake_pager) + ".got").read_text(encoding="utf-8")
    assert "chengdawan-hsr" in got and "31 projects." in got
    assert "chengdawan-hsr" not in shown  # the terminal got it from the pager (which shows nothing here)
    assert Path(str(fake_pager) + ".args").read_text() == "--one two words"  # split as a shell splits words, no shell


@pytest.mark.slow
def test_pager_falls_back_to_pager_variable(fake_pager: Path):
    _, code = _on_a_terminal(LONG, _env(PAGER=shlex.quote(str(fake_pager))))
    assert code == 0
    assert "chengdawan-hsr" in Path(str(fake_pager) + ".got").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, extra",
    [
        (SHORT, {}),  # shorter than the screen
        (["--no-pager", *LONG], {}),
        (LONG, {"CI": "true"}),
        (LONG, {"LINES": "500"}),  # the screen holds it all
    ],
    ids=["short", "no-pager", "ci", "tall-screen"],
)
def test_no_pager_when_not_wanted(fake_pager: Path, args: list[str], extra: dict[str, str]):
    shown, code = _on_a_terminal(args, _env(CQSC_PAGER=shlex.quote(str(fake_pager)), **extra))
    assert code == 0
    assert not Path(str(fake_pager) + ".got").exists()
    assert "chengdawan-hsr" in shown


@pytest.mark.slow
@pytest.mark.parametrize("value", ["", "cat", "  "])
def test_empty_pager_or_cat_means_none(value: str, fake_pager: Path):
    shown, code = _on_a_terminal(LONG, _env(CQSC_PAGER=value, PAGER=shlex.quote(str(fake_pager))))
    assert code == 0
    assert "31 projects." in shown
    assert not Path(str(fake_pager) + ".got").exists()


@pytest.mark.slow
def test_a_pager_that_cannot_start_means_direct_output(tmp_path: Path):
    shown, code = _on_a_terminal(LONG, _env(CQSC_PAGER=str(tmp_path / "no such pager")))
    assert code == 0
    assert "31 projects." in shown and "Traceback" not in shown


@pytest.mark.slow
def test_a_pager_quit_early_ends_the_output_quietly(tmp_path: Path):
    quitter = tmp_path / "quitter"
    quitter.write_text("#!/bin/sh\nexit 0\n")  # reads nothing: the user pressed q at once
    quitter.chmod(0o755)
    start = time.monotonic()
    # JSON of every project is far more than a pipe holds, so the write meets the closed pipe.
    shown, code = _on_a_terminal(["projects", "--format", "json"], _env(CQSC_PAGER=str(quitter)), timeout=30)
    assert code == 0
    assert "Traceback" not in shown and "Broken pipe" not in shown
    assert time.monotonic() - start < 30


@pytest.mark.slow
def test_piped_output_is_never_paged(fake_pager: Path):
    for args in (LONG, ["projects", "--format", "json"], ["projects", "--format", "csv"]):
        result = subprocess.run([sys.executable, "-m", "cqsc", *args], check=False, env=_env(CQSC_PAGER=shlex.quote(str(fake_pager))), capture_output=True, text=True, timeout=60)
        assert result.returncode == 0
        assert "chengdawan-hsr" in result.stdout
    assert not Path(str(fake_pager) + ".got").exists()


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, ["less", "-FRX"]),
        ({"PAGER": "more"}, ["more"]),
        ({"PAGER": "more", "CQSC_PAGER": "less -S"}, ["less", "-S"]),
        ({"CQSC_PAGER": "", "PAGER": "more"}, None),
        ({"PAGER": "cat"}, None),
        ({"PAGER": "'my pager' --x"}, ["my pager", "--x"]),
        ({"PAGER": "less 'unclosed"}, None),
        ({"PAGER": "less; rm -rf x"}, ["less;", "rm", "-rf", "x"]),  # words, never a shell: no command runs after it
    ],
)
def test_pager_command_from_the_environment(env: dict[str, str], expected: list[str] | None):
    assert pager.command(env) == expected


@pytest.mark.parametrize("value, ci", [("true", True), ("1", True), ("", False), ("false", False), ("0", False)])
def test_ci_variable(value: str, ci: bool):
    assert pager.in_ci({"CI": value}) is ci


@pytest.mark.slow  # starts a process
def test_writing_to_a_pager_that_has_quit_stops_quietly(tmp_path: Path):
    quitter = tmp_path / "quitter"
    quitter.write_text("#!/bin/sh\nexec 0<&-\nexit 0\n")  # closes what it would read, at once
    quitter.chmod(0o755)
    start = time.monotonic()
    assert pager._page("a line of output\n" * 200_000, [str(quitter)]) is True  # 3.4 MB: far more than a pipe holds
    assert time.monotonic() - start < 30
    assert pager._page("text\n", [str(tmp_path / "absent")]) is False  # could not start: the caller writes it
