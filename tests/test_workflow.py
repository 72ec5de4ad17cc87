"""The maintainer's workflow: the clone's data is found, facts are recorded from the command line, check gates a pull request."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, REPO

from cqsc.loading.discovery import bundled

TODAY = "2026-11-22"
SOURCE = ["--source", "https://example.gov.cn/a.html", "--publisher", "Chongqing Daily", "--published", "2025-07-01"]


def clone(tmp_path: Path) -> Path:
    """A folder laid out like a clone of the repository: .git, data/, and a subfolder."""
    root = tmp_path / "clone"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(DATA, root / "data")
    (root / "docs" / "deep").mkdir(parents=True)
    return root


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if it changes or removes any."""
    ops = difflib.SequenceMatcher(a=before.splitlines(keepends=True), b=after.splitlines(keepends=True), autojunk=False).get_opcodes()
    added = []
    b = after.splitlines(keepends=True)
    for tag, _, _, j1, j2 in ops:
        assert tag in ("equal", "insert"), f"the write changed existing lines ({tag})"
        if tag == "insert":
            added += b[j1:j2]
    return added


# --- discovery -----------------------------------------------------------------------


def test_check_in_a_clone_sees_the_clones_edit_with_no_option(run, tmp_path: Path, monkeypatch):
    root = clone(tmp_path)
    path = root / "data" / "projects.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  count: 19\n", "  count: nineteen\n", 1), encoding="utf-8")
    monkeypatch.chdir(root)
    result = run("check", "--as-of", TODAY, env={"CQSC_DATA_DIR": None})
    assert result.exit_code == 1
    assert "data/projects.yaml:267:10: error: transport count: input should be a valid integer, got 'nineteen'" in result.stdout
    assert " records in data: 1 error" in result.stdout


def test_discovery_from_a_subfolder_of_a_clone(run, tmp_path: Path, monkeypatch):
    root = clone(tmp_path)
    monkeypatch.chdir(root / "docs" / "deep")
    info = json.loads(run("info", "--format", "json", env={"CQSC_DATA_DIR": None}).stdout)
    assert info["data_dir"] == str(root / "data") and info["found_by"] == "nearest data/ folder"
    assert info["files"] == {"projects.yaml": True, "tasks.yaml": True, "annual.yaml": True}


@pytest.mark.bundled_data
def test_discovery_outside_any_clone_reads_the_bundled_data(run, tmp_path: Path, monkeypatch):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    info = json.loads(run("info", "--format", "json", env={"CQSC_DATA_DIR": None}).stdout)
    assert info["found_by"] == "bundled with cqsc"
    # The copy installed with the package (site-packages, or data/ in an editable install): a fact recorded in
    # data/ after `pip install .` is not in it until the next install, so its bytes are not compared with data/.
    assert Path(info["data_dir"]) == bundled() and info["files"]["projects.yaml"] is True


@pytest.mark.bundled_data
def test_discovery_stops_at_the_repository_root(run, tmp_path: Path, monkeypatch):
    """A data/ folder above the clone belongs to something else: the search ends at .git."""
    shutil.copytree(DATA, tmp_path / "data")
    inner = tmp_path / "other-repo"
    (inner / ".git").mkdir(parents=True)
    monkeypatch.chdir(inner)
    assert json.loads(run("info", "--format", "json", env={"CQSC_DATA_DIR": None}).stdout)["found_by"] == "bundled with cqsc"


def test_option_and_environment_come_first(run, tmp_path: Path, monkeypatch):
    root = clone(tmp_path)
    monkeypatch.chdir(root)
    other = tmp_path / "other"
    shutil.copytree(DATA, other)
    assert json.loads(run("info", "-f", "json", env={"CQSC_DATA_DIR": str(other)}).stdout)["found_by"] == "CQSC_DATA_DIR"
    assert json.loads(run("info", "-f", "json", "--data-dir", str(other)).stdout)["found_by"] == "--data-dir"


