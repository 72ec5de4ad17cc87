"""The portfolio summarised: groups with their totals, residuals, areas, batches, and what is not known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cqsc.model.records import (
    Aggregate,
    Area,
    Batch,
    Project,
    ProjectsFile,
    Status,
    TasksFile,
    roman,
)
from cqsc.queries.status import project_status
from cqsc.queries.totals import (
    children,
    group_index,
    level,
    list_figure,
    members,
    portfolio_aggregate,
    tree_order,
)

# --- summary ---------------------------------------------------------------------


@dataclass
class GroupRow:
    aggregate: Aggregate
    depth: int
    records: int  # project records in the group
    share: Decimal | None


@dataclass
class Residual:
    """What a parent's amount leaves for children that report none: implied, not itemised."""

    parent: Aggregate
    groups: list[Aggregate]
    count: int
    amount: Decimal
    about: bool


@dataclass
class AreaRow:
    area: Area
    tasks: int


@dataclass
class BatchRow:
    """A batch and the projects a source names as its members."""

    batch: Batch
    members: list[Project]


@dataclass
class Summary:
    portfolio: Aggregate | None
    groups: list[GroupRow]
    residuals: list[Residual]
    areas: list[AreaRow]
    task_count: int
    unknowns: list[str]
    statuses: dict[Status, int] = field(default_factory=dict)
    as_of: date | None = None
    batches: list[BatchRow] = field(default_factory=list)


def residuals(pf: ProjectsFile) -> list[Residual]:
    out = []
    for agg in pf.aggregates:
        if agg.amount is None:
            continue
        kids = children(agg, pf.aggregates)
        silent = [k for k in kids if k.amount is None]
        if not silent:
            continue
        reported = sum((k.amount for k in kids if k.amount is not None), Decimal(0))
        rest = agg.amount - reported
        if rest > 0:
            out.append(Residual(agg, silent, sum(k.count for k in silent), rest, agg.about or any(k.about for k in kids)))
    return out


def summarise(pf: ProjectsFile, tf: TasksFile | None, as_of: date | None = None) -> Summary:
    """The portfolio at a glance; a portfolio with no plan of tasks (no tasks.yaml) has no areas."""
    portfolio = portfolio_aggregate(pf)
    index = group_index(pf.projects)
    groups = []
    for agg in tree_order(pf.aggregates):
        share = agg.amount / portfolio.amount if (agg.amount is not None and portfolio and portfolio.amount) else None
        groups.append(GroupRow(agg, level(agg), len(members(agg, index)), share))
    areas = [AreaRow(a, sum(1 for t in tf.tasks if t.area == a.number)) for a in sorted(tf.areas, key=lambda a: a.number)] if tf else []
    statuses: dict[Status, int] = {}
    for p in pf.projects:
        st = project_status(p, as_of).status
        statuses[st] = statuses.get(st, 0) + 1
    batches = [BatchRow(b, [p for p in pf.projects if p.batch == b.number]) for b in sorted(pf.batches, key=lambda b: b.number)]
    return Summary(portfolio, groups, residuals(pf), areas, len(tf.tasks) if tf else 0, unknowns(pf, tf), statuses, as_of, batches)


def unknowns(pf: ProjectsFile, tf: TasksFile | None) -> list[str]:
    """What the data does not know, in plain words."""
    out = []
    n = len(pf.projects)
    unidentified = [p for p in pf.projects if not p.identified]
    if unidentified:
        by_sector = sorted({p.sector.value for p in unidentified})
        out.append(f"{len(unidentified)} of {n} projects not yet identified ({', '.join(by_sector)}): no source names them")
    silent = [a for a in pf.aggregates if a.amount is None]
    if silent:
        listed = ", ".join(f"{a.label_en} ({a.count})" for a in silent)
        out.append(f"{len(silent)} groups with no reported amount: {listed}")
    with_list = sum(1 for p in pf.projects if list_figure(p) is not None)
    with_other = sum(1 for p in pf.projects if p.figures and list_figure(p) is None)
    out.append(
        f"{with_list} of {n} projects have a figure of the 2020 list's own basis; "
        f"{with_other} have figures of other bases (whole line, later estimates), which are never summed"
    )
    no_loc = sum(1 for p in pf.projects if not p.locations)
    if no_loc:
        out.append(f"{no_loc} of {n} projects have no sourced location")
    batch_known = sum(1 for p in pf.projects if p.batch is not None)
    out.append(f"batch membership known for {batch_known} of {n} projects")
    no_status = sum(1 for p in pf.projects if not p.milestones)
    if no_status:
        out.append(f"{no_status} of {n} projects have no dated milestone, so their status is unknown")
    if tf is None:
        return out
    no_task_updates = sum(1 for t in tf.tasks if not t.updates)
    if no_task_updates:
        out.append(f"{no_task_updates} of {len(tf.tasks)} tasks have no sourced progress report: status unknown")
    no_zh_tasks = sum(1 for t in tf.tasks if t.title_zh is None)
    if no_zh_tasks:
        out.append(f"{no_zh_tasks} of {len(tf.tasks)} tasks have no Chinese title in any source")
    no_zh_areas = [a for a in tf.areas if a.name_zh is None]
    if no_zh_areas:
        out.append("no sourced Chinese name for area " + ", ".join(roman(a.number) for a in no_zh_areas))
    return out
