"""Rules on plans and batches (CQ160-CQ161).

A plan commits to a stage a milestone can reach and is due no earlier than the year it was made; batches
add up to the portfolio.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cqsc import queries
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Count, Problem, Severity
from cqsc.model.records import PLAN_RANK, date_bounds
from cqsc.rules.figures import tolerance
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say


@rule("CQ160", "plan-stage", Severity.error, "A plan commits to a stage a milestone can reach (a start, an opening, a completion), due no earlier than it was made's year.")
def plan_stage(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    stages = ", ".join(k.value for k in PLAN_RANK)
    for i, p in enumerate(ds.projects.projects):
        for j, pl in enumerate(p.plans):
            if pl.kind not in PLAN_RANK:
                yield problem(ds, "projects", "CQ160", say("{id!r}: a plan for {kind} is not a stage; use one of {stages}", id=p.id, kind=pl.kind.value, stages=stages), ("projects", i, "plans", j, "kind"))
            elif date_bounds(pl.due)[1] < date_bounds(pl.made)[0].replace(month=1, day=1):
                yield problem(ds, "projects", "CQ160", say("{id!r}: the plan made {made} is due {due}, before the year it was made", id=p.id, made=pl.made, due=pl.due), ("projects", i, "plans", j, "due"))


@rule("CQ161", "batch-consistency", Severity.error, "Batches: numbers unique, counts adding up to the portfolio's, at least the members known, amounts within the portfolio's; every project's batch listed.", whole=True)
def batch_consistency(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects or not ds.projects.batches:
        return
    pf = ds.projects
    port = queries.portfolio_aggregate(pf)
    numbers = {b.number: i for i, b in enumerate(pf.batches)}
    members = Counter(p.batch for p in pf.projects if p.batch is not None)
    for i, b in enumerate(pf.batches):
        if numbers[b.number] != i:
            yield problem(ds, "projects", "CQ161", say("batch {batch} is listed twice", batch=b.number), ("batches", i, "number"))
        if members[b.number] > b.count:
            yield problem(ds, "projects", "CQ161", say("batch {batch} counts {count}, but {records} records name it", batch=b.number, count=Count(b.count, "project"), records=members[b.number]), ("batches", i, "count"))
        if port and port.amount is not None and b.amount is not None and b.amount > port.amount + tolerance((port.amount, port.about)):
            yield problem(ds, "projects", "CQ161", say("batch {batch}'s amount {amount} is more than the portfolio's {total}", batch=b.number, amount=b.amount, total=port.amount), ("batches", i, "amount"))
    if port and sum(b.count for b in pf.batches) != port.count:
        total = " + ".join(str(b.count) for b in pf.batches)
        yield problem(ds, "projects", "CQ161", say("the batches count {counts} = {total}, but the portfolio has {count}", counts=total, total=sum(b.count for b in pf.batches), count=port.count), ("batches",))
    for i, p in enumerate(pf.projects):
        if p.batch is not None and p.batch not in numbers:
            yield problem(ds, "projects", "CQ161", say("{id!r} is in batch {batch}, which the batches list does not have", id=p.id, batch=p.batch), ("projects", i, "batch"))
