"""The data model: code lists, sources, reported aggregates, projects, areas and tasks.

Amounts are exact ``Decimal`` values in the unit the source used (亿元, 10^8 CNY);
conversion happens only for display. Unknown is ``None``, never zero.

Types are strict where YAML would otherwise coerce silently (a quoted "5563" is
not an amount, ``yes`` is not a count). Enums accept their string values.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

# --- code lists ----------------------------------------------------------------


class Unit(StrEnum):
    """Currency units. Sources report 亿元; the English seeds say billion."""

    yi = "yi"  # 亿元 = 10^8 CNY


UNIT_FACTOR = {Unit.yi: Decimal(10) ** 8}


class Sector(StrEnum):
    transport = "transport"
    logistics = "logistics"
    industry = "industry"
    new_infrastructure = "new_infrastructure"


class Subsector(StrEnum):
    high_speed_rail = "high_speed_rail"
    expressway = "expressway"
    fast_road = "fast_road"
    waterway = "waterway"
    logistics_centre = "logistics_centre"
    inland_port = "inland_port"
    rail_freight_yard = "rail_freight_yard"
    industrial_park = "industrial_park"
    cultural_industry_park = "cultural_industry_park"
    tourism_resort = "tourism_resort"
    telecom_5g = "telecom_5g"
    ai_platform = "ai_platform"


SUBSECTOR_SECTOR: dict[Subsector, Sector] = {
    Subsector.high_speed_rail: Sector.transport,
    Subsector.expressway: Sector.transport,
    Subsector.fast_road: Sector.transport,
    Subsector.waterway: Sector.transport,
    Subsector.logistics_centre: Sector.logistics,
    Subsector.inland_port: Sector.logistics,
    Subsector.rail_freight_yard: Sector.logistics,
    Subsector.industrial_park: Sector.industry,
    Subsector.cultural_industry_park: Sector.industry,
    Subsector.tourism_resort: Sector.industry,
    Subsector.telecom_5g: Sector.new_infrastructure,
    Subsector.ai_platform: Sector.new_infrastructure,
}

# English labels are ours; Chinese labels only where a source uses the wording
# (the July 2020 release and the Oct 2020 Sichuan DRC report).
SECTOR_LABELS: dict[Sector, tuple[str, str | None]] = {
    Sector.transport: ("Transport", "交通基础设施"),
    Sector.logistics: ("Logistics (ports, stations)", "港口、场站、物流"),
    Sector.industry: ("Industry", "产业"),
    Sector.new_infrastructure: ("New infrastructure", "新基建"),
}
SUBSECTOR_LABELS: dict[Subsector, tuple[str, str | None]] = {
    Subsector.high_speed_rail: ("High-speed rail", "高铁"),
    Subsector.expressway: ("Expressways", "毗邻地区高速公路"),
    Subsector.fast_road: ("Fast roads", "毗邻地区快速通道"),
    Subsector.waterway: ("Waterways", "内河航道整治"),
    Subsector.logistics_centre: ("Logistics centre", None),
    Subsector.inland_port: ("Inland port", None),
    Subsector.rail_freight_yard: ("Rail freight yard", None),
    Subsector.industrial_park: ("Industrial park", None),
    Subsector.cultural_industry_park: ("Cultural industry park", None),
    Subsector.tourism_resort: ("Tourism resort", None),
    Subsector.telecom_5g: ("5G network", None),
    Subsector.ai_platform: ("AI platform", None),
}


class Province(StrEnum):
    sichuan = "sichuan"
    chongqing = "chongqing"
    shaanxi = "shaanxi"
    guizhou = "guizhou"
    yunnan = "yunnan"


PROVINCE_LABELS: dict[Province, tuple[str, str]] = {
    Province.sichuan: ("Sichuan", "四川"),
    Province.chongqing: ("Chongqing", "重庆"),
    Province.shaanxi: ("Shaanxi", "陕西"),
    Province.guizhou: ("Guizhou", "贵州"),
    Province.yunnan: ("Yunnan", "云南"),
}


class Basis(StrEnum):
    """What kind of figure a project amount is. Figures of different bases never add up."""

    list_2020 = "list_2020"  # the figure used in the July 2020 list itself
    feasibility_estimate = "feasibility_estimate"  # 可研/工可估算, at feasibility approval
    design_estimate = "design_estimate"  # 初步设计概算
    tender_estimate = "tender_estimate"  # estimate at tender stage
    planned_total = "planned_total"  # planned total investment as announced
    reported_total = "reported_total"  # total investment as reported in the press


BASIS_LABELS: dict[Basis, str] = {
    Basis.list_2020: "2020 list figure",
    Basis.feasibility_estimate: "feasibility estimate",
    Basis.design_estimate: "design estimate",
    Basis.tender_estimate: "tender estimate",
    Basis.planned_total: "planned total",
    Basis.reported_total: "reported total",
}


class Scope(StrEnum):
    """What a project figure covers, relative to the item on the 2020 list."""

    listed_item = "listed_item"  # exactly the item on the list
    whole_line = "whole_line"  # the whole line, beyond the listed item
    section = "section"  # one section of the listed item
    parent_project = "parent_project"  # a larger project the item is part of


class MilestoneKind(StrEnum):
    """Dated events; each implies at least a stage of the project (see MILESTONE_STAGE)."""

    feasibility_approval = "feasibility_approval"
    design_approval = "design_approval"
    preparatory_works = "preparatory_works"
    launch_ceremony = "launch_ceremony"  # a ceremony; formal works may start later
    reported_in_preparation = "reported_in_preparation"
    construction_start = "construction_start"
    reported_under_construction = "reported_under_construction"
    reported_investment_progress = "reported_investment_progress"
    partial_opening = "partial_opening"
    partial_completion = "partial_completion"
    full_opening = "full_opening"
    completion = "completion"
    suspended = "suspended"
    resumed = "resumed"
    cancelled = "cancelled"


class Status(StrEnum):
    """Project status, after the OC4IDS projectStatus code list, plus IATI's suspended and 'unknown'."""

    unknown = "unknown"  # no dated fact says anything about the stage
    identification = "identification"
    preparation = "preparation"
    implementation = "implementation"
    completion = "completion"
    maintenance = "maintenance"
    decommissioning = "decommissioning"
    decommissioned = "decommissioned"
    suspended = "suspended"
    cancelled = "cancelled"


