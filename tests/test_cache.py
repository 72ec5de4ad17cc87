"""The cache of validated data: never a source of wrong answers, never in the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _cqsc(*args: str, cache: Path, env: dict[str, str] | None = None, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    base = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    base.pop("CQSC_DATA_DIR", None)
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "cqsc", *args], capture_output=True, text=True, env=base, timeout=120)


def _imported(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_warm_run_imports_neither_yaml_nor_pydantic(tmp_path: Path):
    cold = _cqsc("projects", "--sector", "transport", cache=tmp_path, importtime=True)
    warm = _cqsc("projects", "--sector", "transport", cache=tmp_path, importtime=True)
    assert cold.returncode == warm.returncode == 0
    assert {"yaml", "pydantic"} <= _imported(cold.stderr)
    assert not {"yaml", "pydantic", "pydantic_core", "cqsc.loader", "cqsc.yamlsafe"} & _imported(warm.stderr)
    assert warm.stdout == cold.stdout
    assert len(list((tmp_path / "cqsc").glob("*.pickle"))) == 1


def test_an_edit_is_seen_at_once(run, data_copy: Path, private_cache: Path):
    args = ("projects", "--sector", "transport", "-f", "json", "--data-dir", str(data_copy))
    assert json.loads(run(*args).stdout)["total"]["amount"] == "4516"
    assert json.loads(run(*args).stdout)["total"]["amount"] == "4516"  # from the cache
    path = data_copy / "projects.yaml"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 4516\n", "amount: 4517\n", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: the key is the content
    assert json.loads(run(*args).stdout)["total"]["amount"] == "4517"
    assert len(list(private_cache.glob("*.pickle"))) == 2


def test_an_edit_that_breaks_the_data_is_reported_not_served_from_the_cache(run, data_copy: Path, private_cache: Path):
    assert run("summary", "--data-dir", str(data_copy)).exit_code == 0
    path = data_copy / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  area: 6\n", "  area: 16\n", 1), encoding="utf-8")
    for _ in range(2):  # bad data is never cached, so it is reported every time
        result = run("summary", "--data-dir", str(data_copy))
        assert result.exit_code == 1 and "area" in result.stderr
    assert len(list(private_cache.glob("*.pickle"))) == 1


@pytest.mark.parametrize("how", ["option", "env"])
def test_no_cache(run, private_cache: Path, how: str):
    if how == "option":
        result = run("summary", "--no-cache")
    else:
        result = run("summary", env={"CQSC_NO_CACHE": "1"})
    assert result.exit_code == 0
    assert not private_cache.exists() or not list(private_cache.glob("*.pickle"))


def test_a_corrupt_entry_is_ignored_and_replaced(run, private_cache: Path):
    first = run("projects", "--sector", "logistics").stdout
    (entry,) = private_cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert run("projects", "--sector", "logistics").stdout == first
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_is_no_obstacle(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    result = _cqsc("projects", "--sector", "transport", cache=blocker)
    assert result.returncode == 0 and "451.6 bn of 556.3 bn (81.2%)" in result.stdout
    assert result.stderr == ""


def test_concurrent_runs_agree(tmp_path: Path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("CQSC_DATA_DIR", None)
    procs = [
        subprocess.Popen([sys.executable, "-m", "cqsc", "summary", "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len({out for out, _ in outs}) == 1 and all(err == "" for _, err in outs)
    assert len(list((tmp_path / "cqsc").glob("*.pickle"))) == 1
    assert not list((tmp_path / "cqsc").glob(".tmp-*"))


def test_check_from_the_cache_finds_the_same_problems(run):
    first = run("check", "--as-of", "2026-11-22")
    second = run("check", "--as-of", "2026-11-22")  # served from the cache, positions read again on demand
    assert first.stdout == second.stdout and first.exit_code == second.exit_code == 0
    assert "data/projects.yaml:" in second.stdout or "projects.yaml:" in second.stdout
