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
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rich import box
from rich.console import Console
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from cqsc.models import (
    BASIS_LABELS,
    PROVINCE_LABELS,
    SECTOR_LABELS,
    SUBSECTOR_LABELS,
    Aggregate,
    Project,
    ProjectsFile,
    Status,
    Task,
    TasksFile,
    as_json,
    date_bounds,
    roman,
)
from cqsc.escape import csv_cell, md, visible
from cqsc.options import DisplayUnit, Format, Lang
from cqsc.problems import Problem, Severity
from cqsc.reports import BatchRow, Changes, Event, GanttRow, PlanCheck, PlannedEvent, plan_checks, ProjectFilter, Progress, Summary, Total, happened_by, level, project_status, task_status


UNIT_SUFFIX = {DisplayUnit.bn: "bn", DisplayUnit.yi: "亿元"}


class SafeConsole(Console):
    """A console that shows text from the data as written: no markup, no emoji codes, no raw control characters.

    Markup and emoji are off, so ``[bold]`` or ``:smile:`` in a name stay text; every segment of text is
    passed through escape.visible on its way out, so an ESC, an OSC 8 link or a bidi override in the data
    reaches the terminal as a visible escape, whatever path (table cell, title, message) it took.
    """

    def __init__(self, **kwargs: Any) -> None:
        import os

        # COLUMNS=0, 1, -5 or 99999 is no width to lay a table out in: fall back to 80.
        columns = os.environ.get("COLUMNS")
        if columns is not None and not (columns.isdigit() and 20 <= int(columns) <= 1000):
            kwargs.setdefault("width", 80)
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)

    # Escape before layout, so that widths are measured on what is shown; the buffer pass below is the net.
    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)

    def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
        if isinstance(renderable, Text) and not renderable.spans and visible(renderable.plain) != renderable.plain:
            renderable = Text(
                visible(renderable.plain), style=renderable.style, justify=renderable.justify,
                overflow=renderable.overflow, no_wrap=renderable.no_wrap, end=renderable.end,
            )  # fmt: skip
        return super().render(renderable, options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        text = super()._render_buffer(seg if seg.control else Segment(visible(seg.text), seg.style, seg.control) for seg in buffer)
        if not self.is_terminal:
            # Piped or in a file: the padding tables leave at the ends of lines is noise to diff and grep.
            text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
        return text


def out_console() -> Console:
    return SafeConsole(soft_wrap=False)


def err_console() -> Console:
    # soft_wrap: a message is one line however long, so editors and CI can parse file:line:col.
    return SafeConsole(stderr=True, soft_wrap=True)


SLOW_BYTES = 2_000_000  # about a second of reading and checking on the reference machine


def loading_status(size: int) -> Any:
    """A spinner on stderr while a large data set is read and checked, in a terminal only."""
    from contextlib import nullcontext

    console = err_console()
    if size < SLOW_BYTES or not console.is_terminal:
        return nullcontext()
    return console.status(f"Reading and checking {size / 1_000_000:.0f} MB of data…", spinner="dots")


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


def _json(data: Any, *, ascii_only: bool = False) -> str:
    return json.dumps(data, ensure_ascii=ascii_only, indent=2, default=str)


def stdout_is_utf8() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def write_json(data: Any) -> None:
    """JSON on stdout: the exact text, or \\u escapes where stdout cannot encode it (still the same JSON)."""
    sys.stdout.write(_json(data, ascii_only=not stdout_is_utf8()) + "\n")


def write_csv(fieldnames: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else csv_cell(v)) for k, v in row.items()})
    sys.stdout.write(buf.getvalue())


def _md_cell(text: str) -> str:
    return md(text, cell=True)


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if align[i : i + 1] == "r" else "---" for i in range(len(headers))) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _pick(en: str, zh: str | None, lang: Lang) -> str:
    """The Chinese text in zh mode where there is one, else the English, marked as such."""
    if lang is Lang.zh:
        return zh if zh else f"{en} (en)"
    return en


def _sector_label(p: Project, lang: Lang = Lang.en) -> str:
    en, zh = SUBSECTOR_LABELS[p.subsector] if p.subsector else SECTOR_LABELS[p.sector]
    return _pick(en, zh, lang)


def _name(p: Project, lang: Lang) -> str:
    """English name over Chinese in en mode; Chinese first in zh mode."""
    if lang is Lang.zh:
        return p.name_zh if p.name_zh else f"{p.name_en} (en)"
    return p.name_en if not p.name_zh else f"{p.name_en}\n{p.name_zh}"


PROVINCE_ABBR = {"sichuan": "SC", "chongqing": "CQ", "shaanxi": "SN", "guizhou": "GZ", "yunnan": "YN"}
NARROW = 100  # below this many columns the project table abbreviates provinces


def _where(p: Project, short: bool = False, lang: Lang = Lang.en) -> str:
    if not p.locations:
        return "—" if short else ("未找到" if lang is Lang.zh else "not found")
    if lang is Lang.zh:
        return "、".join(PROVINCE_LABELS[prov][1] for prov in p.provinces)
    if short:
        return ",".join(PROVINCE_ABBR[prov.value] for prov in p.provinces)
    return ", ".join(PROVINCE_LABELS[prov][0] for prov in p.provinces)


def _figures(p: Project, unit: DisplayUnit, sep: str = "; ") -> str:
    return sep.join(amount_text(f.amount, unit) for f in p.figures) or "—"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _status(p: Project, as_of: date | None, sep: str = " ") -> str:
    st = project_status(p, as_of)
    return st.status.value if st.since is None else f"{st.status.value}{sep}{st.since}"


