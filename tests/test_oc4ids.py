"""The OC4IDS export: valid against the vendored 0.9.5 schema and its code lists, complete, deterministic."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import DATA, REPO  # tests/ is on sys.path (rootdir conftest)
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource

from cqsc.documents import oc4ids
from cqsc.loading import loader
from cqsc.model.records import Milestone, MilestoneKind

SCHEMA_DIR = Path(__file__).resolve().parent / "oc4ids"
CODELISTS = SCHEMA_DIR / "codelists"
PUBLICATION = """
publication:
  uri: urn:cqsc:test:synthetic
  publisher:
    name: cqsc tests
  license: https://creativecommons.org/licenses/by/4.0/
  id_prefix: cqsc
"""

# --- the validator: the vendored schemas, their `id` URLs resolved to the local files ---------


def _schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    package = json.loads((SCHEMA_DIR / "project-package-schema.json").read_text(encoding="utf-8"))
    project = json.loads((SCHEMA_DIR / "project-schema.json").read_text(encoding="utf-8"))
    return package, project


PACKAGE_SCHEMA, PROJECT_SCHEMA = _schemas()
REGISTRY = Registry().with_resources((s["id"], Resource.from_contents(s)) for s in (PACKAGE_SCHEMA, PROJECT_SCHEMA))

# jsonschema checks "date-time" and "uri" only with optional packages installed; these two checks
# make the formats bite without them (RFC 3339 date-time; an absolute URI of printable ASCII).
FORMATS = FormatChecker(())
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time")
    datetime.fromisoformat(value)
    return True


@FORMATS.checks("uri")
def _uri(value: object) -> bool:
    return not isinstance(value, str) or bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[!-~]+$", value))


VALIDATOR = Draft4Validator(PACKAGE_SCHEMA, registry=REGISTRY, format_checker=FORMATS)


def _codes(name: str) -> set[str]:
    with (CODELISTS / name).open(encoding="utf-8", newline="") as f:
        return {row["Code"] for row in csv.DictReader(f)}


def _coded_values(schema: dict[str, Any], value: Any, base: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """Every (code list, open?, value) in ``value``, walking it alongside its schema."""
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref == PROJECT_SCHEMA["id"]:
            schema, base = PROJECT_SCHEMA, PROJECT_SCHEMA
        else:
            assert ref.startswith("#/definitions/"), ref
            schema = base["definitions"][ref.removeprefix("#/definitions/")]
    out = []
    if "codelist" in schema:
        for item in value if isinstance(value, list) else [value]:
            out.append((schema["codelist"], schema["openCodelist"], item))
        return out
    if isinstance(value, dict):
        for key, item in value.items():
            if key in schema.get("properties", {}):
                out += _coded_values(schema["properties"][key], item, base)
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            out += _coded_values(schema["items"], item, base)
    return out


# Open code lists where our own codes are used: the cqsc-* classification schemes, the `length` metric.
OUR_CODES = {"classificationScheme.csv", "metricID.csv"}


def problems(package: dict[str, Any]) -> list[str]:
    """Schema errors, then values outside a code list: closed lists always, open lists where we promise
    the standard's codes (every list but those in OUR_CODES)."""
    out = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(package)]
    for codelist, is_open, value in _coded_values(PACKAGE_SCHEMA, package, PACKAGE_SCHEMA):
        if (not is_open or codelist not in OUR_CODES) and value not in _codes(codelist):
            out.append(f"{value!r} is not in {codelist}")
    return out


# --- the data -------------------------------------------------------------------------------


def _load(folder: Path):
    ds, _ = loader.load_data(folder, use_cache=False)
    assert not ds.problems, ds.problems
    return ds


@pytest.fixture(scope="module")
def bundled():
    ds = _load(DATA)
    return ds, oc4ids.package(ds)


