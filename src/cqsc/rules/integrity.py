"""Integrity rules (CQ101-CQ104): unique ids, one source register, references that resolve,
subsectors in their sector, tasks in their areas.

Every command runs them first: no report is made over broken references or duplicate ids. The source
register's helpers (source_lists, all_loaded) serve unknowns.py as well.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Problem, Severity
from cqsc.model.records import SUBSECTOR_SECTOR, Aggregate, Project, roman
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say


def _duplicates(ds: Dataset, file: str, template: str, items: list[Any], attr: str, section: str) -> Iterator[Problem]:
    """``template``: the message, one per kind of id (its words differ in Chinese), with {value!r} and {entry}."""
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            yield problem(ds, file, "CQ101", say(template, value=value, entry=seen[value] + 1), (section, i, attr))
        else:
            seen[value] = i


@rule("CQ101", "unique-ids", Severity.error, "Ids of aggregates and projects and numbers of areas and tasks are unique; each source id and address is listed once across the files.", integrity=True)
def unique_ids(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    yield from _shared_sources(ds)
    if ds.projects:
        yield from _duplicates(ds, "projects", "aggregate id {value!r} is used twice (first in entry {entry})", ds.projects.aggregates, "id", "aggregates")
        yield from _duplicates(ds, "projects", "project id {value!r} is used twice (first in entry {entry})", ds.projects.projects, "id", "projects")
    if ds.tasks:
        yield from _duplicates(ds, "tasks", "area number {value!r} is used twice (first in entry {entry})", ds.tasks.areas, "number", "areas")
        yield from _duplicates(ds, "tasks", "task number {value!r} is used twice (first in entry {entry})", ds.tasks.tasks, "number", "tasks")
    if ds.annual:
        yield from _duplicates(ds, "annual", "list year {value!r} is used twice (first in entry {entry})", ds.annual.lists, "year", "lists")


SOURCE_FILES = ("projects", "tasks", "annual")


def source_lists(ds: Dataset) -> Iterator[tuple[str, list[Any]]]:
    for file in SOURCE_FILES:
        part = getattr(ds, file)
        if part is not None:
            yield file, part.sources


def all_loaded(ds: Dataset) -> bool:
    """Whether every data file present loaded: the source register spans them all."""
    return all(getattr(ds, name) is not None for name in ds.files)


def _shared_sources(ds: Dataset) -> Iterator[Problem]:
    """Sources are one register across the files: each id and each address listed once, in any file."""
    seen_id: dict[str, str] = {}
    seen_url: dict[str, tuple[str, str]] = {}
    for file, sources in source_lists(ds):
        for i, src in enumerate(sources):
            if src.id in seen_id:
                yield problem(ds, file, "CQ101", say("source id {id!r} is listed twice (first in {file}.yaml); cite the one record", id=src.id, file=seen_id[src.id]), ("sources", i, "id"))
            else:
                seen_id[src.id] = file
            if src.url in seen_url:
                first_file, first_id = seen_url[src.url]
                yield problem(ds, file, "CQ101", say("the address of {id!r} is listed already as {first!r} ({file}.yaml); one record per address", id=src.id, first=first_id, file=first_file), ("sources", i, "url"))
            else:
                seen_url[src.url] = (file, src.id)


@rule("CQ102", "source-refs", Severity.error, "Every source a record cites is listed in the sources of one of the data files (one register).", integrity=True, whole=True)
def source_refs(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not all_loaded(ds):  # a reference may point into the file that did not load
        return
    register = {src.id for _, sources in source_lists(ds) for src in sources}
    if walk.cited_sources(ds) <= register:  # the quick walk; the full one only to say where
        return
    for c in walk.dataset_citations(ds):
        if c.source not in register:
            yield problem(ds, c.file, "CQ102", say("source {id!r} is in no file's sources list", id=c.source), c.where)


@rule("CQ103", "subsector-in-sector", Severity.error, "A project's or aggregate's subsector belongs to its sector.", integrity=True)
def subsector_in_sector(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    sections: tuple[tuple[str, Sequence[Aggregate | Project]], ...] = (("aggregates", ds.projects.aggregates), ("projects", ds.projects.projects))
    for section, records in sections:
        for i, rec in enumerate(records):
            if rec.subsector is None:
                continue
            parent = SUBSECTOR_SECTOR[rec.subsector]
            if rec.sector != parent:
                yield problem(
                    ds, "projects", "CQ103", say("subsector {subsector!r} belongs to sector {parent!r}, not {sector}", subsector=rec.subsector.value, parent=parent.value, sector=str(rec.sector)), (section, i, "subsector")
                )


@rule("CQ104", "task-area", Severity.error, "Every task is in an existing area; an area's roman numeral matches its number.", integrity=True, whole=True)
def task_area(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.tasks:
        return
    numbers = {a.number for a in ds.tasks.areas}
    for i, a in enumerate(ds.tasks.areas):
        if a.roman != roman(a.number):
            yield problem(ds, "tasks", "CQ104", say("area {number} is numbered {expected}, not {roman}", number=a.number, expected=roman(a.number), roman=a.roman), ("areas", i, "roman"))
    for i, t in enumerate(ds.tasks.tasks):
        if t.area not in numbers:
            yield problem(ds, "tasks", "CQ104", say("task {number} is in area {area}, which is not in the areas list", number=t.number, area=t.area), ("tasks", i, "area"))
