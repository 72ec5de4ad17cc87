"""Progress by sector and year: snapshots of the reported counts and the annual lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cqsc.model.dates import today
from cqsc.model.records import (
    Aggregate,
    AnnualFile,
    AnnualList,
    AnnualProgress,
    ProjectsFile,
    Sector,
    Snapshot,
    Status,
    date_bounds,
)
from cqsc.queries.status import happened_by, project_status
from cqsc.queries.totals import portfolio_aggregate

# --- progress ------------------------------------------------------------------------


@dataclass
class SectorProgress:
    sector: Sector
    projects: int
    by_status: dict[Status, int]

    @property
    def started(self) -> int:
        return sum(n for s, n in self.by_status.items() if s in (Status.implementation, Status.completion, Status.suspended))

    @property
    def completed(self) -> int:
        return self.by_status.get(Status.completion, 0)

    @property
    def unknown(self) -> int:
        return self.by_status.get(Status.unknown, 0)


@dataclass
class AnnualRow:
    listing: AnnualList
    latest: AnnualProgress | None  # the latest progress point up to the date
    annual_plan: Decimal | None  # the list's plan, or the one the latest report states
    completion_rate: Decimal | None  # as reported, in per cent


@dataclass
class Progress:
    as_of: date
    sectors: list[SectorProgress]
    snapshots: list[Snapshot]  # reported portfolio progress up to the date, oldest first
    portfolio: Aggregate | None
    annual: list[AnnualRow]


def sector_progress(pf: ProjectsFile, as_of: date | None) -> list[SectorProgress]:
    out = []
    for sector in Sector:
        members_ = [p for p in pf.projects if p.sector == sector]
        counts: dict[Status, int] = {}
        for p in members_:
            st = project_status(p, as_of).status
            counts[st] = counts.get(st, 0) + 1
        out.append(SectorProgress(sector, len(members_), counts))
    return out


def _snapshot_date(s: Snapshot) -> str:
    return s.as_of or s.reported  # type: ignore[return-value]


def progress(pf: ProjectsFile, annual: AnnualFile | None, as_of: date | None) -> Progress:
    day = as_of or today()
    snaps = sorted((s for s in pf.snapshots if happened_by(_snapshot_date(s), day)), key=lambda s: date_bounds(_snapshot_date(s)))
    rows = []
    if annual:
        for listing in sorted(annual.lists, key=lambda l: l.year):
            if listing.year > day.year:
                continue
            points = [p for p in annual.progress if p.list_year == listing.year and happened_by(p.reported or p.as_of, day)]
            points.sort(key=lambda p: (date_bounds(p.as_of)[1], p.period == "full_year"))
            latest = points[-1] if points else None
            plan = listing.annual_plan or next((p.annual_plan for p in reversed(points) if p.annual_plan), None)
            rate = latest.completion_rate_pct if latest else None
            rows.append(AnnualRow(listing, latest, plan, rate))
    return Progress(day, sector_progress(pf, as_of), snaps, portfolio_aggregate(pf), rows)
