"""`cqsc projects`: the selected projects, their total with its source, and what the total leaves out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import Project, Scope, as_json
from cqsc.queries.amounts import Shown, shown_amount
from cqsc.queries.plans import PlanCheck, plan_checks
from cqsc.queries.selection import ProjectFilter
from cqsc.queries.status import latest_fact, project_status
from cqsc.queries.totals import Total
from cqsc.text.lang import code, pick, t
from cqsc.text.numbers import UNIT_HEADER, amount_text, approx, counted, money, percent
from cqsc.views.common import (
    STATUS_RANK,
    date_key,
    plan_text,
    sector_label,
    sort_items,
    status_cell,
    undated_figures,
    where,
)
from cqsc.views.model import Cell, Column, CsvTable, Kind, Lines, Table, View

CSV_FIELDS = [
    "id", "name_en", "name_zh", "identified", "sector", "subsector", "status", "status_since", "provinces", "places",
    "batch", "figures", "latest_fact", "amount", "unit", "about", "scope", "basis", "amount_as_of",
]

# The mark on an amount whose figure covers more or less than the listed item (no mark: the item itself).
SCOPE_MARK = {Scope.whole_line: "*", Scope.section: "†", Scope.parent_project: "‡"}


def sort_keys(as_of: date | None, lang: Lang = Lang.en) -> dict[str, Any]:
    """What --sort takes: exactly the names --columns takes (columns and hidden_columns), each by its value."""
    names: dict[str, Any] = (
        {"name": lambda p: pick(p.name_en, p.name_zh, lang), "name_en": lambda p: p.name_en.casefold()}
        if lang is Lang.zh
        else {"name": lambda p: p.name_en.casefold(), "name_zh": lambda p: p.name_zh or None}
    )
    return {
        "id": lambda p: p.id,
        **names,
        "subsector": lambda p: (p.sector.value, p.subsector.value if p.subsector else ""),
        "where": lambda p: ",".join(x.value for x in p.provinces) or None,
        "status": lambda p: STATUS_RANK[project_status(p, as_of).status],
        "amount": lambda p: _amount_key(shown_amount(p, as_of)),
        "since": lambda p: date_key(project_status(p, as_of).since),
        "latest": lambda p: date_key(latest_fact(p)),
    }


def _amount_key(s: Shown | None) -> Any:
    return None if s is None else s.amount


def columns(unit: DisplayUnit, lang: Lang) -> list[Column]:
    return [
        Column("id", "ID", Kind.id),
        *name_columns(lang),
        Column("subsector", t(lang, "Subsector"), Kind.text, gives_way=2),
        Column("where", t(lang, "Where"), Kind.text, folds_into="subsector", gives_way=1),
        Column("status", t(lang, "Status"), Kind.status),
        Column("amount", UNIT_HEADER[unit], Kind.amount),
    ]


def hidden_columns(lang: Lang) -> list[Column]:
    """Shown only when --columns names them: the status's date is in the status cell already, the latest fact in cqsc show."""
    return [Column("since", t(lang, "Since"), Kind.date), Column("latest", t(lang, "Latest fact"), Kind.date)]


def amount_cell(p: Project, as_of: date | None, unit: DisplayUnit) -> Cell:
    """The amount shown for the project (with its ~, and its scope's mark), or — where it has no figure."""
    s = shown_amount(p, as_of)
    if s is None:
        return Cell("—", tone="dim")
    return Cell(approx(amount_text(s.amount, unit), s.about) + SCOPE_MARK.get(s.scope, ""))


def shown_record(s: Shown | None) -> dict[str, Any] | None:
    """The amount shown, for JSON: exact, in 亿元 as the data holds it, with what it is a figure of."""
    if s is None:
        return None
    return {"amount": str(s.amount), "unit": s.figure.unit.value, "about": s.about, "scope": s.scope.value, "basis": s.basis.value, "as_of": s.as_of}


def name_columns(lang: Lang) -> list[Column]:
    """The names: in a terminal the Chinese under the English (en), or the Chinese alone (zh); in documents a column each."""
    if lang is Lang.zh:
        return [Column("name", "项目", Kind.prose, cut=True), Column("name_en", "Project", Kind.prose, terminal=False)]
    return [Column("name", t(lang, "Project"), Kind.prose, cut=True), Column("name_zh", "中文名", Kind.prose, folds_into="name", gives_way=3, cut=True)]