def _generated(tmp_path: Path, n: int):
    spec = importlib.util.spec_from_file_location("bench_gen", REPO / "bench" / "gen.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.generate(n, tmp_path, tasks=DATA / "tasks.yaml")
    with (tmp_path / "projects.yaml").open("a", encoding="utf-8") as f:
        f.write(PUBLICATION)
    return _load(tmp_path)


def test_the_bundled_package_is_valid_against_the_schema_and_code_lists(bundled):
    _, package = bundled
    assert problems(package) == []
    # The walk did reach the coded fields it checks.
    lists = {c for c, _, _ in _coded_values(PACKAGE_SCHEMA, package, PACKAGE_SCHEMA)}
    assert {"projectStatus.csv", "milestoneStatus.csv", "currency.csv", "projectSector.csv", "milestoneType.csv"} <= lists


def test_a_generated_portfolio_of_200_projects_is_valid(tmp_path: Path):
    ds = _generated(tmp_path, 200)
    package = oc4ids.package(ds)
    assert problems(package) == []
    assert len(package["projects"]) == 200
    assert package["publishedDate"] == "2025-06-30T00:00:00+08:00"  # the latest milestone gen.py writes
    # gen.py gives each project a 2020-list figure: never a budget, kept with its basis.
    assert all("budget" not in p and p["cqscFigures"][0]["basis"] == "list_2020" for p in package["projects"])


@pytest.mark.parametrize(
    "break_it, expected",
    [
        (lambda pkg: pkg["projects"][0].update(status="unknown"), "is not one of"),
        (lambda pkg: pkg.update(publishedDate="2026-01"), "is not a 'date-time'"),
        (lambda pkg: pkg["projects"][0].update(sector=["transport.rails"]), "not in projectSector.csv"),
        (lambda pkg: pkg.update(version="0.9.5"), "does not match"),
        (lambda pkg: pkg["projects"][0]["milestones"][0].update(status="done"), "is not one of"),
    ],
)
def test_the_validation_catches_a_broken_package(bundled, break_it, expected):
    """The checks above can fail: each kind of mistake is reported."""
    package = json.loads(json.dumps(bundled[1]))
    package["projects"] = [p for p in package["projects"] if p.get("milestones")]
    break_it(package)
    assert any(expected in p for p in problems(package)), problems(package)


def test_every_identified_project_is_in_the_package(bundled):
    ds, package = bundled
    by_id = {p["id"]: p for p in package["projects"]}
    identified = [p for p in ds.projects.projects if p.identified]
    assert len(ds.projects.projects) == 31 and len(identified) == 29 == len(by_id)
    for p in identified:
        out = by_id[f"cqsc-{p.id}"]
        assert out["identifiers"] == [{"id": p.id, "scheme": "cqsc"}]
        assert out["title"] == p.name_en and out["sector"] and out["documents"]
        assert out["title_zh"] == p.name_zh
        assert out.get("description") == p.note or out.get("description_zh") == p.note
        # Status and milestones wherever the data has them; ours kept whole, the standard's by its definitions.
        assert ("milestones" in out) == bool(p.milestones)
        assert ("status" in out) == bool(p.milestones)
        if "status" in out:
            assert out["status"] == {"completion": "maintenance"}.get(out["cqscStatus"], out["cqscStatus"])


def test_the_unidentified_projects_are_counted_not_exported(bundled):
    """An entry no source names is no project to describe: the package counts it with the portfolio."""
    _, package = bundled
    assert not any("unknown" in p["id"] for p in package["projects"])
    portfolio = package["cqscPortfolio"]
    assert portfolio["unidentifiedProjects"] == 2 and portfolio["projectsListed"] == 31
    # The reported aggregates and batches have their home there, each amount in CNY with its currency.
    top = next(a for a in portfolio["aggregates"] if a["id"] == "portfolio")
    assert top["count"] == 31 and top["value"] == {"amount": 556_300_000_000, "currency": "CNY"} and top["about"]
    assert top["asReported"] == {"number": "5563", "unit": "yi"}
    assert [b["number"] for b in portfolio["batches"]] == [1, 2]
    first = portfolio["batches"][0]
    assert first["count"] == 16 and first["moreThan"] and first["value"] == {"amount": 380_000_000_000, "currency": "CNY"}


def test_the_package_head_comes_from_the_data(bundled):
    ds, package = bundled
    pub = ds.projects.publication
    assert package["uri"] == pub.uri and package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["publisher"] == {"name": pub.publisher.name}
    assert package["version"] == "0.9"
    assert package["extensions"] == ["cqsc-oc4ids-extension/extension.json"]
    # The latest date in the data ("2026-01" is certain by its last day), not today.
    assert package["publishedDate"] == "2025-12-31T00:00:00+08:00"


def _project(package, ident):
    return next(p for p in package["projects"] if p["id"] == f"cqsc-{ident}")


def test_a_project_mapped_field_by_field(bundled):
    _, package = bundled
    p = _project(package, "chengdawan-hsr")
    assert p["title_zh"] == "成达万高铁"
    assert p["sector"] == ["transport", "transport.rail"]
    assert p["additionalClassifications"][1] == {"scheme": "cqsc-subsector", "id": "high_speed_rail", "description": "High-speed rail", "description_zh": "高铁"}
    assert p["status"] == "implementation" and p["cqscStatusSince"] == "2020-12-24"
    assert p["implementationPeriod"] == {"startDate": "2020-12-24T00:00:00+08:00", "endDate": "2027-12-31T00:00:00+08:00", "cqscPlanned": "2027"}
    # The latest dated fact, by the date convention: the milestone reported for "2025".
    assert p["updated"] == "2025-12-31T00:00:00+08:00" and p["cqscUpdated"] == "2025"
    assert p["metrics"][0]["observations"][0]["measure"] == 486.4 and p["metrics"][0]["observations"][0]["unit"]["id"] == "KMT"
    assert p["locations"][0] == {"id": "1", "description": "Chengdu (Tianfu), Sichuan", "address": {"region": "Sichuan", "locality": "Chengdu (Tianfu)", "countryName": "China"}}
    assert not any("geometry" in loc for q in package["projects"] for loc in q.get("locations", []))
    start = next(m for m in p["milestones"] if m["cqscKind"] == "construction_start")
    assert start == {
        "id": "construction_start", "title": start["title"], "type": "delivery", "code": "commencement",
        "status": "met", "dateMet": "2020-12-24T00:00:00+08:00", "cqscKind": "construction_start",
        "cqscDate": "2020-12-24", "cqscSources": ["hnmdtv-aff282"],
    }
    # A year-only date: met by its last day, as a year-only plan is due by it; the year kept beside.
    late = next(m for m in p["milestones"] if m.get("cqscDate") == "2025" and "dueDate" not in m)
    assert late["status"] == "met" and late["dateMet"] == "2025-12-31T00:00:00+08:00"
    # The approved whole-line estimate is the budget; the later reported total is not.
    assert p["budget"]["amount"] == {"amount": 85_100_000_000, "currency": "CNY"}
    assert p["budget"]["approvalDate"] == "2020-11-04T00:00:00+08:00" and "cqscApprovalDate" not in p["budget"]
    assert [f["basis"] for f in p["cqscFigures"]] == ["reported_total"]
    doc = p["documents"][0]
    # The frozen data writes this repost the old way, "(repost)" in the publisher: shown as written, never parsed.
    assert doc["id"] == "cns-2020-07-30" and doc["author"] == "China News Service (repost)" and doc["datePublished"] == "2020-07-30T00:00:00+08:00"
    assert doc["description"].startswith("Published by China News Service (repost).") and "cqscVia" not in doc


def test_the_budget_is_the_latest_approved_estimate_of_the_item_or_its_whole_line(bundled):
    ds, package = bundled
    budgets = {p["id"].removeprefix("cqsc-"): p["budget"] for p in package["projects"] if "budget" in p}
    assert set(budgets) == {"chengdawan-hsr", "chengyu-middle-hsr", "yuxi-hsr", "yukun-hsr", "yuwu-expwy-expansion", "lize-hub"}
    amounts = {k: b["amount"]["amount"] for k, b in budgets.items() if "amount" in b}
    assert amounts == {"chengdawan-hsr": 85_100_000_000, "chengyu-middle-hsr": 69_273_000_000, "yuxi-hsr": 121_311_000_000,
                       "yukun-hsr": 141_600_000_000, "yuwu-expwy-expansion": 10_324_000_000, "lize-hub": 3_960_000_000}
    # The design estimate of Oct 2022 supersedes the feasibility estimate of Jan 2022; "about" is kept.
    yuxi = budgets["yuxi-hsr"]
    assert yuxi["cqscBasis"] == "design_estimate" and yuxi["cqscAbout"] and "about 1213.11 yi yuan" in yuxi["description"]
    # A month: its last day, the month beside it. Its section on the same basis is a breakdown.
    assert yuxi["approvalDate"] == "2022-10-31T00:00:00+08:00" and yuxi["cqscApprovalDate"] == "2022-10"
    [part] = yuxi["budgetBreakdowns"][0]["budgetBreakdown"]
    assert part["amount"] == {"amount": 60_707_000_000, "currency": "CNY"} and part["approvalDate"] == "2022-10-31T00:00:00+08:00"
    # Undated: a budget with no approvalDate, never a day made up.
    assert "approvalDate" not in budgets["lize-hub"] and "undated" in budgets["lize-hub"]["description"]
    assert all("Not a figure of the July 2020 list" in b["description"] for b in budgets.values())
    # Every figure is exported once: the budget, a breakdown or a cqscFigures entry.
    for p in ds.projects.projects:
        if not p.identified:
            continue
        out = _project(package, p.id)
        budget = out.get("budget", {})
        n = ("amount" in budget) + sum(len(b["budgetBreakdown"]) for b in budget.get("budgetBreakdowns", [])) + len(out.get("cqscFigures", []))
        assert n == len(p.figures), p.id


def _values(node: Any, path: tuple[str, ...] = ()):
    """Every object holding an `amount` (at any depth), with its path."""
    if isinstance(node, dict):
        if "amount" in node:
            yield path, node
        for key, item in node.items():
            yield from _values(item, (*path, key))
    elif isinstance(node, list):
        for item in node:
            yield from _values(item, path)


def test_no_amount_without_its_currency_and_every_amount_exact_in_cny(bundled):
    _, package = bundled
    found = [(path, v) for path, v in _values(package) if not isinstance(v["amount"], dict)]
    assert len(found) >= 6 + 9
    for path, v in found:
        assert v["currency"] == "CNY" and type(v["amount"]) is int, path
    # The numbers as reported stay beside, exact, under a name the review tool does not read as an amount.
    assert {"asReported", "cqscAsReported"} & {k for p in package["projects"] for f in p.get("cqscFigures", []) for k in f}


def test_as_of_gives_the_portfolio_as_it_stood(bundled):
    ds, _ = bundled
    package = oc4ids.package(ds, date(2020, 11, 30))
    assert problems(package) == []
    assert package["publishedDate"] == "2020-11-30T00:00:00+08:00"
    p = _project(package, "chengdawan-hsr")
    assert p["status"] == "preparation"
    assert [m["cqscDate"] for m in p["milestones"] if "cqscDate" in m] == ["2020-09-30", "2020-11-04"]
    assert p["budget"]["approvalDate"] == "2020-11-04T00:00:00+08:00"
    # The 2018 plan to start in 2019 is in force, and not yet due.
    assert [(m["dueDate"], m["status"]) for m in p["milestones"] if "dueDate" in m] == [("2019-12-31T00:00:00+08:00", "notMet")]
    assert "cqscFigures" not in p  # the one figure by then is the budget
    upgrade = _project(package, "chengyu-hsr-upgrade")
    assert upgrade["status"] == "implementation"


def test_suspended_has_no_standard_status(bundled):
    ds, _ = bundled
    pub = ds.projects.publication
    p = ds.projects.projects[0]
    halted = type(p)(**{**{k: getattr(p, k) for k in p.__dataclass_fields__}, "milestones": [
        *p.milestones, Milestone(kind=MilestoneKind.suspended, date="2026-02-01", label="Halted", sources=["cns-2020-07-30"])
    ]})
    out = oc4ids.project(halted, {s.id: s for s in ds.projects.sources}, pub, date(2026, 3, 1))
    assert "status" not in out and out["cqscStatus"] == "suspended"


def test_plans_become_milestones_with_due_dates_and_a_status_on_the_day():
    actual = [Milestone(kind=MilestoneKind.construction_start, date="2020-12-24", label="Started", sources=["a"])]
    plans = [
        SimpleNamespace(kind="construction_start", due="2019", section=None, made="2018-06-07", sources=["plan2018"]),
        SimpleNamespace(kind="full_opening", due="2027", section=None, made="2025-02", sources=["b"]),
        SimpleNamespace(kind="completion", due="2024-12", section="phase 1", made="2021", sources=["c"]),
        SimpleNamespace(kind="full_opening", due="2030", section=None, made="2030-01-01", sources=["d"]),  # made later
    ]
    out = oc4ids.plan_milestones(plans, actual, date(2026, 1, 31))
    by_due = {m["cqscPlanned"]: m for m in out}
    assert set(by_due) == {"2019", "2027", "2024-12"}
    start = by_due["2019"]
    assert start["dueDate"] == "2019-12-31T00:00:00+08:00" and start["status"] == "met"
    assert start["dateMet"] == "2020-12-24T00:00:00+08:00" and start["code"] == "commencement"
    assert by_due["2027"]["status"] == "scheduled"
    assert by_due["2024-12"]["status"] == "notMet" and by_due["2024-12"]["cqscSection"] == "phase 1"
    assert all(m["dateModified"] == "2026-01-31T00:00:00+08:00" for m in out)
    package = {"uri": "urn:x:y", "publisher": {"name": "t"}, "publishedDate": "2026-01-31T00:00:00+08:00", "version": "0.9",
               "projects": [{"id": "t-1", "milestones": out}]}
    assert problems(package) == []


def test_without_a_publication_block_nothing_is_written(run, data_copy: Path, tmp_path: Path):
    text = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    (data_copy / "projects.yaml").write_text(text[: text.index("\n# How the data is published")] + "\n", encoding="utf-8")
    target = tmp_path / "out.json"
    result = run("export", "--format", "oc4ids", "-o", str(target), "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "projects.yaml has no `publication:` block" in result.stderr
    assert not target.exists()


def test_two_exports_are_byte_identical(run, tmp_path: Path):
    first, second = tmp_path / "a.oc4ids.json", tmp_path / "b.json"
    assert run("export", "--format", "oc4ids", "-o", str(first)).exit_code == 0
    assert run("export", "-o", str(second), "--no-cache").exit_code == 0  # format from the extension
    assert first.read_bytes() == second.read_bytes()
    stdout = run("export", "--format", "oc4ids")
    assert stdout.exit_code == 0 and stdout.stdout.encode() == first.read_bytes()
    assert problems(json.loads(first.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "oc4ids", "--sqlite", "x.db"], "--sqlite writes SQLite"),
        (["-o", "out.txt"], "say which"),
        (["--format", "sqlite"], "needs a file"),
        (["--sqlite", "x.db", "--as-of", "2021"], "--as-of applies to --format oc4ids"),
    ],
)
def test_export_usage_errors(run, tmp_path: Path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("export", *args)
    assert result.exit_code == 2
    assert message in " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())
    assert list(tmp_path.iterdir()) == []


def test_local_ids_are_unique_within_their_block(bundled):
    """The schema cannot check it: milestone, location and document ids are unique per project."""
    _, package = bundled
    for p in package["projects"]:
        for block in ("milestones", "locations", "documents"):
            ids = [item["id"] for item in p.get(block, [])]
            assert len(ids) == len(set(ids)), (p["id"], block)
    # Two construction starts of one section on different dates keep apart.
    lize = _project(package, "lize-hub")
    assert [m["id"] for m in lize["milestones"][:2]] == ["construction_start-phase-1-left-bank-lock", "construction_start-phase-1-left-bank-lock-2"]


def test_a_later_plan_supersedes_an_earlier_without_erasing_it():
    plans = [
        SimpleNamespace(kind="full_opening", due="2027-11", section=None, made="2025-02", sources=["new"]),
        SimpleNamespace(kind="full_opening", due="2027-11", section=None, made="2021-08", sources=["old"]),
    ]
    out = oc4ids.plan_milestones(plans, [], date(2026, 1, 31))
    assert [(m["id"], m["cqscPlanMade"], m["cqscInForce"]) for m in out] == [
        ("plan-full_opening", "2025-02", True),
        ("plan-full_opening-2", "2021-08", False),
    ]
    # As of 2024 only the earlier plan had been made.
    assert [m["cqscPlanMade"] for m in oc4ids.plan_milestones(plans, [], date(2024, 1, 1))] == ["2021-08"]


@pytest.mark.parametrize("day", [date(2018, 1, 1), date(2020, 7, 30), date(2022, 6, 30), date(2030, 1, 1)])
def test_the_package_is_valid_on_any_day(bundled, day):
    package = oc4ids.package(bundled[0], day)
    assert problems(package) == [] and len(package["projects"]) == 29
    assert package["publishedDate"] == f"{day.isoformat()}T00:00:00+08:00"


# --- what the review found missing, field by field ---------------------------------------------------

HAN = re.compile(r"[\u3400-\u9fff]")


def _strings(node: Any, path: tuple[str, ...] = ()):
    if isinstance(node, dict):
        for key, item in node.items():
            yield from _strings(item, (*path, key))
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, path)
    elif isinstance(node, str):
        yield path, node


