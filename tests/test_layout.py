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
def test_every_width_fits_and_splits_nothing(run, name: str, tokens_re: re.Pattern[str], name_words: set[str]):
    wide_out = _out(run, LISTINGS[name], 1000)
    wide = _tokens(wide_out, tokens_re)
    assert wide or name.startswith("tasks"), name  # tasks carry no dated status yet
    seen = _words(wide_out) | name_words
    for width in WIDTHS:
        out = _out(run, LISTINGS[name], width)
        for line in out.splitlines():
            assert cell_len(line) <= width, (width, line)
            assert line == line.rstrip(), (width, line)  # piped: no trailing spaces
        got = _tokens(out, tokens_re)
        assert got == wide, (width, got - wide, wide - got)
        assert _split_words(out, name_words, seen) == [], width


# --- the words of names are never split: whole, or the name cut after a word and marked … ------------

_PUNCT = "()[]{},.;:'\"!?/+…~"


def _words(text: str) -> set[str]:
    """The words of a text: between spaces and hyphens, without the punctuation around them."""
    return {w.strip(_PUNCT) for w in re.split(r"[\s\-]+", text) if w.strip(_PUNCT)}


def _split_words(out: str, names: set[str], seen: set[str]) -> list[str]:
    """The pieces of ``out`` that are part of a word of a name and no word of their own: split words."""
    body = out.split("\nSources\n")[0]  # addresses are shortened in the middle, not wrapped
    pieces = {w for line in body.splitlines() for w in _words(line) if w.isascii()}
    return sorted(p for p in pieces - seen if any(p != w and (w.startswith(p) or w.endswith(p)) for w in names))


@pytest.fixture(scope="module")
def name_words() -> set[str]:
    """Every word (of three letters or more) of the English names in the data: projects and reported groups."""
    from conftest import DATA

    from cqsc.loading import loader

    ds, _ = loader.load_data(DATA, use_cache=False)
    assert ds.projects is not None
    texts = [p.name_en for p in ds.projects.projects] + [a.label_en for a in ds.projects.aggregates]
    return {w for text in texts for w in _words(text) if len(w) >= 3 and w.isascii()}


def test_the_goldens_keep_every_word_of_a_name_whole(run, name_words: set[str]):
    seen = set(name_words)
    for args in LISTINGS.values():
        seen |= _words(_out(run, args, 1000))
    for path in sorted(GOLDEN.glob("*.txt")):
        assert _split_words(path.read_text(encoding="utf-8"), name_words, seen) == [], path.name


def test_split_words_are_found():
    names = {"Wanzhou", "navigation", "power"}
    seen = names | {"Chengdu", "Dazhou"}
    assert _split_words("Chengdu-Dazhou-Wanzh\nou high", names, seen) == ["Wanzh", "ou"]
    assert _split_words("(navigation-powe\nr)", names, seen) == ["powe", "r"]
    assert _split_words("Chengdu-Dazhou-\nWanzhou, navigation…", names, seen) == []


def test_projects_at_80_columns_one_or_two_lines_a_project(run):
    out = _out(run, ["projects", "--sector", "transport", "-q", "--as-of", "2026-11-22"], 80)
    lines = out.splitlines()
    assert len(lines) <= 45, out
    table = lines[: lines.index("")]
    rows = [i for i, line in enumerate(table) if re.match(r"[a-z0-9][\w-]+ ", line)]
    assert len(rows) == 19
    assert all(b - a <= 2 for a, b in zip(rows, rows[1:], strict=False)), out  # no project takes a third line


@pytest.mark.parametrize("width", [70, 80, 100, 120, 160])
@pytest.mark.parametrize("args", [["projects"], ["projects", "--sector", "transport"], ["projects", "--lang", "zh"]])
def test_no_stacked_blocks_at_70_columns_or_more(run, args: list[str], width: int):
    out = _out(run, [*args, "--as-of", "2026-11-22"], width)
    assert out.startswith("ID "), out[:200]  # a table with its header, not a block per project
    assert "\n  Status " not in out