def name_cells(p: Project, lang: Lang) -> dict[str, Any]:
    if lang is Lang.zh:
        return {"name": pick(p.name_en, p.name_zh, lang), "name_en": p.name_en}
    return {"name": p.name_en, "name_zh": p.name_zh or ""}


def row(p: Project, as_of: date | None, unit: DisplayUnit, lang: Lang) -> dict[str, Any]:
    st = project_status(p, as_of)
    return {
        "id": p.id, **name_cells(p, lang), "subsector": sector_label(p, lang), "where": where(p, lang),
        "status": status_cell(st.status, st.since, lang), "amount": amount_cell(p, as_of, unit),
        "since": st.since or "", "latest": latest_fact(p) or "",
    }


def csv_row(p: Project, as_of: date | None, unit: DisplayUnit = DisplayUnit.bn) -> dict[str, Any]:
    st = project_status(p, as_of)
    s = shown_amount(p, as_of)
    return {
        "id": p.id, "name_en": p.name_en, "name_zh": p.name_zh, "identified": str(p.identified).lower(),
        "sector": p.sector.value, "subsector": p.subsector.value if p.subsector else None, "status": st.status.value,
        "status_since": st.since, "provinces": ";".join(prov.value for prov in p.provinces),
        "places": ";".join(pl for loc in p.locations for pl in loc.places), "batch": p.batch, "figures": len(p.figures),
        "latest_fact": latest_fact(p),
        # The amount shown, as a spreadsheet reads a number: no ~ (see about), no mark (see scope).
        "amount": None if s is None else amount_text(s.amount, unit), "unit": None if s is None else UNIT_HEADER[unit],
        "about": None if s is None else str(s.about).lower(), "scope": None if s is None else s.scope.value,
        "basis": None if s is None else s.basis.value, "amount_as_of": None if s is None else s.as_of,
    }


def plan_check_record(c: PlanCheck) -> dict[str, Any]:
    return {
        "kind": c.plan.kind.value, "section": c.plan.section, "due": c.plan.due, "made": c.plan.made, "state": c.state,
        "reached": c.reached.date if c.reached else None, "slip_months": c.slip_months, "superseded": [pl.made for pl in c.superseded],
    }


def project_record(p: Project, as_of: date | None = None) -> dict[str, Any]:
    st = project_status(p, as_of)
    return {
        **as_json(p), "status": st.status.value, "status_since": st.since, "latest_fact": latest_fact(p),
        "shown_amount": shown_record(shown_amount(p, as_of)),
        "plans_checked": [plan_check_record(c) for c in plan_checks(p, as_of)],
    }


def total_record(total: Total) -> dict[str, Any]:
    port = total.portfolio
    return {
        "count": total.count,
        "amount": None if total.amount is None else str(total.amount),
        "unit": "yi",
        "about": total.about,
        "method": total.method,
        "complete": total.complete,
        "share": None if total.share is None else float(total.share),
        "share_of": "portfolio",
        "portfolio_amount": None if port is None or port.amount is None else str(port.amount),
        "portfolio_about": bool(port and port.about),
        "parts": [
            {"kind": p.kind, "id": p.ref, "label": p.label, "count": p.count, "amount": None if p.amount is None else str(p.amount), "about": p.about}
            for p in total.parts
        ],
        "not_covered": [p.id for p in total.uncovered],
    }


def filter_record(f: ProjectFilter) -> dict[str, Any]:
    return {
        "sector": [s.value for s in f.sectors],
        "subsector": [s.value for s in f.subsectors],
        "location": list(f.locations),
        "search": f.search,
        "status": [s.value for s in f.statuses],
        "as_of": f.as_of.isoformat() if f.as_of else None,
        "late": f.late,
    }


def total_lines(total: Total, unit: DisplayUnit, lang: Lang) -> list[str]:
    """The total of a selection: its amount with its ~, what it is a share of, where it comes from, what it leaves out."""
    n = total.count
    if n == 0:
        return [t(lang, "No projects match.")]
    port = total.portfolio
    projects = counted(n, "project", lang)
    lines = []
    if total.method == "not_reported":
        lines.append(t(lang, "{projects}. Total: not reported.", projects=projects))
    else:
        amount = money(total.amount, unit, about=total.about)
        if total.method == "partial":
            amount = t(lang, "at least {amount}", amount=amount)
        if port and port.amount is not None:
            of = money(port.amount, unit, about=port.about)
            lines.append(t(lang, "{projects}. Total: {amount} of {of} ({share} of the portfolio).", projects=projects, amount=amount, of=of, share=percent(total.share)))
        else:
            lines.append(t(lang, "{projects}. Total: {amount}.", projects=projects, amount=amount))
    for part in total.parts:
        label = pick(part.label, part.label_zh, lang)
        if part.kind == "aggregate":
            what = money(part.amount, unit, about=part.about) if part.amount is not None else t(lang, "amount not reported")
            lines.append("  " + t(lang, "{label}: {projects}, {what} (reported aggregate)", label=label, projects=counted(part.count, "project", lang), what=what))
        else:
            lines.append("  " + t(lang, "{label}: {what} (2020 list figure)", label=label, what=money(part.amount, unit)))
    if total.uncovered:
        k = len(total.uncovered)
        if k == n:
            lines.append("  " + t(lang, "Not a whole reported group, and no 2020-list figure is known for any of them."))
        else:
            lines.append("  " + t(lang, "{k} of the {projects}: outside any whole reported group, no 2020-list figure: amount not reported", k=k, projects=projects))
    return lines


