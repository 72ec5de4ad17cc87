"""`cqsc progress`: statuses per sector, the reported progress of the portfolio, the annual lists, and how fresh each project's news is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from cqsc.model.dates import months_between
from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import Project, as_json, date_bounds
from cqsc.queries.snapshots import Progress
from cqsc.queries.status import latest_fact, project_status
from cqsc.rules.progress import last_looked, looked_for, searched
from cqsc.text.lang import sector_label, t
from cqsc.text.numbers import UNIT_SUFFIX, amount_text, money, percent
from cqsc.views.common import STATUS_RANK, ordered_counts, status_cell
from cqsc.views.model import Cell, CellValue, Column, CsvTable, Kind, Lines, Table, View

STALE_MONTHS = 24  # as `cqsc check` (CQ153) counts an unfinished project's news as stale by default


def stale(p: Project, day: date, months: int = STALE_MONTHS) -> bool:
    """Identified, unfinished, and no dated fact for ``months`` months before ``day`` (or none at all): CQ153's test."""
    if not p.identified or project_status(p, day).status.value in ("completion", "cancelled"):
        return False
    latest = latest_fact(p, day)
    return latest is None or months_between(date_bounds(latest)[1], day) >= months


def _looked_record(looked: tuple[str, int] | None) -> dict[str, Any] | None:
    return None if looked is None else {"date": looked[0], "queries": looked[1]}


