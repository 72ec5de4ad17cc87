"""Progress over time: statuses from milestones, --as-of, show, timeline, progress."""

from __future__ import annotations

import csv
import io
import json

import pytest


def _status(run, *args: str) -> dict[str, tuple[str, str | None]]:
    data = json.loads(run("projects", *args, "--format", "json").stdout)
    return {p["id"]: (p["status"], p["status_since"]) for p in data["projects"]}


@pytest.mark.parametrize(
    ("as_of", "project", "expected"),
    [
        # Kaijiang-Liangping: in preliminary design at end Sep 2020, started 7 Dec 2020, fully open 31 May 2024.
        ("2020-10-01", "kailiang-expwy", ("preparation", "2020-09-30")),
        ("2020-12-07", "kailiang-expwy", ("implementation", "2020-12-07")),
        ("2024-05-30", "kailiang-expwy", ("implementation", "2020-12-07")),
        ("2024-05-31", "kailiang-expwy", ("completion", "2024-05-31")),
        # A partial date counts once it has wholly passed: "started in 2020" is certain from 2020-12-31.
        ("2020-06-30", "nantong-expwy", ("unknown", None)),
        ("2020-09-30", "nantong-expwy", ("implementation", "2020-09-30")),
        # No milestone at all: unknown, never a guess.
        ("2026-11-22", "ai-platform", ("unknown", None)),
        # A launch ceremony is not a start of works.
        ("2021-12-31", "chengyu-middle-hsr", ("preparation", "2020-09-30")),  # in preparation at the end of Sep 2020
        ("2023-01-01", "chengyu-middle-hsr", ("implementation", "2022-11-28")),
    ],
)
def test_status_as_of(run, as_of, project, expected):
    assert _status(run, "--as-of", as_of)[project] == expected


def test_status_filter(run):
    done = _status(run, "--status", "completion", "--as-of", "2026-11-22")
    assert sorted(done) == [
        "chengyu-hsr-upgrade", "guangan-ring-expwy", "huaying-freight-yard", "jianglu-north-expwy",
        "kailiang-expwy", "lize-hub", "luyong-expwy", "neida-expwy",
    ]
    by_2021 = _status(run, "--status", "completion", "--as-of", "2021")
    assert sorted(by_2021) == ["chengyu-hsr-upgrade", "guangan-ring-expwy", "huaying-freight-yard"]
    unknown = _status(run, "--status", "unknown", "--sector", "logistics")
    assert sorted(unknown) == ["chengyu-logistics-centre", "yuwei-cold-chain", "yuxi-chuannan-logistics"]


@pytest.mark.parametrize("bad", ["2020-13", "2020-02-30", "yesterday", "20201"])
def test_bad_dates_are_usage_errors(run, bad):
    for args in (["projects", "--as-of", bad], ["timeline", "--from", bad], ["progress", "--as-of", bad]):
        result = run(*args)
        assert result.exit_code == 2, args


def test_show_project(run):
    result = run("show", "kailiang-expwy", "--as-of", "2024-05-01")
    assert result.exit_code == 0
    out = result.stdout
    assert "Status         implementation since 2020-12-07 (Joint Sichuan-Chongqing start ceremony" in out
    assert "as of 2024-05-01" in out
    assert "Whole line opened to traffic" not in out  # 2024-05-31 is after the as-of date
    assert "https://www.mot.gov.cn/tupianxinwen/202406/t20240606_4142078.html" in out
    data = json.loads(run("show", "kailiang-expwy", "-f", "json").stdout)
    assert data["status"] == "completion" and data["status_since"] == "2024-05-31"
    assert [m["date"] for m in data["milestones"]] == ["2020-09-30", "2020-12-07", "2022-02", "2024-04-30", "2024-05-31"]
    # Conflicting reports stay side by side: the joint ceremony and the Chongqing section's formal start.
    starts = [m for m in data["milestones"] if m["kind"] == "construction_start"]
    assert [(m["date"], m.get("section")) for m in starts] == [("2020-12-07", None), ("2022-02", "Chongqing section")]
    assert {s["id"] for s in data["sources"]} >= {"mot-881aa0", "zckspxw-9ce871"}
    assert [f["amount"] for f in data["figures"]] == ["81", "42.389"]


def test_show_unknown_id_suggests(run):
    result = run("show", "kailiang")
    assert result.exit_code == 2
    assert "no project with id 'kailiang'; did you mean kailiang-expwy?" in result.stderr


