"""The amount shown for a project: one figure by one rule (scope, then the latest date), everywhere it is shown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import DATA

import cqsc
from cqsc.model.records import Basis, Figure, Project, Scope, Sector
from cqsc.queries import shown_amount

# Every project of the frozen data with a figure: the amount shown (亿元), ~, scope, basis, date.
SHOWN = {
    "chengdawan-hsr": ("851", False, "whole_line", "reported_total", "2025-02"),
    "chengyu-middle-hsr": ("692.73", False, "whole_line", "feasibility_estimate", "2021-08"),
    "yuxi-hsr": ("1213.11", True, "listed_item", "design_estimate", "2022-10"),
    "yukun-hsr": ("1416", False, "whole_line", "feasibility_estimate", "2021-09"),
    "neida-expwy": ("25.07", False, "section", "planned_total", "2020-07"),
    "zitong-expwy": ("168", True, "section", "planned_total", "2020-10"),
    "jianglu-north-expwy": ("99.38", False, "listed_item", "tender_estimate", "2019"),
    "luyong-expwy": ("52.26", False, "section", "design_estimate", "2022"),
    "kailiang-expwy": ("81", True, "listed_item", "reported_total", None),
    "yuwu-expwy-expansion": ("103.24", False, "listed_item", "feasibility_estimate", "2020-06-29"),
    "lize-hub": ("39.6", False, "listed_item", "design_estimate", None),
    "shuangjiang-hub": ("26.11", False, "listed_item", "reported_total", "2020-12-23"),
    "suining-dashaba-port": ("19", True, "parent_project", "planned_total", "2020-08"),
    "cq-circuit-park": ("150", False, "listed_item", "planned_total", "2020-08"),
}


@pytest.fixture(scope="module")
def ds():
    return cqsc.load(DATA, use_cache=False)


def test_every_project_with_a_figure_shows_one_by_the_rule(ds):
    got = {}
    for p in ds.projects.projects:
        s = shown_amount(p)
        assert (s is None) == (not p.figures), p.id
        if s is not None:
            got[p.id] = (str(s.amount), s.about, s.scope.value, s.basis.value, s.as_of)
            assert s.figure in p.figures and s.amount == s.figure.amount
    assert got == SHOWN


def _p(*figures: Figure) -> Project:
    return Project(id="x", name_en="X", sector=Sector.transport, figures=list(figures), sources=["s"])


def _f(amount: str, scope: Scope, as_of: str | None, basis: Basis = Basis.reported_total) -> Figure:
    return Figure(amount=Decimal(amount), basis=basis, scope=scope, as_of=as_of, sources=["s"])


@pytest.mark.parametrize(
    ("figures", "as_of", "expected"),
    [
        # The scope decides before the date: a listed-item figure of 2019 beats a whole-line one of 2025.
        ([_f("1", Scope.whole_line, "2025"), _f("2", Scope.listed_item, "2019")], None, "2"),
        ([_f("1", Scope.parent_project, "2025"), _f("2", Scope.section, "2019")], None, "2"),
        ([_f("1", Scope.section, "2025"), _f("2", Scope.whole_line, "2019")], None, "2"),
        # A partial date counts by its last day: 2020 (to 2020-12-31) is later than 2020-12-30.
        ([_f("1", Scope.section, "2020-12-30"), _f("2", Scope.section, "2020")], None, "2"),
        ([_f("1", Scope.section, "2020-12-31"), _f("2", Scope.section, "2020")], None, "1"),  # a tie: the data's order
        ([_f("1", Scope.section, "2020-02"), _f("2", Scope.section, "2020-02-28")], None, "1"),
        # Undated figures come after dated ones, and among themselves in the data's order.
        ([_f("1", Scope.section, None), _f("2", Scope.section, "2017")], None, "2"),
        ([_f("1", Scope.section, None), _f("2", Scope.section, None)], None, "1"),
        # --as-of: a figure dated later is not there yet; a month counts by its last day; undated stays.
        ([_f("1", Scope.section, "2020-01"), _f("2", Scope.section, "2020-10")], date(2020, 10, 30), "1"),
        ([_f("1", Scope.section, "2020-01"), _f("2", Scope.section, "2020-10")], date(2020, 10, 31), "2"),
        ([_f("1", Scope.listed_item, "2021"), _f("2", Scope.whole_line, "2019")], date(2020, 6, 1), "2"),
        ([_f("1", Scope.listed_item, "2021"), _f("2", Scope.whole_line, None)], date(2020, 6, 1), "2"),
        ([_f("1", Scope.listed_item, "2021")], date(2020, 6, 1), None),
        ([], None, None),
    ],
)
def test_the_rule(figures, as_of, expected):
    s = shown_amount(_p(*figures), as_of)
    assert (None if s is None else str(s.amount)) == expected


def test_as_of_on_the_data(ds):
    chengdawan = next(p for p in ds.projects.projects if p.id == "chengdawan-hsr")
    s = shown_amount(chengdawan, date(2020, 12, 31))
    assert s is not None and (s.basis, s.as_of) == (Basis.feasibility_estimate, "2020-11-04")
    assert shown_amount(chengdawan, date(2020, 11, 3)) is None
