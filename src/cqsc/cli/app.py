"""The cqsc command line: parse options, call the layers, map problems to exit codes.

Exit codes (README, "Exit codes"): 0 fine, 1 the data has problems, 2 usage error,
3 an I/O or environment error (a file that cannot be read or written, a full disk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from cqsc._version import __version__
from cqsc.cli.errors import Command, Group
from cqsc.cli.lazy import run
from cqsc.cli.options import choice, complete
from cqsc.model.options import CheckFormat, DisplayUnit, Format, Lang
from cqsc.model.records import SECTOR_LABELS, SUBSECTOR_LABELS, Sector, Status, Subsector

if TYPE_CHECKING:
    from cqsc.model.dataset import Dataset

# Only typer and the code lists are imported up front; each command imports the layers it needs,
# so that a run answered from the cache never imports PyYAML or pydantic (see loader.load_data).

EXIT_DATA, EXIT_USAGE, EXIT_IO = 1, 2, 3

app = typer.Typer(
    name="cqsc",
    help=(
        "Track the Sichuan-Chongqing cooperation portfolio: the 31 jointly implemented major projects "
        "(July 2020, about 556.3 bn CNY) and the 36 key tasks of the 2019 plan.\n\n"
        "Example: cqsc projects --sector transport"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and plain one-line errors (cli/errors.py), no boxes
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", metavar="DIR",
        help="Folder holding projects.yaml (and tasks.yaml). Default: CQSC_DATA_DIR, else the nearest data/ folder from here up to the repository root, else the bundled data.",
        show_default=False,
    ),
]
# --- the output options every command shares, with one meaning each (README, "Options") --------------

FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", metavar="FORMAT", help="table, json, csv, markdown or html. Default: from the -o file's extension, else table.", case_sensitive=False, show_default=False),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to this file, replaced atomically (- for stdout); its extension picks the format unless --format says.", show_default=False),
]
UnitOpt = Annotated[
    DisplayUnit | None,
    typer.Option("--unit", metavar="UNIT", help="Display unit: bn (10^9 CNY) or yi (亿元, 10^8 CNY). Default: bn, or yi with --lang zh.", case_sensitive=False, show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE",
        help="The portfolio as it stood that day (YYYY-MM-DD, YYYY-MM or YYYY): facts dated later are left out, with the sources only they cite.",
        show_default=False,
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", metavar="N", min=0, help="Rows to list; 0 for all. Default: 50 in tables, Markdown and HTML, all in JSON and CSV.", show_default=False),
]
SortOpt = Annotated[str | None, typer.Option("--sort", metavar="COLUMN", help="Sort by this column (the names --columns takes); -NAME for descending.", show_default=False)]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", metavar="COLUMNS", help="Only these columns, in this order, comma-separated (id,status,amount); CSV takes its own field names.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only the results: no explanatory notes.")]
BomOpt = Annotated[bool, typer.Option("--bom", help="Begin the CSV with a UTF-8 byte-order mark, so that Excel reads the Chinese text right.")]


def _lang(ctx: typer.Context, param: Any, value: Lang) -> Lang:
    """Neither --lang nor CQSC_LANG said: the locale (LC_ALL, LC_MESSAGES, LANG) decides."""
    source = ctx.get_parameter_source(param.name)
    if source is None or source.name == "DEFAULT":
        from cqsc.text.lang import locale_lang

        return locale_lang()
    return value


LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="CQSC_LANG", metavar="LANG", callback=_lang, case_sensitive=False, show_default=False,
        help="en, or zh: every word cqsc writes in Chinese, and names in Chinese where the data has them (else the English, marked (en)). "
        "Default: CQSC_LANG, else zh under a zh_* locale (LC_ALL, LC_MESSAGES, LANG), else en.",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Read and validate the data files even if the cache has them (also CQSC_NO_CACHE=1)."),
]


def _choices(enum: type[StrEnum]) -> str:
    # Listed in the help text, where they wrap between words, not in the metavar, where they would break mid-word.
    return ", ".join(e.value for e in enum)


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Project ids from the data (through the cache, so it is quick), for shell completion."""
    try:
        from cqsc.loading import loader

        ds, _ = loader.load_data(resolve_data_dir(ctx.params.get("data_dir")))
    except Exception:  # completion must never print a traceback into the shell
        return []
    from cqsc.store.rows import columns

    projects = ds.projects.projects if ds.projects else []
    column = getattr(projects, "column", None) or columns(projects).__getitem__  # the cache's columns: nothing built
    return [(pid, name) for pid, name in zip(column("id"), column("name_en"), strict=True) if pid.startswith(incomplete)]


