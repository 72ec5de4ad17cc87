"""`cqsc tasks`: the key tasks of the plan, by area, with each one's status as reported (or unknown)."""

from __future__ import annotations

from datetime import date
from typing import Any

from cqsc.model.options import Lang
from cqsc.model.records import Task, TasksFile, as_json, roman
from cqsc.queries.tasks import task_status
from cqsc.text.lang import pick, t
from cqsc.views.common import date_key, sort_items, status_cell
from cqsc.views.model import Column, CsvTable, Kind, Lines, Table, View

CSV_FIELDS = ["number", "area", "area_roman", "area_name_en", "title_en", "title_zh", "status", "status_date"]


def view(tf: TasksFile, tasks: list[Task], lang: Lang, *, as_of: date | None = None, limit: int = 0, sort: str | None = None) -> View:
    areas = {a.number: a for a in tf.areas}
    keys = {
        "number": lambda x: x.number,
        "area": lambda x: x.area,
        "task": lambda x: pick(x.title_en, x.title_zh, lang).casefold(),
        "title_zh": lambda x: x.title_zh or None,
        "status": lambda x: task_status(x, as_of)[0].value,
        "date": lambda x: date_key(task_status(x, as_of)[1]),
    }  # exactly the names --columns takes (shown and hidden)
    ordered = sort_items(tasks, sort, keys)
    shown = ordered[:limit] if limit else ordered
    with_zh = any(x.title_zh for x in shown) and lang is Lang.en
    cols = [Column("number", "#", Kind.count), Column("area", t(lang, "Area"), Kind.id), Column("task", t(lang, "Task"), Kind.prose)]
    title_zh = Column("title_zh", "中文", Kind.prose)
    if with_zh:
        cols.append(title_zh)
    cols.append(Column("status", t(lang, "Status"), Kind.status))
    # Shown when --columns names them: the status's date is in the status cell already.
    hidden = ([] if with_zh else [title_zh]) + [Column("date", t(lang, "Date"), Kind.date)]
    rows = []
    for x in shown:
        status, when = task_status(x, as_of)
        r: dict[str, Any] = {
            "number": str(x.number), "area": roman(x.area), "task": pick(x.title_en, x.title_zh, lang), "title_zh": x.title_zh or "—",
            "status": status_cell(status, when, lang, " "), "date": when or "",  # type: ignore[arg-type]
        }
        rows.append(r)
    shown_areas = sorted({x.area for x in shown})
    if len(shown_areas) == 1:
        a = areas[shown_areas[0]]
        head = t(lang, "{n} of {all} tasks in area {roman}: {name}.", n=len(shown), all=len(tf.tasks), roman=roman(a.number), name=pick(a.name_en, a.name_zh, lang))
    else:
        head = t(lang, "{n} of {all} tasks.", n=len(shown), all=len(tf.tasks))
    results = [head]
    if len(shown) < len(ordered):
        results.append(t(lang, "{more} more not shown (--limit 0 lists all).", more=len(ordered) - len(shown)))
    notes = []
    if shown and all(not x.updates for x in shown):
        notes.append(t(lang, "Status: no sourced progress report on any of these tasks was found, so each is unknown."))
    if shown and not any(x.title_zh for x in shown):
        notes.append(
            t(lang, "No Chinese task titles were found in any source; the English titles are shown, marked (en).")
            if lang is Lang.zh
            else t(lang, "No Chinese task titles were found in any source; none is shown.")
        )
    record = {
        "plan": as_json(tf.plan),
        "count": len(shown),
        "as_of": as_of.isoformat() if as_of else None,
        "tasks": [
            {**as_json(x, keep_none=True), "area_roman": roman(x.area), "area_name_en": areas[x.area].name_en,
             "status": task_status(x, as_of)[0].value, "status_date": task_status(x, as_of)[1]}
            for x in shown
        ],
    }
    csv_rows = [
        {"number": x.number, "area": x.area, "area_roman": roman(x.area), "area_name_en": areas[x.area].name_en, "title_en": x.title_en,
         "title_zh": x.title_zh, "status": task_status(x, as_of)[0].value, "status_date": task_status(x, as_of)[1]}
        for x in shown
    ]
    blocks: list[Any] = [Table(cols, rows, hidden=hidden), Lines(results, "result"), Lines(notes, "note")]
    return View(blocks, record, CsvTable(CSV_FIELDS, csv_rows))
