"""`cqsc record` lands exactly the fact or nothing: one line model, a proof of each write, locks on the real file."""

from __future__ import annotations

import copy
import errno
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, REPO

from cqsc.edit import record, yamltext
from cqsc.loading import yamlsafe
from cqsc.store import atomic

SOURCE = ["--source", "https://example.cn/news/1.html", "--publisher", "Example Daily"]
# The last milestone of kailiang-expwy, to which each shape below is appended.
LAST = "    label: Whole line opened to traffic\n    sources: [mot-881aa0]\n"
FACT = ["milestone", "kailiang-expwy", "--kind", "completion", "--date", "2025-01", "--label", "Done", *SOURCE]
ITEM = {"kind": "completion", "date": "2025-01", "label": "Done"}


def _plain(path: Path) -> dict:
    parsed = yamlsafe.parse(path.read_text(encoding="utf-8"))
    assert not parsed.problems
    return parsed.value


def _edit(path: Path, old: str, new: str, *, newline: str = "\n") -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_bytes(text.replace(old, new).replace("\n", newline).encode("utf-8"))


def assert_landed_exactly(run, folder: Path, before: dict, project: str, item: dict, at: int | None = None) -> None:
    """The file is the data as it was plus the milestone and its new source, and `show` lists the milestone."""
    after = _plain(folder / "projects.yaml")
    added = [s for s in after["sources"] if s not in before["sources"]]
    assert len(added) == 1 and added[0]["url"] == SOURCE[1], added
    want = copy.deepcopy(before)
    want["sources"].append(added[0])
    rec = next(p for p in want["projects"] if p["id"] == project)
    milestones = rec.setdefault("milestones", [])
    milestones.insert(len(milestones) if at is None else at, {**item, "sources": [added[0]["id"]]})
    assert after == want
    shown = json.loads(run("show", project, "--data-dir", str(folder), "-f", "json").stdout)
    assert item["label"] in [m["label"] for m in shown["milestones"]]


# --- shapes of the list's last item: each lands exactly the fact, or nothing changes ---------------------------


@pytest.mark.parametrize(
    "shape",
    [
        "    note: |\n      first\n      # not a comment\n",  # a literal text whose last line starts with #
        "    note: |+\n      first\n\n\n",  # a kept text: the blank lines after it are its own
        '    note: "first\n      # not a comment"\n',  # a double-quoted text going on in a line starting with #
        "    note: 'first\n      # not a comment'\n",  # the same, single-quoted
        "    note: >-\n      folded\n      # text\n# a real comment\n",  # a folded text, then a comment
    ],
    ids=["literal", "keep", "double-quoted", "single-quoted", "folded"],
)
def test_a_last_item_ending_in_a_multiline_text_gets_the_fact_after_it(run, data_copy: Path, shape: str):
    path = data_copy / "projects.yaml"
    _edit(path, LAST, LAST + shape)
    before = _plain(path)
    result = run("record", *FACT, "--data-dir", str(data_copy))
    assert result.exit_code == 0, result.output
    assert_landed_exactly(run, data_copy, before, "kailiang-expwy", ITEM)


