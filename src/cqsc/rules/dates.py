"""Rules on dates (CQ120-CQ121): no date in the future, every figure dated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Problem, Severity
from cqsc.model.records import date_bounds
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say


def _dates(ds: Dataset) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Every date of a fact, with where it is: a plan's due date lies ahead by design and is left out."""
    for d in walk.dates(walk.dataset_nodes(ds)):
        if not d.ahead:
            yield d.file, d.path, d.value


@rule("CQ120", "future-date", Severity.error, "No date lies in the future.", day=True)
def future_date(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if all(date_bounds(value)[0] <= ctx.today for value in walk.date_values(ds)):  # the quick walk first
        return
    for file, path, value in _dates(ds):
        if date_bounds(value)[0] > ctx.today:
            yield problem(ds, file, "CQ120", say("date {value} is in the future (today is {today})", value=value, today=ctx.today.isoformat()), path)


@rule("CQ121", "figure-undated", Severity.warning, "A figure has no as-of date (the page does not give one).")
def figure_undated(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        for j, f in enumerate(p.figures):
            if f.as_of is None:
                yield problem(ds, "projects", "CQ121", say("figure {amount} of {id!r} has no as-of date", amount=f.amount, id=p.id), ("projects", i, "figures", j, "amount"))