# --- projects ------------------------------------------------------------------------


def total_lines(total: Total, unit: DisplayUnit, projects: list[Project], as_of: date | None = None, lang: Lang = Lang.en) -> list[str]:
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
            lines.append(f"  {_pick(part.label, part.label_zh, lang)}: {_n(part.count, 'project')}, {what} (reported aggregate)")
        else:
            lines.append(f"  {_pick(part.label, part.label_zh, lang)}: {money(part.amount, unit)} (2020 list figure)")
    if total.uncovered:
        k = len(total.uncovered)
        if k == n:
            lines.append(f"  {'This project is' if n == 1 else 'These projects are'} not a whole reported group, and no 2020-list figure is known for {'it' if n == 1 else 'any of them'}.")
        else:
            lines.append(f"  {k} of the {n} {noun}: outside any whole reported group, no 2020-list figure: amount not reported")
    if total.about:
        lines.append("Reported as approximate (约); the share is of the reported portfolio total.")
    lines.append(f"Status: derived from dated milestones{' up to ' + as_of.isoformat() if as_of else ''}, with the date the stage is certain by; unknown where no milestone is recorded.")
    with_figures = sum(1 for p in projects if p.figures)
    if with_figures:
        lines.append(
            f"{UNIT_SUFFIX[unit]} column: the projects' own figures (whole line, sections, later estimates; {_n(with_figures, 'project')}). "
            "They are of other bases and never summed; --format json gives basis, scope, date and source."
        )
    return lines


def project_record(p: Project, as_of: date | None = None) -> dict[str, Any]:
    st = project_status(p, as_of)
    return {**as_json(p), "status": st.status.value, "status_since": st.since, "plans_checked": [plan_check_record(c) for c in plan_checks(p, as_of)]}


def plan_check_record(c: PlanCheck) -> dict[str, Any]:
    return {
        "kind": c.plan.kind.value, "section": c.plan.section, "due": c.plan.due, "made": c.plan.made, "state": c.state,
        "reached": c.reached.date if c.reached else None, "slip_months": c.slip_months, "superseded": [pl.made for pl in c.superseded],
    }  # fmt: skip


_STATE_WORDS = {"met": "met on time", "met_late": "reached late", "late": "late: not reached", "scheduled": "not yet due"}


def plan_text(c: PlanCheck) -> str:
    """A plan against the actual in words: what was due when (and for which section), what happened, the slip."""
    what = c.plan.kind.value.replace("_", " ") + (f" of {c.plan.section}" if c.plan.section else "")
    said = f"due {c.plan.due} (plan of {c.plan.made})"
    if c.state == "met_late" and c.reached is not None:
        return f"{what}: {said}; reached {c.reached.date}, about {_n(c.slip_months or 0, 'month')} late"
    if c.state == "met" and c.reached is not None:
        return f"{what}: {said}; reached {c.reached.date}, on time"
    if c.state == "late":
        return f"{what}: {said}; not reached, {_n(c.slip_months or 0, 'month')} past due"
    return f"{what}: {said}; not yet due"


def late_lines(projects: list[Project], as_of: date | None) -> list[str]:
    day = (as_of or date.today()).isoformat()
    out = [f"Late as of {day}: past the due date of the plan in force that day (the latest made by then), stage not reached:"]
    for p in projects:
        for c in plan_checks(p, as_of):
            if c.state == "late":
                out.append(f"  {p.id}: {plan_text(c)}")
    return out


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
        "status": [s.value for s in f.statuses],
        "as_of": f.as_of.isoformat() if f.as_of else None,
        "late": f.late,
    }


PROJECT_CSV_FIELDS = ["id", "name_en", "name_zh", "identified", "sector", "subsector", "status", "status_since", "provinces", "places", "batch", "figures"]


