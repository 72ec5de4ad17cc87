"""The portfolio as an OC4IDS project package (Open Contracting for Infrastructure Data Standard 0.9).

Pure: the loaded data and a day in, a dict (or its JSON text) out. No clock: the package's date
is the ``as_of`` day given, else the latest date in the data, so two exports of the same data are
byte-identical. docs/oc4ids-mapping.md says field by field what goes where and why; in short:

- standard fields where the data has the fact: ``budget`` is the latest approved estimate
  (feasibility or design) of the listed item or its whole line, in CNY; approved figures of its
  sections are its breakdowns; lengths are ``metrics``; periods come from the milestones and plans;
- every other figure, and everything of ours the standard has no place for, goes in fields named
  ``cqsc…``, declared by the extension shipped beside this module (oc4ids_extension/);
- one date convention: a date known only to the month or year is written as the last day of that
  period (the day it certainly happened by, or was due by), the date as written kept beside it;
- no amount without its currency, no Chinese text in a field the project's ``language`` calls English
  (such text goes to the ``<field>_zh`` variant), no project for an entry the sources never named.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.errors import CqscError
from cqsc.model.options import Lang
from cqsc.model.records import (
    BASIS_LABELS,
    PROVINCE_LABELS,
    SECTOR_LABELS,
    SUBSECTOR_LABELS,
    UNIT_FACTOR,
    Aggregate,
    Basis,
    Batch,
    Figure,
    Length,
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
    Unit,
    date_bounds,
)
from cqsc.model.walk import cited
from cqsc.queries.status import happened_by, project_status

VERSION = "0.9"  # the package's `version`: the schema's major.minor (the vendored schema is 0.9.5)
CURRENCY = "CNY"
# A date-time stands for a day in China, where every date in the data was reported.
_DAY_TIME = "T00:00:00+08:00"
# The form of a project-id prefix registered with the OC4IDS Helpdesk, as the review tool checks it.
REGISTERED_PREFIX = re.compile(r"oc4ids-[a-z0-9]{6}")
# The cqsc extension (extension.json and the schema patches it lists), shipped inside the package.
EXTENSION_DIR = Path(__file__).resolve().parent / "oc4ids_extension"
# Where the package says the extension is when the publication block gives no address: a reference
# relative to the package file, beside which `cqsc export -o FILE` writes the extension's folder.
EXTENSION_RELATIVE = "cqsc-oc4ids-extension/extension.json"
_HAN = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

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
# Our status words, read by the code list's definitions. Ours says `completion` once a project has opened
# in full or been completed; the list's `completion` is hand-over and close-out, and an asset in use is
# `maintenance` ("the asset is in operation"), so an opened project is exported as `maintenance`.
_PROJECT_STATUS: dict[Status, str] = {Status.completion: "maintenance"}

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
# One convention for every date the package writes (docs/oc4ids-mapping.md, "Dates"): a date known to the
# day is that day; a month or a year is written as its last day (a fact dated "2020-12" happened by
# 2020-12-31; a plan "in 2019" is due by 2019-12-31), and the date as written is kept beside it.


def _is_day(value: str) -> bool:
    return len(value) == 10


def _day_time(day: date) -> str:
    return day.isoformat() + _DAY_TIME


def _date_time(value: str) -> str:
    """A partial date as the date-time of its last day."""
    return _day_time(date_bounds(value)[1])


def _dated(out: dict[str, Any], key: str, value: str | None, beside: str) -> None:
    """Set ``out[key]`` from a partial date, and ``out[beside]`` to the date as written when it is not a day."""
    if value:
        out[key] = _date_time(value)
        if not _is_day(value):
            out[beside] = value


def latest_date(pf: ProjectsFile) -> date | None:
    """The latest day a dated fact of projects.yaml may stand for: the day all of it is known by.

    Every date of the file's walk counts (facts, reported groups and progress, sources, the dates
    plans were made) but a plan's due date (a date to come) and the day of a search that found
    nothing (a last_checked note, which the package does not carry): neither is a fact.
    """
    dates = [d.value for d in walk.dates(walk.nodes("projects", pf)) if d.fact]
    return max((date_bounds(d)[1] for d in dates), default=None)


def project_updated(p: Project, sources: dict[str, Source], as_of: date) -> str | None:
    """A project's latest dated fact by ``as_of``, as written: a milestone, a figure, a length, the day a plan
    was made, or its listing itself (dated by the sources the project's own record cites). Never the day of
    a search that found nothing: a last_checked note is not a fact."""
    dates = [d.value for d in walk.dates(walk.nodes("projects", p, kind="project")) if d.fact]
    dates += [s.published for i in p.sources if (s := sources.get(i)) and s.published]
    dates = [d for d in dates if happened_by(d, as_of)]
    return max(dates, key=lambda d: date_bounds(d)[1], default=None)


# --- text -------------------------------------------------------------------------


def _texts(out: dict[str, Any], key: str, parts: Iterable[str | None]) -> None:
    """``out[key]``: the parts joined, those with Chinese in them joined in ``key_zh`` instead."""
    texts = [p for p in parts if p]
    if en := " ".join(p for p in texts if not _HAN.search(p)):
        out[key] = en
    if zh := " ".join(p for p in texts if _HAN.search(p)):
        out[f"{key}_zh"] = zh


def _languages(node: Any) -> Any:
    """Every text with Chinese in it moved from ``key`` to ``key_zh``: a project's `language` says English.

    The data's texts are passed on verbatim; only the field they sit in depends on what they hold.
    """
    if isinstance(node, list):
        return [_languages(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        moved = isinstance(value, str) and not key.endswith("_zh") and _HAN.search(value) is not None
        field, item = (f"{key}_zh", value) if moved else (key, _languages(value))
        if isinstance(out.get(field), str) and isinstance(item, str):
            # Both the English field and its _zh variant hold Chinese (a name_en written in Chinese): keep both.
            out[field] = f"{out[field]} / {item}"
        else:
            out[field] = item
    return out


# --- the package ------------------------------------------------------------------


def prefix_registered(pub: Publication) -> bool:
    """Whether the data's project-id prefix has the form the OC4IDS Helpdesk registers (`oc4ids-xxxxxx`)."""
    return REGISTERED_PREFIX.fullmatch(pub.id_prefix) is not None


def warnings(ds: Dataset, lang: Lang = Lang.en) -> list[str]:
    """What keeps the package from conforming, one line each, for stderr (the export still succeeds)."""
    from cqsc.text.lang import t

    pub = ds.projects.publication if ds.projects else None
    if pub is None or prefix_registered(pub):
        return []
    return [
        t(lang, "warning: the project-id prefix {prefix!r} is not registered (oc4ids-xxxxxx): the package will not conform to OC4IDS until `publication.id_prefix` is one (see the README)", prefix=pub.id_prefix)
    ]


def package(ds: Dataset, as_of: date | None = None) -> dict[str, Any]:
    """The project package: every identified project of projects.yaml, as things stood on ``as_of``.

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
    for key in ("scheme", "uid", "uri"):
        if value := getattr(pub.publisher, key):
            publisher[key] = value
    identified = [p for p in pf.projects if p.identified]
    return _languages({
        "uri": pub.uri,
        "publisher": publisher,
        "publishedDate": _day_time(day),
        "version": VERSION,
        "license": pub.license,
        "extensions": [pub.extension or EXTENSION_RELATIVE],
        "projects": [project(p, sources, pub, day) for p in sorted(identified, key=lambda p: p.id)],
        "cqscPortfolio": _portfolio(pf, day),
    })


def package_json(ds: Dataset, as_of: date | None = None) -> str:
    """The package as JSON text: keys sorted, UTF-8 (Chinese as written), one trailing newline."""
    return json.dumps(package(ds, as_of), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def extension_files() -> dict[str, bytes]:
    """The extension's files (extension.json and the schema patches it lists), by name, as shipped."""
    return {f.name: f.read_bytes() for f in sorted(EXTENSION_DIR.iterdir()) if f.suffix == ".json"}


def project_id(pub: Publication, p: Project) -> str:
    return f"{pub.id_prefix}-{p.id}"


def project(p: Project, sources: dict[str, Source], pub: Publication, as_of: date) -> dict[str, Any]:
    """One project record; the facts dated after ``as_of`` are left out."""
    st = project_status(p, as_of)
    out: dict[str, Any] = {
        "id": project_id(pub, p),
        "language": "en",
        "title": p.name_en,
        "identifiers": [{"id": p.id, "scheme": "cqsc"}],
        "sector": _SUBSECTOR_CODES[p.subsector] if p.subsector else _SECTOR_CODES[p.sector],
        "additionalClassifications": _classifications(p),
        "cqscStatus": st.status.value,
    }
    if updated := project_updated(p, sources, as_of):
        _dated(out, "updated", updated, "cqscUpdated")
    if p.name_zh:
        # Not declared by the 0.9 schema (its guidance is one package per language); OCDS 1.1's
        # `field_lang` variant, which tools that know OCDS read. See docs/oc4ids-mapping.md.
        out["title_zh"] = p.name_zh
    if p.note:
        out["description"] = p.note
    if kind := project_type(p):
        out["type"] = kind
    if st.status not in _NO_PROJECT_STATUS:
        out["status"] = _PROJECT_STATUS.get(st.status, st.status.value)
    if st.since:
        out["cqscStatusSince"] = st.since
    if p.batch is not None:
        out["cqscBatch"] = p.batch
    if locations := _locations(p):
        out["locations"] = locations
    figures = [f for f in p.figures if f.as_of is None or happened_by(f.as_of, as_of)]
    budget, rest = _budget(figures)
    if budget:
        out["budget"] = budget
    if rest:
        out["cqscFigures"] = [_figure(f) for f in rest]
    lengths = [x for x in p.lengths if x.as_of is None or happened_by(x.as_of, as_of)]
    if lengths:
        out["metrics"] = [_length_metric(lengths)]
    actual = [m for m in p.milestones if happened_by(m.date, as_of)]
    plans = plan_milestones(getattr(p, "plans", []), actual, as_of)
    milestones = _milestones(actual) + plans
    if milestones:
        out["milestones"] = milestones
    out.update(_periods(actual, plans))
    if documents := [_document(sources[i]) for i in cited(p) if i in sources]:
        out["documents"] = documents
    # relatedProjects, parties, publicAuthority: the data records no link and no organisation (see the doc).
    return out


# The project's type where the list's own name for it says so (the name is the source's wording): 扩能 is
# an expansion of an existing road, 提质改造 the upgrade of an existing line. Nothing else is read as a type.
_TYPE_WORDS = (("扩能", "expansion"), ("提质改造", "rehabilitation"))


def project_type(p: Project) -> str | None:
    for word, code in _TYPE_WORDS:
        if p.name_zh and word in p.name_zh:
            return code
    return None


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


# --- money ------------------------------------------------------------------------


def yuan(value: Decimal, unit: Unit = Unit.yi) -> int:
    """An amount in CNY, exactly: 1 亿元 = 100,000,000 CNY (the data has at most 6 decimals of 亿元)."""
    out = value * UNIT_FACTOR[unit]
    if out != out.to_integral_value():
        raise ExportError(f"{value} {unit.value} is not a whole number of yuan")
    return int(out)


def value(amount: Decimal, unit: Unit = Unit.yi) -> dict[str, Any]:
    """The standard's Value: an amount in CNY with its currency, never one without the other."""
    return {"amount": yuan(amount, unit), "currency": CURRENCY}


# Approved estimates: 可研估算 at the feasibility approval and 初步设计概算 at the design approval.
APPROVED = (Basis.feasibility_estimate, Basis.design_estimate)
_BUDGET_SCOPES = (Scope.listed_item, Scope.whole_line)


def _as_reported(f: Figure) -> str:
    return f"{'about ' if f.about else ''}{f.amount} yi yuan (10^8 CNY)"


def budget_figure(figures: list[Figure]) -> Figure | None:
    """The figure that is the budget: the latest approved estimate of the listed item or of the whole line.

    Latest by the last day its date may stand for (an undated figure counts as earliest); on the same
    date a design estimate, which comes after the feasibility estimate, wins.
    """
    approved = [f for f in figures if f.basis in APPROVED and f.scope in _BUDGET_SCOPES]
    if not approved:
        return None
    return max(approved, key=lambda f: (date_bounds(f.as_of)[1] if f.as_of else date.min, APPROVED.index(f.basis)))


def _budget(figures: list[Figure]) -> tuple[dict[str, Any] | None, list[Figure]]:
    """The budget (its figure, with the approved figures of sections on the same basis as breakdowns) and the
    figures left for cqscFigures."""
    f = budget_figure(figures)
    if f is None:
        return None, figures
    parts = [g for g in figures if g.basis is f.basis and g.scope is Scope.section]
    what = "the listed item" if f.scope is Scope.listed_item else "the whole line"
    out: dict[str, Any] = {
        "amount": value(f.amount, f.unit),
        "cqscBasis": f.basis.value,
        "cqscScope": f.scope.value,
        "cqscAbout": f.about,
        "cqscAsReported": _reported(f),
        "cqscSources": list(f.sources),
    }
    _texts(out, "description", [
        f"The latest approved estimate of {what}: the {BASIS_LABELS[f.basis]}, {_as_reported(f)}, "
        + (f"as of {f.as_of}." if f.as_of else "undated."),
        f"What it covers: {f.scope_note}." if f.scope_note else None,
        "Not a figure of the July 2020 list, which itemises no project.",
    ])
    _dated(out, "approvalDate", f.as_of, "cqscApprovalDate")
    if f.note:
        out["cqscNote"] = f.note
    if parts:
        out["budgetBreakdowns"] = [{
            "id": "sections",
            "description": f"Sections, {BASIS_LABELS[f.basis]}s; they need not add up to the budget.",
            "budgetBreakdown": [_breakdown(i, g) for i, g in enumerate(parts, 1)],
        }]
    return out, [g for g in figures if g is not f and not any(g is q for q in parts)]


def _reported(f: Figure | Aggregate | Batch) -> dict[str, Any]:
    # Not `amount`: the review tool reads every field named so as an amount that needs a currency beside it.
    return {"number": str(f.amount), "unit": f.unit.value}


def _breakdown(i: int, g: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(i),
        "amount": value(g.amount, g.unit),
        "cqscAbout": g.about,
        "cqscAsReported": _reported(g),
        "cqscSources": list(g.sources),
    }
    _texts(out, "description", [f"A section: {_as_reported(g)}.", f"What it covers: {g.scope_note}." if g.scope_note else None])
    _dated(out, "approvalDate", g.as_of, "cqscApprovalDate")
    return out


def _figure(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": value(f.amount, f.unit),
        "asReported": _reported(f),
        "about": f.about,
        "basis": f.basis.value,
        "basisLabel": BASIS_LABELS[f.basis],
        "scope": f.scope.value,
        "sources": list(f.sources),
    }
    for key, text in (("scopeNote", f.scope_note), ("asOf", f.as_of), ("note", f.note)):
        if text:
            out[key] = text
    return out


# --- lengths ----------------------------------------------------------------------


def _length_metric(lengths: list[Length]) -> dict[str, Any]:
    """Every length of the project as one metric, an observation each, in km (UN/CEFACT KMT)."""
    observations = []
    for i, x in enumerate(lengths, 1):
        km = int(x.km) if x.km == x.km.to_integral_value() else float(x.km)
        item: dict[str, Any] = {
            "id": str(i),
            "measure": km,
            "unit": {"name": "km", "scheme": "UNCEFACT", "id": "KMT"},
            "cqscAbout": x.about,
            "cqscScope": x.scope.value,
            "cqscSources": list(x.sources),
        }
        _texts(item, "notes", [f"{'About ' if x.about else ''}{x.km} km, {x.scope.value.replace('_', ' ')}.", x.scope_note])
        if x.as_of:
            item["cqscAsOf"] = x.as_of
        observations.append(item)
    return {"id": "length", "title": "Length", "description": "Length in km, each with what it covers, as the sources report it.",
            "observations": observations}


# --- milestones -------------------------------------------------------------------


def _slug(text: str) -> str:
    """An id part for a section: its ASCII words, else a short digest of the text."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-")
    return words or hashlib.sha256(text.encode()).hexdigest()[:8]


def _ids(keys: Iterable[tuple[str, str | None]], head: str = "") -> list[str]:
    """Stable ids in data order: kind, section, and the occurrence of that pair (-2, -3 on a repeat).

    No date in the id: correcting a date, or adding a milestone of another kind or section, keeps every id.
    """
    seen: dict[str, int] = {}
    out = []
    for kind, section in keys:
        ident = head + kind + (f"-{_slug(section)}" if section else "")
        seen[ident] = seen.get(ident, 0) + 1
        out.append(ident if seen[ident] == 1 else f"{ident}-{seen[ident]}")
    return out


def _milestones(actual: list[Milestone]) -> list[dict[str, Any]]:
    """What happened by the export day: status met, dateMet by the date convention."""
    ids = _ids((m.kind.value, m.section) for m in actual)
    out = []
    for ident, m in sorted(zip(ids, actual, strict=True), key=lambda im: (date_bounds(im[1].date), im[0])):
        item = _milestone_head(m.kind, ident)
        item.update({"title": m.label, "status": "met", "cqscDate": m.date, "cqscSources": list(m.sources)})
        item["dateMet"] = _date_time(m.date)
        _describe(item, m.section, m.note)
        out.append(item)
    return out


def _milestone_head(kind: MilestoneKind, ident: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ident, "cqscKind": kind.value}
    if kind in _MILESTONE_TYPE:
        item["type"] = _MILESTONE_TYPE[kind]
    if kind in _MILESTONE_CODE:
        item["code"] = _MILESTONE_CODE[kind]
    return item


def _describe(item: dict[str, Any], section: str | None, note: str | None) -> None:
    if section:
        item["cqscSection"] = section
    _texts(item, "description", [f"Section: {section}." if section else "", note])


def _plan_fields(plan: Any) -> dict[str, Any]:
    """A plan's fields, read by name (models.ProjectPlan, or any record with the same names)."""
    try:
        kind = MilestoneKind(getattr(plan, "kind", None))  # type: ignore[arg-type]  # None is refused below like any non-kind
    except ValueError:
        raise ExportError(f"a plan's kind {getattr(plan, 'kind', None)!r} is not a milestone kind; see docs/oc4ids-mapping.md") from None
    return {
        "kind": kind,
        "due": getattr(plan, "due", None),
        "section": getattr(plan, "section", None),
        "made": getattr(plan, "made", None),
        "sources": list(getattr(plan, "sources", []) or []),
        "label": getattr(plan, "label", None),
        "note": getattr(plan, "note", None),
    }


def plan_milestones(plans: list[Any], actual: list[Milestone], as_of: date) -> list[dict[str, Any]]:
    """Each plan made by ``as_of`` as a milestone with its dueDate and its status on that day.

    met: a milestone of the same event and section happened by then (dateMet by the date convention,
    even if late); notMet: the due date has passed without it; scheduled: not yet due.
    Superseded plans stay, marked; the plan in force is the latest one made for the event.
    """
    fields = [_plan_fields(p) for p in plans]
    ids = _ids(((f["kind"].value, f["section"]) for f in fields), "plan-")
    made = [(i, f) for i, f in zip(ids, fields, strict=True)
            if f["due"] and (f["made"] is None or happened_by(f["made"], as_of))]
    in_force: dict[tuple[MilestoneKind, str | None], dict[str, Any]] = {}
    for _, f in sorted(made, key=lambda i_f: date_bounds(i_f[1]["made"]) if i_f[1]["made"] else (date.min, date.min)):
        in_force[(f["kind"], f["section"])] = f
    out = []
    for ident, f in sorted(made, key=lambda i_f: (date_bounds(i_f[1]["due"]), i_f[0])):
        kind, due = f["kind"], date_bounds(f["due"])[1]
        events = _SAME_EVENT.get(kind, frozenset({kind}))
        hits = sorted((m for m in actual if m.kind in events and m.section == f["section"]), key=lambda m: date_bounds(m.date))
        item = _milestone_head(kind, ident)
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
            item["dateMet"] = _date_time(hits[0].date)
        else:
            item["status"] = "notMet" if due < as_of else "scheduled"
        _describe(item, f["section"], f["note"])
        out.append(item)
    return out


# --- periods ----------------------------------------------------------------------

_STARTS = frozenset({MilestoneKind.construction_start})
_ENDS = frozenset({MilestoneKind.full_opening, MilestoneKind.completion})


def _periods(actual: list[Milestone], plans: list[dict[str, Any]]) -> dict[str, Any]:
    """implementationPeriod from the listed item's own milestones (not a section's): the works' start, and
    their end once opened or completed in full, else the end the plan in force is due by (cqscPlanned marks it);
    maintenancePeriod from the opening in full. By the date convention, with the dates as written beside."""
    whole = sorted((m for m in actual if m.section is None), key=lambda m: date_bounds(m.date))
    start = next((m for m in whole if m.kind in _STARTS), None)
    end = next((m for m in whole if m.kind in _ENDS), None)
    due = [p for p in plans if p["cqscInForce"] and p["cqscKind"] in _ENDS and "cqscSection" not in p and p["status"] != "met"]
    implementation: dict[str, Any] = {}
    if start:
        _dated(implementation, "startDate", start.date, "cqscStartDate")
    if end:
        _dated(implementation, "endDate", end.date, "cqscEndDate")
    elif due:
        first = min(due, key=lambda p: p["dueDate"])
        implementation["endDate"] = first["dueDate"]  # the period is the one planned, until the works end
        implementation["cqscPlanned"] = first["cqscPlanned"]
    out: dict[str, Any] = {}
    if implementation:
        out["implementationPeriod"] = implementation
    if end:
        maintenance: dict[str, Any] = {}
        _dated(maintenance, "startDate", end.date, "cqscStartDate")
        out["maintenancePeriod"] = maintenance
    return out


# --- documents --------------------------------------------------------------------


def _document(s: Source) -> dict[str, Any]:
    """A source as a document: address, title, date published; whose story it is, and where a repost was read."""
    out: dict[str, Any] = {"id": s.id, "url": s.url}
    if s.title:
        out["title"] = s.title
    _dated(out, "datePublished", s.published, "cqscPublished")
    parts = []
    if s.publisher:
        # `publisher` is the original outlet, also for a repost; `via` is the site the copy was read on.
        out["author"] = s.publisher
        out["cqscPublisher"] = s.publisher
        parts.append(f"A repost of an item by {s.publisher}, read on {s.via}." if s.via else f"Published by {s.publisher}.")
    elif s.via:
        parts.append(f"A repost read on {s.via}; the original outlet is not named.")
    if s.via:
        out["cqscVia"] = s.via
    if s.published and not _is_day(s.published):
        parts.append(f"Published {s.published} (the day is not known).")
    _texts(out, "description", [*parts, s.note])
    return out


# --- the portfolio ----------------------------------------------------------------


def _portfolio(pf: ProjectsFile, as_of: date) -> dict[str, Any]:
    """What the portfolio reports as a whole and no project carries: the reported aggregates (count and
    amount), the batches, and how many listed projects are not yet identified by any source."""
    out: dict[str, Any] = {
        "projectsListed": len(pf.projects),
        "unidentifiedProjects": sum(1 for p in pf.projects if not p.identified),
    }
    aggregates = [_group(a, {"sector": a.sector.value if a.sector else None,
                             "subsector": a.subsector.value if a.subsector else None,
                             "count": a.count}) for a in pf.aggregates if happened_by(a.as_of, as_of)]
    if aggregates:
        out["aggregates"] = aggregates
    batches = [_group(b, {"number": b.number, "count": b.count, "countDerived": b.count_derived, "moreThan": b.more_than,
                          "composition": b.composition})
               for b in pf.batches if b.as_of is None or happened_by(b.as_of, as_of)]
    if batches:
        out["batches"] = batches
    return out


def _group(g: Aggregate | Batch, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": g.id, "title": g.label_en}
    if g.label_zh:
        out["title_zh"] = g.label_zh
    out.update({k: v for k, v in fields.items() if v is not None})
    if g.amount is not None:
        out["value"] = value(g.amount, g.unit)
        out["asReported"] = _reported(g)
        out["about"] = g.about
    if g.as_of:
        out["asOf"] = g.as_of
    out["sources"] = list(g.sources)
    if g.note:
        out["note"] = g.note
    return out
