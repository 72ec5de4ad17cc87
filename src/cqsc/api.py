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
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

E = TypeVar("E", bound=StrEnum)

if TYPE_CHECKING:
    from cqsc.loading.discovery import DataDir
    from cqsc.model.dataset import Dataset as Dataset
    from cqsc.model.problems import Problem
    from cqsc.model.records import Project
    from cqsc.queries.status import StatusInfo
    from cqsc.queries.summary import Summary
    from cqsc.queries.totals import Total


from cqsc.edit import facts as facts  # the checks of what a user typed for `cqsc record` (UsageError)
from cqsc.model.errors import CqscError as CqscError
from cqsc.model.errors import DataError as DataError
from cqsc.model.errors import FileError as FileError
from cqsc.model.errors import UsageError as UsageError
from cqsc.model.options import Lang as Lang


def day(value: date | str | None, option: str = "--as-of", *, end: bool = True) -> date | None:
    """A day given as YYYY-MM-DD, YYYY-MM or YYYY: its last day (``end``) or its first; UsageError if not a date."""
    from cqsc.queries.ranges import day as read

    return read(value, option, end=end)


_day = day


def today() -> date:
    """Today in Beijing, the data's own day (SOURCE_DATE_EPOCH fixes it for reproducible builds)."""
    from cqsc.model.dates import today as the_day

    return the_day()


def folder(data_dir: str | Path | None = None) -> DataDir:
    """The data folder to read (--data-dir, else CQSC_DATA_DIR, a clone's data/, or the bundled data) and why."""
    from cqsc.loading import discovery

    found = discovery.find(Path(data_dir) if data_dir is not None else None)
    why = discovery.missing(found)  # a --data-dir or CQSC_DATA_DIR naming no folder: a usage error
    if why is not None:
        raise UsageError(f"{why}; give the folder that holds projects.yaml")
    return found


def load(
    data_dir: str | Path | None = None,
    *,
    use_cache: bool = True,
    progress: Callable[[int], AbstractContextManager[object]] | None = None,
    warn: Callable[[str], None] | None = None,
    refusal: str | None = None,
) -> Dataset:
    """The data set in ``data_dir`` (see ``folder``); DataError naming every problem when it has errors.

    ``progress``, given the bytes to read, makes a context the slow path runs in (a spinner, say);
    ``warn`` hears why the cache could not be used; ``refusal`` says what was not done, for the message.
    """
    from cqsc.loading import loader
    from cqsc.model.problems import has_errors

    where = folder(data_dir).path
    ds, _ = loader.load_data(where, use_cache=use_cache, progress=progress, warn=warn)
    if has_errors(ds.problems):
        if refusal is None:
            raise DataError(ds.problems)
        from cqsc.text.numbers import counted

        errors = sum(1 for p in ds.problems if p.severity == "error")
        raise DataError(ds.problems, f"{counted(errors, 'problem')} in the data in {where}; {refusal}")
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


def _timeline_filter(ds: Dataset, projects: Iterable[str], sectors: Iterable[Sector], start: str | date | None, end: str | date | None, as_of: date | None) -> tuple[Any, ProjectsFile]:
    from cqsc import queries

    first, last = queries.day_range(start, end)  # the one range rule (RangeError: a usage error)
    if as_of is not None and (last is None or as_of < last):
        last = as_of
    f = queries.TimelineFilter(tuple(projects), tuple(sectors), first, last)
    pf = _portfolio(ds, as_of)
    unknown = [p for p in f.projects if p not in {x.id for x in pf.projects}]
    if unknown:
        raise UsageError(f"no project with id {', '.join(map(repr, unknown))}", "--project")
    return f, pf


def timeline_view(
    ds: Dataset, *, projects: Iterable[str] = (), sectors: Iterable[Sector] = (), start: str | date | None = None, end: str | date | None = None,
    as_of: date | None = None, lang: Lang, limit: int = 0, sort: str | None = None,
) -> View:
    """`cqsc timeline`: dated events (and the plans ahead) of the chosen projects and sectors in the range."""
    from cqsc import queries
    from cqsc.views import events as v

    f, pf = _timeline_filter(ds, projects, sectors, start, end, as_of)
    return v.timeline_view(queries.timeline(pf, f), queries.planned_events(pf, f), lang, limit=limit, sort=sort)