def show_projects(
    projects: list[Project], total: Total, f: ProjectFilter, fmt: Format, unit: DisplayUnit, *, limit: int = 0, lang: Lang = Lang.en
) -> None:
    """The projects (the first ``limit`` of them, 0 for all) and the total of all of them."""
    shown = projects[:limit] if limit else projects
    if len(shown) < len(projects):
        more = len(projects) - len(shown)
        hidden = f"{len(shown)} of {len(projects)} projects listed; {more} more not shown (--limit 0 lists all)."
    else:
        hidden = None
    if fmt is Format.json:
        write_json({"filters": filter_record(f), "projects": [project_record(p, f.as_of) for p in shown], "total": total_record(total)})
        return
    if fmt is Format.csv:
        statuses = {p.id: project_status(p, f.as_of) for p in shown}
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
                    "status": statuses[p.id].status.value,
                    "status_since": statuses[p.id].since,
                    "provinces": ";".join(prov.value for prov in p.provinces),
                    "places": ";".join(pl for loc in p.locations for pl in loc.places),
                    "batch": p.batch,
                    "figures": ";".join(f"{fig.amount}:{fig.basis.value}:{fig.scope.value}" for fig in p.figures),
                }
                for p in shown
            ),
        )
        return
    unit_head = UNIT_SUFFIX[unit]
    lines = total_lines(total, unit, projects, f.as_of, lang)
    if f.late:
        lines += late_lines(shown, f.as_of)
    if hidden:
        lines.insert(0, hidden)
    if fmt is Format.markdown:
        headers = ["ID", "Project", "中文名", "Subsector", "Where", "Status", unit_head]
        if lang is Lang.zh:
            headers = ["ID", "项目", "Project", "Subsector", "Where", "Status", unit_head]
            rows = [[p.id, _name(p, lang), p.name_en, _sector_label(p, lang), _where(p, lang=lang), _status(p, f.as_of), _figures(p, unit)] for p in shown]
        else:
            rows = [[p.id, p.name_en, p.name_zh or "—", _sector_label(p), _where(p), _status(p, f.as_of), _figures(p, unit)] for p in shown]
        body = markdown_table(headers, rows, "llllllr") if rows else ""
        sys.stdout.write("\n\n".join(x for x in (body, "  \n".join(md(ln.strip()) for ln in lines)) if x) + "\n")
        return
    console = out_console()
    short = console.width < NARROW
    if short:
        lines.append("Where: SC Sichuan, CQ Chongqing, SN Shaanxi, GZ Guizhou, YN Yunnan; — not found.")
    if shown:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
        if short:
            # Below NARROW columns rich's own collapsing squeezes the amounts away: fix every width but
            # the name's, and put subsector and provinces in one column.
            fixed = {"ID": 15, "Subsector": 13, "Status": 15, unit_head: 9}
            name_width = max(12, console.width - sum(fixed.values()) - 2 * len(fixed))
            table.add_column("ID", overflow="fold", width=fixed["ID"] - 1)
            table.add_column("Project", overflow="fold", width=name_width - 1)
            table.add_column("Subsector\nWhere", overflow="fold", width=fixed["Subsector"] - 1)
            table.add_column("Status", overflow="fold", width=fixed["Status"] - 1)
            table.add_column(unit_head, justify="right", overflow="fold", width=fixed[unit_head] - 1)
        else:
            table.add_column("ID", no_wrap=True)
            table.add_column("Project", overflow="fold", min_width=16)
            table.add_column("Subsector", overflow="fold", max_width=14)
            table.add_column("Where", overflow="fold", max_width=12)
            table.add_column("Status", overflow="fold", max_width=14)
            table.add_column(unit_head, justify="right", overflow="fold")
        for p in shown:
            name = _name(p, lang)
            status, figures = _status(p, f.as_of, "\n"), _figures(p, unit, "\n")
            if short:
                table.add_row(p.id, name, f"{_sector_label(p, lang)}\n{_where(p, short, lang)}", status, figures)
            else:
                table.add_row(p.id, name, _sector_label(p, lang), _where(p, lang=lang), status, figures)
        console.print(table)
    for ln in lines:
        console.print(Text(ln))


def _task_status(t: Task) -> str:
    status, when = task_status(t)
    return status.value if when is None else f"{status.value} {when}"


# --- tasks ---------------------------------------------------------------------------


def show_tasks(tf: TasksFile, tasks: list[Task], fmt: Format, lang: Lang = Lang.en) -> None:
    areas = {a.number: a for a in tf.areas}
    if fmt is Format.json:
        write_json(
            {
                "plan": as_json(tf.plan),
                "count": len(tasks),
                "tasks": [
                    {**as_json(t, keep_none=True), "area_roman": roman(t.area), "area_name_en": areas[t.area].name_en,
                     "status": task_status(t)[0].value, "status_date": task_status(t)[1]}
                    for t in tasks
                ],
            }
        )
        return
    if fmt is Format.csv:
        write_csv(
            ["number", "area", "area_roman", "area_name_en", "title_en", "title_zh", "status"],
            (
                {"number": t.number, "area": t.area, "area_roman": roman(t.area), "area_name_en": areas[t.area].name_en, "title_en": t.title_en,
                 "title_zh": t.title_zh, "status": task_status(t)[0].value}
                for t in tasks
            ),
        )
        return
    with_zh = any(t.title_zh for t in tasks) and lang is Lang.en
    headers = ["#", "Area", "Task"] + (["中文"] if with_zh else []) + ["Status"]
    rows = [
        [str(t.number), roman(t.area), _pick(t.title_en, t.title_zh, lang)] + ([t.title_zh or "—"] if with_zh else []) + [_task_status(t)]
        for t in tasks
    ]
    shown_areas = sorted({t.area for t in tasks})
    area_name = (lambda a: _pick(a.name_en, a.name_zh, lang))
    notes = [f"{len(tasks)} of {len(tf.tasks)} tasks" + (f" in area {roman(shown_areas[0])}: {area_name(areas[shown_areas[0]])}" if len(shown_areas) == 1 else "") + "."]
    if tasks and all(not t.updates for t in tasks):
        notes.append("Status: no sourced progress report on any of these tasks was found, so each is unknown.")
    if tasks and not any(t.title_zh for t in tasks):
        notes.append(
            "No Chinese task titles were found in any source; the English titles are shown, marked (en)."
            if lang is Lang.zh
            else "No Chinese task titles were found in any source; none is shown."
        )
    if fmt is Format.markdown:
        parts = [markdown_table(headers, rows, "r")] if rows else []
        parts.append("  \n".join(md(n) for n in notes))
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
        table.add_column("Status", no_wrap=True)
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for n in notes:
        console.print(Text(n))


# --- summary -------------------------------------------------------------------------


def aggregate_record(agg: Aggregate, depth: int, records: int, share: Decimal | None) -> dict[str, Any]:
    d = as_json(agg)
    d.update({"level": depth, "records": records, "share": None if share is None else float(share)})
    return d


