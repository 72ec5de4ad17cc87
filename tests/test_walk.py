"""One walk and one clock: every citation, date and text seen once, and staleness counted one way.

The SQLite export's citations are the walk's (the ones `check` checks references against), and
`progress` marks stale exactly the projects `check` (CQ153) reports, on any day.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES

from cqsc import queries
from cqsc.documents import sqlite as export
from cqsc.loading import loader
from cqsc.model import dates, records, walk
from cqsc.model.dates import months_between
from cqsc.model.environment import EnvError
from cqsc.model.options import DisplayUnit, Lang
from cqsc.rules import checks
from cqsc.views import progress as progress_view
from cqsc.views.common import portfolio_at


@pytest.fixture(scope="module")
def ds():
    data, _ = loader.load_data(DATA, use_cache=False)
    assert not data.problems
    return data


# --- one walk -----------------------------------------------------------------------------------


def test_the_sqlite_citations_are_the_citations_check_sees(run, tmp_path: Path, ds):
    result = run("export", "-o", str(tmp_path / "cqsc.db"))
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(tmp_path / "cqsc.db")
    rows = db.execute("SELECT source_key, record, file, path, slot FROM citations ORDER BY id").fetchall()
    keys = {key for (key,) in db.execute("SELECT key FROM sources")}
    db.close()
    seen = walk.dataset_citations(ds)  # what CQ102 and CQ142 read
    owner = {s.id: file for file in walk.FILES if getattr(ds, file) for s in getattr(ds, file).sources}
    # The same citations, in the walk's order, each at the place `check` points at.
    assert rows == [(f"{owner[c.source]}:{c.source}", c.kind, c.file, json.dumps(list(c.path)), c.slot) for c in seen]
    assert len(rows) == 369
    # Every kind of record that cites a source is in the export with its citations.
    assert {kind for _, kind, *_ in rows} == {"aggregate", "project", "figure", "length", "milestone", "project_plan", "batch", "snapshot",
                                              "plan", "area", "task", "annual_list", "annual_progress"}
    # Every source is cited by some record (CQ142 holds the data to it): every one is in a citation row.
    assert keys == {key for key, *_ in rows}
    assert not [p for p in checks.run(ds, [r for r in checks.RULES if r.code == "CQ142"]) if p.code == "CQ142"]


def test_a_citation_row_names_its_record_as_the_tables_do(tmp_path: Path, run):
    run("export", "-o", str(tmp_path / "cqsc.db"))
    db = sqlite3.connect(tmp_path / "cqsc.db")
    assert set(export.CITING_TABLES) == walk.CITING
    for record, table in export.CITING_TABLES.items():
        key = export.TABLES[table].columns[0].name  # each table's key comes first
        cited = {r for (r,) in db.execute("SELECT record_id FROM citations WHERE record = ?", (record,))}
        listed = {str(r) for (r,) in db.execute(f"SELECT {key} FROM {table}")}  # names from the export's own tables
        assert cited == listed, record  # every row cites a source (SourceRefs is never empty), and cites only its own
    db.close()


def test_a_projects_sources_are_its_citations_in_walk_order(ds):
    for i, p in enumerate(ds.projects.projects):
        ids = [c.source for c in walk.citations(walk.nodes("projects", p, ("projects", i), "project"))]
        assert walk.cited(p) == list(dict.fromkeys(ids))
        facts_only = [c.source for c in walk.citations(walk.nodes("projects", p, ("projects", i), "project")) if c.kind != "project"]
        assert walk.cited(p, own=False) == list(dict.fromkeys(facts_only))


def test_the_quick_walk_sees_what_the_full_one_does(ds):
    """The walk without paths (what most checks need) and the one with them go through the same records."""
    for file in walk.FILES:
        doc = getattr(ds, file)
        assert [(n.kind, id(n.record)) for n in walk.nodes(file, doc)] == [(k, id(r)) for k, r in walk.records(file, doc)]
    assert walk.cited_sources(ds) == {c.source for c in walk.dataset_citations(ds)}
    every = list(walk.dates(walk.dataset_nodes(ds)))
    assert list(walk.date_values(ds, ahead=True)) == [d.value for d in every]
    assert list(walk.date_values(ds)) == [d.value for d in every if not d.ahead] != [d.value for d in every]
    assert list(walk.text_values(ds)) == [x.value for x in walk.texts(walk.dataset_nodes(ds))]


def test_check_points_at_a_reference_the_walk_found(run, data_copy: Path):
    """A source id that is listed nowhere, cited by a length (which the old walks of the export skipped)."""
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  lengths:\n")
    block = text[at:]
    ref = block.index("    sources: [") + len("    sources: [")
    path.write_text(text[: at + ref] + "nowhere-listed, " + text[at + ref :], encoding="utf-8")
    line = text[: at + ref].count("\n") + 1
    result = run("check", "--data-dir", str(data_copy), "--select", "CQ102", "-f", "json")
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "CQ102"]
    # (The same problem may be listed by the loading guard and by the rule alike.)
    assert result.exit_code == 1 and problems
    assert {(p["message"], p["line"]) for p in problems} == {("source 'nowhere-listed' is in no file's sources list", line)}


def _names(annotation: str) -> set[str]:
    return {word.strip("[] ") for word in annotation.replace("|", ",").replace("[", ",").split(",")}


def test_every_date_and_text_field_of_the_model_is_walked():
    """A field added to records.py fails here until the walk places it."""
    kinds = {"Source": "source", "Aggregate": "aggregate", "Figure": "figure", "Milestone": "milestone", "ProjectPlan": "project_plan",
             "Length": "length", "Location": "location", "LastChecked": "last_checked", "Project": "project", "SnapshotGroup": "snapshot_group", "Snapshot": "snapshot",
             "Publisher": "publisher", "Publication": "publication", "Batch": "batch", "Plan": "plan", "Area": "area",
             "TaskUpdate": "task_update", "Task": "task", "AnnualList": "annual_list", "AnnualProgress": "annual_progress",
             "ProjectsFile": "projects", "TasksFile": "tasks", "AnnualFile": "annual"}  # fmt: skip
    found = {name for name, obj in vars(records).items() if dataclasses.is_dataclass(obj) and obj.__module__ == records.__name__}
    assert found == set(kinds)
    for name, kind in kinds.items():
        for f in dataclasses.fields(getattr(records, name)):
            words = _names(str(f.type))
            if {"PartialDate", "Day"} & words:
                assert f.name in walk.DATES.get(kind, ()), f"{name}.{f.name} is a date the walk does not see"
            if "Text" in words:
                assert f.name in walk.TEXTS.get(kind, ()), f"{name}.{f.name} is a text the walk does not see"
            if f.name == "sources" and "SourceRefs" in words:
                assert kind in walk.CITING, f"{name} cites sources the walk does not see"
            held = {w for w in words if w in kinds}
            if held:
                assert (f.name, kinds[held.pop()]) in walk.CHILDREN.get(kind, ()), f"{name}.{f.name} holds records the walk does not enter"


def test_invisible_characters_are_found_in_every_text(run, data_copy: Path):
    """The batches' composition and the annual lists' notes were outside the old text walk of CQ143."""
    path = data_copy / "annual.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  note: ") + len("  note: ")
    quote = text[at]
    assert quote in "'\"", "the first note of annual.yaml is expected quoted"
    path.write_text(text[: at + 1] + "\u202e" + text[at + 1 :], encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--select", "CQ143", "-f", "json")
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "CQ143"]
    assert len(found) == 1 and found[0]["file"].endswith("annual.yaml") and "U+202E" in found[0]["message"]


# --- one clock ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2022, 11, 28), date(2024, 11, 27), 23),  # a day short of two years
        (date(2024, 11, 22), date(2026, 11, 22), 24),
        (date(2024, 11, 23), date(2026, 11, 22), 23),
        (date(2019, 12, 31), date(2020, 12, 24), 11),
        (date(2019, 12, 31), date(2020, 6, 30), 5),  # day-aware: the 31st is not reached in June
        (date(2024, 1, 31), date(2024, 2, 29), 0),
        (date(2024, 1, 30), date(2024, 2, 28), 0),
        (date(2024, 6, 1), date(2024, 6, 30), 0),
        (date(2024, 6, 15), date(2024, 6, 15), 0),
        (date(2020, 12, 1), date(2018, 12, 31), -23),  # the other way round: negative
    ],
)
def test_months_between(earlier: date, later: date, months: int):
    assert months_between(earlier, later) == months


def test_today_is_beijings_day_of_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767261600")  # 2026-01-01T10:00:00Z: 18:00 in Beijing
    assert dates.today() == date(2026, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767290400")  # 2026-01-01T18:00:00Z: 02:00 on the 2nd in Beijing
    assert dates.today() == date(2026, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 30)  # beyond any calendar: refused by name (the CLI says so in one line)
    with pytest.raises(EnvError, match="SOURCE_DATE_EPOCH"):
        dates.today()
    from cqsc.text import numbers as text

    assert text.today is dates.today is checks.today  # one clock, whoever asks


def _stale_by_progress(ds, day: date) -> set[str]:
    pf = portfolio_at(ds.projects, day)
    view = progress_view.view(queries.progress(pf, ds.annual, day), pf.projects, DisplayUnit.bn, Lang.en)
    return {x["project"] for x in view.json["latest_facts"] if x["stale"]}


def _stale_by_check(ds, day: date) -> set[str]:
    rule = [r for r in checks.RULES if r.code == "CQ153"]
    found = checks.run(ds, rule, checks.Context(today=day))
    return {ds.projects.projects[p.path[1]].id for p in found if p.code == "CQ153"}


def test_progress_and_check_agree_on_what_is_stale_on_every_30th_day(ds):
    day, days = date(2019, 1, 1), 0
    while day <= date(2027, 12, 31):
        assert _stale_by_progress(ds, day) == _stale_by_check(ds, day), day.isoformat()
        day += timedelta(days=30)
        days += 1
    assert days == 110


def test_progress_and_check_agree_on_the_day_of_the_issue(run):
    """2022-11-28 to 2024-11-27 is 23 months: chengyu-middle-hsr's news is not stale yet, in either command."""
    prog = json.loads(run("progress", "--as-of", "2024-11-27", "-f", "json").stdout)
    marked = {x["project"] for x in prog["latest_facts"] if x["stale"]}
    found = json.loads(run("check", "--as-of", "2024-11-27", "--select", "CQ153", "-f", "json").stdout)["problems"]
    reported = {p["excerpt"].removeprefix("- id: ") for p in found if p["code"] == "CQ153"}
    assert "chengyu-middle-hsr" not in marked and marked == reported


