"""The charts, as inline SVG: the portfolio's bars and the Gantt timeline, for the site and the report alike.

Each chart is drawn twice, for a wide and for a narrow screen (the page's style shows one): the narrow
one is at most 440 units wide, so its text stays at 10 px or more on a 390 px phone. Names sit on a line
of their own above their bar, so no label column squeezes the bars. Colours are at least 3:1 against
white and never the only cue: the stages differ in height too, what is after the latest sourced fact is
hatched, the as-of line is labelled. Every text from the data goes through escape.html_text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import Project, Status, date_bounds
from cqsc.queries.events import GANTT_END, GANTT_START, GanttRow
from cqsc.queries.status import latest_fact
from cqsc.queries.summary import Summary
from cqsc.text.escape import html_text
from cqsc.text.lang import code, pick, t
from cqsc.text.numbers import money_cny, percent

WIDE, NARROW = 960, 440
FONT = {WIDE: 12, NARROW: 13}

# Fill colours of the marks (all >= 3:1 against the white the charts are drawn on; tests compute it).
COLOURS = {
    "bar0": "#1f4e79", "bar1": "#2e6da4", "bar2": "#3f7fb5", "unreported": "#6b6b6b",
    "preparation": "#a05a00", "implementation": "#1f4e79", "done": "#000000", "plan": "#6a3d9a", "asof": "#b00020",
}

STYLE = (
    ".chart{display:block;max-width:100%;height:auto;background:#fff}"
    ".chart text{fill:#1a1a1a}.chart .muted{fill:#4d4d4d}.chart a text{fill:#0b5394;text-decoration:underline}"
    f".chart .bar0{{fill:{COLOURS['bar0']}}}.chart .bar1{{fill:{COLOURS['bar1']}}}.chart .bar2{{fill:{COLOURS['bar2']}}}"
    f".chart .unreported{{fill:#fff;stroke:{COLOURS['unreported']};stroke-dasharray:4 3}}"
    f".chart .stage.preparation{{fill:{COLOURS['preparation']}}}.chart .stage.implementation{{fill:{COLOURS['implementation']}}}"
    ".chart .year{stroke:#d0d0d0}.chart .axis{fill:none;stroke:#d0d0d0}"
    f".chart .done{{fill:{COLOURS['done']};stroke:#fff}}.chart .plan{{fill:#fff;stroke:{COLOURS['plan']};stroke-width:2}}"
    f".chart .asof{{stroke:{COLOURS['asof']};stroke-width:2;stroke-dasharray:6 3}}.chart text.asof{{fill:{COLOURS['asof']};stroke:none}}"
    ".chart-narrow{display:none}"
    "@media (max-width:40rem){.chart-wide{display:none}.chart-narrow{display:block}}"
)


def _e(text: object) -> str:
    return html_text(str(text))


def _lang_attr(text_lang: Lang, page: Lang) -> str:
    return "" if text_lang is page else f' lang="{"zh-Hans" if text_lang is Lang.zh else "en"}"'


def _svg(width: int, height: float, label: str, parts: list[str], cls: str, role: str = "img") -> str:
    """An SVG; ``role`` is "group" for a chart whose names are links (an image's parts cannot be focused)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {cls}" role="{role}" aria-label="{_e(label)}" '
        f'width="{width}" height="{height:g}" viewBox="0 0 {width} {height:g}" font-size="{FONT[width]}" '
        f'font-family="system-ui,sans-serif">{"".join(parts)}</svg>'
    )


# --- the portfolio's reported amounts -----------------------------------------------------------


def _bars_at(summary: Summary, unit: DisplayUnit, lang: Lang, width: int) -> str:
    font = FONT[width]
    line, gap = font + 6, 8
    value_w = 12 * font
    bar_w = width - value_w - 4 - 2 * font  # the same scale at every depth: lengths compare across the tree
    port = summary.portfolio
    total = port.amount if port and port.amount else None
    parts: list[str] = []
    y = 0.0
    for g in summary.groups:
        a = g.aggregate
        label = pick(a.label_en, a.label_zh, lang)
        shown_lang = Lang.zh if (lang is Lang.zh and a.label_zh) else Lang.en
        indent = g.depth * font
        parts.append(f'<text x="{indent}" y="{y + font:g}"{_lang_attr(shown_lang, lang)}>{_e(label)}</text>')
        y += line
        if a.amount is not None and total:
            w = max(float((a.amount / total * bar_w).quantize(Decimal("0.01"))), 1.5)
            value = f"{money_cny(a.amount, unit, about=a.about, lang=lang)} ({percent(g.share)})"
            parts.append(
                f'<rect class="bar{min(g.depth, 2)}" data-id="{_e(a.id)}" data-amount="{a.amount}" x="{indent}" y="{y:g}" width="{w:g}" height="{font:g}"/>'
                f'<text x="{indent + w + 6:g}" y="{y + font - 2:g}">{_e(value)}</text>'
            )
        else:
            what = t(lang, "{n} projects, amount not reported", n=a.count)
            parts.append(
                f'<rect class="unreported" data-id="{_e(a.id)}" x="{indent + 0.5:g}" y="{y + 0.5:g}" width="40" height="{font - 1:g}"/>'
                f'<text x="{indent + 48:g}" y="{y + font - 2:g}" class="muted">{_e(what)}</text>'
            )
        y += font + gap
    return _svg(width, y, t(lang, "Reported investment by sector and subsector"), parts, "chart-wide" if width == WIDE else "chart-narrow")


