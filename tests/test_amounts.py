"""The amount shown for a project: one figure by one rule (scope, then the latest date), everywhere it is shown."""

from __future__ import annotations

import csv
import io
import json
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


# --- where the amount is shown: the listing (table, JSON, CSV) and `show` ------------------------------

# The amount each project with a figure shows in the listing, in bn CNY, with its ~ and its scope's mark.
TABLE_BN = {
    "chengdawan-hsr": "85.1*", "chengyu-middle-hsr": "69.273*", "yuxi-hsr": "~121.311", "yukun-hsr": "141.6*",
    "neida-expwy": "2.507†", "zitong-expwy": "~16.8†", "jianglu-north-expwy": "9.938", "luyong-expwy": "5.226†",
    "kailiang-expwy": "~8.1", "yuwu-expwy-expansion": "10.324", "lize-hub": "3.96", "shuangjiang-hub": "2.611",
    "suining-dashaba-port": "~1.9‡", "cq-circuit-park": "15",
}


def _bn(yi: str) -> str:
    return str(Decimal(yi) / 10)


def test_the_table_shows_one_amount_or_a_dash_with_the_scope_explained(run):
    out = run("projects", "--columns", "id,amount", "--limit", "0").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "bn", "CNY"]
    rows = dict(line.split(maxsplit=1) for line in lines[2:33])
    assert {k: v.strip() for k, v in rows.items() if v.strip() != "—"} == TABLE_BN
    assert len(rows) == 31 and "figure" not in out.split("\n\n")[0]
    # Right-aligned on the decimal point: every point in the same column, a whole number's last digit just before it.
    ends = {line.index(".") if "." in line else line.rstrip(" *†‡").rindex("5") + 1 for line in lines[2:33] if line.split()[1] != "—"}
    assert len(ends) == 1
    assert "bn CNY column, what the figure covers: * whole line, † section, ‡ parent project; unmarked: the listed item." in " ".join(out.split())


def test_json_gives_the_shown_amount_with_scope_basis_and_date(run):
    data = json.loads(run("projects", "-f", "json").stdout)
    got = {p["id"]: p["shown_amount"] for p in data["projects"] if p["shown_amount"] is not None}
    assert got == {
        k: {"amount": a, "unit": "yi", "about": about, "scope": scope, "basis": basis, "as_of": day} for k, (a, about, scope, basis, day) in SHOWN.items()
    }
    assert all(p["shown_amount"] is None for p in data["projects"] if not p["figures"])
    assert data["total"]["amount"] == "5563"  # the reported aggregate: the shown amounts are never summed


def test_csv_gives_the_shown_amount_in_the_unit_asked_for(run):
    bn = list(csv.DictReader(io.StringIO(run("projects", "-f", "csv").stdout)))
    yi = list(csv.DictReader(io.StringIO(run("projects", "-f", "csv", "--unit", "yi").stdout)))
    assert len(bn) == len(yi) == 31
    got = {r["id"]: (r["amount"], r["unit"], r["about"], r["scope"], r["basis"], r["amount_as_of"] or None) for r in bn if r["amount"]}
    assert got == {k: (_bn(a), "bn CNY", str(about).lower(), scope, basis, day) for k, (a, about, scope, basis, day) in SHOWN.items()}
    for b, y in zip(bn, yi, strict=True):
        assert b["id"] == y["id"] and (b["amount"] == y["amount"] == "" or Decimal(y["amount"]) == Decimal(b["amount"]) * 10)
        assert y["unit"] == ("亿元" if y["amount"] else "")
    assert {r["id"]: r["amount"] for r in yi if r["amount"]} == {k: v[0] for k, v in SHOWN.items()}


def test_csv_columns_and_sort_by_the_amount_shown(run):
    result = run("projects", "--columns", "id,amount", "-f", "csv", "--sort", "-amount")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "amount"]
    assert [r[0] for r in rows[1:6]] == ["yukun-hsr", "yuxi-hsr", "chengdawan-hsr", "chengyu-middle-hsr", "zitong-expwy"]
    assert [r[1] for r in rows[1:6]] == ["141.6", "121.311", "85.1", "69.273", "16.8"]
    assert all(r[1] == "" for r in rows[15:])  # no figure: last whatever the direction


@pytest.mark.parametrize(("yi", "bn"), [("3800", "380"), ("150", "15"), ("25.07", "2.507"), ("5563", "556.3"), ("62", "6.2"), ("25.60", "2.560")])
def test_amounts_are_written_with_the_digits_they_have(yi, bn):
    from cqsc.model.options import DisplayUnit
    from cqsc.text.numbers import amount_text

    assert (amount_text(Decimal(yi), DisplayUnit.bn), amount_text(Decimal(yi), DisplayUnit.yi)) == (bn, yi)


def test_show_says_which_figure_is_listed_and_gives_a_csv_row_per_figure(run):
    out = " ".join(run("show", "zitong-expwy").stdout.split())
    assert "Amount listed ~16.8 bn CNY (section, planned total, 2020-10)" in out
    rows = [r for r in csv.DictReader(io.StringIO(run("show", "zitong-expwy", "-f", "csv", "--unit", "yi").stdout)) if r["kind"] == "figure"]
    assert [(r["amount"], r["unit"], r["about"], r["basis"], r["scope"], r["date"]) for r in rows] == [
        ("202", "亿元", "false", "reported_total", "section", ""),
        ("168", "亿元", "true", "planned_total", "section", "2020-10"),
        ("110", "亿元", "true", "planned_total", "section", "2020-10"),
    ]


def test_bom_only_for_csv(run):
    result = run("projects", "-f", "csv", "--bom", "--columns", "id")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"\xef\xbb\xbfid\n")
    assert run("projects", "-f", "csv", "--columns", "id").stdout_bytes.startswith(b"id\n")
    assert run("projects", "--bom").exit_code == 2


def test_files_are_utf8_and_a_stdout_that_cannot_carry_a_document_is_an_error(tmp_path):
    from conftest import ENV
    from typer.testing import CliRunner

    from cqsc.cli.app import app

    latin = CliRunner(charset="latin-1")
    for fmt in ("csv", "markdown"):
        result = latin.invoke(app, ["projects", "-f", fmt], env=ENV)
        assert result.exit_code == 3 and result.stdout == "" and "latin-1" in result.stderr.replace("iso8859-1", "latin-1")
    assert latin.invoke(app, ["projects", "-f", "csv", "--columns", "id,amount"], env=ENV).exit_code == 0  # all ASCII: fine
    target = tmp_path / "p.csv"
    result = latin.invoke(app, ["projects", "-o", str(target), "--bom"], env=ENV)
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and "成达万高铁" in target.read_text(encoding="utf-8-sig")
