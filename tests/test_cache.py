"""The cache of validated data: never a source of wrong answers, never in the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA


def _entries(folder: Path) -> int:
    """How many entries the cache database holds."""
    import sqlite3

    db_path = folder / "cache.sqlite3"
    if not db_path.exists():
        return 0
    db = sqlite3.connect(db_path)
    try:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        db.close()


def _cqsc(*args: str, cache: Path, env: dict[str, str] | None = None, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    base = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    base["CQSC_DATA_DIR"] = str(DATA)  # the frozen copy, as in every test
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "cqsc", *args], capture_output=True, text=True, env=base, timeout=120, check=False)


def _imported(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_warm_run_imports_neither_yaml_nor_pydantic(tmp_path: Path):
    cold = _cqsc("projects", "--sector", "transport", cache=tmp_path, importtime=True)
    warm = _cqsc("projects", "--sector", "transport", cache=tmp_path, importtime=True)
    assert cold.returncode == warm.returncode == 0
    assert {"yaml", "pydantic"} <= _imported(cold.stderr)
    assert not {"yaml", "pydantic", "pydantic_core", "cqsc.loading.yamlsafe"} & _imported(warm.stderr)
    assert warm.stdout == cold.stdout
    assert _entries(tmp_path / "cqsc") == 1


def test_an_edit_is_seen_at_once(run, data_copy: Path, private_cache: Path):
    args = ("projects", "--sector", "transport", "-f", "json", "--data-dir", str(data_copy))
    assert json.loads(run(*args).stdout)["total"]["amount"] == "4516"
    assert json.loads(run(*args).stdout)["total"]["amount"] == "4516"  # from the cache
    path = data_copy / "projects.yaml"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 4516\n", "amount: 4517\n", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: the key is the content
    assert json.loads(run(*args).stdout)["total"]["amount"] == "4517"
    assert _entries(private_cache) == 2


def test_an_edit_that_breaks_the_data_is_reported_not_served_from_the_cache(run, data_copy: Path, private_cache: Path):
    assert run("summary", "--data-dir", str(data_copy)).exit_code == 0
    path = data_copy / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  area: 6\n", "  area: 16\n", 1), encoding="utf-8")
    for _ in range(2):  # bad data is never cached, so it is reported every time
        result = run("summary", "--data-dir", str(data_copy))
        assert result.exit_code == 1 and "area" in result.stderr
    assert _entries(private_cache) == 1


@pytest.mark.parametrize("how", ["option", "env"])
def test_no_cache(run, private_cache: Path, how: str):
    if how == "option":
        result = run("summary", "--no-cache")
    else:
        result = run("summary", env={"CQSC_NO_CACHE": "1"})
    assert result.exit_code == 0
    assert _entries(private_cache) == 0


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        "[1, 2]",
        '{"projects": null, "count": 0, "tasks": null, "annual": null, "files": []}',
        '{"projects": {"sources": [], "aggregates": [], "projects": []}, "tasks": null, "annual": null, "files": ["projects"]}',
        '{"projects": {"sources": [], "aggregates": [], "projects": [{"id": "x"}]}, "count": 0, "tasks": null, "annual": null, "files": ["projects"]}',
        '{"projects": {"sources": [], "aggregates": [{"id": "a", "label_en": "A", "count": 1, "amount": "NaN", "as_of": "2020", "sources": ["s"]}], "projects": []}, "count": 0, "tasks": null, "annual": null, "files": ["projects"]}',
        '{"projects": {"sources": [], "aggregates": [], "projects": [], "evil": 1}, "count": 0, "tasks": null, "annual": null, "files": ["projects"]}',
        '{"projects": {"sources": [], "aggregates": [], "projects": []}, "count": -1, "tasks": null, "annual": null, "files": ["projects"]}',
        '{"projects": {"sources": [], "aggregates": [], "projects": []}, "count": true, "tasks": null, "annual": null, "files": ["projects"]}',
    ],
)
def test_a_corrupt_or_foreign_entry_is_a_miss(run, private_cache: Path, payload: str):
    """Whatever an entry holds, it is rebuilt field by field and type by type, or not used at all."""
    import sqlite3

    first = run("projects", "--sector", "logistics").stdout
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    db.execute("UPDATE entries SET payload = ?", (payload,))
    db.commit()
    db.close()
    assert run("projects", "--sector", "logistics").stdout == first
    assert run("projects", "--sector", "logistics").stdout == first  # stored anew, and served


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE records SET data = 'not json' WHERE idx = 20",
        """UPDATE records SET data = '{"id": "x"}' WHERE idx = 20""",
        """UPDATE records SET data = '{"id": "x", "name_en": "X", "sector": "logistics", "sources": ["s"], "evil": 1}' WHERE idx = 20""",
        "DELETE FROM records WHERE idx = 20",
        # columns selection reads as they are: of the wrong shape, they are not used
        "UPDATE extras SET payload = '[1, 2]' WHERE name = 'column sector'",
        """UPDATE extras SET payload = replace(payload, '"logistics"', '"atlantis"') WHERE name = 'column sector'""",
        """UPDATE extras SET payload = replace(payload, '"sichuan"', '5') WHERE name = 'column provinces'""",
        "UPDATE extras SET payload = '[]' WHERE name = 'column id'",
        "DELETE FROM extras WHERE name = 'column subsector'",
        # a valid record in another's place: it does not match the columns selection read
        "UPDATE records SET data = (SELECT data FROM records WHERE idx = 21) WHERE idx = 20",
    ],
)
@pytest.mark.parametrize("args", [("projects", "--sector", "logistics", "-f", "json"), ("show", "chengyu-logistics-centre"), ("summary",)])
def test_a_damaged_record_is_read_from_the_data_files(run, private_cache: Path, tamper: str, args: tuple[str, ...]):
    """Records are rebuilt from the cache one by one when read; one that does not fit makes the run read the files."""
    import sqlite3

    first = run(*args)
    assert run(*args).stdout == first.stdout  # served from the cache
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == 31
    db.execute(tamper)
    db.commit()
    db.close()
    again = run(*args)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)


def test_a_warm_listing_builds_only_what_it_shows(private_cache: Path):
    """Selection and totals read the cached columns; only the rows shown are rebuilt into records."""
    from cqsc import queries
    from cqsc.loading import loader
    from cqsc.model.records import Sector
    from cqsc.store.rows import ProjectRows

    loader.load_data(DATA)
    ds, hit = loader.load_data(DATA)
    assert hit and isinstance(ds.projects.projects, ProjectRows)
    store = ds.projects.projects._store
    chosen = queries.select_projects(ds.projects.projects, queries.ProjectFilter(sectors=(Sector.transport,)))
    total = queries.total_for(ds.projects, chosen)
    assert (len(chosen), str(total.amount), len(store.built)) == (19, "4516", 0)
    assert [p.id for p in chosen[:3]] == chosen.column("id")[:3]
    assert len(store.built) == 3
    assert [p.id for p in ds.projects.projects] == store.col("id")  # all of them, when all are read


def test_a_planted_file_never_executes(run, private_cache: Path, tmp_path: Path):
    """A pickle (or anything else) at the cache's paths is data that does not parse, never code."""
    import pickle

    marker = tmp_path / "pwned"

    class Boom:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    private_cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    bomb = pickle.dumps(Boom())
    (private_cache / "cache.sqlite3").write_bytes(bomb)
    for name in ("0" * 64 + ".pickle", "x.pickle"):
        (private_cache / name).write_bytes(bomb)
    result = run("projects", "--sector", "transport")
    assert result.exit_code == 0 and "~451.6 bn of ~556.3 bn (81.2% of the portfolio)" in result.stdout
    assert not marker.exists()


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path):
    shared = tmp_path / "shared"
    (shared / "cqsc").mkdir(parents=True)
    os.chmod(shared / "cqsc", 0o777)
    result = _cqsc("projects", "--sector", "transport", cache=shared)
    assert result.returncode == 0 and "~451.6 bn of ~556.3 bn (81.2% of the portfolio)" in result.stdout
    assert result.stderr.count("\n") == 1 and "can be written by others; running without the cache" in result.stderr
    assert not (shared / "cqsc" / "cache.sqlite3").exists()


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_the_cache_folder_is_private(tmp_path: Path):
    assert _cqsc("projects", cache=tmp_path / "new").returncode == 0
    assert (tmp_path / "new" / "cqsc").stat().st_mode & 0o777 == 0o700


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch):
    from cqsc.store import cache

    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "cqsc"


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_an_unwritable_cache_is_no_obstacle(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    result = _cqsc("projects", "--sector", "transport", cache=blocker)
    assert result.returncode == 0 and "~451.6 bn of ~556.3 bn (81.2% of the portfolio)" in result.stdout
    assert "running without the cache" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_concurrent_runs_agree(tmp_path: Path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "100"}
    env["CQSC_DATA_DIR"] = str(DATA)
    procs = [
        subprocess.Popen([sys.executable, "-m", "cqsc", "summary", "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len({out for out, _ in outs}) == 1 and all(err == "" for _, err in outs)
    assert _entries(tmp_path / "cqsc") == 1


def test_check_from_the_cache_finds_the_same_problems(run):
    first = run("check", "--as-of", "2026-11-22")
    second = run("check", "--as-of", "2026-11-22")  # served from the cache, positions read again on demand
    assert first.stdout == second.stdout and first.exit_code == second.exit_code == 0
    assert "data/projects.yaml:" in second.stdout or "projects.yaml:" in second.stdout


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--as-of", "2026-11-22"),
        ("--as-of", "2026-11-22", "--stale-months", "60"),
        ("--as-of", "2021-06-30"),  # earlier than dates in the data: the day rules read the records
        ("--as-of", "2026-11-22", "--select", "CQ153"),
        ("--as-of", "2026-11-22", "--ignore", "CQ15", "--format", "json"),
        ("--as-of", "2026-11-22", "--strict", "--baseline", ".cqsc-baseline.json"),
    ],
)
def test_check_from_the_cache_agrees_with_a_check_without_it(run, private_cache: Path, args: tuple[str, ...]):
    """Results kept with the cache are those of the data-only rules; the day rules run each time."""
    fresh = run("check", *args, env={"CQSC_NO_CACHE": "1"})
    run("check")  # fill the cache and the rules' results
    for _ in range(2):
        warm = run("check", *args)
        assert (warm.exit_code, warm.stdout) == (fresh.exit_code, fresh.stdout)


@pytest.mark.parametrize(
    "payload",
    ["not json", "{}", '{"results": {}, "day": {}}', '{"results": {"CQ101": [["nowhere", 1, 1, "CQ101", "x", "error", "m", null, []]]}, "day": {}}'],
)
def test_damaged_rule_results_in_the_cache_are_worked_out_again(run, private_cache: Path, payload: str):
    import sqlite3

    first = run("check", "--as-of", "2026-11-22")
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    assert db.execute("UPDATE extras SET payload = ? WHERE name LIKE 'checks %'", (payload,)).rowcount == 1
    db.commit()
    db.close()
    again = run("check", "--as-of", "2026-11-22")
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_warm_check_does_not_parse_the_data_again(private_cache: Path, tmp_path: Path):
    """The warnings' positions are kept with the results: a warm check imports no YAML parser."""
    _cqsc("check", "--as-of", "2026-11-22", cache=private_cache.parent)
    warm = _cqsc("check", "--as-of", "2026-11-22", cache=private_cache.parent, importtime=True)
    assert warm.returncode == 0 and "projects.yaml:" in warm.stdout
    assert not {"yaml", "pydantic", "cqsc.loading.yamlsafe"} & _imported(warm.stderr)
