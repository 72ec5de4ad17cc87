"""Named consistency rules over the loaded data, each a plain function returning problems.

Rules marked ``integrity`` guard every command: a report over broken references
or duplicate ids would be wrong, so no command runs past them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from cqsc import queries
from cqsc.model import walk
from cqsc.model.dataset import Dataset

# The day dates are judged against is the data's own, Beijing's: model/dates.py's today, re-exported here.
from cqsc.model.dates import DATA_TZ as DATA_TZ
from cqsc.model.dates import months_between
from cqsc.model.dates import today as today
from cqsc.model.options import Lang
from cqsc.model.problems import Problem, Severity
from cqsc.model.records import (
    MILESTONE_PHASE,
    PLAN_RANK,
    SUBSECTOR_SECTOR,
    Aggregate,
    Basis,
    LastChecked,
    Milestone,
    Project,
    Scope,
    Status,
    date_bounds,
    roman,
)
from cqsc.rules.codes import LOADING_RULES
from cqsc.text.lang import t as _t


@dataclass
class Context:
    """What rules may need besides the data: the day to judge dates against, thresholds, shared indexes."""

    today: date
    stale_months: int = 24
    _groups: queries.GroupIndex | None = None

    def groups(self, ds: Dataset) -> queries.GroupIndex:
        """Projects by group, built once per run for all the rules that ask."""
        if self._groups is None:
            self._groups = queries.group_index(ds.projects.projects if ds.projects else [])
        return self._groups


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    func: Callable[[Dataset, Context], Iterable[Problem]]
    integrity: bool = False
    # Compares records across a file (counts, sums, references): on a partly loaded file it would
    # blame the records that did load for the ones that did not, so it waits for a clean load.
    whole: bool = False
    # Depends on the day (--as-of) or a threshold as well as the data: never answered from the cache.
    day: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.name)


RULES: list[Rule] = []


def rule(code: str, name: str, severity: Severity, summary: str, *, integrity: bool = False, whole: bool = False, day: bool = False) -> Callable[..., Any]:
    def register(func: Callable[[Dataset, Context], Iterable[Problem]]) -> Callable[[Dataset, Context], Iterable[Problem]]:
        RULES.append(Rule(code, name, severity, summary, func, integrity, whole, day))
        return func

    return register


def _problem(ds: Dataset, file: str, code: str, message: str, path: tuple[Any, ...], *, key: bool = False) -> Problem:
    r = next(r for r in RULES if r.code == code)
    return ds.files[file].problem(r.key, message, path, key=key, severity=r.severity)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _duplicates(ds: Dataset, file: str, what: str, items: list[Any], attr: str, section: str) -> Iterator[Problem]:
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            yield _problem(ds, file, "CQ101", f"{what} {value!r} is used twice (first in entry {seen[value] + 1})", (section, i, attr))
        else:
            seen[value] = i


@rule("CQ101", "unique-ids", Severity.error, "Ids of aggregates and projects and numbers of areas and tasks are unique; each source id and address is listed once across the files.", integrity=True)
def unique_ids(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    yield from _shared_sources(ds)
    if ds.projects:
        yield from _duplicates(ds, "projects", "aggregate id", ds.projects.aggregates, "id", "aggregates")
        yield from _duplicates(ds, "projects", "project id", ds.projects.projects, "id", "projects")
    if ds.tasks:
        yield from _duplicates(ds, "tasks", "area number", ds.tasks.areas, "number", "areas")
        yield from _duplicates(ds, "tasks", "task number", ds.tasks.tasks, "number", "tasks")
    if ds.annual:
        yield from _duplicates(ds, "annual", "list year", ds.annual.lists, "year", "lists")


SOURCE_FILES = ("projects", "tasks", "annual")


def _source_lists(ds: Dataset) -> Iterator[tuple[str, list[Any]]]:
    for file in SOURCE_FILES:
        part = getattr(ds, file)
        if part is not None:
            yield file, part.sources


def _all_loaded(ds: Dataset) -> bool:
    """Whether every data file present loaded: the source register spans them all."""
    return all(getattr(ds, name) is not None for name in ds.files)


def _shared_sources(ds: Dataset) -> Iterator[Problem]:
    """Sources are one register across the files: each id and each address listed once, in any file."""
    seen_id: dict[str, str] = {}
    seen_url: dict[str, tuple[str, str]] = {}
    for file, sources in _source_lists(ds):
        for i, src in enumerate(sources):
            if src.id in seen_id:
                yield _problem(ds, file, "CQ101", f"source id {src.id!r} is listed twice (first in {seen_id[src.id]}.yaml); cite the one record", ("sources", i, "id"))
            else:
                seen_id[src.id] = file
            if src.url in seen_url:
                first_file, first_id = seen_url[src.url]
                yield _problem(ds, file, "CQ101", f"the address of {src.id!r} is listed already as {first_id!r} ({first_file}.yaml); one record per address", ("sources", i, "url"))
            else:
                seen_url[src.url] = (file, src.id)


@rule("CQ102", "source-refs", Severity.error, "Every source a record cites is listed in the sources of one of the data files (one register).", integrity=True, whole=True)
def source_refs(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not _all_loaded(ds):  # a reference may point into the file that did not load
        return
    register = {src.id for _, sources in _source_lists(ds) for src in sources}
    if walk.cited_sources(ds) <= register:  # the quick walk; the full one only to say where
        return
    for c in walk.dataset_citations(ds):
        if c.source not in register:
            yield _problem(ds, c.file, "CQ102", f"source {c.source!r} is in no file's sources list", c.where)


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
                yield _problem(
                    ds, "projects", "CQ103", f"subsector {rec.subsector.value!r} belongs to sector {parent.value!r}, not {rec.sector!s}", (section, i, "subsector")
                )


@rule("CQ104", "task-area", Severity.error, "Every task is in an existing area; an area's roman numeral matches its number.", integrity=True, whole=True)
def task_area(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.tasks:
        return
    numbers = {a.number for a in ds.tasks.areas}
    for i, a in enumerate(ds.tasks.areas):
        if a.roman != roman(a.number):
            yield _problem(ds, "tasks", "CQ104", f"area {a.number} is numbered {roman(a.number)}, not {a.roman}", ("areas", i, "roman"))
    for i, t in enumerate(ds.tasks.tasks):
        if t.area not in numbers:
            yield _problem(ds, "tasks", "CQ104", f"task {t.number} is in area {t.area}, which is not in the areas list", ("tasks", i, "area"))


# --- reconciliation of the reported aggregates ------------------------------------


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
            yield _problem(ds, "projects", "CQ110", f"aggregate {agg.id!r} reports {_n(agg.count, 'project')}, but {_n(records, 'project record')} fall in its group", ("aggregates", i, "count"))
        kids = queries.children(agg, pf.aggregates)
        if kids and sum(k.count for k in kids) > agg.count:
            listed = " + ".join(f"{k.count} ({k.id})" for k in kids)
            yield _problem(ds, "projects", "CQ110", f"subgroups of {agg.id!r} count {listed} = {sum(k.count for k in kids)}, more than its {agg.count}", ("aggregates", i, "count"))


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
            yield _problem(ds, "projects", "CQ111", f"subgroups of {agg.id!r} add up to {terms} = {total}, but it reports {'about ' if agg.about else ''}{agg.amount} (allowed difference {tol})", ("aggregates", i, "amount"))
        elif not whole and total > agg.amount + tol:
            yield _problem(ds, "projects", "CQ111", f"the subgroups of {agg.id!r} that report an amount already add up to {total}, more than its {agg.amount}", ("aggregates", i, "amount"))


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
            yield _problem(ds, "projects", "CQ112", f"2020-list figures of projects in {agg.id!r} add up to {total}, more than the group's reported {agg.amount}", ("aggregates", i, "amount"))


@rule("CQ113", "one-list-figure", Severity.error, "A project has at most one figure of the 2020 list's own basis for the listed item, so nothing is counted twice.")
def one_list_figure(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        hits = [j for j, f in enumerate(p.figures) if f.basis is Basis.list_2020 and f.scope is Scope.listed_item]
        for j in hits[1:]:
            yield _problem(ds, "projects", "CQ113", f"project {p.id!r} has a second 2020-list figure for the listed item; keep one", ("projects", i, "figures", j, "basis"))


# --- dates -----------------------------------------------------------------------


def _dates(ds: Dataset) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Every date of a fact, with where it is: a plan's due date lies ahead by design and is left out."""
    for d in walk.dates(walk.dataset_nodes(ds)):
        if not d.ahead:
            yield d.file, d.path, d.value


