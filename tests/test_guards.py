"""Issue 21's guards: dates matched whole, a cache that only stores, baselines and environment values read
strictly, site folders updated by manifest, text that cannot hide in HTML or the terminal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "COLUMNS": "100", **extra}
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    for name in ("CQSC_DATA_DIR", "CQSC_NO_CACHE", "CQSC_INCREMENTAL_MIN", "SOURCE_DATE_EPOCH"):
        if name not in extra:
            env.pop(name, None)
    return env


def _cqsc(tmp_path: Path, *args: str, timeout: float = 60, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cqsc", *args], capture_output=True, text=True, env=_env(tmp_path, **env), timeout=timeout, cwd=cwd or tmp_path
    )


# --- dates: the whole string, nothing after it ------------------------------------------


@pytest.mark.parametrize("tail", ["\\n", " "])
def test_a_date_with_a_trailing_newline_or_space_is_refused_in_the_data(run, data_copy: Path, tail: str):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: '2020-09-30'", f'date: "2020-09-30{tail}"', 1), encoding="utf-8")
    for args in (("projects", "-f", "json"), ("projects", "-f", "csv"), ("export", "-f", "oc4ids")):
        result = run(*args, "--data-dir", str(data_copy))
        assert (result.exit_code, result.stdout) == (1, ""), args
    check = run("check", "--data-dir", str(data_copy))
    assert check.exit_code == 1 and "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got '2020-09-30" in check.stdout


@pytest.mark.parametrize("value", ["2025-06-30\n", "2025-06-30 ", "2025-06\n", "2025\n"])
def test_record_refuses_a_date_with_a_trailing_newline_or_space(run, data_copy: Path, value: str):
    before = (data_copy / "projects.yaml").read_bytes()
    result = run(
        "record", "milestone", "chengdawan-hsr", "--kind", "reported_under_construction", "--date", value, "--label", "x",
        "--source", "https://example.gov.cn/a.html", "--data-dir", str(data_copy),
    )  # fmt: skip
    assert result.exit_code == 2 and "--date" in result.output
    assert (data_copy / "projects.yaml").read_bytes() == before