def test_chinese_only_in_zh_fields(bundled):
    """A project says `language: en`: text with Chinese in it is in the `_zh` variant of its field."""
    _, package = bundled
    assert all(p["language"] == "en" for p in package["projects"])
    strays = [(path, text) for path, text in _strings(package) if HAN.search(text) and not path[-1].endswith("_zh")]
    assert strays == []
    zh = [text for path, text in _strings(package) if path[-1].endswith("_zh")]
    assert "成达万高铁" in zh and any("亿" in text for text in zh)  # moved, not dropped


def test_every_identified_project_is_dated_by_its_latest_fact(bundled):
    ds, package = bundled
    published = package["publishedDate"]
    for p in ds.projects.projects:
        if p.identified:
            out = _project(package, p.id)
            assert out["updated"] <= published, p.id
    # A project with no dated fact but its listing is dated by the listing's source.
    assert _project(package, "ai-platform")["updated"] == "2020-07-30T00:00:00+08:00"
    # No document is dated after the package.
    assert all(d.get("datePublished", "") <= published for p in package["projects"] for d in p.get("documents", []))


def test_a_search_that_found_nothing_never_dates_a_project(bundled):
    ds, _ = bundled
    from cqsc.model.records import LastChecked

    p = next(p for p in ds.projects.projects if p.id == "ai-platform")
    looked = type(p)(**{**{k: getattr(p, k) for k in p.__dataclass_fields__},
                        "last_checked": [LastChecked(date="2026-11-30", queries=["人工智能 平台"])]})
    assert oc4ids.project_updated(looked, {s.id: s for s in ds.projects.sources}, date(2026, 12, 1)) == "2020-07-30"