@pytest.fixture
def boundary(tmp_path: Path) -> Path:
    """The small valid data set, with Rail B's last news on 2024-11-22 and Road C's on 2024-11-23."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    path = target / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    for pid, name, day in (("rail-b", "Rail B", "2024-11-22"), ("road-c", "Road C", "2024-11-23")):
        head = f"- id: {pid}\n  name_en: {name}\n"
        news = f"  milestones:\n  - kind: reported_under_construction\n    date: '{day}'\n    label: works under way\n    sources: [s2]\n"
        assert head in text
        text = text.replace(head, head + news)
    path.write_text(text, encoding="utf-8")
    return target


def test_a_fact_is_stale_two_years_on_to_the_day(run, boundary: Path):
    args = ("--data-dir", str(boundary), "--as-of", "2026-11-22", "-f", "json")
    prog = json.loads(run("progress", *args).stdout)
    stale = {x["project"]: x["stale"] for x in prog["latest_facts"]}
    assert (stale["rail-b"], stale["road-c"]) == (True, False)
    found = json.loads(run("check", "--select", "CQ153", *args).stdout)["problems"]
    messages = [p["message"] for p in found if p["code"] == "CQ153"]
    assert "'rail-b': no dated fact since 2024-11-22 (24 months); not looked for since" in messages
    assert not [m for m in messages if "road-c" in m]
    assert {m.split("'")[1] for m in messages} == {pid for pid, old in stale.items() if old}

