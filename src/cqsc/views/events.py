"""`cqsc timeline` and `cqsc changes`: dated events (and plans' due dates, marked as planned)."""

from __future__ import annotations

from typing import Any

from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import as_json, date_bounds
from cqsc.queries.changed import Changes
from cqsc.queries.events import Event, PlannedEvent
from cqsc.text.lang import code, english, join, punct, sector_label, t
from cqsc.text.numbers import counted, money
from cqsc.views.common import sort_items
from cqsc.views.model import Cell, CellValue, Column, CsvTable, Kind, Lines, Table, View

EVENT_FIELDS = ["date", "project", "name_en", "sector", "kind", "section", "label", "sources"]


def _what(section: str | None, label: str, lang: Lang) -> str:
    """A milestone's section and label: text from the data, so marked (en) as one under --lang zh."""
    return english((f"[{section}] " if section else "") + label, lang)


def _section(section: str | None, lang: Lang) -> str:
    return f"[{english(section, lang)}] " if section else ""


def event_record(e: Event) -> dict[str, Any]:
    return {"date": e.date, "project": e.project.id, "name_en": e.project.name_en, "sector": e.project.sector.value, "kind": e.milestone.kind.value,
            "section": e.milestone.section, "label": e.milestone.label, "sources": e.milestone.sources}


def columns(lang: Lang) -> list[Column]:
    return [Column("date", t(lang, "Date"), Kind.date), Column("project", t(lang, "Project"), Kind.id), Column("event", t(lang, "Event"), Kind.text), Column("what", t(lang, "What"), Kind.prose)]


def timeline_view(events: list[Event], planned: list[PlannedEvent], lang: Lang, *, limit: int = 0, sort: str | None = None) -> View:
    """Dated events; the due dates of plans too, marked as planned (never mistaken for events)."""
    merged: list[tuple[Any, str, dict[str, Any], Event | None]] = [
        (date_bounds(e.date), e.project.id, {"date": e.date, "project": e.project.id, "event": code(lang, e.milestone.kind.value), "what": _what(e.milestone.section, e.milestone.label, lang)}, e)
        for e in events
    ]
    merged += [
        (date_bounds(e.due), e.project.id, {"date": e.due, "project": e.project.id, "event": Cell(t(lang, "planned: {kind}", kind=code(lang, e.plan.kind.value)), tone="dim"),
                                            "what": _section(e.plan.section, lang) + t(lang, "due, per a plan of {made}: {label}", made=e.plan.made, label=english(e.plan.label, lang))}, None)
        for e in planned
    ]
    # Newest first: what a reader looks for is what happened last; --sort date lists oldest first.
    merged.sort(key=lambda x: x[1])
    merged.sort(key=lambda x: x[0], reverse=True)
    keys = {"date": lambda x: x[0], "project": lambda x: x[1], "event": lambda x: x[3].milestone.kind.value if x[3] else "~planned", "what": lambda x: str(x[2]["what"]).casefold()}
    ordered = sort_items(merged, sort, keys)
    shown = ordered[:limit] if limit else ordered
    rows = [r for _, _, r, _ in shown]
    kept = [e for *_, e in shown if e is not None]
    lines = [
        t(lang, "{events}.", events=counted(len(events), "event", lang))
        if not planned
        else t(lang, "{events} and {planned} (marked planned: a plan's due date, not an event).", events=counted(len(events), "event", lang), planned=counted(len(planned), "planned date", lang))
    ]
    if len(shown) < len(ordered):
        lines.append(t(lang, "{more} more not shown (--limit 0 lists all).", more=len(ordered) - len(shown)))
        if not sort:
            lines.append(t(lang, "Newest first; --sort date lists the oldest first, --from and --to pick a period."))
    notes = [t(lang, "Partial dates (2020, 2021-12) sort by their first day; --format json gives the sources.")]
    plans = [
        {"due": e.due, "project": e.project.id, "sector": e.project.sector.value, "kind": e.plan.kind.value, "section": e.plan.section,
         "made": e.plan.made, "label": e.plan.label, "sources": e.plan.sources}
        for e in planned
    ]
    record = {"count": len(kept), "events": [event_record(e) for e in kept], "planned": plans}
    csv_rows = [{**event_record(e), "sources": ";".join(e.milestone.sources)} for e in kept]
    return View(
        [Table(columns(lang), rows), Lines(lines, "result"), Lines(notes, "note")],
        record,
        CsvTable(EVENT_FIELDS, csv_rows),
        csv_left_out="note: CSV holds the events only; the planned dates are in --format json." if planned else None,
    )


