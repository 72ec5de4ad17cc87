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
        [sys.executable, "-m", "cqsc", *args], check=False, capture_output=True, text=True, env=_env(tmp_path, **env), timeout=timeout,
        cwd=cwd or tmp_path,
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
    )
    assert result.exit_code == 2 and "--date" in result.output
    assert (data_copy / "projects.yaml").read_bytes() == before


# --- a cache that only stores ---------------------------------------------------------------


def _db(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "cqsc" / "cache.sqlite3"


_PLANTS = [
    # Falsify every later run: on the warm run's touch of its entry, and on every record stored afterwards.
    "CREATE TRIGGER t1 AFTER UPDATE ON entries BEGIN UPDATE extras SET payload = replace(payload, 'transport', 'energy'); END",
    "CREATE TRIGGER t2 AFTER INSERT ON extras BEGIN UPDATE extras SET payload = replace(payload, 'transport', 'energy'); END",
    "CREATE VIEW v AS SELECT 1",
    "CREATE INDEX i ON extras (payload)",
    "PRAGMA user_version = 7",
]


@pytest.mark.parametrize("plant", _PLANTS)
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_planted_trigger_view_or_stamp_changes_no_output(tmp_path: Path, plant: str):
    args = ("projects", "--sector", "transport", "-f", "json")
    fresh = _cqsc(tmp_path, *args, CQSC_NO_CACHE="1")
    assert fresh.returncode == 0 and json.loads(fresh.stdout)["projects"]
    assert _cqsc(tmp_path, *args).stdout == fresh.stdout  # fills the cache
    db = sqlite3.connect(_db(tmp_path))
    db.execute(plant)
    db.commit()
    db.close()
    for _ in range(3):  # the run that meets it, and those after: each as without the cache, silently
        result = _cqsc(tmp_path, *args)
        assert (result.returncode, result.stdout, result.stderr) == (0, fresh.stdout, "")
    db = sqlite3.connect(_db(tmp_path))
    kinds = sorted(row[0] for row in db.execute("SELECT type FROM sqlite_master"))
    assert kinds == ["index", "table", "table", "table"] and db.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    db.close()


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_symlinked_cache_database_is_not_written_through(tmp_path: Path):
    folder = _db(tmp_path).parent
    folder.mkdir(parents=True, mode=0o700)
    target = tmp_path / "elsewhere.sqlite3"
    target.write_bytes(b"")
    _db(tmp_path).symlink_to(target)
    for _ in range(2):
        result = _cqsc(tmp_path, "projects", "--sector", "transport")
        assert result.returncode == 0 and "~451.6 bn of ~556.3 bn (81.2% of the portfolio)" in result.stdout
        assert result.stderr == f"warning: the cache folder {folder} has a cache database cache.sqlite3 that is a symbolic link; running without the cache\n"
    assert target.read_bytes() == b"" and _db(tmp_path).is_symlink()


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_symlinked_journal_is_not_written_through(tmp_path: Path):
    assert _cqsc(tmp_path, "summary").returncode == 0
    target = tmp_path / "elsewhere"
    target.write_bytes(b"keep")
    Path(str(_db(tmp_path)) + "-journal").symlink_to(target)
    result = _cqsc(tmp_path, "summary")
    assert result.returncode == 0 and "symbolic link; running without the cache" in result.stderr
    assert target.read_bytes() == b"keep"


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_locked_cache_database_is_skipped_without_hanging(tmp_path: Path):
    import time

    fresh = _cqsc(tmp_path, "summary", "-f", "json", CQSC_NO_CACHE="1").stdout
    assert _cqsc(tmp_path, "summary", "-f", "json").stdout == fresh
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
         "db.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(60)", str(_db(tmp_path))],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        start = time.monotonic()
        result = _cqsc(tmp_path, "summary", "-f", "json", timeout=30)
        assert time.monotonic() - start < 15
    finally:
        holder.kill()
        holder.wait()
    assert (result.returncode, result.stdout) == (0, fresh)
    assert result.stderr == f"warning: the cache folder {_db(tmp_path).parent} has a cache database another process holds locked; running without the cache\n"


