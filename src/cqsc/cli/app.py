"""The cqsc command line: each command parses its options, calls cqsc.api, and hands the result to an
emitter (cqsc.output) or writes the document the API made. Nothing below the API is imported here but
the emitters and the option types (tests/test_architecture.py).

Exit codes (README, "Exit codes"): 0 fine, 1 the data has problems, 2 usage error, 3 an I/O or
environment error. The API raises the errors of model/errors.py; cli/errors.py maps them, once.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cqsc._version import __version__
from cqsc.cli.errors import Command, Group
from cqsc.cli.lazy import run
from cqsc.cli.options import LangOpt, choice, complete, lang_opt
from cqsc.model.errors import FileError
from cqsc.model.options import CheckFormat, DisplayUnit, Format, Lang
from cqsc.model.records import SECTOR_LABELS, SUBSECTOR_LABELS, Sector, Status, Subsector

if TYPE_CHECKING:
    from cqsc.api import Dataset

# Only typer and the code lists are imported up front; each command imports cqsc.api when it runs, and
# the API imports the stages it needs, so a run answered from the cache never imports PyYAML or pydantic.


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
def _rows(value: int | None) -> int | None:
    # Said in words: a range check would print "[x>=0]" in every listing's help, and "not in the range x>=0".
    if value is not None and value < 0:
        raise typer.BadParameter(f"{value}: give a number of rows, or 0 for all")
    return value


LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", metavar="N", callback=_rows, help="Rows to list; 0 for all. Default: 50 in tables, Markdown and HTML, all in JSON and CSV.", show_default=False),
]
SortOpt = Annotated[str | None, typer.Option("--sort", metavar="COLUMN", help="Sort by this column (the names --columns takes); -NAME for descending.", show_default=False)]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", metavar="COLUMNS", help="Only these columns, in this order, comma-separated (id,status,amount); CSV takes its own field names.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only the results: no explanatory notes.")]
BomOpt = Annotated[bool, typer.Option("--bom", help="Begin the CSV with a UTF-8 byte-order mark, so that Excel reads the Chinese text right.")]


NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Read and validate the data files even if the cache has them (also CQSC_NO_CACHE=1)."),
]


def _choices(enum: type[StrEnum]) -> str:
    # Listed in the help text, where they wrap between words, not in the metavar, where they would break mid-word.
    return ", ".join(e.value for e in enum)


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Project ids from the data (through the cache, so it is quick), for shell completion."""
    from cqsc import api

    try:
        return api.complete_ids(ctx.params.get("data_dir"), incomplete)
    except Exception:  # completion must never print a traceback into the shell
        return []


