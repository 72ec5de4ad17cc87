"""The library under the command line: every command is a call here, and the policy lives here.

``import cqsc`` exports the values a program asks for (load, select, total, summarise, status, check).
The command line calls the rest: a view of each listing (handed to an emitter in cqsc.output), the
check with its baseline, and the documents (report, site, exports), the records and the set-up.

Dates may be given as ``date`` objects or as the CLI takes them ("2024", "2024-05", "2024-05-01": the
last day of a partial date). Amounts are exact ``Decimal`` values in 亿元, as the sources give them.
Errors a user can act on are raised as cqsc.model.errors (UsageError, DataError, FileError).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cqsc.loading.discovery import DataDir
    from cqsc.model.dataset import Dataset
    from cqsc.model.problems import Problem
    from cqsc.model.records import Project
    from cqsc.queries.status import StatusInfo
    from cqsc.queries.summary import Summary
    from cqsc.queries.totals import Total


from cqsc.model.errors import CqscError as CqscError
from cqsc.model.errors import DataError as DataError
from cqsc.model.errors import FileError as FileError
from cqsc.model.errors import UsageError as UsageError


def day(value: date | str | None, option: str = "--as-of", *, end: bool = True) -> date | None:
    """A day given as YYYY-MM-DD, YYYY-MM or YYYY: its last day (``end``) or its first; UsageError if not a date."""
    if value is None or isinstance(value, date):
        return value
    from cqsc.queries.status import parse_day

    try:
        return parse_day(value, end=end)
    except ValueError as exc:
        raise UsageError(str(exc), option) from None


_day = day


def today() -> date:
    """Today in Beijing, the data's own day (SOURCE_DATE_EPOCH fixes it for reproducible builds)."""
    from cqsc.model.dates import today as the_day

    return the_day()


def folder(data_dir: str | Path | None = None) -> DataDir:
    """The data folder to read (--data-dir, else CQSC_DATA_DIR, a clone's data/, or the bundled data) and why."""
    from cqsc.loading import discovery

    return discovery.find(Path(data_dir) if data_dir is not None else None)