def show_summary(s: Summary, fmt: Format, unit: DisplayUnit, *, bar_width: int = 20, lang: Lang = Lang.en, chart: bool = False) -> None:
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
                "statuses": {st.value: n for st, n in s.statuses.items()},
                "as_of": s.as_of.isoformat() if s.as_of else None,
                "batches": [batch_record(b) for b in s.batches],
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
        rows.append(["  " * g.depth + _pick(a.label_en, a.label_zh, lang), count, amount, percent(g.share), bar(g.share, bar_width, ascii_only)])
    for r in s.residuals:
        names = ", ".join((g.sector or g.id).replace("_", " ") for g in r.groups)
        rows.append(
            ["  " * (level(r.parent) + 1) + f"{names} (implied)", str(r.count), f"{'~' if r.about else ''}{amount_text(r.amount, unit)}", "", "not itemised"]
        )
    area_head = ["Area", "Key tasks (2019 plan)", "中文", "Tasks"]
    area_rows = [[a.area.roman, _pick(a.area.name_en, a.area.name_zh, lang), a.area.name_zh or "not found", str(a.tasks)] for a in s.areas]
    notes = [
        "~ marks amounts reported as approximate (约). The implied row is arithmetic on reported totals, not a reported figure."
    ]
    status_line = "Status" + (f" as of {s.as_of.isoformat()}" if s.as_of else "") + " (from dated milestones): " + ", ".join(
        f"{st.value} {s.statuses[st]}" for st in Status if s.statuses.get(st)
    )
    notes.append(status_line)
    batch_lines = [batch_line(b, unit, lang) for b in s.batches]
    if fmt is Format.markdown:
        out = [
            "## Portfolio",
            markdown_table(head[:4], [r[:4] for r in rows], "lrrr"),
            "  \n".join(md(n) for n in notes),
            *(["## Batches", "  \n".join(md(x) for x in [BATCH_NOTE, *batch_lines])] if batch_lines else []),
            "## Key tasks by area",
            markdown_table(area_head, area_rows, "lllr"),
            f"{s.task_count} tasks in {len(s.areas)} areas.",
            "## What is not known",
            "\n".join(f"- {md(u)}" for u in s.unknowns),
        ]
        sys.stdout.write("\n\n".join(out) + "\n")
        return
    assert console is not None
    if chart:
        _summary_chart(console, s, unit, lang, ascii_only)
        return
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
    if batch_lines:
        console.print(Text("Batches", style="bold"))
        console.print(Text(BATCH_NOTE))
        for line in batch_lines:
            console.print(Text(f"  {line}"))
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


BATCH_NOTE = "The two batches the projects were issued in: a grouping of their own, never added to the sectors."


def batch_record(b: BatchRow) -> dict[str, Any]:
    return {**as_json(b.batch), "members_known": [p.id for p in b.members]}


def batch_line(b: BatchRow, unit: DisplayUnit, lang: Lang = Lang.en) -> str:
    """One batch in words: its count (derived or reported), its amount (a lower bound where so reported), its known members."""
    x = b.batch
    count = f"{_n(x.count, 'project')}" + (" (derived, stated by no source)" if x.count_derived else "")
    if x.amount is None:
        amount = "amount not reported"
    else:
        amount = ("more than " if x.more_than else "") + money(x.amount, unit, about=x.about and not x.more_than)
    known = ", ".join(p.id for p in b.members) or "none"
    return f"{_pick(x.label_en, x.label_zh, lang)}: {count}, {amount}; members known: {known}"


def _summary_chart(console: Console, s: Summary, unit: DisplayUnit, lang: Lang, ascii_only: bool) -> None:
    """Sector and subsector bars, as wide as the terminal allows; '#' when not a terminal."""
    from rich.cells import cell_len

    labels = [("  " * g.depth) + _pick(g.aggregate.label_en, g.aggregate.label_zh, lang) for g in s.groups]
    label_w = max(cell_len(x) for x in labels)
    values = [f"{money(g.aggregate.amount, unit, about=g.aggregate.about)}  {percent(g.share)}" if g.aggregate.amount is not None else "not reported" for g in s.groups]
    value_w = max(len(v) for v in values)
    width = max(10, console.width - label_w - value_w - 4)
    console.print(Text("Reported investment by sector and subsector", style="bold"))
    for label, value, g in zip(labels, values, s.groups, strict=True):
        drawn = bar(g.share, width, ascii_only) if g.share is not None else ""
        pad = " " * (label_w - cell_len(label))
        console.print(Text(f"{label}{pad}  {drawn:<{width}}  {value}", style="cyan" if g.depth == 1 else ""), soft_wrap=True)
    console.print(Text("Bars are proportional to the reported amount; groups with no reported amount have none."))


# --- problems ------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckStats:
    rules: int
    records: int
    strict: bool
    folder: str | None = None  # the data folder and how it was found
    accepted: int = 0  # warnings the baseline accepts (not listed)
    baseline: str | None = None
    unused: int = 0  # baseline entries that no longer occur
    quiet: bool = False
    skipped: int = 0  # rules that compare records across a file, not run on a partly loaded one


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def show_check(problems: list[Problem], stats: CheckStats, fmt: str) -> None:
    """The result of `cqsc check`: the problems are its results, so they go to stdout."""
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    where = f" in {stats.folder}" if stats.folder else ""
    line = (
        f"{stats.rules} rules checked {stats.records} records{where}: "
        f"{_n(errors, 'error')}, {_n(warnings, 'warning')}{' (strict: warnings count as errors)' if stats.strict else ''}"
    )
    if stats.baseline is not None:
        line += f"; {stats.accepted} accepted in {stats.baseline}, not listed"
    notes = []
    if stats.skipped:
        notes.append(f"{stats.skipped} rules that compare records across a file did not run, since some records did not load; fix the errors above and run again")
    if stats.unused:
        notes.append(f"{stats.unused} accepted warning(s) in {stats.baseline} no longer occur; --update-baseline drops them")
    if fmt == "json":
        write_json(
            {
                "problems": [
                    {"file": p.file, "line": p.line, "col": p.col, "code": p.code, "rule": p.name, "severity": p.severity.value, "message": p.message, "excerpt": p.excerpt}
                    for p in problems
                ],
                "summary": {
                    "rules": stats.rules, "records": stats.records, "errors": errors, "warnings": warnings, "strict": stats.strict,
                    "data_dir": stats.folder, "baseline": stats.baseline, "accepted": stats.accepted, "baseline_unused": stats.unused,
                },
            }
        )  # fmt: skip
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
        for r in rest if not stats.quiet else ():
            console.print(Text(r, style="dim"), soft_wrap=True)
    if stats.quiet:
        return
    console.print(Text(line, style="bold red" if errors else "bold green"), soft_wrap=True)
    for n in notes:
        console.print(Text(n), soft_wrap=True)


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


