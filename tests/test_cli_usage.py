"""The command line as a user meets it: help that reads, short errors, examples that run, outputs kept."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import DATA, ENV
from typer.testing import CliRunner

from cqsc.cli.app import app

BIN = str(Path(sys.executable).parent)


def _commands() -> list[tuple[list[str], object]]:
    """Every command and subcommand, with the words that name it."""
    out = []

    def walk(words: list[str], cmd: object) -> None:
        out.append((words, cmd))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk([*words, name], sub)

    walk([], typer.main.get_command(app))
    return out


COMMANDS = _commands()


def _help(words: list[str]) -> str:
    result = CliRunner().invoke(app, [*words, "--help"], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def cqsc(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cqsc", *args], capture_output=True, text=True, env={**os.environ, **ENV, **(env or {})}, check=False, **kw  # type: ignore[call-overload]
    )


@pytest.mark.parametrize("words", [w for w, _ in COMMANDS], ids=lambda w: " ".join(w) or "cqsc")
def test_help_names_what_goes_there_not_a_type(words: list[str]) -> None:
    text = _help(words)
    assert not re.search(r"<\w[\w\s\[\]]*>|\{\w+\}|\b(INTEGER|PATH|FLOAT|BOOLEAN)\b|\w\|\w|\[x[<>]=?", text), text


def test_a_negative_limit_is_refused_in_words() -> None:
    result = CliRunner().invoke(app, ["projects", "--limit", "-1"], env=ENV)
    assert result.exit_code == 2 and "or 0 for all" in result.stderr and "x>=0" not in result.stderr


def _examples() -> list[str]:
    found = []
    for _, cmd in COMMANDS:
        found += re.findall(r"^\s*Example: (.+)$", getattr(cmd, "help", None) or "", re.M)
    return found


@pytest.mark.parametrize("example", _examples())
def test_every_help_example_runs(example: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(Path(__file__).resolve().parent.parent / "schema", tmp_path / "schema")
    env = {**os.environ, **ENV, "CQSC_DATA_DIR": str(data), "PATH": BIN + os.pathsep + os.environ["PATH"], "CQSC_NO_CACHE": "1"}
    done = subprocess.run(example, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{example}\n{done.stderr}"


def test_a_misspelt_sector_is_two_lines_with_the_right_one_suggested() -> None:
    done = cqsc("projects", "--sector", "transprt", env={"CI": "true"})
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert 1 <= len(lines) <= 2 and "transport" in lines[0]
    assert not any(c in done.stderr for c in "╭│╰")


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        (["projects", "--status", "completed"], "completion"),
        (["projects", "--subsector", "expresway"], "expressway"),
        (["projects", "--sort", "amont"], "amount"),
        (["projects", "--columns", "id,stauts"], "status"),
        (["record", "milestone", "x", "--kind", "completd"], "completion"),
    ],
)
def test_closed_choices_suggest_the_closest(args: list[str], suggested: str) -> None:
    result = CliRunner().invoke(app, args, env=ENV)
    assert result.exit_code == 2
    assert suggested in result.stderr and len(result.stderr.splitlines()) <= 2


@pytest.mark.parametrize("value", ["new-infrastructure", "New infrastructure", "新基建", "交通", "TRANSPORT"])
def test_the_data_id_forms_and_labels_are_accepted(value: str) -> None:
    result = CliRunner().invoke(app, ["projects", "--sector", value, "-f", "json"], env=ENV)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["projects"]


def test_append_to_stdout_keeps_what_the_file_held(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_text("x\n")
    with f.open("ab") as out:
        done = subprocess.run([sys.executable, "-m", "cqsc", "tasks", "-o", "/dev/stdout", "-f", "csv"], stdout=out, stderr=subprocess.PIPE, env={**os.environ, **ENV}, check=False)
    assert done.returncode == 0
    lines = f.read_text().splitlines()
    assert lines[0] == "x" and lines[1].startswith("number,")


def test_stdout_in_a_pipe_is_written_through() -> None:
    done = cqsc("tasks", "-o", "/dev/stdout", "-f", "csv")
    assert done.returncode == 0 and done.stdout.startswith("number,")


def test_an_extension_that_names_no_format_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["projects", "-o", str(tmp_path / "out.xlsx")], env=ENV)
    assert result.exit_code == 2 and "csv" in result.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_info_refuses_csv_and_says_what_the_data_holds() -> None:
    assert CliRunner().invoke(app, ["info", "-f", "csv"], env=ENV).exit_code == 2
    record = json.loads(CliRunner().invoke(app, ["info", "-f", "json"], env=ENV).stdout)
    assert record["format_version"] >= 2
    assert record["counts"]["projects"] == 31 and record["counts"]["tasks"] == 36
    assert record["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert record["latest_fact"]
    assert set(record["git"]) == {"commit", "uncommitted_edits", "unknown_because"}


def test_a_missing_data_folder_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["projects", "--data-dir", "/nonexistent/cqsc"], env=ENV)
    assert result.exit_code == 2 and "/nonexistent/cqsc" in result.stderr


@pytest.mark.parametrize("command", ["timeline", "changes"])
def test_a_range_that_runs_backwards_is_refused_alike(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--from", "2025", "--to", "2024"], env=ENV)
    assert result.exit_code == 2 and "--from" in result.stderr


def test_timeline_shows_the_latest_event_first() -> None:
    events = json.loads(CliRunner().invoke(app, ["timeline", "-f", "json"], env=ENV).stdout)["events"]
    latest = max(e["date"] for e in events)
    shown = CliRunner().invoke(app, ["timeline"], env=ENV).stdout
    assert latest in shown and "--sort date" in shown


def test_old_option_names_still_work_with_a_warning(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out-dir", str(tmp_path)], env=ENV)
    assert result.exit_code == 0 and "deprecated" in result.stderr
    assert CliRunner().invoke(app, ["check", "-f", "text"], env=ENV).exit_code in (0, 1)
    assert "--out-dir" not in _help(["schema"]) and "text" not in _help(["check"]).split("--format")[1].split("\n")[0]


def test_counts_are_in_words() -> None:
    text = CliRunner().invoke(app, ["summary"], env=ENV).stdout
    assert "36 tasks in 9 areas" in text
