"""`cqsc summary`: the reported groups as a tree, statuses, batches, the tasks per area, and what is unknown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import Aggregate, as_json
from cqsc.queries.summary import BatchRow, Summary, unknown_text
from cqsc.queries.totals import level, parent
from cqsc.text.lang import code, join, pick, t
from cqsc.text.numbers import UNIT_HEADER, amount_text, approx, counted, money, percent
from cqsc.views.common import ordered_counts
from cqsc.views.model import Cell, CellValue, Column, CsvTable, Kind, Lines, Table, View

CSV_FIELDS = ["id", "level", "label_en", "label_zh", "sector", "subsector", "count", "records", "amount", "unit", "about", "share", "share_of_parent", "as_of"]


def _parent_share(agg: Aggregate, aggregates: list[Aggregate]) -> Decimal | None:
    """An indented group's share of its parent group (a subsector of its sector); None for the top two levels."""
    if level(agg) < 2 or agg.amount is None:
        return None
    up = parent(agg, aggregates)
    return agg.amount / up.amount if up is not None and up.amount else None


def display_amount(amount: Decimal | None, about: bool, unit: DisplayUnit) -> str | None:
    return None if amount is None else approx(amount_text(amount, unit), about)


def status_line(s: Summary, lang: Lang) -> str:
    counts = join(lang, (f"{code(lang, st.value)} {n}" for st, n in ordered_counts(s.statuses).items())) or t(lang, "no projects yet")
    if s.as_of:
        return t(lang, "Status as of {day} (from dated milestones): {counts}", day=s.as_of.isoformat(), counts=counts)
    return t(lang, "Status (from dated milestones): {counts}", counts=counts)


def batch_line(b: BatchRow, unit: DisplayUnit, lang: Lang) -> str:
    """One batch in words: its count (derived or reported), its amount (a lower bound where so reported), its known members."""
    x = b.batch
    count = counted(x.count, "project", lang) + (t(lang, " (derived, stated by no source)") if x.count_derived else "")
    if x.amount is None:
        amount = t(lang, "amount not reported")
    else:
        amount = (t(lang, "more than ") if x.more_than else "") + money(x.amount, unit, about=x.about and not x.more_than)
    known = join(lang, (p.id for p in b.members)) or t(lang, "none")
    return t(lang, "{label}: {count}, {amount}; members known: {known}", label=pick(x.label_en, x.label_zh, lang), count=count, amount=amount, known=known)


def batch_record(b: BatchRow) -> dict[str, Any]:
    return {**as_json(b.batch), "members_known": [p.id for p in b.members]}


def _group_rows(s: Summary, aggregates: list[Aggregate], unit: DisplayUnit, lang: Lang) -> list[dict[str, Any]]:
    rows = []
    for g in s.groups:
        a = g.aggregate
        count = str(a.count) if a.count == g.records else t(lang, "{count} ({records} records)", count=a.count, records=g.records)
        amount = display_amount(a.amount, a.about, unit)
        up = _parent_share(a, aggregates)
        rows.append({
            "group": Cell(pick(a.label_en, a.label_zh, lang), depth=g.depth), "projects": count,
            "amount": Cell(amount) if amount else Cell(t(lang, "not reported"), tone="dim"),
            "share": percent(g.share) if g.share is not None else Cell("—", tone="dim"),
            "parent_share": percent(up) if up is not None else "", "bar": Cell(share=g.share),
        })
    for r in s.residuals:
        names = join(lang, (pick(g.label_en, g.label_zh, lang) for g in r.groups))
        rows.append({
            "group": Cell(t(lang, "{names}: implied, not itemised", names=names), depth=level(r.parent) + 1), "projects": str(r.count),
            "amount": approx(amount_text(r.amount, unit), r.about), "share": percent(r.amount / s.portfolio.amount) if s.portfolio and s.portfolio.amount else "",
            "parent_share": "", "bar": Cell(),
        })
    return rows


def record(s: Summary, aggregates: list[Aggregate]) -> dict[str, Any]:
    def group(g: Any) -> dict[str, Any]:
        d = as_json(g.aggregate)
        up = _parent_share(g.aggregate, aggregates)
        d.update({"level": g.depth, "records": g.records, "share": None if g.share is None else float(g.share), "share_of": "portfolio",
                  "share_of_parent": None if up is None else float(up)})
        return d

    return {
        "groups": [group(g) for g in s.groups],
        "implied": [
            {"parent": r.parent.id, "groups": [g.id for g in r.groups], "count": r.count, "amount": str(r.amount), "unit": "yi", "about": r.about, "reported": False}
            for r in s.residuals
        ],
        "areas": [{"number": a.area.number, "roman": a.area.roman, "name_en": a.area.name_en, "name_zh": a.area.name_zh, "tasks": a.tasks} for a in s.areas],
        "tasks": s.task_count,
        "statuses": {st.value: n for st, n in ordered_counts(s.statuses).items()},
        "as_of": s.as_of.isoformat() if s.as_of else None,
        "batches": [batch_record(b) for b in s.batches],
        "unknowns": s.unknowns,
        # The same gaps, each with its kind and the ids of the projects it is not known for.
        "gaps": [{"kind": g.kind, "text": text, "projects": list(g.projects)} for g, text in zip(s.gaps, s.unknowns, strict=True)],
    }


