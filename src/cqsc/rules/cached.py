"""`check` answered from the cache: rules_version (the cache key) and run_cached.

The day rules (CQ120, CQ153) run every time, on columns kept with the cached results.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from cqsc import queries
from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.dates import months_between
from cqsc.model.problems import Count, English, Problem, Said, Severity, Value
from cqsc.model.records import Status, date_bounds
from cqsc.rules.progress import last_looked, searched, stale_message
from cqsc.rules.registry import RULES, Context, Rule, problem, run

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
    said = [p.said.template, [[k, _value_saved(v)] for k, v in p.said.values]]
    return [files[p.file], p.line, p.col, p.code, p.name, p.severity.value, p.message, p.excerpt, list(p.path), said]


def _value_saved(value: Value) -> Any:
    if isinstance(value, Count):
        return ["count", value.n, value.noun]
    if isinstance(value, English):
        return ["en", value.text]
    return value


def _value_restored(value: Any) -> Value:
    """A message's value as the cache kept it; ValueError for anything else (the cache is not trusted)."""
    if type(value) in (int, str):
        return value
    if type(value) is list and len(value) == 3 and value[0] == "count" and type(value[1]) is int and type(value[2]) is str:
        return Count(value[1], value[2])
    if type(value) is list and len(value) == 2 and value[0] == "en" and type(value[1]) is str:
        return English(value[1])
    raise ValueError("not a message value")


def _said_restored(said: Any, message: Any) -> Said:
    """The message with its template and values as the cache kept them; only a template of the catalogue is
    used (a template is a format string: one from the cache is never formatted)."""
    from cqsc.text.lang import ZH

    template, values = said
    if type(message) is not str or type(template) is not str or template not in ZH or type(values) is not list:
        raise ValueError("not a message")
    return Said(message, template, tuple((k, _value_restored(v)) for k, v in values if type(k) is str))


def _restored(row: Any, ds: Dataset) -> Problem:
    file, line, col, code, name, severity, message, excerpt, path, said = row
    return Problem(ds.files[file].display, line, col, code, name, Severity(severity), _said_restored(said, message), excerpt, tuple(path))


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
                message = stale_message(pid, None, 0, seen)
            else:
                months = months_between(date.fromisoformat(last), ctx.today)
                if months < ctx.stale_months:
                    continue
                message = stale_message(pid, latest, months, seen)
            path = ("projects", i, "id")
            if where is not None:  # the position kept with the columns: the file need not be parsed again
                line, col, excerpt = where
                out.append(Problem(ds.files["projects"].display, line, col, r.code, r.name, r.severity, message, excerpt, path))
            else:
                out.append(problem(ds, "projects", "CQ153", message, path))
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
