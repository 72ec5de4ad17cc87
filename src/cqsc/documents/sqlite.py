"""Export the data to SQLite: one table per record type, foreign keys, exact amounts.

Amounts are stored twice: ``amount`` as exact decimal text (what the source
said, "3495.5") and ``amount_yi`` as a REAL for arithmetic in SQL. Sources are
keyed ``file:id`` because each data file has its own list; ``citations`` links
every record to the sources it cites (every citation of the data, from model/walk.py). The file is built beside the target and
moved into place in one step, so a reader never sees half a database.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.queries.status import project_status

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE sources (key TEXT PRIMARY KEY, file TEXT NOT NULL, id TEXT NOT NULL, url TEXT NOT NULL,
    title TEXT, publisher TEXT, via TEXT, published TEXT, note TEXT);
CREATE TABLE aggregates (id TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT, sector TEXT, subsector TEXT,
    count INTEGER NOT NULL, amount TEXT, amount_yi REAL, unit TEXT NOT NULL, about INTEGER NOT NULL, as_of TEXT NOT NULL, note TEXT);
CREATE TABLE projects (id TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_zh TEXT, identified INTEGER NOT NULL,
    sector TEXT NOT NULL, subsector TEXT, batch INTEGER, status TEXT NOT NULL, status_since TEXT, note TEXT);
CREATE TABLE locations (project_id TEXT NOT NULL REFERENCES projects(id), province TEXT NOT NULL, places TEXT,
    inferred INTEGER NOT NULL);
CREATE TABLE figures (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), amount TEXT NOT NULL,
    amount_yi REAL NOT NULL, unit TEXT NOT NULL, about INTEGER NOT NULL, basis TEXT NOT NULL, scope TEXT NOT NULL,
    scope_note TEXT, as_of TEXT, note TEXT);
CREATE TABLE milestones (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), kind TEXT NOT NULL,
    date TEXT NOT NULL, section TEXT, label TEXT NOT NULL, note TEXT);
CREATE TABLE last_checked (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), date TEXT NOT NULL,
    "where" TEXT, note TEXT, queries TEXT NOT NULL);
CREATE TABLE snapshots (id INTEGER PRIMARY KEY, as_of TEXT, reported TEXT, started INTEGER, invested TEXT,
    invested_yi REAL, note TEXT);
CREATE TABLE areas (number INTEGER PRIMARY KEY, roman TEXT NOT NULL, name_en TEXT NOT NULL, name_zh TEXT, tasks INTEGER NOT NULL);
CREATE TABLE tasks (number INTEGER PRIMARY KEY, area INTEGER NOT NULL REFERENCES areas(number), title_en TEXT NOT NULL,
    title_zh TEXT);
CREATE TABLE annual_lists (year INTEGER PRIMARY KEY, name_zh TEXT, projects INTEGER, total TEXT, total_yi REAL,
    total_about INTEGER NOT NULL, total_more_than INTEGER NOT NULL, total_text TEXT, annual_plan TEXT, note TEXT);
CREATE TABLE annual_progress (id INTEGER PRIMARY KEY, list_year INTEGER NOT NULL REFERENCES annual_lists(year),
    as_of TEXT NOT NULL, period TEXT NOT NULL, reported TEXT, started INTEGER, cumulative TEXT, year_to_date TEXT,
    annual_plan TEXT, completion_rate_pct TEXT, note TEXT);
CREATE TABLE citations (source_key TEXT NOT NULL REFERENCES sources(key), record TEXT NOT NULL, record_id TEXT NOT NULL);
"""


# How ``citations.record_id`` names a record of each kind: by its own id where it has one, else by its
# running number in the walk (figures, milestones, snapshots and annual progress points as their tables
# number them; lengths, plans, task updates and the tasks' plan, which have no table yet, the same way).
_OWN_ID = {"aggregate": "id", "project": "id", "batch": "id", "area": "number", "task": "number", "annual_list": "year"}


def _citations(ds: Dataset, owner: dict[str, str]) -> list[tuple[str, str, str]]:
    """One row per citation in the data set: the cited source's key, the citing record's kind and id."""
    rows = []
    number: dict[str, int] = {}
    for n in walk.dataset_nodes(ds):
        if n.kind not in walk.CITING:
            continue
        number[n.kind] = number.get(n.kind, 0) + 1
        key = _OWN_ID.get(n.kind)
        record_id = str(getattr(n.record, key) if key else number[n.kind])
        rows += [(f"{owner.get(c.source, c.file)}:{c.source}", c.kind, record_id) for c in walk.citations((n,))]
    return rows


def _text(value: Any) -> Any:
    return None if value is None else str(value)


