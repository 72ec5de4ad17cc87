"""The OC4IDS export: valid against the vendored 0.9.5 schema and its code lists, complete, deterministic."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import date, datetime
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


def problems(package: dict[str, Any]) -> list[str]:
    """Schema errors, then values outside a code list: closed lists always, open lists where we promise
    the standard's codes (every list but classificationScheme, whose cqsc-* schemes are ours)."""
    out = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(package)]
    for codelist, is_open, value in _coded_values(PACKAGE_SCHEMA, package, PACKAGE_SCHEMA):
        if (not is_open or codelist != "classificationScheme.csv") and value not in _codes(codelist):
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


def test_every_project_is_in_the_package(bundled):
    ds, package = bundled
    by_id = {p["id"]: p for p in package["projects"]}
    assert len(ds.projects.projects) == 31 == len(by_id)
    for p in ds.projects.projects:
        out = by_id[f"cqsc-{p.id}"]
        assert out["identifiers"] == [{"id": p.id, "scheme": "cqsc"}]
        assert out["title"] == p.name_en and out["sector"] and out["documents"]
        assert out.get("title_zh") == p.name_zh
        if p.identified:
            assert p.name_zh and out["title_zh"]
        # Status and milestones wherever the data has them; ours kept where the standard has no code.
        assert ("milestones" in out) == bool(p.milestones)
        assert out["cqscStatus"] in {"unknown", "suspended"} or out["status"] == out["cqscStatus"]
        assert ("status" in out) == bool(p.milestones)


def test_the_unidentified_projects_are_what_the_data_says(bundled):
    _, package = bundled
    unknown = [p for p in package["projects"] if not p["cqscIdentified"]]
    assert [(p["id"], p["title"], p["sector"]) for p in unknown] == [
        ("cqsc-industry-unknown-1", "Industrial project 1, not yet identified", ["economy"]),
        ("cqsc-industry-unknown-2", "Industrial project 2, not yet identified", ["economy"]),
    ]
    for p in unknown:
        assert "title_zh" not in p and "status" not in p and "locations" not in p and p["cqscStatus"] == "unknown"


def test_the_package_head_comes_from_the_data(bundled):
    ds, package = bundled
    pub = ds.projects.publication
    assert package["uri"] == pub.uri and package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["publisher"] == {"name": pub.publisher.name}
    assert package["version"] == "0.9"
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
    assert p["locations"][0] == {"id": "1", "description": "Chengdu (Tianfu), Sichuan", "address": {"region": "Sichuan", "locality": "Chengdu (Tianfu)", "countryName": "China"}}
    assert not any("geometry" in loc for q in package["projects"] for loc in q.get("locations", []))
    start = next(m for m in p["milestones"] if m["cqscKind"] == "construction_start")
    assert start == {
        "id": "construction_start-2020-12-24", "title": start["title"], "type": "delivery", "code": "commencement",
        "status": "met", "dateMet": "2020-12-24T00:00:00+08:00", "cqscKind": "construction_start",
        "cqscDate": "2020-12-24", "cqscSources": ["hnmdtv-aff282"],
    }
    # A year-only date: met, and no day invented for it.
    late = next(m for m in p["milestones"] if m["cqscDate"] == "2025")
    assert late["status"] == "met" and "dateMet" not in late
    # Whole-line figures are not the budget.
    assert "budget" not in p and {f["scope"] for f in p["cqscFigures"]} == {"whole_line"}
    doc = p["documents"][0]
    # The frozen data writes this repost the old way, "(repost)" in the publisher: shown as written, never parsed.
    assert doc["id"] == "cns-2020-07-30" and doc["author"] == "China News Service (repost)" and doc["datePublished"] == "2020-07-30T00:00:00+08:00"
    assert doc["description"].startswith("Published by China News Service (repost).") and "cqscVia" not in doc


def test_budget_only_for_an_approved_design_estimate_of_the_listed_item(bundled):
    ds, package = bundled
    budgets = {p["id"]: p["budget"] for p in package["projects"] if "budget" in p}
    expected = {
        f"cqsc-{p.id}"
        for p in ds.projects.projects
        if any(f.basis.value == "design_estimate" and f.scope.value == "listed_item" for f in p.figures)
    }
    assert set(budgets) == expected and expected
    assert budgets["cqsc-yuxi-hsr"]["amount"] == {"amount": 121311000000, "currency": "CNY"}  # 1213.11亿元
    assert all("Not a figure of the July 2020 list" in b["description"] for b in budgets.values())
    # No other standard field carries an amount: the 2020 list's figures (aggregates only) stay out.
    def values(node, path=()):
        if isinstance(node, dict):
            if "currency" in node:
                yield path
            for key, item in node.items():
                yield from values(item, (*path, key))
        elif isinstance(node, list):
            for item in node:
                yield from values(item, path)

    assert {path for path in values(package)} == {("projects", "budget", "amount")}


def test_as_of_gives_the_portfolio_as_it_stood(bundled):
    ds, _ = bundled
    package = oc4ids.package(ds, date(2020, 11, 30))
    assert problems(package) == []
    assert package["publishedDate"] == "2020-11-30T00:00:00+08:00"
    p = _project(package, "chengdawan-hsr")
    assert p["status"] == "preparation"
    assert [m["cqscDate"] for m in p["milestones"] if "cqscDate" in m] == ["2020-09-30", "2020-11-04"]
    # The 2018 plan to start in 2019 is in force, and not yet due.
    assert [(m["dueDate"], m["status"]) for m in p["milestones"] if "dueDate" in m] == [("2019-12-31T00:00:00+08:00", "notMet")]
    assert {f["asOf"] for f in p["cqscFigures"]} == {"2020-11-04"}
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
    assert [m["id"] for m in lize["milestones"][:2]] == ["construction_start-2019-03", "construction_start-2019-07"]


def test_a_later_plan_supersedes_an_earlier_without_erasing_it():
    plans = [
        SimpleNamespace(kind="full_opening", due="2027-11", section=None, made="2025-02", sources=["new"]),
        SimpleNamespace(kind="full_opening", due="2027-11", section=None, made="2021-08", sources=["old"]),
    ]
    out = oc4ids.plan_milestones(plans, [], date(2026, 1, 31))
    assert [(m["id"], m["cqscPlanMade"], m["cqscInForce"]) for m in out] == [
        ("plan-full_opening-2027-11", "2021-08", False),
        ("plan-full_opening-2027-11-2", "2025-02", True),
    ]
    # As of 2024 only the earlier plan had been made.
    assert [m["cqscPlanMade"] for m in oc4ids.plan_milestones(plans, [], date(2024, 1, 1))] == ["2021-08"]


@pytest.mark.parametrize("day", [date(2018, 1, 1), date(2020, 7, 30), date(2022, 6, 30), date(2030, 1, 1)])
def test_the_package_is_valid_on_any_day(bundled, day):
    package = oc4ids.package(bundled[0], day)
    assert problems(package) == [] and len(package["projects"]) == 31
    assert package["publishedDate"] == f"{day.isoformat()}T00:00:00+08:00"