def test_planted_entries_cannot_defeat_pruning(private_cache: Path):
    """Entries that sort above every real one (a time ahead, text, a NULL key) are pruned, never kept in its place."""
    from cqsc.loading import loader
    from cqsc.store import cache

    loader.load_data(DATA)  # creates the database
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    rows = [(f"{i:064x}", "{}", 1e308) for i in range(cache.KEEP + 4)]
    rows += [(f"{i:063x}t", "{}", "later") for i in range(cache.KEEP)] + [(None, "{}", 2e308), ("short", "{}", 1.0)]
    db.executemany("INSERT INTO entries (key, payload, used) VALUES (?, ?, ?)", rows)
    db.execute("INSERT INTO records (key, idx, data) VALUES ('orphan', 0, 'x')")
    db.commit()
    db.close()
    data = Path(str(DATA))
    other = loader.load_data(data, use_cache=True)
    assert other[1] is True  # the real entry is still there and served
    from cqsc.store import cache as c

    c.put(private_cache, "a" * 64, {}, ["x"])
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    keys = {k for (k,) in db.execute("SELECT key FROM entries")}
    orphans = db.execute("SELECT count(*) FROM records WHERE key NOT IN (SELECT key FROM entries WHERE key IS NOT NULL)").fetchone()[0]
    db.close()
    assert keys == {"a" * 64, cache.key(loader._read_all(DATA))} and orphans == 0
    assert loader.load_data(DATA)[1] is True


# --- baselines: read like data files ---------------------------------------------------------

TODAY = "2026-11-22"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": true, "accepted": []}', "b.json: baseline version true is not one this cqsc reads (it reads version 1)"),
        ('{"version": 1.0, "accepted": []}', "b.json: baseline version 1.0 is not one this cqsc reads (it reads version 1)"),
        ('{"version": 2, "accepted": []}', "b.json: baseline version 2 is not one this cqsc reads (it reads version 1)"),
        ('{"version": 1, "accepted": [], "more": 1}', "b.json: not a cqsc baseline (expected an object of a version and an 'accepted' list)"),
        ('{"version": 1, "version": 1, "accepted": []}', "b.json: not a cqsc baseline: the key 'version' appears twice in one object"),
        ('{"version": 1, "accepted": [{"rule": "CQ153", "file": "projects.yaml", "record": "x", "field": "", "count": ' + "9" * 5000 + "}]}",
         "b.json: not a cqsc baseline: the number 99999999999999999999... is too large"),
        ('{"version": 1, "accepted": [{"rule": "CQ153", "file": "projects.yaml", "record": "x", "field": "", "count": true}]}',
         "b.json: entry 1: count must be a whole number from 1 to 1000000"),
        ('{"version": 1, "accepted": [{"rule": "CQ153", "file": "projects.yaml", "record": "x", "field": "", "count": 0}]}',
         "b.json: entry 1: count must be a whole number from 1 to 1000000"),
        ('{"version": 1, "accepted": [{"rule": "CQ153", "file": "projects.yaml", "record": "x", "field": "", "count": 2.0}]}',
         "b.json: entry 1: count must be a whole number from 1 to 1000000"),
        ('{"version": 1, "accepted": [{"rule": "CQ153", "file": "projects.yaml", "record": "x", "field": "", "count": NaN}]}',
         "b.json: not a cqsc baseline: NaN is not a number a baseline can hold"),
        ('{"version": 1, "accepted": [' + "[" * 100000 + "]" * 100000 + "]}", "b.json: nested too deeply to be a cqsc baseline"),
        ('\ufeff{"version": 1, "accepted": []}', "b.json: starts with a byte order mark (BOM); save it as UTF-8 without one"),
    ],
    ids=["bool-version", "float-version", "unknown-version", "extra-key", "duplicate-key", "huge-count", "bool-count", "zero-count",
         "float-count", "nan", "deep", "bom"],
)
def test_a_strange_baseline_gets_one_clear_line(run, tmp_path: Path, content: str, message: str):
    base = tmp_path / "b.json"
    base.write_text(content, encoding="utf-8")
    result = run("check", "--as-of", TODAY, "--baseline", str(base))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: {tmp_path}/{message}\n")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_baseline_that_is_not_a_file_is_refused_before_reading(tmp_path: Path, kind: str):
    base = tmp_path / "b.json"
    if kind == "fifo":
        os.mkfifo(base)
        why = "is a FIFO (named pipe); expected a JSON baseline file"
    elif kind == "folder":
        base.mkdir()
        why = "is a directory; expected a JSON baseline file"
    else:
        base.symlink_to(kind)
        why = "is a character device; expected a JSON baseline file"
    result = _cqsc(tmp_path, "check", "--as-of", TODAY, "--baseline", "b.json", "--data-dir", str(DATA), timeout=20)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: b.json: {why}\n")


