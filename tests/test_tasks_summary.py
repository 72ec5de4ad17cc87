"""`cqsc tasks` and `cqsc summary`."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.mark.parametrize("area", ["6", "VI", "vi"])
def test_tasks_area_six_lists_the_eight_industrial_tasks(run, area):
    result = run("tasks", "--area", area)
    assert result.exit_code == 0
    assert result.stdout == TASKS_AREA_6


TASKS_AREA_6 = """\
 #  Area  Task                                                                               Status
────────────────────────────────────────────────────────────────────────────────────────────────────
20  VI    Work together to build high-end equipment manufacturing clusters.                  unknown
21  VI    Work together to create intelligent manufacturing and electronic information       unknown
          industrial clusters.
22  VI    Work together to build massive health industrial clusters.                         unknown
23  VI    Work together to develop international cultural tourism destinations.              unknown
24  VI    Carry out cooperation demonstration on the agriculture industry.                   unknown
25  VI    Work together to build modern logistics industrial clusters.                       unknown
26  VI    Advance the cooperation and co-construction of industrial parks.                   unknown
27  VI    Strengthen cooperation in the building construction field.                         unknown

8 of 36 tasks in area VI: Industrial cooperation and co-prosperity.

Status: no sourced progress report on any of these tasks was found, so each is unknown.
No Chinese task titles were found in any source; none is shown.
"""


@pytest.mark.parametrize(
    ("args", "numbers"),
    [
        ([], list(range(1, 37))),
        (["--area", "1"], [1, 2, 3]),
        (["--area", "IX", "--area", "8"], [31, 32, 33, 34, 35, 36]),
        (["--search", "pollution"], [5, 6]),
        (["--area", "2", "--search", "AIR"], [6]),
    ],
)
def test_tasks_json(run, args, numbers):
    data = json.loads(run("tasks", *args, "--format", "json").stdout)
    assert [t["number"] for t in data["tasks"]] == numbers
    assert data["count"] == len(numbers)
    assert all(t["title_zh"] is None for t in data["tasks"])
    # no sourced progress report exists for any task: unknown, never a guessed "in progress"
    assert {(t["status"], t["status_date"]) for t in data["tasks"]} == {("unknown", None)}


def test_tasks_per_area_match_the_plan(run):
    data = json.loads(run("tasks", "-f", "json").stdout)
    per_area = [sum(1 for t in data["tasks"] if t["area"] == a) for a in range(1, 10)]
    assert per_area == [3, 5, 3, 3, 5, 8, 3, 4, 2]
    assert data["plan"]["signed"] == "2019-07-10"


def test_tasks_csv_and_markdown(run):
    rows = list(csv.DictReader(io.StringIO(run("tasks", "--area", "9", "-f", "csv").stdout)))
    assert [(r["number"], r["area_roman"], r["title_en"]) for r in rows] == [
        ("35", "IX", "Promote the establishment of Sichuan-Chongqing Cooperation Demonstration Zone."),
        ("36", "IX", "Promote the integrated development of adjacent areas."),
    ]
    md = run("tasks", "--area", "9", "-f", "markdown").stdout
    assert md.startswith("| # | Area | Task | Status |\n|---:|---|---|---|\n| 35 | IX |")


@pytest.mark.parametrize("area", ["0", "10", "X", "six"])
def test_tasks_bad_area_is_a_usage_error(run, area):
    result = run("tasks", "--area", area)
    assert result.exit_code == 2
    assert "use 1-9 or I-IX" in result.stderr


def test_summary_table(run):
    result = run("summary")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(SUMMARY_HEAD), out
    assert "36 tasks in 9 areas." in out
    assert "- 2 of 31 projects not yet identified (industry): no source names them" in out
    assert "\nVI    Industrial cooperation and co-prosperity" in out and "not found" in out


SUMMARY_HEAD = """\
Portfolio: 2020 jointly implemented major projects
Group                                             Projects  Amount (bn CNY)  Of all  Of parent
────────────────────────────────────────────────────────────────────────────────────────────────────
All projects (2020 list)                                31          ~556.3   100.0%             ####
  Transport infrastructure                              19          ~451.6    81.2%             ###
    High-speed rail                                      5           349.55   62.8%      77.4%  ###
    Adjacent-area expressways                            8            89.63   16.1%      19.8%  #
    Adjacent-area fast roads                             3             6.26    1.1%       1.4%  |
    Inland waterways (navigation-power)                  3             6.2     1.1%       1.4%  |
  Ports, stations and logistics                          5     not reported       —
  Industry                                               5     not reported       —
  New infrastructure                                     2     not reported       —
  Ports, stations and logistics, Industry, New          12          ~104.7    18.8%
    infrastructure: implied, not itemised

Status (from dated milestones): preparation 2, implementation 15, completion 8, unknown 6

~ marks amounts reported as approximate (约). Of all: share of the portfolio's reported amount; of
parent: an indented group's share of the group above it.
An implied row is arithmetic on reported totals, not a reported figure.

Batches
"""


def test_summary_json(run):
    data = json.loads(run("summary", "--format", "json").stdout)
    groups = {g["id"]: g for g in data["groups"]}
    assert [g["id"] for g in data["groups"]] == [
        "portfolio", "transport", "transport-high-speed-rail", "transport-expressways", "transport-fast-roads",
        "transport-waterways", "logistics", "industry", "new-infrastructure",
    ]
    assert [(g["count"], g.get("amount")) for g in data["groups"]] == [
        (31, "5563"), (19, "4516"), (5, "3495.5"), (8, "896.3"), (3, "62.6"), (3, "62"), (5, None), (5, None), (2, None),
    ]
    assert groups["transport"]["share"] == pytest.approx(0.81179, abs=1e-5)
    assert all(g["records"] == g["count"] for g in data["groups"])
    assert data["implied"] == [
        {"parent": "portfolio", "groups": ["logistics", "industry", "new-infrastructure"], "count": 12, "amount": "1047", "unit": "yi", "about": True, "reported": False}
    ]
    assert [a["tasks"] for a in data["areas"]] == [3, 5, 3, 3, 5, 8, 3, 4, 2]


def test_summary_unit_yi_and_markdown(run):
    out = run("summary", "--unit", "yi", "-f", "markdown").stdout
    assert "| All projects (2020 list) | 31 | \\~5563 | 100.0% |  |" in out  # ~ escaped: Markdown would strike through
    assert "| &emsp;&emsp;High-speed rail | 5 | 3495.5 | 62.8% | 77.4% |" in out  # shares of the portfolio and of the parent
    assert "| &emsp;Ports, stations and logistics, Industry, New infrastructure: implied, not itemised | 12 | \\~1047 | 18.8% |  |" in out
    assert "### What is not known" in out


def test_summary_csv(run):
    rows = list(csv.DictReader(io.StringIO(run("summary", "-f", "csv").stdout)))
    assert [(r["id"], r["amount"], r["about"]) for r in rows[:3]] == [
        ("portfolio", "556.3", "true"), ("transport", "451.6", "true"), ("transport-high-speed-rail", "349.55", "false"),
    ]
