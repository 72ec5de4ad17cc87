"""Pure functions from models to report rows and totals; nothing here prints.

How a total is chosen: the reported aggregate of the group
where the selection is exactly that group; otherwise the sum of the reported
aggregates that the selection covers whole, plus the selection's own 2020-list
project figures; and always what is not covered. Figures of other bases (whole
line, later estimates) are never summed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from cqsc.model.dates import months_between, today
from cqsc.model.records import (
    MILESTONE_RANK,
    MILESTONE_STAGE,
    PLAN_RANK,
    PROVINCE_LABELS,
    Aggregate,
    AnnualFile,
    AnnualList,
    AnnualProgress,
    Area,
    Basis,
    Batch,
    Figure,
    Milestone,
    MilestoneKind,
    Project,
    ProjectPlan,
    ProjectsFile,
    Scope,
    Sector,
    Snapshot,
    Status,
    Subsector,
    Task,
    TasksFile,
    TaskStatus,
    date_bounds,
    roman,
)

# --- selecting projects ----------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilter:
    sectors: tuple[Sector, ...] = ()
    subsectors: tuple[Subsector, ...] = ()
    locations: tuple[str, ...] = ()
    search: str | None = None
    statuses: tuple[Status, ...] = ()
    as_of: date | None = None  # statuses as they stood that day; None: today
    late: bool = False  # only projects past a planned date in force that day without reaching its stage


def _matches_location(provinces: Iterable[str], places: Iterable[str], wanted: str) -> bool:
    """Whether a province (by code, English or Chinese name) or a place name matches ``wanted``."""
    w = wanted.casefold()
    for province in provinces:
        en, zh = PROVINCE_LABELS[province]  # type: ignore[index]
        if w in (province, en.casefold(), zh) or w == zh.rstrip("省市"):
            return True
    return any(w in place.casefold() for place in places)


def fold(text: str) -> str:
    """Text as search compares it: without case, and in one Unicode normal form (NFKC), so that a name
    stored decomposed (NFD: e + U+0301) is found by the composed query (é), and full-width letters by ASCII."""
    import unicodedata

    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _matches_search(texts: Iterable[str | None], text: str) -> bool:
    t = fold(text)
    return any(t in fold(s or "") for s in texts)


def _matches(f: ProjectFilter, pid: str, name_en: str, name_zh: str | None, sector: str, subsector: str | None, provinces: list[str], places: list[str]) -> bool:
    """The filters that read only what a project is and where (rows.COLUMNS); several values of one kind are alternatives."""
    if f.sectors and sector not in f.sectors:
        return False
    if f.subsectors and subsector not in f.subsectors:
        return False
    if f.locations and not any(_matches_location(provinces, places, loc) for loc in f.locations):
        return False
    return not (f.search and not _matches_search((pid, name_en, name_zh), f.search))


def select_projects(projects: Sequence[Project], f: ProjectFilter) -> Sequence[Project]:
    """Projects matching every kind of filter given; several values of one kind are alternatives.

    Rows served from the cache (rows.ProjectRows) are selected on their columns and stay unbuilt,
    unless a status or a plan has to be read.
    """
    column = getattr(projects, "column", None)
    if column is not None:
        # Each kind of filter reads only its own columns.
        keep: Sequence[int] = range(len(projects))
        if f.sectors:
            sectors = column("sector")
            keep = [i for i in keep if sectors[i] in f.sectors]
        if f.subsectors:
            subsectors = column("subsector")
            keep = [i for i in keep if subsectors[i] in f.subsectors]
        if f.locations:
            provinces, places = column("provinces"), column("places")
            keep = [i for i in keep if any(_matches_location(provinces[i], places[i], loc) for loc in f.locations)]
        if f.search:
            ids, en, zh = column("id"), column("name_en"), column("name_zh")
            keep = [i for i in keep if _matches_search((ids[i], en[i], zh[i]), f.search)]
        chosen: Sequence[Project] = projects.subset(list(keep))  # type: ignore[attr-defined]
        if not (f.statuses or f.late):
            return chosen
    else:
        chosen = [
            p for p in projects
            if _matches(f, p.id, p.name_en, p.name_zh, p.sector, p.subsector, [loc.province for loc in p.locations], [pl for loc in p.locations for pl in loc.places])
        ]
    out = []
    for p in chosen:
        if f.statuses and project_status(p, f.as_of).status not in f.statuses:
            continue
        if f.late and not any(c.state == "late" for c in plan_checks(p, f.as_of)):
            continue
        out.append(p)
    return out


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


def task_status(task: Task, as_of: date | None = None) -> tuple[TaskStatus, str | None]:
    """The latest dated update's status, or unknown: never a guessed "in progress"."""
    updates = sorted((u for u in task.updates if happened_by(u.date, as_of)), key=lambda u: date_bounds(u.date))
    if not updates:
        return TaskStatus.unknown, None
    return updates[-1].status, updates[-1].date


