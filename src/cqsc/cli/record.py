"""`cqsc record`: add a sourced fact to the data files from the command line.

Each subcommand builds the fact from its options and hands it to cqsc.edit.record, which
inserts it, checks the whole data set with it and writes only what brings no error.
Exit codes: 0 written (or shown with --dry-run), 1 the fact would make the data
wrong or cannot be placed safely (nothing written), 2 usage (an unknown id, a malformed
value, a list written in flow style), 3 the file is locked, read-only or cannot be written.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer

from cqsc.cli.errors import Command
from cqsc.cli.options import choice, complete
from cqsc.edit import facts
from cqsc.model.records import (
    PLAN_RANK,
    SECTOR_LABELS,
    SUBSECTOR_LABELS,
    Basis,
    MilestoneKind,
    Scope,
    Sector,
    Subsector,
    TaskStatus,
)
from cqsc.text.choices import listed
from cqsc.text.numbers import counted

app = typer.Typer(
    name="record",
    help=(
        "Record a sourced fact in the data files: a project, a source, a milestone, a figure, a plan, or a task's progress; "
        "or a search for later news that found nothing (last-checked).\n\n"
        "Only the added lines change; the data is checked with the fact before anything is written.\n\n"
        "Example: cqsc record milestone yuxi-hsr --kind construction_start --date 2025-06-30 "
        '--label "Works started" --source https://example.gov.cn/a.html --publisher "Chongqing Daily" --published 2025-07-01'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataDirOpt = Annotated[
    Path | None,
    typer.Option("--data-dir", metavar="DIR", help="Data folder. Default: CQSC_DATA_DIR, else the nearest data/ folder, else the bundled data.", show_default=False),
]
SourceOpt = Annotated[str, typer.Option("--source", metavar="URL", help="The address of the page the fact is read from (http or https).", show_default=False)]
PublisherOpt = Annotated[str | None, typer.Option("--publisher", metavar="TEXT", help="Whose story it is: the original outlet, also for a repost.", show_default=False)]
ViaOpt = Annotated[
    str | None, typer.Option("--via", metavar="HOST", help="For a repost: the site it was read on (the address's host), e.g. sohu.com.", show_default=False)
]
PublishedOpt = Annotated[str | None, typer.Option("--published", metavar="DATE", help="When it was published: YYYY-MM-DD, YYYY-MM or YYYY.", show_default=False)]
TitleOpt = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="The page's title.", show_default=False)]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the change as a unified diff and write nothing.")]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note on the fact (why it is read this way, what is uncertain).", show_default=False)]


def _inside_package(folder: Path) -> bool:
    """Whether ``folder`` resolves to a place inside the installed cqsc package (its bundled data)."""
    import os

    import cqsc

    package = os.path.realpath(Path(cqsc.__file__).parent)
    real = os.path.realpath(folder)
    return real == package or real.startswith(package + os.sep)


def _run(
    kind_name: str, owner: Any, fact: list[tuple[str, Any]], spec: Any, data_dir: Path | None, dry_run: bool, *, file: str | None = None
) -> None:
    from cqsc.edit import record
    from cqsc.loading import discovery
    from cqsc.model.dataset import display_path
    from cqsc.output import check as console_check
    from cqsc.output import console

    found = discovery.find(data_dir)
    folder = found.path
    k = record.KINDS[kind_name] if file is None else replace(record.KINDS[kind_name], file=file)
    from cqsc.store import atomic

    err = console.err_console()
    from cqsc.model.dataset import DATA_FILES

    # The folder, or any data file behind a link, inside the installed package: both are the bundled copy.
    if found.origin is discovery.Origin.bundled or any(_inside_package(p) for p in (folder, *(folder / n for n in DATA_FILES))):
        # The copy shipped with cqsc is a reference, not the maintainer's data: a write there would be lost on upgrade.
        err.print(console.Text(
            f"error: no data folder to record into ({folder} is the copy bundled with cqsc): give yours with --data-dir DIR, "
            "or make one with `cqsc init DIR`; nothing was written.",
            style="red",
        ))
        raise typer.Exit(2)
    try:
        out = record.add(folder, k, owner, fact, spec, dry_run=dry_run)
    except record.RecordError as exc:
        raise typer.BadParameter(str(exc)) from None
    except record.Unsafe as exc:
        shown = display_path(folder / k.file)
        err.print(console.Text(f"error: the {kind_name} was not recorded: it cannot be placed safely in {shown} as the file is written: {exc}; {shown} is unchanged (add it by hand).", style="red"))
        raise typer.Exit(1) from None
    except (atomic.WriteError, record.Busy) as exc:
        err.print(console.Text(f"error: {exc.strerror}", style="red"))
        raise typer.Exit(3) from None  # EXIT_IO
    except OSError as exc:
        err.print(console.Text(f"error: {display_path(folder / k.file)}: {exc.strerror or exc}; nothing was written", style="red"))
        raise typer.Exit(3) from None
    shown = display_path(out.path)
    if out.errors:
        console_check.show_problems(out.errors)
        err.print(console.Text(f"error: the {kind_name} was not recorded: it would bring {counted(len(out.errors), 'problem')} into the data; {shown} is unchanged.", style="red"))
        raise typer.Exit(1)
    if out.new_warnings:
        console_check.show_problems(out.new_warnings)
    if dry_run:
        sys.stdout.write(out.diff(shown))
        err.print(console.Text(f"dry run: nothing written to {shown}"))
        return
    if out.source_id is None:  # a kind that cites no source (a last-checked note)
        err.print(console.Text(f"recorded the {kind_name} in {shown}"))
        return
    how = "id" if k.section == "sources" else "new source" if out.source_new else "source already listed"
    err.print(console.Text(f"recorded the {kind_name} in {shown} ({how}: {out.source_id})"))


@app.command(cls=Command)
def milestone(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as `cqsc projects` lists them.", show_default=False)],
    kind: Annotated[MilestoneKind, typer.Option("--kind", metavar="KIND", help=f"What happened: {listed(MilestoneKind)}.", parser=choice(MilestoneKind, "milestone kind"), autocompletion=complete(MilestoneKind), show_default=False)],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="When: YYYY-MM-DD, YYYY-MM or YYYY, as the source states it.", show_default=False)],
    label: Annotated[str, typer.Option("--label", metavar="TEXT", help="What happened, in a sentence.", show_default=False)],
    source: SourceOpt,
    section: Annotated[str | None, typer.Option("--section", metavar="TEXT", help="The part of the project it concerns, if not the whole.", show_default=False)] = None,
    publisher: PublisherOpt = None,
    via: ViaOpt = None,
    published: PublishedOpt = None,
    title: TitleOpt = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a dated milestone of a project, placed in date order among its milestones.

    Example: cqsc record milestone yuxi-hsr --kind construction_start --date 2025-06-30 --label "Works started on the Chongqing section" --source https://example.gov.cn/a.html --publisher "Chongqing Daily" --published 2025-07-01
    """
    fact = [
        ("kind", kind.value),
        ("date", facts.partial_date(date, "--date")),
        ("section", facts.text(section, "--section")),
        ("label", facts.text(label, "--label")),
        ("note", facts.text(note, "--note")),
    ]
    _run("milestone", project_id, fact, facts.source(source, publisher, published, title, via), data_dir, dry_run)


