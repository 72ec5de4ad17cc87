"""Selecting projects: by sector, subsector, place, status and text; the one fold for searching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from cqsc.model.records import (
    PROVINCE_LABELS,
    Project,
    Sector,
    Status,
    Subsector,
)
from cqsc.queries.plans import plan_checks
from cqsc.queries.status import project_status

# --- selecting projects ----------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilter:
    sectors: tuple[Sector, ...] = ()
    subsectors: tuple[Subsector, ...] = ()
    locations: tuple[str, ...] = ()
    search: str | None = None
    statuses: tuple[Status, ...] = ()
    as_of: date | None = None  # statuses as they stood that day; None: today
    late: bool = False  # only projects past a planned date in force that day without reaching its stage


def _matches_location(provinces: Iterable[str], places: Iterable[str], wanted: str) -> bool:
    """Whether a province (by code, English or Chinese name) or a place name matches ``wanted``."""
    w = wanted.casefold()
    for province in provinces:
        en, zh = PROVINCE_LABELS[province]  # type: ignore[index]
        if w in (province, en.casefold(), zh) or w == zh.rstrip("省市"):
            return True
    return any(w in place.casefold() for place in places)


def fold(text: str) -> str:
    """Text as search compares it: without case, and in one Unicode normal form (NFKC), so that a name
    stored decomposed (NFD: e + U+0301) is found by the composed query (é), and full-width letters by ASCII."""
    import unicodedata

    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _matches_search(texts: Iterable[str | None], text: str) -> bool:
    t = fold(text)
    return any(t in fold(s or "") for s in texts)


def _matches(f: ProjectFilter, pid: str, name_en: str, name_zh: str | None, sector: str, subsector: str | None, provinces: list[str], places: list[str]) -> bool:
    """The filters that read only what a project is and where (rows.COLUMNS); several values of one kind are alternatives."""
    if f.sectors and sector not in f.sectors:
        return False
    if f.subsectors and subsector not in f.subsectors:
        return False
    if f.locations and not any(_matches_location(provinces, places, loc) for loc in f.locations):
        return False
    return not (f.search and not _matches_search((pid, name_en, name_zh), f.search))


def select_projects(projects: Sequence[Project], f: ProjectFilter) -> Sequence[Project]:
    """Projects matching every kind of filter given; several values of one kind are alternatives.

    Rows served from the cache (rows.ProjectRows) are selected on their columns and stay unbuilt,
    unless a status or a plan has to be read.
    """
    column = getattr(projects, "column", None)
    if column is not None:
        # Each kind of filter reads only its own columns.
        keep: Sequence[int] = range(len(projects))
        if f.sectors:
            sectors = column("sector")
            keep = [i for i in keep if sectors[i] in f.sectors]
        if f.subsectors:
            subsectors = column("subsector")
            keep = [i for i in keep if subsectors[i] in f.subsectors]
        if f.locations:
            provinces, places = column("provinces"), column("places")
            keep = [i for i in keep if any(_matches_location(provinces[i], places[i], loc) for loc in f.locations)]
        if f.search:
            ids, en, zh = column("id"), column("name_en"), column("name_zh")
            keep = [i for i in keep if _matches_search((ids[i], en[i], zh[i]), f.search)]
        chosen: Sequence[Project] = projects.subset(list(keep))  # type: ignore[attr-defined]
        if not (f.statuses or f.late):
            return chosen
    else:
        chosen = [
            p for p in projects
            if _matches(f, p.id, p.name_en, p.name_zh, p.sector, p.subsector, [loc.province for loc in p.locations], [pl for loc in p.locations for pl in loc.places])
        ]
    out = []
    for p in chosen:
        if f.statuses and project_status(p, f.as_of).status not in f.statuses:
            continue
        if f.late and not any(c.state == "late" for c in plan_checks(p, f.as_of)):
            continue
        out.append(p)
    return out