def bars(summary: Summary, unit: DisplayUnit, lang: Lang) -> str:
    """One bar per reported group, its length proportional to the reported amount; a dashed box where none is reported."""
    return _bars_at(summary, unit, lang, WIDE) + _bars_at(summary, unit, lang, NARROW)


# --- the Gantt timeline -------------------------------------------------------------------------


def _legend(lang: Lang, day: date, width: int, font: int) -> tuple[list[str], float]:
    """The key to the marks, drawn with the marks themselves, in as many columns as fit."""
    items = [
        ("preparation", t(lang, "preparation")), ("implementation", t(lang, "implementation")),
        ("unknown", t(lang, "after the latest sourced fact: not known")), ("done", t(lang, "completed")),
        ("plan", t(lang, "planned date")), ("asof", t(lang, "as of {day}", day=day.isoformat())),
    ]
    col_w = 300 if width == WIDE else width
    cols = max(1, width // col_w)
    row_h = font + 8
    parts = []
    for i, (key, text) in enumerate(items):
        x, y = (i % cols) * col_w, (i // cols) * row_h
        mid = y + row_h / 2
        if key in ("preparation", "implementation"):
            h = font * (0.6 if key == "preparation" else 0.9)
            parts.append(f'<rect class="stage {key}" x="{x}" y="{mid - h / 2:g}" width="24" height="{h:g}"/>')
        elif key == "unknown":
            parts.append(f'<rect fill="url(#hatch-{width})" stroke="{COLOURS["implementation"]}" x="{x}" y="{mid - font * 0.45:g}" width="24" height="{font * 0.9:g}"/>')
        elif key == "done":
            parts.append(f'<circle class="done" cx="{x + 12}" cy="{mid:g}" r="5"/>')
        elif key == "plan":
            parts.append(f'<path class="plan" d="M{x + 12} {mid - 6:g} L{x + 18} {mid:g} L{x + 12} {mid + 6:g} L{x + 6} {mid:g} Z"/>')
        else:
            parts.append(f'<line class="asof" x1="{x + 12}" x2="{x + 12}" y1="{y + 2}" y2="{y + row_h - 2}"/>')
        parts.append(f'<text x="{x + 32}" y="{mid + font / 2 - 2:g}">{_e(text)}</text>')
    rows = (len(items) + cols - 1) // cols
    return parts, rows * row_h + 8


def _gantt_at(rows: list[GanttRow], day: date, lang: Lang, width: int, link: Callable[[Project], str | None]) -> str:
    font = FONT[width]
    span = (GANTT_END - GANTT_START).days
    left, right = 2, width - 2
    axis_w = right - left

    def x(d: date) -> float:
        d = min(max(d, GANTT_START), GANTT_END)
        return round(left + axis_w * (d - GANTT_START).days / span, 2)

    parts = [
        f'<defs><pattern id="hatch-{width}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{COLOURS["implementation"]}" stroke-width="2.5"/></pattern></defs>'
    ]
    legend, top = _legend(lang, day, width, font)
    parts += legend
    years_y = top + font
    row_h = font + 20
    first = years_y + 8
    bottom = first + len(rows) * row_h
    step = 1 if width == WIDE else 2
    parts.append(f'<rect class="axis" x="{left}" y="{first - 4}" width="{axis_w}" height="{bottom - first + 4:g}" data-start="{GANTT_START}" data-end="{GANTT_END}"/>')
    for year in range(GANTT_START.year, GANTT_END.year + 2):
        xx = x(date(year, 1, 1)) if year <= GANTT_END.year else right
        parts.append(f'<line class="year" x1="{xx}" x2="{xx}" y1="{first - 4}" y2="{bottom:g}"/>')
        if year <= GANTT_END.year and (year - GANTT_START.year) % step == 0:
            parts.append(f'<text class="muted" x="{xx + 2}" y="{years_y:g}">{year}</text>')
    for i, r in enumerate(rows):
        p = r.project
        y = first + i * row_h
        name = pick(p.name_en, p.name_zh, lang)
        name_lang = Lang.zh if (lang is Lang.zh and p.name_zh) else Lang.en
        text = f'<text x="{left}" y="{y + font:g}"{_lang_attr(name_lang, lang)}>{_e(name)}</text>'
        href = link(p)
        parts.append(f'<a href="{_e(href)}">{text}</a>' if href else text)
        lane = y + font + 4
        latest = latest_fact(p, day)
        known_to = date_bounds(latest)[1] if latest else None
        for b in r.bars:
            h = (font * 0.6) if b.stage is Status.preparation else (font * 0.9)
            top_y = lane + (font * 0.9 - h) / 2
            title = t(lang, "{stage} from {since}", stage=code(lang, b.stage.value), since=b.since)
            solid_end = b.end if known_to is None else min(b.end, max(known_to, b.start))
            w = max(x(solid_end) - x(b.start), 1.5)
            parts.append(
                f'<rect class="stage {b.stage.value}" data-project="{_e(p.id)}" data-from="{b.start}" data-to="{solid_end}" '
                f'x="{x(b.start)}" y="{top_y:g}" width="{w:g}" height="{h:g}"><title>{_e(title)}</title></rect>'
            )
            if known_to is not None and b.end > known_to:
                start = max(known_to, b.start)
                parts.append(
                    f'<rect class="unknown" data-project="{_e(p.id)}" data-from="{start}" data-to="{b.end}" fill="url(#hatch-{width})" '
                    f'stroke="{COLOURS["implementation"]}" stroke-width="0.5" x="{x(start)}" y="{top_y:g}" width="{max(x(b.end) - x(start), 1.5):g}" height="{h:g}">'
                    f"<title>{_e(t(lang, 'no sourced fact after {day}', day=latest))}</title></rect>"
                )
        mid = lane + font * 0.45
        if r.completed:
            d = date_bounds(r.completed)[0]
            parts.append(f'<circle class="done" data-project="{_e(p.id)}" data-date="{d}" cx="{x(d)}" cy="{mid:g}" r="5"><title>{_e(t(lang, "completed {day}", day=r.completed))}</title></circle>')
        for pl in r.plans:
            d = date_bounds(pl.due)[1]
            cx = x(d)
            label = t(lang, "{kind} planned by {due} (plan of {made})", kind=code(lang, pl.kind.value), due=pl.due, made=pl.made)
            parts.append(
                f'<path class="plan" data-project="{_e(p.id)}" data-date="{d}" d="M{cx} {mid - 6:g} L{cx + 6} {mid:g} L{cx} {mid + 6:g} L{cx - 6} {mid:g} Z">'
                f"<title>{_e(label)}</title></path>"
            )
    xd = x(day)
    parts.append(f'<line class="asof" data-date="{day}" x1="{xd}" x2="{xd}" y1="{first - 4}" y2="{bottom:g}"/>')
    anchor = "end" if xd > width / 2 else "start"
    parts.append(f'<text class="asof" x="{xd - 4 if anchor == "end" else xd + 4}" y="{bottom + font + 2:g}" text-anchor="{anchor}">{_e(t(lang, "as of {day}", day=day.isoformat()))}</text>')
    label = t(lang, "Gantt chart: each project's stages and planned dates, 2018 to 2028, with a line at {day}", day=day.isoformat())
    return _svg(width, bottom + font + 8, label, parts, "chart-wide" if width == WIDE else "chart-narrow", "group")


def gantt(rows: list[GanttRow], day: date, lang: Lang, link: Callable[[Project], str | None] = lambda p: None) -> str:
    """One row per project on the 2018-2028 axis: its name (a link where ``link`` gives one), its stages, marks, a line at ``day``."""
    return _gantt_at(rows, day, lang, WIDE, link) + _gantt_at(rows, day, lang, NARROW, link)


# The site's icon, a file of its own (the HTML emitter's page carries the same as a data: address).
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f4e79"/>'
    '<path d="M3 12h2V7H3zm4 0h2V4H7zm4 0h2V9h-2z" fill="#fff"/></svg>\n'
)
