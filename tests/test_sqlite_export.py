"""The SQLite export as Datasette and SQL clients see it: every kind of record in a table, exact amounts in CNY,
keys that hold, views for the common questions, and a metadata file that describes exactly the database."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA

from cqsc import queries
from cqsc.documents import sqlite as export
from cqsc.loading import loader
from cqsc.model import records


@pytest.fixture(scope="module")
def ds():
    data, _ = loader.load_data(DATA, use_cache=False)
    assert not data.problems
    return data


@pytest.fixture
def db(run, tmp_path: Path):
    result = run("export", "-o", str(tmp_path / "cqsc.db"))
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(tmp_path / "cqsc.db")
    yield con
    con.close()


def _objects(con: sqlite3.Connection, kind: str) -> list[str]:
    return [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name", (kind,))]


def _columns(con: sqlite3.Connection, name: str) -> list[str]:
    return [row[1] for row in con.execute("SELECT * FROM pragma_table_info(?)", (name,))]


def test_plans_lengths_and_batches_have_their_rows(db):
    plans = db.execute("SELECT project_id, kind, due, section, made FROM plans WHERE project_id = 'chengdawan-hsr' ORDER BY id").fetchall()
    assert plans == [("chengdawan-hsr", "construction_start", "2019", None, "2018-06-07"), ("chengdawan-hsr", "completion", "2027", None, "2025-02")]
    assert db.execute("SELECT count(*) FROM plans").fetchone() == (8,)
    lengths = db.execute("SELECT project_id, km, metres, about, scope, as_of FROM lengths ORDER BY id").fetchall()
    assert lengths == [
        ("chengdawan-hsr", "486.4", 486_400, 0, "whole_line", "2020-11-04"),
        ("chengyu-middle-hsr", "292", 292_000, 0, "whole_line", "2021-08"),
        ("zitong-expwy", "105", 105_000, 1, "section", None),
        ("zitong-expwy", "48.8", 48_800, 0, "section", "2020-06-29"),
    ]
    batches = db.execute("SELECT id, number, count, count_derived, amount, unit, amount_cny, about, more_than FROM batches ORDER BY number").fetchall()
    assert batches == [("batch-1", 1, 16, 0, "3800", "yi", 380_000_000_000, 1, 1), ("batch-2", 2, 15, 1, None, "yi", None, 0, 0)]
    # A project that a source puts in a batch links to that batch's row.
    assert db.execute("SELECT id, batch, batch_id FROM projects WHERE batch IS NOT NULL").fetchall() == [("shuangjiang-hub", 1, "batch-1")]
    assert db.execute("SELECT uri, license, id_prefix FROM publication").fetchall() == [
        ("urn:cqsc:oc4ids:sichuan-chongqing-31-projects", "https://creativecommons.org/licenses/by/4.0/", "cqsc")
    ]
    assert db.execute("SELECT signed, areas, tasks FROM tasks_plan").fetchall() == [("2019-07-10", 9, 36)]
    assert db.execute("SELECT snapshot_id, aggregate, invested, invested_cny FROM snapshot_groups ORDER BY id LIMIT 1").fetchall() == [
        (1, "transport-high-speed-rail", "1.99", 199_000_000)
    ]


def test_last_checked_notes_have_their_rows(run, data_copy: Path, tmp_path: Path):
    queries = ["南大梁高速 通车", "南大梁高速 二期"]
    args = ("record", "last-checked", "nantong-expwy", "--date", "2026-12-01", "--data-dir", str(data_copy))
    assert run(*args, *(x for q in queries for x in ("--query", q))).exit_code == 0
    assert run("export", "-o", str(tmp_path / "x.db"), "--data-dir", str(data_copy)).exit_code == 0
    con = sqlite3.connect(tmp_path / "x.db")
    assert con.execute("SELECT project_id, date, queries FROM last_checked").fetchall() == [
        ("nantong-expwy", "2026-12-01", json.dumps(queries, ensure_ascii=False))
    ]
    assert con.execute("SELECT last_looked_for FROM latest_fact WHERE project_id = 'nantong-expwy'").fetchone() == ("2026-12-01",)
    con.close()


def test_every_field_of_the_model_is_a_column():
    """A field added to model/records.py fails here until the export writes it (lists of records are tables of their own)."""
    tables = {"Source": "sources", "Aggregate": "aggregates", "Batch": "batches", "Project": "projects", "Location": "locations",
              "Figure": "figures", "Length": "lengths", "Milestone": "milestones", "ProjectPlan": "plans", "LastChecked": "last_checked",
              "Snapshot": "snapshots", "SnapshotGroup": "snapshot_groups", "Plan": "tasks_plan", "Area": "areas", "Task": "tasks",
              "TaskUpdate": "task_updates", "AnnualList": "annual_lists", "AnnualProgress": "annual_progress"}
    children = {"sources", "locations", "figures", "lengths", "milestones", "plans", "last_checked", "groups", "updates"}
    for record, table in tables.items():
        columns = {c.name for c in export.TABLES[table].columns}
        for f in dataclasses.fields(getattr(records, record)):
            assert f.name in children or f.name in columns, f"{record}.{f.name} is not in {table}"
    publication = {c.name for c in export.TABLES["publication"].columns}
    assert {f.name for f in dataclasses.fields(records.Publication)} - {"publisher"} <= publication
    assert {f"publisher_{f.name}" for f in dataclasses.fields(records.Publisher)} <= publication


def test_amounts_in_cny_are_exact_integers_beside_the_sources_figure(db):
    checked = 0
    for table in _objects(db, "table"):
        for column in _columns(db, table):
            if not column.endswith("_cny"):
                continue
            text = column.removesuffix("_cny")
            unit = "unit" if "unit" in _columns(db, table) else None
            assert unit, table
            # names from the database's own schema
            for figure, unit_value, cny, kind in db.execute(f'SELECT "{text}", "{unit}", "{column}", typeof("{column}") FROM "{table}"'):
                assert (figure is None) == (cny is None), (table, column)
                if figure is not None:
                    assert kind == "integer" and unit_value == "yi"
                    assert Decimal(figure) * 10**8 == cny, (table, column, figure)
                    checked += 1
    assert checked == 90  # on the frozen data: every amount of every table
    assert db.execute("SELECT amount, unit, amount_cny FROM figures WHERE project_id = 'yuxi-hsr' ORDER BY id LIMIT 1").fetchone() == (
        "1237.22", "yi", 123_722_000_000
    )


def test_keys_hold_and_every_join_column_has_an_index(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    joins = 0
    for table in _objects(db, "table"):
        indexed = set()
        for (index,) in db.execute("SELECT name FROM pragma_index_list(?)", (table,)):
            first = db.execute("SELECT name FROM pragma_index_info(?) WHERE seqno = 0", (index,)).fetchone()
            indexed.add(first[0])
        for fk in db.execute("SELECT * FROM pragma_foreign_key_list(?)", (table,)).fetchall():
            joins += 1
            assert fk[3] in indexed, f"{table}.{fk[3]} joins {fk[2]} without an index"
    assert joins >= 14
    assert db.execute("SELECT name FROM pragma_index_list('citations')").fetchall()  # citations by record and by source


def test_the_views_answer_with_the_queries_the_commands_use(db, ds):
    by_id = {p.id: p for p in ds.projects.projects}
    rows = db.execute("SELECT project_id, status, since, milestone_date, milestone_sources FROM project_status").fetchall()
    assert len(rows) == 31
    for project_id, status, since, milestone_date, milestone_sources in rows:
        st = queries.project_status(by_id[project_id])
        assert (status, since) == (st.status.value, st.since)
        assert milestone_date == (st.evidence.date if st.evidence else None)
        if st.evidence:
            assert milestone_sources.split() == [f"projects:{s}" for s in st.evidence.sources]
    latest = dict(db.execute("SELECT project_id, latest_fact FROM latest_fact"))
    assert latest == {p.id: queries.latest_fact(p) for p in ds.projects.projects}
    assert latest["chengdawan-hsr"] == "2025"  # a partial date: by its last day, not as text
    figures = db.execute("SELECT project_id, amount, amount_cny, basis, scope, sources FROM project_figures WHERE project_id = 'chengdawan-hsr'").fetchall()
    assert figures == [
        ("chengdawan-hsr", "851", 85_100_000_000, "feasibility_estimate", "whole_line", "projects:cando-02075a"),
        ("chengdawan-hsr", "851", 85_100_000_000, "reported_total", "whole_line", "projects:caijing-a4865a"),
    ]
    assert db.execute("SELECT count(*) FROM project_figures").fetchone() == db.execute("SELECT count(*) FROM figures").fetchone()


def test_the_amount_view_shows_what_the_amount_rule_chooses(db, ds):
    """project_amounts joins the figure queries.shown_amount chose: the rule is stated once, in Python, not again in SQL."""
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT project_id, figure_id, amount, unit, amount_cny, about, scope, basis, as_of, listed_item FROM project_amounts")}
    assert len(rows) == 31  # every project, those without a figure too (their amount is empty, never zero)
    figure_ids = db.execute("SELECT project_id, id FROM figures ORDER BY id").fetchall()
    shown_with_figure = 0
    for p in ds.projects.projects:
        shown = queries.shown_amount(p)
        if shown is None:
            assert rows[p.id] == (None,) * 9, p.id
            continue
        shown_with_figure += 1
        # The figure's row: its place among the project's figures, in the data's order.
        own = [i for project, i in figure_ids if project == p.id]
        figure_id = own[next(i for i, f in enumerate(p.figures) if f is shown.figure)]
        assert rows[p.id] == (
            figure_id, str(shown.amount), shown.figure.unit.value, int(shown.amount * 10**8), int(shown.about), shown.scope.value,
            shown.basis.value, shown.as_of, int(shown.scope is records.Scope.listed_item),
        ), p.id
    assert shown_with_figure == 14
    # Two that the rule decides: of two 851 亿 whole-line figures the later one; a listed-item figure before a whole-line one.
    assert rows["chengdawan-hsr"][1:] == ("851", "yi", 85_100_000_000, 0, "whole_line", "reported_total", "2025-02", 0)
    assert rows["yuxi-hsr"][1:] == ("1213.11", "yi", 121_311_000_000, 1, "listed_item", "design_estimate", "2022-10", 1)
    assert db.execute("SELECT sources FROM project_amounts WHERE project_id = 'chengdawan-hsr'").fetchone() == ("projects:caijing-a4865a",)


# --- Datasette metadata ------------------------------------------------------------------------------------------


def test_the_metadata_describes_exactly_the_databases_tables_and_columns(run, tmp_path: Path):
    target = tmp_path / "portfolio.db"
    result = run("export", "-o", str(target), "--metadata")
    assert result.exit_code == 0, result.output
    meta_path = tmp_path / "portfolio.metadata.json"
    assert result.stderr.splitlines() == [f"wrote {target}", f"wrote {meta_path}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portfolio.db", "portfolio.metadata.json"]  # no temporary left
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["portfolio"]  # Datasette names a database by its file's stem
    described = meta["databases"]["portfolio"]["tables"]
    con = sqlite3.connect(target)
    try:
        names = _objects(con, "table") + _objects(con, "view")
        assert sorted(described) == sorted(names)
        for name in names:
            entry = described[name]
            assert list(entry["columns"]) == _columns(con, name), name
            assert entry["title"] and entry["description"] and all(entry["columns"].values()), name
            assert entry.get("label_column", _columns(con, name)[0]) in _columns(con, name)
            assert set(entry.get("units", {})) <= set(_columns(con, name))
    finally:
        con.close()
    assert described["lengths"]["units"] == {"metres": "m"}
    assert meta["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert meta["source"] == "cqsc (Sichuan-Chongqing jointly implemented projects tracker)"


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    return set()


def test_text_from_the_data_stays_text_in_the_metadata(run, data_copy: Path, tmp_path: Path):
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    name: cqsc (Sichuan-Chongqing jointly implemented projects tracker)\n"
    assert old in text
    path.write_text(text.replace(old, f"    name: {json.dumps(hostile)}\n"), encoding="utf-8")
    result = run("export", "-o", str(tmp_path / "x.db"), "--metadata", "--data-dir", str(data_copy))
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "x.metadata.json").read_text(encoding="utf-8"))
    assert meta["source"] == hostile  # verbatim; Datasette escapes it as it escapes every plain field
    assert not {k for k in _keys(meta) if k.endswith("_html")}  # never a field Datasette would render as HTML


def test_metadata_is_for_the_sqlite_export_only(run, tmp_path: Path):
    result = run("export", "-f", "oc4ids", "-o", str(tmp_path / "x.json"), "--metadata")
    assert result.exit_code == 2 and "--metadata" in result.output
    assert not list(tmp_path.iterdir())


def test_an_empty_folder_gets_metadata_without_a_licence(run, tmp_path: Path):
    folder = tmp_path / "data"
    assert run("init", str(folder)).exit_code == 0
    result = run("export", "-o", str(tmp_path / "x.db"), "--metadata", "--data-dir", str(folder))
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "x.metadata.json").read_text(encoding="utf-8"))
    assert "license_url" not in meta and "source" not in meta  # no publication block: nothing is made up
    assert sorted(meta["databases"]["x"]["tables"]) == sorted([*export.TABLES, *export.VIEWS])


def test_the_commands_page_names_every_table_and_view():
    readme = (Path(__file__).resolve().parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")
    start = readme.index("`cqsc export -o cqsc.db` writes a SQLite database")
    paragraph = readme[start : readme.index("\n\n", start)]
    assert [name for name in [*export.TABLES, *export.VIEWS] if f"`{name}`" not in paragraph] == []
    assert "`--metadata`" in paragraph
