"""Rules on progress over time (CQ150-CQ153): milestones in order, snapshots and annual progress
never going down, stale projects.

Also the words for the last search for news (last_looked, searched, looked_for): `progress` says them
the same way as CQ153, and cached.py builds CQ153's message from the cached columns (stale_message).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import pairwise

from cqsc import queries
from cqsc.model.dataset import Dataset
from cqsc.model.dates import months_between
from cqsc.model.options import Lang
from cqsc.model.problems import Problem, Said, Severity
from cqsc.model.records import MILESTONE_PHASE, LastChecked, Milestone, Project, Status, date_bounds
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.lang import say
from cqsc.text.lang import t as _t


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
                        yield problem(
                            ds, "projects", "CQ150",
                            say("{id!r}: {kind} on {day} comes before {other} on {other_day}", id=p.id, kind=m.kind.value, day=m.date, other=other.kind.value, other_day=other.date),
                            ("projects", i, "milestones", j, "date"),
                        )


def _ordered(points: list[tuple[int, str, Decimal | int | None]]) -> Iterator[tuple[int, int, str, str]]:
    """Pairs of dated values that go down over time: (index, earlier index, value, earlier value)."""
    dated = sorted((date_bounds(d)[1], i, v) for i, d, v in points if v is not None)
    for (_, i0, v0), (_, i1, v1) in pairwise(dated):
        if v1 < v0:
            yield i1, i0, str(v1), str(v0)


# A figure that went down, one whole template per figure (the field's name is a word of the sentence).
SNAPSHOT_DOWN = {
    "started": "started went down from {before} (as of {day}) to {after}",
    "invested": "invested went down from {before} (as of {day}) to {after}",
}
ANNUAL_DOWN = {
    "started": "started of the {year} list went down from {before} (as of {day}) to {after}",
    "cumulative": "cumulative of the {year} list went down from {before} (as of {day}) to {after}",
    "year_to_date": "year_to_date of the {year} list went down from {before} (as of {day}) to {after}",
}


@rule("CQ151", "snapshot-consistency", Severity.error, "Portfolio snapshots: started within the portfolio's count, and started and investment never decreasing over time.", whole=True)
def snapshot_consistency(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.projects:
        return
    pf = ds.projects
    aggs = {a.id: a for a in pf.aggregates}
    port = queries.portfolio_aggregate(pf)
    for i, snap in enumerate(pf.snapshots):
        if port and snap.started is not None and snap.started > port.count:
            yield problem(ds, "projects", "CQ151", say("{started} projects started, more than the portfolio's {count}", started=snap.started, count=port.count), ("snapshots", i, "started"))
        for j, g in enumerate(snap.groups):
            agg = aggs.get(g.aggregate)
            if agg is None:
                yield problem(ds, "projects", "CQ151", say("aggregate {id!r} is not in the aggregates list", id=g.aggregate), ("snapshots", i, "groups", j, "aggregate"))
            elif g.started is not None and g.started > agg.count:
                yield problem(ds, "projects", "CQ151", say("{started} started in {id!r}, more than its {count} projects", started=g.started, id=agg.id, count=agg.count), ("snapshots", i, "groups", j, "started"))
        parts = [g.invested for g in snap.groups if g.invested is not None]
        if snap.invested is not None and sum(parts, Decimal(0)) > snap.invested:
            yield problem(ds, "projects", "CQ151", say("the groups' investment adds up to {sum}, more than the total {total}", sum=sum(parts, Decimal(0)), total=snap.invested), ("snapshots", i, "invested"))
    dated = [(i, s.as_of, None) for i, s in enumerate(pf.snapshots) if s.as_of]
    for key in ("started", "invested"):
        points = [(i, d, getattr(pf.snapshots[i], key)) for i, d, _ in dated]
        for i, i0, v, v0 in _ordered(points):
            yield problem(ds, "projects", "CQ151", say(SNAPSHOT_DOWN[key], before=v0, day=pf.snapshots[i0].as_of, after=v), ("snapshots", i, key))


@rule("CQ152", "annual-progress", Severity.error, "Annual-list progress: started within the list's count, figures never decreasing within a year, every point's year listed.", whole=True)
def annual_progress(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not ds.annual:
        return
    af = ds.annual
    lists = {l.year: l for l in af.lists}
    for i, pt in enumerate(af.progress):
        listing = lists.get(pt.list_year)
        if listing is None:
            yield problem(ds, "annual", "CQ152", say("no list for year {year}", year=pt.list_year), ("progress", i, "list_year"))
        elif listing.projects is not None and pt.started is not None and pt.started > listing.projects:
            yield problem(ds, "annual", "CQ152", say("{started} started, more than the {projects} projects on the {year} list", started=pt.started, projects=listing.projects, year=pt.list_year), ("progress", i, "started"))
    for year in lists:
        idx = [i for i, pt in enumerate(af.progress) if pt.list_year == year and pt.period == "year_to_date"]
        for key in ("started", "cumulative", "year_to_date"):
            for i, i0, v, v0 in _ordered([(i, af.progress[i].as_of, getattr(af.progress[i], key)) for i in idx]):
                yield problem(ds, "annual", "CQ152", say(ANNUAL_DOWN[key], year=year, before=v0, day=af.progress[i0].as_of, after=v), ("progress", i, key))


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
            up_to = None if queries.latest_fact(p) is None else ctx.today.isoformat()
            yield problem(ds, "projects", "CQ153", stale_message(p.id, None, 0, looked, up_to), ("projects", i, "id"))
            continue
        months = months_between(date_bounds(latest)[1], ctx.today)
        if months >= ctx.stale_months:
            yield problem(ds, "projects", "CQ153", stale_message(p.id, latest, months, looked), ("projects", i, "id"))


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


# CQ153's message, one whole template per case: no fact at all, none up to the day, none since the latest;
# and not looked for (since), or last looked for with one query or several (looked_for's words).
STALE: dict[tuple[str, str], str] = {
    ("at all", "not"): "{id!r} has no dated fact at all; not looked for",
    ("at all", "query"): "{id!r} has no dated fact at all; last looked for on {day} ({n} query)",
    ("at all", "queries"): "{id!r} has no dated fact at all; last looked for on {day} ({n} queries)",
    ("up to", "not"): "{id!r} has no dated fact up to {up_to}; not looked for",
    ("up to", "query"): "{id!r} has no dated fact up to {up_to}; last looked for on {day} ({n} query)",
    ("up to", "queries"): "{id!r} has no dated fact up to {up_to}; last looked for on {day} ({n} queries)",
    ("since", "not"): "{id!r}: no dated fact since {latest} ({months} months); not looked for since",
    ("since", "query"): "{id!r}: no dated fact since {latest} ({months} months); last looked for on {day} ({n} query)",
    ("since", "queries"): "{id!r}: no dated fact since {latest} ({months} months); last looked for on {day} ({n} queries)",
}


def stale_message(pid: str, latest: str | None, months: int, looked: tuple[str, int] | None, up_to: str | None = None) -> Said:
    """CQ153's message: no dated fact since ``latest`` (``months`` ago), or none at all (or none ``up_to`` the
    day, where the data has a later one); and when the project was last ``looked`` for, as ``looked_for`` says it."""
    case = "since" if latest is not None else "at all" if up_to is None else "up to"
    search = "not" if looked is None else "query" if looked[1] == 1 else "queries"
    values: dict[str, str | int] = {"id": pid}
    if latest is not None:
        values |= {"latest": latest, "months": months}
    elif up_to is not None:
        values["up_to"] = up_to
    if looked is not None:
        values |= {"day": looked[0], "n": looked[1]}
    return say(STALE[case, search], **values)