def view(pr: Progress, projects: list[Project], unit: DisplayUnit, lang: Lang) -> View:
    port = pr.portfolio
    total_amount = port.amount if port else None
    day = pr.as_of
    suffix = UNIT_SUFFIX[unit]
    sector_cols = [
        Column("sector", t(lang, "Sector"), Kind.text), Column("projects", t(lang, "Projects"), Kind.count), Column("started", t(lang, "Started"), Kind.count),
        Column("completed", t(lang, "Completed"), Kind.count), Column("unknown", t(lang, "Unknown"), Kind.count),
        Column("share", t(lang, "Share started"), Kind.percent), Column("bar", "", Kind.bar, documents=False),
    ]
    sector_rows: list[dict[str, CellValue]] = []
    for sp in pr.sectors:
        share = Decimal(sp.started) / sp.projects if sp.projects else None
        sector_rows.append({"sector": sector_label(sp.sector, lang), "projects": str(sp.projects), "started": str(sp.started), "completed": str(sp.completed),
                            "unknown": str(sp.unknown), "share": percent(share), "bar": Cell(share=share)})
    n_all = sum(sp.projects for sp in pr.sectors)
    totals = [sum(getattr(sp, k) for sp in pr.sectors) for k in ("started", "completed", "unknown")]
    share_all = Decimal(totals[0]) / n_all if n_all else None
    sector_rows.append({"sector": t(lang, "All"), "projects": str(n_all), "started": str(totals[0]), "completed": str(totals[1]), "unknown": str(totals[2]),
                        "share": percent(share_all), "bar": Cell(share=share_all)})
    snap_cols = [
        Column("as_of", t(lang, "As of"), Kind.date), Column("started", t(lang, "Started"), Kind.count), Column("invested", t(lang, "Invested"), Kind.amount),
        Column("share", t(lang, "Of the portfolio"), Kind.percent), Column("bar", "", Kind.bar, documents=False),
    ]
    snap_rows: list[dict[str, CellValue]] = []
    for snap in pr.snapshots:
        share = snap.invested / total_amount if (snap.invested is not None and total_amount) else None
        snap_rows.append({
            "as_of": snap.as_of or t(lang, "reported {day}", day=snap.reported), "started": t(lang, "{n} of {of}", n=snap.started, of=port.count) if (snap.started is not None and port) else "—",
            "invested": money(snap.invested, unit) if snap.invested is not None else "—", "share": percent(share), "bar": Cell(share=share),
        })
    annual_cols = [
        Column("year", t(lang, "Year"), Kind.date), Column("projects", t(lang, "Projects"), Kind.count), Column("total", t(lang, "Total ({unit})", unit=suffix), Kind.amount),
        Column("plan", t(lang, "Plan ({unit})", unit=suffix), Kind.amount), Column("latest", t(lang, "Latest report"), Kind.date),
        Column("done", t(lang, "Done ({unit})", unit=suffix), Kind.amount), Column("rate", t(lang, "Rate"), Kind.percent), Column("bar", "", Kind.bar, documents=False),
    ]
    annual_rows: list[dict[str, CellValue]] = []
    for r in pr.annual:
        listing, latest = r.listing, r.latest
        if listing.total is None:
            total = "—"
        else:
            total = (t(lang, "more than ") if listing.total_more_than else "~" if listing.total_about else "") + amount_text(listing.total, unit)
        when = "—" if latest is None else (t(lang, "{day} full year", day=latest.as_of) if latest.period == "full_year" else latest.as_of)
        rate = r.completion_rate
        annual_rows.append({
            "year": str(listing.year), "projects": str(listing.projects or "—"), "total": total,
            "plan": amount_text(r.annual_plan, unit) if r.annual_plan is not None else "—", "latest": when,
            "done": amount_text(latest.year_to_date, unit) if latest and latest.year_to_date is not None else "—",
            "rate": f"{rate}%" if rate is not None else "—", "bar": Cell(share=rate / 100 if rate is not None else None),
        })
    fresh_cols = [Column("id", "ID", Kind.id), Column("status", t(lang, "Status"), Kind.status), Column("latest", t(lang, "Latest fact"), Kind.date), Column("stale", t(lang, "News"), Kind.text)]
    fresh_rows: list[dict[str, CellValue]] = []
    ordered = sorted(projects, key=lambda p: (date_bounds(latest_fact(p) or "1900")[1], STATUS_RANK[project_status(p, day).status], p.id))
    n_stale = 0
    looked: dict[str, tuple[str, int] | None] = {}
    for p in ordered:
        st = project_status(p, day)
        fact = latest_fact(p)
        old = stale(p, day)
        n_stale += old
        # Beside the stale mark, when the project was last looked for, in the words of `cqsc check` (CQ153).
        looked[p.id] = searched(last_looked(p, day, latest_fact(p, day)))
        mark = t(lang, "{stale}; {looked}", stale=t(lang, "stale: none in {months} months", months=STALE_MONTHS),
                 looked=looked_for(looked[p.id], since=latest_fact(p, day) is not None, lang=lang))
        fresh_rows.append({
            "id": p.id, "status": status_cell(st.status, None, lang), "latest": fact or Cell(t(lang, "none"), tone="dim"),
            "stale": Cell(mark, tone="stale") if old else "",
        })
    blocks: list[Any] = [
        Table(sector_cols, sector_rows, title=t(lang, "Status of the {n} projects, from dated milestones up to {day}", n=n_all, day=day.isoformat())),
        Table(snap_cols, snap_rows, title=t(lang, "Reported progress of the {n} projects", n=port.count if port else n_all),
              empty=t(lang, "Reported progress: nothing reported up to this date."), name="snapshots"),
        Table(annual_cols, annual_rows, title=t(lang, "Annual lists of co-built projects"), empty=t(lang, "Annual lists: nothing reported up to this date."), name="annual"),
        Table(fresh_cols, fresh_rows, title=t(lang, "Latest dated fact per project, oldest first"), name="latest"),
        Lines([t(lang, "{n} of {all} unfinished projects have no dated fact in the {months} months up to {day}: their status may be out of date.",
                 n=n_stale, all=sum(1 for p in projects if p.identified and project_status(p, day).status.value not in ("completion", "cancelled")), months=STALE_MONTHS, day=day.isoformat())], "result"),
        Lines([
            t(lang, "Started and completed are derived from dated milestones up to {day}; unknown: no milestone recorded.", day=day.isoformat()),
            t(lang, "Reported progress is the joint office's own count and investment for the 31 projects, as a share of the portfolio's reported total."),
            t(lang, "Annual lists: the year's list of co-built projects; the completion rate is as reported, against the year's plan."),
        ], "note"),
    ]
    record = {
        "as_of": day.isoformat(),
        "sectors": [
            {"sector": sp.sector.value, "projects": sp.projects, "started": sp.started, "completed": sp.completed, "unknown": sp.unknown,
             "by_status": {k.value: v for k, v in ordered_counts(sp.by_status).items()}}
            for sp in pr.sectors
        ],
        "snapshots": [
            {**as_json(snap), "share_of_total": None if snap.invested is None or not total_amount else float(snap.invested / total_amount)}
            for snap in pr.snapshots
        ],
        "portfolio": None if port is None else {"count": port.count, "amount": None if port.amount is None else str(port.amount), "unit": "yi", "about": port.about},
        "annual": [
            {"year": r.listing.year, "projects": r.listing.projects, "total": None if r.listing.total is None else str(r.listing.total),
             "total_text": r.listing.total_text, "annual_plan": None if r.annual_plan is None else str(r.annual_plan),
             "latest": None if r.latest is None else as_json(r.latest),
             "completion_rate_pct": None if r.completion_rate is None else str(r.completion_rate)}
            for r in pr.annual
        ],
        "latest_facts": [
            {"project": p.id, "latest_fact": latest_fact(p), "stale": stale(p, day), "last_looked_for": _looked_record(looked[p.id])} for p in ordered
        ],
        "stale_months": STALE_MONTHS,
    }
    csv_rows = [{"sector": sp.sector.value, "projects": sp.projects, "started": sp.started, "completed": sp.completed, "unknown": sp.unknown} for sp in pr.sectors]
    return View(
        blocks,
        record,
        CsvTable(["sector", "projects", "started", "completed", "unknown"], csv_rows),
        csv_left_out="note: CSV holds the status per sector only; the reported progress, the annual lists and each project's latest fact are in --format json.",
    )
