"""What changed between two days: milestones reached, statuses moved, figures and plans made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cqsc.model.records import (
    Figure,
    Project,
    ProjectPlan,
    ProjectsFile,
    Sector,
    date_bounds,
)
from cqsc.queries.events import Event
from cqsc.queries.status import StatusInfo, project_status

# --- changes between two dates -------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    project: Project
    before: StatusInfo
    after: StatusInfo


@dataclass
class Changes:
    """What happened between two days: events, status transitions, new figures and plans.

    A fact counts when its whole date lies within the range: ``2024`` is within 2024-01-01..2024-12-31,
    but not within 2024-06-01..2024-12-31, where it is listed under ``straddling`` instead, since it may
    or may not fall inside.
    """

    start: date
    end: date
    events: list[Event] = field(default_factory=list)
    straddling: list[Event] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    figures: list[tuple[Project, Figure]] = field(default_factory=list)
    plans: list[tuple[Project, ProjectPlan]] = field(default_factory=list)

    def by_sector(self) -> dict[Sector, int]:
        """Events per sector, in the sectors' order."""
        counts = {s: 0 for s in Sector}
        for e in self.events:
            counts[e.project.sector] += 1
        return {s: n for s, n in counts.items() if n}


def _within(value: str, start: date, end: date) -> str:
    lo, hi = date_bounds(value)
    if lo >= start and hi <= end:
        return "in"
    if hi < start or lo > end:
        return "out"
    return "straddles"


def changes(pf: ProjectsFile, start: date, end: date) -> Changes:
    """Events, status transitions, new figures and new plans from ``start`` to ``end`` (both included)."""
    out = Changes(start, end)
    before_day = start - timedelta(days=1)
    for p in pf.projects:
        for m in p.milestones:
            where = _within(m.date, start, end)
            if where == "in":
                out.events.append(Event(m.date, p, m))
            elif where == "straddles":
                out.straddling.append(Event(m.date, p, m))
        for f in p.figures:
            if f.as_of and _within(f.as_of, start, end) == "in":
                out.figures.append((p, f))
        for pl in p.plans:
            if _within(pl.made, start, end) == "in":
                out.plans.append((p, pl))
        was, now = project_status(p, before_day), project_status(p, end)
        if (was.status, was.since) != (now.status, now.since) and was.status != now.status:
            out.transitions.append(Transition(p, was, now))
    order = lambda e: (date_bounds(e.date)[0], date_bounds(e.date)[1], e.project.id)
    out.events.sort(key=order)
    out.straddling.sort(key=order)
    out.transitions.sort(key=lambda t: (t.after.since or "", t.project.id))
    return out