@app.command(cls=Command)
def figure(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as `cqsc projects` lists them.", show_default=False)],
    amount: Annotated[str, typer.Option("--amount", metavar="AMOUNT", help="The amount in 亿元 (10^8 CNY), exactly as the source gives it.", show_default=False)],
    basis: Annotated[Basis, typer.Option("--basis", metavar="BASIS", help=f"What kind of figure it is: {listed(Basis)}.", parser=choice(Basis, "basis"), autocompletion=complete(Basis), show_default=False)],
    scope: Annotated[Scope, typer.Option("--scope", metavar="SCOPE", help=f"What it covers, relative to the listed item: {listed(Scope)}.", parser=choice(Scope, "scope"), autocompletion=complete(Scope), show_default=False)],
    source: SourceOpt,
    about: Annotated[bool, typer.Option("--about", help="The source says about (约).")] = False,
    scope_note: Annotated[str | None, typer.Option("--scope-note", metavar="TEXT", help="What exactly it covers (a section, a length).", show_default=False)] = None,
    dated: Annotated[str | None, typer.Option("--dated", metavar="DATE", help="The date the figure is of: YYYY-MM-DD, YYYY-MM or YYYY.", show_default=False)] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", hidden=True, help="Deprecated: use --dated (--as-of is the portfolio's day everywhere else).", show_default=False)
    ] = None,
    publisher: PublisherOpt = None,
    via: ViaOpt = None,
    published: PublishedOpt = None,
    title: TitleOpt = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record an investment figure of a project, with its basis, scope and date.

    Figures of other bases than the 2020 list are shown, never summed.

    Example: cqsc record figure chengyu-middle-hsr --amount 692.73 --basis feasibility_estimate --scope whole_line --dated 2021-08 --source https://example.cn/b.html --publisher "China Bridge"
    """
    import re

    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", amount):
        raise typer.BadParameter(f"{amount!r} is not a plain decimal number of 亿元 (e.g. 692.73)", param_hint="--amount")
    try:
        value = Decimal(amount)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise typer.BadParameter(f"{amount!r} is not a number", param_hint="--amount") from None
    from cqsc.model.records import _amount

    try:
        _amount(value)  # the data's own range: positive, plausible, at most 6 decimal places
    except ValueError as exc:
        raise typer.BadParameter(f"out of range: {exc}", param_hint="--amount") from None
    fact = [
        ("amount", value),
        ("about", True if about else None),
        ("basis", basis.value),
        ("scope", scope.value),
        ("scope_note", facts.text(scope_note, "--scope-note")),
        ("as_of", facts.partial_date(dated, "--dated") if dated is not None else facts.partial_date(as_of, "--as-of")),
        ("note", facts.text(note, "--note")),
    ]
    _run("figure", project_id, fact, facts.source(source, publisher, published, title, via), data_dir, dry_run)


@app.command(cls=Command)
def task(
    number: Annotated[int, typer.Argument(metavar="N", help="The task's number, 1-36.", show_default=False)],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="When: YYYY-MM-DD, YYYY-MM or YYYY, as the source states it.", show_default=False)],
    status: Annotated[TaskStatus, typer.Option("--status", metavar="STATUS", help=f"The stage the source reports: {listed(TaskStatus)}.", parser=choice(TaskStatus, "task status"), autocompletion=complete(TaskStatus), show_default=False)],
    label: Annotated[str, typer.Option("--label", metavar="TEXT", help="What was done, in a sentence.", show_default=False)],
    source: SourceOpt,
    publisher: PublisherOpt = None,
    via: ViaOpt = None,
    published: PublishedOpt = None,
    title: TitleOpt = None,
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a dated progress report on one of the key tasks; its status follows the latest report.

    Example: cqsc record task 25 --date 2020-07 --status in_progress --label "Logistics cluster plan agreed" --source https://example.cn/c.html --publisher "Sichuan Daily"
    """
    fact = [("date", facts.partial_date(date, "--date")), ("status", status.value), ("label", facts.text(label, "--label"))]
    _run("task", number, fact, facts.source(source, publisher, published, title, via), data_dir, dry_run)


@app.command(cls=Command)
def plan(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as `cqsc projects` lists them.", show_default=False)],
    kind: Annotated[MilestoneKind, typer.Option("--kind", metavar="KIND", help=f"The stage planned: {', '.join(k.value for k in PLAN_RANK)}.", parser=choice(MilestoneKind, "stage"), autocompletion=complete(MilestoneKind), show_default=False)],
    due: Annotated[str, typer.Option("--due", metavar="DATE", help="When it is due: YYYY-MM-DD, YYYY-MM or YYYY (a year means by its end).", show_default=False)],
    made: Annotated[str, typer.Option("--made", metavar="DATE", help="When the plan was made (signed, announced): YYYY-MM-DD, YYYY-MM or YYYY.", show_default=False)],
    label: Annotated[str, typer.Option("--label", metavar="TEXT", help="What the plan says, in a sentence.", show_default=False)],
    source: SourceOpt,
    section: Annotated[str | None, typer.Option("--section", metavar="TEXT", help="The part of the project the plan is for, if not the whole.", show_default=False)] = None,
    publisher: PublisherOpt = None,
    via: ViaOpt = None,
    published: PublishedOpt = None,
    title: TitleOpt = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a plan: a stage a project is to reach by a date, as a plan made on a given day said.

    A later plan for the same stage supersedes an earlier one without erasing it.

    Example: cqsc record plan chengyu-middle-hsr --kind full_opening --due 2027-11 --made 2022-11-10 --label "Opening planned for the end of November 2027" --source https://example.cn/d.html
    """
    from cqsc.model.records import PLAN_RANK

    if kind not in PLAN_RANK:
        raise typer.BadParameter(f"a plan is for a stage: one of {', '.join(k.value for k in PLAN_RANK)}", param_hint="--kind")
    fact = [
        ("kind", kind.value),
        ("due", facts.partial_date(due, "--due")),
        ("section", facts.text(section, "--section")),
        ("made", facts.partial_date(made, "--made")),
        ("label", facts.text(label, "--label")),
        ("note", facts.text(note, "--note")),
    ]
    _run("plan", project_id, fact, facts.source(source, publisher, published, title, via), data_dir, dry_run)


@app.command(cls=Command)
def project(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The new project's id: lowercase letters, digits and hyphens (chengyu-middle-hsr).", show_default=False)],
    name_en: Annotated[str, typer.Option("--name-en", metavar="TEXT", help="The project's name in English.", show_default=False)],
    sector: Annotated[Sector, typer.Option("--sector", metavar="SECTOR", help=f"Its sector: {listed(Sector)}.", parser=choice(Sector, "sector", SECTOR_LABELS), autocompletion=complete(Sector), show_default=False)],
    source: SourceOpt,
    name_zh: Annotated[str | None, typer.Option("--name-zh", metavar="TEXT", help="Its name in Chinese, as a source gives it.", show_default=False)] = None,
    subsector: Annotated[Subsector | None, typer.Option("--subsector", metavar="SUBSECTOR", help=f"Its subsector, within the sector: {listed(Subsector)}.", parser=choice(Subsector, "subsector", SUBSECTOR_LABELS), autocompletion=complete(Subsector), show_default=False)] = None,
    location: Annotated[
        list[str] | None,
        typer.Option("--location", metavar="PLACE", help="PROVINCE[:PLACE...], e.g. sichuan:Chengdu:Ziyang; repeat for each province.", show_default=False),
    ] = None,
    publisher: PublisherOpt = None,
    published: PublishedOpt = None,
    title: TitleOpt = None,
    via: ViaOpt = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a new project with the source that lists it, as the last of the projects.

    Example: cqsc init my-portfolio && cqsc record project example-expwy --name-en "Example expressway" --name-zh 示例高速 --sector transport --subsector expressway --location chongqing:Yubei --source https://example.cn/e.html --publisher Xinhua --published 2020-07-31 --data-dir my-portfolio
    """
    import re

    from cqsc.model.records import SUBSECTOR_SECTOR

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", project_id) or len(project_id) > 64:
        raise typer.BadParameter(f"{project_id!r} is not an id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 64", param_hint="ID")
    if subsector is not None and SUBSECTOR_SECTOR[subsector] is not sector:
        raise typer.BadParameter(f"{subsector.value} is a subsector of {SUBSECTOR_SECTOR[subsector].value}, not of {sector.value}", param_hint="--subsector")
    locations = [facts.location(x) for x in location or []]
    provinces = [dict(loc)["province"] for loc in locations]
    repeated = sorted({p for p in provinces if provinces.count(p) > 1})
    if repeated:
        raise typer.BadParameter(f"{', '.join(repeated)} given more than once: one --location per province, with all its places", param_hint="--location")
    fact: list[tuple[str, Any]] = [
        ("id", project_id),
        ("name_en", facts.text(name_en, "--name-en")),
        ("name_zh", facts.text(name_zh, "--name-zh")),
        ("sector", sector.value),
        ("subsector", subsector.value if subsector else None),
        ("locations", locations or None),
        ("note", facts.text(note, "--note")),
    ]
    _run("project", None, fact, facts.source(source, publisher, published, title, via), data_dir, dry_run)


@app.command("source", cls=Command)
def source_(
    url: Annotated[str, typer.Argument(metavar="URL", help="The page's address (http or https).", show_default=False)],
    publisher: PublisherOpt = None,
    published: PublishedOpt = None,
    title: TitleOpt = None,
    via: ViaOpt = None,
    note: NoteOpt = None,
    file: Annotated[str, typer.Option("--file", metavar="NAME", help="The data file whose sources list gets it: projects or tasks.", show_default=False)] = "projects",
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a source (a page facts are read from) in the sources of projects.yaml, or of tasks.yaml with --file tasks.

    An address already listed in any data file is refused, with the id it is listed under.

    Example: cqsc record source https://example.cn/f.html --publisher "Sichuan Daily" --published 2021-03-02 --title "..."
    """
    from cqsc.model.dataset import PROJECTS_FILE, TASKS_FILE

    files = {"projects": PROJECTS_FILE, "tasks": TASKS_FILE}
    if file not in files:
        raise typer.BadParameter(f"{file!r}: one of projects, tasks", param_hint="--file")
    fact: list[tuple[str, Any]] = [("note", facts.text(note, "--note"))]
    spec = facts.source(url, publisher, published, title, via, hint="URL")
    _run("source", None, fact, spec, data_dir, dry_run, file=files[file])


@app.command("last-checked", cls=Command)
def last_checked(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as `cqsc projects` lists them.", show_default=False)],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="The day the search was made: YYYY-MM-DD.", show_default=False)],
    query: Annotated[list[str], typer.Option("--query", metavar="TEXT", help="A search query actually made, as typed; repeat for each one.", show_default=False)],
    where: Annotated[str | None, typer.Option("--where", metavar="TEXT", help='What was searched, e.g. "archived copies of public web pages".', show_default=False)] = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a search for later news of a project that found nothing: the day, the queries made, where.

    It cites no source and is not a fact: it never makes a project current or changes its status, and
    `cqsc check` (CQ153) and `cqsc progress` say when a stale project was last looked for.

    Example: cqsc record last-checked nantong-expwy --date 2026-12-02 --query "南潼高速 通车" --query "南充至潼南高速公路 开通" --where "archived copies of public web pages"
    """
    day = facts.partial_date(date, "--date")
    if day is not None and len(day) != 10:
        raise typer.BadParameter(f"{date!r} is not a full date: the day a search was made is known (YYYY-MM-DD)", param_hint="--date")
    queries = [facts.text(q, "--query") for q in query]
    if not queries:
        raise typer.BadParameter("give at least one --query: the searches actually made", param_hint="--query")
    fact = [("date", day), ("where", facts.text(where, "--where")), ("queries", queries), ("note", facts.text(note, "--note"))]
    _run("last-checked", project_id, fact, None, data_dir, dry_run)
