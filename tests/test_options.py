"""One meaning per option, on every command that takes it: --format, -o, --unit, --lang, --limit, --sort,
--columns, --as-of, -q; JSON's contract version; today's date made reproducible."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from test_formats import LISTINGS


def _json(run, *args: str, env: dict[str, str] | None = None) -> dict:
    result = run(*args, "-f", "json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_json_carries_its_contract_version(run, command: str):
    assert _json(run, *LISTINGS[command])["format_version"] == "1.0"


def test_check_json_carries_it_too(run):
    assert json.loads(run("check", "-f", "json", "--as-of", "2026-11-22").stdout)["format_version"] == "1.0"
    assert json.loads(run("check", "--list-rules", "-f", "json").stdout)["format_version"] == "1.0"


def test_sort_by_any_column_and_descending(run):
    rows = _json(run, "projects", "--sort", "-since", "--as-of", "2026-11-22")["projects"]
    since = [p["status_since"] for p in rows if p["status_since"]]
    assert since[0] == "2025-03-28" and rows[-1]["status_since"] is None  # latest first; unknowns last either way
    assert [p["status_since"] for p in rows][: len(since)] == since
    ids = [p["id"] for p in _json(run, "projects", "--sort", "id")["projects"]]
    assert ids == sorted(ids)
    tasks = [t["number"] for t in _json(run, "tasks", "--sort", "-number")["tasks"]]
    assert tasks == list(range(36, 0, -1))
    result = run("projects", "--sort", "colour")
    assert result.exit_code == 2 and "cannot sort by 'colour' (columns: id, name," in result.stderr


def test_columns_choose_and_order(run):
    out = run("projects", "--sector", "transport", "--columns", "status,id", "-q").stdout
    assert out.splitlines()[0].split() == ["Status", "ID"]
    rows = list(csv.reader(io.StringIO(run("projects", "--columns", "id,status", "-f", "csv").stdout)))
    assert rows[0] == ["id", "status"] and len(rows) == 32
    md = run("tasks", "--columns", "number,task", "-f", "markdown").stdout
    assert md.startswith("| # | Task |\n|---:|---|\n| 1 |")
    bad = run("projects", "--columns", "id,colour")
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", bad.stderr).split())
    assert bad.exit_code == 2 and "no column 'colour' (columns: id, name, name_zh, subsector, where, status, amount, since, latest)" in said


def _named(stderr: str) -> set[str]:
    """The names an error lists in its closing "(columns: a, b, c)"."""
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", stderr).split())
    found = re.search(r"\(columns: ([^)]*)\)", said)
    assert found, said
    return set(found.group(1).split(", "))


@pytest.mark.parametrize(
    "listing",
    [["projects"], ["projects", "--lang", "zh"], ["tasks"], ["tasks", "--lang", "zh"], ["timeline"], ["changes", "--from", "2020", "--to", "2021"]],
)
def test_every_listing_sorts_by_exactly_the_columns_it_shows(run, listing: list[str]):
    sort = run(*listing, "--sort", "zzz")
    columns = run(*listing, "--columns", "zzz")
    assert sort.exit_code == 2 and columns.exit_code == 2
    assert _named(sort.stderr) == _named(columns.stderr)


def test_hidden_columns_are_picked_by_name(run):
    out = run("projects", "--columns", "id,since,latest", "--sort", "-latest", "--limit", "2", "--as-of", "2026-11-22", "-q").stdout
    assert out.splitlines()[0].split() == ["ID", "Since", "Latest", "fact"]
    assert out.splitlines()[2].split() == ["lize-hub", "2025-03-28", "2025-03-28"]


def test_changes_limit_sort_and_columns_apply_to_the_events(run):
    every = _json(run, "changes", "--from", "2020", "--to", "2021")
    newest = _json(run, "changes", "--from", "2020", "--to", "2021", "--sort", "-date", "--limit", "3")
    assert len(newest["events"]) == 3 < len(every["events"])
    assert newest["transitions"] == every["transitions"]  # the other tables stay whole
    assert [e["date"] for e in newest["events"]] == ["2021-12", "2021-10", "2021-10"]
    rows = list(csv.reader(io.StringIO(run("changes", "--from", "2020", "--to", "2021", "--columns", "project,date", "--limit", "2", "-f", "csv").stdout)))
    assert rows[0] == ["project", "date"] and len(rows) == 3
    table = run("changes", "--from", "2020", "--to", "2021", "--limit", "2", "--columns", "project,event").stdout
    assert "more not shown (--limit 0 lists all)" in table


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda text: json.loads(text)["total"]["amount"] == "4516"),
        ("out.csv", lambda text: text.startswith("id,name_en,name_zh,")),
        ("out.md", lambda text: text.startswith("| ID | Project | 中文名 |")),
        ("out.html", lambda text: text.startswith("<!doctype html>") and "<td>chengdawan-hsr</td>" in text.replace(' class="nowrap"', "")),
        ("out.txt", lambda text: text.startswith("ID ") and "─" in text),
    ],
)
def test_output_file_format_follows_its_extension(run, tmp_path: Path, name: str, check):
    target = tmp_path / name
    result = run("projects", "--sector", "transport", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == "" and f"wrote {target}" in result.stderr
    assert check(target.read_text(encoding="utf-8"))


def test_format_wins_over_the_extension_and_dash_is_stdout(run, tmp_path: Path):
    target = tmp_path / "out.txt"
    run("summary", "-f", "json", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["format_version"] == "1.0"
    assert json.loads(run("summary", "-f", "json", "-o", "-").stdout)["tasks"] == 36


def test_report_format_follows_the_extension(run, tmp_path: Path):
    target = tmp_path / "r.html"
    assert run("report", "-o", str(target), "--as-of", "2026-11-22").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_export_takes_o_and_the_old_sqlite_option_warns(run, tmp_path: Path):
    new = tmp_path / "new.db"
    result = run("export", "-o", str(new))
    assert result.exit_code == 0 and "deprecated" not in result.stderr
    assert sqlite3.connect(new).execute("SELECT count(*) FROM projects").fetchone()[0] == 31
    old = tmp_path / "old.db"
    result = run("export", "--sqlite", str(old))
    assert result.exit_code == 0 and old.exists()
    assert result.stderr.startswith("warning: --sqlite is deprecated and will be removed in 0.3; use -o FILE")


def test_quiet_leaves_only_the_results(run):
    full = run("projects", "--sector", "transport").stdout
    quiet = run("projects", "--sector", "transport", "-q").stdout
    assert "Status: derived from dated milestones" in full and "Status: derived" not in quiet
    assert "19 projects. Total: ~451.6 bn of ~556.3 bn (81.2% of the portfolio)." in quiet
    csv_run = run("progress", "-f", "csv", "-q", "--as-of", "2026-11-22")
    assert csv_run.stderr == ""  # and CSV's note of what it left out is a note too
    assert "note: CSV holds the status per sector only" in run("progress", "-f", "csv", "--as-of", "2026-11-22").stderr


def test_as_of_hides_later_facts_everywhere(run):
    projects = _json(run, "projects", "--search", "chengdawan", "--as-of", "2019")["projects"]
    assert projects[0]["figures"] == [] and projects[0]["milestones"] == [] and projects[0]["status"] == "unknown"
    show = _json(run, "show", "chengdawan-hsr", "--as-of", "2020-12-31")
    assert [f["as_of"] for f in show["figures"]] == ["2020-11-04"]  # the 2025-02 figure is later
    assert "caijing-a4865a" not in {s["id"] for s in show["sources"]}  # cited only by that later figure
    table = run("show", "chengdawan-hsr", "--as-of", "2020-12-31").stdout
    assert "caijing" not in table and "2025-02" not in table
    events = _json(run, "timeline", "--as-of", "2020-12-31")["events"]
    assert events and max(e["date"] for e in events) <= "2020-12-31"
    # check --as-of keeps its meaning: judge dates as of that day (nothing is hidden from the rules)
    assert run("check", "--as-of", "2019-01-01", "--select", "CQ120", "-q").exit_code == 1


def test_undated_figures_are_marked_under_as_of(run):
    out = run("projects", "--search", "kailiang", "--as-of", "2024-05-01").stdout
    assert "undated figure(s) are kept: their date is not known, so they may be later than 2024-05-01." in " ".join(out.split())


def test_unit_applies_to_csv_and_zh_defaults_to_yi(run):
    rows = list(csv.DictReader(io.StringIO(run("summary", "-f", "csv", "--unit", "yi").stdout)))
    assert (rows[0]["amount"], rows[0]["unit"]) == ("5563", "yi")
    assert "Total: ~4516 亿元 of ~5563 亿元" in " ".join(run("projects", "--sector", "transport", "--lang", "zh").stdout.split()) or "合计：~4516 亿元" in run("projects", "--sector", "transport", "--lang", "zh").stdout


def test_zh_translates_every_text_cqsc_writes(run):
    from cqsc.text import lang

    lang.MISSING.clear()
    for args in LISTINGS.values():
        for fmt in ("table", "markdown"):
            assert run(*args, "--lang", "zh", "-f", fmt).exit_code == 0
    assert run("summary", "--chart", "--lang", "zh").exit_code == 0
    assert run("changes", "--from", "2020", "--lang", "zh").exit_code == 0
    assert lang.MISSING == set()
    out = run("summary", "--lang", "zh").stdout
    assert "状态（依据有日期的里程碑）：前期准备" in out and "中文" not in out.split("各领域重点任务")[1].splitlines()[1]  # area names once


def test_status_order_is_the_lifecycle_everywhere(run):
    summary = _json(run, "summary", "--as-of", "2026-11-22")
    assert list(summary["statuses"]) == ["preparation", "implementation", "completion", "unknown"]
    assert "preparation 2, implementation 15, completion 8, unknown 6" in " ".join(run("summary", "--as-of", "2026-11-22").stdout.split())
    by_status = [list(s["by_status"]) for s in _json(run, "progress", "--as-of", "2026-11-22")["sectors"]]
    order = ["identification", "preparation", "implementation", "completion", "suspended", "cancelled", "unknown"]
    assert all(keys == sorted(keys, key=order.index) for keys in by_status)


def test_progress_marks_stale_news(run):
    data = _json(run, "progress", "--as-of", "2026-11-22")
    latest = {x["project"]: x for x in data["latest_facts"]}
    assert latest["chengdawan-hsr"]["stale"] is False and latest["nantong-expwy"] == {"project": "nantong-expwy", "latest_fact": "2020", "stale": True, "last_looked_for": None}
    out = run("progress", "--as-of", "2026-11-22").stdout
    assert "nantong-expwy" in out and "stale: none in 24 months" in out


def test_today_is_reproducible_with_source_date_epoch(run):
    # A day after every date in the data: the one clock also judges dates, so an earlier day would
    # find the data's latest facts in the future and refuse the report.
    env = {"SOURCE_DATE_EPOCH": "1893456000"}  # 2030-01-01T00:00:00Z, 08:00 in Beijing
    assert _json(run, "progress", env=env)["as_of"] == "2030-01-01"
    assert "_As of 2030-01-01." in run("report", env=env).stdout
