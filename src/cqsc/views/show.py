"""`cqsc show ID`: one project's every fact (figures, lengths, milestones, plans) and every source it cites."""

from __future__ import annotations

from datetime import date
from typing import Any

from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import (
    Project,
    ProjectsFile,
    as_json,
)
from cqsc.model.walk import cited
from cqsc.queries.amounts import shown_amount
from cqsc.queries.plans import plan_checks
from cqsc.queries.status import project_status
from cqsc.text.lang import code, english, join, province_label, punct, sector_label, subsector_label, t
from cqsc.text.numbers import UNIT_HEADER, amount_text, approx, counted, money
from cqsc.views.common import project_at, status_cell
from cqsc.views.model import Cell, CellValue, Column, CsvTable, Kind, Lines, Pairs, Table, View
from cqsc.views.projects import project_record

CSV_FIELDS = ["kind", "date", "what", "amount", "unit", "about", "basis", "scope", "section", "sources"]


def _bracket(section: str | None, label: str, lang: Lang) -> str:
    """A milestone's section and label: text from the data, so marked (en) as one under --lang zh."""
    return english((f"[{section}] " if section else "") + label, lang)


def _credit(publisher: str | None, via: str | None, lang: Lang) -> str:
    """Whose story a source is and, for a repost, the site it was read on (both the data's own words)."""
    read = punct(lang, "(").lstrip() + t(lang, "read via {via}", via=english(via, lang)) + punct(lang, ")") if via else ""
    return " ".join(x for x in (english(publisher, lang) if publisher else "", read) if x)


