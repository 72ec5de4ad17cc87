"""Export the data to SQLite: a table per kind of record, views for the common questions, and Datasette metadata.

Every record of the data files has a row: the walk of model/walk.py goes through the data once, and each
record it meets becomes a row of its kind's table and one ``citations`` row per source it cites, so the
export lists exactly the citations `cqsc check` checks. A record is keyed by its own id where it has one
(a project, an aggregate, a batch, an area, a task, an annual list), else by its running number in that
walk; ``citations.record_id`` names it the same way.

Amounts are stored three ways, side by side: ``amount``, the source's figure as exact decimal text in
the source's unit ("3495.5"); ``unit`` (``yi``: 亿元, 10^8 CNY); and ``amount_cny``, the same amount as
an exact INTEGER of yuan (349550000000), for arithmetic in SQL without floating point. Lengths keep the
source's km as text beside ``metres`` (an INTEGER, where the length is a whole number of metres).

Foreign keys join every child to its parent, each with an index. The file is built beside the target and
moved into place in one step, so a reader never sees half a database; the metadata file likewise.

The views answer the common questions: ``project_status`` (status and since, by queries.project_status,
with the milestone that shows it), ``latest_fact`` (by queries.latest_fact, with the last search),
``project_figures`` (each project's figures with their scope and basis) and ``project_amounts`` (each
project's one shown amount). Which figure is shown is decided by queries.shown_amount, the rule every
listing uses, and stored as ``projects.shown_figure``; the view only joins that figure, so SQL carries no
second copy of the rule.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.records import UNIT_FACTOR, Unit
from cqsc.queries.amounts import shown_amount
from cqsc.queries.status import latest_fact, project_status


class Column(NamedTuple):
    name: str
    sql: str  # type and constraints, as in CREATE TABLE
    description: str


class Table(NamedTuple):
    title: str
    description: str
    columns: tuple[Column, ...]
    label: str | None = None  # the column Datasette shows for a row that another row links to


def _c(name: str, sql: str, description: str) -> Column:
    return Column(name, sql, description)


_ID = "Running number of the record in the walk of the data (the key citations.record_id uses)."
_PROJECT = _c("project_id", "TEXT NOT NULL REFERENCES projects(id)", "The project the record belongs to.")
_UNIT = _c("unit", "TEXT NOT NULL", "The unit of the source's amounts: yi is 亿元, 10^8 CNY.")
_ABOUT = _c("about", "INTEGER NOT NULL", "1 where the source gives the figure as approximate (约).")
_NOTE = _c("note", "TEXT", "A note from the data, as written.")


def _amount(name: str, what: str, *, required: bool = False) -> tuple[Column, Column]:
    null = " NOT NULL" if required else ""
    return (
        _c(name, f"TEXT{null}", f"{what}: the source's figure as exact decimal text, in unit; empty where not reported."),
        _c(f"{name}_cny", f"INTEGER{null}", f"{what} in CNY (yuan), exact: {name} times the unit (10^8 for yi)."),
    )


# Every table, in the order they are created; column names are the data's field names where there is one.
TABLES: dict[str, Table] = {
    "sources": Table("Sources", "The pages facts were read from; each data file lists its own, keyed file:id.", (
        _c("key", "TEXT PRIMARY KEY", "file:id, the key citations use."),
        _c("file", "TEXT NOT NULL", "The data file that lists the source (projects, tasks or annual)."),
        _c("id", "TEXT NOT NULL", "The source's id in that file."),
        _c("url", "TEXT NOT NULL", "The page's address."),
        _c("title", "TEXT", "The page's title."),
        _c("publisher", "TEXT", "The original outlet, also for a repost."),
        _c("via", "TEXT", "For a repost: the site the copy was read on."),
        _c("published", "TEXT", "When the page was published (YYYY, YYYY-MM or YYYY-MM-DD)."),
        _c("not_stated", "TEXT", "What the page does not state (publisher, published), as a JSON array."),
        _NOTE,
    ), "url"),
    "aggregates": Table("Reported aggregates", "Counts and amounts reported for the portfolio, a sector or a subsector.", (
        _c("id", "TEXT PRIMARY KEY", "The aggregate's id."),
        _c("label_en", "TEXT NOT NULL", "Label in English."),
        _c("label_zh", "TEXT", "Label in Chinese, where a source gives it."),
        _c("sector", "TEXT", "The sector of the group; empty for the whole portfolio."),
        _c("subsector", "TEXT", "The subsector of the group, if any."),
        _c("count", "INTEGER NOT NULL", "Projects in the group, as reported."),
        *_amount("amount", "The reported amount"),
        _UNIT, _ABOUT,
        _c("as_of", "TEXT NOT NULL", "The date the figure is reported for."),
        _NOTE,
    ), "label_en"),
    "batches": Table("Batches", "The batches the projects were issued in; a batch's amount never enters a sector's total.", (
        _c("id", "TEXT PRIMARY KEY", "The batch's id."),
        _c("number", "INTEGER NOT NULL UNIQUE", "The batch's number."),
        _c("label_en", "TEXT NOT NULL", "Label in English."),
        _c("label_zh", "TEXT", "Label in Chinese."),
        _c("count", "INTEGER NOT NULL", "Projects in the batch."),
        _c("count_derived", "INTEGER NOT NULL", "1 where the count is worked out from other counts, stated by no source."),
        *_amount("amount", "The reported amount"),
        _UNIT, _ABOUT,
        _c("more_than", "INTEGER NOT NULL", "1 where the source gives a lower bound (多)."),
        _c("composition", "TEXT", "The source's own breakdown, in its words."),
        _c("as_of", "TEXT", "The date the figure is reported for."),
        _NOTE,
    ), "label_en"),
    "projects": Table("Projects", "The project records, with the status their dated milestones show.", (
        _c("id", "TEXT PRIMARY KEY", "The project's id."),
        _c("name_en", "TEXT NOT NULL", "Name in English."),
        _c("name_zh", "TEXT", "Name in Chinese, where a source gives it."),
        _c("identified", "INTEGER NOT NULL", "0 for a project no source names yet."),
        _c("sector", "TEXT NOT NULL", "The project's sector."),
        _c("subsector", "TEXT", "The project's subsector."),
        _c("batch", "INTEGER", "The number of the batch a source puts the project in."),
        _c("batch_id", "TEXT REFERENCES batches(id)", "That batch's row, where the batches list has it."),
        _c("status", "TEXT NOT NULL", "The most advanced stage the dated milestones show (OC4IDS codes, IATI's suspended, or unknown)."),
        _c("status_since", "TEXT", "The earliest date that established the status."),
        _c("status_milestone", "INTEGER REFERENCES milestones(id)", "The milestone that established the status."),
        _c("latest_fact", "TEXT", "The date of the latest dated fact: a milestone or a dated figure (searches are not facts)."),
        _c("shown_figure", "INTEGER REFERENCES figures(id)",
           "The figure listings show for the project, by cqsc's one amount rule (see project_amounts); empty where it has none."),
        _NOTE,
    ), "name_en"),
    "locations": Table("Locations", "Where each project is: a province and, where known, places in it.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _PROJECT,
        _c("province", "TEXT NOT NULL", "The province or municipality."),
        _c("places", "TEXT", "Cities, districts or counties, separated by '; '."),
        _c("inferred", "INTEGER NOT NULL", "1 where read from the project's name, not stated by a source."),
    )),
    "figures": Table("Project figures", "Investment figures of single projects, each with its basis and scope; figures of different bases never add up.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _PROJECT,
        *_amount("amount", "The figure", required=True),
        _UNIT, _ABOUT,
        _c("basis", "TEXT NOT NULL", "What kind of figure: list_2020, feasibility_estimate, design_estimate, tender_estimate, planned_total, reported_total."),
        _c("scope", "TEXT NOT NULL", "What it covers: listed_item, whole_line, section, parent_project."),
        _c("scope_note", "TEXT", "What it covers, in words."),
        _c("as_of", "TEXT", "The date of the figure; empty where the page does not date it."),
        _NOTE,
    )),
    "lengths": Table("Lengths", "Lengths of projects in km, with what they cover; never a figure that enters a total.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _PROJECT,
        _c("km", "TEXT NOT NULL", "The length in km as the source gives it, exact decimal text."),
        _c("metres", "INTEGER", "The same length in metres, exact; empty for a length finer than a metre."),
        _ABOUT,
        _c("scope", "TEXT NOT NULL", "What it covers: listed_item, whole_line, section, parent_project."),
        _c("scope_note", "TEXT", "What it covers, in words."),
        _c("as_of", "TEXT", "The date of the length."),
        _NOTE,
    )),
    "milestones": Table("Milestones", "Dated events in the projects' lives, each from its sources.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _PROJECT,
        _c("kind", "TEXT NOT NULL", "What happened (feasibility_approval, construction_start, full_opening, ...)."),
        _c("date", "TEXT NOT NULL", "When (YYYY, YYYY-MM or YYYY-MM-DD)."),
        _c("section", "TEXT", "The part of the project concerned; empty for the listed item as a whole."),
        _c("label", "TEXT NOT NULL", "What the source says, in short."),
        _NOTE,
    ), "label"),
    "plans": Table("Plans", "Dated commitments: a stage to be reached by a date, as a plan made on a day said; a later plan supersedes an earlier one without erasing it.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _PROJECT,
        _c("kind", "TEXT NOT NULL", "The stage planned (construction_start, full_opening, completion, ...)."),
        _c("due", "TEXT NOT NULL", "When it is due; a year or a month means by its end."),
        _c("section", "TEXT", "The part of the project planned for; empty for the listed item as a whole."),
        _c("made", "TEXT NOT NULL", "When the plan was made (signed, announced, reported)."),
        _c("label", "TEXT NOT NULL", "What the plan says, in short."),
        _NOTE,
    ), "label"),
    "last_checked": Table("Last checked", "Searches for later news of a project that found none; not facts, and they cite no source.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _PROJECT,
        _c("date", "TEXT NOT NULL", "The day of the search."),
        _c("where", "TEXT", "What was searched."),
        _c("note", "TEXT", "A note from the data, as written."),
        _c("queries", "TEXT NOT NULL", "The queries made, as a JSON array."),
    )),
    "snapshots": Table("Portfolio progress", "The portfolio's progress as reported: projects started and investment completed.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _c("as_of", "TEXT", "The date the progress is reported for."),
        _c("reported", "TEXT", "When it was published, where the report gives no as-of date."),
        _c("started", "INTEGER", "Projects started."),
        *_amount("invested", "Cumulative investment completed"),
        _UNIT,
        _NOTE,
    )),
    "snapshot_groups": Table("Progress by group", "A progress report's figures for one reported group.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _c("snapshot_id", "INTEGER NOT NULL REFERENCES snapshots(id)", "The progress report."),
        _c("aggregate", "TEXT NOT NULL REFERENCES aggregates(id)", "The group."),
        _c("started", "INTEGER", "Projects of the group started."),
        *_amount("invested", "Investment completed in the group"),
        _UNIT,
    )),
    "publication": Table("Publication", "Who publishes the data, under which licence (the head of the OC4IDS package).", (
        _c("uri", "TEXT PRIMARY KEY", "The identifier of the published package."),
        _c("publisher_name", "TEXT NOT NULL", "The publisher."),
        _c("publisher_scheme", "TEXT", "The org-id.guide list the publisher's identifier is in (with publisher_uid)."),
        _c("publisher_uid", "TEXT", "The publisher's identifier in that list."),
        _c("publisher_uri", "TEXT", "The publisher's address."),
        _c("license", "TEXT NOT NULL", "The data's licence (an address), as distinct from the code's."),
        _c("id_prefix", "TEXT NOT NULL", "The prefix of the OC4IDS project ids."),
        _c("extension", "TEXT", "Where the cqsc OC4IDS extension's extension.json is published (else beside the package)."),
    )),
    "tasks_plan": Table("The plan of tasks", "The plan the tasks come from, as tasks.yaml gives it.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _c("title_en", "TEXT NOT NULL", "Title in English."),
        _c("title_zh", "TEXT", "Title in Chinese."),
        _c("signed", "TEXT NOT NULL", "When it was signed."),
        _c("place", "TEXT", "Where it was signed."),
        _c("areas", "INTEGER NOT NULL", "Areas, as the plan states them."),
        _c("tasks", "INTEGER NOT NULL", "Tasks, as the plan states them."),
    ), "title_en"),
    "areas": Table("Areas", "The plan's areas of cooperation.", (
        _c("number", "INTEGER PRIMARY KEY", "The area's number."),
        _c("roman", "TEXT NOT NULL", "The number in Roman numerals."),
        _c("name_en", "TEXT NOT NULL", "Name in English."),
        _c("name_zh", "TEXT", "Name in Chinese, where a source gives it."),
        _c("name_zh_note", "TEXT", "A note on the Chinese name."),
        _c("tasks", "INTEGER NOT NULL", "Tasks the source lists in the area."),
    ), "name_en"),
    "tasks": Table("Tasks", "The plan's key tasks.", (
        _c("number", "INTEGER PRIMARY KEY", "The task's number."),
        _c("area", "INTEGER NOT NULL REFERENCES areas(number)", "The task's area."),
        _c("title_en", "TEXT NOT NULL", "Title in English."),
        _c("title_zh", "TEXT", "Title in Chinese, where a source gives it."),
        _NOTE,
    ), "title_en"),
    "task_updates": Table("Task updates", "Dated, sourced status reports of tasks.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _c("task_number", "INTEGER NOT NULL REFERENCES tasks(number)", "The task."),
        _c("date", "TEXT NOT NULL", "When."),
        _c("status", "TEXT NOT NULL", "not_started, in_progress, completed or unknown."),
        _c("label", "TEXT NOT NULL", "What the source says, in short."),
    )),
    "annual_lists": Table("Annual lists", "Each year's list of co-built major projects.", (
        _c("year", "INTEGER PRIMARY KEY", "The year."),
        _c("name_zh", "TEXT", "The list's name in Chinese."),
        _c("projects", "INTEGER", "Projects on the list."),
        *_amount("total", "Total investment of the listed projects"),
        _UNIT,
        _c("total_about", "INTEGER NOT NULL", "1 where the total is approximate (约)."),
        _c("total_more_than", "INTEGER NOT NULL", "1 where the source gives a lower bound (超)."),
        _c("total_text", "TEXT", "The source's own wording of the total."),
        *_amount("annual_plan", "The year's planned investment"),
        _c("composition", "TEXT", "The source's own breakdown, in its words."),
        _NOTE,
    ), "name_zh"),
    "annual_progress": Table("Annual progress", "Reported progress points of the annual lists.", (
        _c("id", "INTEGER PRIMARY KEY", _ID),
        _c("list_year", "INTEGER NOT NULL REFERENCES annual_lists(year)", "The list."),
        _c("as_of", "TEXT NOT NULL", "The date the progress is reported for."),
        _c("period", "TEXT NOT NULL", "year_to_date or full_year."),
        _c("reported", "TEXT", "When it was published."),
        _c("started", "INTEGER", "Projects started."),
        _UNIT,
        *_amount("cumulative", "Investment completed since the projects began"),
        *_amount("year_to_date", "Investment completed in the year"),
        *_amount("annual_plan", "The year's planned investment"),
        _c("completion_rate_pct", "TEXT", "The reported completion rate, in percent, exact decimal text."),
        _NOTE,
    )),
    "citations": Table("Citations", "Every citation in the data: one row per source a record cites, from the one walk cqsc check reads.", (
        _c("id", "INTEGER PRIMARY KEY", "The citation's place in the walk of the data."),
        _c("source_key", "TEXT NOT NULL REFERENCES sources(key)", "The source cited."),
        _c("record", "TEXT NOT NULL", "The kind of citing record: aggregate, project, figure, length, milestone, "
           "project_plan (plans), batch, snapshot, plan (tasks_plan), area, task, task_update, annual_list, annual_progress."),
        _c("record_id", "TEXT NOT NULL", "The citing record's key in its table, as text."),
        _c("file", "TEXT NOT NULL", "The data file of the citing record."),
        _c("path", "TEXT NOT NULL", "Where the citing record is in that file, as a JSON array of keys and indexes (as cqsc check points at it)."),
        _c("slot", "INTEGER NOT NULL", "The place of the source in the record's sources list."),
    )),
}

# The table of each kind of record that cites sources (citations.record -> table).
CITING_TABLES = {
    "aggregate": "aggregates", "project": "projects", "figure": "figures", "length": "lengths", "milestone": "milestones",
    "project_plan": "plans", "batch": "batches", "snapshot": "snapshots", "plan": "tasks_plan", "area": "areas", "task": "tasks",
    "task_update": "task_updates", "annual_list": "annual_lists", "annual_progress": "annual_progress",
}

_CITED_BY = "(SELECT group_concat(c.source_key, ' ') FROM citations c WHERE c.record = '{record}' AND c.record_id = CAST({id} AS TEXT))"


class View(NamedTuple):
    title: str
    description: str
    sql: str
    columns: tuple[tuple[str, str], ...]  # (name, description), in the order of the SELECT


VIEWS: dict[str, View] = {
    "project_status": View(
        "Status and since",
        "Each project's status and the date it was established, by the rule cqsc projects uses, with the milestone that shows it.",
        "SELECT p.id AS project_id, p.name_en, p.name_zh, p.sector, p.subsector, p.status, p.status_since AS since,"
        " m.id AS milestone_id, m.kind AS milestone_kind, m.date AS milestone_date, m.label AS milestone_label, "
        + _CITED_BY.format(record="milestone", id="m.id") + " AS milestone_sources"
        " FROM projects p LEFT JOIN milestones m ON m.id = p.status_milestone",
        (("project_id", "The project."), ("name_en", "Name in English."), ("name_zh", "Name in Chinese."),
         ("sector", "The project's sector."), ("subsector", "The project's subsector."),
         ("status", "The most advanced stage the dated milestones show."), ("since", "The earliest date that established it."),
         ("milestone_id", "The milestone that established it."), ("milestone_kind", "Its kind."), ("milestone_date", "Its date."),
         ("milestone_label", "What its source says."), ("milestone_sources", "The keys of the sources it cites, separated by spaces.")),
    ),
    "latest_fact": View(
        "Latest fact",
        "The date of each project's latest dated fact (a milestone or a dated figure), and the day it was last looked for.",
        "SELECT p.id AS project_id, p.name_en, p.name_zh, p.status, p.latest_fact,"
        " (SELECT max(c.date) FROM last_checked c WHERE c.project_id = p.id) AS last_looked_for"
        " FROM projects p",
        (("project_id", "The project."), ("name_en", "Name in English."), ("name_zh", "Name in Chinese."),
         ("status", "The project's status."), ("latest_fact", "The date of its latest dated fact; empty where it has none."),
         ("last_looked_for", "The day of the latest search for news that found none (see last_checked).")),
    ),
    "project_figures": View(
        "Project figures with scope and basis",
        "Each project's figures with what they are figures of; figures of different bases or scopes never add up.",
        "SELECT f.project_id, p.name_en, p.name_zh, f.id AS figure_id, f.amount, f.unit, f.amount_cny, f.about,"
        " f.basis, f.scope, f.scope_note, f.as_of, "
        + _CITED_BY.format(record="figure", id="f.id") + " AS sources"
        " FROM figures f JOIN projects p ON p.id = f.project_id",
        (("project_id", "The project."), ("name_en", "Name in English."), ("name_zh", "Name in Chinese."),
         ("figure_id", "The figure."), ("amount", "The source's figure, exact decimal text, in unit."), ("unit", "yi: 亿元, 10^8 CNY."),
         ("amount_cny", "The figure in CNY (yuan), exact."), ("about", "1 where approximate (约)."),
         ("basis", "What kind of figure it is."), ("scope", "What it covers."), ("scope_note", "What it covers, in words."),
         ("as_of", "The date of the figure."), ("sources", "The keys of the sources it cites, separated by spaces.")),
    ),
    "project_amounts": View(
        "The amount shown for each project",
        "Each project's one shown amount: the figure cqsc's listings show for it, chosen by the amount rule (the"
        " narrowest scope that matches the listed item, then the latest dated figure), empty where it has no figure."
        " A shown amount is never added into a total: totals come from the reported aggregates.",
        "SELECT p.id AS project_id, p.name_en, p.name_zh, f.id AS figure_id, f.amount, f.unit, f.amount_cny, f.about,"
        " f.scope, f.scope_note, f.basis, f.as_of, (f.scope = 'listed_item') AS listed_item, "
        + _CITED_BY.format(record="figure", id="f.id") + " AS sources"
        " FROM projects p LEFT JOIN figures f ON f.id = p.shown_figure",
        (("project_id", "The project."), ("name_en", "Name in English."), ("name_zh", "Name in Chinese."),
         ("figure_id", "The figure shown; empty where the project has none."),
         ("amount", "The source's figure, exact decimal text, in unit."), ("unit", "yi: 亿元, 10^8 CNY."),
         ("amount_cny", "The figure in CNY (yuan), exact."), ("about", "1 where approximate (约)."),
         ("scope", "What it covers: listed_item, whole_line, section, parent_project."), ("scope_note", "What it covers, in words."),
         ("basis", "What kind of figure it is."), ("as_of", "The date of the figure; empty where the page does not date it."),
         ("listed_item", "1 where the figure covers exactly the listed item, 0 where it covers more or less; empty without a figure."),
         ("sources", "The keys of the sources it cites, separated by spaces.")),
    ),
}


def schema() -> str:
    """The SQL that creates the tables, an index on every column that joins, and the views."""
    out = []
    for name, table in TABLES.items():
        columns = ",\n    ".join(f'"{c.name}" {c.sql}' if c.name == "where" else f"{c.name} {c.sql}" for c in table.columns)
        out.append(f"CREATE TABLE {name} (\n    {columns}\n);")
        for c in table.columns:
            if "REFERENCES" in c.sql:
                out.append(f"CREATE INDEX {name}_{c.name} ON {name}({c.name});")
    out.append("CREATE INDEX citations_record ON citations(record, record_id);")
    out += [f"CREATE VIEW {name} AS {view.sql};" for name, view in VIEWS.items()]
    return "\n".join(out) + "\n"


def _text(value: Any) -> Any:
    return None if value is None else str(value)


def _cny(amount: Decimal | None, unit: Unit = Unit.yi) -> int | None:
    """An amount in yuan, exact: amounts carry at most 6 decimals of 亿元, so the product is whole."""
    if amount is None:
        return None
    value = amount * UNIT_FACTOR[unit]
    whole = value.to_integral_value()
    if value != whole:  # pragma: no cover - the model refuses an amount finer than 100 CNY
        raise ValueError(f"{amount} {unit.value} is not a whole number of yuan")
    return int(whole)


def _metres(km: Decimal) -> int | None:
    value = km * 1000
    whole = value.to_integral_value()
    return int(whole) if value == whole else None


def _flag(value: bool) -> int:
    return int(value)


# One row per kind of record: (record, its key, its parent's key) -> the values, in the table's column order.
Row = Callable[[Any, Any, Any], tuple[Any, ...]]


ROWS: dict[str, tuple[str, Row]] = {
    "aggregate": ("aggregates", lambda a, key, _: (
        a.id, a.label_en, a.label_zh, _text(a.sector), _text(a.subsector), a.count, _text(a.amount), _cny(a.amount, a.unit),
        a.unit.value, _flag(a.about), a.as_of, a.note)),
    "batch": ("batches", lambda b, key, _: (
        b.id, b.number, b.label_en, b.label_zh, b.count, _flag(b.count_derived), _text(b.amount), _cny(b.amount, b.unit),
        b.unit.value, _flag(b.about), _flag(b.more_than), b.composition, b.as_of, b.note)),
    "location": ("locations", lambda loc, key, project: (
        key, project, loc.province.value, "; ".join(loc.places) or None, _flag(loc.inferred))),
    "figure": ("figures", lambda f, key, project: (
        key, project, str(f.amount), _cny(f.amount, f.unit), f.unit.value, _flag(f.about), f.basis.value, f.scope.value,
        f.scope_note, f.as_of, f.note)),
    "length": ("lengths", lambda g, key, project: (
        key, project, str(g.km), _metres(g.km), _flag(g.about), g.scope.value, g.scope_note, g.as_of, g.note)),
    "milestone": ("milestones", lambda m, key, project: (key, project, m.kind.value, m.date, m.section, m.label, m.note)),
    "project_plan": ("plans", lambda p, key, project: (key, project, p.kind.value, p.due, p.section, p.made, p.label, p.note)),
    "last_checked": ("last_checked", lambda c, key, project: (
        key, project, c.date, c.where, c.note, json.dumps(c.queries, ensure_ascii=False))),
    "snapshot": ("snapshots", lambda s, key, _: (
        key, s.as_of, s.reported, s.started, _text(s.invested), _cny(s.invested), Unit.yi.value, s.note)),
    "snapshot_group": ("snapshot_groups", lambda g, key, snapshot: (
        key, snapshot, g.aggregate, g.started, _text(g.invested), _cny(g.invested), Unit.yi.value)),
    "publication": ("publication", lambda p, key, _: (p.uri, p.publisher.name, p.publisher.scheme, p.publisher.uid, p.publisher.uri, p.license, p.id_prefix, p.extension)),
    "plan": ("tasks_plan", lambda p, key, _: (key, p.title_en, p.title_zh, p.signed, p.place, p.areas, p.tasks)),
    "area": ("areas", lambda a, key, _: (a.number, a.roman, a.name_en, a.name_zh, a.name_zh_note, a.tasks)),
    "task": ("tasks", lambda t, key, _: (t.number, t.area, t.title_en, t.title_zh, t.note)),
    "task_update": ("task_updates", lambda u, key, task: (key, task, u.date, u.status.value, u.label)),
    "annual_list": ("annual_lists", lambda a, key, _: (
        a.year, a.name_zh, a.projects, _text(a.total), _cny(a.total), Unit.yi.value, _flag(a.total_about), _flag(a.total_more_than),
        a.total_text, _text(a.annual_plan), _cny(a.annual_plan), a.composition, a.note)),
    "annual_progress": ("annual_progress", lambda p, key, _: (
        key, p.list_year, p.as_of, p.period.value, p.reported, p.started, Unit.yi.value, _text(p.cumulative), _cny(p.cumulative),
        _text(p.year_to_date), _cny(p.year_to_date), _text(p.annual_plan), _cny(p.annual_plan), _text(p.completion_rate_pct), p.note)),
}

# How a record of each kind is keyed in its table (and in citations.record_id) where it has an id of its own;
# every other kind by its running number in the walk.
_OWN_ID = {"aggregate": "id", "project": "id", "batch": "id", "area": "number", "task": "number", "annual_list": "year",
           "publication": "uri"}


def _write(db: sqlite3.Connection, ds: Dataset) -> None:
    # Source ids are one register across the files: a citation points at the file that lists the source.
    owner = {s.id: file for file in walk.FILES if getattr(ds, file, None) for s in getattr(ds, file).sources}
    batches = {b.number: b.id for b in ds.projects.batches} if ds.projects else {}
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    keys: dict[tuple[Any, ...], Any] = {}  # (file, *path) of a record -> its key in its table
    by_record: dict[int, Any] = {}  # id() of a milestone or figure -> its key (for the status and amount it shows)
    projects = []
    number: Counter[str] = Counter()
    for n in walk.dataset_nodes(ds):
        at = (n.file, *n.path)
        if n.kind == "source":
            key: Any = f"{n.file}:{n.record.id}"
        elif n.kind in _OWN_ID:
            key = getattr(n.record, _OWN_ID[n.kind])
        else:
            number[n.kind] += 1
            key = number[n.kind]
        keys[at] = key
        if n.kind == "source":
            s = n.record
            stated = json.dumps([w.value for w in s.not_stated]) if s.not_stated else None
            rows["sources"].append((key, n.file, s.id, s.url, s.title, s.publisher, s.via, s.published, stated, s.note))
        elif n.kind == "project":
            projects.append(n.record)  # its row needs the keys of its milestones, walked after it
        elif n.kind in ROWS:
            into, row = ROWS[n.kind]
            rows[into].append(row(n.record, key, keys.get(at[:-2])))
        if n.kind in ("milestone", "figure"):
            by_record[id(n.record)] = key
        for c in walk.citations((n,)):
            source = f"{owner.get(c.source, c.file)}:{c.source}"
            rows["citations"].append((len(rows["citations"]) + 1, source, c.kind, str(key), c.file, json.dumps(list(c.path)), c.slot))
    for p in projects:
        st = project_status(p)
        shown = shown_amount(p)  # the one rule listings use; the project_amounts view only joins its answer
        rows["projects"].append((
            p.id, p.name_en, p.name_zh, _flag(p.identified), p.sector.value, _text(p.subsector), p.batch, batches.get(p.batch),
            st.status.value, st.since, by_record[id(st.evidence)] if st.evidence else None, latest_fact(p),
            by_record[id(shown.figure)] if shown else None, p.note,
        ))
    for name, table in TABLES.items():
        if rows[name]:
            marks = ",".join("?" * len(table.columns))
            db.executemany(f"INSERT INTO {name} VALUES ({marks})", rows[name])  # names from TABLES, not from the data


def export_sqlite(ds: Dataset, target: Path) -> None:
    """Write the database to ``target``, replacing any file there in one step (see atomic.write_file)."""
    from cqsc.store import atomic

    def fill(tmp: str) -> None:
        db = sqlite3.connect(tmp)
        try:
            # Rows go in as the walk meets them (a project before the milestone that sets its status), so the
            # keys are checked once all are in, not row by row.
            db.executescript(schema())
            with db:
                _write(db, ds)
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # pragma: no cover - the integrity rules make this impossible
                raise RuntimeError(f"foreign keys broken: {problems[:3]}")
        finally:
            db.close()

    atomic.write_file(target, fill)


# --- Datasette metadata -----------------------------------------------------------------------------------------


def metadata_path(database: Path) -> Path:
    """Where ``--metadata`` writes the metadata of ``database``: beside it, ``NAME.metadata.json``."""
    return database.with_name(f"{database.stem}.metadata.json")


def metadata(ds: Dataset, database: str) -> dict[str, Any]:
    """Datasette 0.65 metadata for the export, its database named ``database`` (Datasette names it by the file's stem).

    Descriptions are plain ``description`` (Datasette escapes them), never ``description_html``: the
    publisher's name and the licence come from the data and are kept verbatim, never interpreted.
    """
    tables: dict[str, Any] = {}
    for name, table in TABLES.items():
        entry: dict[str, Any] = {"title": table.title, "description": table.description,
                                 "columns": {c.name: c.description for c in table.columns}}
        if table.label:
            entry["label_column"] = table.label
        if any(c.name == "metres" for c in table.columns):
            entry["units"] = {"metres": "m"}  # Pint's metre: Datasette shows 486400 as 486.4 km
        tables[name] = entry
    for name, view in VIEWS.items():
        tables[name] = {"title": view.title, "description": view.description, "columns": dict(view.columns)}
    out: dict[str, Any] = {
        "title": "cqsc: projects, figures and their sources",
        "description": (
            "Every record of the data, each with the sources it cites. Amounts: the source's figure as exact text "
            "(amount) in its unit (yi: 亿元, 10^8 CNY), and the same amount as an exact whole number of yuan (amount_cny). "
            "Unknown is empty, never zero."
        ),
    }
    pub = ds.projects.publication if ds.projects else None
    if pub is not None:
        out["license_url"] = pub.license
        out["source"] = pub.publisher.name
        if pub.publisher.uri:
            out["source_url"] = pub.publisher.uri
    out["databases"] = {database: {"tables": tables}}
    return out


def export_metadata(ds: Dataset, database: Path, target: Path) -> None:
    """Write the Datasette metadata of ``database`` to ``target`` in one step (JSON, text kept verbatim)."""
    from cqsc.store import atomic

    text = json.dumps(metadata(ds, database.stem), ensure_ascii=False, indent=2) + "\n"
    atomic.write_text(target, text)
