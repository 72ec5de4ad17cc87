"""Hostile files, paths, terminals and signals: nothing executes, nothing hangs, nothing is damaged."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, REPO

from cqsc.store import atomic


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "COLUMNS": "100", **extra}
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["CQSC_DATA_DIR"] = str(DATA)  # the frozen copy, as in every test; --data-dir still comes first
    return env


def _cqsc(tmp_path: Path, *args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cqsc", *args], capture_output=True, text=True, env=_env(tmp_path, **env), timeout=timeout, cwd=tmp_path, check=False)


# --- data files that are not files --------------------------------------------------------


def test_a_fifo_as_a_data_file_is_refused_without_hanging(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "tasks.yaml").unlink()
    os.mkfifo(data / "tasks.yaml")
    result = _cqsc(tmp_path, "check", "--data-dir", "data", timeout=20)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/tasks.yaml: error: is a FIFO (named pipe); expected a YAML data file [CQ001 file-unreadable]" in result.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_as_a_data_file_is_refused_before_reading(tmp_path: Path, device: str):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "projects.yaml").unlink()
    (data / "projects.yaml").symlink_to(device)
    result = _cqsc(tmp_path, "projects", "--data-dir", "data", timeout=20)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/projects.yaml: error: is a character device; expected a YAML data file [CQ001 file-unreadable]" in result.stderr


def test_a_dangling_optional_file_is_an_error_not_an_absence(run, data_copy: Path):
    (data_copy / "annual.yaml").unlink()
    (data_copy / "annual.yaml").symlink_to(data_copy / "gone.yaml")
    result = run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22")
    assert result.exit_code == 1
    assert f"annual.yaml: error: is a symbolic link to {data_copy / 'gone.yaml'}, which does not exist [CQ001 file-unreadable]" in result.stdout


def test_the_size_cap_holds_for_what_stat_cannot_measure(monkeypatch, tmp_path: Path):
    from cqsc.model import dataset

    monkeypatch.setattr(dataset, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("a: 1\n" * 1000)
    got = dataset.read_raw(big)
    assert isinstance(got, dataset.Unreadable) and "larger than 1000 bytes" in got.why


def test_an_unreadable_file_is_an_io_error(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")  # pragma: no cover
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    os.chmod(data / "projects.yaml", 0)
    result = _cqsc(tmp_path, "projects", "--data-dir", "data")
    assert result.returncode == 3 and "cannot be read: Permission denied [CQ006 io-error]" in result.stderr


@pytest.mark.parametrize("args", [["check", "--data-dir", "a" * 5000], ["projects", "--data-dir", "a" * 5000], ["report", "-o", "/tmp/" + "b" * 5000]])
def test_a_path_too_long_gets_a_message(tmp_path: Path, args: list[str]):
    result = _cqsc(tmp_path, *args)
    assert result.returncode in (1, 3) and "Traceback" not in result.stderr
    assert "error" in (result.stdout + result.stderr)


# --- numbers and text YAML would reinterpret -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("count: 031", "'031' has a leading zero (YAML would read it as octal); write it without"),
        ("count: 023", "'023' has a leading zero"),
        ("amount: 0x15bb", "'0x15bb' is hexadecimal, octal or binary; write the number in decimal"),
        ("amount: 58:15.5", "'58:15.5' would be read as a base-60 number"),
        ("amount: 4_516", "'4_516' uses _ as a digit separator"),
        ("amount: +4516", "'+4516' has a + sign"),
        ("amount: 1e400", "'1e400' is in exponent notation; write the number out in decimal"),
        ("amount: 1.0e-999999", "'1.0e-999999' is in exponent notation"),
    ],
)
def test_numbers_are_plain_decimals_or_refused_at_their_line(run, data_copy: Path, written: str, says: str):
    path = data_copy / "projects.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    key = written.split(":")[0]
    at = next(i for i, line in enumerate(lines) if line.startswith(f"  {key}: ") and i > 250)
    lines[at] = f"  {written}\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{data_copy / 'projects.yaml'}:{at + 1}:") or first.startswith(f"{Path(os.path.relpath(data_copy / 'projects.yaml'))}:{at + 1}:")
    assert says in first and "[CQ007 number-form]" in first


def test_an_amount_finer_than_any_source_is_refused(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  amount: 4516\n", "  amount: 4516.0000001\n", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy))
    assert result.exit_code == 1 and "4516.0000001 has more than 6 decimal places" in result.stdout


def test_dates_in_other_digits_are_refused(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: '2020-12-24'", "date: '٢٠٢٠-12-24'", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy))
    assert result.exit_code == 1 and "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got '٢٠٢٠-12-24'" in result.stdout


def test_a_nul_byte_is_reported_at_its_line(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[17] = lines[17] + b"\x00"
    path.write_bytes(b"\n".join(lines))
    result = run("check", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "projects.yaml:18:" in result.stdout and "a NUL byte is not allowed in a YAML file" in result.stdout


@pytest.mark.parametrize("key", ["1", "true"])
def test_keys_that_are_not_text_are_named_as_written(run, data_copy: Path, key: str):
    path = data_copy / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("plan:\n", f"plan:\n  {key}: x\n", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert f"the key {key} is not text" in result.stdout and "duplicate" not in result.stdout


def test_invisible_characters_are_a_warning(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name_en: Chengdu-Dazhou-Wanzhou", 'name_en: "Chengdu\\u202e-Dazhou\\u200b-Wanzhou', 1).replace("high-speed railway\n  name_zh: 成达万", 'high-speed railway"\n  name_zh: 成达万', 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--select", "CQ143")
    assert result.exit_code == 0
    assert "name_en holds U+200B, U+202E, which change how the text shows without being seen [CQ143 invisible-characters]" in result.stdout


# --- writing ---------------------------------------------------------------------------------


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(run, tmp_path: Path):
    kept = tmp_path / "kept.md"
    kept.write_text("old")
    os.chmod(kept, 0o640)
    assert run("report", "-o", str(kept)).exit_code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text(encoding="utf-8").startswith("#")
    old = os.umask(0o027)
    try:
        assert run("report", "-o", str(tmp_path / "new.md")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_a_symlink_target_is_replaced_and_the_link_kept(run, tmp_path: Path):
    target = tmp_path / "real.db"
    target.write_text("old")
    link = tmp_path / "link.db"
    link.symlink_to(target)
    assert run("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"SQLite format 3")


def test_a_device_target_is_written_to_not_replaced(run):
    before = os.stat("/dev/null")
    assert run("report", "-o", "/dev/null").exit_code == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.parametrize(("where", "says"), [("missing/report.md", "the folder {d}/missing does not exist"), ("", "is a folder; give a file name")])
def test_bad_targets_say_why_in_one_line(run, tmp_path: Path, monkeypatch, where: str, says: str):
    monkeypatch.chdir(tmp_path)
    result = run("report", "-o", str(tmp_path / where) if where else "")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and says.format(d=tmp_path) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_nothing_behind(tmp_path: Path):
    def fill(tmp: str) -> None:
        with open(tmp, "w") as f:
            f.write("half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(atomic.WriteError) as caught:
        atomic.write_file(tmp_path / "out.db", fill)
    assert str(caught.value.strerror) == f"{tmp_path / 'out.db'}: cannot be written: No space left on device; nothing was changed"
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_during_export_is_one_line_and_exit_3(run, tmp_path: Path, monkeypatch):
    import sqlite3

    from cqsc.documents import sqlite

    def full(db: object, ds: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite, "_write", full)
    result = run("export", "-o", str(tmp_path / "out.db"))
    assert result.exit_code == 3
    assert result.stderr == f"error: {tmp_path / 'out.db'}: cannot be written: database or disk is full; nothing was changed\n"
    assert list(tmp_path.iterdir()) == []


def test_sigterm_mid_write_removes_the_temporary_files(tmp_path: Path):
    started = tmp_path / "started"
    script = f"""