def test_show_csv_and_markdown(run):
    rows = list(csv.DictReader(io.StringIO(run("show", "lize-hub", "-f", "csv").stdout)))
    assert [(r["kind"], r["date"]) for r in rows][:3] == [("figure", ""), ("construction_start", "2019-03"), ("construction_start", "2019-07")]
    md = run("show", "lize-hub", "-f", "markdown").stdout
    assert md.startswith("## Jialing River Lize navigation hub (嘉陵江利泽航运枢纽工程)\n")
    assert "| 2025-03-28 | completion | Hub completed and put into production | cq-2e97a1 |" in md


def test_timeline(run):
    data = json.loads(run("timeline", "--from", "2024", "--to", "2024-06", "-f", "json").stdout)
    assert [(e["date"], e["project"], e["kind"]) for e in data["events"]] == [
        ("2024-05-31", "kailiang-expwy", "full_opening"),  # newest first
        ("2024-04-30", "kailiang-expwy", "partial_opening"),
        ("2024-04-29", "lize-hub", "partial_opening"),
    ]
    one = json.loads(run("timeline", "--project", "shuangjiang-hub", "-f", "json").stdout)
    assert [e["date"] for e in one["events"]] == ["2024-11-05", "2020-12-23", "2019-09-25"]
    logistics = json.loads(run("timeline", "--sector", "logistics", "-f", "json").stdout)
    assert {e["project"] for e in logistics["events"]} == {"suining-dashaba-port", "huaying-freight-yard"}
    assert run("timeline", "--project", "nope").exit_code == 2


def test_timeline_table(run):
    result = run("timeline", "--project", "luyong-expwy")
    assert result.stdout.splitlines()[-3:] == ["3 events.", "", "Partial dates (2020, 2021-12) sort by their first day; --format json gives the sources."]
    assert "\n2022-10-01  luyong-expwy  full opening " in result.stdout
    assert run("timeline", "--project", "luyong-expwy", "-q").stdout.splitlines()[-1] == "3 events."  # --quiet: no notes


def test_progress_json(run):
    data = json.loads(run("progress", "--as-of", "2020-12-31", "-f", "json").stdout)
    assert data["as_of"] == "2020-12-31"
    sectors = {s["sector"]: s for s in data["sectors"]}
    # all but 成渝中线 (approved 2021) and 渝西 (2021-22) had started; the upgraded 成渝 line had opened
    assert (sectors["transport"]["projects"], sectors["transport"]["started"], sectors["transport"]["completed"]) == (19, 16, 1)
    assert [(s.get("as_of"), s["started"], s["invested"]) for s in data["snapshots"]] == [("2020-09-30", 20, "260"), ("2020-11-30", 26, "318")]
    assert data["snapshots"][0]["share_of_total"] == pytest.approx(260 / 5563)
    assert data["annual"] == []  # no annual list before 2021


def test_progress_derived_matches_the_report_of_end_september_2020(run):
    """The Oct 2020 report: 1 + 7 + 2 + 2 = 12 transport projects started by end Sep; the milestones agree."""
    data = json.loads(run("progress", "--as-of", "2020-09-30", "-f", "json").stdout)
    assert next(s for s in data["sectors"] if s["sector"] == "transport")["started"] == 12
    groups = data["snapshots"][0]["groups"]
    assert sum(g["started"] for g in groups) == 12


def test_progress_annual_lists(run):
    data = json.loads(run("progress", "--as-of", "2026-11-22", "-f", "json").stdout)
    rows = {r["year"]: r for r in data["annual"]}
    assert sorted(rows) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert rows[2025]["latest"]["year_to_date"] == "5332.42" and rows[2025]["completion_rate_pct"] == "121.08"
    assert rows[2022]["total_text"] == "超2万亿元" and rows[2026]["latest"] is None
    table = run("progress", "--as-of", "2026-11-22").stdout
    assert "\n2025       320           ~3700     441.45  2025 full year    533.242  121.08%" in table
    assert "Status of the 31 projects, from dated milestones up to 2026-11-22" in table


def test_summary_as_of(run):
    data = json.loads(run("summary", "--as-of", "2020-12-31", "-f", "json").stdout)
    assert data["as_of"] == "2020-12-31"
    assert data["statuses"] == {"unknown": 10, "implementation": 17, "preparation": 3, "completion": 1}