def changes_view(ch: Changes, unit: DisplayUnit, lang: Lang, *, limit: int = 0, sort: str | None = None) -> View:
    """Events, status transitions, new figures and new plans between two days, by project and by sector.

    The events are the main table: ``sort`` and ``limit`` (0 for all) apply to them, as --columns does.
    """
    span = t(lang, "{start} to {end}", start=ch.start.isoformat(), end=ch.end.isoformat())
    keys: dict[str, Any] = {
        "date": lambda e: date_bounds(e.date), "project": lambda e: e.project.id, "event": lambda e: e.milestone.kind.value,
        "what": lambda e: _what(e.milestone.section, e.milestone.label, lang).casefold(),
    }
    ordered = sort_items(ch.events, sort, keys)
    events = ordered[:limit] if limit else ordered

    def event(e: Event) -> dict[str, Any]:
        return {"date": e.date, "project": e.project.id, "sector": e.project.sector.value, "kind": e.milestone.kind.value,
                "section": e.milestone.section, "label": e.milestone.label, "sources": e.milestone.sources}

    record = {
        "from": ch.start.isoformat(),
        "to": ch.end.isoformat(),
        "events": [event(e) for e in events],
        "straddling": [event(e) for e in ch.straddling],
        "transitions": [
            {"project": x.project.id, "sector": x.project.sector.value, "from": x.before.status.value, "to": x.after.status.value, "since": x.after.since}
            for x in ch.transitions
        ],
        "figures": [{"project": p.id, **as_json(f)} for p, f in ch.figures],
        "plans": [{"project": p.id, **as_json(pl)} for p, pl in ch.plans],
        "by_sector": {s.value: n for s, n in ch.by_sector().items()},
    }
    tr_rows: list[dict[str, CellValue]] = [{"since": x.after.since or "", "project": x.project.id, "from": Cell(code(lang, x.before.status.value), tone=x.before.status.value),
                "to": Cell(code(lang, x.after.status.value), tone=x.after.status.value)} for x in ch.transitions]
    ev_rows = [{"date": e.date, "project": e.project.id, "event": code(lang, e.milestone.kind.value), "what": _what(e.milestone.section, e.milestone.label, lang)} for e in events]
    fig_rows = [{"as_of": f.as_of or "", "project": p.id, "amount": money(f.amount, unit, about=f.about), "basis": code(lang, f.basis.value), "scope": code(lang, f.scope.value)} for p, f in ch.figures]
    plan_rows = [{"made": pl.made, "project": p.id, "stage": code(lang, pl.kind.value) + (" " + _section(pl.section, lang).rstrip() if pl.section else ""), "due": pl.due,
                  "what": english(pl.label, lang)} for p, pl in ch.plans]
    sectors = join(lang, [f"{sector_label(s, lang)} {n}" for s, n in ch.by_sector().items()]) or t(lang, "none")
    results = [t(lang, "{events} from {span}; by sector: {sectors}.", events=counted(len(ch.events), "event", lang), span=span, sectors=sectors)]
    if len(events) < len(ordered):
        results.append(t(lang, "{more} more not shown (--limit 0 lists all).", more=len(ordered) - len(events)))
    if ch.straddling:
        results.append(t(lang, "Perhaps in the range (the date overlaps an end): {events}", events=punct(lang, ";").join(f"{e.date} {e.project.id} {code(lang, e.milestone.kind.value)}" for e in ch.straddling)))
    notes = [
        t(lang, "A fact counts when its whole date lies in the range (2024 lies within 2024-01-01..2024-12-31, 2024-12 within ..2024-12-31); a partial date that only overlaps an end is listed apart.")
    ]
    none = t(lang, "none.")
    blocks: list[Any] = [
        Table([Column("since", t(lang, "Since"), Kind.date), Column("project", t(lang, "Project"), Kind.id), Column("from", t(lang, "From"), Kind.status), Column("to", t(lang, "To"), Kind.status)],
              tr_rows, title=t(lang, "Status changes"), empty=t(lang, "Status changes") + punct(lang, ":") + none, name="transitions"),
        Table(columns(lang), ev_rows, title=t(lang, "Events"), empty=t(lang, "Events") + punct(lang, ":") + none),
        Table([Column("as_of", t(lang, "As of"), Kind.date), Column("project", t(lang, "Project"), Kind.id), Column("amount", t(lang, "Amount"), Kind.amount),
               Column("basis", t(lang, "Basis"), Kind.text), Column("scope", t(lang, "Scope"), Kind.text)],
              fig_rows, title=t(lang, "New figures"), empty=t(lang, "New figures") + punct(lang, ":") + none, name="figures"),
        Table([Column("made", t(lang, "Made"), Kind.date), Column("project", t(lang, "Project"), Kind.id), Column("stage", t(lang, "Stage"), Kind.text),
               Column("due", t(lang, "Due"), Kind.date), Column("what", t(lang, "What"), Kind.prose)],
              plan_rows, title=t(lang, "Plans made"), empty=t(lang, "Plans made") + punct(lang, ":") + none, name="plans"),
        Lines(results, "result"),
        Lines(notes, "note"),
    ]
    csv_rows = [{**event(e), "sources": ";".join(e.milestone.sources)} for e in events]
    return View(
        blocks,
        record,
        CsvTable(["date", "project", "sector", "kind", "section", "label", "sources"], csv_rows),
        csv_left_out="note: CSV holds the events only; --format json also gives the status transitions, figures, plans and edge cases.",
        title=t(lang, "Changes from {span}", span=span),
    )