def test_a_portfolio_without_tasks(run, tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(DATA / "projects.yaml", data / "projects.yaml")
    assert run("projects", "--data-dir", str(data), "--sector", "transport").exit_code == 0
    assert run("show", "kailiang-expwy", "--data-dir", str(data)).exit_code == 0
    result = run("tasks", "--data-dir", str(data))
    assert result.exit_code == 1
    assert "has no tasks.yaml: this portfolio has no plan of key tasks to show." in result.stderr


def test_init_writes_a_portfolio_that_check_passes(run, tmp_path: Path):
    folder = tmp_path / "new" / "data"
    folder.parent.mkdir()
    result = run("init", str(folder), "--tasks")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["projects.schema.json", "projects.yaml", "tasks.schema.json", "tasks.yaml"]
    check = run("check", "--data-dir", str(folder), "--strict", "--as-of", TODAY)
    assert check.exit_code == 0, check.output
    again = run("init", str(folder))
    import re

    flat = re.sub(r"[\s│╭╮╰╯─]+", " ", again.output)  # typer's error box wraps the message
    assert again.exit_code == 2 and "exists and is not an empty folder; nothing was written" in flat


# --- cqsc record ---------------------------------------------------------------------


def test_record_a_milestone_mid_list_adds_exactly_its_lines(run, data_copy: Path):
    before = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    result = run(
        "record", "milestone", "chengdawan-hsr", "--kind", "reported_under_construction", "--date", "2023-05-10",
        "--label", "Track-laying [phase 1] began: =not a formula", *SOURCE, "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0, result.output
    after = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    assert added_lines(before, after) == [
        "- id: example-1c4dbf\n",
        "  url: https://example.gov.cn/a.html\n",
        "  publisher: Chongqing Daily\n",
        "  published: '2025-07-01'\n",
        "\n",  # the sources are set apart by blank lines: the new one too
        "  - kind: reported_under_construction\n",
        "    date: '2023-05-10'\n",
        "    label: 'Track-laying [phase 1] began: =not a formula'\n",
        "    sources: [example-1c4dbf]\n",
    ]
    # Between the 2020-12-24 start and the report on 2025: in date order.
    assert after.index("date: '2020-12-24'") < after.index("date: '2023-05-10'") < after.index("date: '2025'\n    label: \"Year-end")
    assert run("check", "--data-dir", str(data_copy), "--as-of", TODAY).exit_code == 0
    shown = json.loads(run("show", "chengdawan-hsr", "--data-dir", str(data_copy), "-f", "json").stdout)
    assert "Track-laying [phase 1] began: =not a formula" in [m["label"] for m in shown["milestones"]]


def test_record_a_milestone_on_a_project_with_none_yet(run, data_copy: Path):
    before = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    assert "id: yuwei-cold-chain" in before
    result = run(
        "record", "milestone", "yuwei-cold-chain", "--kind", "construction_start", "--date", "2021-03",
        "--label", "Works started", "--source", "http://www.sc.gov.cn/10462/10758/10760/10765/2020/8/4/68da2955a42c4ba08d08df1131f72298.shtml",
        "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0, result.output
    assert "source already listed: scgov-2020-08-04" in result.stderr
    after = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    assert added_lines(before, after) == [
        "  milestones:\n",
        "  - kind: construction_start\n",
        "    date: 2021-03\n",
        "    label: Works started\n",
        "    sources: [scgov-2020-08-04]\n",
    ]
    assert run("check", "--data-dir", str(data_copy), "--as-of", TODAY).exit_code == 0
    shown = json.loads(run("show", "yuwei-cold-chain", "--data-dir", str(data_copy), "-f", "json").stdout)
    assert shown["status"] == "implementation" and shown["status_since"] == "2021-03"


def test_record_a_figure(run, data_copy: Path):
    before = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    result = run(
        "record", "figure", "chengyu-middle-hsr", "--amount", "692.73", "--basis", "design_estimate", "--scope", "whole_line",
        "--as-of", "2022-06", "--about", *SOURCE, "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0, result.output
    # --as-of, the old name of --dated, still works, and says once on stderr to use --dated.
    warned = [ln for ln in result.stderr.splitlines() if "deprecated" in ln]
    assert len(warned) == 1 and "--dated" in warned[0] and "deprecated" not in result.stdout
    added = added_lines(before, (data_copy / "projects.yaml").read_text(encoding="utf-8"))
    assert added[5:] == [
        "  - amount: 692.73\n", "    about: true\n", "    basis: design_estimate\n", "    scope: whole_line\n", "    as_of: 2022-06\n",
        "    sources: [example-1c4dbf]\n",
    ]
    assert run("check", "--data-dir", str(data_copy), "--as-of", TODAY).exit_code == 0
    shown = json.loads(run("show", "chengyu-middle-hsr", "--data-dir", str(data_copy), "-f", "json").stdout)
    assert {"amount": "692.73", "basis": "design_estimate", "as_of": "2022-06"}.items() <= shown["figures"][-1].items()


def test_record_a_figure_dated_says_no_warning(run, data_copy: Path):
    args = ["record", "figure", "chengyu-middle-hsr", "--amount", "692.73", "--basis", "design_estimate", "--scope", "whole_line", *SOURCE, "--data-dir", str(data_copy), "--dry-run"]
    dated = run(*args, "--dated", "2022-06")
    assert dated.exit_code == 0 and "deprecated" not in dated.stderr and "+    as_of: 2022-06" in dated.stdout
    both = run(*args, "--dated", "2022-06", "--as-of", "2022-06")
    assert both.exit_code == 2 and "--dated" in both.stderr


def test_record_a_task_update_sets_its_status(run, data_copy: Path):
    before = (data_copy / "tasks.yaml").read_text(encoding="utf-8")
    result = run(
        "record", "task", "25", "--date", "2020-07", "--status", "in_progress", "--label", "Logistics cluster plan agreed",
        *SOURCE, "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0, result.output
    added = added_lines(before, (data_copy / "tasks.yaml").read_text(encoding="utf-8"))
    assert added == [
        "- id: example-1c4dbf\n",
        "  url: https://example.gov.cn/a.html\n",
        "  publisher: Chongqing Daily\n",
        "  published: '2025-07-01'\n",
        "  updates:\n",
        "  - date: 2020-07\n",
        "    status: in_progress\n",
        "    label: Logistics cluster plan agreed\n",
        "    sources: [example-1c4dbf]\n",
    ]
    assert run("check", "--data-dir", str(data_copy), "--as-of", TODAY).exit_code == 0
    tasks = json.loads(run("tasks", "--area", "6", "--data-dir", str(data_copy), "-f", "json").stdout)["tasks"]
    assert [(t["number"], t["status"]) for t in tasks if t["status"] != "unknown"] == [(25, "in_progress")]


def test_dry_run_prints_the_diff_and_writes_nothing(run, data_copy: Path):
    before = (data_copy / "projects.yaml").read_bytes()
    result = run(
        "record", "milestone", "kailiang-expwy", "--kind", "reported_under_construction", "--date", "2023", "--label", "Works",
        *SOURCE, "--dry-run", "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0
    assert "+  - kind: reported_under_construction\n+    date: '2023'\n" in result.stdout
    assert (data_copy / "projects.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["milestone", "kailiang-expwy", "--kind", "completion", "--date", "2099-01-01", "--label", "x", *SOURCE], 1, "is in the future"),
        (["milestone", "kailiang-expwy", "--kind", "completion", "--date", "2015-01-01", "--label", "x", *SOURCE], 1, "comes before"),
        (["figure", "kailiang-expwy", "--amount", "9999999", "--basis", "design_estimate", "--scope", "section", *SOURCE], 2, "implausibly large"),
        (["milestone", "kailiang-expwy", "--kind", "completion", "--date", "2024-02-30", "--label", "x", *SOURCE], 2, "February 2024 has no day 30"),
        (["milestone", "no-such-project", "--kind", "completion", "--date", "2024", "--label", "x", *SOURCE], 2, "no project with id 'no-such-project'"),
        (["milestone", "kailiang-expwy", "--kind", "opened", "--date", "2024", "--label", "x", *SOURCE], 2, "opened"),
        (["figure", "kailiang-expwy", "--amount", "0x15", "--basis", "design_estimate", "--scope", "section", *SOURCE], 2, "not a plain decimal"),
        (["task", "25", "--date", "2020", "--status", "in_progress", "--label", "x", "--source", "ftp://x"], 2, "is not an http(s) address"),
    ],
)
def test_a_bad_fact_is_refused_and_nothing_changes(run, data_copy: Path, args: list[str], code: int, says: str):
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    result = run("record", *args, "--data-dir", str(data_copy))
    assert result.exit_code == code, result.output
    assert says in result.output
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_two_concurrent_records_keep_both_facts(data_copy: Path, tmp_path: Path):
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""), "XDG_CACHE_HOME": str(tmp_path / "c")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cqsc", "record", "milestone", "kailiang-expwy", "--kind", "reported_under_construction",
             "--date", f"2023-0{n}", "--label", f"Report {n}", "--source", f"https://example.cn/{n}.html", "--data-dir", str(data_copy)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for n in (1, 2, 3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    text = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        assert f"label: Report {n}\n" in text and f"url: https://example.cn/{n}.html\n" in text


# --- check for pull requests -----------------------------------------------------------


def test_baseline_accepts_known_warnings_and_fails_strict_on_a_new_one(run, data_copy: Path, tmp_path: Path):
    base = tmp_path / "accepted.json"
    assert run("check", "--data-dir", str(data_copy), "--as-of", TODAY, "--baseline", str(base), "--update-baseline").exit_code == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["accepted"]
    assert {"rule": "CQ121", "file": "projects.yaml", "record": "projects/kailiang-expwy", "field": "figures[].amount", "count": 2} in entries
    assert all("line" not in e and "message" not in e for e in entries)
    clean = run("check", "--data-dir", str(data_copy), "--as-of", TODAY, "--baseline", str(base), "--strict")
    assert clean.exit_code == 0, clean.output
    assert "0 errors, 0 warnings (strict: warnings count as errors); 31 accepted in" in clean.stdout
    # A record inserted above every accepted warning moves their lines: still accepted.
    assert run("record", "milestone", "chengdawan-hsr", "--kind", "reported_under_construction", "--date", "2023", "--label", "x", *SOURCE, "--data-dir", str(data_copy)).exit_code == 0
    assert run("check", "--data-dir", str(data_copy), "--as-of", TODAY, "--baseline", str(base), "--strict").exit_code == 0
    # A new warning of an already-accepted rule (CQ121, undated figure) on another project is new.
    new = run("record", "figure", "chengyu-middle-hsr", "--amount", "700", "--basis", "design_estimate", "--scope", "whole_line", *SOURCE, "--data-dir", str(data_copy))
    assert new.exit_code == 0 and "has no as-of date [CQ121 figure-undated]" in new.stderr
    strict = run("check", "--data-dir", str(data_copy), "--as-of", TODAY, "--baseline", str(base), "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[0].endswith("error: figure 700 of 'chengyu-middle-hsr' has no as-of date [CQ121 figure-undated]")
    quiet = run("check", "--data-dir", str(data_copy), "--as-of", TODAY, "--baseline", str(base), "--strict", "-q")
    assert quiet.stdout.count("\n") == 1
    github = run("check", "--data-dir", str(data_copy), "--as-of", TODAY, "--baseline", str(base), "-f", "github")
    assert [ln.split("::")[2] for ln in github.stdout.splitlines() if ln.startswith("::")] == ["figure 700 of 'chengyu-middle-hsr' has no as-of date"]


@pytest.mark.parametrize("content", ["not json", '{"version": 9, "accepted": []}', '{"version": 1, "accepted": [{"rule": "CQ121"}]}'])
def test_a_broken_baseline_is_a_usage_error(run, tmp_path: Path, content: str):
    base = tmp_path / "b.json"
    base.write_text(content, encoding="utf-8")
    result = run("check", "--as-of", TODAY, "--baseline", str(base))
    assert result.exit_code == 2 and "b.json" in result.stderr


def test_select_and_ignore(run, monkeypatch):
    monkeypatch.chdir(REPO)
    only = run("check", "--as-of", TODAY, "--select", "stale-project", "-q")
    assert only.exit_code == 0 and {ln.rsplit("[", 1)[1] for ln in only.stdout.splitlines()} == {"CQ153 stale-project]"}
    skipped = run("check", "--as-of", TODAY, "--ignore", "CQ15", "--ignore", "CQ121", "-q")
    assert {ln.rsplit("[", 1)[1].split()[0] for ln in skipped.stdout.splitlines()} == {"CQ140", "CQ141"}
    bad = run("check", "--select", "CQ999")
    assert bad.exit_code == 2 and "'CQ999' matches no rule" in bad.output


def test_every_rule_runs_on_every_record_that_loaded(run, data_copy: Path):
    """Two schema errors in two records and a rule's problem in a third all show in one run."""
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  count: 19\n", "  count: nineteen\n", 1)  # an aggregate
    text = text.replace("    date: '2020-12-24'\n", "    date: '2020-13-24'\n", 1)  # a milestone of chengdawan-hsr
    text = text.replace("    as_of: 2021-08\n", "    as_of: '2030-01-01'\n", 1)  # a future date in chengyu-middle-hsr
    path.write_text(text, encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--as-of", TODAY)
    assert result.exit_code == 1
    out = result.stdout
    assert "input should be a valid integer, got 'nineteen' [CQ004 schema]" in out
    assert "'2020-13-24' is not a real date: month 13 [CQ004 schema]" in out
    assert "date 2030-01-01 is in the future (today is 2026-11-22) [CQ120 future-date]" in out
    assert "10 rules that compare records across a file did not run" in out


# --- a folder made by init, and the baseline a clone keeps ---------------------------


def test_discovery_finds_a_folder_that_holds_projects_yaml_itself(run, tmp_path: Path, monkeypatch):
    """`cqsc init DIR` makes a folder holding projects.yaml: from inside it, cqsc reads it, not the bundled data."""
    assert run("init", str(tmp_path / "mine")).exit_code == 0
    (tmp_path / "mine" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "mine" / "sub")
    info = json.loads(run("info", "-f", "json", env={"CQSC_DATA_DIR": None}).stdout)
    assert info["data_dir"] == str(tmp_path / "mine") and info["found_by"] == "nearest data/ folder"


def test_check_uses_the_clones_baseline_and_says_so(run, tmp_path: Path, monkeypatch):
    root = clone(tmp_path)
    monkeypatch.chdir(root)
    every = run("check", "--as-of", TODAY, "-f", "json", "--no-baseline", env={"CQSC_DATA_DIR": None})
    assert every.exit_code == 0 and every.stderr == ""
    warnings = json.loads(every.stdout)["summary"]["warnings"]
    assert warnings > 0
    # --update-baseline with no file writes the clone's own .cqsc-baseline.json, beside data/.
    assert run("check", "--as-of", TODAY, "--update-baseline", env={"CQSC_DATA_DIR": None}).exit_code == 0
    assert (root / ".cqsc-baseline.json").is_file()
    kept = run("check", "--as-of", TODAY, "-f", "json", env={"CQSC_DATA_DIR": None})
    assert kept.exit_code == 0
    summary = json.loads(kept.stdout)["summary"]
    assert summary["warnings"] == 0 and summary["accepted"] == warnings
    assert summary["baseline"] == str(root / ".cqsc-baseline.json")
    assert ".cqsc-baseline.json" in kept.stderr and "--no-baseline" in kept.stderr
    assert json.loads(run("check", "--as-of", TODAY, "-f", "json", "--no-baseline", env={"CQSC_DATA_DIR": None}).stdout)["summary"]["warnings"] == warnings
    both = run("check", "--no-baseline", "--baseline", "x.json")
    assert both.exit_code == 2


def test_update_baseline_refuses_data_with_errors_and_files_it_cannot_replace(run, tmp_path: Path, monkeypatch):
    root = clone(tmp_path)
    monkeypatch.chdir(root)
    env = {"CQSC_DATA_DIR": None}
    assert run("check", "--as-of", TODAY, "--update-baseline", env=env).exit_code == 0
    base = root / ".cqsc-baseline.json"
    kept = base.read_bytes()
    # Errors hide the warnings of what they break: a baseline written then would drop accepted warnings.
    path = root / "data" / "projects.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("  count: 19\n", "  count: nineteen\n", 1), encoding="utf-8")
    broken = run("check", "--as-of", TODAY, "--update-baseline", env=env)
    assert broken.exit_code == 1 and "is unchanged" in broken.stderr and "nineteen" in broken.stdout
    assert base.read_bytes() == kept
    path.write_text(good, encoding="utf-8")
    # A read-only baseline, or one that is a FIFO, is refused in one line (exit 3), never replaced or waited on.
    base.chmod(0o444)
    assert run("check", "--as-of", TODAY, "--update-baseline", env=env).exit_code == 3
    assert base.read_bytes() == kept
    base.chmod(0o644)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    refused = run("check", "--as-of", TODAY, "--update-baseline", "--baseline", str(fifo), env=env)
    assert refused.exit_code == 3 and "not a regular file" in refused.stderr


def test_an_init_folder_uses_its_own_baseline_and_passes_over_one_another_user_can_write(run, tmp_path: Path, monkeypatch):
    data = tmp_path / "mine"
    shutil.copytree(DATA, data)
    monkeypatch.chdir(data)
    env = {"CQSC_DATA_DIR": None}
    (tmp_path / ".cqsc-baseline.json").write_text('{"version": 1, "accepted": []}\n', encoding="utf-8")  # beside it: not its own
    assert run("check", "--as-of", TODAY, "--update-baseline", env=env).exit_code == 0
    assert (data / ".cqsc-baseline.json").is_file()
    result = run("check", "--as-of", TODAY, "-f", "json", env=env)
    assert json.loads(result.stdout)["summary"]["baseline"] == str(data / ".cqsc-baseline.json")
    (data / ".cqsc-baseline.json").chmod(0o666)  # anyone may write it: it could hide this user's warnings
    passed = run("check", "--as-of", TODAY, "-f", "json", env=env)
    assert json.loads(passed.stdout)["summary"]["baseline"] is None and "writable by another user" in passed.stderr