def notes(shown: Sequence[Project], f: ProjectFilter, total: Total, unit: DisplayUnit, lang: Lang) -> list[str]:
    out = []
    amounts = [s for s in (shown_amount(p, f.as_of) for p in shown) if s is not None]
    if total.about or (total.portfolio and total.portfolio.about) or any(s.about for s in amounts):
        out.append(t(lang, "~ marks amounts reported as approximate (约)."))
    marks = [f"{mark} {code(lang, scope.value)}" for scope, mark in SCOPE_MARK.items() if any(s.scope is scope for s in amounts)]
    if marks:
        out.append(t(lang, "{unit} column, what the figure covers: {marks}; unmarked: the listed item.", unit=UNIT_HEADER[unit], marks=", ".join(marks)))
    if f.as_of:
        out.append(t(lang, "Status: derived from dated milestones up to {day}, with the date the stage is certain by; unknown where no milestone is recorded.", day=f.as_of.isoformat()))
    else:
        out.append(t(lang, "Status: derived from dated milestones, with the date the stage is certain by; unknown where no milestone is recorded."))
    if amounts:
        out.append(
            t(lang, "{unit} column: one of the project's own figures, never summed (its basis differs from the total's): the listed item's, else the whole line's, a section's, a parent project's; the latest of them. cqsc show ID lists every figure with its basis, date and source.", unit=UNIT_HEADER[unit])
        )
    undated = undated_figures(shown)
    if f.as_of and undated:
        out.append(t(lang, "{n} undated figure(s) are kept: their date is not known, so they may be later than {day}.", n=undated, day=f.as_of.isoformat()))
    return out


def late_lines(projects: Sequence[Project], as_of: date | None, day: date, lang: Lang) -> list[str]:
    out = [t(lang, "Late as of {day}: past the due date of the plan in force that day (the latest made by then), stage not reached:", day=day.isoformat())]
    for p in projects:
        for c in plan_checks(p, as_of):
            if c.state == "late":
                out.append(f"  {p.id}: {plan_text(c, lang)}")
    return out


def view(
    projects: Sequence[Project], total: Total, f: ProjectFilter, unit: DisplayUnit, lang: Lang, *, limit: int = 0, sort: str | None = None, today: date
) -> View:
    """The projects (the first ``limit`` of them, 0 for all) and the total of all of them."""
    ordered = sort_items(projects, sort, sort_keys(f.as_of, lang))
    shown = ordered[:limit] if limit else ordered
    results = total_lines(total, unit, lang)
    if len(shown) < len(ordered):
        results.insert(0, t(lang, "{shown} of {all} projects listed; {more} more not shown (--limit 0 lists all).", shown=len(shown), all=len(ordered), more=len(ordered) - len(shown)))
    blocks: list[Any] = []
    if shown:
        blocks.append(Table(columns(unit, lang), [row(p, f.as_of, unit, lang) for p in shown], hidden=hidden_columns(lang)))
    blocks.append(Lines(results, "result"))
    if f.late:
        blocks.append(Lines(late_lines(shown, f.as_of, f.as_of or today, lang), "result"))
    blocks.append(Lines(notes(shown, f, total, unit, lang), "note"))
    record = {"filters": filter_record(f), "projects": [project_record(p, f.as_of) for p in shown], "total": total_record(total)}
    return View(
        blocks,
        record,
        CsvTable(CSV_FIELDS, [csv_row(p, f.as_of, unit) for p in shown]),
        csv_left_out="note: CSV holds the projects and the amount shown for each; the total and all of each project's figures are in --format json (one project's facts: cqsc show ID --format csv).",
    )

