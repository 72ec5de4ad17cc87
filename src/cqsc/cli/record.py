"""`cqsc record`: add a sourced fact to the data files from the command line.

Each subcommand builds the fact from its options and hands it to cqsc.edit.record, which
inserts it, checks the whole data set with it and writes only what brings no error.
Exit codes: 0 written (or shown with --dry-run), 1 the fact would make the data
wrong or cannot be placed safely (nothing written), 2 usage (an unknown id, a malformed
value, a list written in flow style), 3 the file is locked, read-only or cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cqsc.cli.errors import Command
from cqsc.cli.options import LangOpt, choice, complete, listed
from cqsc.model.options import Lang
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


def _facts() -> Any:
    """The checks of what was typed (cqsc.api.facts), imported when a command runs, not at start-up."""
    from cqsc.api import facts

    return facts


def _run(
    kind_name: str, owner: Any, fact: list[tuple[str, Any]], spec: Any, data_dir: Path | None, dry_run: bool, *, file: str | None = None, lang: Lang = Lang.en
) -> None:
    from cqsc import api
    from cqsc.output import check as console_check
    from cqsc.output import console

    done = api.record(kind_name, owner, fact, spec, data_dir, dry_run=dry_run, file=file, lang=lang)
    if done.warnings:
        console_check.show_problems(done.warnings, lang)
    if done.diff is not None:
        sys.stdout.write(done.diff)
    console.err_console().print(console.Text(done.said))


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a dated milestone of a project, placed in date order among its milestones.

    Example: cqsc record milestone yuxi-hsr --kind construction_start --date 2025-06-30 --label "Works started on the Chongqing section" --source https://example.gov.cn/a.html --publisher "Chongqing Daily" --published 2025-07-01
    """
    fact = [
        ("kind", kind.value),
        ("date", _facts().partial_date(date, "--date")),
        ("section", _facts().text(section, "--section")),
        ("label", _facts().text(label, "--label")),
        ("note", _facts().text(note, "--note")),
    ]
    _run("milestone", project_id, fact, _facts().source(source, publisher, published, title, via), data_dir, dry_run, lang=lang)


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record an investment figure of a project, with its basis, scope and date.

    Figures of other bases than the 2020 list are shown, never summed.

    Example: cqsc record figure chengyu-middle-hsr --amount 692.73 --basis feasibility_estimate --scope whole_line --dated 2021-08 --source https://example.cn/b.html --publisher "China Bridge"
    """
    if as_of is not None:
        if dated is not None:
            raise typer.BadParameter("--as-of is the old name of --dated; give --dated alone", param_hint="--as-of")
        # Still read, so that scripts keep working; said once, on stderr, so that stdout (a --dry-run diff) stays clean.
        from cqsc import api
        from cqsc.output import console

        console.err_console().print(console.Text(api.words(lang, "warning: --as-of is deprecated here; use --dated (the date the figure is of)"), style="yellow"))
    value = _facts().amount(amount)
    fact = [
        ("amount", value),
        ("about", True if about else None),
        ("basis", basis.value),
        ("scope", scope.value),
        ("scope_note", _facts().text(scope_note, "--scope-note")),
        ("as_of", _facts().partial_date(as_of, "--as-of") if as_of is not None else _facts().partial_date(dated, "--dated")),
        ("note", _facts().text(note, "--note")),
    ]
    _run("figure", project_id, fact, _facts().source(source, publisher, published, title, via), data_dir, dry_run, lang=lang)


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a dated progress report on one of the key tasks; its status follows the latest report.

    Example: cqsc record task 25 --date 2020-07 --status in_progress --label "Logistics cluster plan agreed" --source https://example.cn/c.html --publisher "Sichuan Daily"
    """
    fact = [("date", _facts().partial_date(date, "--date")), ("status", status.value), ("label", _facts().text(label, "--label"))]
    _run("task", number, fact, _facts().source(source, publisher, published, title, via), data_dir, dry_run, lang=lang)


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a plan: a stage a project is to reach by a date, as a plan made on a given day said.

    A later plan for the same stage supersedes an earlier one without erasing it.

    Example: cqsc record plan chengyu-middle-hsr --kind full_opening --due 2027-11 --made 2022-11-10 --label "Opening planned for the end of November 2027" --source https://example.cn/d.html
    """
    _facts().plan_kind(kind)
    fact = [
        ("kind", kind.value),
        ("due", _facts().partial_date(due, "--due")),
        ("section", _facts().text(section, "--section")),
        ("made", _facts().partial_date(made, "--made")),
        ("label", _facts().text(label, "--label")),
        ("note", _facts().text(note, "--note")),
    ]
    _run("plan", project_id, fact, _facts().source(source, publisher, published, title, via), data_dir, dry_run, lang=lang)


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a new project with the source that lists it, as the last of the projects.

    Example: cqsc init my-portfolio && cqsc record project example-expwy --name-en "Example expressway" --name-zh 示例高速 --sector transport --subsector expressway --location chongqing:Yubei --source https://example.cn/e.html --publisher Xinhua --published 2020-07-31 --data-dir my-portfolio
    """
    _facts().project_id(project_id)
    _facts().subsector_of(subsector, sector)
    locations = [_facts().location(x) for x in location or []]
    provinces = [dict(loc)["province"] for loc in locations]
    repeated = sorted({p for p in provinces if provinces.count(p) > 1})
    if repeated:
        raise typer.BadParameter(f"{', '.join(repeated)} given more than once: one --location per province, with all its places", param_hint="--location")
    fact: list[tuple[str, Any]] = [
        ("id", project_id),
        ("name_en", _facts().text(name_en, "--name-en")),
        ("name_zh", _facts().text(name_zh, "--name-zh")),
        ("sector", sector.value),
        ("subsector", subsector.value if subsector else None),
        ("locations", locations or None),
        ("note", _facts().text(note, "--note")),
    ]
    _run("project", None, fact, _facts().source(source, publisher, published, title, via), data_dir, dry_run, lang=lang)


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
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a source (a page facts are read from) in the sources of projects.yaml, or of tasks.yaml with --file tasks.

    An address already listed in any data file is refused, with the id it is listed under.

    Example: cqsc record source https://example.cn/f.html --publisher "Sichuan Daily" --published 2021-03-02 --title "..."
    """
    target = _facts().data_file(file)
    fact: list[tuple[str, Any]] = [("note", _facts().text(note, "--note"))]
    spec = _facts().source(url, publisher, published, title, via, hint="URL")
    _run("source", None, fact, spec, data_dir, dry_run, file=target, lang=lang)


@app.command("last-checked", cls=Command)
def last_checked(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as `cqsc projects` lists them.", show_default=False)],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="The day the search was made: YYYY-MM-DD.", show_default=False)],
    query: Annotated[list[str], typer.Option("--query", metavar="TEXT", help="A search query actually made, as typed; repeat for each one.", show_default=False)],
    where: Annotated[str | None, typer.Option("--where", metavar="TEXT", help='What was searched, e.g. "archived copies of public web pages".', show_default=False)] = None,
    note: NoteOpt = None,
    dry_run: DryRunOpt = False,
    lang: LangOpt = Lang.en,
    data_dir: DataDirOpt = None,
) -> None:
    """Record a search for later news of a project that found nothing: the day, the queries made, where.

    It cites no source and is not a fact: it never makes a project current or changes its status, and
    `cqsc check` (CQ153) and `cqsc progress` say when a stale project was last looked for.

    Example: cqsc record last-checked nantong-expwy --date 2026-12-02 --query "南潼高速 通车" --query "南充至潼南高速公路 开通" --where "archived copies of public web pages"
    """
    day = _facts().partial_date(date, "--date")
    if day is not None and len(day) != 10:
        raise typer.BadParameter(f"{date!r} is not a full date: the day a search was made is known (YYYY-MM-DD)", param_hint="--date")
    queries = [_facts().text(q, "--query") for q in query]
    if not queries:
        raise typer.BadParameter("give at least one --query: the searches actually made", param_hint="--query")
    fact = [("date", day), ("where", _facts().text(where, "--where")), ("queries", queries), ("note", _facts().text(note, "--note"))]
    _run("last-checked", project_id, fact, None, data_dir, dry_run, lang=lang)
