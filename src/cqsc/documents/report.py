"""Shareable status reports: one self-contained Markdown or HTML file.

The report puts the headline totals, a chart of the reported amounts by sector
and subsector, the projects, the tasks by area, what is not known, and every
source cited, numbered. The HTML needs no script and no network: bars are inline
SVG, styles are inline, and it prints cleanly. Nothing here prints; the caller
writes the text (atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cqsc._version import __version__
from cqsc.model.dataset import Dataset
from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import (
    PROVINCE_LABELS,
    SUBSECTOR_LABELS,
    Project,
    Source,
    date_bounds,
    roman,
    unstated,
)
from cqsc.model.walk import cited as project_sources
from cqsc.queries.changed import Changes, changes
from cqsc.queries.events import GANTT_END, GANTT_START, GanttRow, gantt
from cqsc.queries.status import project_status
from cqsc.queries.summary import GroupRow, Summary, summarise
from cqsc.text.escape import html_text, md
from cqsc.text.lang import t
from cqsc.text.numbers import amount_text, money, percent, today
from cqsc.views.common import ordered_counts

TITLE = "Sichuan–Chongqing jointly implemented major projects: status report"


@dataclass
class Cited:
    """The sources the report's body cites, numbered in the order it first cites them; no other source is listed."""

    number: dict[str, int]
    sources: list[tuple[int, str, Source]]

    def refs(self, ids: list[str]) -> list[int]:
        return sorted({self.number[i] for i in ids if i in self.number})


def _byline(s: Source, esc: Callable[[str], str]) -> str:
    """" — publisher, date (read via host)": whose story it is, when, and where a repost was read; each text escaped."""
    return (
        (f" — {esc(s.publisher)}" if s.publisher else "") + (f", {esc(s.published)}" if s.published else "")
        + (f" ({esc(t(Lang.en, 'read via {via}', via=s.via))})" if s.via else "")
    )


def _stated(sources: list[Source]) -> str:
    """How many sources name their publisher and date, say the page does not, or are not yet established."""
    full = sum(1 for s in sources if s.publisher and s.published)
    said = sum(1 for s in sources if not (s.publisher and s.published) and set(s.not_stated or ()) >= unstated(s))
    rest = len(sources) - full - said
    return (
        f"Publisher and date: {full} of {len(sources)} sources give both; {said} say what the page does not state; "
        f"{rest} not yet established."
    )


def _cite(ds: Dataset, summary: Summary) -> Cited:
    """Number the sources in the order the body cites them: the reported groups, the projects, the plan and its areas.

    Source ids are one namespace across the data files (check's CQ101 holds each id and address to one record).
    """
    assert ds.projects is not None
    order: dict[str, None] = {}
    for g in summary.groups:
        order.update(dict.fromkeys(g.aggregate.sources))
    for p in ds.projects.projects:
        order.update(dict.fromkeys(project_sources(p)))
    if ds.tasks is not None:
        order.update(dict.fromkeys(ds.tasks.plan.sources))
        for a in sorted(ds.tasks.areas, key=lambda a: a.number):
            order.update(dict.fromkeys(a.sources))
    files = [("projects", ds.projects.sources), ("tasks", ds.tasks.sources if ds.tasks else []), ("annual", ds.annual.sources if ds.annual else [])]
    by_id = {s.id: (file, s) for file, sources in files for s in sources}
    known = [i for i in order if i in by_id]
    number = {i: n for n, i in enumerate(known, start=1)}
    return Cited(number, [(number[i], by_id[i][0], by_id[i][1]) for i in known])


def _bn(amount: Decimal) -> str:
    return amount_text(amount, DisplayUnit.bn)


_pct = percent


def _amount(g: GroupRow) -> str:
    a = g.aggregate
    return money(a.amount, DisplayUnit.bn, about=a.about)