def gantt(
    ds: Dataset, *, projects: Iterable[str] = (), sectors: Iterable[Sector] = (), start: str | date | None = None, end: str | date | None = None,
    as_of: date | None = None,
) -> tuple[list[GanttRow], date]:
    """`cqsc timeline --chart`: each project's stages over time, and the day the line marks."""
    from cqsc import queries

    f, pf = _timeline_filter(ds, projects, sectors, start, end, as_of)
    rows = [r for r in queries.gantt(pf, f.end) if (not f.projects or r.project.id in f.projects) and (not f.sectors or r.project.sector in f.sectors)]
    return rows, f.end or today()


def changes_view(
    ds: Dataset, *, start: str | date, end: str | date | None = None, unit: DisplayUnit, lang: Lang, limit: int = 0, sort: str | None = None
) -> View:
    """`cqsc changes`: what changed between two days (to today by default), by the one range rule."""
    from cqsc import queries
    from cqsc.views import events as v

    first, last = queries.day_range(start, end, default_end=today())
    assert first is not None and last is not None and ds.projects is not None
    return v.changes_view(queries.changes(ds.projects, first, last), unit, lang, limit=limit, sort=sort)


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


def is_stream(path: Path) -> bool:
    """Whether ``path`` names an open descriptor of this process (/dev/stdout, /dev/fd/3): written through, not replaced."""
    from cqsc.store import atomic

    return atomic.descriptor(path) is not None or (path.exists() and not path.is_file() and not path.is_dir())


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


def rules_view(lang: Lang = Lang.en) -> RulesView:
    """Every rule with its id, name, severity and summary (`cqsc check --list-rules`), the summary in ``lang``."""
    from cqsc.rules import checks
    from cqsc.views import check as v

    return v.RulesView(checks.all_rules(), lang)


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
    lang: Lang = Lang.en,
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
    from cqsc.text.lang import t
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
            note(t(lang, "note: no accepted warnings used: {why}", why=passed_over))
            if update_baseline:
                raise FileError(f"{passed_over}; give --baseline FILE to write one elsewhere")
        elif baseline_file is not None and not update_baseline:
            note(t(lang, "note: accepted warnings from {baseline} (--no-baseline lists them all)", baseline=baseline_file))
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
            refused = t(lang, "the data has errors; {baseline} is unchanged: fix them, then update the baseline", baseline=baseline_file)
            return CheckRun(v.view(problems, stats(0, 0), lang), DataError(problems).exit_code, refused=refused)
        try:
            atomic.check_replaceable(baseline_file)
        except atomic.WriteError as exc:
            raise FileError(str(exc.strerror)) from None
        write_text(baseline_file, baseline.text(ds, problems))
        return CheckRun(v.view(problems, stats(0, 0), lang), wrote=baseline_file)
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
    return CheckRun(v.view(problems, stats(len(accepted), unused), lang), code)


# --- documents: the report, the site, the exports -----------------------------------------------


def report(
    ds: Dataset, *, html: bool, as_of: date | None = None, since: date | None = None, lang: Lang | None = None, unit: DisplayUnit | None = None, quiet: bool = False,
) -> str:
    """`cqsc report`: the status report as Markdown or self-contained HTML (refused for inconsistent data)."""
    from cqsc.documents import report as r

    if since is not None and since > (as_of or today()):
        raise UsageError(f"--since {since.isoformat()} is after the report's day", "--since")
    ds = replace(require_consistent(ds), projects=_portfolio(ds, as_of))
    options = r.Options(lang=lang or Lang.en, unit=unit, quiet=quiet)
    return r.html_report(ds, as_of, since, options) if html else r.markdown(ds, as_of, since, options)


def report_is_html(given: str | None, output: Path | None) -> bool:
    """The report's format: --format, else -o's extension (.html, .htm), else Markdown."""
    if given is not None:
        return given == "html"
    return output is not None and output.suffix.lower() in (".html", ".htm")


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


from cqsc.model.options import EXPORTERS as EXPORTERS  # every export format, in one place