def _complete_areas(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Area numbers and numerals, described by the area names in the data."""
    from cqsc import api

    try:
        return api.complete_areas(ctx.params.get("data_dir"), incomplete)
    except Exception:  # completion must never print a traceback into the shell
        return []


def _day(value: str | None, option: str, *, end: bool = True) -> date | None:
    from cqsc import api

    return api.day(value, option, end=end)


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
            raise SystemExit(FileError.exit_code)  # before Typer runs: its Exit would not be caught here


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
    from cqsc import api

    api.check_environment()  # a bad SOURCE_DATE_EPOCH or CQSC_INCREMENTAL_MIN stops every command first (exit 2)


def _warn(message: str) -> None:
    from cqsc.output import console

    console.err_console().print(console.Text(message, style="yellow"))


def _loading_status(size: int) -> Any:
    from cqsc.output.console import loading_status  # rich, only when the slow path runs

    return loading_status(size)


def load_data(data_dir: Path | None, no_cache: bool = False, refusal: str = "nothing was reported.") -> Dataset:
    """The data set, with a spinner on a slow load; a DataError (every problem listed, exit 1) if it has errors."""
    from cqsc import api

    return api.load(data_dir, use_cache=not no_cache, progress=_loading_status, warn=_warn, refusal=refusal)


def _today() -> date:
    from cqsc import api

    return api.today()


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


def _emit(view: Any, settings: Any, output: Path | None) -> None:
    """Render the view in the chosen format; write it to stdout or -o FILE; say on stderr what the format left out."""
    from cqsc import output as out
    from cqsc.model.options import Format as F

    if settings.columns:
        if settings.format is F.csv:
            known = view.csv.fields
        else:
            main = view.main
            known = main.keys if main is not None else []
        wrong = [c for c in settings.columns if c not in known]
        if wrong:
            from cqsc.api import suggest

            close = [c for w in wrong for c in suggest(w, known, 1)]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise typer.BadParameter(f"no column {', '.join(map(repr, wrong))}{hint} (columns: {', '.join(known)})", param_hint="--columns")
        if settings.format is not F.csv and view.main is not None:
            view.blocks = [b.select(settings.columns) if b is view.main else b for b in view.blocks]
    text = out.emit(view, settings)
    if settings.tty and settings.format is not F.table:
        from cqsc.api import visible

        # A document or JSON shown on a terminal: no control or bidi character reaches it raw either.
        text = visible(text)
    if (output is None or str(output) == "-") and settings.format in (F.csv, F.markdown, F.html):
        from cqsc.output.settings import unencodable

        # A document is data: a "?" in place of a character would be a wrong value, not a display glitch.
        encoding = unencodable(text)
        if encoding is not None:
            raise FileError(f"the standard output's encoding ({encoding}) cannot carry every character of this {settings.format.value}, and a document is not written with characters replaced; write it to a file with -o FILE (always UTF-8), or set PYTHONIOENCODING=utf-8")
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
    from cqsc import api

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet, columns=columns, bom=bom)
    ds = load_data(data_dir, no_cache)
    view = api.projects_view(
        ds, sector=sector or (), subsector=subsector or (), location=location or (), search=search, status=status or (),
        as_of=_day(as_of, "--as-of"), late=late, unit=out.unit, lang=lang, limit=_limit(limit, out), sort=sort,
    )
    _emit(view, out, output)


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
    from cqsc import api

    out = _settings(fmt, output, lang=lang, quiet=quiet, columns=columns)
    day = _day(as_of, "--as-of")
    view = api.tasks_view(load_data(data_dir, no_cache), areas=area or (), search=search, as_of=day, lang=lang, limit=_limit(limit, out), sort=sort)
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
    from cqsc import api

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet)
    day = _day(as_of, "--as-of")
    _emit(api.summary_view(load_data(data_dir, no_cache), as_of=day, chart=chart, unit=out.unit, lang=lang), out, output)


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
    from cqsc import api

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet, bom=bom)
    day = _day(as_of, "--as-of")
    _emit(api.show_view(load_data(data_dir, no_cache), project_id, as_of=day, unit=out.unit, lang=lang), out, output)


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
    from cqsc import api

    out = _settings(fmt, output, lang=lang, quiet=quiet, columns=columns)
    day = _day(as_of, "--as-of")
    if chart and out.format is not Format.table:
        raise typer.BadParameter("--chart draws in the terminal; the HTML report (cqsc report --format html) has the same chart", param_hint="--chart")
    ds = load_data(data_dir, no_cache)
    if chart:
        from cqsc.output import console

        rows, line = api.gantt(ds, projects=project or (), sectors=sector or (), start=start, end=end, as_of=day)
        console.show_gantt(rows, line, lang)
        return
    view = api.timeline_view(ds, projects=project or (), sectors=sector or (), start=start, end=end, as_of=day, lang=lang, limit=_limit(limit, out), sort=sort)
    _emit(view, out, output)


@app.command(cls=Command)
def changes(
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="The first day: YYYY-MM-DD, YYYY-MM or YYYY (its first day).", show_default=False)],
    end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="The last day: YYYY-MM-DD, YYYY-MM or YYYY (its last day). Default: today.", show_default=False)] = None,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    columns: ColumnsOpt = None,
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
    --limit, --sort and --columns apply to the events.

    Example: cqsc changes --from 2024-01-01 --to 2024-12-31

    Example: cqsc changes --from 2025-07 --format markdown

    Example: cqsc changes --from 2020 --to 2021 --sort -date --limit 10
    """
    from cqsc import api

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet, columns=columns)
    first, last = api.day_range(start, end, default_end=api.today())  # before the data is read: a usage error
    assert first is not None  # --from is required
    view = api.changes_view(load_data(data_dir, no_cache), start=first, end=last, unit=out.unit, lang=lang, limit=_limit(limit, out), sort=sort)
    _emit(view, out, output)


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
    from cqsc import api

    out = _settings(fmt, output, unit=unit, lang=lang, quiet=quiet)
    day = _day(as_of, "--as-of")
    _emit(api.progress_view(load_data(data_dir, no_cache), as_of=day, unit=out.unit, lang=lang), out, output)


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check the data and report every problem at once, each on its exact line.

    Exit 0 when clean (warnings allowed), 1 when the data has problems, 2 on usage errors.

    Example: cqsc check

    Example: cqsc check --update-baseline && cqsc check --strict --format github

    Example: cqsc check --select CQ153 --as-of 2026-01-01 --stale-months 36

    Example: cqsc check --lang zh
    """
    from cqsc import api
    from cqsc.output.check import show_check, show_rules

    if list_rules:
        show_rules(api.rules_view(lang), fmt.value)
        return
    done = api.check_data(
        data_dir, strict=strict, select=select or (), ignore=ignore or (), stale_months=stale_months, as_of=_day(as_of, "--as-of"),
        baseline_file=baseline_file, no_baseline=no_baseline, update_baseline=update_baseline, quiet=quiet, use_cache=not no_cache,
        progress=_loading_status, note=_warn, lang=lang,
    )
    if done.wrote is not None:
        _wrote(done.wrote, lang)
        return
    show_check(done.view, fmt.value)
    if done.refused is not None:
        _warn(api.words(lang, "error: {why}", why=done.refused))
    if done.exit_code:
        raise typer.Exit(done.exit_code)


@app.command(cls=Command)
def schema(
    out_dir: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Folder to write projects.schema.json and tasks.schema.json to.")] = Path("schema"),
    old_out_dir: Annotated[Path | None, typer.Option("--out-dir", metavar="DIR", hidden=True, help="Deprecated: use -o DIR.")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if the files differ from the models.")] = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Write the JSON Schema of projects.yaml and tasks.yaml, for editors and other tools.

    The data files name the schema in a yaml-language-server comment, so editors validate while you type.

    Example: cqsc schema -o schema

    Example: cqsc schema --check
    """
    from cqsc import api
    from cqsc.output import console

    err = console.err_console()
    if old_out_dir is not None:
        _warn(api.words(lang, "warning: --out-dir is deprecated and will be removed in 0.3; use -o DIR (as site does)."))
        out_dir = old_out_dir
    done = api.schema(out_dir, check_only=check_only)
    for line in done.unreadable:
        err.print(console.Text(line))
    if check_only and done.stale:
        for path in done.stale:
            err.print(console.Text(api.words(lang, "{path}: differs from the models; run 'cqsc schema -o {folder}'", path=path, folder=out_dir), style="red"))
        raise typer.Exit(1)
    for path in done.stale:
        _wrote(path, lang)
    if not done.stale:
        err.print(console.Text(api.words(lang, "{folder}: up to date", folder=out_dir)))


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
    from cqsc import api

    html = api.report_is_html(fmt.value if fmt is not None else None, output)
    day = _day(as_of, "--as-of")
    first = _day(since, "--since", end=False)
    ds = load_data(data_dir, no_cache, "nothing was written.")
    text = api.report(ds, html=html, as_of=day, since=first, lang=lang, unit=unit, quiet=quiet)
    _write_output(text, output, lang)