def _headline(summary: Summary) -> list[str]:
    port = summary.portfolio
    lines = []
    if port and port.amount is not None:
        lines.append(f"{port.count} projects, about {_bn(port.amount)} bn CNY ({port.amount} 亿元), announced {port.as_of}.")
    for g in summary.groups:
        if g.depth == 1:
            a = g.aggregate
            of = money(port.amount, DisplayUnit.bn, about=port.about) if port else ""
            what = f"{_amount(g)} of {of} ({_pct(g.share)} of the portfolio)" if (a.amount is not None and port and port.amount) else "amount not reported"
            lines.append(f"{a.label_en}: {a.count} projects, {what}.")
    for r in summary.residuals:
        lines.append(
            f"The {r.count} projects of {', '.join(g.label_en.lower() for g in r.groups)} account for the remaining "
            f"~{_bn(r.amount)} bn by arithmetic on the reported totals; no source itemises it."
        )
    statuses = ", ".join(f"{n} {s.value}" for s, n in ordered_counts(summary.statuses).items()) or "no projects yet"
    lines.append(f"Status from dated milestones: {statuses}.")
    return lines


def _where(p: Project) -> str:
    return ", ".join(PROVINCE_LABELS[prov][0] for prov in p.provinces) or "not found"


# --- Markdown ------------------------------------------------------------------------


def _md(text: str) -> str:
    return md(text, cell=True)


def _since(ds: Dataset, since: date, as_of: date | None) -> Changes:
    assert ds.projects is not None
    return changes(ds.projects, since, as_of or today())


def markdown(ds: Dataset, as_of: date | None = None, since: date | None = None) -> str:
    assert ds.projects is not None
    summary = summarise(ds.projects, ds.tasks, as_of)
    cited = _cite(ds, summary)
    day = (as_of or today()).isoformat()
    out = [f"# {TITLE}", f"_As of {day}. Generated by cqsc {__version__} from the data files; every figure is sourced (numbers in brackets)._", "## Headline"]
    out.append("\n".join(f"- {md(line)}" for line in _headline(summary)))
    out.append("## Reported investment by sector and subsector")
    rows = ["| Group | Projects | Amount | Share | |", "|---|---:|---:|---:|---|"]
    for g in summary.groups:
        bar = "█" * int((g.share or 0) * 30)
        refs = "".join(f"[{n}]" for n in cited.refs(g.aggregate.sources))
        rows.append(f"| {'&emsp;' * g.depth}{_md(g.aggregate.label_en)} {refs} | {g.aggregate.count} | {_amount(g)} | {_pct(g.share)} | {bar} |")
    out.append("\n".join(rows))
    out.append("~ reported as approximate (约). Amounts in bn CNY (1 bn = 10 亿元). Groups without a reported amount have no bar.")
    out.append("## Projects")
    rows = ["| ID | Project | 中文名 | Subsector | Where | Status | Sources |", "|---|---|---|---|---|---|---|"]
    for p in ds.projects.projects:
        st = project_status(p, as_of)
        sub = SUBSECTOR_LABELS[p.subsector][0] if p.subsector else "—"
        refs = "".join(f"[{n}]" for n in cited.refs(project_sources(p)))
        status = st.status.value + (f" ({st.since})" if st.since else "")
        rows.append(f"| {p.id} | {_md(p.name_en)} | {_md(p.name_zh or '—')} | {_md(sub)} | {_md(_where(p))} | {status} | {refs} |")
    out.append("\n".join(rows))
    if ds.tasks is not None:  # a portfolio with no plan of tasks has no such section
        out.append("## Key tasks by area (2019 plan)")
        plan = ds.tasks.plan
        out.append(f"{md(plan.title_en)}, signed {plan.signed}{' in ' + md(plan.place) if plan.place else ''} " + "".join(f"[{n}]" for n in cited.refs(plan.sources)))
        for a in sorted(ds.tasks.areas, key=lambda a: a.number):
            tasks = [t for t in ds.tasks.tasks if t.area == a.number]
            refs = "".join(f"[{n}]" for n in cited.refs(a.sources))
            out.append(f"**{a.roman}. {_md(a.name_en)}** ({_md(a.name_zh or 'Chinese name not found')}), {len(tasks)} tasks {refs}\n\n" + "\n".join(f"{t.number}. {md(t.title_en, cell=True)}" for t in tasks))
    if since is not None:
        ch = _since(ds, since, as_of)
        out.append(f"## Since {since.isoformat()}")
        moved = [f"- {md(t.project.id)}: {t.before.status.value} → {t.after.status.value} ({t.after.since})" for t in ch.transitions]
        out.append("\n".join(moved) if moved else "No project changed status.")
        rows = ["| Date | Project | Event | What |", "|---|---|---|---|"]
        rows += [f"| {e.date} | {e.project.id} | {e.milestone.kind.value.replace('_', ' ')} | {_md(e.milestone.label)} |" for e in ch.events]
        out.append("\n".join(rows) if ch.events else "No dated event.")
        out.append(md(f"{len(ch.events)} events, {len(ch.plans)} plans made and {len(ch.figures)} figures dated in the range; a partial date counts when it lies wholly inside it."))
    out.append("## What is not known")
    out.append("\n".join(f"- {md(u)}" for u in summary.unknowns))
    out.append("## Sources")
    out.append("\n".join(f"{n}. {md(s.url, cell=True)}" + _byline(s, lambda x: md(x, cell=True)) for n, _, s in cited.sources))
    out.append(md(_stated([s for _, _, s in cited.sources])))
    return "\n\n".join(out) + "\n"