def parse_day(value: str, *, end: bool = True) -> date:
    """A date given as YYYY-MM-DD, YYYY-MM or YYYY: its last day (``end``) or its first. ValueError if not a date."""
    from cqsc.model.records import _partial_date

    checked = _partial_date(value)
    lo, hi = date_bounds(checked)
    return hi if end else lo


# --- the aggregate tree ----------------------------------------------------------


def level(agg: Aggregate) -> int:
    """0 for the portfolio, 1 for a sector, 2 for a subsector."""
    return 0 if agg.sector is None else 1 if agg.subsector is None else 2


def members(agg: Aggregate, index: GroupIndex) -> list[Project]:
    """The projects in an aggregate's group, from ``group_index(projects)`` built once per run."""
    return index.get((agg.sector, agg.subsector), [])


GroupIndex = dict[tuple["Sector | None", "Subsector | None"], list[Project]]


def group_index(projects: Iterable[Project]) -> GroupIndex:
    """Projects by (sector, subsector), by (sector, None) and all under (None, None), in one pass."""
    out: GroupIndex = {(None, None): []}
    for p in projects:
        out[(None, None)].append(p)
        out.setdefault((p.sector, None), []).append(p)
        if p.subsector is not None:
            out.setdefault((p.sector, p.subsector), []).append(p)
    return out


def ids_of(projects: Sequence[Project]) -> list[str]:
    """The projects' ids, read from the columns of rows served from the cache (nothing is built)."""
    column = getattr(projects, "column", None)
    return column("id") if column is not None else [p.id for p in projects]


def group_ids(projects: Sequence[Project]) -> dict[tuple[Sector | None, Subsector | None], set[str]]:
    """The ids of group_index's groups, from the columns of rows served from the cache where there are some."""
    column = getattr(projects, "column", None)
    if column is None:
        return {key: {p.id for p in ps} for key, ps in group_index(projects).items()}
    ids = column("id")
    by_code: dict[tuple[str, str | None], list[str]] = {}
    for key, pid in zip(zip(column("sector"), column("subsector"), strict=True), ids, strict=True):
        by_code.setdefault(key, []).append(pid)
    out: dict[Any, set[str]] = {(None, None): set(ids)}
    for (sector, subsector), members in by_code.items():
        out.setdefault((Sector(sector), None), set()).update(members)
        if subsector is not None:
            out[(Sector(sector), Subsector(subsector))] = set(members)
    return out


def portfolio_aggregate(pf: ProjectsFile) -> Aggregate | None:
    return next((a for a in pf.aggregates if level(a) == 0), None)


def parent(agg: Aggregate, aggregates: Iterable[Aggregate]) -> Aggregate | None:
    for a in aggregates:
        if level(agg) == 2 and level(a) == 1 and a.sector == agg.sector:
            return a
        if level(agg) == 1 and level(a) == 0:
            return a
    return None


def children(agg: Aggregate, aggregates: Iterable[Aggregate]) -> list[Aggregate]:
    aggregates = list(aggregates)
    return [a for a in aggregates if a is not agg and parent(a, aggregates) is agg]


def tree_order(aggregates: list[Aggregate]) -> list[Aggregate]:
    """Portfolio, then each sector followed by its subsectors, in file order."""
    out: list[Aggregate] = []

    def visit(a: Aggregate) -> None:
        out.append(a)
        for c in children(a, aggregates):
            visit(c)

    roots = [a for a in aggregates if parent(a, aggregates) is None]
    for r in roots:
        visit(r)
    return out


