"""The key tasks: selection by area and status, and a task's latest reported status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cqsc.model.records import (
    Task,
    TasksFile,
    TaskStatus,
    date_bounds,
    roman,
)
from cqsc.queries.selection import fold
from cqsc.queries.status import happened_by


def task_status(task: Task, as_of: date | None = None) -> tuple[TaskStatus, str | None]:
    """The latest dated update's status, or unknown: never a guessed "in progress"."""
    updates = sorted((u for u in task.updates if happened_by(u.date, as_of)), key=lambda u: date_bounds(u.date))
    if not updates:
        return TaskStatus.unknown, None
    return updates[-1].status, updates[-1].date


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
