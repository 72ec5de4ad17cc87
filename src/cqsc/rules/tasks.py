"""Rules on the plan's tasks (CQ130-CQ131): numbered without gaps in area order, each area full."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from cqsc.model.dataset import Dataset
from cqsc.model.problems import Problem, Severity
from cqsc.model.records import roman
from cqsc.rules.registry import Context, plural, problem, rule


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
        yield problem(ds, "tasks", "CQ130", f"{'task' if len(missing) == 1 else 'tasks'} {_ranges(missing)} {'is' if len(missing) == 1 else 'are'} missing; the plan has tasks 1-{tf.plan.tasks}", ("tasks",))
    for i, t in enumerate(tf.tasks):
        if t.number in extra:
            yield problem(ds, "tasks", "CQ130", f"task {t.number} is beyond the plan's {tf.plan.tasks} tasks", ("tasks", i, "number"))
    for i, (a, b) in enumerate(pairwise(tf.tasks), start=1):
        if b.area < a.area:
            yield problem(ds, "tasks", "CQ130", f"task {b.number} (area {roman(b.area)}) follows task {a.number} (area {roman(a.area)}); areas run in order", ("tasks", i, "area"))
    if len(tf.areas) != tf.plan.areas:
        yield problem(ds, "tasks", "CQ130", f"the plan states {tf.plan.areas} areas, but {len(tf.areas)} are listed", ("plan", "areas"))


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
        if per_area[a.number] != a.tasks:
            yield problem(ds, "tasks", "CQ131", f"area {a.roman} lists {plural(a.tasks, 'task')}, but {per_area[a.number]} {'is' if per_area[a.number] == 1 else 'are'} in it", ("areas", i, "tasks"))
