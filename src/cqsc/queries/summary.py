"""The portfolio summarised: groups with their totals, residuals, areas, batches, and what is not known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cqsc.model.options import Lang
from cqsc.model.records import (
    Aggregate,
    Area,
    Batch,
    Project,
    ProjectsFile,
    Sector,
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
from cqsc.text.lang import join, pick, sector_label, t

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
    unknowns: list[str]  # the gaps in English words (the JSON contract)
    statuses: dict[Status, int] = field(default_factory=dict)
    as_of: date | None = None
    batches: list[BatchRow] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)  # the same gaps as numbers and codes, for words in any language


@dataclass(frozen=True)
class Gap:
    """One thing the data does not know, as a kind with its numbers and codes; unknown_text words it.

    ``projects``: the ids of the projects it is not known for (in the data's order); none for a gap
    of the tasks. For ``bases`` they are the projects with no figure of the list's own basis, for
    ``batch_known`` those whose batch is not known, for ``no_amount`` the members of the groups.
    """

    kind: str
    n: int = 0
    of: int = 0
    other: int = 0
    sectors: tuple[Sector, ...] = ()
    groups: tuple[Aggregate, ...] = ()
    areas: tuple[int, ...] = ()
    projects: tuple[str, ...] = ()


# Each kind of gap as a catalogue template (cqsc.text.zh holds its Chinese).
GAP_TEMPLATES = {
    "unidentified": "{n} of {of} projects not yet identified ({sectors}): no source names them",
    "no_amount": "{n} groups with no reported amount: {groups}",
    "bases": "{n} of {of} projects have a figure of the 2020 list's own basis; {other} have figures of other bases (whole line, later estimates), which are never summed",
    "no_location": "{n} of {of} projects have no sourced location",
    "batch_known": "batch membership known for {n} of {of} projects",
    "no_milestone": "{n} of {of} projects have no dated milestone, so their status is unknown",
    "task_no_update": "{n} of {of} tasks have no sourced progress report: status unknown",
    "task_no_zh": "{n} of {of} tasks have no Chinese title in any source",
    "area_no_zh": "no sourced Chinese name for area {areas}",
}


def unknown_text(g: Gap, lang: Lang) -> str:
    """A gap in words, from its numbers and codes through the catalogue."""
    # English keeps the sector codes it has always shown; Chinese names the sectors.
    sectors = join(lang, [s.value if lang is Lang.en else sector_label(s, lang) for s in g.sectors])
    paren = "（{label}）" if lang is Lang.zh else " ({label})"
    groups = join(lang, [pick(a.label_en, a.label_zh, lang) + paren.format(label=a.count) for a in g.groups])
    areas = join(lang, [roman(a) for a in g.areas])
    return t(lang, GAP_TEMPLATES[g.kind], n=g.n, of=g.of, other=g.other, sectors=sectors, groups=groups, areas=areas)


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
    found = gaps(pf, tf)
    english = [unknown_text(g, Lang.en) for g in found]
    return Summary(portfolio, groups, residuals(pf), areas, len(tf.tasks) if tf else 0, english, statuses, as_of, batches, found)


def unknowns(pf: ProjectsFile, tf: TasksFile | None, lang: Lang = Lang.en) -> list[str]:
    """What the data does not know, in plain words."""
    return [unknown_text(g, lang) for g in gaps(pf, tf)]


def gaps(pf: ProjectsFile, tf: TasksFile | None) -> list[Gap]:
    """What the data does not know, as numbers and codes."""
    out = []
    n = len(pf.projects)

    def ids(chosen: list[Project]) -> tuple[str, ...]:
        return tuple(p.id for p in chosen)

    unidentified = [p for p in pf.projects if not p.identified]
    if unidentified:
        by_sector = tuple(sorted({p.sector for p in unidentified}, key=lambda s: s.value))
        out.append(Gap("unidentified", len(unidentified), n, sectors=by_sector, projects=ids(unidentified)))
    silent = tuple(a for a in pf.aggregates if a.amount is None)
    if silent:
        index = group_index(pf.projects)
        within = {p.id for a in silent for p in members(a, index)}
        out.append(Gap("no_amount", len(silent), groups=silent, projects=ids([p for p in pf.projects if p.id in within])))
    no_list = [p for p in pf.projects if list_figure(p) is None]
    with_other = sum(1 for p in no_list if p.figures)
    out.append(Gap("bases", n - len(no_list), n, with_other, projects=ids(no_list)))
    no_loc = [p for p in pf.projects if not p.locations]
    if no_loc:
        out.append(Gap("no_location", len(no_loc), n, projects=ids(no_loc)))
    no_batch = [p for p in pf.projects if p.batch is None]
    out.append(Gap("batch_known", n - len(no_batch), n, projects=ids(no_batch)))
    no_status = [p for p in pf.projects if not p.milestones]
    if no_status:
        out.append(Gap("no_milestone", len(no_status), n, projects=ids(no_status)))
    if tf is None:
        return out
    no_task_updates = sum(1 for t in tf.tasks if not t.updates)
    if no_task_updates:
        out.append(Gap("task_no_update", no_task_updates, len(tf.tasks)))
    no_zh_tasks = sum(1 for t in tf.tasks if t.title_zh is None)
    if no_zh_tasks:
        out.append(Gap("task_no_zh", no_zh_tasks, len(tf.tasks)))
    no_zh_areas = tuple(a.number for a in tf.areas if a.name_zh is None)
    if no_zh_areas:
        out.append(Gap("area_no_zh", areas=no_zh_areas))
    return out
