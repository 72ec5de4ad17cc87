"""The library under the command line: load, select, total, summarise, status, check (exported by cqsc).

Dates may be given as ``date`` objects or as the CLI takes them ("2024", "2024-05", "2024-05-01": the
last day of a partial date). Amounts are exact ``Decimal`` values in 亿元, as the sources give them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cqsc.model.dataset import Dataset
    from cqsc.model.problems import Problem
    from cqsc.model.records import Project
    from cqsc.queries.status import StatusInfo
    from cqsc.queries.summary import Summary
    from cqsc.queries.totals import Total


class DataError(Exception):
    """The data has errors (``problems`` lists them all, each with file, line and column)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        from cqsc.text.numbers import counted

        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{counted(len(errors), 'problem')} in the data; the first: {errors[0].where}: {errors[0].message}" if errors else "problems in the data")


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    from cqsc.queries.status import parse_day

    return parse_day(value)


def load(data_dir: str | Path | None = None, *, use_cache: bool = True) -> Dataset:
    """The data set in ``data_dir`` (else CQSC_DATA_DIR, a clone's data/, or the bundled data); DataError on errors."""
    from cqsc.loading import discovery, loader
    from cqsc.model.problems import has_errors

    folder = discovery.find(Path(data_dir) if data_dir is not None else None).path
    ds, _ = loader.load_data(folder, use_cache=use_cache)
    if has_errors(ds.problems):
        raise DataError(ds.problems)
    return ds


def at(ds: Dataset, as_of: date | str | None) -> Dataset:
    """The data set as it stood on ``as_of``: every fact dated later left out (what --as-of shows)."""
    from cqsc.views.common import portfolio_at, tasks_at

    day = _day(as_of)
    return replace(
        ds,
        projects=portfolio_at(ds.projects, day) if ds.projects else None,
        tasks=tasks_at(ds.tasks, day) if ds.tasks else None,
    )


def _tuple(values: str | Iterable[str] | None) -> tuple[str, ...]:
    if values is None:
        return ()
    return (values,) if isinstance(values, str) else tuple(values)


def select(
    ds: Dataset,
    *,
    sector: str | Iterable[str] | None = None,
    subsector: str | Iterable[str] | None = None,
    location: str | Iterable[str] | None = None,
    search: str | None = None,
    status: str | Iterable[str] | None = None,
    as_of: date | str | None = None,
    late: bool = False,
) -> list[Project]:
    """The projects matching every filter given (several values of one filter are alternatives), as `cqsc projects`."""
    from cqsc.model.records import Sector, Status, Subsector
    from cqsc.queries.selection import ProjectFilter, select_projects

    day = _day(as_of)
    f = ProjectFilter(
        tuple(Sector(s) for s in _tuple(sector)), tuple(Subsector(s) for s in _tuple(subsector)), _tuple(location), search,
        tuple(Status(s) for s in _tuple(status)), day, late,
    )
    assert ds.projects is not None
    return list(select_projects(at(ds, day).projects.projects, f))  # type: ignore[union-attr]


def total(ds: Dataset, projects: Iterable[Project]) -> Total:
    """The best-sourced total of these projects: a reported aggregate, a sum of them, or what is not covered."""
    from cqsc.queries.totals import total_for

    assert ds.projects is not None
    return total_for(ds.projects, list(projects))


def summarise(ds: Dataset, as_of: date | str | None = None) -> Summary:
    """The reported groups, statuses, areas and unknowns, as `cqsc summary` shows them."""
    from cqsc.queries.summary import summarise as summary

    day = _day(as_of)
    now = at(ds, day)
    assert now.projects is not None  # a portfolio with no plan of tasks (no tasks.yaml) has no areas
    return summary(now.projects, now.tasks, day)


def status(ds: Dataset, project: str | Project, as_of: date | str | None = None) -> StatusInfo:
    """A project's status from its dated milestones on ``as_of`` (today by default), with the date it is certain by."""
    from cqsc.queries.status import project_status

    assert ds.projects is not None
    if isinstance(project, str):
        project = next(p for p in ds.projects.projects if p.id == project)
    return project_status(project, _day(as_of))


def check(ds: Dataset, *, as_of: date | str | None = None, stale_months: int = 24) -> list[Problem]:
    """Every problem `cqsc check` finds: loading and integrity problems with the rules' own, sorted by place."""
    from cqsc.rules import checks

    ctx = checks.Context(today=_day(as_of) or checks.today(), stale_months=stale_months)
    rules = [r for r in checks.RULES if not r.integrity]
    return sorted(ds.problems + checks.run(ds, rules, ctx=ctx), key=lambda p: p.sort_key())
