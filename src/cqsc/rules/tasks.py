"""Rules on the plan's tasks (CQ130-CQ131): numbered without gaps in area order, each area full."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from cqsc.model.dataset import Dataset
from cqsc.model.problems import Count, Problem, Severity
from cqsc.model.records import roman
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say


@rule("CQ130", "task-numbering", Severity.error, "Tasks are numbered 1 to the plan's stated count without gaps, in area order; the plan's area count matches.", whole=True)
def task_numbering(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.tasks:
        return
    tf = ds.tasks
    numbers = [t.number for t in tf.tasks]
    expected = list(range(1, tf.plan.tasks + 1))
    missing = sorted(set(expected) - set(numbers))
    extra = sorted(set(numbers) - set(expected))
    if missing:
        template = "task {numbers} is missing; the plan has tasks 1-{total}" if len(missing) == 1 else "tasks {numbers} are missing; the plan has tasks 1-{total}"
        yield problem(ds, "tasks", "CQ130", say(template, numbers=_ranges(missing), total=tf.plan.tasks), ("tasks",))
    for i, t in enumerate(tf.tasks):
        if t.number in extra:
            yield problem(ds, "tasks", "CQ130", say("task {number} is beyond the plan's {total} tasks", number=t.number, total=tf.plan.tasks), ("tasks", i, "number"))
    for i, (a, b) in enumerate(pairwise(tf.tasks), start=1):
        if b.area < a.area:
            yield problem(ds, "tasks", "CQ130", say("task {number} (area {area}) follows task {previous} (area {previous_area}); areas run in order", number=b.number, area=roman(b.area), previous=a.number, previous_area=roman(a.area)), ("tasks", i, "area"))
    if len(tf.areas) != tf.plan.areas:
        yield problem(ds, "tasks", "CQ130", say("the plan states {stated} areas, but {listed} are listed", stated=tf.plan.areas, listed=len(tf.areas)), ("plan", "areas"))


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for n, nxt in zip(numbers, [*numbers[1:], None], strict=True):
        start = n if start is None else start
        if nxt != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)


@rule("CQ131", "area-task-count", Severity.error, "Each area holds as many tasks as the plan lists for it.", whole=True)
def area_task_count(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.tasks:
        return
    per_area = Counter(t.area for t in ds.tasks.tasks)
    for i, a in enumerate(ds.tasks.areas):
        n = per_area[a.number]
        if n != a.tasks:
            template = "area {roman} lists {tasks}, but {n} is in it" if n == 1 else "area {roman} lists {tasks}, but {n} are in it"
            yield problem(ds, "tasks", "CQ131", say(template, roman=a.roman, tasks=Count(a.tasks, "task"), n=n), ("areas", i, "tasks"))