MILESTONE_STAGE: dict[MilestoneKind, Status] = {
    MilestoneKind.feasibility_approval: Status.preparation,
    MilestoneKind.design_approval: Status.preparation,
    MilestoneKind.preparatory_works: Status.preparation,
    MilestoneKind.launch_ceremony: Status.preparation,
    MilestoneKind.reported_in_preparation: Status.preparation,
    MilestoneKind.construction_start: Status.implementation,
    MilestoneKind.reported_under_construction: Status.implementation,
    MilestoneKind.reported_investment_progress: Status.implementation,
    MilestoneKind.partial_opening: Status.implementation,
    MilestoneKind.partial_completion: Status.implementation,
    MilestoneKind.full_opening: Status.completion,
    MilestoneKind.completion: Status.completion,
    MilestoneKind.suspended: Status.suspended,
    MilestoneKind.resumed: Status.implementation,
    MilestoneKind.cancelled: Status.cancelled,
}

# The order a project's stages should come in, for the milestone-order check.
MILESTONE_PHASE: dict[MilestoneKind, int] = {
    MilestoneKind.feasibility_approval: 0,
    MilestoneKind.design_approval: 0,
    MilestoneKind.construction_start: 1,
    MilestoneKind.full_opening: 2,
    MilestoneKind.completion: 2,
}


class TaskStatus(StrEnum):
    unknown = "unknown"
    not_started = "not_started"
    in_progress = "in_progress"
    completed = "completed"


# --- value types ---------------------------------------------------------------

MAX_AMOUNT = Decimal(1_000_000)  # 亿元: 100 trillion CNY, about a year of China's GDP
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def roman(number: int) -> str:
    return _ROMAN[number - 1]


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError("expected a number (write it unquoted, e.g. 3495.5)")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"expected a finite number, got {value}")
    if value <= 0:
        raise ValueError(f"expected a positive amount, got {value}")
    if value > MAX_AMOUNT:
        raise ValueError(f"{value} is implausibly large (more than {MAX_AMOUNT} 亿元); check the unit")
    return value


Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": int(MAX_AMOUNT)}),
]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("expected a date as YYYY-MM-DD, YYYY-MM or YYYY")
    m = _PARTIAL_DATE.match(value)
    if not m:
        raise ValueError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")
    year, month, day = int(m[1]), m[2], m[3]
    if not 1900 <= year <= 2100:
        raise ValueError(f"year {year} is out of range")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} is not a real date: month {month}")
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        raise ValueError(f"{value!r} is not a real date: {calendar.month_name[int(month)]} {year} has no day {day}")
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema({"type": "string", "pattern": _PARTIAL_DATE.pattern}),
]


def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day a partial date may stand for."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


Id = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
Url = Annotated[str, StringConstraints(strict=True, pattern=r"^https?://\S+$")]
SourceRefs = Annotated[list[Id], Field(min_length=1)]


# --- records -------------------------------------------------------------------


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=False)


class Source(Model):
    """A page a fact was read from. Reposts name the original outlet in ``publisher``."""

    id: Id
    url: Url
    title: Text | None = None
    publisher: Text | None = None
    published: PartialDate | None = None
    note: Text | None = None


class Aggregate(Model):
    """A reported count and amount for a group: the portfolio, a sector or a subsector.

    The group's members are the projects whose sector (and subsector) match;
    neither set means the whole portfolio.
    """

    id: Id
    label_en: Text
    label_zh: Text | None = None
    sector: Sector | None = None
    subsector: Subsector | None = None
    count: Annotated[StrictInt, Field(ge=0)]
    amount: Amount | None = None
    unit: Unit = Unit.yi
    about: StrictBool = False
    as_of: PartialDate
    sources: SourceRefs
    note: Text | None = None