def list_figure(project: Project) -> Decimal | None:
    """The project's own figure on the 2020 list's basis, if a source gives one."""
    for f in project.figures:
        if f.basis is Basis.list_2020 and f.scope is Scope.listed_item:
            return f.amount
    return None


# --- totals ----------------------------------------------------------------------


@dataclass
class Part:
    """One piece of a total: a reported aggregate, or one project's 2020-list figure."""

    kind: str  # "aggregate" | "project_figure"
    ref: str  # aggregate id or project id
    label: str
    count: int
    amount: Decimal | None
    about: bool = False
    label_zh: str | None = None


@dataclass
class Total:
    count: int
    parts: list[Part] = field(default_factory=list)
    uncovered: list[Project] = field(default_factory=list)  # no aggregate and no 2020-list figure
    portfolio: Aggregate | None = None

    @property
    def known(self) -> list[Part]:
        return [p for p in self.parts if p.amount is not None]

    @property
    def unreported(self) -> list[Part]:
        return [p for p in self.parts if p.amount is None]

    @property
    def amount(self) -> Decimal | None:
        known = self.known
        return sum((p.amount for p in known if p.amount is not None), Decimal(0)) if known else None

    @property
    def complete(self) -> bool:
        return bool(self.parts) and not self.unreported and not self.uncovered

    @property
    def about(self) -> bool:
        return any(p.about for p in self.known)

    @property
    def method(self) -> str:
        known = self.known
        if not known:
            return "not_reported"
        if not self.complete:
            return "partial"
        if len(known) == 1 and known[0].kind == "aggregate":
            return "reported_aggregate"
        if all(p.kind == "aggregate" for p in known):
            return "sum_of_aggregates"
        return "sum_with_project_figures"

    @property
    def share(self) -> Decimal | None:
        """Share of the portfolio's reported amount; of the known part when incomplete."""
        amount = self.amount
        if amount is None or self.portfolio is None or self.portfolio.amount is None:
            return None
        return amount / self.portfolio.amount


def total_for(pf: ProjectsFile, selected: Sequence[Project]) -> Total:
    """The best-sourced total for a selection of projects (see the module docstring)."""
    total = Total(count=len(selected), portfolio=portfolio_aggregate(pf))
    remaining = set(ids_of(selected))
    ordered = sorted(pf.aggregates, key=level)
    groups = group_ids(pf.projects)
    # Aggregates with an amount first, so a group without one does not hide subgroups that have one.
    for with_amount in (True, False):
        for agg in ordered:
            if (agg.amount is not None) != with_amount:
                continue
            ids = groups.get((agg.sector, agg.subsector), set())
            if ids and ids <= remaining:
                total.parts.append(Part("aggregate", agg.id, agg.label_en, len(ids), agg.amount, agg.about, agg.label_zh))
                remaining -= ids
    if not remaining:  # every project is in a reported group: no record need be read
        return total
    for p in selected:
        if p.id not in remaining:
            continue
        amount = list_figure(p)
        if amount is not None:
            total.parts.append(Part("project_figure", p.id, p.name_en, 1, amount, label_zh=p.name_zh))
        else:
            total.uncovered.append(p)
    return total


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


# --- tasks -----------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilter:
    areas: tuple[int, ...] = ()
    search: str | None = None


def select_tasks(tf: TasksFile, f: TaskFilter) -> list[Task]:
    out = []
    for t in sorted(tf.tasks, key=lambda t: t.number):
        if f.areas and t.area not in f.areas:
            continue
        if f.search:
            s = fold(f.search)
            if not any(s in fold(x or "") for x in (t.title_en, t.title_zh)):
                continue
        out.append(t)
    return out


def parse_area(value: str) -> int:
    """An area given as a number (6) or a roman numeral (VI); ValueError otherwise."""
    v = value.strip()
    if v.isdigit() and 1 <= int(v) <= 9:
        return int(v)
    for n in range(1, 10):
        if roman(n) == v.upper():
            return n
    raise ValueError(f"{value!r} is not an area; use 1-9 or I-IX")


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
