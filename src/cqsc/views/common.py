"""What every view shares: the portfolio as it stood on a day, the lifecycle order, sorting, labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from cqsc.model.errors import UsageError
from cqsc.model.options import Lang
from cqsc.model.records import (
    Project,
    ProjectsFile,
    Status,
    TasksFile,
    date_bounds,
)
from cqsc.queries.plans import PlanCheck
from cqsc.queries.status import happened_by
from cqsc.text.lang import code, join, province_label, subsector_label, t
from cqsc.text.lang import sector_label as sector_words
from cqsc.text.numbers import counted
from cqsc.views.model import Cell

T = TypeVar("T")

# One order for statuses everywhere (tables, counts, JSON, sorting): the lifecycle, then what stopped it,
# then unknown. OC4IDS's projectStatus code list runs the same way.
STATUS_ORDER: tuple[Status, ...] = (
    Status.identification, Status.preparation, Status.implementation, Status.completion, Status.maintenance,
    Status.decommissioning, Status.decommissioned, Status.suspended, Status.cancelled, Status.unknown,
)
STATUS_RANK = {s: i for i, s in enumerate(STATUS_ORDER)}


def ordered_counts(counts: dict[Status, int]) -> dict[Status, int]:
    """Status counts in the lifecycle order, without the zeros."""
    return {s: counts[s] for s in STATUS_ORDER if counts.get(s)}


# --- the data as it stood on a day ----------------------------------------------------------------


def _by(value: str | None, day: date) -> bool:
    return value is None or happened_by(value, day)


def project_at(p: Project, day: date | None) -> Project:
    """The project with every fact dated after ``day`` left out (undated facts stay, and are marked where shown)."""
    if day is None:
        return p
    return replace(
        p,
        figures=[f for f in p.figures if _by(f.as_of, day)],
        lengths=[ln for ln in p.lengths if _by(ln.as_of, day)],
        milestones=[m for m in p.milestones if happened_by(m.date, day)],
        plans=[pl for pl in p.plans if happened_by(pl.made, day)],
        last_checked=[c for c in p.last_checked if happened_by(c.date, day)],  # a search made later was not made yet
    )


def portfolio_at(pf: ProjectsFile, day: date | None) -> ProjectsFile:
    """The portfolio as it stood on ``day``: facts, reported groups and progress reports dated after it left out."""
    if day is None:
        return pf
    return replace(
        pf,
        projects=[project_at(p, day) for p in pf.projects],
        aggregates=[a for a in pf.aggregates if happened_by(a.as_of, day)],
        batches=[b for b in pf.batches if _by(b.as_of, day)],
        snapshots=[s for s in pf.snapshots if happened_by(s.as_of or s.reported or "1900", day)],
    )


def tasks_at(tf: TasksFile, day: date | None) -> TasksFile:
    if day is None:
        return tf
    return replace(tf, tasks=[replace(x, updates=[u for u in x.updates if happened_by(u.date, day)]) for x in tf.tasks])


def undated_figures(projects: Iterable[Project]) -> int:
    return sum(1 for p in projects for f in p.figures if f.as_of is None)


# --- sorting ----------------------------------------------------------------------------------------


class SortError(UsageError):
    """A --sort naming no column."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "--sort")


def sort_items(items: Sequence[T], spec: str | None, keys: dict[str, Callable[[T], Any]]) -> Sequence[T]:
    """``items`` sorted by the field ``spec`` names (``-field``: descending); unknowns (None) always last.

    Without ``spec``, ``items`` as they are: rows from the cache stay unbuilt until shown.
    """
    if not spec:
        return items
    name, reverse = (spec[1:], True) if spec.startswith("-") else (spec, False)
    if name not in keys:
        from cqsc.text.choices import suggest

        close = suggest(name, keys)
        raise SortError(f"cannot sort by {name!r}{'; did you mean ' + ' or '.join(close) + '?' if close else ''} (columns: {', '.join(keys)})")
    key = keys[name]
    known = [x for x in items if key(x) is not None]
    unknown = [x for x in items if key(x) is None]
    return sorted(known, key=key, reverse=reverse) + unknown


def date_key(value: str | None) -> tuple[date, date] | None:
    return date_bounds(value) if value else None


# --- labels -------------------------------------------------------------------------------------------


def sector_label(p: Project, lang: Lang) -> str:
    """A project's subsector (or sector) in words: cqsc's own vocabulary, in the catalogue's language."""
    return subsector_label(p.subsector, lang) if p.subsector else sector_words(p.sector, lang)


def where(p: Project, lang: Lang) -> Cell:
    if not p.locations:
        return Cell(t(lang, "not found"), tone="dim")
    return Cell(join(lang, [province_label(prov, lang) for prov in p.provinces]))


def status_cell(status: Status, since: str | None, lang: Lang, sep: str = "\n") -> Cell:
    text = code(lang, status.value) + (f"{sep}{since}" if since else "")
    return Cell(text, tone=status.value)


def plan_text(c: PlanCheck, lang: Lang = Lang.en) -> str:
    """A plan against the actual in words: what was due when (and for which section), what happened, the slip."""
    what = code(lang, c.plan.kind.value) + (t(lang, " of {section}", section=c.plan.section) if c.plan.section else "")
    said = t(lang, "due {due} (plan of {made})", due=c.plan.due, made=c.plan.made)
    slip = counted(c.slip_months or 0, "month", lang)
    if c.state == "met_late" and c.reached is not None:
        return t(lang, "{what}: {said}; reached {reached}, about {slip} late", what=what, said=said, reached=c.reached.date, slip=slip)
    if c.state == "met" and c.reached is not None:
        return t(lang, "{what}: {said}; reached {reached}, on time", what=what, said=said, reached=c.reached.date)
    if c.state == "late":
        return t(lang, "{what}: {said}; not reached, {slip} past due", what=what, said=said, slip=slip)
    return t(lang, "{what}: {said}; not yet due", what=what, said=said)
