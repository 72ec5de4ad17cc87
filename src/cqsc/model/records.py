"""The data model: code lists, sources, reported aggregates, projects, areas and tasks.

Amounts are exact ``Decimal`` values in the unit the source used (亿元, 10^8 CNY);
conversion happens only for display. Unknown is ``None``, never zero.

Types are strict where YAML would otherwise coerce silently (a quoted "5563" is
not an amount, ``yes`` is not a count). Enums accept their string values.

The records are plain slotted dataclasses, not pydantic models: pydantic validates
into them (see loader.py), but importing this module, rebuilding cached data and
building reports never import pydantic. The constraints pydantic enforces travel
as small marker objects in the annotations, whose ``__get_pydantic_core_schema__``
imports pydantic-core only when a validator is actually built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, TypeVar, dataclass_transform

from cqsc.model.dates import MONTHS, PARTIAL_DATE, days_in_month, partial_date
from cqsc.model.dates import date_bounds as date_bounds  # re-exported: most modules read partial dates here
from cqsc.model.problems import SaidError, plain

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


class Unstated(StrEnum):
    """What a source's page does not state (``not_stated``): said outright, with a note, never left to guess."""

    publisher = "publisher"
    published = "published"


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
# Markers pydantic turns into strict validators; nothing here imports pydantic.


class _Check:
    """A value checked by a plain function, with the JSON Schema editors should see."""

    def __init__(self, func: Callable[[Any], Any], json_schema: dict[str, Any]) -> None:
        self.func, self.json_schema = func, json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(self.func)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return dict(self.json_schema)


class _Strict:
    """A strict int, bool or str (no coercion from other types), with optional bounds or pattern."""

    def __init__(self, kind: str, **constraints: Any) -> None:
        self.kind, self.constraints = kind, constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        makers: dict[str, Callable[..., Any]] = {"int": core_schema.int_schema, "bool": core_schema.bool_schema, "str": core_schema.str_schema}
        return makers[self.kind](strict=True, **self.constraints)