class Figure(Model):
    """One investment figure for one project, with what it is a figure of."""

    amount: Amount
    unit: Unit = Unit.yi
    about: StrictBool = False
    basis: Basis
    scope: Scope
    scope_note: Text | None = None
    as_of: PartialDate | None = None  # None: the page does not date the figure
    sources: SourceRefs
    note: Text | None = None


class Milestone(Model):
    """A dated event in a project's life, from one source. Reports that differ stay side by side."""

    kind: MilestoneKind
    date: PartialDate
    section: Text | None = None  # the part of the project it concerns; None: the listed item as a whole
    label: Text
    sources: SourceRefs
    note: Text | None = None


class Location(Model):
    province: Province
    places: list[Text] = []
    inferred: StrictBool = False  # read from the project's name, not stated by a source


class Project(Model):
    id: Id
    name_en: Text
    name_zh: Text | None = None
    identified: StrictBool = True
    sector: Sector
    subsector: Subsector | None = None
    batch: Annotated[StrictInt, Field(ge=1, le=2)] | None = None
    locations: list[Location] = []
    figures: list[Figure] = []
    milestones: list[Milestone] = []
    sources: SourceRefs
    note: Text | None = None

    @property
    def provinces(self) -> list[Province]:
        return list(dict.fromkeys(loc.province for loc in self.locations))


Count = Annotated[StrictInt, Field(ge=0)]


class SnapshotGroup(Model):
    aggregate: Id
    started: Count | None = None
    invested: Amount | None = None


class Snapshot(Model):
    """Portfolio progress as reported: projects started and cumulative investment completed (亿元)."""

    as_of: PartialDate | None = None
    reported: PartialDate | None = None  # when published, where the report gives no as-of date
    started: Count | None = None
    invested: Amount | None = None
    groups: list[SnapshotGroup] = []
    sources: SourceRefs
    note: Text | None = None

    @model_validator(mode="after")
    def _dated(self) -> Snapshot:
        if self.as_of is None and self.reported is None:
            raise ValueError("a snapshot needs as_of or, failing that, reported")
        return self


class ProjectsFile(Model):
    sources: list[Source]
    aggregates: list[Aggregate]
    projects: list[Project]
    snapshots: list[Snapshot] = []


class Plan(Model):
    title_en: Text
    title_zh: Text | None = None
    signed: PartialDate
    place: Text | None = None
    areas: Annotated[StrictInt, Field(ge=1)]  # as the plan states them: 9 areas, 36 tasks
    tasks: Annotated[StrictInt, Field(ge=1)]
    sources: SourceRefs


class Area(Model):
    number: Annotated[StrictInt, Field(ge=1, le=9)]
    roman: Annotated[str, StringConstraints(strict=True, pattern=r"^(I|II|III|IV|V|VI|VII|VIII|IX)$")]
    tasks: Annotated[StrictInt, Field(ge=0)]  # the number of tasks the source lists in this area
    name_en: Text
    name_zh: Text | None = None
    name_zh_note: Text | None = None
    sources: SourceRefs


class TaskUpdate(Model):
    date: PartialDate
    status: TaskStatus
    label: Text
    sources: SourceRefs


class Task(Model):
    number: Annotated[StrictInt, Field(ge=1)]
    area: Annotated[StrictInt, Field(ge=1, le=9)]
    title_en: Text
    title_zh: Text | None = None
    updates: list[TaskUpdate] = []  # dated, sourced status reports; none found so far
    sources: SourceRefs
    note: Text | None = None


class TasksFile(Model):
    plan: Plan
    sources: list[Source]
    areas: list[Area]
    tasks: list[Task]


# --- the annual lists (data/annual.yaml) ----------------------------------------


class Period(StrEnum):
    year_to_date = "year_to_date"
    full_year = "full_year"


class AnnualList(Model):
    """One year's list of co-built major projects."""

    year: Annotated[StrictInt, Field(ge=2000, le=2100)]
    name_zh: Text | None = None
    projects: Count | None = None
    total: Amount | None = None  # total investment of the listed projects, 亿元
    total_about: StrictBool = False
    total_more_than: StrictBool = False  # "超": the source gives a lower bound
    total_text: Text | None = None  # the source's wording, e.g. 1.57万亿元
    annual_plan: Amount | None = None
    composition: Text | None = None
    sources: SourceRefs
    note: Text | None = None


class AnnualProgress(Model):
    """A reported progress point of one year's list."""

    list_year: Annotated[StrictInt, Field(ge=2000, le=2100)]
    as_of: PartialDate
    period: Period = Period.year_to_date
    reported: PartialDate | None = None
    started: Count | None = None
    cumulative: Amount | None = None  # investment completed since the projects began
    year_to_date: Amount | None = None
    annual_plan: Amount | None = None
    completion_rate_pct: Annotated[Decimal, BeforeValidator(_amount)] | None = None
    sources: SourceRefs
    note: Text | None = None


class AnnualFile(Model):
    sources: list[Source]
    lists: list[AnnualList]
    progress: list[AnnualProgress] = []