def test_columns_give_way_in_order_and_say_so(run):
    wide = _out(run, ["projects", "--as-of", "2026-11-22"], 250)
    assert wide.splitlines()[0].split() == ["ID", "Project", "中文名", "Subsector", "Where", "Status", "bn", "CNY"]
    assert "Not shown at this width" not in wide
    narrow = _out(run, ["projects", "--as-of", "2026-11-22"], 80)
    assert narrow.splitlines()[0].split() == ["ID", "Project", "Status", "bn", "CNY"]
    assert narrow.splitlines()[1].split() == ["中文名"]  # moved under the English
    assert "Not shown at this width: Subsector, Where (a wider terminal or --columns shows them)." in narrow.replace("\n", " ")
    assert "Not shown" not in _out(run, ["projects", "-q", "--as-of", "2026-11-22"], 80)


def test_a_cut_name_ends_at_a_word_with_a_mark_and_columns_shows_it_whole(run):
    out = _out(run, ["projects", "--sector", "transport", "-q"], 80)
    assert "Jiangjin-Luzhou north line…" in out
    whole = _out(run, ["projects", "--search", "jianglu", "-q", "--columns", "id,name,status"], 80)
    assert "(Chongqing section; G93" in whole and "…" not in whole
    assert "capacity expansion)" in whole


def test_an_address_stays_on_one_line_shortened_in_the_middle(run):
    out = _out(run, ["show", "kailiang-expwy", "--as-of", "2026-11-22"], 80)
    line = next(x for x in out.splitlines() if x.startswith("mot-881aa0 "))
    assert re.fullmatch(r"mot-881aa0\s+https://www\.mot\.gov\.cn/\S*…\S*4142078\.html", line), line


@pytest.mark.parametrize("width", [47, 61])
def test_a_number_stays_with_its_unit(run, width: int):
    out = _out(run, ["show", "kailiang-expwy", "--as-of", "2026-11-22"], width)
    assert "45.155 km" in out


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
    out = _out(run, ["projects", "--sector", "transport", "--lang", "zh", "--columns", "id,name"], 40)
    assert "嘉陵江利泽航运枢纽工程" in re.sub(r"\s+", "", out)
    assert "嘉陵江利泽航运枢纽工程" not in out  # wrapped, between characters
    for line in out.splitlines():
        assert cell_len(line) <= 40


def test_tree_indentation_survives_wrapping(run):
    out = _out(run, ["summary", "--as-of", "2026-11-22"], 80)
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  Ports, stations and logistics,"))
    assert lines[at + 1].startswith("    ")  # the wrapped part of an indented label stays indented, deeper
    assert any(line.startswith("    High-speed rail") for line in lines)


def test_below_the_width_a_table_needs_rows_stack(run):
    out = _out(run, ["projects", "--sector", "transport", "--subsector", "waterway"], 40)
    assert "lize-hub\n  Project    Jialing River Lize\n" in out
    assert "  Status     completion 2025-03-28\n" in out


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


def test_a_shortened_address_keeps_the_whole_address_in_its_link():
    from cqsc.model.options import Format
    from cqsc.output import emit
    from cqsc.output.settings import Settings
    from cqsc.views.model import Cell, Column, CsvTable, Kind, Table, View

    url = "https://example.org/" + "a" * 60 + "/end.html"
    view = View([Table([Column("id", "ID", Kind.id), Column("u", "Address", Kind.url)], [{"id": "x", "u": Cell(url, link=url)}])], {}, CsvTable([], []))
    coloured = emit(view, Settings(format=Format.table, color=True, tty=True, width=40))
    assert "\x1b]8;" in coloured
    assert url in coloured  # the link's target
    plain = emit(view, Settings(format=Format.table, width=40))
    shown = plain.splitlines()[-1]
    assert shown.startswith("x   https://example.org/") and "…" in shown and shown.endswith("/end.html")
    assert len(plain.splitlines()) == 3  # header, rule, one line: never wrapped


def test_data_text_is_never_markup():
    from cqsc.model.options import Format
    from cqsc.output import emit
    from cqsc.output.settings import Settings
    from cqsc.views.model import Column, CsvTable, Kind, Table, View

    name = "[link=https://evil.example]click[/link] [bold red]x[/]"
    view = View([Table([Column("id", "ID", Kind.id), Column("name", "Project", Kind.prose, cut=True)], [{"id": "x", "name": name}])], {}, CsvTable([], []))
    coloured = emit(view, Settings(format=Format.table, color=True, tty=True, width=120))
    assert "[link=https://evil.example]click[/link]" in coloured and "\x1b]8;" not in coloured