def load(
    data_dir: str | Path | None = None,
    *,
    use_cache: bool = True,
    progress: Callable[[int], AbstractContextManager[object]] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Dataset:
    """The data set in ``data_dir`` (see ``folder``); DataError naming every problem when it has errors.

    ``progress``, given the bytes to read, makes a context the slow path runs in (a spinner, say);
    ``warn`` hears why the cache could not be used.
    """
    from cqsc.loading import loader
    from cqsc.model.problems import has_errors

    where = folder(data_dir).path
    ds, _ = loader.load_data(where, use_cache=use_cache, progress=progress, warn=warn)
    if has_errors(ds.problems):
        raise DataError(ds.problems)
    return ds


def at(ds: Dataset, as_of: date | str | None) -> Dataset:
    """The data set as it stood on ``as_of``: every fact dated later left out (what --as-of shows)."""
    from cqsc.views.common import portfolio_at, tasks_at

    day = _day(as_of)
    return replace(
        ds,
        projects=portfolio_at(ds.projects, day) if ds.projects else None,
        tasks=tasks_at(ds.tasks, day) if ds.tasks else None,
    )


def _tuple(values: str | Iterable[str] | None) -> tuple[str, ...]:
    if values is None:
        return ()
    return (values,) if isinstance(values, str) else tuple(values)


def select(
    ds: Dataset,
    *,
    sector: str | Iterable[str] | None = None,
    subsector: str | Iterable[str] | None = None,
    location: str | Iterable[str] | None = None,
    search: str | None = None,
    status: str | Iterable[str] | None = None,
    as_of: date | str | None = None,
    late: bool = False,
) -> list[Project]:
    """The projects matching every filter given (several values of one filter are alternatives), as `cqsc projects`."""
    from cqsc.model.records import Sector, Status, Subsector
    from cqsc.queries.selection import ProjectFilter, select_projects

    day = _day(as_of)
    f = ProjectFilter(
        tuple(Sector(s) for s in _tuple(sector)), tuple(Subsector(s) for s in _tuple(subsector)), _tuple(location), search,
        tuple(Status(s) for s in _tuple(status)), day, late,
    )
    assert ds.projects is not None
    return list(select_projects(at(ds, day).projects.projects, f))  # type: ignore[union-attr]


def total(ds: Dataset, projects: Iterable[Project]) -> Total:
    """The best-sourced total of these projects: a reported aggregate, a sum of them, or what is not covered."""
    from cqsc.queries.totals import total_for

    assert ds.projects is not None
    return total_for(ds.projects, list(projects))


def summarise(ds: Dataset, as_of: date | str | None = None) -> Summary:
    """The reported groups, statuses, areas and unknowns, as `cqsc summary` shows them."""
    from cqsc.queries.summary import summarise as summary

    day = _day(as_of)
    now = at(ds, day)
    assert now.projects is not None  # a portfolio with no plan of tasks (no tasks.yaml) has no areas
    return summary(now.projects, now.tasks, day)


def status(ds: Dataset, project: str | Project, as_of: date | str | None = None) -> StatusInfo:
    """A project's status from its dated milestones on ``as_of`` (today by default), with the date it is certain by."""
    from cqsc.queries.status import project_status

    assert ds.projects is not None
    if isinstance(project, str):
        project = next(p for p in ds.projects.projects if p.id == project)
    return project_status(project, _day(as_of))


def check(ds: Dataset, *, as_of: date | str | None = None, stale_months: int = 24) -> list[Problem]:
    """Every problem `cqsc check` finds: loading and integrity problems with the rules' own, sorted by place."""
    from cqsc.rules import checks

    ctx = checks.Context(today=_day(as_of) or checks.today(), stale_months=stale_months)
    rules = [r for r in checks.RULES if not r.integrity]
    return sorted(ds.problems + checks.run(ds, rules, ctx=ctx), key=lambda p: p.sort_key())


# --- the views the listing commands show (handed to an emitter in cqsc.output) --------------------


def _portfolio(ds: Dataset, as_of: date | None) -> ProjectsFile:
    from cqsc.views.common import portfolio_at

    assert ds.projects is not None
    return portfolio_at(ds.projects, as_of)


def projects_view(
    ds: Dataset,
    *,
    sector: Iterable[Sector] = (),
    subsector: Iterable[Subsector] = (),
    location: Iterable[str] = (),
    search: str | None = None,
    status: Iterable[Status] = (),
    as_of: date | None = None,
    late: bool = False,
    unit: DisplayUnit,
    lang: Lang,
    limit: int = 0,
    sort: str | None = None,
) -> View:
    """`cqsc projects`: the selected projects with their status, and their total from the reported aggregates."""
    from cqsc import queries
    from cqsc.views import projects as v

    pf = _portfolio(ds, as_of)
    f = queries.ProjectFilter(tuple(sector), tuple(subsector), tuple(location), search, tuple(status), as_of, late)
    chosen = queries.select_projects(pf.projects, f)
    return v.view(chosen, queries.total_for(pf, chosen), f, unit, lang, limit=limit, sort=sort, today=today())


def tasks_view(ds: Dataset, *, areas: Iterable[str] = (), search: str | None = None, as_of: date | None = None, lang: Lang, limit: int = 0, sort: str | None = None) -> View:
    """`cqsc tasks`: the key tasks of the chosen areas (numbers 1-9 or numerals I-IX)."""
    from cqsc import queries
    from cqsc.views import tasks as v
    from cqsc.views.common import tasks_at

    try:
        numbers = tuple(queries.parse_area(a) for a in areas)
    except ValueError as exc:
        raise UsageError(str(exc), "--area") from None
    if ds.tasks is None:
        where = ds.files["projects"].path.parent if "projects" in ds.files else "the data folder"
        raise CqscError(f"{where} has no tasks.yaml: this portfolio has no plan of key tasks to show.")
    tf = tasks_at(ds.tasks, as_of)
    return v.view(tf, queries.select_tasks(tf, queries.TaskFilter(numbers, search)), lang, as_of=as_of, limit=limit, sort=sort)


def summary_view(ds: Dataset, *, as_of: date | None = None, chart: bool = False, unit: DisplayUnit, lang: Lang) -> View:
    """`cqsc summary`: each reported group with its total, statuses, areas and unknowns (or the chart of the amounts)."""
    from cqsc import queries
    from cqsc.views import summary as v

    pf = _portfolio(ds, as_of)
    s = queries.summarise(pf, ds.tasks, as_of)
    return (v.chart_view if chart else v.view)(s, pf.aggregates, unit, lang)


def show_view(ds: Dataset, project_id: str, *, as_of: date | None = None, unit: DisplayUnit, lang: Lang) -> View:
    """`cqsc show ID`: every fact of one project as it stood on ``as_of``; UsageError with close ids if none has it."""
    import difflib

    from cqsc.queries.totals import ids_of
    from cqsc.views import show as v

    assert ds.projects is not None
    ids = ids_of(ds.projects.projects)  # read from the cache's columns: only the one shown is built
    if project_id not in ids:
        close = difflib.get_close_matches(project_id, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `cqsc projects` lists the ids"
        raise UsageError(f"no project with id {project_id!r}{hint}", "ID")
    return v.view(ds.projects, ds.projects.projects[ids.index(project_id)], as_of, unit, lang)


def _timeline_filter(ds: Dataset, projects: Iterable[str], sectors: Iterable[Sector], start: date | None, end: date | None, as_of: date | None) -> tuple[Any, ProjectsFile]:
    from cqsc import queries

    last = end
    if as_of is not None and (last is None or as_of < last):
        last = as_of
    date_range(start, last, "--from", "--to")
    f = queries.TimelineFilter(tuple(projects), tuple(sectors), start, last)
    pf = _portfolio(ds, as_of)
    unknown = [p for p in f.projects if p not in {x.id for x in pf.projects}]
    if unknown:
        raise UsageError(f"no project with id {', '.join(map(repr, unknown))}", "--project")
    return f, pf


def date_range(first: date | None, last: date | None, first_option: str, last_option: str) -> None:
    """The one range rule of `timeline` and `changes`: the end may not come before the start (UsageError)."""
    if first is not None and last is not None and last < first:
        raise UsageError(f"{last_option} {last.isoformat()} is before {first_option} {first.isoformat()}", last_option)


def timeline_view(
    ds: Dataset, *, projects: Iterable[str] = (), sectors: Iterable[Sector] = (), start: date | None = None, end: date | None = None,
    as_of: date | None = None, lang: Lang, limit: int = 0, sort: str | None = None,
) -> View:
    """`cqsc timeline`: dated events (and the plans ahead) of the chosen projects and sectors in the range."""
    from cqsc import queries
    from cqsc.views import events as v

    f, pf = _timeline_filter(ds, projects, sectors, start, end, as_of)
    return v.timeline_view(queries.timeline(pf, f), queries.planned_events(pf, f), lang, limit=limit, sort=sort)


def gantt(
    ds: Dataset, *, projects: Iterable[str] = (), sectors: Iterable[Sector] = (), start: date | None = None, end: date | None = None, as_of: date | None = None,
) -> tuple[list[GanttRow], date]:
    """`cqsc timeline --chart`: each project's stages over time, and the day the line marks."""
    from cqsc import queries

    f, pf = _timeline_filter(ds, projects, sectors, start, end, as_of)
    rows = [r for r in queries.gantt(pf, f.end) if (not f.projects or r.project.id in f.projects) and (not f.sectors or r.project.sector in f.sectors)]
    return rows, f.end or today()


def changes_view(ds: Dataset, *, start: date, end: date | None = None, unit: DisplayUnit, lang: Lang) -> View:
    """`cqsc changes`: what changed between two days (to today by default)."""
    from cqsc import queries
    from cqsc.views import events as v

    last = end or today()
    date_range(start, last, "--from", "--to")
    assert ds.projects is not None
    return v.changes_view(queries.changes(ds.projects, start, last), unit, lang)


def progress_view(ds: Dataset, *, as_of: date | None = None, unit: DisplayUnit, lang: Lang) -> View:
    """`cqsc progress`: started and completed per sector, the reported investment, the annual lists, how recent the news is."""
    from cqsc import queries
    from cqsc.views import progress as v

    day_ = as_of or today()
    pf = _portfolio(ds, day_)
    return v.view(queries.progress(pf, ds.annual, day_), pf.projects, unit, lang)


# --- writing files -------------------------------------------------------------------------------


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (FileError, naming the path, when it cannot be written)."""
    from cqsc.store import atomic

    _writing(path, lambda: atomic.write_text(path, text))


def _writing(path: Path, write: Callable[[], None]) -> None:
    from cqsc.store import atomic

    try:
        write()
    except atomic.WriteError as exc:
        raise FileError(str(exc.strerror)) from None
    except OSError as exc:
        raise FileError(f"{path}: cannot be written: {exc.strerror or exc}") from None


def require_consistent(ds: Dataset) -> Dataset:
    """Refuse to publish data that `cqsc check` finds errors in: a shared total must add up (DataError)."""
    from cqsc.model.problems import Severity
    from cqsc.rules import checks

    errors = [p for p in checks.run(ds, [r for r in checks.RULES if not r.integrity]) if p.severity is Severity.error]
    if errors:
        n = len(errors)
        raise DataError(errors, f"{n} problem{'s' if n != 1 else ''} in the data; nothing was written. Fix them (`cqsc check` lists them all) and run again.")
    return ds


# --- the check, with its baseline ----------------------------------------------------------------


@dataclass
class CheckRun:
    """What `cqsc check` found: the view to show, the exit code, and the baseline written (--update-baseline)."""

    view: CheckView
    exit_code: int = 0
    wrote: Path | None = None
    refused: str | None = None  # why --update-baseline wrote nothing (the data has errors)


def rules_view() -> RulesView:
    """Every rule with its id, name, severity and summary (`cqsc check --list-rules`)."""
    from cqsc.rules import checks
    from cqsc.views import check as v

    return v.RulesView(checks.all_rules())


def check_data(
    data_dir: str | Path | None = None,
    *,
    strict: bool = False,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    stale_months: int = 24,
    as_of: date | None = None,
    baseline_file: Path | None = None,
    no_baseline: bool = False,
    update_baseline: bool = False,
    quiet: bool = False,
    use_cache: bool = True,
    progress: Callable[[int], AbstractContextManager[object]] | None = None,
    note: Callable[[str], None] = lambda _: None,
) -> CheckRun:
    """`cqsc check`: every problem, less the warnings the baseline accepts; or a new baseline (--update-baseline).

    The baseline is ``baseline_file``, else the data folder's own .cqsc-baseline.json (discovery.baseline_for),
    unless ``no_baseline``. ``note`` hears which baseline is used or passed over, before the data is read.
    """
    from cqsc.loading import discovery, loader
    from cqsc.model.dataset import display_path
    from cqsc.model.problems import has_errors
    from cqsc.rules import baseline, checks
    from cqsc.store import atomic
    from cqsc.views import check as v

    if no_baseline and (baseline_file is not None or update_baseline):
        raise UsageError("--no-baseline goes with neither --baseline nor --update-baseline", "--no-baseline")
    try:
        chosen = checks.select_rules(select, ignore)
    except ValueError as exc:
        raise UsageError(str(exc), "--select/--ignore") from None
    ctx = checks.Context(today=as_of or checks.today(), stale_months=stale_months)
    found = folder(data_dir)
    if baseline_file is None and not no_baseline:
        baseline_file, passed_over = discovery.baseline_for(found.path)
        if passed_over is not None:
            note(f"note: no accepted warnings used: {passed_over}")
            if update_baseline:
                raise FileError(f"{passed_over}; give --baseline FILE to write one elsewhere")
        elif baseline_file is not None and not update_baseline:
            note(f"note: accepted warnings from {baseline_file} (--no-baseline lists them all)")
        elif baseline_file is None and update_baseline:
            baseline_file = discovery.default_baseline(found.path)
    ds, _ = loader.load_data(found.path, use_cache=use_cache, progress=progress, warn=note)
    # Loading and integrity problems come with the data set (none when the cache served it).
    codes = {r.code for r in chosen}
    loaded = [p for p in ds.problems if p.code in codes or not checks.is_rule(p.code)]
    # Integrity rules ran with a clean load; after a failed one, run them on the records that loaded.
    rules = [r for r in chosen if not r.integrity or has_errors(ds.problems)]
    problems = sorted(loaded + checks.run_cached(ds, rules, ctx), key=lambda p: p.sort_key())

    def stats(accepted: int, unused: int) -> v.CheckStats:
        return v.CheckStats(
            rules=len(chosen) + sum(1 for c in checks.all_rules() if not checks.is_rule(c[0])),
            records=checks.records(ds),
            strict=strict,
            folder=display_path(found.path),
            accepted=accepted,
            baseline=str(baseline_file) if baseline_file else None,
            unused=unused,
            quiet=quiet,
            skipped=sum(1 for r in rules if r.whole) if ds.partial else 0,
        )

    if update_baseline:
        assert baseline_file is not None
        if has_errors(problems):
            # Errors hide the warnings of the records they break: a baseline written now would drop them.
            refused = f"the data has errors; {baseline_file} is unchanged: fix them, then update the baseline"
            return CheckRun(v.view(problems, stats(0, 0)), DataError(problems).exit_code, refused=refused)
        try:
            atomic.check_replaceable(baseline_file)
        except atomic.WriteError as exc:
            raise FileError(str(exc.strerror)) from None
        write_text(baseline_file, baseline.text(ds, problems))
        return CheckRun(v.view(problems, stats(0, 0)), wrote=baseline_file)
    accepted: list[Any] = []
    unused = 0
    if baseline_file is not None:
        known = baseline.load(baseline_file)  # BaselineError: a usage error naming the file
        # Entries of rules that did not run (--select, --ignore) are neither used nor unused.
        known = type(known)({k: n for k, n in known.items() if k[0] in codes})
        split = baseline.split(ds, problems, known)
        problems, accepted, unused = split.new, split.accepted, split.unused
    if strict:
        problems = checks.strict(problems)
    code = DataError(problems).exit_code if has_errors(problems) else 0
    return CheckRun(v.view(problems, stats(len(accepted), unused)), code)


# --- documents: the report, the site, the exports -----------------------------------------------


def report(ds: Dataset, *, html: bool, as_of: date | None = None, since: date | None = None) -> str:
    """`cqsc report`: the status report as Markdown or self-contained HTML (refused for inconsistent data)."""
    from cqsc.documents import report as r

    if since is not None and since > (as_of or today()):
        raise UsageError(f"--since {since.isoformat()} is after the report's day", "--since")
    ds = replace(require_consistent(ds), projects=_portfolio(ds, as_of))
    return r.html_report(ds, as_of, since) if html else r.markdown(ds, as_of, since)


def issues_url(given: str | None) -> str | None:
    """Where readers report an error: --issues-url, else CQSC_ISSUES_URL; an http(s) address or None."""
    import os

    url = given or os.environ.get("CQSC_ISSUES_URL") or None
    if url is not None and not url.startswith(("http://", "https://")):
        raise UsageError(f"{url!r} is not an http(s) address", "--issues-url")
    return url


def site(
    ds: Dataset, output: Path, *, data_dir: str | Path | None = None, as_of: date | None = None, url: str | None = None,
    busy: Callable[[int], AbstractContextManager[object]] | None = None,
) -> dict[str, bytes]:
    """`cqsc site`: build the static site and write it into ``output`` (updated in place); the files written."""
    import contextlib
    import tempfile

    from cqsc.documents import site as s
    from cqsc.documents.sqlite import export_sqlite
    from cqsc.model.dataset import DATA_FILES, Unreadable, read_raw

    directory = folder(data_dir).path
    ds = replace(require_consistent(ds), projects=_portfolio(ds, as_of))
    raw = {}
    for name in DATA_FILES:
        got = read_raw(directory / name)
        if isinstance(got, bytes):
            raw[name] = got
        elif name != DATA_FILES[0] and got.why == "file not found":
            continue
        else:
            assert isinstance(got, Unreadable)
            raise FileError(f"{directory / name} {got.why}; nothing was written.")

    def sqlite() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "cqsc.sqlite"
            export_sqlite(ds, target)
            return target.read_bytes()

    # A page per project: a large portfolio takes a while, so a terminal sees that something is happening.
    count = len(ds.projects.projects) if ds.projects else 0
    with busy(count) if busy is not None else contextlib.nullcontext():
        files = s.build(ds, s.Site(as_of or today(), as_of, url), raw, sqlite)
    try:
        s.write(files, output)
    except s.SiteError as exc:  # it says whether anything was written
        raise FileError(f"{exc}.") from None
    except OSError as exc:
        raise FileError(f"{output}: cannot be written: {exc.strerror or exc}; the previous site, if any, is unchanged.") from None
    return files


@dataclass(frozen=True)
class Exporter:
    help: str
    suffixes: tuple[str, ...]  # -o FILE's extensions that choose it
    needs_file: bool  # a binary format: never stdout
    dated: bool  # takes --as-of


# Every export format, in one place: a new one is one entry here and one in _export (and its module).
EXPORTERS: dict[str, Exporter] = {
    "sqlite": Exporter("a SQLite database, one table per record type", (".db", ".sqlite", ".sqlite3"), True, False),
    "oc4ids": Exporter("an OC4IDS 0.9 project package (JSON)", (".json",), False, True),
}


def export_format(name: str | None, output: Path | None) -> str:
    """The export format --format names, else the one -o's extension picks; UsageError if neither says."""
    if name is None and output is not None:
        name = next((k for k, e in EXPORTERS.items() if output.suffix.lower() in e.suffixes), None)
    if name is None:
        raise UsageError(f"say which: --format {' or --format '.join(EXPORTERS)} (or an -o file ending {' or '.join(e.suffixes[0] for e in EXPORTERS.values())})", "--format")
    return name


def export(ds: Dataset, name: str, target: Path | None, *, as_of: date | None = None) -> str | None:
    """`cqsc export`: write the export to ``target``; the text for stdout when there is no target (JSON formats)."""
    exporter = EXPORTERS[name]
    if exporter.needs_file and target is None:
        raise UsageError(f"{name} needs a file: -o FILE", "--output")
    if as_of is not None and not exporter.dated:
        raise UsageError(f"the {name} export holds every date; --as-of applies to --format {', '.join(k for k, e in EXPORTERS.items() if e.dated)}", "--as-of")
    ds = require_consistent(ds)
    if name == "sqlite":
        from cqsc.documents.sqlite import export_sqlite

        assert target is not None
        _writing(target, lambda: export_sqlite(ds, target))
        return None
    from cqsc.documents import oc4ids

    text = oc4ids.package_json(ds, as_of)  # ExportError: the data cannot make a valid package
    if target is None:
        return text
    write_text(target, text)
    return None


# --- the data folder: what cqsc reads, a new one, the schemas --------------------------------------


def info(data_dir: str | Path | None = None) -> dict[str, Any]:
    """`cqsc info`: which data folder is read and why, which files it holds, and where the cache is."""
    from cqsc._version import __version__
    from cqsc.model.dataset import DATA_FILES
    from cqsc.store import cache

    found = folder(data_dir)
    return {
        "version": __version__,
        "data_dir": str(found.path),
        "found_by": found.origin.value,
        "files": {name: (found.path / name).is_file() for name in DATA_FILES},
        "cache_dir": str(cache.cache_dir()),
        "cache_disabled": cache.disabled_by_env(),
    }


def init(where: Path, *, tasks: bool = False) -> list[Path]:
    """`cqsc init`: a new data folder with projects.yaml (and tasks.yaml) that `cqsc check` passes; the files written."""
    from cqsc.edit import init as starter

    try:
        if where.exists() and (not where.is_dir() or any(where.iterdir())):
            raise UsageError(f"{where} exists and is not an empty folder; nothing was written", "FOLDER")
        if not where.parent.is_dir():
            raise UsageError(f"{where.parent} does not exist; create it first", "FOLDER")
        where.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{where}: {exc.strerror or exc}", "FOLDER") from None
    written = []
    for name, text in starter.files(tasks=tasks).items():
        write_text(where / name, text)
        written.append(where / name)
    return written


def schema_texts() -> dict[str, str]:
    """The JSON Schema of each data file, by file name (`cqsc schema`)."""
    from cqsc.loading import schemas

    return schemas.schema_texts()


if TYPE_CHECKING:
    from cqsc.model.options import DisplayUnit, Lang
    from cqsc.model.records import ProjectsFile, Sector, Status, Subsector
    from cqsc.queries.events import GanttRow
    from cqsc.views.check import CheckView, RulesView
    from cqsc.views.model import View
