"""The command line as a whole: help, version, data location, output streams."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cqsc import __version__
from cqsc.cli.app import app

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"cqsc {__version__}\n"


def test_no_arguments_shows_help(run):
    result = run()
    assert result.exit_code == 2
    assert "Usage" in result.output and "projects" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: cqsc {command}" in result.stdout


def test_data_dir_option_and_environment(run, data_copy: Path):
    # Change the copy so that we can tell which data was read.
    text = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    (data_copy / "projects.yaml").write_text(text.replace("amount: 4516\n", "amount: 4517\n", 1), encoding="utf-8")
    by_option = json.loads(run("projects", "--sector", "transport", "-f", "json", "--data-dir", str(data_copy)).stdout)
    by_env = json.loads(run("projects", "--sector", "transport", "-f", "json", env={"CQSC_DATA_DIR": str(data_copy)}).stdout)
    bundled = json.loads(run("projects", "--sector", "transport", "-f", "json").stdout)
    assert by_option["total"]["amount"] == by_env["total"]["amount"] == "4517"
    assert bundled["total"]["amount"] == "4516"


def test_missing_data_dir(run, tmp_path: Path):
    result = run("summary", "--data-dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 2  # a folder that is not there is a usage error, not a problem of the data
    assert "nowhere: does not exist; give the folder that holds projects.yaml" in result.stderr
    assert result.stdout == ""


@pytest.mark.bundled_data
def test_runs_from_any_directory_as_a_module(tmp_path: Path):
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("CQSC_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "cqsc", "projects", "--sector", "transport"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "19 projects. Total: ~451.6 bn of ~556.3 bn (81.2% of the portfolio)." in proc.stdout
    assert proc.stderr == ""
    assert "\x1b[" not in proc.stdout  # piped: no colour codes