def test_every_length_is_a_metric_in_km(bundled):
    ds, package = bundled
    for p in ds.projects.projects:
        if p.lengths:
            [metric] = _project(package, p.id)["metrics"]
            assert metric["id"] == "length"
            assert [Decimal(str(o["measure"])) for o in metric["observations"]] == [x.km for x in p.lengths]
            assert all(o["unit"] == {"name": "km", "scheme": "UNCEFACT", "id": "KMT"} for o in metric["observations"])


def test_every_document_carries_the_publisher_the_data_records(bundled):
    ds, package = bundled
    sources = {s.id: s for s in ds.projects.sources}
    docs = [d for p in package["projects"] for d in p["documents"]]
    assert docs
    for d in docs:
        s = sources[d["id"]]
        if s.publisher:
            assert s.publisher in (d.get("author"), d.get("author_zh"))
            assert s.publisher in (d.get("cqscPublisher"), d.get("cqscPublisher_zh"))
        if s.title:
            assert s.title in (d.get("title"), d.get("title_zh"))
        if s.published:
            assert d["datePublished"] == f"{oc4ids.date_bounds(s.published)[1].isoformat()}T00:00:00+08:00"


def test_one_date_convention_for_met_and_due(bundled):
    """A month or a year is its last day, met or due, with the date as written beside it."""
    _, package = bundled
    milestones = [m for p in package["projects"] for m in p.get("milestones", [])]
    met = [m for m in milestones if m["status"] == "met"]
    assert met and all("dateMet" in m for m in met)
    for m in milestones:
        if "cqscDate" in m:
            assert m["dateMet"] == f"{oc4ids.date_bounds(m['cqscDate'])[1].isoformat()}T00:00:00+08:00"
        if "cqscPlanned" in m:
            assert m["dueDate"] == f"{oc4ids.date_bounds(m['cqscPlanned'])[1].isoformat()}T00:00:00+08:00"
    assert any(len(m["cqscDate"]) < 10 for m in met)


