"""Dated events in order, the plans still ahead, and the Gantt rows (stages over time, per project).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cqsc.model.dates import today
from cqsc.model.records import (
    MILESTONE_STAGE,
    Milestone,
    Project,
    ProjectPlan,
    ProjectsFile,
    Sector,
    Status,
    date_bounds,
)
from cqsc.queries.status import happened_by

# --- timeline ------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    date: str
    project: Project
    milestone: Milestone


@dataclass(frozen=True)
class TimelineFilter:
    projects: tuple[str, ...] = ()
    sectors: tuple[Sector, ...] = ()
    start: date | None = None
    end: date | None = None


def timeline(pf: ProjectsFile, f: TimelineFilter) -> list[Event]:
    """Every milestone in date order; a partial date sorts by its first day and matches a range it overlaps."""
    out = []
    for p in pf.projects:
        if f.projects and p.id not in f.projects:
            continue
        if f.sectors and p.sector not in f.sectors:
            continue
        for m in p.milestones:
            lo, hi = date_bounds(m.date)
            if f.start and hi < f.start:
                continue
            if f.end and lo > f.end:
                continue
            out.append(Event(m.date, p, m))
    return sorted(out, key=lambda e: (date_bounds(e.date)[0], date_bounds(e.date)[1], e.project.id))


@dataclass(frozen=True)
class PlannedEvent:
    """A stage a plan set a date for: shown on a timeline at its due date, marked as planned."""

    due: str
    project: Project
    plan: ProjectPlan


def planned_events(pf: ProjectsFile, f: TimelineFilter) -> list[PlannedEvent]:
    """Every plan's due date in the range, superseded plans included (each says when it was made)."""
    out = []
    for p in pf.projects:
        if (f.projects and p.id not in f.projects) or (f.sectors and p.sector not in f.sectors):
            continue
        for pl in p.plans:
            lo, hi = date_bounds(pl.due)
            if (f.start and hi < f.start) or (f.end and lo > f.end):
                continue
            out.append(PlannedEvent(pl.due, p, pl))
    return sorted(out, key=lambda e: (date_bounds(e.due)[0], date_bounds(e.due)[1], e.project.id))


# --- the Gantt view ---------------------------------------------------------------------

GANTT_START, GANTT_END = date(2018, 1, 1), date(2028, 12, 31)


@dataclass(frozen=True)
class Bar:
    """One stage of a project drawn between two days (the end: the next stage, or the day of the view)."""

    stage: Status
    start: date
    end: date
    since: str  # the milestone date the stage is drawn from, as written


@dataclass(frozen=True)
class GanttRow:
    project: Project
    bars: tuple[Bar, ...]
    completed: str | None  # the date of completion, if reached by the day of the view
    plans: tuple[ProjectPlan, ...]  # plans made by the day of the view, superseded ones included


def gantt(pf: ProjectsFile, as_of: date | None = None) -> list[GanttRow]:
    """Per project, sorted by sector: preparation and implementation as bars, completion as a mark, plans' due dates."""
    day = as_of or today()
    order = {s: i for i, s in enumerate(Sector)}
    rows = []
    for p in sorted(pf.projects, key=lambda p: (order[p.sector], p.id)):
        seen = sorted((m for m in p.milestones if happened_by(m.date, day)), key=lambda m: date_bounds(m.date))
        firsts: dict[Status, Milestone] = {}
        for m in seen:
            firsts.setdefault(MILESTONE_STAGE[m.kind], m)
        prep, impl, done = firsts.get(Status.preparation), firsts.get(Status.implementation), firsts.get(Status.completion)
        bars = []
        if prep is not None:
            end = date_bounds(impl.date)[0] if impl else date_bounds(done.date)[0] if done else day
            bars.append(Bar(Status.preparation, date_bounds(prep.date)[0], max(end, date_bounds(prep.date)[0]), prep.date))
        if impl is not None:
            end = date_bounds(done.date)[0] if done else day
            bars.append(Bar(Status.implementation, date_bounds(impl.date)[0], max(end, date_bounds(impl.date)[0]), impl.date))
        plans = tuple(pl for pl in p.plans if happened_by(pl.made, day))
        rows.append(GanttRow(p, tuple(bars), done.date if done else None, plans))
    return rows
