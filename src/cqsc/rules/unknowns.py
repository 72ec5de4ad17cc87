"""Rules on what is not known (CQ140-CQ142): unidentified projects, groups with no amount, uncited sources."""

from __future__ import annotations

from collections.abc import Iterator

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Count, Problem, Severity
from cqsc.rules.integrity import all_loaded, source_lists
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say


@rule("CQ140", "unidentified-project", Severity.warning, "A project no source names (kept as an explicit unidentified record).")
def unidentified_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        if not p.identified:
            yield problem(ds, "projects", "CQ140", say("project {id!r} ({sector}) is not yet identified", id=p.id, sector=p.sector.value), ("projects", i, "identified"))


@rule("CQ141", "amount-not-reported", Severity.warning, "A reported group has a count but no amount.")
def amount_not_reported(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, a in enumerate(ds.projects.aggregates):
        if a.amount is None:
            yield problem(ds, "projects", "CQ141", say("aggregate {id!r} ({projects}) has no reported amount", id=a.id, projects=Count(a.count, "project")), ("aggregates", i, "id"))


@rule("CQ142", "unused-source", Severity.warning, "A listed source is cited by nothing.", whole=True)
def unused_source(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not all_loaded(ds):  # the citation may be in the file that did not load
        return
    cited = walk.cited_sources(ds)
    for file, sources in source_lists(ds):
        for i, src in enumerate(sources):
            if src.id not in cited:
                yield problem(ds, file, "CQ142", say("source {id!r} is not cited", id=src.id), ("sources", i, "id"))
