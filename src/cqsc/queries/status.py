"""A project's status on a day, from its dated milestones; its latest dated fact; days from partial dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cqsc.model.dates import today
from cqsc.model.records import (
    MILESTONE_STAGE,
    Milestone,
    MilestoneKind,
    Project,
    Status,
    date_bounds,
)

# --- status from milestones -------------------------------------------------------

_STAGE_RANK = {Status.preparation: 1, Status.implementation: 2, Status.completion: 3}


def happened_by(value: str, as_of: date | None) -> bool:
    """True when a (partial) date lies wholly on or before ``as_of`` (today when None)."""
    return date_bounds(value)[1] <= (as_of or today())


@dataclass(frozen=True)
class StatusInfo:
    status: Status
    since: str | None = None  # the earliest date that established this stage
    evidence: Milestone | None = None
    milestones: int = 0  # how many milestones up to the date were considered


def project_status(project: Project, as_of: date | None = None) -> StatusInfo:
    """The most advanced stage the project's dated milestones show by ``as_of``; unknown without any.

    A later suspension or cancellation overrides the stage; nothing is guessed from the absence of news.
    """
    ms = sorted((m for m in project.milestones if happened_by(m.date, as_of)), key=lambda m: date_bounds(m.date))
    if not ms:
        return StatusInfo(Status.unknown)
    last = ms[-1]
    if last.kind in (MilestoneKind.cancelled, MilestoneKind.suspended):
        return StatusInfo(MILESTONE_STAGE[last.kind], last.date, last, len(ms))
    staged = [m for m in ms if MILESTONE_STAGE[m.kind] in _STAGE_RANK]
    best = max(_STAGE_RANK[MILESTONE_STAGE[m.kind]] for m in staged)
    # The earliest date the stage is certain by: the smallest upper bound ("2020-09-30" before "2020").
    first = min((m for m in staged if _STAGE_RANK[MILESTONE_STAGE[m.kind]] == best), key=lambda m: date_bounds(m.date)[1])
    return StatusInfo(MILESTONE_STAGE[first.kind], first.date, first, len(ms))


def latest_fact(project: Project, as_of: date | None = None) -> str | None:
    """The latest dated fact about a project: a milestone or a dated figure (of those by ``as_of``, if given)."""
    dates = [m.date for m in project.milestones] + [f.as_of for f in project.figures if f.as_of]
    if as_of is not None:
        dates = [d for d in dates if date_bounds(d)[1] <= as_of]
    return max(dates, key=lambda d: date_bounds(d)[1]) if dates else None


def parse_day(value: str, *, end: bool = True) -> date:
    """A date given as YYYY-MM-DD, YYYY-MM or YYYY: its last day (``end``) or its first. ValueError if not a date."""
    from cqsc.model.records import _partial_date

    checked = _partial_date(value)
    lo, hi = date_bounds(checked)
    return hi if end else lo
