"""The portfolio as an OC4IDS project package (Open Contracting for Infrastructure Data Standard 0.9).

Pure: the loaded data and a day in, a dict (or its JSON text) out. No clock: the package's date
is the ``as_of`` day given, else the latest date in the data, so two exports of the same data are
byte-identical. docs/oc4ids-mapping.md says field by field what goes where and why; in short:

- standard fields only where their meaning is ours (``budget`` only for an approved design
  estimate of the listed item; never a figure of the 2020 list, which itemises none);
- everything of ours the standard has no place for goes in fields named ``cqsc…``, so no tool
  reads it as a standard field (our status where the standard's closed list has no code for it,
  dates known only to the month or year, the other figures with their basis and scope);
- no invented value: a date-time is written only for a date known to the day (a plan's due date
  included: "in 2019" is due by 2019-12-31), no coordinates, no project type, no parties.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.errors import CqscError
from cqsc.model.records import (
    BASIS_LABELS,
    PROVINCE_LABELS,
    SECTOR_LABELS,
    SUBSECTOR_LABELS,
    UNIT_FACTOR,
    Basis,
    Figure,
    Milestone,
    MilestoneKind,
    Project,
    ProjectsFile,
    Publication,
    Scope,
    Sector,
    Source,
    Status,
    Subsector,
    date_bounds,
)
from cqsc.model.walk import cited
from cqsc.queries.status import happened_by, project_status

VERSION = "0.9"  # the package's `version`: the schema's major.minor (the vendored schema is 0.9.5)
CURRENCY = "CNY"
# A date-time stands for a day in China, where every date in the data was reported.
_DAY_TIME = "T00:00:00+08:00"


class ExportError(CqscError, ValueError):
    """The data cannot make a valid package (e.g. projects.yaml has no publication block)."""


# --- code lists -------------------------------------------------------------------
# projectSector codes (parent first, as the standard asks for subsector codes). Only codes whose
# description covers the subsector: ports and inland waterways are water transport, logistics
# parks move freight, tourism is culture/recreation, industrial parks are the economy.

_SECTOR_CODES: dict[Sector, list[str]] = {
    Sector.transport: ["transport"],
    Sector.logistics: ["transport"],
    Sector.industry: ["economy"],
    Sector.new_infrastructure: ["communications"],
}
_SUBSECTOR_CODES: dict[Subsector, list[str]] = {
    Subsector.high_speed_rail: ["transport", "transport.rail"],
    Subsector.expressway: ["transport", "transport.road"],
    Subsector.fast_road: ["transport", "transport.road"],
    Subsector.waterway: ["transport", "transport.water"],
    Subsector.logistics_centre: ["transport"],
    Subsector.inland_port: ["transport", "transport.water"],
    Subsector.rail_freight_yard: ["transport", "transport.rail"],
    Subsector.industrial_park: ["economy"],
    Subsector.cultural_industry_park: ["cultureSportsAndRecreation"],
    Subsector.tourism_resort: ["cultureSportsAndRecreation"],
    Subsector.telecom_5g: ["communications"],
    Subsector.ai_platform: ["communications"],
}

# Our statuses the closed projectStatus list has no code for: `status` is left out for them.
_NO_PROJECT_STATUS = {Status.unknown, Status.suspended}

# milestoneType (open list) and milestoneCode (open list), where one fits the kind.
_MILESTONE_TYPE: dict[MilestoneKind, str] = {
    MilestoneKind.feasibility_approval: "approval",
    MilestoneKind.design_approval: "approval",
    MilestoneKind.reported_in_preparation: "reporting",
    MilestoneKind.reported_under_construction: "reporting",
    MilestoneKind.reported_investment_progress: "reporting",
    MilestoneKind.preparatory_works: "delivery",
    MilestoneKind.construction_start: "delivery",
    MilestoneKind.partial_opening: "delivery",
    MilestoneKind.partial_completion: "delivery",
    MilestoneKind.full_opening: "delivery",
    MilestoneKind.completion: "delivery",
}
_MILESTONE_CODE: dict[MilestoneKind, str] = {
    MilestoneKind.feasibility_approval: "projectApproval",
    MilestoneKind.design_approval: "projectApproval",
    MilestoneKind.construction_start: "commencement",
    MilestoneKind.full_opening: "completion",
    MilestoneKind.completion: "completion",
}
# Kinds that meet a plan for one another: opening in full and completion both end the works.
_SAME_EVENT: dict[MilestoneKind, frozenset[MilestoneKind]] = {
    MilestoneKind.full_opening: frozenset({MilestoneKind.full_opening, MilestoneKind.completion}),
    MilestoneKind.completion: frozenset({MilestoneKind.full_opening, MilestoneKind.completion}),
}


# --- dates ------------------------------------------------------------------------


def _is_day(value: str) -> bool:
    return len(value) == 10


def _day_time(day: date) -> str:
    return day.isoformat() + _DAY_TIME


def _date_time(value: str | None) -> str | None:
    """A date-time for a date known to the day; None for a month or a year (no day is invented)."""
    return value + _DAY_TIME if value and _is_day(value) else None


def latest_date(pf: ProjectsFile) -> date | None:
    """The latest day a dated fact of projects.yaml may stand for: the day all of it is known by.

    Every date of the file's walk counts (facts, reported groups and progress, sources, the dates
    plans were made) but a plan's due date (a date to come) and the day of a search that found
    nothing (a last_checked note, which the package does not carry): neither is a fact.
    """
    dates = [d.value for d in walk.dates(walk.nodes("projects", pf)) if d.fact]
    return max((date_bounds(d)[1] for d in dates), default=None)


# --- the package ------------------------------------------------------------------


def package(ds: Dataset, as_of: date | None = None) -> dict[str, Any]:
    """The project package: every project of projects.yaml, as things stood on ``as_of``.

    ``as_of`` None: the latest date in the data (never today: the output depends on the data only).
    Raises ExportError when the data lacks what the standard requires.
    """
    pf = ds.projects
    if pf is None:
        raise ExportError("no projects.yaml was loaded")
    pub = pf.publication
    if pub is None:
        raise ExportError(
            "projects.yaml has no `publication:` block; an OC4IDS package needs its uri, publisher, "
            "license and id_prefix (see docs/oc4ids-mapping.md)"
        )
    day = as_of or latest_date(pf)
    if day is None:
        raise ExportError("projects.yaml has no dated fact to date the package by; give --as-of")
    sources = {s.id: s for s in pf.sources}
    publisher: dict[str, Any] = {"name": pub.publisher.name}
    if pub.publisher.uri:
        publisher["uri"] = pub.publisher.uri
    return {
        "uri": pub.uri,
        "publisher": publisher,
        "publishedDate": _day_time(day),
        "version": VERSION,
        "license": pub.license,
        "projects": [project(p, sources, pub, day) for p in sorted(pf.projects, key=lambda p: p.id)],
    }


def package_json(ds: Dataset, as_of: date | None = None) -> str:
    """The package as JSON text: keys sorted, UTF-8 (Chinese as written), one trailing newline."""
    return json.dumps(package(ds, as_of), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def project_id(pub: Publication, p: Project) -> str:
    return f"{pub.id_prefix}-{p.id}"


def project(p: Project, sources: dict[str, Source], pub: Publication, as_of: date) -> dict[str, Any]:
    """One project record; the milestones and figures dated after ``as_of`` are left out."""
    st = project_status(p, as_of)
    out: dict[str, Any] = {
        "id": project_id(pub, p),
        "language": "en",
        "title": p.name_en,
        "identifiers": [{"id": p.id, "scheme": "cqsc"}],
        "sector": _SUBSECTOR_CODES[p.subsector] if p.subsector else _SECTOR_CODES[p.sector],
        "additionalClassifications": _classifications(p),
        "cqscStatus": st.status.value,
        "cqscIdentified": p.identified,
    }
    if p.name_zh:
        # Not declared by the 0.9 schema (its guidance is one package per language); OCDS 1.1's
        # `field_lang` variant, which tools that know OCDS read. See docs/oc4ids-mapping.md.
        out["title_zh"] = p.name_zh
    if st.status not in _NO_PROJECT_STATUS:
        out["status"] = st.status.value
    if st.since:
        out["cqscStatusSince"] = st.since
    if p.batch is not None:
        out["cqscBatch"] = p.batch
    if p.note:
        out["cqscNote"] = p.note
    if locations := _locations(p):
        out["locations"] = locations
    figures = [f for f in p.figures if f.as_of is None or happened_by(f.as_of, as_of)]
    if budget := _budget(figures):
        out["budget"] = budget
    if figures:
        out["cqscFigures"] = [_figure(f) for f in figures]
    actual = [m for m in p.milestones if happened_by(m.date, as_of)]
    milestones = _milestones(actual) + plan_milestones(getattr(p, "plans", []), actual, as_of)
    if milestones:
        out["milestones"] = milestones
    if documents := [_document(sources[i]) for i in cited(p) if i in sources]:
        out["documents"] = documents
    # relatedProjects: the data links no project to another yet (see docs/oc4ids-mapping.md).
    return out


def _classifications(p: Project) -> list[dict[str, Any]]:
    en, zh = SECTOR_LABELS[p.sector]
    out = [_classification("cqsc-sector", p.sector.value, en, zh)]
    if p.subsector:
        en, zh = SUBSECTOR_LABELS[p.subsector]
        out.append(_classification("cqsc-subsector", p.subsector.value, en, zh))
    return out


def _classification(scheme: str, code: str, en: str, zh: str | None) -> dict[str, Any]:
    out = {"scheme": scheme, "id": code, "description": en}
    if zh:
        out["description_zh"] = zh
    return out


def _locations(p: Project) -> list[dict[str, Any]]:
    """One location per place named (or per province where none is): names only, no coordinates."""
    out: list[dict[str, Any]] = []
    for loc in p.locations:
        region, region_zh = PROVINCE_LABELS[loc.province]
        places: list[str | None] = [*loc.places] or [None]
        for place in places:
            address = {"region": region, "countryName": "China"}
            if place:
                address["locality"] = place
            item: dict[str, Any] = {
                "id": str(len(out) + 1),
                "description": f"{place}, {region}" if place else region,
                "address": address,
            }
            if loc.inferred:
                item["description"] += " (read from the project's name, not stated by a source)"
                item["cqscInferred"] = True
            out.append(item)
    return out


# --- figures ----------------------------------------------------------------------


def _amount(value: Decimal, unit: Any) -> int | float:
    """An amount in yuan, as the standard's Value wants it (亿元 × 10^8; exact for the data's decimals)."""
    yuan = value * UNIT_FACTOR[unit]
    return int(yuan) if yuan == yuan.to_integral_value() else float(yuan)


def _budget(figures: list[Figure]) -> dict[str, Any] | None:
    """The approved budget: an approved preliminary-design estimate (概算) of exactly the listed item.

    Every other figure (a whole line, a section, a feasibility or later estimate, a 2020-list
    figure) is not the project's budget and stays out of `budget` (it is in cqscFigures).
    """
    approved = [f for f in figures if f.basis is Basis.design_estimate and f.scope is Scope.listed_item]
    if not approved:
        return None
    f = max(approved, key=lambda f: date_bounds(f.as_of)[1] if f.as_of else date.min)
    about = "about " if f.about else ""
    what = f.scope_note or "the listed item"
    when = f" as of {f.as_of}" if f.as_of else ""
    return {
        "amount": {"amount": _amount(f.amount, f.unit), "currency": CURRENCY},
        "description": (
            f"Approved preliminary design estimate (初步设计概算) of {what}: {about}{f.amount}亿元{when}. "
            "Not a figure of the July 2020 list, which itemises no project."
        ),
        "cqscSources": list(f.sources),
    }


def _figure(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {
        "amount": str(f.amount),
        "unit": f.unit.value,
        "about": f.about,
        "basis": f.basis.value,
        "basisLabel": BASIS_LABELS[f.basis],
        "scope": f.scope.value,
        "sources": list(f.sources),
    }
    for key, value in (("scopeNote", f.scope_note), ("asOf", f.as_of), ("note", f.note)):
        if value:
            out[key] = value
    return out


# --- milestones -------------------------------------------------------------------


def _milestones(actual: list[Milestone]) -> list[dict[str, Any]]:
    """What happened by the export day: status met, dateMet where the day is known."""
    out = []
    seen: dict[str, int] = {}
    for m in sorted(actual, key=lambda m: (date_bounds(m.date), m.kind.value, m.section or "")):
        item = _milestone_head(m.kind, f"{m.kind.value}-{m.date}", seen)
        item.update({"title": m.label, "status": "met", "cqscDate": m.date, "cqscSources": list(m.sources)})
        if met := _date_time(m.date):
            item["dateMet"] = met
        _describe(item, m.section, m.note)
        out.append(item)
    return out


def _milestone_head(kind: MilestoneKind, ident: str, seen: dict[str, int]) -> dict[str, Any]:
    seen[ident] = seen.get(ident, 0) + 1
    item: dict[str, Any] = {"id": ident if seen[ident] == 1 else f"{ident}-{seen[ident]}", "cqscKind": kind.value}
    if kind in _MILESTONE_TYPE:
        item["type"] = _MILESTONE_TYPE[kind]
    if kind in _MILESTONE_CODE:
        item["code"] = _MILESTONE_CODE[kind]
    return item


def _describe(item: dict[str, Any], section: str | None, note: str | None) -> None:
    if section:
        item["cqscSection"] = section
    parts = [f"Section: {section}." if section else "", note or ""]
    if text := " ".join(p for p in parts if p):
        item["description"] = text


def _plan_fields(plan: Any) -> dict[str, Any]:
    """A plan's fields, read by name so that this module works before and after plans exist.

    The intended record (the plans issue): ``kind`` (a MilestoneKind), ``due`` (a partial date),
    ``section`` (None: the listed item), ``made`` (the date the plan was made), ``sources``,
    optional ``label`` and ``note``.
    """
    due = getattr(plan, "due", None) or getattr(plan, "date", None)
    try:
        kind = MilestoneKind(getattr(plan, "kind", None))  # type: ignore[arg-type]  # None is refused below like any non-kind
    except ValueError:
        raise ExportError(f"a plan's kind {getattr(plan, 'kind', None)!r} is not a milestone kind; see docs/oc4ids-mapping.md") from None
    return {
        "kind": kind,
        "due": due,
        "section": getattr(plan, "section", None),
        "made": getattr(plan, "made", None),
        "sources": list(getattr(plan, "sources", []) or []),
        "label": getattr(plan, "label", None),
        "note": getattr(plan, "note", None),
    }


def plan_milestones(plans: list[Any], actual: list[Milestone], as_of: date) -> list[dict[str, Any]]:
    """Each plan made by ``as_of`` as a milestone with its dueDate and its status on that day.

    met: a milestone of the same event and section happened by then (dateMet where its day is
    known, even if late); notMet: the due date has passed without it; scheduled: not yet due.
    Superseded plans stay, marked; the plan in force is the latest one made for the event.
    """
    fields = [_plan_fields(p) for p in plans]
    fields = [f for f in fields if f["due"] and (f["made"] is None or happened_by(f["made"], as_of))]
    in_force: dict[tuple[MilestoneKind, str | None], dict[str, Any]] = {}
    for f in sorted(fields, key=lambda f: date_bounds(f["made"]) if f["made"] else (date.min, date.min)):
        in_force[(f["kind"], f["section"])] = f
    out = []
    seen: dict[str, int] = {}
    for f in sorted(fields, key=lambda f: (date_bounds(f["due"]), f["kind"].value, f["section"] or "", f["made"] or "")):
        kind, due = f["kind"], date_bounds(f["due"])[1]
        events = _SAME_EVENT.get(kind, frozenset({kind}))
        hits = sorted((m for m in actual if m.kind in events and m.section == f["section"]), key=lambda m: date_bounds(m.date))
        item = _milestone_head(kind, f"plan-{kind.value}-{f['due']}", seen)
        item.update({
            "title": f["label"] or f"Planned: {kind.value.replace('_', ' ')}",
            "dueDate": _day_time(due),
            "dateModified": _day_time(as_of),
            "cqscPlanned": f["due"],
            "cqscInForce": in_force[(kind, f["section"])] is f,
            "cqscSources": f["sources"],
        })
        if f["made"]:
            item["cqscPlanMade"] = f["made"]
        if hits:
            item["status"] = "met"
            item["cqscDate"] = hits[0].date
            if met := _date_time(hits[0].date):
                item["dateMet"] = met
        else:
            item["status"] = "notMet" if due < as_of else "scheduled"
        _describe(item, f["section"], f["note"])
        out.append(item)
    return out


# --- documents --------------------------------------------------------------------


def _document(s: Source) -> dict[str, Any]:
    """A source as a document: address, title, date published; whose story it is, and where a repost was read."""
    out: dict[str, Any] = {"id": s.id, "url": s.url}
    if s.title:
        out["title"] = s.title
    if published := _date_time(s.published):
        out["datePublished"] = published
    parts = []
    if s.publisher:
        # `publisher` is the original outlet, also for a repost; `via` is the site the copy was read on.
        out["author"] = s.publisher
        parts.append(f"A repost of an item by {s.publisher}, read on {s.via}." if s.via else f"Published by {s.publisher}.")
    elif s.via:
        parts.append(f"A repost read on {s.via}; the original outlet is not named.")
    if s.via:
        out["cqscVia"] = s.via
    if s.published and not _is_day(s.published):
        parts.append(f"Published {s.published} (the day is not known).")
        out["cqscPublished"] = s.published
    if s.note:
        parts.append(s.note)
    if parts:
        out["description"] = " ".join(parts)
    return out