def test_a_baseline_over_the_size_cap_is_refused(run, tmp_path: Path):
    from cqsc.rules import baseline

    base = tmp_path / "b.json"
    with base.open("wb") as f:
        f.truncate(baseline.MAX_BYTES + 1)
    result = run("check", "--as-of", TODAY, "--baseline", str(base))
    assert result.exit_code == 2 and result.stderr == f"error: {base}: is {baseline.MAX_BYTES + 1} bytes; files larger than {baseline.MAX_BYTES} bytes are refused\n"


# --- environment values: ASCII digits, in range, or one line --------------------------------


@pytest.mark.parametrize(
    ("name", "value", "hi"),
    [
        ("CQSC_INCREMENTAL_MIN", "²", 1 << 62),
        ("CQSC_INCREMENTAL_MIN", "٣", 1 << 62),
        ("CQSC_INCREMENTAL_MIN", "-1", 1 << 62),
        ("SOURCE_DATE_EPOCH", "²", 253402271999),
        ("SOURCE_DATE_EPOCH", "253402272000", 253402271999),  # a second after 9999-12-31 in Beijing: no date to show
        ("SOURCE_DATE_EPOCH", "9" * 400, 253402271999),
        ("SOURCE_DATE_EPOCH", " 1767225600", 253402271999),
        ("SOURCE_DATE_EPOCH", "1767225600.5", 253402271999),
    ],
)
@pytest.mark.parametrize("args", [("progress",), ("projects", "-f", "json")])
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_bad_number_in_the_environment_is_one_line_and_exit_2(tmp_path: Path, name: str, value: str, hi: int, args: tuple[str, ...]):
    result = _cqsc(tmp_path, *args, **{name: value})
    shown = repr(value[:20]) + ("..." if len(value) > 20 else "")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: {name}={shown} is not a whole number from 0 to {hi} (ASCII digits only)\n")


def test_the_last_representable_epoch_is_a_day(tmp_path: Path):
    result = _cqsc(tmp_path, "progress", SOURCE_DATE_EPOCH="253402271999")
    assert result.returncode == 0 and "up to 9999-12-31" in result.stdout


@pytest.mark.parametrize("value", ["²", "٣٠", "-5", "99999"])
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_strange_columns_falls_back_to_80(tmp_path: Path, value: str):
    result = _cqsc(tmp_path, "summary", COLUMNS=value)
    assert result.returncode == 0 and result.stderr == "" and result.stdout == _cqsc(tmp_path, "summary", COLUMNS="80").stdout


# --- text: nothing hidden in HTML or the terminal; search across normal forms ---------------


def _rename(data: Path, yaml_name: str) -> None:
    """Give the first project (chengdawan-hsr) an English name written as a double-quoted YAML scalar."""
    path = data / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name_en: Chengdu-Dazhou-Wanzhou high-speed railway", f'name_en: "{yaml_name}"', 1), encoding="utf-8")


