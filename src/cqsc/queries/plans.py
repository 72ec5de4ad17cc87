"""Plans against actuals: what was due when, what was reached, and the slip in months.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cqsc.model.dates import months_between, today
from cqsc.model.records import (
    MILESTONE_RANK,
    PLAN_RANK,
    Milestone,
    MilestoneKind,
    Project,
    ProjectPlan,
    date_bounds,
)
from cqsc.queries.status import happened_by

# --- plans against actuals -------------------------------------------------------------


@dataclass(frozen=True)
class PlanCheck:
    """One stage a plan commits a project (or a section of it) to, judged on a day."""

    project: Project
    plan: ProjectPlan  # the plan in force that day: the latest made by then
    superseded: tuple[ProjectPlan, ...]  # earlier plans for the same stage and section
    reached: Milestone | None  # the first milestone reaching the stage by that day
    state: str  # "met" (on time), "met_late", "late" (due and not reached), "scheduled"
    slip_months: int | None  # months past the due period's end when reached late, or by that day when late

    @property
    def due_end(self) -> date:
        return date_bounds(self.plan.due)[1]


def reaching(project: Project, kind: MilestoneKind, section: str | None, as_of: date | None) -> Milestone | None:
    """The earliest milestone by ``as_of`` that shows the stage of ``kind`` reached (for ``section``, or the whole)."""
    need = PLAN_RANK[kind]
    hits = [
        m
        for m in project.milestones
        if MILESTONE_RANK.get(m.kind, 0) >= need and (section is None or m.section in (None, section)) and happened_by(m.date, as_of)
    ]
    # Certain by: the smallest upper bound, as for status.
    return min(hits, key=lambda m: date_bounds(m.date)[1]) if hits else None


def plan_checks(project: Project, as_of: date | None = None) -> list[PlanCheck]:
    """Each stage the project's plans commit it to, with the plan in force on ``as_of`` (today when None)."""
    day = as_of or today()
    groups: dict[tuple[MilestoneKind, str | None], list[ProjectPlan]] = {}
    for pl in project.plans:
        if pl.kind in PLAN_RANK and happened_by(pl.made, day):
            groups.setdefault((pl.kind, pl.section), []).append(pl)
    out = []
    for (kind, section), group in groups.items():
        plans = sorted(group, key=lambda pl: date_bounds(pl.made))
        plan = plans[-1]
        due_end = date_bounds(plan.due)[1]
        hit = reaching(project, kind, section, day)
        if hit is not None:
            at = date_bounds(hit.date)[1]
            late_by = months_between(due_end, date_bounds(hit.date)[0])
            state, slip = ("met", None) if at <= due_end else ("met_late", max(late_by, 1) if late_by >= 0 else None)
        elif day > due_end:
            state, slip = "late", months_between(due_end, day)
        else:
            state, slip = "scheduled", None
        out.append(PlanCheck(project, plan, tuple(plans[:-1]), hit, state, slip))
    return sorted(out, key=lambda c: (date_bounds(c.plan.due)[0], c.plan.section or ""))


def late_projects(projects: Iterable[Project], as_of: date | None = None) -> list[tuple[Project, list[PlanCheck]]]:
    """Projects past the due date of a plan in force on ``as_of`` without having reached its stage."""
    out = []
    for p in projects:
        late = [c for c in plan_checks(p, as_of) if c.state == "late"]
        if late:
            out.append((p, late))
    return out