def _flow(value) -> str:
    """``value`` written in YAML's flow style on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if not isinstance(value, str) else yamltext.double_quoted(value)


@pytest.mark.parametrize(
    ("what", "says"),
    [("milestones", "milestones of 'yuxi-hsr' is not a block list; edit it by hand"), ("record", "the project 'yuxi-hsr' is not a block list; edit it by hand")],
)
def test_a_list_in_flow_style_is_a_usage_error_and_nothing_changes(run, data_copy: Path, what: str, says: str):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    rec = next(p for p in _plain(path)["projects"] if p["id"] == "yuxi-hsr")
    start = text.index("- id: yuxi-hsr\n")
    end = text.index("\n- id:", start) + 1
    if what == "milestones":
        rec = {**rec, "milestones": "FLOW"}
        lines = [f"  {k}: {_flow(v) if v != 'FLOW' else _flow(next(p for p in _plain(path)['projects'] if p['id'] == 'yuxi-hsr')['milestones'])}\n" for k, v in rec.items()]
        lines[0] = "- " + lines[0][2:]
        text = text[:start] + "".join(lines) + "\n" + text[end:]
    else:
        text = text[:start] + "- " + _flow(rec) + "\n\n" + text[end:]
    path.write_text(text, encoding="utf-8")
    assert run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22").exit_code == 0
    before = path.read_bytes()
    args = ["milestone", "yuxi-hsr", "--kind", "reported_under_construction", "--date", "2024-01", "--label", "x", *SOURCE]
    result = run("record", *args, "--data-dir", str(data_copy))
    assert result.exit_code == 2, result.output
    assert says in " ".join(result.output.replace("│", " ").split())
    assert path.read_bytes() == before


# --- line endings and line breaks ----------------------------------------------------------------------------


def test_a_crlf_file_with_an_escaped_line_separator_above_gets_crlf_lines_in_the_right_place(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    # A U+2028 inside a label above the insertion point, written escaped as YAML allows, in a CRLF file.
    _edit(path, "    label: Whole line opened to traffic\n", '    label: "Whole line\\Lopened\\Nto traffic"\n', newline="\r\n")
    before = _plain(path)
    result = run("record", *FACT, "--data-dir", str(data_copy))
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")  # every line, the added ones included, ends CRLF
    assert_landed_exactly(run, data_copy, before, "kailiang-expwy", ITEM)


@pytest.mark.parametrize(("char", "name"), [("\u2028", "U+2028 LINE SEPARATOR"), ("\x85", "U+0085 NEXT LINE"), ("\u2029", "U+2029"), ("\ufeff", "U+FEFF")])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_raw_line_break_above_is_refused_at_its_line_and_column_and_nothing_changes(run, data_copy: Path, char: str, name: str, newline: str):
    path = data_copy / "projects.yaml"
    _edit(path, "    label: Whole line opened to traffic\n", f"    label: Whole line{char}opened to traffic\n", newline=newline)
    line = path.read_bytes().split(b"\n").index(f"    label: Whole line{char}opened to traffic".encode() + newline[:-1].encode()) + 1
    before = path.read_bytes()
    check = run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22")
    assert check.exit_code == 1
    assert f"projects.yaml:{line}:22: error: {name}" in check.stdout and "[CQ008 line-break]" in check.stdout
    result = run("record", *FACT, "--data-dir", str(data_copy))
    assert result.exit_code == 2, result.output
    assert path.read_bytes() == before


def test_a_label_with_a_line_separator_round_trips_exactly(run, data_copy: Path):
    before = _plain(data_copy / "projects.yaml")
    label = "Opened\u2028to traffic\u2029at last\x85ok"
    args = ["milestone", "kailiang-expwy", "--kind", "completion", "--date", "2025-01", "--label", label, *SOURCE]
    # NEL is a C1 control character: refused as an argument; U+2028 and U+2029 are written escaped.
    assert run("record", *args, "--data-dir", str(data_copy)).exit_code == 2
    label = label.replace("\x85", " ")
    args[args.index("--label") + 1] = label
    result = run("record", *args, "--data-dir", str(data_copy))
    assert result.exit_code == 0, result.output
    text = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    assert '    label: "Opened\\Lto traffic\\Pat last ok"\n' in text and "\u2028" not in text
    assert_landed_exactly(run, data_copy, before, "kailiang-expwy", {**ITEM, "label": label})
    assert run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22").exit_code == 0


# --- the proof: a placement that goes wrong is refused, whatever the kind ------------------------------------


def _wrong_insert(wrong: str):
    """yamltext.insert gone wrong: a line early (the bug a U+2028 above once caused), LF lines in a CRLF file, or indented."""
    real = record.yamltext.insert

    def insert(text: str, line: int, new_lines):
        if wrong == "a-line-early":
            return real(text, max(line - 1, 1), new_lines)
        lines = record.linebreaks.split(text)
        if wrong == "lf-in-a-crlf-file":
            return "".join(lines[: line - 1]) + "".join(new_lines) + "".join(lines[line - 1 :])
        return real(text, line, ["  " + n for n in new_lines])

    return insert


KIND_ARGS = {
    "milestone": FACT,
    "figure": ["figure", "kailiang-expwy", "--amount", "3.5", "--basis", "design_estimate", "--scope", "section", *SOURCE],
    "plan": ["plan", "kailiang-expwy", "--kind", "completion", "--due", "2026", "--made", "2024-01", "--label", "x", *SOURCE],
    "task": ["task", "25", "--date", "2020-07", "--status", "in_progress", "--label", "x", *SOURCE],
    "project": ["project", "new-project", "--name-en", "A new project", "--sector", "transport", "--location", "sichuan:Chengdu", *SOURCE],
    "source": ["source", "https://example.gov.cn/new.html", "--publisher", "Sichuan Daily"],
    "last-checked": ["last-checked", "kailiang-expwy", "--date", "2026-01-02", "--query", "开梁高速 通车", "--query", "x, y: z"],
}


@pytest.mark.parametrize("kind", sorted(KIND_ARGS))
@pytest.mark.parametrize("wrong", ["a-line-early", "lf-in-a-crlf-file", "indented"])
def test_every_kind_is_proved_and_a_wrong_placement_changes_nothing(run, data_copy: Path, monkeypatch, kind: str, wrong: str):
    assert set(KIND_ARGS) == set(record.KINDS)  # a kind added later is added here too
    if wrong == "a-line-early" and kind in ("task", "project", "source"):
        # task 25 has no updates yet: a line early is still between two of its keys, which is right; a new
        # last project or source a line early goes before the blank line that ends its list, also right.
        wrong = "indented"
    args = KIND_ARGS[kind]
    for name in ("projects.yaml", "tasks.yaml"):
        path = data_copy / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(record.yamltext, "insert", _wrong_insert(wrong))
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    result = run("record", *args, "--data-dir", str(data_copy))
    assert result.exit_code == 1, result.output
    assert "cannot be placed safely" in " ".join(result.output.split())
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_the_proof_compares_types_not_just_values():
    k = record.MILESTONE
    before = "sources:\n- id: s\n  url: https://a.cn/\nprojects:\n- id: p\n  milestones:\n  - kind: x\n    sources: [s]\n"
    plan = record.Plan(before.replace("    sources: [s]\n", "    sources: [s]\n  - a: 1\n"), "s", None, 0, 1, {"a": True})
    with pytest.raises(record.Unsafe):
        record.prove(before, plan.text, k, plan)
    good = record.Plan(plan.text.replace("a: 1", "a: true"), "s", None, 0, 1, {"a": True})
    record.prove(before, good.text, k, good)


# --- arguments ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--label", "a\x7fb", "U+007F"),
        ("--label", "a\x9bb", "U+009B"),
        ("--label", "a\x85b", "U+0085"),
        ("--label", "tab\there", "U+0009"),
        ("--label", "two\nlines", "U+000A"),
        ("--label", "a\ufffeb", "U+FFFE"),
        ("--label", "a\ufdd0b", "U+FDD0"),
        ("--label", "a\U0001ffffb", "U+1FFFF"),
        ("--label", "\ufeffWorks", "U+FEFF"),
        ("--note", "a\x00b", "U+0000"),
        ("--publisher", "Daily\x1b[31m", "U+001B"),
        ("--date", "2025-06-30\n", "U+000A"),
        ("--source", "http://", "host"),
        ("--source", "https:///path", "host"),
        ("--source", "https://a..cn/x", "host"),
        ("--source", "https://[::1/x", "well-formed"),
        ("--source", "https://example.cn:99999/x", "well-formed"),
        ("--source", "https://exa mple.cn/", "http(s) address"),
        ("--source", "javascript:alert(1)", "http(s) address"),
        ("--source", "https://example.cn/\x00", "http(s) address"),
    ],
)
def test_a_bad_text_or_address_is_a_usage_error_and_nothing_changes(run, data_copy: Path, option: str, value: str, says: str):
    args = ["milestone", "kailiang-expwy", "--kind", "completion", "--date", "2025-01", "--label", "x", "--source", "https://example.cn/a"]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    result = run("record", *args, "--data-dir", str(data_copy))
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


@pytest.mark.parametrize(("amount", "says"), [("0", "positive"), ("9999999", "implausibly large"), ("1.0000001", "decimal places"), ("1" * 5000, "implausibly large")])
def test_an_amount_out_of_range_is_a_usage_error(run, data_copy: Path, amount: str, says: str):
    before = (data_copy / "projects.yaml").read_bytes()
    result = run("record", "figure", "kailiang-expwy", "--amount", amount, "--basis", "design_estimate", "--scope", "section", *SOURCE, "--data-dir", str(data_copy))
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert (data_copy / "projects.yaml").read_bytes() == before


# --- locks, permissions, signals ------------------------------------------------------------------------------


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_held_lock_gives_a_message_within_seconds(run, data_copy: Path, monkeypatch):
    monkeypatch.setattr(record, "LOCK_WAIT", 1.0)
    before = (data_copy / "projects.yaml").read_bytes()
    with open(data_copy / "projects.yaml", "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        start = time.monotonic()
        result = run("record", *FACT, "--data-dir", str(data_copy))
        elapsed = time.monotonic() - start
    assert result.exit_code == 3, result.output
    out = " ".join(result.output.split())
    assert "projects.yaml: locked" in out and "nothing was written" in out
    if Path("/proc/locks").exists():
        assert f"by process {os.getpid()}" in out
    assert elapsed < 5
    assert (data_copy / "projects.yaml").read_bytes() == before


def _record(folder: Path, n: int, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cqsc", "record", "milestone", "kailiang-expwy", "--kind", "reported_under_construction",
         "--date", f"2023-0{n}", "--label", f"Report {n}", "--source", f"https://example.cn/{n}.html", "--data-dir", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_two_folders_linking_one_file_keep_both_of_two_concurrent_records(tmp_path: Path):
    shared = tmp_path / "shared"
    shutil.copytree(DATA, shared)
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for other in shared.iterdir():
            if other.name != "projects.yaml":
                shutil.copyfile(other, folder / other.name)
        (folder / "projects.yaml").symlink_to(shared / "projects.yaml")
        folders.append(folder)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO / "src"), "XDG_CACHE_HOME": str(tmp_path / "c")}
    for _ in range(2):
        procs = [_record(folders[0], 1, env), _record(folders[1], 2, env)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        text = (shared / "projects.yaml").read_text(encoding="utf-8")
        assert "label: Report 1\n" in text and "label: Report 2\n" in text
        assert all((f / "projects.yaml").is_symlink() for f in folders)
        (shared / "projects.yaml").write_bytes((DATA / "projects.yaml").read_bytes())


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_file_or_folder_is_a_one_line_io_error(run, data_copy: Path, what: str):
    target = data_copy / "projects.yaml" if what == "file" else data_copy
    mode = target.stat().st_mode
    before = (data_copy / "projects.yaml").read_bytes()
    target.chmod(0o555 if what == "folder" else 0o444)
    try:
        result = run("record", *FACT, "--data-dir", str(data_copy))
    finally:
        target.chmod(mode)
    assert result.exit_code == 3, result.output
    assert "read-only" in result.output and len(result.output.strip().splitlines()) == 1
    assert (data_copy / "projects.yaml").read_bytes() == before


def test_sigterm_during_a_write_leaves_no_temporary_file_and_the_file_as_it_was(tmp_path: Path):
    target = tmp_path / "projects.yaml"
    target.write_text("old\n", encoding="utf-8")

    def fill(tmp: str) -> None:
        Path(tmp).write_text("half", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # pragma: no cover - the signal arrives first

    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(atomic.WriteError) as caught:
        atomic.write_file(target, fill)
    assert signal.getsignal(signal.SIGTERM) == previous  # the handler is there only for the write
    assert caught.value.errno == errno.EINTR and "nothing was written" in caught.value.strerror
    assert [p.name for p in tmp_path.iterdir()] == ["projects.yaml"] and target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_sigterm_at_any_moment_of_a_record_leaves_the_old_file_or_the_new_one_and_no_traceback(tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO / "src"), "XDG_CACHE_HOME": str(tmp_path / "c")}
    names = sorted(p.name for p in folder.iterdir())
    old = _plain(folder / "projects.yaml")
    for delay in (0.2, 0.5, 0.8, 1.1, 1.4):
        proc = subprocess.Popen([sys.executable, "-m", "cqsc", "record", *FACT, "--data-dir", str(folder)], stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(delay)
        proc.terminate()
        _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, err
        assert sorted(p.name for p in folder.iterdir()) == names  # no temporary file left
        now = _plain(folder / "projects.yaml")
        assert now == old or len(now["sources"]) == len(old["sources"]) + 1
        (folder / "projects.yaml").write_bytes((DATA / "projects.yaml").read_bytes())


@pytest.mark.parametrize("text", ["a\u2028b", "a\u2029b", "a\x85b", "\ufeffa", "a\rb", "a\u200bb\u202ec", "甲\u3000乙", "it's \"quoted\" \\ back", "a\U000e0001b"])
def test_every_text_is_written_so_that_it_reads_back_exactly_and_no_raw_break_is_written(text: str):
    from cqsc.text import linebreaks

    written = f"k: {yamltext.scalar(text)}\n"
    assert not linebreaks.has_odd(written) and written.count("\n") == 1
    assert yamlsafe.parse(written).value == yamlsafe.parse(written, positions=True).value == {"k": text}
