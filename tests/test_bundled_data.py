"""The data that ships (data/), checked for the seed facts that must hold whatever is recorded later.

These are the only tests that read data/: every other test reads the frozen copy in tests/data/frozen,
so that recording a fact moves no golden (the guard in conftest.py fails a test that opens data/ unmarked).
"""

from __future__ import annotations

import json

import pytest
from conftest import BUNDLED, REPO

pytestmark = pytest.mark.bundled_data


def _json(run, *args: str) -> dict:
    result = run(*args, "--data-dir", str(BUNDLED), "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_31_projects_in_four_sectors_about_556_3_bn(run):
    result = run("projects", "--data-dir", str(BUNDLED))
    assert result.exit_code == 0
    assert "31 projects. Total: ~556.3 bn of ~556.3 bn (100.0% of the portfolio)." in result.stdout
    counts = {s: len(_json(run, "projects", "--sector", s)["projects"]) for s in ("transport", "logistics", "industry", "new_infrastructure")}
    assert counts == {"transport": 19, "logistics": 5, "industry": 5, "new_infrastructure": 2}


def test_transport_is_451_6_bn_of_556_3_bn(run):
    result = run("projects", "--data-dir", str(BUNDLED), "--sector", "transport")
    assert result.exit_code == 0
    assert "19 projects. Total: ~451.6 bn of ~556.3 bn (81.2% of the portfolio)." in result.stdout


def test_36_tasks_in_9_areas(run):
    tasks = _json(run, "tasks")["tasks"]
    assert len(tasks) == 36
    per_area = [sum(t["area"] == a for t in tasks) for a in range(1, 10)]
    assert per_area == [3, 5, 3, 3, 5, 8, 3, 4, 2]


def test_the_data_gate_passes(run):
    """What CI runs: strict, against the accepted warnings, the calendar-bound rule left out."""
    result = run("check", "--data-dir", str(BUNDLED), "--strict", "--baseline", str(REPO / ".cqsc-baseline.json"), "--ignore", "CQ153", "-q")
    assert result.exit_code == 0, result.stdout + result.stderr


# The stale projects that were searched on 2026-12-02 and found no later news, each with the queries made.


def test_every_stale_project_says_when_it_was_last_looked_for(run):
    found = _json(run, "check", "--as-of", "2026-11-22", "--select", "CQ153", "--no-baseline")["problems"]
    stale = [p["excerpt"].removeprefix("- id: ") for p in found if p["code"] == "CQ153"]
    assert 0 < len(stale) <= 16
    projects = {p["id"]: p for p in _json(run, "projects")["projects"]}
    for pid in stale:
        notes = projects[pid]["last_checked"]
        assert notes, f"{pid} is stale and carries no last_checked note"
        assert all(n["queries"] and n["date"] == "2026-12-02" for n in notes), pid
    # Today (after the searches), CQ153 says when each was looked for, with how many queries.
    now = _json(run, "check", "--as-of", "2026-12-02", "--select", "CQ153", "--no-baseline")["problems"]
    for p in now:
        pid = p["excerpt"].removeprefix("- id: ")
        notes = projects[pid]["last_checked"]
        if notes:
            assert p["message"].endswith(f"; last looked for on 2026-12-02 ({len(notes[-1]['queries'])} quer{'y' if len(notes[-1]['queries']) == 1 else 'ies'})")


def test_yuxi_hsr_is_under_construction_since_2022_11_29(run):
    shown = _json(run, "show", "yuxi-hsr")
    assert (shown["status"], shown["status_since"]) == ("implementation", "2022-11-29")