# --- one project ---------------------------------------------------------------------


def _sources_text(ids: list[str]) -> str:
    return ", ".join(ids)


# Columns of ids, dates and amounts: never split; the prose columns beside them give way.
_WHOLE = {"Amount", "As of", "Date", "Due", "Plan made", "Actual", "Sources"}


def show_project(pf: ProjectsFile, p: Project, as_of: date | None, fmt: Format, unit: DisplayUnit) -> None:
    """Every fact about one project, with the sources resolved to their addresses."""
    st = project_status(p, as_of)
    cited = {sid for sid in p.sources}
    cited |= {sid for f in p.figures for sid in f.sources} | {sid for m in p.milestones for sid in m.sources}
    cited |= {sid for x in (*p.plans, *p.lengths) for sid in x.sources}
    sources = [src for src in pf.sources if src.id in cited]
    checks = plan_checks(p, as_of)
    figures = [f for f in p.figures if f.as_of is None or as_of is None or happened_by(f.as_of, as_of)]
    milestones = [m for m in p.milestones if as_of is None or happened_by(m.date, as_of)]
    if fmt is Format.json:
        record = project_record(p, as_of)
        record["figures"] = as_json(figures)
        record["milestones"] = as_json(milestones)
        record["sources"] = as_json(sources)
        record["as_of"] = as_of.isoformat() if as_of else None
        write_json(record)
        return
    if fmt is Format.csv:
        write_csv(
            ["kind", "date", "what", "amount", "unit", "basis", "scope", "section", "sources"],
            [
                *(
                    {"kind": "figure", "date": f.as_of, "what": f.scope_note or "", "amount": f.amount, "unit": f.unit.value,
                     "basis": f.basis.value, "scope": f.scope.value, "section": None, "sources": ";".join(f.sources)}
                    for f in figures
                ),
                *(
                    {"kind": m.kind.value, "date": m.date, "what": m.label, "amount": None, "unit": None, "basis": None,
                     "scope": None, "section": m.section, "sources": ";".join(m.sources)}
                    for m in milestones
                ),
            ],
        )  # fmt: skip
        return
    head = [
        ("ID", p.id),
        ("Name", p.name_en + (f" / {p.name_zh}" if p.name_zh else "")),
        ("Identified", "yes" if p.identified else "no: no source names this project"),
        ("Sector", SECTOR_LABELS[p.sector][0] + (f" / {SUBSECTOR_LABELS[p.subsector][0]}" if p.subsector else "")),
        ("Batch", str(p.batch) if p.batch else "unknown"),
        ("Where", "; ".join(
            f"{PROVINCE_LABELS[loc.province][0]}" + (f": {', '.join(loc.places)}" if loc.places else "") + (" (from the name only)" if loc.inferred else "")
            for loc in p.locations
        ) or "not found"),  # fmt: skip
        ("Status", f"{st.status.value}" + (f" since {st.since} ({st.evidence.label})" if st.evidence else ": no dated milestone") + (f", as of {as_of.isoformat()}" if as_of else "")),
    ]
    if p.lengths:
        head.append(("Length", "; ".join(
            f"{'~' if ln.about else ''}{ln.km} km, {ln.scope.value.replace('_', ' ')}" + (f": {ln.scope_note}" if ln.scope_note else "") + (f" ({ln.as_of})" if ln.as_of else "")
            for ln in p.lengths
        )))  # fmt: skip
    plan_rows = [[c.plan.kind.value.replace("_", " ") + (f" [{c.plan.section}]" if c.plan.section else ""), c.plan.due, c.plan.made,
                  c.reached.date if c.reached else "not reached", _STATE_WORDS[c.state] + (f", {_n(c.slip_months, 'month')}" if c.slip_months else ""),
                  _sources_text(c.plan.sources)]
                 for c in checks]  # fmt: skip
    plan_head = ["Stage", "Due", "Plan made", "Actual", "Against the plan", "Sources"]
    fig_rows = [
        [money(f.amount, unit, about=f.about), BASIS_LABELS[f.basis], f.scope.value.replace("_", " ") + (f": {f.scope_note}" if f.scope_note else ""), f.as_of or "undated", _sources_text(f.sources)]
        for f in figures
    ]
    ms_rows = [[m.date, m.kind.value.replace("_", " "), (f"[{m.section}] " if m.section else "") + m.label, _sources_text(m.sources)] for m in milestones]
    notes = [p.note] if p.note else []
    if fmt is Format.markdown:
        out = [f"## {md(p.name_en)}" + (f" ({md(p.name_zh)})" if p.name_zh else ""), "\n".join(f"- **{k}**: {md(v)}" for k, v in head)]
        out.append("### Figures (not of the 2020 list's basis; never summed)")
        out.append(markdown_table(["Amount", "Basis", "Scope", "As of", "Sources"], fig_rows) if fig_rows else "None known.")
        out.append("### Milestones")
        out.append(markdown_table(["Date", "Event", "What", "Sources"], ms_rows) if ms_rows else "None recorded.")
        if plan_rows:
            out.append("### Plans against actuals (the plan in force: the latest made by then)")
            out.append(markdown_table(plan_head, plan_rows))
        if notes:
            out.append("### Notes\n\n" + "  \n".join(md(n) for n in notes))
        out.append("### Sources\n\n" + "\n".join(f"- `{src.id}`: {md(src.url)}" + (f" ({md(src.publisher)})" if src.publisher else "") for src in sources))
        sys.stdout.write("\n\n".join(out) + "\n")
        return
    console = out_console()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for k, v in head:
        grid.add_row(k, v)
    console.print(grid)
    console.print()
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title="Figures (other bases than the 2020 list; never summed)", title_justify="left")
    for h in ("Amount", "Basis", "Scope", "As of", "Sources"):
        table.add_column(h, overflow="fold", no_wrap=h in _WHOLE)
    for row in fig_rows:
        table.add_row(*row)
    console.print(table if fig_rows else Text("Figures: none known."))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title="Milestones", title_justify="left")
    for h in ("Date", "Event", "What", "Sources"):
        table.add_column(h, overflow="fold", no_wrap=h in _WHOLE)
    for row in ms_rows:
        table.add_row(*row)
    console.print(table if ms_rows else Text("Milestones: none recorded."))
    if plan_rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title="Plans against actuals (the plan in force: the latest made by then)", title_justify="left")
        for h in plan_head:
            table.add_column(h, overflow="fold", no_wrap=h in _WHOLE)
        for row in plan_rows:
            table.add_row(*row)
        console.print(table)
    for n in notes:
        console.print(Text(f"Note: {n}"))
    console.print()
    console.print(Text("Sources", style="bold"))
    for src in sources:
        console.print(Text(f"  {src.id}  {src.url}" + (f"  ({src.publisher})" if src.publisher else "")), soft_wrap=True)


