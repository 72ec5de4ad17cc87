"""The library under the CLI: `import cqsc` gives load, select, total, summarise, status and check."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, REPO

import cqsc


@pytest.fixture(scope="module")
def ds():
    return cqsc.load(DATA, use_cache=False)


def test_the_api_is_documented_and_lazy():
    assert sorted(cqsc.__all__) == ["DataError", "at", "check", "load", "select", "status", "summarise", "total"]
    code = "import sys, cqsc; print(sorted(m for m in ('cqsc.api', 'cqsc.queries', 'cqsc.loading.loader', 'yaml', 'pydantic', 'rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "src")}, check=True).stdout
    assert out.strip() == "[]"  # importing cqsc loads none of the layers until a name is used
    with pytest.raises(AttributeError):
        cqsc.nothing_here  # noqa: B018


def test_totals(ds):
    transport = cqsc.select(ds, sector="transport")
    t = cqsc.total(ds, transport)
    assert (len(transport), t.amount, t.about, t.method) == (19, Decimal("4516"), True, "reported_aggregate")
    both = cqsc.total(ds, cqsc.select(ds, sector=["transport", "logistics"]))
    assert (both.method, both.amount) == ("partial", Decimal("4516"))
    assert cqsc.total(ds, cqsc.select(ds, location="Rongchang")).method == "not_reported"


def test_status_and_as_of(ds):
    assert cqsc.status(ds, "kailiang-expwy", as_of="2024-05-01").status.value == "implementation"
    assert cqsc.status(ds, "kailiang-expwy", as_of="2024-05-31").status.value == "completion"
    # --as-of hides every fact dated later: chengdawan's figures of 2020-11-04 and 2025-02 are not there in 2019.
    then = cqsc.at(ds, "2019")
    chengdawan = next(p for p in then.projects.projects if p.id == "chengdawan-hsr")
    assert chengdawan.figures == [] and chengdawan.milestones == []
    assert [p.id for p in cqsc.select(ds, status="completion", as_of="2021")] == ["chengyu-hsr-upgrade", "guangan-ring-expwy", "huaying-freight-yard"]


def test_the_cli_agrees_with_the_library(run, ds):
    data = json.loads(run("summary", "--as-of", "2020-12-31", "-f", "json").stdout)
    statuses = {k.value: v for k, v in cqsc.summarise(ds, as_of="2020-12-31").statuses.items()}
    assert data["statuses"] == statuses == {"preparation": 3, "implementation": 17, "completion": 1, "unknown": 10}
    assert list(data["statuses"]) == ["preparation", "implementation", "completion", "unknown"]  # the lifecycle order


def test_check_and_data_errors(ds, tmp_path: Path):
    assert not [p for p in cqsc.check(ds, as_of="2026-11-22") if p.severity == "error"]
    with pytest.raises(cqsc.DataError) as err:
        cqsc.load(FIXTURES / "invalid" / "yaml-syntax", use_cache=False)
    assert err.value.problems and "1 problem in the data; the first: " in str(err.value)