@rule("CQ120", "future-date", Severity.error, "No date lies in the future.", day=True)
def future_date(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if all(date_bounds(value)[0] <= ctx.today for value in walk.date_values(ds)):  # the quick walk first
        return
    for file, path, value in _dates(ds):
        if date_bounds(value)[0] > ctx.today:
            yield _problem(ds, file, "CQ120", f"date {value} is in the future (today is {ctx.today.isoformat()})", path)


@rule("CQ121", "figure-undated", Severity.warning, "A figure has no as-of date (the page does not give one).")
def figure_undated(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        for j, f in enumerate(p.figures):
            if f.as_of is None:
                yield _problem(ds, "projects", "CQ121", f"figure {f.amount} of {p.id!r} has no as-of date", ("projects", i, "figures", j, "amount"))


# --- tasks -----------------------------------------------------------------------


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
        yield _problem(ds, "tasks", "CQ130", f"{'task' if len(missing) == 1 else 'tasks'} {_ranges(missing)} {'is' if len(missing) == 1 else 'are'} missing; the plan has tasks 1-{tf.plan.tasks}", ("tasks",))
    for i, t in enumerate(tf.tasks):
        if t.number in extra:
            yield _problem(ds, "tasks", "CQ130", f"task {t.number} is beyond the plan's {tf.plan.tasks} tasks", ("tasks", i, "number"))
    for i, (a, b) in enumerate(pairwise(tf.tasks), start=1):
        if b.area < a.area:
            yield _problem(ds, "tasks", "CQ130", f"task {b.number} (area {roman(b.area)}) follows task {a.number} (area {roman(a.area)}); areas run in order", ("tasks", i, "area"))
    if len(tf.areas) != tf.plan.areas:
        yield _problem(ds, "tasks", "CQ130", f"the plan states {tf.plan.areas} areas, but {len(tf.areas)} are listed", ("plan", "areas"))


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
            yield _problem(ds, "tasks", "CQ131", f"area {a.roman} lists {_n(a.tasks, 'task')}, but {per_area[a.number]} {'is' if per_area[a.number] == 1 else 'are'} in it", ("areas", i, "tasks"))


# --- what is not known -----------------------------------------------------------


@rule("CQ140", "unidentified-project", Severity.warning, "A project no source names (kept as an explicit unidentified record).")
def unidentified_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        if not p.identified:
            yield _problem(ds, "projects", "CQ140", f"project {p.id!r} ({p.sector.value}) is not yet identified", ("projects", i, "identified"))


@rule("CQ141", "amount-not-reported", Severity.warning, "A reported group has a count but no amount.")
def amount_not_reported(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, a in enumerate(ds.projects.aggregates):
        if a.amount is None:
            yield _problem(ds, "projects", "CQ141", f"aggregate {a.id!r} ({_n(a.count, 'project')}) has no reported amount", ("aggregates", i, "id"))


@rule("CQ142", "unused-source", Severity.warning, "A listed source is cited by nothing.", whole=True)
def unused_source(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not _all_loaded(ds):  # the citation may be in the file that did not load
        return
    cited = walk.cited_sources(ds)
    for file, sources in _source_lists(ds):
        for i, src in enumerate(sources):
            if src.id not in cited:
                yield _problem(ds, file, "CQ142", f"source {src.id!r} is not cited", ("sources", i, "id"))


# --- progress over time ----------------------------------------------------------


@rule("CQ150", "milestone-order", Severity.error, "A project's approval comes before its construction start, and that before its opening or completion (per section).")
def milestone_order(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        by_section: dict[str | None, list[tuple[int, Milestone, int]]] = {}
        for j, m in enumerate(p.milestones):
            if m.kind in MILESTONE_PHASE:
                by_section.setdefault(m.section, []).append((MILESTONE_PHASE[m.kind], m, j))
        for items in by_section.values():
            for phase, m, j in items:
                for other_phase, other, _ in items:
                    # out of order only when certain: the later stage ends before the earlier one can begin
                    if other_phase < phase and date_bounds(m.date)[1] < date_bounds(other.date)[0]:
                        yield _problem(
                            ds, "projects", "CQ150",
                            f"{p.id!r}: {m.kind.value} on {m.date} comes before {other.kind.value} on {other.date}",
                            ("projects", i, "milestones", j, "date"),
                        )


def _ordered(points: list[tuple[int, str, Decimal | int | None]]) -> Iterator[tuple[int, int, str, str]]:
    """Pairs of dated values that go down over time: (index, earlier index, value, earlier value)."""
    dated = sorted((date_bounds(d)[1], i, v) for i, d, v in points if v is not None)
    for (_, i0, v0), (_, i1, v1) in pairwise(dated):
        if v1 < v0:
            yield i1, i0, str(v1), str(v0)


@rule("CQ151", "snapshot-consistency", Severity.error, "Portfolio snapshots: started within the portfolio's count, and started and investment never decreasing over time.", whole=True)
def snapshot_consistency(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    pf = ds.projects
    aggs = {a.id: a for a in pf.aggregates}
    port = queries.portfolio_aggregate(pf)
    for i, snap in enumerate(pf.snapshots):
        if port and snap.started is not None and snap.started > port.count:
            yield _problem(ds, "projects", "CQ151", f"{snap.started} projects started, more than the portfolio's {port.count}", ("snapshots", i, "started"))
        for j, g in enumerate(snap.groups):
            agg = aggs.get(g.aggregate)
            if agg is None:
                yield _problem(ds, "projects", "CQ151", f"aggregate {g.aggregate!r} is not in the aggregates list", ("snapshots", i, "groups", j, "aggregate"))
            elif g.started is not None and g.started > agg.count:
                yield _problem(ds, "projects", "CQ151", f"{g.started} started in {agg.id!r}, more than its {agg.count} projects", ("snapshots", i, "groups", j, "started"))
        parts = [g.invested for g in snap.groups if g.invested is not None]
        if snap.invested is not None and sum(parts, Decimal(0)) > snap.invested:
            yield _problem(ds, "projects", "CQ151", f"the groups' investment adds up to {sum(parts, Decimal(0))}, more than the total {snap.invested}", ("snapshots", i, "invested"))
    dated = [(i, s.as_of, None) for i, s in enumerate(pf.snapshots) if s.as_of]
    for key in ("started", "invested"):
        points = [(i, d, getattr(pf.snapshots[i], key)) for i, d, _ in dated]
        for i, i0, v, v0 in _ordered(points):
            yield _problem(ds, "projects", "CQ151", f"{key} went down from {v0} (as of {pf.snapshots[i0].as_of}) to {v}", ("snapshots", i, key))


@rule("CQ152", "annual-progress", Severity.error, "Annual-list progress: started within the list's count, figures never decreasing within a year, every point's year listed.", whole=True)
def annual_progress(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.annual:
        return
    af = ds.annual
    lists = {l.year: l for l in af.lists}
    for i, pt in enumerate(af.progress):
        listing = lists.get(pt.list_year)
        if listing is None:
            yield _problem(ds, "annual", "CQ152", f"no list for year {pt.list_year}", ("progress", i, "list_year"))
        elif listing.projects is not None and pt.started is not None and pt.started > listing.projects:
            yield _problem(ds, "annual", "CQ152", f"{pt.started} started, more than the {listing.projects} projects on the {pt.list_year} list", ("progress", i, "started"))
    for year in lists:
        idx = [i for i, pt in enumerate(af.progress) if pt.list_year == year and pt.period == "year_to_date"]
        for key in ("started", "cumulative", "year_to_date"):
            for i, i0, v, v0 in _ordered([(i, af.progress[i].as_of, getattr(af.progress[i], key)) for i in idx]):
                yield _problem(ds, "annual", "CQ152", f"{key} of the {year} list went down from {v0} (as of {af.progress[i0].as_of}) to {v}", ("progress", i, key))


@rule("CQ153", "stale-project", Severity.warning, "A project not yet complete with no dated fact for a long time (--stale-months, default 24).", day=True)
def stale_project(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    for i, p in enumerate(ds.projects.projects):
        if not p.identified or queries.project_status(p, ctx.today).status in (Status.completion, Status.cancelled):
            continue
        latest = queries.latest_fact(p, ctx.today)  # as of the day: a fact dated later is not yet news
        looked = searched(last_looked(p, ctx.today, latest))
        if latest is None:
            none = "at all" if queries.latest_fact(p) is None else f"up to {ctx.today.isoformat()}"
            yield _problem(ds, "projects", "CQ153", _stale_message(p.id, None, 0, looked, none), ("projects", i, "id"))
            continue
        months = months_between(date_bounds(latest)[1], ctx.today)
        if months >= ctx.stale_months:
            yield _problem(ds, "projects", "CQ153", _stale_message(p.id, latest, months, looked), ("projects", i, "id"))


def last_looked(p: Project, day: date, latest: str | None) -> LastChecked | None:
    """The latest search for news of ``p`` made by ``day``, on or after the day its latest fact (``latest``) is certain by.

    A search made before that fact is no answer to whether there is news since it; one made after ``day``
    had not been made yet that day, as a fact dated later was not yet news.
    """
    after = date_bounds(latest)[1] if latest else date.min
    found = [c for c in p.last_checked if after <= date_bounds(c.date)[0] <= day]
    return max(reversed(found), key=lambda c: c.date, default=None)  # of two on one day, the one listed last


def searched(c: LastChecked | None) -> tuple[str, int] | None:
    """A search as its day and how many queries it made: what CQ153 and `progress` say of it."""
    return None if c is None else (c.date, len(c.queries))


def looked_for(looked: tuple[str, int] | None, *, since: bool = True, lang: Lang = Lang.en) -> str:
    """The words for the last search for news: CQ153's message and `progress` say it the same way.

    "last looked for on DAY (N queries)"; else "not looked for since" (the latest fact) or, with no fact
    at all (``since`` False), "not looked for".
    """
    if looked is None:
        return _t(lang, "not looked for since") if since else _t(lang, "not looked for")
    day, n = looked
    if n == 1:
        return _t(lang, "last looked for on {day} ({n} query)", day=day, n=n)
    return _t(lang, "last looked for on {day} ({n} queries)", day=day, n=n)


def _stale_message(pid: str, latest: str | None, months: int, looked: tuple[str, int] | None, none: str = "at all") -> str:
    if latest is None:
        return f"{pid!r} has no dated fact {none}; {looked_for(looked, since=False)}"
    return f"{pid!r}: no dated fact since {latest} ({months} months); {looked_for(looked)}"


# --- text that would mislead a reader ----------------------------------------------

# Characters that change how text shows without being seen: C0/C1 controls, the line and paragraph
# separators, bidi overrides and isolates, zero-width and invisible formatting characters. Every output
# escapes them anyway (escape.py, the one list); this rule tells the maintainer they are in the data.
from cqsc.text.escape import INVISIBLE as _INVISIBLE  # beside the rule that reads it


def _texts(ds: Dataset) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Every name, title, label and note, with where it is."""
    for x in walk.texts(walk.dataset_nodes(ds)):
        yield x.file, x.path, x.value


@rule("CQ143", "invisible-characters", Severity.warning, "A name, title, label or note holds control, bidirectional or zero-width characters (shown escaped).")
def invisible_characters(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not any(_INVISIBLE.search(text) for text in walk.text_values(ds)):  # the quick walk first
        return
    for file, path, text in _texts(ds):
        found = sorted({f"U+{ord(c):04X}" for c in _INVISIBLE.findall(text)})
        if found:
            yield _problem(ds, file, "CQ143", f"{'.'.join(str(x) for x in path[-1:])} holds {', '.join(found)}, which change how the text shows without being seen", path)


# --- plans and batches -------------------------------------------------------------


@rule("CQ160", "plan-stage", Severity.error, "A plan commits to a stage a milestone can reach (a start, an opening, a completion), due no earlier than it was made's year.")
def plan_stage(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    stages = ", ".join(k.value for k in PLAN_RANK)
    for i, p in enumerate(ds.projects.projects):
        for j, pl in enumerate(p.plans):
            if pl.kind not in PLAN_RANK:
                yield _problem(ds, "projects", "CQ160", f"{p.id!r}: a plan for {pl.kind.value} is not a stage; use one of {stages}", ("projects", i, "plans", j, "kind"))
            elif date_bounds(pl.due)[1] < date_bounds(pl.made)[0].replace(month=1, day=1):
                yield _problem(ds, "projects", "CQ160", f"{p.id!r}: the plan made {pl.made} is due {pl.due}, before the year it was made", ("projects", i, "plans", j, "due"))


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
            yield _problem(ds, "projects", "CQ161", f"batch {b.number} is listed twice", ("batches", i, "number"))
        if members[b.number] > b.count:
            yield _problem(ds, "projects", "CQ161", f"batch {b.number} counts {_n(b.count, 'project')}, but {members[b.number]} records name it", ("batches", i, "count"))
        if port and port.amount is not None and b.amount is not None and b.amount > port.amount + tolerance((port.amount, port.about)):
            yield _problem(ds, "projects", "CQ161", f"batch {b.number}'s amount {b.amount} is more than the portfolio's {port.amount}", ("batches", i, "amount"))
    if port and sum(b.count for b in pf.batches) != port.count:
        total = " + ".join(str(b.count) for b in pf.batches)
        yield _problem(ds, "projects", "CQ161", f"the batches count {total} = {sum(b.count for b in pf.batches)}, but the portfolio has {port.count}", ("batches",))
    for i, p in enumerate(pf.projects):
        if p.batch is not None and p.batch not in numbers:
            yield _problem(ds, "projects", "CQ161", f"{p.id!r} is in batch {p.batch}, which the batches list does not have", ("projects", i, "batch"))


# --- running ---------------------------------------------------------------------


def run(ds: Dataset, rules: Iterable[Rule] | None = None, ctx: Context | None = None) -> list[Problem]:
    """Run rules (all by default) and return their problems, sorted by file and line."""
    ctx = ctx or Context(today=today())
    problems: list[Problem] = []
    for r in RULES if rules is None else rules:
        if r.whole and ds.partial:
            continue
        problems.extend(r.func(ds, ctx))
    return sorted(problems, key=Problem.sort_key)


# --- running from the cache ----------------------------------------------------------------------
# What a rule finds in data that has not changed is what it found last time: a warm `check` takes
# the problems of every rule that depends only on the data from the cache entry's memo (keyed by the
# rules' own code, so a new cqsc never reuses an old answer). The two rules that depend on the day
# and the thresholds run every time, on a few columns kept with those results: the latest date of
# any kind, and for each unfinished project its latest fact. Where the day is earlier than a date in
# the data (a status would differ from the one the columns hold), they run on the records instead.


def rules_version() -> str:
    """A digest of the code the rules' results depend on: a change to any of it is a new version."""
    from pathlib import Path

    from cqsc import queries
    from cqsc._version import __version__
    from cqsc.model import dates, records
    from cqsc.store.cache import sha256

    h = sha256(0)
    h.update(__version__.encode())
    rule_files = sorted(Path(__file__).parent.glob("*.py"))
    query_files = sorted(Path(queries.__file__).parent.glob("*.py"))
    for module in (*rule_files, *query_files, Path(records.__file__), Path(walk.__file__), Path(dates.__file__)):
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:32]


def _saved(p: Problem, files: dict[str, str]) -> list[Any]:
    return [files[p.file], p.line, p.col, p.code, p.name, p.severity.value, p.message, p.excerpt, list(p.path)]


def _restored(row: Any, ds: Dataset) -> Problem:
    file, line, col, code, name, severity, message, excerpt, path = row
    return Problem(ds.files[file].display, line, col, code, name, Severity(severity), message, excerpt, tuple(path))


def _day_columns(ds: Dataset) -> dict[str, Any]:
    """What the day rules need, for data whose dates all lie on or before ``up_to``: see the comment above."""
    bounds = [date_bounds(value) for value in walk.date_values(ds)]
    unfinished = []
    doc = ds.files.get("projects")
    if ds.projects:
        for i, p in enumerate(ds.projects.projects):
            if p.identified and queries.project_status(p, date.max).status not in (Status.completion, Status.cancelled):
                latest = queries.latest_fact(p)
                # The day the latest fact is certain by, worked out once; and where a warning would point, if the
                # file was parsed for one anyway.
                last = date_bounds(latest)[1].isoformat() if latest else None
                where = None
                if doc is not None and doc._parsed is not None:
                    mark = doc.mark(("projects", i, "id"))
                    where = [mark.line, mark.col, doc.excerpt(mark.line)] if mark else None
                looked = searched(last_looked(p, date.max, latest))
                unfinished.append([i, p.id, latest, last, where, None if looked is None else list(looked)])
    return {
        "earliest_latest": max((lo for lo, _ in bounds), default=date.min).isoformat(),
        "up_to": max((hi for _, hi in bounds), default=date.min).isoformat(),
        "unfinished": unfinished,
    }


def _fits(saved: Any, codes: set[str], ds: Dataset) -> bool:
    if type(saved) is not dict or set(saved) != {"results", "day"} or type(saved["results"]) is not dict or set(saved["results"]) != codes:
        return False
    day = saved["day"]
    if type(day) is not dict or set(day) != {"earliest_latest", "up_to", "unfinished"}:
        return False
    try:
        date.fromisoformat(day["earliest_latest"]), date.fromisoformat(day["up_to"])
        for row in (r for rows in saved["results"].values() for r in rows):
            p = _restored(row, ds)
            if not (isinstance(p.message, str) and all(isinstance(x, (int, type(None))) for x in (p.line, p.col))):
                return False
        for i, pid, latest, last, where, looked in day["unfinished"]:
            if type(i) is not int or type(pid) is not str or (latest is None) != (last is None):
                return False
            if looked is not None and (type(looked) is not list or len(looked) != 2 or type(looked[0]) is not str or type(looked[1]) is not int):
                return False
            if latest is not None and (type(latest) is not str or type(last) is not str or date.fromisoformat(last) is None):
                return False
            if where is not None:
                line, col, excerpt = where
                if type(line) is not int or type(col) is not int or not (excerpt is None or type(excerpt) is str):
                    return False
    except (TypeError, ValueError, KeyError):
        return False
    return True


def _day_problems(ds: Dataset, r: Rule, ctx: Context, day: dict[str, Any]) -> list[Problem] | None:
    """A day rule's problems from the columns, or None where the records must be read."""
    if r.code == "CQ120":
        return [] if date.fromisoformat(day["earliest_latest"]) <= ctx.today else None
    if r.code == "CQ153" and date.fromisoformat(day["up_to"]) <= ctx.today:
        out = []
        for i, pid, latest, last, where, looked in day["unfinished"]:
            # Every date of the data, a search's day among them, lies on or before the day: each search counts.
            seen = None if looked is None else (looked[0], looked[1])
            if latest is None:
                message = _stale_message(pid, None, 0, seen)
            else:
                months = months_between(date.fromisoformat(last), ctx.today)
                if months < ctx.stale_months:
                    continue
                message = _stale_message(pid, latest, months, seen)
            path = ("projects", i, "id")
            if where is not None:  # the position kept with the columns: the file need not be parsed again
                line, col, excerpt = where
                out.append(Problem(ds.files["projects"].display, line, col, r.code, r.name, r.severity, message, excerpt, path))
            else:
                out.append(_problem(ds, "projects", "CQ153", message, path))
        return out
    return None


def run_cached(ds: Dataset, rules: Iterable[Rule], ctx: Context) -> list[Problem]:
    """``run``, answered from the data's cache entry where it has one (see the comment above)."""
    rules = list(rules)
    memo = ds.memo
    if memo is None or ds.partial or ds.problems:
        return run(ds, rules, ctx)
    name = "checks " + rules_version()
    data_rules = [r for r in RULES if not r.day]
    saved = memo.get(name)
    if not _fits(saved, {r.code for r in data_rules}, ds):
        files = {doc.display: key for key, doc in ds.files.items()}
        found: dict[str, list[Any]] = {r.code: [] for r in data_rules}
        for p in run(ds, data_rules, ctx):
            found[p.code].append(_saved(p, files))
        saved = {"results": found, "day": _day_columns(ds)}
        memo.put(name, saved)
    problems: list[Problem] = []
    for r in rules:
        if not r.day:
            problems += [_restored(row, ds) for row in saved["results"][r.code]]
            continue
        quick = _day_problems(ds, r, ctx, saved["day"])
        problems += quick if quick is not None else list(r.func(ds, ctx))
    return sorted(problems, key=Problem.sort_key)


def is_rule(code: str) -> bool:
    """Whether ``code`` is a consistency rule's (loading problems are not rules and always count)."""
    return any(r.code == code for r in RULES)


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """The rules --select and --ignore leave, each given as an id, an id prefix or a name.

    Integrity rules always run: every other rule relies on them. ValueError names a word that matches no rule.
    """

    def matching(word: str) -> list[Rule]:
        w = word.strip()
        hits = [r for r in RULES if r.name == w.lower() or r.code.upper().startswith(w.upper())]
        if not hits:
            raise ValueError(f"{word!r} matches no rule; `cqsc check --list-rules` lists them")
        return hits

    chosen = list(RULES)
    picked = [r for w in select for r in matching(w)]
    if picked:
        chosen = [r for r in RULES if r in picked or r.integrity]
    dropped = [r for w in ignore for r in matching(w)]
    return [r for r in chosen if r not in dropped or r.integrity]


def integrity_rules() -> list[Rule]:
    return [r for r in RULES if r.integrity]


def all_rules() -> list[tuple[str, str, Severity, str]]:
    """Every rule, loading rules included: (code, name, severity, summary)."""
    loading = [(code, name, Severity.error, summary) for (code, name), summary in LOADING_RULES.items()]
    return sorted(loading + [(r.code, r.name, r.severity, r.summary) for r in RULES])


def strict(problems: Iterable[Problem]) -> list[Problem]:
    """Warnings become errors (--strict)."""
    return [replace(p, severity=Severity.error) for p in problems]


def records(ds: Dataset) -> int:
    """How many records the rules looked at."""
    n = 0
    if ds.projects:
        n += len(ds.projects.sources) + len(ds.projects.aggregates) + len(ds.projects.projects)
    if ds.tasks:
        n += 1 + len(ds.tasks.sources) + len(ds.tasks.areas) + len(ds.tasks.tasks)
    if ds.annual:
        n += len(ds.annual.sources) + len(ds.annual.lists) + len(ds.annual.progress)
    if ds.projects:
        projects = ds.projects.projects
        counted = getattr(projects, "milestone_count", None)  # rows from the cache: counted from their columns
        n += (counted() if counted else sum(len(p.milestones) for p in projects)) + len(ds.projects.snapshots)
    return n

