"""Shareable reports (Markdown, HTML in a real browser), the SQLite export, and --lang zh."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DATA

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_markdown_report(run, tmp_path: Path):
    out = tmp_path / "STATUS.md"
    result = run("report", "-o", str(out), "--as-of", "2026-11-22")
    assert result.exit_code == 0 and f"wrote {out}" in result.stderr
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Sichuan–Chongqing jointly implemented major projects: status report\n")
    assert "- Transport infrastructure: 19 projects, \\~451.6 bn CNY of \\~556.3 bn CNY (81.2% of the portfolio)." in md
    assert "| &emsp;&emsp;High-speed rail [4] | 5 | 349.55 bn CNY | 62.8% | ██████████████████ |" in md
    # every source cited is listed once, numbered from 1 without gaps
    listed, counts = md.split("## Sources\n\n", 1)[1].split("\n\n")
    numbers = [int(line.split(".", 1)[0]) for line in listed.splitlines()]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 60
    # then how many of them name their publisher and date
    assert counts == f"Publisher and date: 10 of {len(numbers)} sources give both; 0 say what the page does not state; {len(numbers) - 10} not yet established.\n"


def test_report_to_stdout_and_unwritable_target(run, tmp_path: Path):
    assert run("report", "--format", "html").stdout.startswith("<!doctype html>")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("report", "-o", str(blocker / "report.html"))
    assert result.exit_code == 3  # an I/O error, not a problem in the data
    assert result.stderr == f"error: {blocker / 'report.html'}: cannot be written: the folder {blocker} is not a folder\n"


def test_html_report_is_self_contained(run, tmp_path: Path):
    out = tmp_path / "report.html"
    run("report", "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http-equiv" not in page
    assert 'src="http' not in page and "@import" not in page  # nothing to fetch
    assert all(link.startswith('<link rel="icon" href="data:') for link in page.split("\n") if "<link" in link)  # the icon is inline
    # each chart drawn twice, for a wide and a narrow screen (the style shows one)
    assert page.count('class="bar') == 12 and page.count('class="unreported"') == 6
    assert "@media print" in page


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="no chromium here (CI installs it)")
def test_html_report_renders_in_chromium(run, tmp_path: Path):
    playwright = pytest.importorskip("playwright.sync_api") if os.environ.get("CI") != "true" else __import__("playwright.sync_api").sync_api
    assert CHROMIUM, "CI must have chromium (.ci/run installs it)"
    out = tmp_path / "report.html"
    run("report", "--format", "html", "-o", str(out), "--as-of", "2026-11-22")
    errors: list[str] = []
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        assert page.title() == "Sichuan–Chongqing jointly implemented major projects: status report"
        bars = page.eval_on_selector_all("svg.chart-wide rect[data-amount]", "els => els.map(e => [e.dataset.id, e.getBoundingClientRect().width, e.dataset.amount])")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert errors == []
    widths = {bar_id: (width, Decimal(amount)) for bar_id, width, amount in bars}
    assert set(widths) == {"portfolio", "transport", "transport-high-speed-rail", "transport-expressways", "transport-fast-roads", "transport-waterways"}
    full = widths["portfolio"][0]
    assert full > 200  # laid out and visible
    for bar_id, (width, amount) in widths.items():
        assert width / full == pytest.approx(float(amount / Decimal(5563)), abs=0.01), bar_id
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_sqlite_export_reproduces_the_cli(run, tmp_path: Path):
    db_path = tmp_path / "cqsc.db"
    result = run("export", "--sqlite", str(db_path))
    assert result.exit_code == 0 and f"wrote {db_path}" in result.stderr
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"projects", "aggregates", "figures", "tasks", "areas", "sources", "milestones", "citations"} <= tables
    # The CLI's headline: 19 transport projects, ~451.6 bn of ~556.3 bn (81.2% of the portfolio), exact amounts as text.
    amount, count = db.execute("SELECT amount, count FROM aggregates WHERE id = 'transport'").fetchone()
    assert (amount, count) == ("4516", 19)
    share = db.execute(
        "SELECT round(100.0 * t.amount_cny / p.amount_cny, 1) FROM aggregates t, aggregates p WHERE t.id = 'transport' AND p.id = 'portfolio'"
    ).fetchone()[0]
    assert share == 81.2
    # amounts in CNY are exact integers: the subsectors add up to 4516.4 亿 to the yuan
    assert db.execute("SELECT sum(amount_cny) FROM aggregates WHERE sector = 'transport' AND subsector IS NOT NULL").fetchone()[0] == 451_640_000_000
    assert db.execute("SELECT count(*) FROM projects WHERE sector = 'transport'").fetchone()[0] == 19
    subs = [Decimal(a) for (a,) in db.execute("SELECT amount FROM aggregates WHERE sector = 'transport' AND subsector IS NOT NULL")]
    assert sum(subs) == Decimal("4516.4")
    assert db.execute("SELECT count(*) FROM aggregates WHERE amount IS NULL").fetchone()[0] == 3
    by_area = dict(db.execute("SELECT area, count(*) FROM tasks GROUP BY area"))
    assert [by_area[a] for a in range(1, 10)] == [3, 5, 3, 3, 5, 8, 3, 4, 2]
    summary = json.loads(run("summary", "-f", "json").stdout)
    assert dict(db.execute("SELECT status, count(*) FROM projects GROUP BY status")) == summary["statuses"]
    # every citation points at a listed source (the foreign key), and figures keep their exact text
    assert db.execute("SELECT amount FROM figures WHERE project_id = 'yuxi-hsr' ORDER BY id").fetchall() == [("1237.22",), ("451",), ("1213.11",), ("607.07",)]
    db.close()


def test_sqlite_export_replaces_atomically(run, tmp_path: Path):
    db_path = tmp_path / "cqsc.db"
    db_path.write_text("an old file")
    assert run("export", "--sqlite", str(db_path)).exit_code == 0
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM projects").fetchone()[0] == 31
    assert [p.name for p in tmp_path.iterdir()] == ["cqsc.db"]  # no temporary left behind


def test_lang_zh(run):
    out = run("projects", "--sector", "transport", "--subsector", "waterway", "--lang", "zh").stdout
    assert "嘉陵江利泽航运枢纽工程" in out and "内河航道整治" in out and "重庆" in out
    assert "Jialing River Lize navigation hub" not in out
    env = run("tasks", "--area", "2", env={"CQSC_LANG": "zh"}).stdout
    assert "\n7  II    Deepen cooperation on ecological construction. (en)" in env
    assert "生态环境联防联治" in env
    md = run("projects", "--sector", "logistics", "--lang", "zh", "-f", "markdown").stdout
    assert md.splitlines()[0] == "| ID | 项目 | Project | 子类 | 地点 | 状态 | 亿元 |"  # cqsc's own words in Chinese, 亿元 the default unit
    assert "| 物流园区 |" in md  # cqsc's own subsector words are in the catalogue: never marked (en)


def test_summary_chart(run):
    out = run("summary", "--chart").stdout.splitlines()
    assert out[0] == "Reported investment by sector and subsector"
    transport = next(line for line in out if line.startswith("  Transport infrastructure"))
    hsr = next(line for line in out if line.startswith("    High-speed rail"))
    assert "#" in transport and "█" not in transport  # plain ASCII when not a terminal
    assert transport.count("#") > hsr.count("#") > 0
    assert transport.rstrip().endswith("~451.6 bn    81.2%")
    assert any(line.startswith("  Industry") and line.rstrip().endswith("not reported") for line in out)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("cqsc show kai", ["kailiang-expwy"]),
        ("cqsc tasks --area V", ["V", "VI", "VII", "VIII"]),
        ("cqsc projects --sector lo", ["logistics"]),
        ("cqsc timeline --project chengyu-m", ["chengyu-middle-hsr"]),
    ],
)
def test_shell_completion(words: str, expected: list[str], tmp_path: Path):
    import subprocess
    import sys

    env = {**os.environ, "_CQSC_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1), "XDG_CACHE_HOME": str(tmp_path)}
    env["CQSC_DATA_DIR"] = str(DATA)
    proc = subprocess.run([sys.executable, "-c", "from cqsc.cli.app import app; app(prog_name='cqsc')"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.split() == expected, proc.stderr


def test_install_completion_is_offered(run):
    assert "--install-completion" in run("--help").stdout


@pytest.mark.parametrize("command", [["report", "-f", "html", "-o"], ["export", "--sqlite"]])
def test_inconsistent_data_is_not_published(run, data_copy: Path, tmp_path: Path, command: list[str]):
    path = data_copy / "projects.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  count: 19\n", "  count: 18\n", 1), encoding="utf-8")
    target = tmp_path / "out"
    result = run(*command, str(target), "--data-dir", str(data_copy))
    assert result.exit_code == 1 and result.stdout == ""
    assert "aggregate 'transport' reports 18 projects, but 19 project records fall in its group [CQ110 aggregate-count]" in result.stderr
    assert "nothing was written" in result.stderr
    assert not target.exists()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="no chromium here (CI installs it)")
def test_gantt_positions_match_the_dates_in_chromium(run, tmp_path: Path):
    """Every bar end, completion dot, planned diamond and the as-of line sits at its date on the axis, within a pixel."""
    from datetime import date

    playwright = __import__("playwright.sync_api").sync_api
    assert CHROMIUM, "CI must have chromium (.ci/run installs it)"
    out = tmp_path / "report.html"
    run("report", "--format", "html", "-o", str(out), "--as-of", "2026-11-22")
    errors: list[str] = []
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(out.as_uri())
        axis = page.eval_on_selector("#gantt .chart-wide rect.axis", "e => { const r = e.getBoundingClientRect(); return [r.left, r.width, e.dataset.start, e.dataset.end]; }")
        bars = page.eval_on_selector_all("#gantt .chart-wide rect.stage[data-project]", "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.dataset.project, e.dataset.from, e.dataset.to, r.left, r.right]; })")
        marks = page.eval_on_selector_all("#gantt .chart-wide [data-project].plan, #gantt .chart-wide [data-project].done", "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.getAttribute('class'), e.dataset.project, e.dataset.date, (r.left + r.right) / 2]; })")
        asof = page.eval_on_selector("#gantt .chart-wide line.asof[data-date]", "e => { const r = e.getBoundingClientRect(); return [e.dataset.date, (r.left + r.right) / 2]; }")
        page.locator("#gantt").screenshot(path=str(tmp_path / "gantt.png"))
        browser.close()
    assert errors == []
    left, width, start, end = axis
    first, last = date.fromisoformat(start), date.fromisoformat(end)

    def x(day: str) -> float:
        return left + width * (date.fromisoformat(day) - first).days / (last - first).days

    assert width > 400 and len(bars) > 20
    for project, frm, to, bar_left, bar_right in bars:
        assert bar_left == pytest.approx(x(frm), abs=1.0), (project, frm)
        assert bar_right == pytest.approx(max(x(to), x(frm) + 1.5 * width / 640), abs=1.0), (project, to)
    kinds = {(c, p, d) for c, p, d, _ in marks}
    assert ("plan", "chengdawan-hsr", "2019-12-31") in kinds and ("plan", "chengyu-middle-hsr", "2027-11-30") in kinds
    assert ("done", "kailiang-expwy", "2024-05-31") in kinds
    for _, project, day, centre in marks:
        assert centre == pytest.approx(x(day), abs=1.0), (project, day)
    assert asof[0] == "2026-11-22" and asof[1] == pytest.approx(x("2026-11-22"), abs=1.0)
    assert (tmp_path / "gantt.png").stat().st_size > 10_000


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_chinese_report_words_what_is_not_known_in_chinese(run, fmt):
    out = run("report", "--lang", "zh", "--format", fmt, "--as-of", "2026-11-22").stdout
    unknown = out.split("尚不知道的情况", 1)[1]
    assert "31个项目中有2个尚未识别（产业）" in unknown and "3个分组未报告金额" in unknown
    assert "projects not yet identified" not in unknown and "groups with no reported amount" not in unknown