@pytest.mark.parametrize("args", [("projects", "-f", "html"), ("report", "-f", "html"), ("show", "chengdawan-hsr", "-f", "html")])
def test_html_carries_no_nul_or_c0_control(run, data_copy: Path, args: tuple[str, ...]):
    _rename(data_copy, "Rail\\0way\\x01 \\e[31m")
    result = run(*args, "--data-dir", str(data_copy))
    assert result.exit_code == 0
    page = result.stdout
    assert not any(c in page for c in "\x00\x01\x1b")
    assert "Rail\\x00way\\x01 \\x1b[31m" in page  # shown as the terminal shows them


def test_the_site_carries_no_nul_or_c0_control(run, data_copy: Path, tmp_path: Path):
    _rename(data_copy, "Rail\\0way\\x01")
    assert run("site", "-o", str(tmp_path / "out"), "--data-dir", str(data_copy)).exit_code == 0
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html")]
    assert pages and not any("\x00" in page or "\x01" in page for page in pages)
    assert any("Rail\\x00way\\x01" in page for page in pages)


def test_a_line_separator_in_a_name_is_flagged_and_shown_escaped(run, data_copy: Path):
    _rename(data_copy, "Chengdu\\LDazhou\\PWanzhou")  # YAML's escapes for U+2028 and U+2029
    check = run("check", "--data-dir", str(data_copy), "--as-of", TODAY)
    assert "name_en holds U+2028, U+2029, which change how the text shows without being seen [CQ143 invisible-characters]" in check.stdout
    shown = run("show", "chengdawan-hsr", "--data-dir", str(data_copy))
    assert "Chengdu<U+2028>Dazhou<U+2029>Wanzhou" in shown.stdout and "\u2028" not in shown.stdout
    listed = run("projects", "--search", "dazhou", "--data-dir", str(data_copy))
    assert "\u2028" not in listed.stdout and "\u2029" not in listed.stdout
    as_json = json.loads(run("show", "chengdawan-hsr", "-f", "json", "--data-dir", str(data_copy)).stdout)
    assert "Chengdu\u2028Dazhou\u2029Wanzhou" in json.dumps(as_json, ensure_ascii=False)  # JSON keeps the text exactly


@pytest.mark.parametrize(("stored", "query"), [("Cafe\\u0301 line", "Café"), ("Café line", "Cafe\u0301"), ("Ｃａｆｅ line", "cafe")])
def test_search_matches_across_unicode_normal_forms(run, data_copy: Path, stored: str, query: str):
    _rename(data_copy, stored)
    result = run("projects", "--search", query, "-f", "json", "--data-dir", str(data_copy))
    assert result.exit_code == 0 and [p["id"] for p in json.loads(result.stdout)["projects"]] == ["chengdawan-hsr"]


# --- -o NAME/: a folder's name where a file's is wanted ---------------------------------------


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("report", "-o", "missing/"), "the folder missing does not exist"),
        (("report", "-o", "afile/"), "afile is not a folder"),
        (("report", "--output=missing/"), "the folder missing does not exist"),
        (("projects", "-f", "json", "-o", "missing/"), "the folder missing does not exist"),
    ],
)
def test_an_output_file_name_ending_in_a_slash_is_refused(tmp_path: Path, args: tuple[str, ...], what: str):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    result = _cqsc(tmp_path, *args)
    value = args[-1].removeprefix("--output=")
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == f"error: {value}: cannot be written: {what}; a name ending in / is a folder, give a file name\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["afile"] and (tmp_path / "afile").read_text() == "mine"


def test_an_existing_folder_as_an_output_file_is_refused(tmp_path: Path):
    (tmp_path / "out").mkdir()
    result = _cqsc(tmp_path, "report", "-o", "out/")
    assert (result.returncode, result.stderr) == (3, "error: out: is a folder; give a file name\n")
