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
from decimal import Decimal
from typing import Any

from cqsc.model.records import (
    Aggregate,
    Basis,
    Project,
    ProjectsFile,
    Scope,
    Sector,
    Subsector,
)

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