# --- timeline --------------------------------------------------------------------------


def show_timeline(events: list[Event], fmt: Format, planned: list[PlannedEvent] | None = None) -> None:
    """Dated events; with ``planned``, the due dates of plans too, marked as planned (never mistaken for events)."""
    planned = planned or []
    records = [
        {"date": e.date, "project": e.project.id, "name_en": e.project.name_en, "sector": e.project.sector.value, "kind": e.milestone.kind.value,
         "section": e.milestone.section, "label": e.milestone.label, "sources": e.milestone.sources}
        for e in events
    ]  # fmt: skip
    if fmt is Format.json:
        plans = [
            {"due": e.due, "project": e.project.id, "sector": e.project.sector.value, "kind": e.plan.kind.value, "section": e.plan.section,
             "made": e.plan.made, "label": e.plan.label, "sources": e.plan.sources}
            for e in planned
        ]  # fmt: skip
        write_json({"count": len(records), "events": records, "planned": plans})
        return
    if fmt is Format.csv:
        write_csv(["date", "project", "name_en", "sector", "kind", "section", "label", "sources"], ({**r, "sources": ";".join(r["sources"])} for r in records))
        return
    merged: list[tuple[Any, list[str]]] = [
        (date_bounds(e.date), [e.date, e.project.id, e.milestone.kind.value.replace("_", " "), (f"[{e.milestone.section}] " if e.milestone.section else "") + e.milestone.label])
        for e in events
    ]
    merged += [
        (date_bounds(e.due), [e.due, e.project.id, "planned: " + e.plan.kind.value.replace("_", " "),
                              (f"[{e.plan.section}] " if e.plan.section else "") + f"due, per a plan of {e.plan.made}: {e.plan.label}"])
        for e in planned
    ]  # fmt: skip
    rows = [row for _, row in sorted(merged, key=lambda x: (x[0], x[1][1]))]
    planned_note = f" and {_n(len(planned), 'planned date')} (marked planned: a plan's due date, not an event)" if planned else ""
    footer = f"{_n(len(events), 'event')}{planned_note}. Partial dates (2020, 2021-12) sort by their first day; --format json gives the sources."
    if fmt is Format.markdown:
        sys.stdout.write((markdown_table(["Date", "Project", "Event", "What"], rows) + "\n\n" if rows else "") + md(footer) + "\n")
        return
    console = out_console()
    if rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
        table.add_column("Date", no_wrap=True)
        table.add_column("Project", overflow="fold")
        table.add_column("Event", overflow="fold", max_width=16)
        table.add_column("What", overflow="fold", ratio=1)
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print(Text(footer))


# --- progress --------------------------------------------------------------------------


