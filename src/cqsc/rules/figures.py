"""Rules reconciling the reported figures (CQ110-CQ113), and the tolerance "about" allows.

A group's count and amount are checked against its members and its subgroups; plans.py uses the tolerance too.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cqsc import queries
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Count, Problem, Severity
from cqsc.model.records import Basis, Scope
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say


def tolerance(*amounts: tuple[Decimal | None, bool]) -> Decimal:
    """How far figures reported as "about" may differ: half a unit in the last digit of each."""
    tol = Decimal(0)
    for amount, about in amounts:
        if about and amount is not None:
            exponent = amount.normalize().as_tuple().exponent
            tol += Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)
    return tol


@rule("CQ110", "aggregate-count", Severity.error, "A reported count equals the number of project records in its group, and the subgroups' counts add up.", whole=True)
def aggregate_count(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    pf = ds.projects
    for i, agg in enumerate(pf.aggregates):
        records = len(queries.members(agg, ctx.groups(ds)))
        if records != agg.count:
            yield problem(ds, "projects", "CQ110", say("aggregate {id!r} reports {count}, but {records} fall in its group", id=agg.id, count=Count(agg.count, "project"), records=Count(records, "project record")), ("aggregates", i, "count"))
        kids = queries.children(agg, pf.aggregates)
        if kids and sum(k.count for k in kids) > agg.count:
            listed = " + ".join(f"{k.count} ({k.id})" for k in kids)
            yield problem(ds, "projects", "CQ110", say("subgroups of {id!r} count {listed} = {total}, more than its {count}", id=agg.id, listed=listed, total=sum(k.count for k in kids), count=agg.count), ("aggregates", i, "count"))


@rule("CQ111", "aggregate-sum", Severity.error, "Subgroups' reported amounts add up to their parent's, within the rounding its 'about' flags allow.", whole=True)
def aggregate_sum(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    pf = ds.projects
    for i, agg in enumerate(pf.aggregates):
        kids = queries.children(agg, pf.aggregates)
        known = [k for k in kids if k.amount is not None]
        if agg.amount is None or not known:
            continue
        total = sum((k.amount for k in known if k.amount is not None), Decimal(0))
        tol = tolerance((agg.amount, agg.about), *((k.amount, k.about) for k in known))
        terms = " + ".join(f"{k.amount}" for k in known)
        covered = {p.id for k in kids for p in queries.members(k, ctx.groups(ds))}
        whole = len(kids) == len(known) and covered == {p.id for p in queries.members(agg, ctx.groups(ds))}
        if whole and abs(total - agg.amount) > tol:
            template = (
                "subgroups of {id!r} add up to {terms} = {total}, but it reports about {amount} (allowed difference {tol})"
                if agg.about
                else "subgroups of {id!r} add up to {terms} = {total}, but it reports {amount} (allowed difference {tol})"
            )
            yield problem(ds, "projects", "CQ111", say(template, id=agg.id, terms=terms, total=total, amount=agg.amount, tol=tol), ("aggregates", i, "amount"))
        elif not whole and total > agg.amount + tol:
            yield problem(ds, "projects", "CQ111", say("the subgroups of {id!r} that report an amount already add up to {total}, more than its {amount}", id=agg.id, total=total, amount=agg.amount), ("aggregates", i, "amount"))


@rule("CQ112", "list-figures-within-aggregate", Severity.error, "Projects' own 2020-list figures never add up to more than their group's reported amount.")
def list_figures_within(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    pf = ds.projects
    for i, agg in enumerate(pf.aggregates):
        if agg.amount is None:
            continue
        figures = [(p, queries.list_figure(p)) for p in queries.members(agg, ctx.groups(ds))]
        total = sum((f for _, f in figures if f is not None), Decimal(0))
        if total > agg.amount + tolerance((agg.amount, agg.about)):
            yield problem(ds, "projects", "CQ112", say("2020-list figures of projects in {id!r} add up to {total}, more than the group's reported {amount}", id=agg.id, total=total, amount=agg.amount), ("aggregates", i, "amount"))


@rule("CQ113", "one-list-figure", Severity.error, "A project has at most one figure of the 2020 list's own basis for the listed item, so nothing is counted twice.")
def one_list_figure(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        hits = [j for j, f in enumerate(p.figures) if f.basis is Basis.list_2020 and f.scope is Scope.listed_item]
        for j in hits[1:]:
            yield problem(ds, "projects", "CQ113", say("project {id!r} has a second 2020-list figure for the listed item; keep one", id=p.id), ("projects", i, "figures", j, "basis"))
