"""Terminal layout: every line fits the width in display cells, no id, number, date or percentage is split,
piped output has no trailing spaces, and the output at 80 and 120 columns is exactly the golden file.

Regenerate the golden files after a deliberate change with: CQSC_UPDATE_GOLDEN=1 pytest tests/test_layout.py
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len

GOLDEN = Path(__file__).resolve().parent / "golden"

# Every listing command, with arguments that make its output stable over time.
LISTINGS = {
    "projects": ["projects", "--as-of", "2026-11-22"],
    "projects-zh": ["projects", "--sector", "transport", "--lang", "zh", "--as-of", "2026-11-22"],
    "tasks": ["tasks", "--area", "2", "--area", "6"],
    "summary": ["summary", "--as-of", "2026-11-22"],
    "summary-chart": ["summary", "--chart", "--as-of", "2026-11-22"],
    "show": ["show", "kailiang-expwy", "--as-of", "2026-11-22"],
    "timeline": ["timeline", "--from", "2023", "--to", "2024-12"],
    "progress": ["progress", "--as-of", "2026-11-22"],
    "changes": ["changes", "--from", "2024", "--to", "2024"],
    # Chinese throughout (--lang zh): cqsc's words from the catalogue, the data's English marked (en).
    "tasks-zh": ["tasks", "--area", "2", "--area", "6", "--lang", "zh"],
    "summary-zh": ["summary", "--as-of", "2026-11-22", "--lang", "zh"],
    "show-zh": ["show", "kailiang-expwy", "--as-of", "2026-11-22", "--lang", "zh"],
    "timeline-zh": ["timeline", "--from", "2023", "--to", "2024-12", "--lang", "zh"],
    "progress-zh": ["progress", "--as-of", "2026-11-22", "--lang", "zh"],
    "changes-zh": ["changes", "--from", "2024", "--to", "2024", "--lang", "zh"],
}
WIDTHS = list(range(40, 161, 7))

# What must never be split or cut: dates, decimal amounts, percentages, and the ids of projects, groups and sources.
NUMBERS = r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}(?!\d)|~?\d+\.\d+%?|\d+%"


@pytest.fixture(scope="module")
def tokens_re() -> re.Pattern[str]:
    from conftest import DATA

    from cqsc.loading import loader

    ds, _ = loader.load_data(DATA, use_cache=False)
    assert ds.projects is not None
    ids = {p.id for p in ds.projects.projects} | {a.id for a in ds.projects.aggregates if "-" in a.id} | {s.id for s in ds.projects.sources}
    words = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"{NUMBERS}|(?<![\w-])(?:{words})(?![\w-])")


def _out(run, args: list[str], width: int) -> str:
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _tokens(text: str, pattern: re.Pattern[str]) -> Counter[str]:
    # Addresses may wrap anywhere (README, "Terminal output"); everything else is whole.
    body = re.split("\n(?:Sources|来源)\n", text)[0]
    return Counter(pattern.findall(body))


@pytest.mark.parametrize("name", sorted(LISTINGS))
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_every_width_fits_and_splits_nothing(run, name: str, tokens_re: re.Pattern[str]):
    wide = _tokens(_out(run, LISTINGS[name], 1000), tokens_re)
    assert wide or name.startswith("tasks"), name  # tasks carry no dated status yet
    for width in WIDTHS:
        out = _out(run, LISTINGS[name], width)
        for line in out.splitlines():
            assert cell_len(line) <= width, (width, line)
            assert line == line.rstrip(), (width, line)  # piped: no trailing spaces
        got = _tokens(out, tokens_re)
        assert got == wide, (width, got - wide, wide - got)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_golden(run, name: str, width: int):
    out = _out(run, LISTINGS[name], width)
    path = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("CQSC_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", ["0", "1", "-5", "99999", "abc", ""])
def test_nonsense_widths_fall_back_to_80(run, columns: str):
    out = run("tasks", "--area", "6", env={"COLUMNS": columns}).stdout
    assert out == run("tasks", "--area", "6", env={"COLUMNS": "80"}).stdout
    assert max(cell_len(line) for line in out.splitlines()) == 80


def test_cjk_wraps_between_characters_with_their_widths(run):
    out = _out(run, ["projects", "--sector", "transport", "--lang", "zh"], 60)
    assert "嘉陵江利泽航运枢纽工程" in out.replace("\n", "")
    for line in out.splitlines():
        assert cell_len(line) <= 60


def test_tree_indentation_survives_wrapping(run):
    out = _out(run, ["summary", "--as-of", "2026-11-22"], 80)
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  Ports, stations and logistics,"))
    assert lines[at + 1].startswith("    ")  # the wrapped part of an indented label stays indented, deeper
    assert any(line.startswith("    High-speed rail") for line in lines)


def test_below_the_width_a_table_needs_rows_stack(run):
    out = _out(run, ["projects", "--sector", "transport", "--subsector", "waterway"], 40)
    assert "lize-hub\n  Project    Jialing River Lize\n" in out
    assert "  Status     completion\n             2025-03-28\n" in out


def test_on_a_terminal_statuses_are_coloured_and_addresses_are_links(monkeypatch):
    from cqsc.model.options import Format
    from cqsc.output import emit
    from cqsc.output.settings import Settings
    from cqsc.views.model import Cell, Column, CsvTable, Kind, Table, View

    view = View([Table([Column("s", "Status", Kind.status), Column("u", "Address", Kind.url)], [{"s": Cell("unknown", tone="unknown"), "u": Cell("https://example.org/x", link="https://example.org/x")}])], {}, CsvTable([], []))
    coloured = emit(view, Settings(format=Format.table, color=True, tty=True, width=80))
    assert "\x1b[2m" in coloured and "\x1b]8;" in coloured  # dim for unknown; an OSC 8 hyperlink
    plain = emit(view, Settings(format=Format.table, width=80))
    assert "\x1b" not in plain