def test_status_by_the_code_list_definitions(bundled):
    """Opened (ours: completion) is an asset in operation: `maintenance`. Our word stays in cqscStatus."""
    _, package = bundled
    opened = [p for p in package["projects"] if p["cqscStatus"] == "completion"]
    assert opened and all(p["status"] == "maintenance" and "maintenancePeriod" in p for p in opened)
    assert not any(p.get("status") == "completion" for p in package["projects"])


def test_type_only_where_the_lists_own_name_says_it(bundled):
    _, package = bundled
    assert {p["id"]: p["type"] for p in package["projects"] if "type" in p} == {
        "cqsc-yuwu-expwy-expansion": "expansion",  # 渝武高速公路扩能
        "cqsc-chengyu-hsr-upgrade": "rehabilitation",  # 成渝客专提质改造
    }


def test_milestone_ids_survive_a_date_correction_and_other_milestones(bundled):
    ds, _ = bundled
    pub, sources = ds.projects.publication, {s.id: s for s in ds.projects.sources}
    p = next(p for p in ds.projects.projects if p.id == "lize-hub")

    def ids(milestones):
        q = type(p)(**{**{k: getattr(p, k) for k in p.__dataclass_fields__}, "milestones": milestones})
        return {(m["cqscKind"], m.get("cqscSection"), m["title"]): m["id"] for m in oc4ids.project(q, sources, pub, date(2026, 1, 31))["milestones"]}

    before = ids(p.milestones)
    first = p.milestones[0]
    corrected = [Milestone(kind=first.kind, date="2019-02", section=first.section, label=first.label, sources=first.sources), *p.milestones[1:]]
    inserted = [Milestone(kind=MilestoneKind.design_approval, date="2018-06-01", label="Design approved", sources=["cns-2020-07-30"]), *p.milestones]
    assert ids(corrected) == before
    assert {k: v for k, v in ids(inserted).items() if k in before} == before
    assert not any(re.search(r"\d{4}", i) for i in before.values())