def export_format(name: str | None, output: Path | None) -> str:
    """The export format --format names, else the one -o's extension picks; UsageError if neither says."""
    if name is None and output is not None:
        name = next((k for k, e in EXPORTERS.items() if output.suffix.lower() in e.suffixes), None)
    if name is None:
        raise UsageError(f"say which: --format {' or --format '.join(EXPORTERS)} (or an -o file ending {' or '.join(e.suffixes[0] for e in EXPORTERS.values())})", "--format")
    return name


@dataclass
class Exported:
    """What an export wrote (each file or folder, in order), or the text for stdout; and its warnings."""

    wrote: list[Path]
    text: str | None = None
    warnings: list[str] | None = None


def export(ds: Dataset, name: str, target: Path | None, *, as_of: date | None = None, metadata: bool = False, lang: Lang = Lang.en) -> Exported:
    """`cqsc export`: the export written to ``target`` (with what goes beside it), or its text when there is none."""
    exporter = EXPORTERS[name]
    if exporter.needs_file and target is None:
        raise UsageError(f"{name} needs a file: -o FILE", "--output")
    if as_of is not None and not exporter.dated:
        raise UsageError(f"the {name} export holds every date; --as-of applies to --format {', '.join(k for k, e in EXPORTERS.items() if e.dated)}", "--as-of")
    if metadata and not exporter.metadata:
        raise UsageError(f"--metadata applies to --format {', '.join(k for k, e in EXPORTERS.items() if e.metadata)}", "--metadata")
    ds = require_consistent(ds)
    if name == "sqlite":
        from cqsc.documents.sqlite import export_metadata, export_sqlite, metadata_path

        assert target is not None
        _writing(target, lambda: export_sqlite(ds, target))
        wrote = [target]
        if metadata:
            beside = metadata_path(target)
            _writing(beside, lambda: export_metadata(ds, target, beside))
            wrote.append(beside)
        return Exported(wrote)
    from cqsc.documents import oc4ids

    try:
        text = oc4ids.package_json(ds, as_of)
    except oc4ids.ExportError as exc:  # the data cannot make a valid package
        raise CqscError(f"{exc}; nothing was written.") from None
    warnings = list(oc4ids.warnings(ds, lang))  # the package is written all the same
    if target is None:
        return Exported([], text, warnings)
    write_text(target, text)
    wrote = [target]
    pub = ds.projects.publication if ds.projects else None
    if pub is not None and pub.extension is None:
        # The package lists the extension by a reference relative to itself: put the extension there.
        folder = target.parent / oc4ids.EXTENSION_RELATIVE.split("/")[0]
        _writing(folder, lambda: _write_files(folder, oc4ids.extension_files()))
        wrote.append(folder)
    return Exported(wrote, None, warnings)


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    from cqsc.store import atomic

    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        atomic.write_bytes(folder / name, data)


# --- the data folder: what cqsc reads, a new one, the schemas --------------------------------------


INFO_FORMAT_VERSION = 2  # 2: counts, latest_fact, licence, git