def _real(value: Any) -> float | None:
    return None if value is None else float(value)


def _write(db: sqlite3.Connection, ds: Dataset) -> None:
    assert ds.projects is not None
    # Source ids are one register across the files: a citation points at the file that lists the source.
    # A portfolio with no plan of tasks (no tasks.yaml) has empty areas and tasks tables.
    tasks_sources = ds.tasks.sources if ds.tasks else []
    owner = {s.id: file for file, sources in (("projects", ds.projects.sources), ("tasks", tasks_sources), ("annual", ds.annual.sources if ds.annual else [])) for s in sources}
    files = [("projects", ds.projects.sources), ("tasks", tasks_sources)]
    if ds.annual:
        files.append(("annual", ds.annual.sources))
    for file, sources in files:
        db.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?)",
            [(f"{file}:{s.id}", file, s.id, s.url, s.title, s.publisher, s.via, s.published, s.note) for s in sources],
        )
    for a in ds.projects.aggregates:
        db.execute(
            "INSERT INTO aggregates VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.label_en, a.label_zh, _text(a.sector), _text(a.subsector), a.count, _text(a.amount), _real(a.amount), a.unit.value, int(a.about), a.as_of, a.note),
        )
    figure_id = milestone_id = 0
    for p in ds.projects.projects:
        st = project_status(p)
        db.execute(
            "INSERT INTO projects VALUES (?,?,?,?,?,?,?,?,?,?)",
            (p.id, p.name_en, p.name_zh, int(p.identified), p.sector.value, _text(p.subsector), p.batch, st.status.value, st.since, p.note),
        )
        for loc in p.locations:
            db.execute("INSERT INTO locations VALUES (?,?,?,?)", (p.id, loc.province.value, "; ".join(loc.places) or None, int(loc.inferred)))
        for f in p.figures:
            figure_id += 1
            db.execute(
                "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (figure_id, p.id, str(f.amount), float(f.amount), f.unit.value, int(f.about), f.basis.value, f.scope.value, f.scope_note, f.as_of, f.note),
            )
        for m in p.milestones:
            milestone_id += 1
            db.execute("INSERT INTO milestones VALUES (?,?,?,?,?,?,?)", (milestone_id, p.id, m.kind.value, m.date, m.section, m.label, m.note))
        for c in p.last_checked:  # searches that found nothing: no citations, no part in the status above
            db.execute(
                'INSERT INTO last_checked (project_id, date, "where", note, queries) VALUES (?,?,?,?,?)',
                (p.id, c.date, c.where, c.note, json.dumps(c.queries, ensure_ascii=False)),
            )
    for i, snap in enumerate(ds.projects.snapshots, start=1):
        db.execute("INSERT INTO snapshots VALUES (?,?,?,?,?,?,?)", (i, snap.as_of, snap.reported, snap.started, _text(snap.invested), _real(snap.invested), snap.note))
    for area in ds.tasks.areas if ds.tasks else []:
        db.execute("INSERT INTO areas VALUES (?,?,?,?,?)", (area.number, area.roman, area.name_en, area.name_zh, area.tasks))
    for t in ds.tasks.tasks if ds.tasks else []:
        db.execute("INSERT INTO tasks VALUES (?,?,?,?)", (t.number, t.area, t.title_en, t.title_zh))
    if ds.annual:
        for lst in ds.annual.lists:
            db.execute(
                "INSERT INTO annual_lists VALUES (?,?,?,?,?,?,?,?,?,?)",
                (lst.year, lst.name_zh, lst.projects, _text(lst.total), _real(lst.total), int(lst.total_about), int(lst.total_more_than), lst.total_text, _text(lst.annual_plan), lst.note),
            )
        for i, pt in enumerate(ds.annual.progress, start=1):
            db.execute(
                "INSERT INTO annual_progress VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (i, pt.list_year, pt.as_of, pt.period.value, pt.reported, pt.started, _text(pt.cumulative), _text(pt.year_to_date), _text(pt.annual_plan), _text(pt.completion_rate_pct), pt.note),
            )
    db.executemany("INSERT INTO citations VALUES (?,?,?)", _citations(ds, owner))


def export_sqlite(ds: Dataset, target: Path) -> None:
    """Write the database to ``target``, replacing any file there in one step (see atomic.write_file)."""
    from cqsc.store import atomic

    def fill(tmp: str) -> None:
        db = sqlite3.connect(tmp)
        try:
            db.executescript(SCHEMA)
            with db:
                _write(db, ds)
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # pragma: no cover - the integrity rules make this impossible
                raise RuntimeError(f"foreign keys broken: {problems[:3]}")
        finally:
            db.close()

    atomic.write_file(target, fill)