def _complete_areas(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Area numbers and numerals, described by the area names in the data."""
    try:
        from cqsc.loading import loader

        ds, _ = loader.load_data(resolve_data_dir(ctx.params.get("data_dir")))
        areas = sorted(ds.tasks.areas, key=lambda a: a.number) if ds.tasks else []
    except Exception:  # completion must never print a traceback into the shell
        return []
    out = [(str(a.number), a.name_en) for a in areas] + [(a.roman, a.name_en) for a in areas]
    return [(value, help_) for value, help_ in out if value.lower().startswith(incomplete.lower())]


def _day(value: str | None, option: str, *, end: bool = True) -> date | None:
    if value is None:
        return None
    from cqsc import queries

    try:
        return queries.parse_day(value, end=end)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _range(start: str | None, end: str | None, default_end: date | None = None) -> tuple[date | None, date | None]:
    from cqsc import queries

    try:
        return queries.day_range(start, end, default_end=default_end)
    except queries.RangeError as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.option) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cqsc {__version__}")
        raise typer.Exit()


def _slashed_output(args: list[str]) -> None:
    """Stop on an -o FILE that ends with a slash: the path type drops it, and the file would land at NAME.

    Read from the arguments as typed, before Typer parses them; ``site -o DIR/`` names a folder and is left alone.
    """
    import os
    from itertools import pairwise

    if not args or args[0] == "site":
        return
    args = args[: args.index("--")] if "--" in args else args
    values = [b for a, b in pairwise(args) if a in ("-o", "--output")] + [a[9:] for a in args if a.startswith("--output=")]
    for value in values:
        if value.endswith(("/", os.sep)) and value.strip("/" + os.sep):
            folder = Path(value)
            if folder.is_dir():
                continue  # "is a folder; give a file name", from the write itself
            what = f"{folder} is not a folder" if folder.exists() or folder.is_symlink() else f"the folder {folder} does not exist"
            from cqsc.output import console

            console.err_console().print(
                console.Text(f"error: {value}: cannot be written: {what}; a name ending in / is a folder, give a file name", style="red")
            )
            raise SystemExit(EXIT_IO)  # before Typer runs: its Exit would not be caught here


_run = {"no_pager": False}  # the options given before the command, for this run


@app.callback()
def _main(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page output longer than the screen (the pager: CQSC_PAGER, else PAGER, else less -FRX).")] = False,
) -> None:
    """Track the Sichuan-Chongqing cooperation portfolio."""
    _run["no_pager"] = no_pager
    from cqsc.model.environment import EnvError, check

    try:  # a bad SOURCE_DATE_EPOCH or CQSC_INCREMENTAL_MIN stops every command before any work, as a usage error
        check()
    except EnvError as exc:
        from cqsc.output import console

        console.err_console().print(console.Text(f"error: {exc}", style="red"))
        raise typer.Exit(2) from None


def resolve_data_dir(option: Path | None) -> Path:
    """--data-dir, else CQSC_DATA_DIR, else the nearest data/ folder of a clone, else the bundled data."""
    return data_folder(option).path


def data_folder(option: Path | None) -> Any:
    """The data folder and how it was found; a --data-dir or CQSC_DATA_DIR naming no folder is a usage error (exit 2)."""
    from cqsc.loading import discovery

    found = discovery.find(option)
    why = discovery.missing(found)
    if why is not None:
        from cqsc.output import console

        console.err_console().print(console.Text(f"error: {why}; give the folder that holds projects.yaml", style="red"))
        raise typer.Exit(EXIT_USAGE)
    return found


def need_tasks(ds: Dataset, data_dir: Path | None) -> None:
    """Stop with a clear message when the portfolio has no plan of tasks (no tasks.yaml)."""
    if ds.tasks is None:
        from cqsc.output import console

        folder = resolve_data_dir(data_dir)
        console.err_console().print(console.Text(f"error: {folder} has no tasks.yaml: this portfolio has no plan of key tasks to show.", style="red"))
        raise typer.Exit(1)


def require_consistent(ds: Dataset) -> Dataset:
    """Refuse to publish data that `cqsc check` finds errors in: a shared total must add up."""
    from cqsc.model.problems import Severity
    from cqsc.output import check as console_check
    from cqsc.output import console
    from cqsc.rules import checks
    from cqsc.text.numbers import counted

    errors = [p for p in checks.run(ds, [r for r in checks.RULES if not r.integrity]) if p.severity is Severity.error]
    if errors:
        console_check.show_problems(errors)
        console.err_console().print(
            f"error: {counted(len(errors), 'problem')} in the data; nothing was written. Fix them (`cqsc check` lists them all) and run again.",
            style="red",
        )
        raise typer.Exit(1)
    return ds


def _warn(message: str) -> None:
    from cqsc.output import console

    console.err_console().print(console.Text(message, style="yellow"))


def _loading_status(size: int) -> Any:
    from cqsc.output.console import loading_status  # rich, only when the slow path runs

    return loading_status(size)


def load_data(data_dir: Path | None, no_cache: bool = False) -> Dataset:
    """Load and guard the data; print every problem and exit 1 if it cannot be trusted."""
    from cqsc.loading import loader
    from cqsc.model.problems import has_errors

    directory = resolve_data_dir(data_dir)
    ds, _ = loader.load_data(directory, use_cache=not no_cache, progress=_loading_status, warn=_warn)
    problems = ds.problems
    if has_errors(problems):
        from cqsc.output import check as console_check
        from cqsc.output import console

        console_check.show_problems(problems)
        from cqsc.text.numbers import counted

        errors = sum(1 for p in problems if p.severity == "error")
        console.err_console().print(console.Text(f"error: {counted(errors, 'problem')} in the data in {directory}; nothing was reported.", style="red"))
        raise typer.Exit(exit_code(problems))
    return ds


def exit_code(problems: list[Any]) -> int:
    """1 for problems in the data; 3 when a file could not be read at all (the operating system said no)."""
    from cqsc.rules.codes import IO_ERROR

    return EXIT_IO if any(p.code == IO_ERROR[0] for p in problems) else EXIT_DATA


def _today() -> date:
    from cqsc.text.numbers import today

    return today()


def _settings(
    fmt: Format | None, output: Path | None, *, unit: DisplayUnit | None = None, lang: Lang = Lang.en, quiet: bool = False, columns: str | None = None, bom: bool = False
) -> Any:
    """The output settings from the shared options: the format from --format, else -o's extension, else table."""
    from cqsc.model.options import UnknownSuffix, format_for
    from cqsc.output.settings import Settings

    to_file = output is not None and str(output) != "-"
    try:
        fmt = format_for(str(output) if to_file else "-", fmt)
    except UnknownSuffix as exc:
        raise typer.BadParameter(str(exc), param_hint="'-o' / '--output'") from None
    chosen_unit = unit or (DisplayUnit.yi if lang is Lang.zh else DisplayUnit.bn)
    cols = tuple(c.strip() for c in columns.split(",") if c.strip()) if columns else ()
    if bom and fmt is not Format.csv:
        raise typer.BadParameter("a byte-order mark is for CSV (--format csv, or -o FILE.csv)", param_hint="--bom")
    return Settings.for_stdout(to_file=to_file, format=fmt, unit=chosen_unit, lang=lang, quiet=quiet, columns=cols, bom=bom)


def _limit(limit: int | None, settings: Any) -> int:
    if limit is not None:
        return limit
    return 50 if settings.format in (Format.table, Format.markdown, Format.html) else 0


class _sorting:
    """Turn a --sort naming no column into a usage error."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> Literal[False]:
        from cqsc.views.common import SortError

        if isinstance(exc, SortError):
            raise typer.BadParameter(str(exc), param_hint="--sort") from None
        return False


def _portfolio(ds: Dataset, day: date | None) -> Any:
    """The projects file as it stood on ``day`` (all of it without --as-of)."""
    from cqsc.views.common import portfolio_at

    assert ds.projects is not None
    return portfolio_at(ds.projects, day)


def _emit(view: Any, settings: Any, output: Path | None) -> None:
    """Render the view in the chosen format; write it to stdout or -o FILE; say on stderr what the format left out."""
    from cqsc import output as out
    from cqsc.model.options import Format as F

    if settings.columns:
        if settings.format is F.csv:
            known = view.csv.fields
        else:
            main = view.main
            known = [c.key for c in main.columns] if main is not None else []
        wrong = [c for c in settings.columns if c not in known]
        if wrong:
            from cqsc.text.choices import suggest

            close = [c for w in wrong for c in suggest(w, known, 1)]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise typer.BadParameter(f"no column {', '.join(map(repr, wrong))}{hint} (columns: {', '.join(known)})", param_hint="--columns")
        if settings.format is not F.csv and view.main is not None:
            view.blocks = [b.select(settings.columns) if b is view.main else b for b in view.blocks]
    text = out.emit(view, settings)
    if settings.tty and settings.format is not F.table:
        from cqsc.text.escape import visible

        # A document or JSON shown on a terminal: no control or bidi character reaches it raw either.
        text = visible(text)
    if (output is None or str(output) == "-") and settings.format in (F.csv, F.markdown, F.html):
        from cqsc.output.settings import unencodable

        # A document is data: a "?" in place of a character would be a wrong value, not a display glitch.
        encoding = unencodable(text)
        if encoding is not None:
            _fail_io(f"the standard output's encoding ({encoding}) cannot carry every character of this {settings.format.value}, and a document is not written with characters replaced; write it to a file with -o FILE (always UTF-8), or set PYTHONIOENCODING=utf-8")
    if settings.tty:  # stdout, a terminal: paged when longer than the screen
        from cqsc.output import pager

        pager.write(text, tty=True, width=settings.width, disabled=_run["no_pager"])
    else:
        _write_output(text, output)
    if settings.notes_to_stderr:
        from cqsc.output import console

        for note in settings.notes_to_stderr:
            console.err_console().print(console.Text(note))


@app.command(cls=Command)
def projects(
    sector: Annotated[list[Sector] | None, typer.Option("--sector", metavar="SECTOR", help=f"Only this sector (repeat for several): {_choices(Sector)}.", parser=choice(Sector, "sector", SECTOR_LABELS), autocompletion=complete(Sector))] = None,
    subsector: Annotated[
        list[Subsector] | None, typer.Option("--subsector", metavar="SUBSECTOR", help=f"Only this subsector (repeat for several): {_choices(Subsector)}.", parser=choice(Subsector, "subsector", SUBSECTOR_LABELS), autocompletion=complete(Subsector))
    ] = None,
    location: Annotated[
        list[str] | None, typer.Option("--location", metavar="PLACE", help="Province (Sichuan, 重庆, …) or a city/district name (repeat for several).")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", metavar="TEXT", help="Text in the project's id or name, English or Chinese.")] = None,
    status: Annotated[
        list[Status] | None, typer.Option("--status", metavar="STATUS", help=f"Only projects with this status, derived from dated milestones (repeat for several): {_choices(Status)}.", parser=choice(Status, "status"), autocompletion=complete(Status))
    ] = None,
    as_of: AsOfOpt = None,
    late: Annotated[
        bool, typer.Option("--late", help="Only projects past the date of a plan in force on the --as-of day (today by default) without having reached its stage.")
    ] = False,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    columns: ColumnsOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List projects with their status, and their total and its share of the portfolio.

    The total comes from the reported aggregate when the selection is exactly a reported group;
    otherwise it adds what is reported and says plainly what is not covered.

    Example: cqsc projects --sector transport

    Example: cqsc projects --location Rongchang --format json

    Example: cqsc projects --status completion --as-of 2023-12-31 --sort -since

    Example: cqsc projects --late --as-of 2020-06-30
    """
    from cqsc import queries
    from cqsc.views import projects as v

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet, columns=columns, bom=bom)
    day = _day(as_of, "--as-of")
    pf = _portfolio(load_data(data_dir, no_cache), day)
    f = queries.ProjectFilter(tuple(sector or ()), tuple(subsector or ()), tuple(location or ()), search, tuple(status or ()), day, late)
    chosen = queries.select_projects(pf.projects, f)
    with _sorting():
        view = v.view(chosen, queries.total_for(pf, chosen), f, out.unit, lang, limit=_limit(limit, out), sort=sort, today=_today())
    _emit(view, out, output)