def show_progress(pr: Progress, fmt: Format, unit: DisplayUnit, *, bar_width: int = 20) -> None:
    port = pr.portfolio
    total_amount = port.amount if port else None
    if fmt is Format.json:
        write_json(
            {
                "as_of": pr.as_of.isoformat(),
                "sectors": [
                    {"sector": sp.sector.value, "projects": sp.projects, "started": sp.started, "completed": sp.completed, "unknown": sp.unknown,
                     "by_status": {k.value: v for k, v in sp.by_status.items()}}
                    for sp in pr.sectors
                ],
                "snapshots": [
                    {**as_json(snap),
                     "share_of_total": None if snap.invested is None or not total_amount else float(snap.invested / total_amount)}
                    for snap in pr.snapshots
                ],
                "portfolio": None if port is None else {"count": port.count, "amount": None if port.amount is None else str(port.amount), "unit": "yi", "about": port.about},
                "annual": [
                    {"year": r.listing.year, "projects": r.listing.projects, "total": None if r.listing.total is None else str(r.listing.total),
                     "total_text": r.listing.total_text, "annual_plan": None if r.annual_plan is None else str(r.annual_plan),
                     "latest": None if r.latest is None else as_json(r.latest),
                     "completion_rate_pct": None if r.completion_rate is None else str(r.completion_rate)}
                    for r in pr.annual
                ],
            }
        )  # fmt: skip
        return
    if fmt is Format.csv:
        write_csv(
            ["sector", "projects", "started", "completed", "unknown"],
            ({"sector": sp.sector.value, "projects": sp.projects, "started": sp.started, "completed": sp.completed, "unknown": sp.unknown} for sp in pr.sectors),
        )
        return
    console = out_console() if fmt is Format.table else None
    ascii_only = console is None or not console.is_terminal
    sector_rows = []
    for sp in pr.sectors:
        share = Decimal(sp.started) / sp.projects if sp.projects else None
        sector_rows.append([SECTOR_LABELS[sp.sector][0], str(sp.projects), str(sp.started), str(sp.completed), str(sp.unknown), bar(share, bar_width, ascii_only)])
    n_all = sum(sp.projects for sp in pr.sectors)
    totals = [sum(getattr(sp, k) for sp in pr.sectors) for k in ("started", "completed", "unknown")]
    sector_rows.append(["All", str(n_all), *map(str, totals), bar(Decimal(totals[0]) / n_all if n_all else None, bar_width, ascii_only)])
    snap_rows = []
    for snap in pr.snapshots:
        when = snap.as_of or f"reported {snap.reported}"
        share = snap.invested / total_amount if (snap.invested is not None and total_amount) else None
        started = f"{snap.started} of {port.count}" if (snap.started is not None and port) else "—"
        snap_rows.append([when, started, money(snap.invested, unit) if snap.invested is not None else "—", percent(share), bar(share, bar_width, ascii_only)])
    annual_rows = []
    for r in pr.annual:
        l, latest = r.listing, r.latest
        total = ("more than " if l.total_more_than else "~" if l.total_about else "") + amount_text(l.total, unit) if l.total is not None else "—"
        when = "—" if latest is None else (f"{latest.as_of} full year" if latest.period == "full_year" else latest.as_of)
        done = amount_text(latest.year_to_date, unit) if latest and latest.year_to_date is not None else "—"
        rate = r.completion_rate
        annual_rows.append([str(l.year), str(l.projects or "—"), total, amount_text(r.annual_plan, unit) if r.annual_plan is not None else "—", when, done,
                            f"{rate}%" if rate is not None else "—", bar(rate / 100 if rate is not None else None, bar_width // 2, ascii_only)])  # fmt: skip
    suffix = UNIT_SUFFIX[unit]
    notes = [
        f"Started and completed are derived from dated milestones up to {pr.as_of.isoformat()}; unknown: no milestone recorded.",
        "Reported progress is the joint office's own count and investment for the 31 projects (share of the reported total).",
        "Annual lists: the year's list of co-built projects; the completion rate is as reported, against the year's plan.",
    ]
    sector_head = ["Sector", "Projects", "Started", "Completed", "Unknown", "Share started"]
    snap_head = ["As of", "Started", "Invested", "Of total", ""]
    annual_head = ["Year", "Projects", f"Total ({suffix})", f"Plan ({suffix})", "Latest report", f"Done ({suffix})", "Rate", ""]
    if fmt is Format.markdown:
        out = [
            f"## Status of the 31 projects, as of {pr.as_of.isoformat()}",
            markdown_table(sector_head[:5], [r[:5] for r in sector_rows], "lrrrr"),
            "## Reported progress of the 31 projects",
            markdown_table(snap_head[:4], [r[:4] for r in snap_rows], "lrrr") if snap_rows else "No report up to this date.",
            "## Annual lists of co-built projects",
            markdown_table(annual_head[:7], [r[:7] for r in annual_rows], "lrrrlrr") if annual_rows else "No annual list data.",
            "  \n".join(md(n) for n in notes),
        ]
        sys.stdout.write("\n\n".join(out) + "\n")
        return
    assert console is not None
    for title, head, rows, justify in (
        (f"Status of the 31 projects, as of {pr.as_of.isoformat()}", sector_head, sector_rows, "lrrrrl"),
        ("Reported progress of the 31 projects", snap_head, snap_rows, "lrrrl"),
        ("Annual lists of co-built projects", annual_head, annual_rows, "lrrrlrrl"),
    ):
        if not rows:
            console.print(Text(f"{title}: nothing reported up to this date."))
            console.print()
            continue
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title=title, title_justify="left")
        for h, j in zip(head, justify, strict=True):
            table.add_column(h, justify="right" if j == "r" else "left", no_wrap=(h in ("", "Latest report", "As of")), overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for n in notes:
        console.print(Text(n))


# --- changes between two dates ------------------------------------------------------------


def show_changes(ch: Changes, fmt: Format, unit: DisplayUnit) -> None:
    """Events, status transitions, new figures and new plans between two days, by project and by sector."""
    span = f"{ch.start.isoformat()} to {ch.end.isoformat()}"

    def event(e: Event) -> dict[str, Any]:
        return {"date": e.date, "project": e.project.id, "sector": e.project.sector.value, "kind": e.milestone.kind.value,
                "section": e.milestone.section, "label": e.milestone.label, "sources": e.milestone.sources}  # fmt: skip

    if fmt is Format.json:
        write_json(
            {
                "from": ch.start.isoformat(),
                "to": ch.end.isoformat(),
                "events": [event(e) for e in ch.events],
                "straddling": [event(e) for e in ch.straddling],
                "transitions": [
                    {"project": t.project.id, "sector": t.project.sector.value, "from": t.before.status.value, "to": t.after.status.value, "since": t.after.since}
                    for t in ch.transitions
                ],
                "figures": [{"project": p.id, **as_json(f)} for p, f in ch.figures],
                "plans": [{"project": p.id, **as_json(pl)} for p, pl in ch.plans],
                "by_sector": {s.value: n for s, n in ch.by_sector().items()},
            }
        )
        return
    if fmt is Format.csv:
        write_csv(["date", "project", "sector", "kind", "section", "label", "sources"], ({**event(e), "sources": ";".join(e.milestone.sources)} for e in ch.events))
        sys.stderr.write("note: CSV holds the events only; --format json also gives the status transitions, figures, plans and edge cases.\n")
        return
    ev_rows = [[e.date, e.project.id, e.milestone.kind.value.replace("_", " "), (f"[{e.milestone.section}] " if e.milestone.section else "") + e.milestone.label] for e in ch.events]
    tr_rows = [[t.after.since or "", t.project.id, t.before.status.value, t.after.status.value] for t in ch.transitions]
    fig_rows = [[f.as_of or "", p.id, money(f.amount, unit, about=f.about), BASIS_LABELS[f.basis], f.scope.value.replace("_", " ")] for p, f in ch.figures]
    plan_rows = [[pl.made, p.id, pl.kind.value.replace("_", " ") + (f" [{pl.section}]" if pl.section else ""), pl.due, pl.label] for p, pl in ch.plans]
    sectors = ", ".join(f"{SECTOR_LABELS[s][0]} {n}" for s, n in ch.by_sector().items()) or "none"
    notes = [
        f"{_n(len(ch.events), 'event')} from {span}; by sector: {sectors}.",
        "A fact counts when its whole date lies in the range (2024 lies within 2024-01-01..2024-12-31, "
        "2024-12 within ..2024-12-31); a partial date that only overlaps an end is listed apart.",
    ]
    if ch.straddling:
        notes.append("Perhaps in the range (the date overlaps an end): " + "; ".join(f"{e.date} {e.project.id} {e.milestone.kind.value}" for e in ch.straddling))
    sections = [
        ("Status changes", ["Since", "Project", "From", "To"], tr_rows),
        ("Events", ["Date", "Project", "Event", "What"], ev_rows),
        ("New figures", ["As of", "Project", "Amount", "Basis", "Scope"], fig_rows),
        ("Plans made", ["Made", "Project", "Stage", "Due", "What"], plan_rows),
    ]
    if fmt is Format.markdown:
        out = [f"## Changes from {span}"]
        for title, headers, rows in sections:
            out.append(f"### {title}")
            out.append(markdown_table(headers, rows) if rows else "None.")
        out.append("  \n".join(md(n) for n in notes))
        sys.stdout.write("\n\n".join(out) + "\n")
        return
    console = out_console()
    for title, headers, rows in sections:
        if not rows:
            console.print(Text(f"{title}: none."))
            continue
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", title=title, title_justify="left")
        for i, h in enumerate(headers):
            table.add_column(h, no_wrap=i < 2, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for n in notes:
        console.print(Text(n))


# --- the Gantt view in a terminal -------------------------------------------------------------


def show_gantt(rows: list[GanttRow], day: date) -> None:
    """One line per project across the terminal, 2018 to 2028: ░ preparation, █ implementation, ● completed,
    ◆ a planned date, │ the day of the view (ASCII - = o * | when piped)."""
    from rich.cells import cell_len

    from cqsc.reports import GANTT_END, GANTT_START

    console = out_console()
    ascii_only = not console.is_terminal or console.encoding.lower() not in ("utf-8", "utf8")
    prep, impl, done, plan, line = ("-", "=", "o", "*", "|") if ascii_only else ("░", "█", "●", "◆", "│")
    label_w = max((cell_len(r.project.id) for r in rows), default=4) + 1
    width = max(console.width - label_w, 20)
    span = (GANTT_END - GANTT_START).days

    def col(d: date) -> int:
        d = min(max(d, GANTT_START), GANTT_END)
        return min(width - 1, (d - GANTT_START).days * width // span)

    head = [" "] * width
    for year in range(GANTT_START.year, GANTT_END.year + 1, 2):
        c = col(date(year, 1, 1))
        for i, ch in enumerate(str(year)):
            if c + i < width:
                head[c + i] = ch
    console.print(Text(" " * label_w + "".join(head).rstrip()))
    today = col(day)
    for r in rows:
        cells = [" "] * width
        for b in r.bars:
            for c in range(col(b.start), col(b.end) + 1):
                cells[c] = prep if b.stage is Status.preparation else impl
        if cells[today] == " ":
            cells[today] = line
        if r.completed:
            cells[col(date_bounds(r.completed)[0])] = done
        for pl in r.plans:
            cells[col(date_bounds(pl.due)[1])] = plan
        console.print(Text(r.project.id.ljust(label_w) + "".join(cells).rstrip()), soft_wrap=True)
    console.print(Text(f"{prep} preparation, {impl} implementation, {done} completed, {plan} a planned date, {line} {day.isoformat()}; from the dated milestones."))