class _NonEmpty:
    """A list with at least one item."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["min_length"] = 1
        return schema


MAX_AMOUNT = Decimal(1_000_000)  # 亿元: 100 trillion CNY, about a year of China's GDP
MAX_DECIMALS = 6  # 10^-6 亿元 is 100 CNY: finer than any source, and no value can flood the output
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def roman(number: int) -> str:
    return _ROMAN[number - 1]


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise SaidError(plain("expected a number, written unquoted as plain digits (e.g. 3495.5)"))
    value = Decimal(value)
    if not value.is_finite():
        raise SaidError(plain("expected a finite number, got {value}", value=str(value)))
    if value <= 0:
        raise SaidError(plain("expected a positive amount, got {value}", value=str(value)))
    if value > MAX_AMOUNT:
        raise SaidError(plain("{value} is implausibly large (more than {limit} 亿元); check the unit", value=str(value), limit=str(MAX_AMOUNT)))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise SaidError(plain("{value} has more than {places} decimal places; no source reports 亿元 that finely", value=str(value), places=MAX_DECIMALS))
    return value


Amount = Annotated[Decimal, _Check(_amount, {"type": "number", "exclusiveMinimum": 0, "maximum": int(MAX_AMOUNT)})]

# Partial dates live with the clock (model/dates.py); the old names stay for the modules that use them.
_PARTIAL_DATE, _partial_date, _days_in_month, _MONTHS = PARTIAL_DATE, partial_date, days_in_month, MONTHS

PartialDate = Annotated[str, _Check(_partial_date, {"type": "string", "pattern": _PARTIAL_DATE.pattern})]
_DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _day(value: Any) -> Any:
    value = _partial_date(value)
    if len(value) != 10:  # a year or a month: the day a search was made is always known
        raise SaidError(plain("expected a full date as YYYY-MM-DD, got {value!r}", value=value))
    return value


Day = Annotated[str, _Check(_day, {"type": "string", "pattern": _DAY_PATTERN})]


Id = Annotated[str, _Strict("str", pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, _Strict("str", min_length=1)]
Url = Annotated[str, _Strict("str", pattern=r"^https?://\S+$")]
# Any absolute URI (a package identifier need not be a web address, e.g. a urn: until it has one).
Uri = Annotated[str, _Strict("str", pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:[!-~]+$")]
Roman = Annotated[str, _Strict("str", pattern=r"^(I|II|III|IV|V|VI|VII|VIII|IX)$")]
SourceRefs = Annotated[list[Id], _NonEmpty()]
Flag = Annotated[bool, _Strict("bool")]
Count = Annotated[int, _Strict("int", ge=0)]
Positive = Annotated[int, _Strict("int", ge=1)]
AreaNumber = Annotated[int, _Strict("int", ge=1, le=9)]
BatchNumber = Annotated[int, _Strict("int", ge=1, le=2)]
Year = Annotated[int, _Strict("int", ge=2000, le=2100)]

_T = TypeVar("_T")


def as_json(obj: Any, *, keep_none: bool = False) -> Any:
    """A record as JSON-ready values: enums by value, amounts as exact decimal strings."""
    if hasattr(obj, "__dataclass_fields__"):
        out = {}
        for name in obj.__dataclass_fields__:
            value = getattr(obj, name)
            if value is not None or keep_none:
                out[name] = as_json(value, keep_none=keep_none)
        return out
    if isinstance(obj, list):
        return [as_json(v, keep_none=keep_none) for v in obj]
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, Decimal):
        return str(obj)
    if obj is None or type(obj) in (str, int, bool):
        return obj
    if isinstance(obj, Sequence):  # a list read lazily from the cache (rows.ProjectRows)
        return [as_json(v, keep_none=keep_none) for v in obj]
    return obj


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))  # tells type checkers what it makes
def record(cls: type[_T]) -> type[_T]:
    """A slotted dataclass that pydantic validates with unknown keys forbidden."""
    out = dataclass(slots=True, kw_only=True)(cls)
    out.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    return out


# --- records -------------------------------------------------------------------


@record
class Source:
    """A page a fact was read from: ``publisher`` is whose story it is, ``via`` the site a repost was read on.

    What the page does not state is listed in ``not_stated``, with a note saying so; a source that
    lacks publisher or date without that marker has simply not been established yet.
    """

    id: Id
    url: Url
    title: Text | None = None
    publisher: Text | None = None  # the original outlet, also for a repost
    via: Text | None = None  # a repost: the host it was read on (the address's site), not the outlet
    published: PartialDate | None = None
    not_stated: list[Unstated] | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.not_stated is not None and (not self.not_stated or len(set(self.not_stated)) < len(self.not_stated)):
            raise SaidError(plain("not_stated lists publisher, published or both, each once"))
        for what in self.not_stated or ():
            if getattr(self, what.value) is not None:
                raise SaidError(plain("not_stated lists {what}, but the source gives one; drop one or the other", what=what.value))
        if self.not_stated and self.note is None:
            raise SaidError(plain("a source with not_stated needs a note saying what the page shows instead"))


def unstated(s: Source) -> set[Unstated]:
    """What a source lacks of its publisher and date (``not_stated`` says whether the page lacks it too)."""
    return {what for what in Unstated if getattr(s, what.value) is None}


@record
class Aggregate:
    """A reported count and amount for a group: the portfolio, a sector or a subsector.

    The group's members are the projects whose sector (and subsector) match;
    neither set means the whole portfolio.
    """

    id: Id
    label_en: Text
    label_zh: Text | None = None
    sector: Sector | None = None
    subsector: Subsector | None = None
    count: Count
    amount: Amount | None = None
    unit: Unit = Unit.yi
    about: Flag = False
    as_of: PartialDate
    sources: SourceRefs
    note: Text | None = None


@record
class Figure:
    """One investment figure for one project, with what it is a figure of."""

    amount: Amount
    unit: Unit = Unit.yi
    about: Flag = False
    basis: Basis
    scope: Scope
    scope_note: Text | None = None
    as_of: PartialDate | None = None  # None: the page does not date the figure
    sources: SourceRefs
    note: Text | None = None


@record
class Milestone:
    """A dated event in a project's life, from one source. Reports that differ stay side by side."""

    kind: MilestoneKind
    date: PartialDate
    section: Text | None = None  # the part of the project it concerns; None: the listed item as a whole
    label: Text
    sources: SourceRefs
    note: Text | None = None


