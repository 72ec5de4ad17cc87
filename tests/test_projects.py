"""`cqsc projects`: filters, totals from the right source, and every output format."""

from __future__ import annotations

import csv
import io
import json

import pytest

TRANSPORT_IDS = [
    "chengdawan-hsr", "chengyu-middle-hsr", "yuxi-hsr", "yukun-hsr", "chengyu-hsr-upgrade",
    "nantong-expwy", "neida-expwy", "zitong-expwy", "jianglu-north-expwy", "luyong-expwy", "kailiang-expwy",
    "guangan-ring-expwy", "yuwu-expwy-expansion", "yulin-fast-road", "suitong-fast-road", "mingyueshan-road",
    "lize-hub", "shuangjiang-hub", "qujiang-channel",
]


def test_transport_total_is_the_reported_aggregate(run):
    result = run("projects", "--sector", "transport")
    assert result.exit_code == 0
    assert "19 projects. Total: ~451.6 bn of ~556.3 bn (81.2% of the portfolio)." in result.stdout
    assert "Transport infrastructure: 19 projects, ~451.6 bn (reported aggregate)" in result.stdout
    assert result.stderr == ""


def test_transport_json_is_exact(run):
    result = run("projects", "--sector", "transport", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["projects"]] == TRANSPORT_IDS
    total = data["total"]
    assert total["amount"] == "4516" and total["portfolio_amount"] == "5563" and total["unit"] == "yi"
    assert total["method"] == "reported_aggregate" and total["complete"] is True and total["about"] is True
    assert total["share"] == pytest.approx(4516 / 5563)
    assert total["parts"] == [
        {"kind": "aggregate", "id": "transport", "label": "Transport infrastructure", "count": 19, "amount": "4516", "about": True}
    ]
    # Project figures keep their exact decimal text and basis.
    yuxi = next(p for p in data["projects"] if p["id"] == "yuxi-hsr")
    assert [(f["amount"], f["basis"], f["scope"]) for f in yuxi["figures"]] == [
        ("1237.22", "feasibility_estimate", "whole_line"),
        ("451", "feasibility_estimate", "section"),
        ("1213.11", "design_estimate", "listed_item"),
        ("607.07", "design_estimate", "section"),
    ]


def test_logistics_amount_is_not_reported(run):
    result = run("projects", "--sector", "logistics")
    assert result.exit_code == 0
    assert "5 projects. Total: not reported." in result.stdout
    assert "Ports, stations and logistics: 5 projects, amount not reported (reported aggregate)" in result.stdout
    data = json.loads(run("projects", "--sector", "logistics", "-f", "json").stdout)
    assert len(data["projects"]) == 5
    assert data["total"]["amount"] is None and data["total"]["method"] == "not_reported" and data["total"]["share"] is None


def test_logistics_table_exact(run):
    result = run("projects", "--sector", "logistics", "--unit", "yi")
    assert result.stdout == """\
ID                        Project                                               Status          亿元
                          中文名
────────────────────────────────────────────────────────────────────────────────────────────────────
yuxi-chuannan-logistics   Western Chongqing-Southern Sichuan comprehensive…     unknown            —
                          渝西川南综合物流园
chengyu-logistics-centre  Chengdu-Chongqing twin-city logistics distribution…   unknown            —
                          成渝双城物流配送中心
yuwei-cold-chain          Chongqing-Weiyuan international agricultural…         unknown            —
                          渝威国际农批冷链项目
suining-dashaba-port      Suining port Dashaba operation area phase I           implementation  ~19‡
                          遂宁港大沙坝作业区一期工程                            2021-07-31
huaying-freight-yard      Huaying Gaoxing station freight yard                  completion         —
                          华蓥高兴站货场工程                                    2021-10

5 projects. Total: not reported.
  Ports, stations and logistics: 5 projects, amount not reported (reported aggregate)

~ marks amounts reported as approximate (约).
亿元 column, what the figure covers: ‡ parent project; unmarked: the listed item.
Status: derived from dated milestones, with the date the stage is certain by; unknown where no
milestone is recorded.
亿元 column: one of the project's own figures, never summed (its basis differs from the total's):
the listed item's, else the whole line's, a section's, a parent project's; the latest of them. cqsc
show ID lists every figure with its basis, date and source.

Not shown at this width: Subsector, Where (a wider terminal or --columns shows them).
"""


