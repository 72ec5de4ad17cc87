"""The cqsc command line: parse options, call the layers, map problems to exit codes.

Exit codes: 0 fine, 1 the data has problems, 2 usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cqsc import __version__, checks, loader, reports
from cqsc.loader import Dataset
from cqsc.models import Sector, Subsector
from cqsc.problems import has_errors
from cqsc.render import DisplayUnit, Format

app = typer.Typer(
    name="cqsc",
    help=(
        "Track the Sichuan-Chongqing cooperation portfolio: the 31 jointly implemented major projects "
        "(July 2020, about 556.3 bn CNY) and the 36 key tasks of the 2019 plan.\n\n"
        "Example: cqsc projects --sector transport"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="CQSC_DATA_DIR",
        help="Folder holding projects.yaml and tasks.yaml. Default: the bundled data.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
UnitOpt = Annotated[DisplayUnit, typer.Option("--unit", help="Display unit: bn (10^9 CNY) or yi (亿元, 10^8 CNY).", case_sensitive=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cqsc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Track the Sichuan-Chongqing cooperation portfolio."""


def load_data(data_dir: Path | None) -> Dataset:
    """Load and guard the data; print every problem and exit 1 if it cannot be trusted."""
    from cqsc import render

    directory = loader.resolve_data_dir(data_dir)
    ds = loader.load(directory)
    problems = ds.problems or checks.run(ds, checks.integrity_rules())
    if has_errors(problems):
        render.show_problems(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        render.err_console().print(f"error: {errors} problem(s) in the data in {directory}; nothing was reported.", style="red", highlight=False)
        raise typer.Exit(1)
    return ds


@app.command()
def projects(
    sector: Annotated[list[Sector] | None, typer.Option("--sector", help="Only this sector (repeat for several).", case_sensitive=False)] = None,
    subsector: Annotated[
        list[Subsector] | None, typer.Option("--subsector", help="Only this subsector (repeat for several).", case_sensitive=False)
    ] = None,
    location: Annotated[
        list[str] | None, typer.Option("--location", help="Province (Sichuan, 重庆, …) or a city/district name (repeat for several).")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", help="Text in the project's id or name, English or Chinese.")] = None,
    fmt: FormatOpt = Format.table,
    unit: UnitOpt = DisplayUnit.bn,
    data_dir: DataDirOpt = None,
) -> None:
    """List projects, with their total and its share of the portfolio.

    The total comes from the reported aggregate when the selection is exactly a reported group;
    otherwise it adds what is reported and says plainly what is not covered.

    Example: cqsc projects --sector transport

    Example: cqsc projects --location Rongchang --format json
    """
    from cqsc import render

    ds = load_data(data_dir)
    assert ds.projects is not None
    f = reports.ProjectFilter(tuple(sector or ()), tuple(subsector or ()), tuple(location or ()), search)
    chosen = reports.select_projects(ds.projects.projects, f)
    render.show_projects(chosen, reports.total_for(ds.projects, chosen), f, fmt, unit)


def _parse_areas(values: list[str] | None) -> tuple[int, ...]:
    try:
        return tuple(reports.parse_area(v) for v in values or ())
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--area") from None


@app.command()
def tasks(
    area: Annotated[list[str] | None, typer.Option("--area", help="Area number (1-9) or roman numeral (I-IX); repeat for several.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Text in the task's title.")] = None,
    fmt: FormatOpt = Format.table,
    data_dir: DataDirOpt = None,
) -> None:
    """List the 36 key tasks of the 2019 Key Working Plan, by area.

    Example: cqsc tasks --area 6

    Example: cqsc tasks --area VIII --format markdown
    """
    from cqsc import render

    areas = _parse_areas(area)
    ds = load_data(data_dir)
    assert ds.tasks is not None
    render.show_tasks(ds.tasks, reports.select_tasks(ds.tasks, reports.TaskFilter(areas, search)), fmt)


@app.command()
def summary(
    fmt: FormatOpt = Format.table,
    unit: UnitOpt = DisplayUnit.bn,
    data_dir: DataDirOpt = None,
) -> None:
    """Show the portfolio at a glance: each sector and subsector, the tasks per area, and what is unknown.

    Example: cqsc summary

    Example: cqsc summary --unit yi --format markdown
    """
    from cqsc import render

    ds = load_data(data_dir)
    assert ds.projects is not None and ds.tasks is not None
    render.show_summary(reports.summarise(ds.projects, ds.tasks), fmt, unit)


def main() -> None:
    app()