# The stages a plan can commit to, and how far along each milestone kind shows a project to be:
# a plan for a stage is met by the first milestone that reaches that stage or a later one.
PLAN_RANK: dict[MilestoneKind, int] = {
    MilestoneKind.construction_start: 1,
    MilestoneKind.partial_opening: 2,
    MilestoneKind.partial_completion: 2,
    MilestoneKind.full_opening: 3,
    MilestoneKind.completion: 3,
}
MILESTONE_RANK: dict[MilestoneKind, int] = {
    **PLAN_RANK,
    MilestoneKind.reported_under_construction: 1,
    MilestoneKind.reported_investment_progress: 1,
    MilestoneKind.resumed: 1,
}


@record
class ProjectPlan:
    """A dated commitment: a stage to be reached by a date, as a plan made on a given day said.

    A year-only due date means by the end of that year. A later plan for the same stage and
    section supersedes an earlier one without erasing it: both stay, each with its source.
    """

    kind: MilestoneKind  # the stage: construction_start, partial_opening, full_opening, completion, ...
    due: PartialDate
    section: Text | None = None  # the part of the project the plan is for; None: the listed item as a whole
    made: PartialDate  # when the plan was made (signed, announced, reported)
    label: Text
    sources: SourceRefs
    note: Text | None = None