def _parse_areas(values: list[str] | None) -> tuple[int, ...]:
    from cqsc import queries

    try:
        return tuple(queries.parse_area(v) for v in values or ())
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--area") from None


@app.command(cls=Command)
def tasks(
    area: Annotated[
        list[str] | None, typer.Option("--area", metavar="AREA", help="Area number (1-9) or roman numeral (I-IX); repeat for several.", autocompletion=_complete_areas)
    ] = None,
    search: Annotated[str | None, typer.Option("--search", metavar="TEXT", help="Text in the task's title.")] = None,
    as_of: AsOfOpt = None,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    columns: ColumnsOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List the 36 key tasks of the 2019 Key Working Plan, by area.

    Example: cqsc tasks --area 6

    Example: cqsc tasks --area VIII --format markdown

    Example: CQSC_LANG=zh cqsc tasks --area 2
    """
    from cqsc import queries
    from cqsc.views import tasks as v
    from cqsc.views.common import tasks_at

    out = _settings(fmt, output, lang=lang, quiet=quiet, columns=columns)
    areas = _parse_areas(area)
    day = _day(as_of, "--as-of")
    ds = load_data(data_dir, no_cache)
    need_tasks(ds, data_dir)
    assert ds.tasks is not None
    tf = tasks_at(ds.tasks, day)
    with _sorting():
        view = v.view(tf, queries.select_tasks(tf, queries.TaskFilter(areas, search)), lang, as_of=day, limit=_limit(limit, out), sort=sort)
    _emit(view, out, output)


@app.command(cls=Command)
def summary(
    as_of: AsOfOpt = None,
    chart: Annotated[bool, typer.Option("--chart", help="Only the reported amounts, as bars across the width (a table of the same in the other formats).")] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    unit: UnitOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show the portfolio at a glance: each sector and subsector, statuses, the tasks per area, and what is unknown.

    Example: cqsc summary

    Example: cqsc summary --unit yi --format markdown

    Example: cqsc summary --chart --lang zh
    """
    from cqsc import queries
    from cqsc.views import summary as v

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet)
    day = _day(as_of, "--as-of")
    ds = load_data(data_dir, no_cache)
    pf = _portfolio(ds, day)
    s = queries.summarise(pf, ds.tasks, day)
    view = (v.chart_view if chart else v.view)(s, pf.aggregates, out.unit, lang)
    _emit(view, out, output)


