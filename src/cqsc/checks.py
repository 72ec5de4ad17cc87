"""Named consistency rules over the loaded data, each a plain function returning problems.

Rules marked ``integrity`` guard every command: a report over broken references
or duplicate ids would be wrong, so no command runs past them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cqsc.loader import Dataset
from cqsc.models import SUBSECTOR_SECTOR, roman
from cqsc.problems import Problem, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    func: Callable[[Dataset], Iterable[Problem]]
    integrity: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.name)


RULES: list[Rule] = []


def rule(code: str, name: str, severity: Severity, summary: str, *, integrity: bool = False) -> Callable[..., Any]:
    def register(func: Callable[[Dataset], Iterable[Problem]]) -> Callable[[Dataset], Iterable[Problem]]:
        RULES.append(Rule(code, name, severity, summary, func, integrity))
        return func

    return register


def _problem(ds: Dataset, file: str, code: str, message: str, path: tuple[Any, ...], *, key: bool = False) -> Problem:
    r = next(r for r in RULES if r.code == code)
    return ds.files[file].problem(r.key, message, path, key=key, severity=r.severity)


def _duplicates(ds: Dataset, file: str, what: str, items: list[Any], attr: str, section: str) -> Iterator[Problem]:
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            yield _problem(ds, file, "CQ101", f"{what} {value!r} is used twice (first in entry {seen[value] + 1})", (section, i, attr))
        else:
            seen[value] = i


@rule("CQ101", "unique-ids", Severity.error, "Ids of sources, aggregates and projects, and numbers of areas and tasks, are unique.", integrity=True)
def unique_ids(ds: Dataset) -> Iterator[Problem]:
    if ds.projects:
        yield from _duplicates(ds, "projects", "source id", ds.projects.sources, "id", "sources")
        yield from _duplicates(ds, "projects", "aggregate id", ds.projects.aggregates, "id", "aggregates")
        yield from _duplicates(ds, "projects", "project id", ds.projects.projects, "id", "projects")
    if ds.tasks:
        yield from _duplicates(ds, "tasks", "source id", ds.tasks.sources, "id", "sources")
        yield from _duplicates(ds, "tasks", "area number", ds.tasks.areas, "number", "areas")
        yield from _duplicates(ds, "tasks", "task number", ds.tasks.tasks, "number", "tasks")


def _refs(ds: Dataset, file: str, known: set[str], refs: Iterable[tuple[tuple[Any, ...], list[str]]]) -> Iterator[Problem]:
    for path, ids in refs:
        for j, ref in enumerate(ids):
            if ref not in known:
                yield _problem(ds, file, "CQ102", f"source {ref!r} is not in this file's sources list", (*path, "sources", j))


@rule("CQ102", "source-refs", Severity.error, "Every source a record cites is listed in the file's sources.", integrity=True)
def source_refs(ds: Dataset) -> Iterator[Problem]:
    if ds.projects:
        pf = ds.projects
        known = {s.id for s in pf.sources}
        refs: list[tuple[tuple[Any, ...], list[str]]] = []
        refs += [(("aggregates", i), a.sources) for i, a in enumerate(pf.aggregates)]
        for i, p in enumerate(pf.projects):
            refs.append((("projects", i), p.sources))
            refs += [(("projects", i, "figures", j), f.sources) for j, f in enumerate(p.figures)]
        yield from _refs(ds, "projects", known, refs)
    if ds.tasks:
        tf = ds.tasks
        known = {s.id for s in tf.sources}
        trefs: list[tuple[tuple[Any, ...], list[str]]] = [(("plan",), tf.plan.sources)]
        trefs += [(("areas", i), a.sources) for i, a in enumerate(tf.areas)]
        trefs += [(("tasks", i), t.sources) for i, t in enumerate(tf.tasks)]
        yield from _refs(ds, "tasks", known, trefs)


@rule("CQ103", "subsector-in-sector", Severity.error, "A project's or aggregate's subsector belongs to its sector.", integrity=True)
def subsector_in_sector(ds: Dataset) -> Iterator[Problem]:
    if not ds.projects:
        return
    for section, records in (("aggregates", ds.projects.aggregates), ("projects", ds.projects.projects)):
        for i, rec in enumerate(records):
            if rec.subsector is None:
                continue
            parent = SUBSECTOR_SECTOR[rec.subsector]
            if rec.sector != parent:
                yield _problem(
                    ds, "projects", "CQ103", f"subsector {rec.subsector.value!r} belongs to sector {parent.value!r}, not {rec.sector!s}", (section, i, "subsector")
                )


@rule("CQ104", "task-area", Severity.error, "Every task is in an existing area; an area's roman numeral matches its number.", integrity=True)
def task_area(ds: Dataset) -> Iterator[Problem]:
    if not ds.tasks:
        return
    numbers = {a.number for a in ds.tasks.areas}
    for i, a in enumerate(ds.tasks.areas):
        if a.roman != roman(a.number):
            yield _problem(ds, "tasks", "CQ104", f"area {a.number} is numbered {roman(a.number)}, not {a.roman}", ("areas", i, "roman"))
    for i, t in enumerate(ds.tasks.tasks):
        if t.area not in numbers:
            yield _problem(ds, "tasks", "CQ104", f"task {t.number} is in area {t.area}, which is not in the areas list", ("tasks", i, "area"))


def run(ds: Dataset, rules: Iterable[Rule] | None = None) -> list[Problem]:
    """Run rules (all by default) and return their problems, sorted by file and line."""
    problems: list[Problem] = []
    for r in RULES if rules is None else rules:
        problems.extend(r.func(ds))
    return sorted(problems, key=Problem.sort_key)


def integrity_rules() -> list[Rule]:
    return [r for r in RULES if r.integrity]


def counts(problems: Iterable[Problem]) -> Counter[Severity]:
    return Counter(p.severity for p in problems)