def _km(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise SaidError(plain("expected a length in km, written unquoted as plain digits (e.g. 486.4)"))
    value = Decimal(value)
    if not value.is_finite() or not 0 < value <= 100_000:
        raise SaidError(plain("expected a length between 0 and 100000 km, got {value}", value=str(value)))
    return value


Km = Annotated[Decimal, _Check(_km, {"type": "number", "exclusiveMinimum": 0, "maximum": 100000})]


@record
class Length:
    """A length in km with what it covers: a fact of its own, never a figure that could enter a total."""

    km: Km
    about: Flag = False
    scope: Scope
    scope_note: Text | None = None
    as_of: PartialDate | None = None
    sources: SourceRefs
    note: Text | None = None


@record
class LastChecked:
    """A search for later news of a project, made on a day, that found none: the queries actually made.

    Not a fact about the project: it cites no source, never dates the project's news (its latest
    fact, CQ153's age, a status, an export's date) and never makes a project current. It says only
    that someone looked, when, where and how.
    """

    date: Day
    where: Text | None = None  # what was searched, e.g. "archived copies of public web pages"
    queries: Annotated[list[Text], _NonEmpty()]
    note: Text | None = None


@record
class Location:
    province: Province
    places: list[Text] = field(default_factory=list)
    inferred: Flag = False  # read from the project's name, not stated by a source


@record
class Project:
    id: Id
    name_en: Text
    name_zh: Text | None = None
    identified: Flag = True
    sector: Sector
    subsector: Subsector | None = None
    batch: BatchNumber | None = None
    locations: list[Location] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    lengths: list[Length] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    plans: list[ProjectPlan] = field(default_factory=list)
    last_checked: list[LastChecked] = field(default_factory=list)  # searches that found nothing later (not facts)
    sources: SourceRefs
    note: Text | None = None

    @property
    def provinces(self) -> list[Province]:
        return list(dict.fromkeys(loc.province for loc in self.locations))

    @property
    def parts(self) -> tuple[Figure | Length | Milestone | ProjectPlan, ...]:
        """The figures, lengths, milestones and plans, in that order: the facts that cite their own sources."""
        return (*self.figures, *self.lengths, *self.milestones, *self.plans)


@record
class SnapshotGroup:
    aggregate: Id
    started: Count | None = None
    invested: Amount | None = None


@record
class Snapshot:
    """Portfolio progress as reported: projects started and cumulative investment completed (亿元)."""

    as_of: PartialDate | None = None
    reported: PartialDate | None = None  # when published, where the report gives no as-of date
    started: Count | None = None
    invested: Amount | None = None
    groups: list[SnapshotGroup] = field(default_factory=list)
    sources: SourceRefs
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.as_of is None and self.reported is None:
            raise SaidError(plain("a snapshot needs as_of or, failing that, reported"))


@record
class Publisher:
    """The organisation that publishes the data: its name, and its identifier in an org-id scheme where it has one."""

    name: Text
    scheme: Text | None = None  # an org-id.guide list code, e.g. GB-COH; with uid
    uid: Text | None = None  # the publisher's identifier in that scheme
    uri: Url | None = None


@record
class Publication:
    """Who publishes the data, where, and under which licence: the head of an OC4IDS package."""

    uri: Uri  # identifies the package (OC4IDS `uri`)
    publisher: Publisher
    license: Url  # the data's licence, as distinct from the code's
    id_prefix: Id  # OC4IDS project ids are `<id_prefix>-<project id>`; registered: oc4ids-xxxxxx
    extension: Uri | None = None  # where the cqsc OC4IDS extension's extension.json is published


@record
class Batch:
    """A batch the projects were issued in: a reported group of its own kind.

    Batches cut across sectors, so a batch's amount is never added to a sector's or the
    portfolio's; totals use the aggregates only. Members are the projects whose ``batch``
    is this number, where a source says so.
    """

    id: Id
    number: BatchNumber
    label_en: Text
    label_zh: Text | None = None
    count: Count
    count_derived: Flag = False  # worked out from other reported counts, stated by no source
    amount: Amount | None = None
    unit: Unit = Unit.yi
    about: Flag = False
    more_than: Flag = False  # 多: the source gives a lower bound ("3800多亿")
    composition: Text | None = None  # the source's own breakdown, in its words
    as_of: PartialDate | None = None
    sources: SourceRefs
    note: Text | None = None


@record
class ProjectsFile:
    sources: list[Source]
    aggregates: list[Aggregate]
    projects: list[Project]
    batches: list[Batch] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    publication: Publication | None = None


@record
class Plan:
    title_en: Text
    title_zh: Text | None = None
    signed: PartialDate
    place: Text | None = None
    areas: Positive  # as the plan states them: 9 areas, 36 tasks
    tasks: Positive
    sources: SourceRefs


@record
class Area:
    number: AreaNumber
    roman: Roman
    tasks: Count  # the number of tasks the source lists in this area
    name_en: Text
    name_zh: Text | None = None
    name_zh_note: Text | None = None
    sources: SourceRefs


@record
class TaskUpdate:
    date: PartialDate
    status: TaskStatus
    label: Text
    sources: SourceRefs


@record
class Task:
    number: Positive
    area: AreaNumber
    title_en: Text
    title_zh: Text | None = None
    updates: list[TaskUpdate] = field(default_factory=list)  # dated, sourced status reports; none found so far
    sources: SourceRefs
    note: Text | None = None


@record
class TasksFile:
    plan: Plan
    sources: list[Source]
    areas: list[Area]
    tasks: list[Task]


# --- the annual lists (data/annual.yaml) ----------------------------------------


class Period(StrEnum):
    year_to_date = "year_to_date"
    full_year = "full_year"


@record
class AnnualList:
    """One year's list of co-built major projects."""

    year: Year
    name_zh: Text | None = None
    projects: Count | None = None
    total: Amount | None = None  # total investment of the listed projects, 亿元
    total_about: Flag = False
    total_more_than: Flag = False  # "超": the source gives a lower bound
    total_text: Text | None = None  # the source's wording, e.g. 1.57万亿元
    annual_plan: Amount | None = None
    composition: Text | None = None
    sources: SourceRefs
    note: Text | None = None


@record
class AnnualProgress:
    """A reported progress point of one year's list."""

    list_year: Year
    as_of: PartialDate
    period: Period = Period.year_to_date
    reported: PartialDate | None = None
    started: Count | None = None
    cumulative: Amount | None = None  # investment completed since the projects began
    year_to_date: Amount | None = None
    annual_plan: Amount | None = None
    completion_rate_pct: Amount | None = None
    sources: SourceRefs
    note: Text | None = None


@record
class AnnualFile:
    sources: list[Source]
    lists: list[AnnualList]
    progress: list[AnnualProgress] = field(default_factory=list)