def _csv(s: Summary, aggregates: list[Aggregate], unit: DisplayUnit) -> CsvTable:
    rows = []
    for g in s.groups:
        a = g.aggregate
        up = _parent_share(a, aggregates)
        rows.append({
            "id": a.id, "level": g.depth, "label_en": a.label_en, "label_zh": a.label_zh, "sector": a.sector.value if a.sector else None,
            "subsector": a.subsector.value if a.subsector else None, "count": a.count, "records": g.records,
            "amount": None if a.amount is None else amount_text(a.amount, unit), "unit": unit.value, "about": str(a.about).lower(),
            "share": None if g.share is None else f"{g.share:.6f}", "share_of_parent": None if up is None else f"{up:.6f}", "as_of": a.as_of,
        })
    return CsvTable(CSV_FIELDS, rows)


def view(s: Summary, aggregates: list[Aggregate], unit: DisplayUnit, lang: Lang) -> View:
    cols = [
        Column("group", t(lang, "Group"), Kind.prose),
        Column("projects", t(lang, "Projects"), Kind.count),
        Column("amount", t(lang, "Amount ({unit})", unit=UNIT_HEADER[unit]), Kind.amount),
        Column("share", t(lang, "Of all"), Kind.percent),
        Column("parent_share", t(lang, "Of parent"), Kind.percent),
        Column("bar", "", Kind.bar, documents=False),
    ]
    blocks: list[Any] = [
        Table(cols, _group_rows(s, aggregates, unit, lang), title=t(lang, "Portfolio: 2020 jointly implemented major projects")),
        Lines([status_line(s, lang)], "result"),
        Lines(
            [
                t(lang, "~ marks amounts reported as approximate (约). Of all: share of the portfolio's reported amount; of parent: an indented group's share of the group above it."),
                t(lang, "An implied row is arithmetic on reported totals, not a reported figure."),
            ],
            "note",
        ),
    ]
    if s.batches:
        blocks.append(Lines([batch_line(b, unit, lang) for b in s.batches], "result", title=t(lang, "Batches")))
        blocks.append(Lines([t(lang, "The two batches the projects were issued in: a grouping of their own, never added to the sectors.")], "note"))
    area_cols = [Column("area", t(lang, "Area"), Kind.id), Column("name", t(lang, "Key tasks (2019 plan)"), Kind.prose)]
    if lang is Lang.en:
        area_cols.append(Column("name_zh", "中文", Kind.text))
    area_cols.append(Column("tasks", t(lang, "Tasks"), Kind.count))
    area_rows = [
        {"area": a.area.roman, "name": pick(a.area.name_en, a.area.name_zh, lang), "name_zh": a.area.name_zh or Cell(t(lang, "not found"), tone="dim"), "tasks": str(a.tasks)}
        for a in s.areas
    ]
    if s.areas:  # a portfolio with no plan of tasks (no tasks.yaml) shows none
        blocks.append(Table(area_cols, area_rows, title=t(lang, "Key tasks by area"), name="areas"))
        blocks.append(Lines([t(lang, "{tasks} in {areas}.", tasks=counted(s.task_count, "task", lang), areas=counted(len(s.areas), "area", lang))], "result"))
    blocks.append(Lines([unknown_text(g, lang) for g in s.gaps], "list", title=t(lang, "What is not known")))
    return View(
        blocks,
        record(s, aggregates),
        _csv(s, aggregates, unit),
        csv_left_out="note: CSV holds the reported groups only; the statuses, batches, areas and unknowns are in --format json.",
    )


def chart_view(s: Summary, aggregates: list[Aggregate], unit: DisplayUnit, lang: Lang) -> View:
    """The reported groups as bars across the width there is (the same table in every format)."""
    cols = [
        Column("group", t(lang, "Group"), Kind.prose),
        Column("bar", "", Kind.bar, fill=True),
        Column("amount", t(lang, "Amount"), Kind.amount),
        Column("share", t(lang, "Of all"), Kind.percent),
    ]
    rows: list[dict[str, CellValue]] = [
        {"group": Cell(pick(g.aggregate.label_en, g.aggregate.label_zh, lang), depth=g.depth), "bar": Cell(share=g.share),
         "amount": Cell(money(g.aggregate.amount, unit, about=g.aggregate.about, lang=lang), tone=None if g.aggregate.amount is not None else "dim"),
         "share": percent(g.share) if g.share is not None else ""}
        for g in s.groups
    ]
    blocks: list[Any] = [
        Table(cols, rows, title=t(lang, "Reported investment by sector and subsector")),
        Lines([t(lang, "Bars are proportional to the reported amount, as a share of the portfolio's; groups with no reported amount have none.")], "note"),
    ]
    chart = [
        {"id": g.aggregate.id, "label_en": g.aggregate.label_en, "label_zh": g.aggregate.label_zh, "level": g.depth,
         "amount": None if g.aggregate.amount is None else str(g.aggregate.amount), "unit": "yi", "about": g.aggregate.about,
         "share": None if g.share is None else float(g.share), "share_of": "portfolio"}
        for g in s.groups
    ]
    csv = CsvTable(["id", "label_en", "level", "amount", "unit", "about", "share"], [
        {"id": c["id"], "label_en": c["label_en"], "level": c["level"], "amount": None if g.aggregate.amount is None else amount_text(g.aggregate.amount, unit),
         "unit": unit.value, "about": str(c["about"]).lower(), "share": None if g.share is None else f"{g.share:.6f}"}
        for c, g in zip(chart, s.groups, strict=True)
    ])
    return View(blocks, {"chart": chart}, csv)
