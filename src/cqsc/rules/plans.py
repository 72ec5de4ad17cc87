"""Rules on plans and batches (CQ160-CQ161).

A plan commits to a stage a milestone can reach and is due no earlier than the year it was made; batches
add up to the portfolio.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cqsc import queries
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Problem, Severity
from cqsc.model.records import PLAN_RANK, date_bounds
from cqsc.rules.figures import tolerance
from cqsc.rules.registry import Context, plural, problem, rule


@rule("CQ160", "plan-stage", Severity.error, "A plan commits to a stage a milestone can reach (a start, an opening, a completion), due no earlier than it was made's year.")
def plan_stage(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    stages = ", ".join(k.value for k in PLAN_RANK)
    for i, p in enumerate(ds.projects.projects):
        for j, pl in enumerate(p.plans):
            if pl.kind not in PLAN_RANK:
                yield problem(ds, "projects", "CQ160", f"{p.id!r}: a plan for {pl.kind.value} is not a stage; use one of {stages}", ("projects", i, "plans", j, "kind"))
            elif date_bounds(pl.due)[1] < date_bounds(pl.made)[0].replace(month=1, day=1):
                yield problem(ds, "projects", "CQ160", f"{p.id!r}: the plan made {pl.made} is due {pl.due}, before the year it was made", ("projects", i, "plans", j, "due"))


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
            yield problem(ds, "projects", "CQ161", f"batch {b.number} is listed twice", ("batches", i, "number"))
        if members[b.number] > b.count:
            yield problem(ds, "projects", "CQ161", f"batch {b.number} counts {plural(b.count, 'project')}, but {members[b.number]} records name it", ("batches", i, "count"))
        if port and port.amount is not None and b.amount is not None and b.amount > port.amount + tolerance((port.amount, port.about)):
            yield problem(ds, "projects", "CQ161", f"batch {b.number}'s amount {b.amount} is more than the portfolio's {port.amount}", ("batches", i, "amount"))
    if port and sum(b.count for b in pf.batches) != port.count:
        total = " + ".join(str(b.count) for b in pf.batches)
        yield problem(ds, "projects", "CQ161", f"the batches count {total} = {sum(b.count for b in pf.batches)}, but the portfolio has {port.count}", ("batches",))
    for i, p in enumerate(pf.projects):
        if p.batch is not None and p.batch not in numbers:
            yield problem(ds, "projects", "CQ161", f"{p.id!r} is in batch {p.batch}, which the batches list does not have", ("projects", i, "batch"))