SiteLangOpt = Annotated[Lang, lang_opt("en or zh: the language of what site says while it works (the site itself has both).")]


@app.command(cls=Command)
def site(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The folder to write: new, empty, or one a previous cqsc site wrote (updated in place; files you added stay).", show_default=False)],
    as_of: AsOfOpt = None,
    issues_url: Annotated[
        str | None, typer.Option("--issues-url", metavar="URL", help="Where readers report an error (an http(s) address), linked on every page; default: the CQSC_ISSUES_URL environment variable.", show_default=False)
    ] = None,
    lang: SiteLangOpt = Lang.en,
    data_dir: DataDirOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a static bilingual website of the portfolio: an overview with a filterable table, a page per project and per sector, the timeline, the tasks, what is not known, and downloads.

    The folder works from the file system or any static host; the same data and --as-of give the same files.

    Example: cqsc site -o public

    Example: cqsc site -o public --as-of 2025-12-31 --issues-url https://github.com/ORG/REPO/issues
    """
    from cqsc import api
    from cqsc.output import console

    day = _day(as_of, "--as-of")
    url = api.issues_url(issues_url)
    ds = load_data(data_dir, no_cache, "nothing was written.")
    err = console.err_console()

    def busy(count: int) -> Any:
        # A page per project: a large portfolio takes a while, so a terminal sees that something is happening.
        import contextlib

        return err.status(api.words(lang, "Building the site for {n} projects…", n=count)) if err.is_terminal else contextlib.nullcontext()

    files = api.site(ds, output, data_dir=data_dir, as_of=day, url=url, busy=busy)
    if url is None:
        err.print(console.Text(api.words(lang, "note: no --issues-url (or CQSC_ISSUES_URL): the pages ask readers to report errors to the publisher, without a link")))
    pages = sum(1 for name in files if name.endswith(".html"))
    _said(api.words(lang, "wrote {folder}: {pages} pages and {files} other files", folder=output, pages=pages, files=len(files) - pages))


def _write_output(text: str, output: Path | None, lang: Lang = Lang.en) -> None:
    """The result on stdout, or into -o FILE (replaced in one step; a device such as /dev/stdout written through)."""
    import sys

    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from cqsc import api

    api.write_text(output, text)
    if not api.is_stream(output):  # /dev/stdout, /dev/fd/N: written through, nothing to say
        _wrote(output, lang)


def _wrote(path: Any, lang: Lang) -> None:
    """Say on stderr that a file or folder was written."""
    from cqsc import api

    _said(api.words(lang, "wrote {path}", path=path))


def _said(message: str) -> None:
    """What was done, on stderr."""
    from cqsc.output import console

    console.err_console().print(console.Text(message))


from cqsc.model.options import EXPORTERS  # every export format, in one place

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
    lang: LangOpt = Lang.en,
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
    from cqsc import api

    if sqlite is not None:
        _warn(api.words(lang, "warning: --sqlite is deprecated and will be removed in 0.3; use -o FILE (the format follows its extension: .db is SQLite)."))
        if output is not None:
            raise typer.BadParameter("give the file once: --sqlite FILE or -o FILE", param_hint="--sqlite")
        if fmt is not None and fmt.value != "sqlite":
            raise typer.BadParameter(f"--sqlite writes SQLite; for {fmt.value} use -o FILE", param_hint="--sqlite")
        fmt, output = ExportFormat("sqlite"), sqlite
    name = api.export_format(fmt.value if fmt is not None else None, output)
    target = None if output is None or str(output) == "-" else output
    day = _day(as_of, "--as-of")
    ds = load_data(data_dir, no_cache, "nothing was written.")
    done = api.export(ds, name, target, as_of=day, metadata=metadata, lang=lang)
    for line in done.warnings or ():
        _warn(line)
    if done.text is not None:
        _write_output(done.text, None)
    for path in done.wrote:
        _wrote(path, lang)


class InfoFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(cls=Command)
def info(
    fmt: Annotated[
        InfoFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="table (plain lines) or json; the other formats have nothing to lay out here.", parser=choice(InfoFormat, "format for info"), autocompletion=complete(InfoFormat)),
    ] = InfoFormat.table,
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Say which data folder cqsc reads and why, what it holds (records, latest fact, licence, git commit), and where the cache is.

    Example: cqsc info

    Example: cqsc info --format json

    Example: cqsc info --lang zh
    """
    import sys

    from cqsc import api

    record = api.info(data_dir)
    if fmt is InfoFormat.json:
        from cqsc.output.check import write_json

        write_json(record)  # the JSON emitter's form (\u escapes where stdout cannot carry the text)
        return
    from cqsc.output.info import info_text

    sys.stdout.write(info_text(record, __version__, lang))


@app.command(cls=Command)
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to create; it must not exist or be empty.", show_default=False)],
    tasks: Annotated[bool, typer.Option("--tasks/--no-tasks", help="Also write a tasks.yaml for a plan of key tasks.")] = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Start a new portfolio: a data folder with projects.yaml (and tasks.yaml) that `cqsc check` passes.

    Example: cqsc init my-portfolio && cqsc check --data-dir my-portfolio

    Example: cqsc init plan --tasks
    """
    from cqsc import api
    from cqsc.output import console

    for path in api.init(folder, tasks=tasks):
        _wrote(path, lang)
    console.err_console().print(console.Text(api.words(lang, "next: add sources and projects, then run `cqsc check --data-dir {folder}`", folder=folder)))


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
