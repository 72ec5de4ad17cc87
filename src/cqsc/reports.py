"""Pure functions from models to report rows and totals; nothing here prints.

How a total is chosen (shared/DATA.md): the reported aggregate of the group
where the selection is exactly that group; otherwise the sum of the reported
aggregates that the selection covers whole, plus the selection's own 2020-list
project figures; and always what is not covered. Figures of other bases (whole
line, later estimates) are never summed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from cqsc.models import (
    PROVINCE_LABELS,
    Aggregate,
    Area,
    Basis,
    Project,
    ProjectsFile,
    Scope,
    Sector,
    Subsector,
    Task,
    TasksFile,
    roman,
)

# --- selecting projects ----------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilter:
    sectors: tuple[Sector, ...] = ()
    subsectors: tuple[Subsector, ...] = ()
    locations: tuple[str, ...] = ()
    search: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.sectors or self.subsectors or self.locations or self.search)


def _matches_location(project: Project, wanted: str) -> bool:
    w = wanted.casefold()
    for loc in project.locations:
        en, zh = PROVINCE_LABELS[loc.province]
        if w in (loc.province.value, en.casefold(), zh) or w == zh.rstrip("省市"):
            return True
        if any(w in place.casefold() for place in loc.places):
            return True
    return False


def _matches_search(project: Project, text: str) -> bool:
    t = text.casefold()
    return any(t in (s or "").casefold() for s in (project.id, project.name_en, project.name_zh))


def select_projects(projects: Iterable[Project], f: ProjectFilter) -> list[Project]:
    """Projects matching every kind of filter given; several values of one kind are alternatives."""
    out = []
    for p in projects:
        if f.sectors and p.sector not in f.sectors:
            continue
        if f.subsectors and p.subsector not in f.subsectors:
            continue
        if f.locations and not any(_matches_location(p, loc) for loc in f.locations):
            continue
        if f.search and not _matches_search(p, f.search):
            continue
        out.append(p)
    return out


# --- the aggregate tree ----------------------------------------------------------


def level(agg: Aggregate) -> int:
    """0 for the portfolio, 1 for a sector, 2 for a subsector."""
    return 0 if agg.sector is None else 1 if agg.subsector is None else 2


def members(agg: Aggregate, projects: Iterable[Project]) -> list[Project]:
    return [
        p
        for p in projects
        if (agg.sector is None or p.sector == agg.sector) and (agg.subsector is None or p.subsector == agg.subsector)
    ]


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
        return sum((p.amount for p in known), Decimal(0)) if known else None  # type: ignore[misc]

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


def total_for(pf: ProjectsFile, selected: list[Project]) -> Total:
    """The best-sourced total for a selection of projects (see the module docstring)."""
    total = Total(count=len(selected), portfolio=portfolio_aggregate(pf))
    remaining = {p.id for p in selected}
    ordered = sorted(pf.aggregates, key=level)
    # Aggregates with an amount first, so a group without one does not hide subgroups that have one.
    for with_amount in (True, False):
        for agg in ordered:
            if (agg.amount is not None) != with_amount:
                continue
            ids = {p.id for p in members(agg, pf.projects)}
            if ids and ids <= remaining:
                total.parts.append(Part("aggregate", agg.id, agg.label_en, len(ids), agg.amount, agg.about))
                remaining -= ids
    for p in selected:
        if p.id not in remaining:
            continue
        amount = list_figure(p)
        if amount is not None:
            total.parts.append(Part("project_figure", p.id, p.name_en, 1, amount))
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
class Summary:
    portfolio: Aggregate | None
    groups: list[GroupRow]
    residuals: list[Residual]
    areas: list[AreaRow]
    task_count: int
    unknowns: list[str]


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


def summarise(pf: ProjectsFile, tf: TasksFile) -> Summary:
    portfolio = portfolio_aggregate(pf)
    groups = []
    for agg in tree_order(pf.aggregates):
        share = agg.amount / portfolio.amount if (agg.amount is not None and portfolio and portfolio.amount) else None
        groups.append(GroupRow(agg, level(agg), len(members(agg, pf.projects)), share))
    areas = [AreaRow(a, sum(1 for t in tf.tasks if t.area == a.number)) for a in sorted(tf.areas, key=lambda a: a.number)]
    return Summary(portfolio, groups, residuals(pf), areas, len(tf.tasks), unknowns(pf, tf))


def unknowns(pf: ProjectsFile, tf: TasksFile) -> list[str]:
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
    out.append(f"batch known for {batch_known} of {n} projects")
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
            s = f.search.casefold()
            if not any(s in (x or "").casefold() for x in (t.title_en, t.title_zh)):
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