def test_the_extension_declares_every_field_of_ours(bundled, tmp_path: Path):
    """Every field the standard does not define is in the shipped extension's schema patches."""
    _, package = bundled
    ext = Path(oc4ids.__file__).parent / "oc4ids_extension"
    meta = json.loads((ext / "extension.json").read_text(encoding="utf-8"))
    patches = {name: json.loads((ext / name).read_text(encoding="utf-8")) for name in meta["schemas"]}

    def merge(base: Any, patch: Any) -> Any:
        if not isinstance(patch, dict):
            return patch
        out = dict(base) if isinstance(base, dict) else {}
        for key, item in patch.items():
            out[key] = merge(out.get(key), item)
        return out

    project_schema = merge(PROJECT_SCHEMA, patches["project-schema.json"])
    package_schema = merge(PACKAGE_SCHEMA, patches["project-package-schema.json"])

    def undeclared(node: Any, schema: dict[str, Any], base: dict[str, Any], path: str = ""):
        while "$ref" in schema:
            if schema["$ref"] == PROJECT_SCHEMA["id"]:
                schema, base = project_schema, project_schema
            else:
                schema = base["definitions"][schema["$ref"].removeprefix("#/definitions/")]
        if isinstance(node, dict):
            for key, item in node.items():
                if key not in schema.get("properties", {}):
                    yield f"{path}/{key}"
                else:
                    yield from undeclared(item, schema["properties"][key], base, f"{path}/{key}")
        elif isinstance(node, list) and "items" in schema:
            for item in node:
                yield from undeclared(item, schema["items"], base, path)

    assert sorted(set(undeclared(package, package_schema, package_schema))) == []
    # The package lists the extension; `-o FILE` puts it where that reference resolves.
    assert package["extensions"] == [oc4ids.EXTENSION_RELATIVE]
    assert oc4ids.extension_files().keys() == {"extension.json", *meta["schemas"]}


def test_export_writes_the_extension_beside_the_package(run, tmp_path: Path):
    target = tmp_path / "p.json"
    assert run("export", "--format", "oc4ids", "-o", str(target)).exit_code == 0
    package = json.loads(target.read_text(encoding="utf-8"))
    [reference] = package["extensions"]
    extension = json.loads((target.parent / reference).read_text(encoding="utf-8"))
    assert extension["compatibility"] == ["0.9"]
    for name in extension["schemas"]:
        assert json.loads((target.parent / reference).with_name(name).read_text(encoding="utf-8"))


def test_an_english_name_written_in_chinese_is_kept_beside_the_chinese_one(bundled):
    ds, _ = bundled
    p = next(p for p in ds.projects.projects if p.id == "chengdawan-hsr")
    odd = type(p)(**{**{k: getattr(p, k) for k in p.__dataclass_fields__}, "name_en": "成达万"})
    out = oc4ids._languages(oc4ids.project(odd, {s.id: s for s in ds.projects.sources}, ds.projects.publication, date(2026, 1, 31)))
    assert "title" not in out and out["title_zh"] == "成达万 / 成达万高铁"