@app.command(cls=Command)
def show(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as `cqsc projects` lists them.", show_default=False, autocompletion=_complete_ids)],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show one project: every fact, figure, milestone and source, and its status.

    With --as-of, every fact dated after that day is left out, and the sources only those facts cite.

    Example: cqsc show kailiang-expwy

    Example: cqsc show chengdawan-hsr --as-of 2020-12-31 --format json
    """
    import difflib

    from cqsc.views import show as v

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet, bom=bom)
    day = _day(as_of, "--as-of")
    ds = load_data(data_dir, no_cache)
    assert ds.projects is not None
    from cqsc.queries.totals import ids_of

    ids = ids_of(ds.projects.projects)  # read from the cache's columns: only the one shown is built
    if project_id not in ids:
        close = difflib.get_close_matches(project_id, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `cqsc projects` lists the ids"
        raise typer.BadParameter(f"no project with id {project_id!r}{hint}", param_hint="ID")
    _emit(v.view(ds.projects, ds.projects.projects[ids.index(project_id)], day, out.unit, lang), out, output)


@app.command(cls=Command)
def timeline(
    project: Annotated[list[str] | None, typer.Option("--project", metavar="ID", help="Only this project's events (repeat for several).", autocompletion=_complete_ids)] = None,
    sector: Annotated[list[Sector] | None, typer.Option("--sector", metavar="SECTOR", help=f"Only this sector (repeat for several): {_choices(Sector)}.", parser=choice(Sector, "sector", SECTOR_LABELS), autocompletion=complete(Sector))] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="DATE", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY).", show_default=False)] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Up to this date (YYYY-MM-DD, YYYY-MM or YYYY).", show_default=False)] = None,
    as_of: AsOfOpt = None,
    chart: Annotated[bool, typer.Option("--chart", help="Draw each project's stages and planned dates across 2018-2028 instead (the line marks --as-of or --to, or today).")] = False,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    columns: ColumnsOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List dated events across the portfolio: approvals, starts, openings, completions.

    --to limits the events listed; --as-of shows the portfolio as it stood that day (plans made later left out too).

    Example: cqsc timeline --from 2023 --to 2024

    Example: cqsc timeline --project kailiang-expwy

    Example: cqsc timeline --chart --sector transport
    """
    from cqsc import queries
    from cqsc.views import events as v

    out = _settings(fmt, output, lang=lang, quiet=quiet, columns=columns)
    day = _day(as_of, "--as-of")
    first, last = _range(start, end)
    if day is not None and (last is None or day < last):
        last = day
    f = queries.TimelineFilter(tuple(project or ()), tuple(sector or ()), first, last)
    ds = load_data(data_dir, no_cache)
    pf = _portfolio(ds, day)
    unknown = [p for p in f.projects if p not in {x.id for x in pf.projects}]
    if unknown:
        raise typer.BadParameter(f"no project with id {', '.join(map(repr, unknown))}", param_hint="--project")
    if chart:
        from cqsc.output import console

        if out.format is not Format.table:
            raise typer.BadParameter("--chart draws in the terminal; the HTML report (cqsc report --format html) has the same chart", param_hint="--chart")
        rows = [r for r in queries.gantt(pf, f.end) if (not f.projects or r.project.id in f.projects) and (not f.sectors or r.project.sector in f.sectors)]
        console.show_gantt(rows, f.end or _today(), lang)
        return
    with _sorting():
        view = v.timeline_view(queries.timeline(pf, f), queries.planned_events(pf, f), lang, limit=_limit(limit, out), sort=sort)
    _emit(view, out, output)


@app.command(cls=Command)
def changes(
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="The first day: YYYY-MM-DD, YYYY-MM or YYYY (its first day).", show_default=False)],
    end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="The last day: YYYY-MM-DD, YYYY-MM or YYYY (its last day). Default: today.", show_default=False)] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    unit: UnitOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show what changed between two days: status changes, events, new figures and plans, by project and sector.

    A fact counts when its whole date lies in the range; a partial date that overlaps an end is listed apart.

    Example: cqsc changes --from 2024-01-01 --to 2024-12-31

    Example: cqsc changes --from 2025-07 --format markdown
    """
    from cqsc import queries
    from cqsc.views import events as v

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet)
    first, last = _range(start, end, default_end=_today())
    assert first is not None and last is not None
    ds = load_data(data_dir, no_cache)
    assert ds.projects is not None
    _emit(v.changes_view(queries.changes(ds.projects, first, last), out.unit, lang), out, output)


@app.command(cls=Command)
def progress(
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    unit: UnitOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show progress: projects started and completed per sector, reported investment, the annual lists, and how recent each project's news is.

    Example: cqsc progress

    Example: cqsc progress --as-of 2020-12-31 --format json
    """
    from cqsc import queries
    from cqsc.views import progress as v

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet)
    day = _day(as_of, "--as-of") or _today()
    ds = load_data(data_dir, no_cache)
    pf = _portfolio(ds, day)
    _emit(v.view(queries.progress(pf, ds.annual, day), pf.projects, out.unit, lang), out, output)