import pathlib, sqlite3, time
from cqsc.store import atomic
def fill(tmp):
    db = sqlite3.connect(tmp)
    db.execute("create table t (x)")
    db.execute("begin")
    db.execute("insert into t values (1)")
    pathlib.Path({str(started)!r}).touch()
    time.sleep(30)
atomic.write_file(pathlib.Path({str(tmp_path / 'out' / 'x.db')!r}), fill)
"""
    (tmp_path / "out").mkdir()
    proc = subprocess.Popen([sys.executable, "-c", script], env=_env(tmp_path), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0 and "interrupted by signal 15; nothing was written" in err
    assert list((tmp_path / "out").iterdir()) == []


# --- terminals ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_terminal_that_cannot_encode_gets_replacements_not_a_traceback(tmp_path: Path, encoding: str):
    table = _cqsc(tmp_path, "projects", "--sector", "transport", PYTHONIOENCODING=encoding)
    assert table.returncode == 0 and "Traceback" not in table.stderr and "~451.6 bn of ~556.3 bn" in table.stdout
    js = _cqsc(tmp_path, "show", "chengdawan-hsr", "-f", "json", PYTHONIOENCODING=encoding)
    assert js.returncode == 0 and "\\u6210\\u8fbe\\u4e07" in js.stdout  # 成达万, as JSON escapes


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_a_closed_pipe_ends_quietly_like_sigpipe(tmp_path: Path, fmt: str):
    proc = subprocess.Popen([sys.executable, "-m", "cqsc", "timeline", "-f", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path), cwd=tmp_path)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the first write
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGPIPE and err == b""