@pytest.mark.parametrize(
    ("args", "count", "headline"),
    [
        ([], 31, "31 projects. Total: ~556.3 bn of ~556.3 bn (100.0% of the portfolio)."),
        (["--sector", "industry"], 5, "5 projects. Total: not reported."),
        (["--subsector", "high_speed_rail"], 5, "5 projects. Total: 349.55 bn of ~556.3 bn (62.8% of the portfolio)."),
        # Two reported groups: their sum, exactly.
        (["--subsector", "high_speed_rail", "--subsector", "expressway"], 13, "13 projects. Total: 439.18 bn of ~556.3 bn (78.9% of the portfolio)."),
        # A search that selects exactly the 8 expressways gets their reported amount.
        (["--search", "高速公路"], 8, "8 projects. Total: 89.63 bn of ~556.3 bn (16.1% of the portfolio)."),
        # Part reported, part not: a lower bound, and the rest named.
        (["--sector", "transport", "--sector", "logistics"], 24, "24 projects. Total: at least ~451.6 bn of ~556.3 bn (81.2% of the portfolio)."),
        # Not a reported group and no list figures: not reported, never a sum of other-basis figures.
        (["--location", "Rongchang"], 2, "2 projects. Total: not reported."),
        (["--location", "重庆", "--sector", "new_infrastructure"], 1, "1 project. Total: not reported."),
        (["--search", "no such project"], 0, "No projects match."),
    ],
)
def test_filters_and_totals(run, args, count, headline):
    result = run("projects", *args)
    assert result.exit_code == 0
    assert headline in result.stdout
    data = json.loads(run("projects", *args, "--format", "json").stdout)
    assert len(data["projects"]) == count


def test_partial_total_names_what_is_missing(run):
    data = json.loads(run("projects", "--sector", "transport", "--sector", "logistics", "-f", "json").stdout)
    assert data["total"]["method"] == "partial"
    assert [(p["id"], p["amount"]) for p in data["total"]["parts"]] == [("transport", "4516"), ("logistics", None)]


def test_location_filter_matches_places_and_provinces(run):
    data = json.loads(run("projects", "--location", "Rongchang", "-f", "json").stdout)
    assert sorted(p["id"] for p in data["projects"]) == ["cq-circuit-park", "neida-expwy"]
    assert data["total"]["not_covered"] == ["neida-expwy", "cq-circuit-park"]
    shaanxi = json.loads(run("projects", "--location", "shaanxi", "-f", "json").stdout)
    assert [p["id"] for p in shaanxi["projects"]] == ["yuxi-hsr"]


def test_unit_yi(run):
    result = run("projects", "--sector", "transport", "--unit", "yi")
    assert "19 projects. Total: ~4516 亿元 of ~5563 亿元 (81.2% of the portfolio)." in result.stdout


def test_csv_parses(run):
    result = run("projects", "--sector", "industry", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [
        "cq-circuit-park", "bashu-heritage-park", "dabashan-resort", "industry-unknown-1", "industry-unknown-2",
    ]
    assert rows[0]["figures"] == "1"  # a count: each figure, with its basis, is in --format json and `cqsc show ID -f csv`
    assert "CSV holds the projects and the amount shown for each" in result.stderr
    assert rows[3]["identified"] == "false" and rows[3]["name_zh"] == ""


def test_markdown(run):
    out = run("projects", "--sector", "transport", "--subsector", "waterway", "-f", "markdown").stdout
    assert out.splitlines()[0] == "| ID | Project | 中文名 | Subsector | Where | Status | bn CNY |"
    assert "| lize-hub | Jialing River Lize navigation hub | 嘉陵江利泽航运枢纽工程 | Waterways | Chongqing | completion<br>2025-03-28 | 3.96 |" in out
    assert "3 projects. Total: 6.2 bn of \\~556.3 bn (1.1% of the portfolio)." in out


@pytest.mark.parametrize("args", [["--sector", "space"], ["--subsector", "monorail"], ["--format", "xml"], ["--unit", "usd"]])
def test_bad_options_are_usage_errors(run, args):
    result = run("projects", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