def info(data_dir: str | Path | None = None) -> dict[str, Any]:
    """`cqsc info`: which data folder is read and why, what it holds (records, latest fact, licence, git), the cache."""
    from cqsc._version import __version__
    from cqsc.loading import about, loader
    from cqsc.model.dataset import DATA_FILES
    from cqsc.model.problems import has_errors
    from cqsc.store import cache

    found = folder(data_dir)
    files = {name: (found.path / name).is_file() for name in DATA_FILES}
    ds = None
    if files[DATA_FILES[0]]:
        loaded, _ = loader.load_data(found.path, warn=lambda message: None)
        ds = None if has_errors(loaded.problems) else loaded
    git = about.git_state(found.path)
    return {
        "format_version": INFO_FORMAT_VERSION,
        "version": __version__,
        "data_dir": str(found.path),
        "found_by": found.origin.value,
        "files": files,
        "counts": about.counts(ds) if ds is not None else None,
        "latest_fact": about.latest_fact(ds) if ds is not None else None,
        "licence": about.licence(ds, found.path),
        "git": {"commit": git.commit, "uncommitted_edits": git.dirty, "unknown_because": git.why},
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


@dataclass
class SchemaRun:
    stale: list[Path]  # files that differed from the models (written unless checking)
    unreadable: list[str]  # files that could not be read, with why


def schema(out_dir: Path, *, check_only: bool = False) -> SchemaRun:
    """`cqsc schema`: write the JSON Schema of each data file into ``out_dir`` (made if missing), or only compare."""
    from cqsc.loading import schemas

    if not check_only and not out_dir.is_dir():
        # The folder the option names is made (one level, as mkdir does); a missing parent is an error.
        try:
            out_dir.mkdir()
        except OSError as exc:
            raise FileError(f"{out_dir}: cannot be created: {exc.strerror or exc}") from None
    run = SchemaRun([], [])
    for name, text in schemas.schema_texts().items():
        path = out_dir / name
        try:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
        except OSError as exc:
            current = None
            run.unreadable.append(f"{path}: cannot be read: {exc.strerror or exc}")
        if current == text:
            continue
        run.stale.append(path)
        if not check_only:
            write_text(path, text)
    return run


# --- recording a fact in the user's data -----------------------------------------------------------


@dataclass
class Recorded:
    """What `cqsc record` did: the file (as shown), the new warnings, the diff of a dry run, and the line to say."""

    shown: str
    warnings: list[Problem]
    diff: str | None
    said: str


def _inside_package(where: Path) -> bool:
    """Whether ``where`` resolves to a place inside the installed cqsc package (its bundled data)."""
    import os

    package = os.path.realpath(Path(__file__).parent)
    real = os.path.realpath(where)
    return real == package or real.startswith(package + os.sep)


def record(
    kind_name: str, owner: Any, fact: list[tuple[str, Any]], spec: Any, data_dir: str | Path | None = None, *, dry_run: bool = False, file: str | None = None,
    lang: Lang = Lang.en,
) -> Recorded:
    """Insert one sourced fact into the data files (edit/record.py): checked with the whole data set, and written
    only when it brings no error and the file reads back as meant; with ``dry_run``, nothing is written."""
    from cqsc.edit import record as edit
    from cqsc.loading import discovery
    from cqsc.model.dataset import DATA_FILES, display_path
    from cqsc.store import atomic
    from cqsc.text.lang import code, t
    from cqsc.text.numbers import counted

    found = folder(data_dir)
    where = found.path
    k = edit.KINDS[kind_name] if file is None else replace(edit.KINDS[kind_name], file=file)
    # The folder, or any data file behind a link, inside the installed package: both are the bundled copy.
    if found.origin is discovery.Origin.bundled or any(_inside_package(p) for p in (where, *(where / n for n in DATA_FILES))):
        # The copy shipped with cqsc is a reference, not the maintainer's data: a write there would be lost on upgrade.
        raise UsageError(
            f"no data folder to record into ({where} is the copy bundled with cqsc): give yours with --data-dir DIR, "
            "or make one with `cqsc init DIR`; nothing was written."
        )
    try:
        out = edit.add(where, k, owner, fact, spec, dry_run=dry_run)
    except edit.Unsafe as exc:
        shown = display_path(where / k.file)
        raise CqscError(f"the {kind_name} was not recorded: it cannot be placed safely in {shown} as the file is written: {exc}; {shown} is unchanged (add it by hand).") from None
    except (atomic.WriteError, edit.Busy) as exc:
        raise FileError(str(exc.strerror)) from None
    except edit.RecordError:
        raise
    except OSError as exc:
        raise FileError(f"{display_path(where / k.file)}: {exc.strerror or exc}; nothing was written") from None
    shown = display_path(out.path)
    if out.errors:
        raise DataError(out.errors, f"the {kind_name} was not recorded: it would bring {counted(len(out.errors), 'problem')} into the data; {shown} is unchanged.")
    if dry_run:
        return Recorded(shown, out.new_warnings, out.diff(shown), t(lang, "dry run: nothing written to {file}", file=shown))
    what = code(lang, kind_name)  # the kind recorded in words: "milestone", "里程碑"
    if out.source_id is None:  # a kind that cites no source (a last-checked note)
        return Recorded(shown, out.new_warnings, None, t(lang, "recorded the {kind} in {file}", kind=what, file=shown))
    if k.section == "sources":
        said = t(lang, "recorded the {kind} in {file} (id: {source})", kind=what, file=shown, source=out.source_id)
    elif out.source_new:
        said = t(lang, "recorded the {kind} in {file} (new source: {source})", kind=what, file=shown, source=out.source_id)
    else:
        said = t(lang, "recorded the {kind} in {file} (source already listed: {source})", kind=what, file=shown, source=out.source_id)
    return Recorded(shown, out.new_warnings, None, said)


# --- what the command line needs to read its options ---------------------------------------------


def resolve_choice(value: str, enum: type[E], what: str, labels: Any = None) -> E:
    """A closed choice in any spelling (hyphens, case) or by a label; UsageError with a did-you-mean otherwise."""
    from cqsc.text.choices import ChoiceError, resolve_enum

    try:
        return resolve_enum(value, enum, what, labels)
    except ChoiceError as exc:
        raise UsageError(str(exc)) from None


def suggest(value: str, names: Iterable[str], n: int = 3) -> list[str]:
    """The names closest to a misspelt ``value`` (for a did-you-mean)."""
    from cqsc.text.choices import suggest as close

    return close(value, names, n)


def locale_lang() -> Lang:
    """The language the locale asks for (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese), when no option says."""
    from cqsc.text.lang import locale_lang as from_locale

    return from_locale()


def check_environment() -> None:
    """Refuse an environment variable cqsc cannot use (SOURCE_DATE_EPOCH, CQSC_INCREMENTAL_MIN): a usage error."""
    from cqsc.model.environment import check

    check()


def complete_ids(data_dir: str | Path | None, incomplete: str) -> list[tuple[str, str]]:
    """Project ids (with their names) starting with ``incomplete``, through the cache: for shell completion."""
    from cqsc.loading import loader
    from cqsc.store.rows import columns

    ds, _ = loader.load_data(folder(data_dir).path)
    projects = ds.projects.projects if ds.projects else []
    column = getattr(projects, "column", None) or columns(projects).__getitem__  # the cache's columns: nothing built
    return [(pid, name) for pid, name in zip(column("id"), column("name_en"), strict=True) if pid.startswith(incomplete)]


def complete_areas(data_dir: str | Path | None, incomplete: str) -> list[tuple[str, str]]:
    """Area numbers and numerals starting with ``incomplete``, described by the area names: for shell completion."""
    from cqsc.loading import loader

    ds, _ = loader.load_data(folder(data_dir).path)
    areas = sorted(ds.tasks.areas, key=lambda a: a.number) if ds.tasks else []
    out = [(str(a.number), a.name_en) for a in areas] + [(a.roman, a.name_en) for a in areas]
    return [(value, help_) for value, help_ in out if value.lower().startswith(incomplete.lower())]


def day_range(start: str | date | None, end: str | date | None, *, default_end: date | None = None) -> tuple[date | None, date | None]:
    """The first and last day of a --from/--to range: the one range rule (RangeError, a UsageError, if it runs backwards)."""
    from cqsc.queries.ranges import day_range as the_range

    return the_range(start, end, default_end=default_end)


def counted(n: int, noun: str, lang: Lang | None = None) -> str:
    """'1 project', '3 projects' (with the measure word in Chinese)."""
    from cqsc.text.numbers import counted as count

    return count(n, noun, lang or Lang.en)


def words(lang: Lang, template: str, **values: Any) -> str:
    """A sentence cqsc writes itself, in ``lang``: ``template`` is its English, a key of the catalogue (text/zh.py)."""
    from cqsc.text.lang import t

    return t(lang, template, **values)


def visible(text: str) -> str:
    """Text with every control and bidi character shown as an escape, for a terminal."""
    from cqsc.text.escape import visible as shown

    return shown(text)


def schema_texts() -> dict[str, str]:
    """The JSON Schema of each data file, by file name (`cqsc schema`)."""
    from cqsc.loading import schemas

    return schemas.schema_texts()


if TYPE_CHECKING:
    from cqsc.model.options import DisplayUnit
    from cqsc.model.records import ProjectsFile, Sector, Status, Subsector
    from cqsc.queries.events import GanttRow
    from cqsc.views.check import CheckView, RulesView
    from cqsc.views.model import View