def view(pf: ProjectsFile, p: Project, as_of: date | None, unit: DisplayUnit, lang: Lang) -> View:
    """Every fact about one project as it stood on ``as_of``, with the sources those facts cite resolved to their addresses."""
    then = project_at(p, as_of)
    # A source only the facts dated after the day cite is left out with them (the project's own list too).
    later_only = set(cited(p, own=False)) - set(cited(then, own=False))
    p = then
    st = project_status(p, as_of)
    ids = [i for i in cited(p) if i not in later_only]
    by_id = {s.id: s for s in pf.sources}
    sources = [by_id[i] for i in ids if i in by_id]
    checks = plan_checks(p, as_of)
    sector = sector_label(p.sector, lang) + (f" / {subsector_label(p.subsector, lang)}" if p.subsector else "")
    places = punct(lang, ";").join(
        province_label(loc.province, lang) + (punct(lang, ":") + english(", ".join(loc.places), lang) if loc.places else "")
        + (t(lang, " (from the name only)") if loc.inferred else "")
        for loc in p.locations
    )
    if st.evidence:
        status = t(lang, "{status} since {since} ({label})", status=code(lang, st.status.value), since=st.since, label=english(st.evidence.label, lang))
    else:
        status = t(lang, "{status}: no dated milestone", status=code(lang, st.status.value))
    if as_of:
        status += t(lang, ", as of {day}", day=as_of.isoformat())
    head: list[tuple[str, Any]] = [
        ("ID", p.id),
        (t(lang, "Name"), p.name_en + (f" / {p.name_zh}" if p.name_zh else "") if lang is Lang.en else (f"{p.name_zh} / " if p.name_zh else "") + english(p.name_en, lang)),
        (t(lang, "Identified"), t(lang, "yes") if p.identified else t(lang, "no: no source names this project")),
        (t(lang, "Sector"), sector),
        (t(lang, "Batch"), str(p.batch) if p.batch else Cell(t(lang, "unknown"), tone="dim")),
        (t(lang, "Where"), places or Cell(t(lang, "not found"), tone="dim")),
        (t(lang, "Status"), Cell(status, tone=st.status.value)),
    ]
    shown = shown_amount(p, as_of)
    if shown is not None:
        # Which figure `cqsc projects` shows, and what it is a figure of (the scope spelled out, so no mark).
        about = ", ".join((code(lang, shown.scope.value), code(lang, shown.basis.value), shown.as_of or t(lang, "undated")))
        head.append((t(lang, "Amount listed"), f"{approx(amount_text(shown.amount, unit), shown.about)} {UNIT_HEADER[unit]} ({about})"))
    if p.lengths:
        head.append((t(lang, "Length"), punct(lang, ";").join(
            f"{'~' if ln.about else ''}{ln.km} km{punct(lang, ',')}{code(lang, ln.scope.value)}" + (punct(lang, ":") + english(ln.scope_note, lang) if ln.scope_note else "")
            + (punct(lang, "(") + ln.as_of + punct(lang, ")") if ln.as_of else "")
            for ln in p.lengths
        )))
    undated = t(lang, "undated")
    fig_cols = [
        Column("amount", t(lang, "Amount"), Kind.amount), Column("basis", t(lang, "Basis"), Kind.text), Column("scope", t(lang, "Scope"), Kind.prose),
        Column("as_of", t(lang, "As of"), Kind.date), Column("sources", t(lang, "Sources"), Kind.text),
    ]
    fig_rows: list[dict[str, CellValue]] = [
        {"amount": money(f.amount, unit, about=f.about), "basis": code(lang, f.basis.value),
         "scope": code(lang, f.scope.value) + (punct(lang, ":") + english(f.scope_note, lang) if f.scope_note else ""),
         "as_of": f.as_of or Cell(undated, tone="dim"), "sources": join(lang, f.sources)}
        for f in p.figures
    ]
    ms_cols = [Column("date", t(lang, "Date"), Kind.date), Column("event", t(lang, "Event"), Kind.text), Column("what", t(lang, "What"), Kind.prose), Column("sources", t(lang, "Sources"), Kind.text)]
    ms_rows: list[dict[str, CellValue]] = [{"date": m.date, "event": code(lang, m.kind.value), "what": _bracket(m.section, m.label, lang), "sources": join(lang, m.sources)} for m in p.milestones]
    plan_cols = [
        Column("stage", t(lang, "Stage"), Kind.text), Column("due", t(lang, "Due"), Kind.date), Column("made", t(lang, "Plan made"), Kind.date),
        Column("actual", t(lang, "Actual"), Kind.date), Column("state", t(lang, "Against the plan"), Kind.text), Column("sources", t(lang, "Sources"), Kind.text),
    ]
    plan_rows: list[dict[str, CellValue]] = [
        {"stage": code(lang, c.plan.kind.value) + (f" [{english(c.plan.section, lang)}]" if c.plan.section else ""), "due": c.plan.due, "made": c.plan.made,
         "actual": c.reached.date if c.reached else Cell(t(lang, "not reached"), tone="dim"),
         "state": Cell(code(lang, c.state) + (punct(lang, ",") + counted(c.slip_months, "month", lang) if c.slip_months else ""), tone="late" if c.state == "late" else None),
         "sources": join(lang, c.plan.sources)}
        for c in checks
    ]
    src_cols = [Column("id", "ID", Kind.id), Column("url", t(lang, "Address"), Kind.url), Column("credit", t(lang, "Publisher"), Kind.prose, stack_under="url")]
    # credit: whose story it is and, for a repost, the site it was read on; publisher alone for the site's list.
    src_rows: list[dict[str, CellValue]] = [
        {"id": s.id, "url": Cell(s.url, link=s.url), "publisher": s.publisher or "",
         "credit": _credit(s.publisher, s.via, lang)}
        for s in sources
    ]
    blocks: list[Any] = [
        Pairs(head),
        Table(fig_cols, fig_rows, title=t(lang, "Figures (other bases than the 2020 list; never summed)"), empty=t(lang, "Figures: none known."), name="figures"),
        Table(ms_cols, ms_rows, title=t(lang, "Milestones"), empty=t(lang, "Milestones: none recorded."), name="milestones"),
    ]
    if plan_rows:
        blocks.append(Table(plan_cols, plan_rows, title=t(lang, "Plans against actuals (the plan in force: the latest made by then)"), name="plans"))
    if p.last_checked:
        # Searches that found nothing later: not facts, so no sources and no part in the status above.
        looked_cols = [Column("date", t(lang, "Date"), Kind.date), Column("where", t(lang, "Searched"), Kind.prose), Column("queries", t(lang, "Queries"), Kind.prose)]
        looked_rows: list[dict[str, CellValue]] = [
            {"date": c.date, "where": english(c.where, lang) if c.where else Cell(t(lang, "not stated"), tone="dim"),
             "queries": english("; ".join(c.queries), lang) + (punct(lang, "(") + english(c.note, lang) + punct(lang, ")") if c.note else "")}
            for c in sorted(p.last_checked, key=lambda c: c.date)
        ]
        blocks.append(Table(looked_cols, looked_rows, title=t(lang, "Last looked for (searches that found no later news)"), name="last_checked"))
    if p.note:
        blocks.append(Lines([english(p.note, lang)], "result", title=t(lang, "Note")))
    if as_of and any(f.as_of is None for f in p.figures):
        blocks.append(Lines([t(lang, "Undated figures are kept: their date is not known, so they may be later than {day}.", day=as_of.isoformat())], "note"))
    blocks.append(Table(src_cols, src_rows, title=t(lang, "Sources"), name="sources"))
    rec = project_record(p, as_of)
    rec.update({"figures": as_json(p.figures), "milestones": as_json(p.milestones), "sources": as_json(sources), "as_of": as_of.isoformat() if as_of else None})
    csv_rows = [
        *({"kind": "figure", "date": f.as_of, "what": f.scope_note or "", "amount": amount_text(f.amount, unit), "unit": UNIT_HEADER[unit],
           "about": str(f.about).lower(), "basis": f.basis.value, "scope": f.scope.value, "section": None, "sources": ";".join(f.sources)} for f in p.figures),
        *({"kind": m.kind.value, "date": m.date, "what": m.label, "section": m.section, "sources": ";".join(m.sources)} for m in p.milestones),
    ]
    return View(
        blocks,
        rec,
        CsvTable(CSV_FIELDS, csv_rows),
        csv_left_out="note: CSV holds the figures and milestones only; the project's fields, plans and sources are in --format json.",
        title=p.name_en + (f" ({p.name_zh})" if p.name_zh else ""),
        extra={"status": status_cell(st.status, st.since, lang)},
    )
