"""Plans against actuals, the batches, and what changed between two dates: the library and the commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA

from cqsc import queries
from cqsc.loading import wholefile
from cqsc.queries import changed


@pytest.fixture(scope="module")
def pf():
    ds = wholefile.load(DATA)
    assert not ds.problems
    return ds.projects


def _project(pf, pid):
    return next(p for p in pf.projects if p.id == pid)


def test_chengdawan_started_eleven_whole_months_past_the_planned_year(pf):
    (start, completion) = queries.plan_checks(_project(pf, "chengdawan-hsr"), date(2026, 11, 22))
    assert (start.plan.kind.value, start.plan.due, start.plan.made) == ("construction_start", "2019", "2018-06-07")
    assert start.reached is not None and start.reached.date == "2020-12-24"
    # 2019-12-31 to 2020-12-24: 11 whole months (and 24 days)
    assert (start.state, start.slip_months) == ("met_late", 11)
    assert (completion.plan.due, completion.state) == ("2027", "scheduled")


def test_late_on_a_day_lists_what_had_passed_its_planned_date(pf):
    late = {p.id: [(c.plan.kind.value, c.plan.section) for c in checks] for p, checks in queries.late_projects(pf.projects, date(2020, 6, 30))}
    assert late == {
        "chengdawan-hsr": [("construction_start", None)],
        "yukun-hsr": [("construction_start", "Chongqing West-Yibin East section")],  # the 2018 plan for the Chongqing-Yibin section
    }


def test_the_chongqing_kunming_section_plan_is_judged_against_its_start(pf):
    (check,) = queries.plan_checks(_project(pf, "yukun-hsr"), date(2026, 11, 22))
    assert check.plan.due == "2018" and check.reached is not None and check.reached.date == "2020-12"
    # from the end of 2018 to the first day of 2020-12 (the earliest it may have been): 23 whole months
    assert (check.state, check.slip_months) == ("met_late", 23)


def test_chengyu_middle_opening_planned_for_november_2027_is_not_late_today(pf):
    (check,) = queries.plan_checks(_project(pf, "chengyu-middle-hsr"), date(2026, 11, 22))
    assert (check.plan.due, check.state) == ("2027-11", "scheduled")
    assert "chengyu-middle-hsr" not in {p.id for p, _ in queries.late_projects(pf.projects, date(2026, 11, 22))}


def test_a_later_plan_supersedes_an_earlier_one_without_erasing_it(pf):
    from dataclasses import replace

    p = _project(pf, "chengdawan-hsr")
    later = replace(p.plans[0], due="2021", made="2020-06", label="revised")
    q = replace(p, plans=[*p.plans, later])
    before = queries.plan_checks(q, date(2020, 5, 1))[0]
    assert before.plan.due == "2019" and before.superseded == ()
    after = queries.plan_checks(q, date(2026, 1, 1))[0]
    assert after.plan.due == "2021" and [pl.due for pl in after.superseded] == ["2019"] and after.state == "met"


def test_changes_in_2024_are_every_2024_event_and_nothing_else(pf):
    ch = queries.changes(pf, date(2024, 1, 1), date(2024, 12, 31))
    expected = sorted(
        (m.date, p.id) for p in pf.projects for m in p.milestones if m.date.startswith("2024")
    )
    assert sorted((e.date, e.project.id) for e in ch.events) == expected and expected
    assert [(t.project.id, t.before.status.value, t.after.status.value, t.after.since) for t in ch.transitions] == [
        ("kailiang-expwy", "implementation", "completion", "2024-05-31")
    ]


@pytest.mark.parametrize(
    ("start", "end", "date_", "where"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), "2024", "in"),
        (date(2024, 12, 1), date(2024, 12, 31), "2024-12", "in"),
        (date(2024, 6, 1), date(2024, 12, 31), "2024", "straddles"),
        (date(2024, 12, 15), date(2025, 1, 31), "2024-12", "straddles"),
        (date(2025, 1, 1), date(2025, 1, 31), "2024-12", "out"),
    ],
)
def test_partial_dates_at_the_edges(start, end, date_, where):
    assert changed._within(date_, start, end) == where


def test_show_puts_plan_and_actual_side_by_side(run):
    out = run("show", "chengdawan-hsr").stdout
    assert "construction start  2019  2018-06-07  2020-12-24   reached late, 11 months  sc-fe39bb" in out
    data = json.loads(run("show", "chengdawan-hsr", "-f", "json").stdout)
    assert data["plans_checked"][0] == {
        "kind": "construction_start", "section": None, "due": "2019", "made": "2018-06-07", "state": "met_late",
        "reached": "2020-12-24", "slip_months": 11, "superseded": [],
    }


def test_projects_late(run):
    result = run("projects", "--late", "--as-of", "2020-06-30", "-f", "json")
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["projects"]] == ["chengdawan-hsr", "yukun-hsr"] and data["filters"]["late"] is True
    text = run("projects", "--late", "--as-of", "2020-06-30").stdout
    assert "  chengdawan-hsr: construction start: due 2019 (plan of 2018-06-07); not reached, 5 months past due" in text


def test_changes_command(run):
    data = json.loads(run("changes", "--from", "2024-01-01", "--to", "2024-12-31", "-f", "json").stdout)
    assert [(e["date"], e["project"]) for e in data["events"]][:3] == [("2024-04-29", "lize-hub"), ("2024-04-30", "kailiang-expwy"), ("2024-05-31", "kailiang-expwy")]
    assert data["transitions"] == [{"project": "kailiang-expwy", "sector": "transport", "from": "implementation", "to": "completion", "since": "2024-05-31"}]
    assert data["by_sector"] == {"transport": 5}
    bad = run("changes", "--from", "2025", "--to", "2024")
    assert bad.exit_code == 2 and "is before --from" in bad.output
    csv_ = run("changes", "--from", "2024", "--to", "2024", "-f", "csv")
    assert csv_.stdout.startswith("date,project,sector,kind,section,label,sources\n2024-04-29,lize-hub,")
    assert "CSV holds the events only" in csv_.stderr


def test_timeline_marks_planned_dates(run):
    out = run("timeline", "--project", "chengyu-middle-hsr").stdout
    assert "planned: full" in out and "due, per a plan of 2022-11-10" in out
    data = json.loads(run("timeline", "--project", "chengyu-middle-hsr", "-f", "json").stdout)
    assert [(e["due"], e["kind"]) for e in data["planned"]] == [("2027-11", "full_opening")]
    assert all(e["kind"] != "full_opening" for e in data["events"])


def test_summary_shows_the_batches_and_check_reconciles_them(run, data_copy: Path):
    data = json.loads(run("summary", "-f", "json").stdout)
    first, second = data["batches"]
    assert (first["count"], first["amount"], first["more_than"], first["members_known"]) == (16, "3800", True, ["shuangjiang-hub"])
    assert (second["count"], second["count_derived"], second.get("amount")) == (15, True, None)
    assert "\nFirst batch: 16 projects, more than 380 bn; members known: shuangjiang-hub\n" in run("summary").stdout
    # 17 projects named in a batch of 16 is an error; so is a count that no longer adds up to 31.
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  count: 16\n", "  count: 0\n", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22", "--select", "CQ161", "-q")
    assert result.exit_code == 1
    assert "batch 1 counts 0 projects, but 1 records name it [CQ161 batch-consistency]" in result.stdout
    assert "the batches count 0 + 15 = 15, but the portfolio has 31 [CQ161 batch-consistency]" in result.stdout


def test_a_plan_for_no_stage_is_refused(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  plans:\n  - kind: construction_start\n    due: '2019'", "  plans:\n  - kind: feasibility_approval\n    due: '2019'", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22", "-q")
    assert result.exit_code == 1
    assert "'chengdawan-hsr': a plan for feasibility_approval is not a stage; use one of construction_start" in result.stdout


def test_record_plan(run, data_copy: Path):
    result = run(
        "record", "plan", "lize-hub", "--kind", "completion", "--due", "2025", "--made", "2024-04-29", "--label", "Completion planned for 2025",
        "--source", "http://austinsherwood.com/portlspnews/15868", "--dry-run", "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0, result.output
    assert "+  plans:\n+  - kind: completion\n+    due: '2025'\n+    made: '2024-04-29'\n" in result.stdout
    bad = run("record", "plan", "lize-hub", "--kind", "design_approval", "--due", "2025", "--made", "2024", "--label", "x", "--source", "https://e.cn/", "--data-dir", str(data_copy))
    assert bad.exit_code == 2 and "a plan is for a stage" in bad.output


def test_no_address_appears_twice_in_the_data():
    import re

    urls = [u for name in ("projects.yaml", "tasks.yaml", "annual.yaml") for u in re.findall(r"^  url: (\S+)$", (DATA / name).read_text(encoding="utf-8"), re.M)]
    assert len(urls) == len(set(urls))


def test_sources_are_one_register_across_the_files(run, data_copy: Path):
    path = data_copy / "annual.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sources:\n", "sources:\n- id: again\n  url: http://shadafang.com/a/bb/0I01941F62020.html\n", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--as-of", "2026-11-22", "-q")
    assert result.exit_code == 1
    assert "the address of 'again' is listed already as 'cns-2020-07-30' (projects.yaml); one record per address [CQ101 unique-ids]" in result.stdout


def test_the_report_lists_only_the_sources_it_cites_numbered_in_order_of_use(run):
    import re

    report = run("report", "--format", "markdown").stdout
    body, _, listing = report.partition("## Sources")
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", listing, re.M)]
    assert listed == list(range(1, len(listed) + 1))
    assert set(cited) == set(listed)  # every listed source is cited in the body, and only those are listed
    first_use = list(dict.fromkeys(cited))
    assert first_use == sorted(first_use)  # numbered in the order the body first cites them


def test_timeline_chart_draws_stages_and_plans_in_the_terminal(run):
    out = run("timeline", "--chart", "--sector", "transport", "--to", "2026-11-22").stdout.splitlines()
    assert out[0].split() == ["2018", "2020", "2022", "2024", "2026", "2028"]
    rows = {line.split()[0]: line for line in out[1:20]}
    assert set(rows) >= {"chengdawan-hsr", "kailiang-expwy"} and len(rows) == 19  # the 19 transport projects
    assert rows["chengdawan-hsr"].count("*") == 2 and "-=" in rows["chengdawan-hsr"]  # two plans; preparation, then works
    assert "=o " in rows["kailiang-expwy"] and rows["kailiang-expwy"].rstrip().endswith("|")  # completed: nothing after but the day line
    assert all(len(line) <= 100 for line in out)
    assert " ".join(out[20:]).startswith("- preparation, = implementation, o completed, * a planned date, | 2026-11-22")
    bad = run("timeline", "--chart", "-f", "json")
    assert bad.exit_code == 2 and "--chart draws in the terminal" in bad.output


def test_reports_gain_a_since_section(run):
    md = run("report", "--since", "2024-01-01", "--as-of", "2024-12-31").stdout
    section = md.split("## Since 2024-01-01\n", 1)[1].split("## What is not known", 1)[0]
    assert "- kailiang-expwy: implementation → completion (2024-05-31)" in section
    assert section.count("\n| 2024-") == 5 and "| 2025" not in section
    html = run("report", "--format", "html", "--since", "2024-01-01", "--as-of", "2024-12-31").stdout
    assert '<section id="since"><h2>Since 2024-01-01</h2>' in html and html.count("<tr><td>2024-") == 5
    assert "## Since" not in run("report").stdout
    bad = run("report", "--since", "2025-01-01", "--as-of", "2024-12-31")
    assert bad.exit_code == 2 and "is after the report's day" in bad.output