# --- HTML ----------------------------------------------------------------------------

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.meta, .note { color: #555; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
.bar { fill: #2f6f9f; } .bar.depth2 { fill: #7aa7c7; } .unreported { fill: none; stroke: #999; stroke-dasharray: 3 3; }
ol.sources { font-size: .8rem; word-break: break-all; }
#gantt svg text { font-size: 10px; } #gantt .axis { fill: #fafafa; stroke: #ddd; } #gantt line.year { stroke: #e3e3e3; }
#gantt text.year { fill: #777; } .stage.preparation { fill: #b9d3e6; } .stage.implementation { fill: #2f6f9f; }
#gantt .done { fill: #2e7d32; } #gantt .plan { fill: #f0a500; stroke: #7a5200; } #gantt .asof { stroke: #c62828; stroke-width: 1.5; }
sup { font-size: .7em; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, li, svg { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
"""


def _e(text: object) -> str:
    return html_text(str(text))


def _sup(nums: list[int]) -> str:
    return "<sup>" + ",".join(f'<a href="#s{n}">{n}</a>' for n in nums) + "</sup>" if nums else ""


def _chart(summary: Summary, cited: Cited) -> str:
    """Horizontal bars, one per reported group, width proportional to its reported amount."""
    label_w, bar_w, row_h = 300, 380, 24
    port = summary.portfolio
    total = port.amount if port and port.amount else None
    parts = []
    for i, g in enumerate(summary.groups):
        y = i * row_h
        a = g.aggregate
        label = ("\u2003" * g.depth) + a.label_en
        parts.append(f'<text x="0" y="{y + 16}">{_e(label)}</text>')
        if a.amount is not None and total:
            w = (a.amount / total * bar_w).quantize(Decimal("0.01"))
            parts.append(
                f'<rect class="bar depth{g.depth}" data-id="{_e(a.id)}" data-amount="{a.amount}" x="{label_w}" y="{y + 4}" width="{w}" height="{row_h - 8}"/>'
                f'<text x="{label_w + float(w) + 6}" y="{y + 16}">{_e(_amount(g))} ({_pct(g.share)})</text>'
            )
        else:
            parts.append(
                f'<rect class="unreported" data-id="{_e(a.id)}" x="{label_w}" y="{y + 4}" width="40" height="{row_h - 8}"/>'
                f'<text x="{label_w + 46}" y="{y + 16}">{a.count} projects, amount not reported</text>'
            )
    height = len(summary.groups) * row_h
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Reported investment by sector and subsector" '
        f'width="100%" viewBox="0 0 {label_w + bar_w + 200} {height}" preserveAspectRatio="xMinYMin meet">{"".join(parts)}</svg>'
    )


def _gantt(rows: list[GanttRow], day: date) -> str:
    """One row per project on the 2018-2028 axis: stages as bars, completion and planned dates as marks, a line at the day."""
    label_w, axis_w, row_h, top = 230, 640, 16, 22
    span = (GANTT_END - GANTT_START).days

    def x(d: date) -> float:
        d = min(max(d, GANTT_START), GANTT_END)
        return round(label_w + axis_w * (d - GANTT_START).days / span, 2)

    parts = [f'<rect class="axis" x="{label_w}" y="{top - 4}" width="{axis_w}" height="{len(rows) * row_h + 4}" data-start="{GANTT_START}" data-end="{GANTT_END}"/>']
    for year in range(GANTT_START.year, GANTT_END.year + 2):
        xx = x(date(year, 1, 1)) if year <= GANTT_END.year else label_w + axis_w
        parts.append(f'<line class="year" x1="{xx}" x2="{xx}" y1="{top - 4}" y2="{top + len(rows) * row_h}"/>')
        if year <= GANTT_END.year:
            parts.append(f'<text class="year" x="{xx + 2}" y="{top - 8}">{year}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="0" y="{y + 11}">{_e(r.project.id)}</text>')
        for b in r.bars:
            w = max(x(b.end) - x(b.start), 1.5)
            parts.append(
                f'<rect class="stage {b.stage.value}" data-project="{_e(r.project.id)}" data-from="{b.start}" data-to="{b.end}" '
                f'x="{x(b.start)}" y="{y + 3}" width="{w}" height="{row_h - 6}"><title>{_e(r.project.id)}: {_e(b.stage.value)} from {_e(b.since)}</title></rect>'
            )
        if r.completed:
            d = date_bounds(r.completed)[0]
            parts.append(f'<circle class="done" data-project="{_e(r.project.id)}" data-date="{d}" cx="{x(d)}" cy="{y + row_h / 2}" r="4"><title>completed {_e(r.completed)}</title></circle>')
        for pl in r.plans:
            d = date_bounds(pl.due)[1]
            cx, cy = x(d), y + row_h / 2
            parts.append(
                f'<path class="plan" data-project="{_e(r.project.id)}" data-date="{d}" d="M{cx} {cy - 5} L{cx + 5} {cy} L{cx} {cy + 5} L{cx - 5} {cy} Z">'
                f"<title>{_e(pl.kind.value)} planned by {_e(pl.due)} (plan of {_e(pl.made)})</title></path>"
            )
    xd = x(day)
    parts.append(f'<line class="asof" data-date="{day}" x1="{xd}" x2="{xd}" y1="{top - 4}" y2="{top + len(rows) * row_h}"/>')
    height = top + len(rows) * row_h + 6
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Gantt chart: each project\'s stages and planned dates, 2018 to 2028, with a line at {day}" '
        f'width="100%" viewBox="0 0 {label_w + axis_w + 10} {height}" preserveAspectRatio="xMinYMin meet">{"".join(parts)}</svg>'
    )


def html_report(ds: Dataset, as_of: date | None = None, since: date | None = None) -> str:
    assert ds.projects is not None
    summary = summarise(ds.projects, ds.tasks, as_of)
    cited = _cite(ds, summary)
    day = (as_of or today()).isoformat()
    body = [f"<h1>{_e(TITLE)}</h1>", f'<p class="meta">As of {day}. Generated by cqsc {_e(__version__)} from the data files; every figure is sourced (superscripts refer to the numbered sources).</p>']
    body.append('<section id="headline"><h2>Headline</h2><ul>' + "".join(f"<li>{_e(line)}</li>" for line in _headline(summary)) + "</ul></section>")
    body.append('<section id="chart"><h2>Reported investment by sector and subsector</h2>' + _chart(summary, cited))
    body.append('<p class="note">~ reported as approximate (约). Amounts in bn CNY (1 bn = 10 亿元); bar length is proportional to the reported amount. Dashed boxes: groups with a count but no reported amount.</p>')
    body.append('<p class="note">Sources of the reported groups: ' + "; ".join(f"{_e(g.aggregate.label_en)}{_sup(cited.refs(g.aggregate.sources))}" for g in summary.groups) + "</p></section>")
    rows = []
    for p in ds.projects.projects:
        st = project_status(p, as_of)
        sub = SUBSECTOR_LABELS[p.subsector][0] if p.subsector else "—"
        rows.append(
            f"<tr><td>{_e(p.id)}</td><td>{_e(p.name_en)}{_sup(cited.refs(project_sources(p)))}</td><td lang=\"zh\">{_e(p.name_zh or '—')}</td>"
            f"<td>{_e(sub)}</td><td>{_e(_where(p))}</td><td>{_e(st.status.value)}{(' since ' + _e(st.since)) if st.since else ''}</td></tr>"
        )
    body.append(
        '<section id="projects"><h2>Projects</h2><table><thead><tr><th>ID</th><th>Project</th><th>中文名</th><th>Subsector</th><th>Where</th><th>Status</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></section>"
    )
    tasks_section = ""
    if ds.tasks is not None:  # a portfolio with no plan of tasks has no such section
        areas = []
        for a in sorted(ds.tasks.areas, key=lambda a: a.number):
            tasks = [t for t in ds.tasks.tasks if t.area == a.number]
            areas.append(
                f"<h3>{_e(roman(a.number))}. {_e(a.name_en)} <span lang=\"zh\">{_e(a.name_zh or '(Chinese name not found)')}</span>{_sup(cited.refs(a.sources))}</h3>"
                f'<ol start="{tasks[0].number if tasks else 1}">' + "".join(f"<li>{_e(t.title_en)}</li>" for t in tasks) + "</ol>"
            )
        plan = ds.tasks.plan
        plan_line = f'<p>{_e(plan.title_en)}, signed {_e(plan.signed)}{" in " + _e(plan.place) if plan.place else ""}{_sup(cited.refs(plan.sources))}</p>'
        tasks_section = '<section id="tasks"><h2>Key tasks by area (2019 plan)</h2>' + plan_line + "".join(areas) + "</section>"
    gantt_day = as_of or today()
    body.append(
        '<section id="gantt"><h2>Stages and plans, 2018 to 2028</h2>' + _gantt(gantt(ds.projects, as_of), gantt_day)
        + '<p class="note">Bars: preparation (light) and implementation (dark), from the first dated milestone of each stage; '
        f"a dot marks completion, a diamond a planned date (the end of its period; superseded plans too), the red line {gantt_day}. "
        "Projects with no dated milestone have no bar. Sorted by sector.</p></section>"
    )
    if tasks_section:
        body.append(tasks_section)
    if since is not None:
        ch = _since(ds, since, as_of)
        moved = "".join(f"<li>{_e(t.project.id)}: {_e(t.before.status.value)} → {_e(t.after.status.value)} ({_e(t.after.since)})</li>" for t in ch.transitions)
        events = "".join(
            f"<tr><td>{_e(e.date)}</td><td>{_e(e.project.id)}</td><td>{_e(e.milestone.kind.value.replace('_', ' '))}</td><td>{_e(e.milestone.label)}</td></tr>"
            for e in ch.events
        )
        body.append(
            f'<section id="since"><h2>Since {_e(since.isoformat())}</h2>'
            + (f"<ul>{moved}</ul>" if moved else "<p>No project changed status.</p>")
            + (f"<table><caption>Dated events</caption><thead><tr><th>Date</th><th>Project</th><th>Event</th><th>What</th></tr></thead><tbody>{events}</tbody></table>" if events else "<p>No dated event.</p>")
            + f'<p class="note">{len(ch.events)} events, {len(ch.plans)} plans made and {len(ch.figures)} figures dated in the range; a partial date counts when it lies wholly inside it.</p></section>'
        )
    body.append('<section id="unknown"><h2>What is not known</h2><ul>' + "".join(f"<li>{_e(u)}</li>" for u in summary.unknowns) + "</ul></section>")
    body.append(
        '<section id="sources"><h2>Sources</h2><ol class="sources">'
        + "".join(
            f'<li id="s{n}"><a href="{_e(s.url)}">{_e(s.url)}</a>' + _byline(s, _e) + "</li>"
            for n, _, s in cited.sources
        )
        + f'</ol><p class="note">{_e(_stated([s for _, _, s in cited.sources]))}</p></section>'
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(TITLE)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
