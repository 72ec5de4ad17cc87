"""Text from the data stays text: hostile names, labels and titles through every command in every format.

tests/data/hostile holds rich markup ([phase 2], [/bold], [/]), terminal escapes (colours, an OSC 8 link),
formula starts (= + - @), HTML, Markdown structure, newlines, CJK, bidi and zero-width characters.
Parsed back, every output gives the data's text exactly (CSV: but for the documented apostrophe before
a formula start); no control character reaches a terminal; nothing crashes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import FIXTURES

from cqsc.output.markdown import unmd
from cqsc.text.escape import CSV_FORMULA_START

HOSTILE = FIXTURES / "hostile"
NAMES = {
    "rail-a": "Rail [phase 2] [/bold] [/] \x1b[31mred\x1b[0m \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\ 成达万",
    "rail-b": '=HYPERLINK("http://evil.example","x") <script>alert(1)</script> **bold** | pipe',
    "road-c": "+1 line one\nline two \u202egnp.exe\u202c zero\u200bwidth",
    "depot-d": "@SUM(A1) # not a heading - [link](http://x) `code`",
}
SECTION = "[phase 1 (left-bank lock)]"
LABEL = "-1 started <b>here</b> [/red] \u200f"
TASK = "Do the [first] thing\n# injected heading\n| a | b |"
AGGREGATE = "Transport [bold]\u202e\x1b[2J"
# What must never reach a terminal: C0 (but newline), DEL, C1, bidi and zero-width characters.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")

COMMANDS = {
    "projects": ["projects"],
    "tasks": ["tasks"],
    "summary": ["summary"],
    "timeline": ["timeline"],
    "show": ["show", "rail-a"],
    "progress": ["progress", "--as-of", "2026-11-22"],
    "changes": ["changes", "--from", "2020"],
}


def _run(run, *args: str):
    result = run(*args, "--data-dir", str(HOSTILE), "--no-cache")
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_control_character_reaches_the_terminal(run, command: str):
    out = _run(run, *COMMANDS[command]).output
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out))
    if command == "projects":
        assert "Rail [phase 2] [/bold] [/]" in out and "\\x1b[31mred\\x1b[0m" in out  # markup shown, escapes visible
        assert "<U+202E>gnp.exe<U+202C>" in out
    if command in ("show", "timeline"):
        assert "[[phase 1 (left-bank lock)]]" in out  # the section, with the brackets cqsc puts around it


def test_json_keeps_the_exact_text(run):
    projects = json.loads(_run(run, "projects", "-f", "json").stdout)["projects"]
    assert {p["id"]: p["name_en"] for p in projects} == NAMES
    show = json.loads(_run(run, "show", "rail-a", "-f", "json").stdout)
    assert show["name_en"] == NAMES["rail-a"] and (show["milestones"][0]["section"], show["milestones"][0]["label"]) == (SECTION, LABEL)
    tasks = json.loads(_run(run, "tasks", "-f", "json").stdout)["tasks"]
    assert tasks[0]["title_en"] == TASK
    summary = json.loads(_run(run, "summary", "-f", "json").stdout)
    assert AGGREGATE in [g["label_en"] for g in summary["groups"]]
    events = json.loads(_run(run, "timeline", "-f", "json").stdout)["events"]
    assert (events[0]["section"], events[0]["label"]) == (SECTION, LABEL)


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _undo_formula_guard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(CSV_FORMULA_START) else cell


def test_csv_keeps_the_text_and_neutralises_formulas(run):
    rows = _csv(_run(run, "projects", "-f", "csv").stdout)
    assert {r["id"]: _undo_formula_guard(r["name_en"]) for r in rows} == NAMES
    by_id = {r["id"]: r["name_en"] for r in rows}
    assert by_id["rail-b"].startswith("'=HYPERLINK") and by_id["depot-d"].startswith("'@SUM") and by_id["road-c"].startswith("'+1")
    assert by_id["rail-a"] == NAMES["rail-a"]  # not a formula start: unchanged
    events = _csv(_run(run, "timeline", "-f", "csv").stdout)
    assert (events[0]["section"], _undo_formula_guard(events[0]["label"])) == (SECTION, LABEL)
    assert events[0]["label"] == "'" + LABEL  # "-1 ..." would be a formula
    tasks = _csv(_run(run, "tasks", "-f", "csv").stdout)
    assert tasks[0]["title_en"] == TASK


def _md_cells(text: str) -> list[list[str]]:
    """The cells of every Markdown table row, unescaped."""
    rows = []
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            rows.append([unmd(c.strip()) for c in cells])
    return rows


def test_markdown_cells_read_back_as_the_text(run):
    cells = [c for row in _md_cells(_run(run, "projects", "-f", "markdown").stdout) for c in row]
    for name in NAMES.values():
        assert name in cells
    md_tasks = _run(run, "tasks", "-f", "markdown").stdout
    assert TASK in [c for row in _md_cells(md_tasks) for c in row]
    assert "\n# injected heading" not in md_tasks and "\n| a | b |" not in md_tasks
    timeline = [c for row in _md_cells(_run(run, "timeline", "-f", "markdown").stdout) for c in row]
    assert f"[{SECTION}] {LABEL}" in timeline


def test_the_markdown_report_escapes_html_and_structure(run):
    report = _run(run, "report", "--format", "markdown").stdout
    assert "<script>" not in report and "<b>" not in report
    cells = [c for row in _md_cells(report) for c in row]
    assert NAMES["rail-b"] in cells and NAMES["depot-d"] in cells
    assert "\n# injected heading" not in report


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def test_the_html_report_shows_the_text_and_runs_none_of_it(run):
    page = _run(run, "report", "--format", "html").stdout
    parser = _Texts()
    parser.feed(page)
    text = "".join(parser.chunks)
    assert "script" not in parser.tags and "b" not in parser.tags
    for name in (NAMES["rail-b"], NAMES["depot-d"]):
        assert name in text


class _Cells(HTMLParser):
    """The text of each table cell, definition and list item of a page, with <br> read back as a newline."""

    BLOCKS = ("td", "th", "dd", "dt", "li", "p", "h1", "h2", "h3")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag in self.BLOCKS:
            self._open = []
        elif tag == "br" and self._open is not None:
            self._open.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS and self._open is not None:
            self.cells.append("".join(self._open))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _html_cells(page: str) -> tuple[list[str], list[str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.cells, parser.tags


FORMATS = ["table", "json", "csv", "markdown", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", sorted(COMMANDS) + ["summary-chart"])
def test_every_command_in_every_format_survives_hostile_text(run, command: str, fmt: str):
    args = ["summary", "--chart"] if command == "summary-chart" else COMMANDS[command]
    out = _run(run, *args, "-f", fmt).stdout
    assert out.strip()
    if fmt == "table":
        assert not RAW_CONTROL.search(out)
    if fmt == "html":
        _, tags = _html_cells(out)
        assert not {"script", "b"} & set(tags)


def _in_html(text: str) -> str:
    """The text as a page shows it: exactly, but a control character (ESC, NUL) as the terminal shows it (\\x1b)."""
    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)


def test_html_cells_read_back_as_the_text(run):
    cells, _ = _html_cells(_run(run, "projects", "-f", "html").stdout)
    for name in NAMES.values():
        assert _in_html(name) in cells
    cells, _ = _html_cells(_run(run, "tasks", "-f", "html").stdout)
    assert TASK in cells
    cells, _ = _html_cells(_run(run, "timeline", "-f", "html").stdout)
    assert f"[{SECTION}] {LABEL}" in cells
    cells, _ = _html_cells(_run(run, "summary", "-f", "html").stdout)
    assert _in_html(AGGREGATE) in cells
    cells, _ = _html_cells(_run(run, "show", "rail-a", "-f", "html").stdout)
    assert f"[{SECTION}] {LABEL}" in cells and _in_html(NAMES["rail-a"]) + " / 甲高铁" in cells


def test_markdown_show_and_summary_read_back(run):
    md_show = _run(run, "show", "rail-a", "-f", "markdown").stdout
    assert f"[{SECTION}] {LABEL}" in [c for row in _md_cells(md_show) for c in row]
    summary = [c for row in _md_cells(_run(run, "summary", "-f", "markdown").stdout) for c in row]
    assert "\u2003" + AGGREGATE in summary  # one level down: an em space of indent, then the label as written


def test_a_document_on_a_terminal_shows_controls_as_escapes(run, monkeypatch):
    """JSON, CSV, Markdown or HTML written to a terminal (not a pipe or a file) gets the same visible escapes."""
    from cqsc.output import settings

    monkeypatch.setattr(settings, "stream_is_tty", lambda stream=None: True)
    out = _run(run, "projects", "-f", "json").stdout
    assert not RAW_CONTROL.search(out.replace("\n", "")) and "\\x1b" not in out.replace("\\u001b", "")
    assert "<U+202E>" in out