def _check_format(value: str) -> CheckFormat:
    # "text" was check's name for what every other command calls a table; still read, no longer listed.
    return CheckFormat.table if value.strip().lower() == "text" else choice(CheckFormat, "format for check")(value)


@app.command(cls=Command)
def check(
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (accepted ones in --baseline stay warnings).")] = False,
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="table, json, or github (GitHub Actions annotations).", parser=_check_format, autocompletion=complete(CheckFormat)),
    ] = CheckFormat.table,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules with their ids and severity, and exit.")] = False,
    stale_months: Annotated[int, typer.Option("--stale-months", metavar="N", min=1, help="Warn about unfinished projects with no dated fact for this many months.")] = 24,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Judge dates (future, stale) as of this day instead of today (in Beijing time, the data's own).", show_default=False)] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", metavar="RULE", help="Run only these rules: an id (CQ153), a prefix (CQ15) or a name (stale-project); repeat for several.", show_default=False)
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="RULE", help="Skip these rules (id, prefix or name); repeat for several.", show_default=False)] = None,
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            "--baseline", metavar="FILE",
            help="A file of accepted warnings: only problems not in it are listed and counted. Default: .cqsc-baseline.json beside the data folder (or in it), when there is one.",
            show_default=False,
        ),
    ] = None,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Use no baseline file: list and count every problem.")] = False,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write every current warning into the baseline file (--baseline, else the default one), and exit.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and new problems: no excerpts, no summary.")] = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check the data and report every problem at once, each on its exact line.

    Exit 0 when clean (warnings allowed), 1 when the data has problems, 2 on usage errors.

    Example: cqsc check

    Example: cqsc check --update-baseline && cqsc check --strict --format github

    Example: cqsc check --select CQ153 --as-of 2026-01-01 --stale-months 36
    """
    from cqsc.output.check import show_check, show_rules
    from cqsc.rules import checks
    from cqsc.views import check as v

    if list_rules:
        show_rules(v.RulesView(checks.all_rules()), fmt.value)
        return
    if no_baseline and (baseline_file is not None or update_baseline):
        raise typer.BadParameter("--no-baseline goes with neither --baseline nor --update-baseline", param_hint="--no-baseline")
    try:
        chosen = checks.select_rules(select or (), ignore or ())
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--select/--ignore") from None
    from cqsc.loading import discovery, loader
    from cqsc.model.dataset import display_path
    from cqsc.rules import baseline

    ctx = checks.Context(today=_day(as_of, "--as-of") or checks.today(), stale_months=stale_months)
    folder = data_folder(data_dir)
    if baseline_file is None and not no_baseline:
        baseline_file, passed_over = discovery.baseline_for(folder.path)
        if passed_over is not None:
            _warn(f"note: no accepted warnings used: {passed_over}")
            if update_baseline:
                _fail_io(f"{passed_over}; give --baseline FILE to write one elsewhere")
        elif baseline_file is not None and not update_baseline:
            _warn(f"note: accepted warnings from {baseline_file} (--no-baseline lists them all)")
        elif baseline_file is None and update_baseline:
            baseline_file = discovery.default_baseline(folder.path)
    ds, _ = loader.load_data(folder.path, use_cache=not no_cache, progress=_loading_status, warn=_warn)
    # Loading and integrity problems come with the data set (none when the cache served it).
    codes = {r.code for r in chosen}
    loaded = [p for p in ds.problems if p.code in codes or not checks.is_rule(p.code)]
    from cqsc.model.problems import has_errors

    # Integrity rules ran with a clean load; after a failed one, run them on the records that loaded.
    rules = [r for r in chosen if not r.integrity or has_errors(ds.problems)]
    problems = sorted(loaded + checks.run_cached(ds, rules, ctx), key=lambda p: p.sort_key())

    def stats(accepted: int, unused: int) -> v.CheckStats:
        return v.CheckStats(
            rules=len(chosen) + sum(1 for c in checks.all_rules() if not checks.is_rule(c[0])),
            records=checks.records(ds),
            strict=strict,
            folder=display_path(folder.path),
            accepted=accepted,
            baseline=str(baseline_file) if baseline_file else None,
            unused=unused,
            quiet=quiet,
            skipped=sum(1 for r in rules if r.whole) if ds.partial else 0,
        )

    if update_baseline:
        assert baseline_file is not None
        from cqsc.store import atomic

        if any(p.severity == "error" for p in problems):
            # Errors hide the warnings of the records they break: a baseline written now would drop them.
            show_check(v.view(problems, stats(0, 0)), fmt.value)
            _warn(f"error: the data has errors; {baseline_file} is unchanged: fix them, then update the baseline")
            raise typer.Exit(exit_code(problems))
        try:
            atomic.check_replaceable(baseline_file)
        except atomic.WriteError as exc:
            _fail_io(str(exc.strerror))
        _write(baseline_file, lambda: atomic.write_text(baseline_file, baseline.text(ds, problems)))
        return
    accepted: list[Any] = []
    unused = 0
    if baseline_file is not None:
        try:
            known = baseline.load(baseline_file)
            # Entries of rules that did not run (--select, --ignore) are neither used nor unused.
            known = type(known)({k: n for k, n in known.items() if k[0] in codes})
            split = baseline.split(ds, problems, known)
        except baseline.BaselineError as exc:
            from cqsc.output import console

            console.err_console().print(console.Text(f"error: {exc}", style="red"))
            raise typer.Exit(2) from None
        problems, accepted, unused = split.new, split.accepted, split.unused
    if strict:
        problems = checks.strict(problems)
    show_check(v.view(problems, stats(len(accepted), unused)), fmt.value)
    if any(p.severity == "error" for p in problems):
        raise typer.Exit(exit_code(problems))


@app.command(cls=Command)
def schema(
    out_dir: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Folder to write projects.schema.json and tasks.schema.json to.")] = Path("schema"),
    old_out_dir: Annotated[Path | None, typer.Option("--out-dir", metavar="DIR", hidden=True, help="Deprecated: use -o DIR.")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models.")] = False,
) -> None:
    """Write the JSON Schema of projects.yaml and tasks.yaml, for editors and other tools.

    The data files name the schema in a yaml-language-server comment, so editors validate while you type.

    Example: cqsc schema -o schema

    Example: cqsc schema --check
    """
    from cqsc.loading import schemas
    from cqsc.output import console
    from cqsc.store import atomic

    err = console.err_console()
    if old_out_dir is not None:
        _warn("warning: --out-dir is deprecated and will be removed in 0.3; use -o DIR (as site does).")
        out_dir = old_out_dir
    if not check_only and not out_dir.is_dir():
        # The folder the option names is made (one level, as mkdir does); a missing parent is an error.
        try:
            out_dir.mkdir()
        except OSError as exc:
            err.print(console.Text(f"error: {out_dir}: cannot be created: {exc.strerror or exc}", style="red"))
            raise typer.Exit(EXIT_IO) from None
    stale = []
    for name, text in schemas.schema_texts().items():
        path = out_dir / name
        try:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
        except OSError as exc:
            current = None
            err.print(f"{path}: cannot be read: {exc.strerror or exc}")
        if current == text:
            continue
        stale.append(path)
        if not check_only:
            _write(path, partial(atomic.write_text, path, text))
    if check_only and stale:
        for path in stale:
            err.print(f"{path}: differs from the models; run 'cqsc schema -o {out_dir}'", style="red")
        raise typer.Exit(1)
    if not stale:
        err.print(f"{out_dir}: up to date")


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command(cls=Command)
def report(
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="markdown (renders on GitHub) or html (self-contained, prints cleanly). Default: from the -o file's extension, else markdown.", case_sensitive=False, show_default=False),
    ] = None,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Add a section on what changed from this day to the report's day (YYYY-MM-DD, YYYY-MM or YYYY).", show_default=False)
    ] = None,
    unit: UnitOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a shareable status report: headline totals, a chart, the projects, the tasks, what is unknown, and every source.

    Example: cqsc report -o report.html

    Example: cqsc report --format markdown -o STATUS.md

    Example: cqsc report --format html --since 2025-01-01 -o monthly.html

    Example: cqsc report --lang zh -o 报告.html
    """
    from dataclasses import replace

    from cqsc.documents import report

    if fmt is None:
        fmt = ReportFormat.html if output is not None and output.suffix.lower() in (".html", ".htm") else ReportFormat.markdown
    day = _day(as_of, "--as-of")
    first = _day(since, "--since", end=False)
    if first is not None and first > (day or _today()):
        raise typer.BadParameter(f"--since {first.isoformat()} is after the report's day", param_hint="--since")
    ds = require_consistent(load_data(data_dir, no_cache))
    ds = replace(ds, projects=_portfolio(ds, day))
    options = report.Options(lang=lang, unit=unit, quiet=quiet)
    text = report.html_report(ds, day, first, options) if fmt is ReportFormat.html else report.markdown(ds, day, first, options)
    _write_output(text, output)


