"""Presentation: rich tables for people, JSON/CSV/Markdown for machines and documents.

Results go to stdout, messages to stderr. Colour follows rich's rules: none when
the stream is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cqsc.models import (
    PROVINCE_LABELS,
    SECTOR_LABELS,
    SUBSECTOR_LABELS,
    Aggregate,
    Project,
    Task,
    TasksFile,
    roman,
)
from cqsc.problems import Problem, Severity
from cqsc.reports import ProjectFilter, Residual, Summary, Total, level


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class DisplayUnit(StrEnum):
    bn = "bn"  # 10^9 CNY
    yi = "yi"  # 亿元, 10^8 CNY


UNIT_SUFFIX = {DisplayUnit.bn: "bn", DisplayUnit.yi: "亿元"}


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def err_console() -> Console:
    # soft_wrap: a message is one line however long, so editors and CI can parse file:line:col.
    return Console(stderr=True, highlight=False, soft_wrap=True)


# --- numbers -----------------------------------------------------------------------


def amount_text(amount_yi: Decimal, unit: DisplayUnit) -> str:
    """An exact amount in the display unit: no rounding, at least one decimal place in bn."""
    if unit is DisplayUnit.yi:
        value = amount_yi
        text = format(value.normalize(), "f")
    else:
        value = amount_yi / 10
        text = format(value.normalize(), "f")
        if "." not in text:
            text += ".0"
    return text


def money(amount_yi: Decimal | None, unit: DisplayUnit, *, about: bool = False) -> str:
    if amount_yi is None:
        return "not reported"
    return f"{'~' if about else ''}{amount_text(amount_yi, unit)} {UNIT_SUFFIX[unit]}"


def percent(share: Decimal | None) -> str:
    if share is None:
        return "—"
    return f"{(share * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def bar(share: Decimal | None, width: int, ascii_only: bool) -> str:
    if share is None:
        return ""
    filled = int((share * width).to_integral_value(rounding=ROUND_HALF_UP))
    if share > 0 and filled == 0:
        return "▏" if not ascii_only else "|"
    return ("#" if ascii_only else "█") * filled


# --- shared helpers ------------------------------------------------------------------


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def write_json(data: Any) -> None:
    sys.stdout.write(_json(data) + "\n")


def write_csv(fieldnames: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    sys.stdout.write(buf.getvalue())


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if align[i : i + 1] == "r" else "---" for i in range(len(headers))) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _sector_label(p: Project) -> str:
    return SUBSECTOR_LABELS[p.subsector][0] if p.subsector else SECTOR_LABELS[p.sector][0]


def _where(p: Project) -> str:
    if not p.locations:
        return "not found"
    return ", ".join(PROVINCE_LABELS[prov][0] for prov in p.provinces)


def _figures(p: Project, unit: DisplayUnit, sep: str = "; ") -> str:
    return sep.join(amount_text(f.amount, unit) for f in p.figures) or "—"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# --- projects ------------------------------------------------------------------------


def total_lines(total: Total, unit: DisplayUnit, projects: list[Project]) -> list[str]:
    """The total under a project listing, saying which source it comes from and what it leaves out."""
    n = total.count
    noun = "project" if n == 1 else "projects"
    if n == 0:
        return ["No projects match."]
    port = total.portfolio
    of = f" of {money(port.amount, unit)}" if port and port.amount is not None else ""
    amount = total.amount
    lines = []
    method = total.method
    if method == "not_reported":
        lines.append(f"{n} {noun}. Total: not reported.")
    else:
        prefix = "at least " if method == "partial" else ""
        lines.append(f"{n} {noun}. Total: {prefix}{money(amount, unit)}{of} ({percent(total.share)}).")
    for part in total.parts:
        if part.kind == "aggregate":
            what = money(part.amount, unit, about=part.about) if part.amount is not None else "amount not reported"
            lines.append(f"  {part.label}: {_n(part.count, 'project')}, {what} (reported aggregate)")
        else:
            lines.append(f"  {part.label}: {money(part.amount, unit)} (2020 list figure)")
    if total.uncovered:
        k = len(total.uncovered)
        if k == n:
            lines.append(f"  {'This project is' if n == 1 else 'These projects are'} not a whole reported group, and no 2020-list figure is known for {'it' if n == 1 else 'any of them'}.")
        else:
            lines.append(f"  {k} of the {n} {noun}: outside any whole reported group, no 2020-list figure: amount not reported")
    if total.about:
        lines.append("Reported as approximate (约); the share is of the reported portfolio total.")
    with_figures = sum(1 for p in projects if p.figures)
    if with_figures:
        lines.append(
            f"{UNIT_SUFFIX[unit]} column: the projects' own figures (whole line, sections, later estimates; {_n(with_figures, 'project')}). "
            "They are of other bases and never summed; --format json gives basis, scope, date and source."
        )
    return lines


def project_record(p: Project) -> dict[str, Any]:
    return p.model_dump(mode="json", exclude_none=True)


def total_record(total: Total) -> dict[str, Any]:
    port = total.portfolio
    return {
        "count": total.count,
        "amount": None if total.amount is None else str(total.amount),
        "unit": "yi",
        "about": total.about,
        "method": total.method,
        "complete": total.complete,
        "share": None if total.share is None else float(total.share),
        "portfolio_amount": None if port is None or port.amount is None else str(port.amount),
        "parts": [
            {"kind": p.kind, "id": p.ref, "label": p.label, "count": p.count, "amount": None if p.amount is None else str(p.amount), "about": p.about}
            for p in total.parts
        ],
        "not_covered": [p.id for p in total.uncovered],
    }


def filter_record(f: ProjectFilter) -> dict[str, Any]:
    return {
        "sector": [s.value for s in f.sectors],
        "subsector": [s.value for s in f.subsectors],
        "location": list(f.locations),
        "search": f.search,
    }


PROJECT_CSV_FIELDS = ["id", "name_en", "name_zh", "identified", "sector", "subsector", "provinces", "places", "batch", "figures"]


def show_projects(projects: list[Project], total: Total, f: ProjectFilter, fmt: Format, unit: DisplayUnit) -> None:
    if fmt is Format.json:
        write_json({"filters": filter_record(f), "projects": [project_record(p) for p in projects], "total": total_record(total)})
        return
    if fmt is Format.csv:
        write_csv(
            PROJECT_CSV_FIELDS,
            (
                {
                    "id": p.id,
                    "name_en": p.name_en,
                    "name_zh": p.name_zh,
                    "identified": str(p.identified).lower(),
                    "sector": p.sector.value,
                    "subsector": p.subsector.value if p.subsector else None,
                    "provinces": ";".join(prov.value for prov in p.provinces),
                    "places": ";".join(pl for loc in p.locations for pl in loc.places),
                    "batch": p.batch,
                    "figures": ";".join(f"{fig.amount}:{fig.basis.value}:{fig.scope.value}" for fig in p.figures),
                }
                for p in projects
            ),
        )
        return
    unit_head = UNIT_SUFFIX[unit]
    lines = total_lines(total, unit, projects)
    if fmt is Format.markdown:
        headers = ["ID", "Project", "中文名", "Subsector", "Where", unit_head]
        rows = [[p.id, p.name_en, p.name_zh or "—", _sector_label(p), _where(p), _figures(p, unit)] for p in projects]
        body = markdown_table(headers, rows, "lllllr") if rows else ""
        sys.stdout.write("\n\n".join(x for x in (body, "  \n".join(ln.strip() for ln in lines)) if x) + "\n")
        return
    console = out_console()
    if projects:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
        table.add_column("ID", overflow="fold", min_width=10)
        table.add_column("Project", overflow="fold", min_width=16)
        table.add_column("Subsector", overflow="fold", min_width=8, max_width=14)
        table.add_column("Where", overflow="fold", min_width=9, max_width=12)
        table.add_column(unit_head, justify="right", no_wrap=True)
        for p in projects:
            name = p.name_en if not p.name_zh else f"{p.name_en}\n{p.name_zh}"
            table.add_row(p.id, name, _sector_label(p), _where(p), _figures(p, unit, "\n"))
        console.print(table)
    for ln in lines:
        console.print(Text(ln))


# --- tasks ---------------------------------------------------------------------------


def show_tasks(tf: TasksFile, tasks: list[Task], fmt: Format) -> None:
    areas = {a.number: a for a in tf.areas}
    if fmt is Format.json:
        write_json(
            {
                "plan": tf.plan.model_dump(mode="json", exclude_none=True),
                "count": len(tasks),
                "tasks": [
                    {**t.model_dump(mode="json"), "area_roman": roman(t.area), "area_name_en": areas[t.area].name_en}
                    for t in tasks
                ],
            }
        )
        return
    if fmt is Format.csv:
        write_csv(
            ["number", "area", "area_roman", "area_name_en", "title_en", "title_zh"],
            (
                {"number": t.number, "area": t.area, "area_roman": roman(t.area), "area_name_en": areas[t.area].name_en, "title_en": t.title_en, "title_zh": t.title_zh}
                for t in tasks
            ),
        )
        return
    with_zh = any(t.title_zh for t in tasks)
    headers = ["#", "Area", "Task"] + (["中文"] if with_zh else [])
    rows = [[str(t.number), roman(t.area), t.title_en] + ([t.title_zh or "—"] if with_zh else []) for t in tasks]
    shown_areas = sorted({t.area for t in tasks})
    notes = [f"{len(tasks)} of {len(tf.tasks)} tasks" + (f" in area {roman(shown_areas[0])}: {areas[shown_areas[0]].name_en}" if len(shown_areas) == 1 else "") + "."]
    if tasks and not with_zh:
        notes.append("No Chinese task titles were found in any source; none is shown.")
    if fmt is Format.markdown:
        parts = [markdown_table(headers, rows, "r")] if rows else []
        parts.append("  \n".join(notes))
        sys.stdout.write("\n\n".join(parts) + "\n")
        return
    console = out_console()
    if rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
        table.add_column("#", justify="right")
        table.add_column("Area")
        table.add_column("Task", overflow="fold")
        if with_zh:
            table.add_column("中文", overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for n in notes:
        console.print(Text(n))


# --- summary -------------------------------------------------------------------------


def aggregate_record(agg: Aggregate, depth: int, records: int, share: Decimal | None) -> dict[str, Any]:
    d = agg.model_dump(mode="json", exclude_none=True)
    d.update({"level": depth, "records": records, "share": None if share is None else float(share)})
    return d


def r_depth(r: Residual) -> int:
    return level(r.parent)


def show_summary(s: Summary, fmt: Format, unit: DisplayUnit, *, bar_width: int = 20) -> None:
    if fmt is Format.json:
        write_json(
            {
                "groups": [aggregate_record(g.aggregate, g.depth, g.records, g.share) for g in s.groups],
                "implied": [
                    {"parent": r.parent.id, "groups": [g.id for g in r.groups], "count": r.count, "amount": str(r.amount), "unit": "yi", "about": r.about, "reported": False}
                    for r in s.residuals
                ],
                "areas": [
                    {"number": a.area.number, "roman": a.area.roman, "name_en": a.area.name_en, "name_zh": a.area.name_zh, "tasks": a.tasks}
                    for a in s.areas
                ],
                "tasks": s.task_count,
                "unknowns": s.unknowns,
            }
        )
        return
    if fmt is Format.csv:
        write_csv(
            ["id", "level", "label_en", "sector", "subsector", "count", "records", "amount", "unit", "about", "share", "as_of"],
            (
                {
                    "id": g.aggregate.id,
                    "level": g.depth,
                    "label_en": g.aggregate.label_en,
                    "sector": g.aggregate.sector.value if g.aggregate.sector else None,
                    "subsector": g.aggregate.subsector.value if g.aggregate.subsector else None,
                    "count": g.aggregate.count,
                    "records": g.records,
                    "amount": g.aggregate.amount,
                    "unit": g.aggregate.unit.value,
                    "about": str(g.aggregate.about).lower(),
                    "share": None if g.share is None else f"{g.share:.6f}",
                    "as_of": g.aggregate.as_of,
                }
                for g in s.groups
            ),
        )
        return
    console = out_console() if fmt is Format.table else None
    ascii_only = console is None or not console.is_terminal or console.encoding.lower() not in ("utf-8", "utf8")
    head = ["Group", "Projects", f"Amount ({UNIT_SUFFIX[unit]})", "Share", ""]
    rows = []
    for g in s.groups:
        a = g.aggregate
        count = str(a.count) if a.count == g.records else f"{a.count} ({g.records} records)"
        amount = f"{'~' if a.about else ''}{amount_text(a.amount, unit)}" if a.amount is not None else "not reported"
        rows.append(["  " * g.depth + a.label_en, count, amount, percent(g.share), bar(g.share, bar_width, ascii_only)])
    for r in s.residuals:
        names = ", ".join((g.sector or g.id).replace("_", " ") for g in r.groups)
        rows.append(
            ["  " * (r_depth(r) + 1) + f"{names} (implied)", str(r.count), f"{'~' if r.about else ''}{amount_text(r.amount, unit)}", "", "not itemised"]
        )
    area_head = ["Area", "Key tasks (2019 plan)", "中文", "Tasks"]
    area_rows = [[a.area.roman, a.area.name_en, a.area.name_zh or "not found", str(a.tasks)] for a in s.areas]
    notes = [
        "~ marks amounts reported as approximate (约). The implied row is arithmetic on reported totals, not a reported figure."
    ]
    if fmt is Format.markdown:
        out = [
            "## Portfolio",
            markdown_table(head[:4], [r[:4] for r in rows], "lrrr"),
            "  \n".join(notes),
            "## Key tasks by area",
            markdown_table(area_head, area_rows, "lllr"),
            f"{s.task_count} tasks in {len(s.areas)} areas.",
            "## What is not known",
            "\n".join(f"- {u}" for u in s.unknowns),
        ]
        sys.stdout.write("\n\n".join(out) + "\n")
        return
    assert console is not None
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title="Portfolio: 2020 jointly implemented major projects", title_justify="left")
    table.add_column(head[0])
    table.add_column(head[1], justify="right")
    table.add_column(head[2], justify="right")
    table.add_column(head[3], justify="right")
    table.add_column(head[4], no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    for n in notes:
        console.print(Text(n))
    console.print()
    areas = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title="Key tasks by area", title_justify="left")
    areas.add_column(area_head[0])
    areas.add_column(area_head[1], overflow="fold")
    areas.add_column(area_head[2])
    areas.add_column(area_head[3], justify="right")
    for row in area_rows:
        areas.add_row(*row)
    console.print(areas)
    console.print(Text(f"{s.task_count} tasks in {len(s.areas)} areas."))
    console.print()
    console.print(Text("What is not known", style="bold"))
    for u in s.unknowns:
        console.print(Text(f"- {u}"))


# --- problems ------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckStats:
    rules: int
    records: int
    strict: bool


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def show_check(problems: list[Problem], stats: CheckStats, fmt: str) -> None:
    """The result of `cqsc check`: the problems are its results, so they go to stdout."""
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    line = (
        f"{stats.rules} rules checked {stats.records} records: "
        f"{_n(errors, 'error')}, {_n(warnings, 'warning')}{' (strict: warnings count as errors)' if stats.strict else ''}"
    )
    if fmt == "json":
        write_json(
            {
                "problems": [
                    {"file": p.file, "line": p.line, "col": p.col, "code": p.code, "rule": p.name, "severity": p.severity.value, "message": p.message, "excerpt": p.excerpt}
                    for p in problems
                ],
                "summary": {"rules": stats.rules, "records": stats.records, "errors": errors, "warnings": warnings, "strict": stats.strict},
            }
        )
        return
    if fmt == "github":
        out = []
        for p in problems:
            props = [f"file={_gh_escape(p.file, prop=True)}"]
            if p.line is not None:
                props += [f"line={p.line}", f"col={p.col or 1}"]
            props.append(f"title={_gh_escape(f'{p.code} {p.name}', prop=True)}")
            out.append(f"::{p.severity.value} {','.join(props)}::{_gh_escape(p.message)}")
        sys.stdout.write("".join(f"{o}\n" for o in out) + line + "\n")
        return
    console = out_console()
    for p in problems:
        style = "red" if p.severity is Severity.error else "yellow"
        first, *rest = problem_lines(p)
        console.print(Text(first, style=style), soft_wrap=True)
        for r in rest:
            console.print(Text(r, style="dim"), soft_wrap=True)
    console.print(Text(line, style="bold red" if errors else "bold green"), soft_wrap=True)


def show_rules(rules: list[tuple[str, str, Severity, str]], fmt: str) -> None:
    if fmt == "json":
        write_json([{"code": c, "rule": n, "severity": s.value, "summary": d} for c, n, s, d in rules])
        return
    console = out_console()
    for code, name, severity, summary in rules:
        console.print(Text(f"{code} {name:<30} {severity.value:<8} {summary}"), soft_wrap=True)


def problem_lines(problem: Problem) -> list[str]:
    lines = [f"{problem.where}: {problem.severity.value}: {problem.message} [{problem.code} {problem.name}]"]
    if problem.excerpt:
        lines.append(f"    {problem.excerpt.strip()}")
    return lines


def show_problems(problems: list[Problem]) -> None:
    """Print problems on stderr, one per entry, with an excerpt of the offending line."""
    console = err_console()
    for p in problems:
        style = "red" if p.severity is Severity.error else "yellow"
        first, *rest = problem_lines(p)
        console.print(Text(first, style=style))
        for r in rest:
            console.print(Text(r, style="dim"))