@app.command(cls=Command)
def site(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The folder to write: new, empty, or one a previous cqsc site wrote (updated in place; files you added stay).", show_default=False)],
    as_of: AsOfOpt = None,
    issues_url: Annotated[
        str | None, typer.Option("--issues-url", metavar="URL", help="Where readers report an error (an http(s) address), linked on every page; default: the CQSC_ISSUES_URL environment variable.", show_default=False)
    ] = None,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a static bilingual website of the portfolio: an overview with a filterable table, a page per project and per sector, the timeline, the tasks, what is not known, and downloads.

    The folder works from the file system or any static host; the same data and --as-of give the same files.

    Example: cqsc site -o public

    Example: cqsc site -o public --as-of 2025-12-31 --issues-url https://github.com/ORG/REPO/issues
    """
    import contextlib
    import os
    import tempfile
    from dataclasses import replace

    from cqsc.documents import site as s
    from cqsc.documents.sqlite import export_sqlite
    from cqsc.model.dataset import DATA_FILES, Unreadable, read_raw
    from cqsc.output import console

    day = _day(as_of, "--as-of")
    directory = resolve_data_dir(data_dir)
    ds = require_consistent(load_data(data_dir, no_cache))
    ds = replace(ds, projects=_portfolio(ds, day))
    raw = {}
    for name in DATA_FILES:
        got = read_raw(directory / name)
        if isinstance(got, bytes):
            raw[name] = got
        elif name != DATA_FILES[0] and got.why == "file not found":
            continue
        else:
            assert isinstance(got, Unreadable)
            console.err_console().print(console.Text(f"error: {directory / name} {got.why}; nothing was written.", style="red"))
            raise typer.Exit(EXIT_IO)

    def sqlite() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "cqsc.sqlite"
            export_sqlite(ds, target)
            return target.read_bytes()

    url = issues_url or os.environ.get("CQSC_ISSUES_URL") or None
    err = console.err_console()
    if url is not None and not url.startswith(("http://", "https://")):
        raise typer.BadParameter(f"{url!r} is not an http(s) address", param_hint="--issues-url")
    # A page per project: a large portfolio takes a while, so a terminal sees that something is happening.
    busy: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
    if err.is_terminal:
        busy = err.status(f"Building the site for {len(ds.projects.projects) if ds.projects else 0} projects…")
    with busy:
        files = s.build(ds, s.Site(day or _today(), day, url), raw, sqlite)
    try:
        s.write(files, output)
    except s.SiteError as exc:  # it says whether anything was written
        console.err_console().print(console.Text(f"error: {exc}.", style="red"))
        raise typer.Exit(EXIT_IO) from None
    except OSError as exc:
        console.err_console().print(console.Text(f"error: {output}: cannot be written: {exc.strerror or exc}; the previous site, if any, is unchanged.", style="red"))
        raise typer.Exit(EXIT_IO) from None
    if url is None:
        err.print(console.Text("note: no --issues-url (or CQSC_ISSUES_URL): the pages ask readers to report errors to the publisher, without a link"))
    pages = sum(1 for name in files if name.endswith(".html"))
    console.err_console().print(console.Text(f"wrote {output}: {pages} pages and {len(files) - pages} other files"))


def _write_output(text: str, output: Path | None) -> None:
    import sys

    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from cqsc.store import atomic

    _write(output, lambda: atomic.write_text(output, text))


def _fail_io(message: str) -> NoReturn:
    from cqsc.output import console

    console.err_console().print(console.Text(f"error: {message}", style="red"))
    raise typer.Exit(EXIT_IO)


def _write(path: Path, write: Callable[[], None]) -> None:
    """Run a write to ``path``; say so on stderr, or say why it failed in one line and exit with the I/O code."""
    from cqsc.output import console
    from cqsc.store import atomic

    try:
        write()
    except atomic.WriteError as exc:
        console.err_console().print(console.Text(f"error: {exc.strerror}", style="red"))
        raise typer.Exit(EXIT_IO) from None
    except OSError as exc:
        console.err_console().print(console.Text(f"error: {path}: cannot be written: {exc.strerror or exc}", style="red"))
        raise typer.Exit(EXIT_IO) from None
    console.err_console().print(console.Text(f"wrote {path}"))


def _export_sqlite(ds: Dataset, target: Path | None, day: date | None, metadata: bool) -> None:
    from cqsc.documents.sqlite import export_metadata, export_sqlite, metadata_path

    assert target is not None
    _write(target, lambda: export_sqlite(ds, target))
    if metadata:
        beside = metadata_path(target)
        _write(beside, lambda: export_metadata(ds, target, beside))


def _export_oc4ids(ds: Dataset, target: Path | None, day: date | None, metadata: bool) -> None:
    from cqsc.documents import oc4ids

    try:
        text = oc4ids.package_json(ds, day)
    except oc4ids.ExportError as exc:
        from cqsc.output import console

        console.err_console().print(console.Text(f"error: {exc}; nothing was written.", style="red"))
        raise typer.Exit(1) from None
    from cqsc.output import console

    for line in oc4ids.warnings(ds):  # the package is written all the same (exit 0)
        console.err_console().print(console.Text(line, style="yellow"), soft_wrap=True)
    _write_output(text, target)
    pub = ds.projects.publication if ds.projects else None
    if target is not None and str(target) != "-" and pub is not None and pub.extension is None:
        # The package lists the extension by a reference relative to itself: put the extension there.
        folder = target.parent / oc4ids.EXTENSION_RELATIVE.split("/")[0]
        _write(folder, lambda: _write_files(folder, oc4ids.extension_files()))


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    from cqsc.store import atomic

    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        atomic.write_bytes(folder / name, data)


@dataclass(frozen=True)
class _Exporter:
    help: str
    suffixes: tuple[str, ...]  # -o FILE's extensions that choose it
    needs_file: bool  # a binary format: never stdout
    dated: bool  # takes --as-of
    metadata: bool  # takes --metadata (Datasette's metadata.json beside the file)
    run: Callable[[Dataset, Path | None, date | None, bool], None]


# Every export format, in one place: a new one is one entry here (and its module).
EXPORTERS: dict[str, _Exporter] = {
    "sqlite": _Exporter("a SQLite database, one table per record type", (".db", ".sqlite", ".sqlite3"), True, False, True, _export_sqlite),
    "oc4ids": _Exporter("an OC4IDS 0.9 project package (JSON)", (".json",), False, True, False, _export_oc4ids),
}
ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORTERS})  # type: ignore[misc]


@app.command(cls=Command)
def export(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="; ".join(f"{k}: {e.help}" for k, e in EXPORTERS.items()) + ". Default: from the -o file's extension.", case_sensitive=False, show_default=False),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="File to write, replaced atomically; - (or none) for stdout where the format allows.", show_default=False)] = None,
    sqlite: Annotated[Path | None, typer.Option("--sqlite", metavar="FILE", help="Deprecated: use -o FILE.db (or --format sqlite -o FILE).", show_default=False, hidden=False)] = None,
    as_of: AsOfOpt = None,
    metadata: Annotated[
        bool, typer.Option("--metadata", help="SQLite: also write Datasette metadata (titles, descriptions, units, licence) beside the file, as NAME.metadata.json.")
    ] = False,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Export everything to a SQLite database (a table per record type, views for common questions), or the projects as an OC4IDS project package.

    Open the database with Datasette: datasette cqsc.db --metadata cqsc.metadata.json

    The OC4IDS package is dated by --as-of or else the latest date in the data, never today: the same data gives the same file.

    Example: cqsc export -o cqsc.db

    Example: cqsc export -o cqsc.db --metadata

    Example: cqsc export --format oc4ids -o portfolio.oc4ids.json
    """
    if sqlite is not None:
        _warn("warning: --sqlite is deprecated and will be removed in 0.3; use -o FILE (the format follows its extension: .db is SQLite).")
        if output is not None:
            raise typer.BadParameter("give the file once: --sqlite FILE or -o FILE", param_hint="--sqlite")
        if fmt is not None and fmt.value != "sqlite":
            raise typer.BadParameter(f"--sqlite writes SQLite; for {fmt.value} use -o FILE", param_hint="--sqlite")
        fmt, output = ExportFormat("sqlite"), sqlite
    name = fmt.value if fmt is not None else None
    if name is None and output is not None:
        name = next((k for k, e in EXPORTERS.items() if output.suffix.lower() in e.suffixes), None)
    if name is None:
        raise typer.BadParameter(
            f"say which: --format {' or --format '.join(EXPORTERS)} (or an -o file ending {' or '.join(e.suffixes[0] for e in EXPORTERS.values())})", param_hint="--format"
        )
    exporter = EXPORTERS[name]
    target = None if output is None or str(output) == "-" else output
    if exporter.needs_file and target is None:
        raise typer.BadParameter(f"{name} needs a file: -o FILE", param_hint="--output")
    day = _day(as_of, "--as-of")
    if day is not None and not exporter.dated:
        raise typer.BadParameter(f"the {name} export holds every date; --as-of applies to --format {', '.join(k for k, e in EXPORTERS.items() if e.dated)}", param_hint="--as-of")
    if metadata and not exporter.metadata:
        raise typer.BadParameter(f"--metadata applies to --format {', '.join(k for k, e in EXPORTERS.items() if e.metadata)}", param_hint="--metadata")
    ds = require_consistent(load_data(data_dir, no_cache))
    exporter.run(ds, target, day, metadata)


class InfoFormat(StrEnum):
    table = "table"
    json = "json"


INFO_FORMAT_VERSION = 2  # 2: counts, latest_fact, licence, git


@app.command(cls=Command)
def info(
    fmt: Annotated[
        InfoFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="table (plain lines) or json; the other formats have nothing to lay out here.", parser=choice(InfoFormat, "format for info"), autocompletion=complete(InfoFormat)),
    ] = InfoFormat.table,
    data_dir: DataDirOpt = None,
) -> None:
    """Say which data folder cqsc reads and why, what it holds (records, latest fact, licence, git commit), and where the cache is.

    Example: cqsc info

    Example: cqsc info --format json
    """
    import json
    import sys

    from cqsc.loading import about, loader
    from cqsc.model.dataset import DATA_FILES
    from cqsc.model.problems import has_errors
    from cqsc.store import cache

    found = data_folder(data_dir)
    files = {name: (found.path / name).is_file() for name in DATA_FILES}
    ds = None
    if files[DATA_FILES[0]]:
        loaded, _ = loader.load_data(found.path, warn=lambda message: None)
        ds = None if has_errors(loaded.problems) else loaded
    git = about.git_state(found.path)
    record: dict[str, Any] = {
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
    if fmt is InfoFormat.json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    from cqsc.text.numbers import counted

    nouns = {"projects": "project", "milestones": "milestone", "reported_groups": "reported group", "sources": "source",
             "areas": "area", "tasks": "task", "annual_lists": "annual list", "progress_reports": "progress report"}
    if ds is None:
        holds = "not read: the data has problems (`cqsc check` lists them)" if files[DATA_FILES[0]] else "nothing (no projects.yaml)"
    else:
        holds = ", ".join(counted(n, nouns[k]) for k, n in (record["counts"] or {}).items())
    if git.commit is not None:
        state = {True: "uncommitted edits in the data folder", False: "no uncommitted edits", None: "edits unknown"}[git.dirty]
        git_line = f"git: {git.commit[:12]}, {state}"
    else:
        git_line = f"git: unknown ({git.why})"
    lines = [
        f"cqsc {__version__}",
        f"data: {found.path}",
        f"  found by: {found.origin.value}",
        *(f"  {name}: {'present' if ok else 'absent'}" for name, ok in files.items()),
        f"  holds: {holds}",
        f"  latest fact: {record['latest_fact'] or 'none'}",
        f"  licence: {record['licence'] or 'not stated in the data folder'}",
        f"  {git_line}",
        f"cache: {record['cache_dir']}{' (disabled by CQSC_NO_CACHE)' if record['cache_disabled'] else ''}",
    ]
    sys.stdout.write("".join(f"{ln}\n" for ln in lines))


@app.command(cls=Command)
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to create; it must not exist or be empty.", show_default=False)],
    tasks: Annotated[bool, typer.Option("--tasks/--no-tasks", help="Also write a tasks.yaml for a plan of key tasks.")] = False,
) -> None:
    """Start a new portfolio: a data folder with projects.yaml (and tasks.yaml) that `cqsc check` passes.

    Example: cqsc init my-portfolio && cqsc check --data-dir my-portfolio

    Example: cqsc init plan --tasks
    """
    from cqsc.edit import init
    from cqsc.output import console
    from cqsc.store import atomic

    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise typer.BadParameter(f"{folder} exists and is not an empty folder; nothing was written", param_hint="FOLDER")
        if not folder.parent.is_dir():
            raise typer.BadParameter(f"{folder.parent} does not exist; create it first", param_hint="FOLDER")
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise typer.BadParameter(f"{folder}: {exc.strerror or exc}", param_hint="FOLDER") from None
    for name, text in init.files(tasks=tasks).items():
        _write(folder / name, partial(atomic.write_text, folder / name, text))
    console.err_console().print(console.Text(f"next: add sources and projects, then run `cqsc check --data-dir {folder}`"))


from cqsc.cli.record import app as _record_app  # the sub-app registers after the commands above

app.add_typer(_record_app, name="record")


def main() -> None:
    """The console entry point: the process-level guards every command shares, then the app."""
    import signal
    import sys

    # A closed pipe (`cqsc projects | head -1`) ends the process quietly, as SIGPIPE ends any Unix tool
    # (status 141 in a shell), whatever the format, instead of a BrokenPipeError traceback.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # A terminal or pipe that cannot encode some text (PYTHONIOENCODING=ascii, a latin-1 locale) gets
    # replacement characters, never a UnicodeEncodeError; JSON switches to \u escapes (output.check.write_json).
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace" if stream is sys.stdout else "backslashreplace")
    _slashed_output(sys.argv[1:])
    # Only the command named is built (lazy.py); errors end in Commands.invoke.
    run(app)
