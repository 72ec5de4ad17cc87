"""A last_checked note: a search for later news that found nothing, recorded and shown, never a fact.

Every test that records works on a copy of the frozen data (``data_copy``); the frozen data itself
holds no last_checked note, so these tests also show what the commands say without one.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA

WHERE = "archived copies of public web pages (not the live web)"
QUERIES = ["南充至潼南高速公路 通车", "南潼高速 建成通车, 川渝: 18"]  # a comma and a colon: written quoted, read back as typed


def _record(run, folder: Path, pid: str, day: str, *queries: str, where: str | None = WHERE, note: str | None = None):
    args = ["record", "last-checked", pid, "--date", day, "--data-dir", str(folder)]
    for q in queries:
        args += ["--query", q]
    if where is not None:
        args += ["--where", where]
    if note is not None:
        args += ["--note", note]
    return run(*args)


def _stale_messages(run, folder: Path, day: str) -> dict[str, str]:
    result = run("check", "--data-dir", str(folder), "--select", "CQ153", "--as-of", day, "--no-baseline", "-f", "json")
    assert result.exit_code == 0, result.output
    return {p["excerpt"].removeprefix("- id: "): p["message"] for p in json.loads(result.stdout)["problems"] if p["code"] == "CQ153"}


# --- recording ---------------------------------------------------------------------------------------------


def test_a_last_checked_note_round_trips(run, data_copy: Path):
    before = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    result = _record(run, data_copy, "nantong-expwy", "2026-12-02", *QUERIES, note="nothing after 2020")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("recorded the last-checked in " + str(data_copy / "projects.yaml"))
    after = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    # Only lines added, in the project's record, before its own sources; no source listed or cited.
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        "  last_checked:",
        "  - date: '2026-12-02'",
        f"    where: {WHERE}",
        "    queries: [南充至潼南高速公路 通车, '南潼高速 建成通车, 川渝: 18']",
        "    note: nothing after 2020",
    ]
    assert after.count("\n  sources:") == before.count("\n  sources:") and after.count("- id: ") == before.count("- id: ")
    shown = json.loads(run("show", "nantong-expwy", "--data-dir", str(data_copy), "-f", "json").stdout)
    assert shown["last_checked"] == [{"date": "2026-12-02", "where": WHERE, "queries": QUERIES, "note": "nothing after 2020"}]
    listed = json.loads(run("projects", "--data-dir", str(data_copy), "-f", "json").stdout)["projects"]
    assert next(p for p in listed if p["id"] == "nantong-expwy")["last_checked"] == shown["last_checked"]


def test_a_second_note_keeps_date_order(run, data_copy: Path):
    assert _record(run, data_copy, "nantong-expwy", "2026-12-02", "later").exit_code == 0
    assert _record(run, data_copy, "nantong-expwy", "2025-01-05", "earlier", where=None).exit_code == 0
    shown = json.loads(run("show", "nantong-expwy", "--data-dir", str(data_copy), "-f", "json").stdout)
    assert [(c["date"], c["queries"]) for c in shown["last_checked"]] == [("2025-01-05", ["earlier"]), ("2026-12-02", ["later"])]
    assert "where" not in shown["last_checked"][0]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--date", "2026-12", "--query", "x"], "not a full date"),
        (["--date", "2026", "--query", "x"], "not a full date"),
        (["--date", "2026-02-30", "--query", "x"], "no day 30"),
        (["--date", "2026-12-02"], "--query"),
        (["--date", "2026-12-02", "--query", "  "], "must not be empty"),
        (["--date", "2026-12-02", "--query", "a\x1b[31mb"], "U+001B"),
        (["--date", "2026-12-02", "--query", "x", "--where", "a\nb"], "U+000A"),
        (["--date", "2026-12-02", "--query", "x", "--source", "https://example.cn/"], "--source"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_written(run, data_copy: Path, args: list[str], says: str):
    before = (data_copy / "projects.yaml").read_bytes()
    result = run("record", "last-checked", "nantong-expwy", *args, "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert says in " ".join(result.output.split())
    assert (data_copy / "projects.yaml").read_bytes() == before


def test_an_unknown_project_is_a_usage_error(run, data_copy: Path):
    before = (data_copy / "projects.yaml").read_bytes()
    result = _record(run, data_copy, "no-such-project", "2026-12-02", "x")
    assert result.exit_code == 2 and "no project with id 'no-such-project'" in result.output
    assert (data_copy / "projects.yaml").read_bytes() == before


def test_a_search_in_the_future_is_refused_by_the_future_date_rule(run, data_copy: Path):
    """CQ120 checks a search's day like any date: `record` refuses it, `check` finds one written by hand."""
    before = (data_copy / "projects.yaml").read_bytes()
    result = run("record", "last-checked", "nantong-expwy", "--date", "2099-01-01", "--query", "x", "--data-dir", str(data_copy))
    assert result.exit_code == 1 and "CQ120" in result.output
    assert (data_copy / "projects.yaml").read_bytes() == before
    assert _record(run, data_copy, "nantong-expwy", "2026-12-02", "x").exit_code == 0
    found = json.loads(run("check", "--data-dir", str(data_copy), "--as-of", "2026-12-01", "--select", "CQ120", "-f", "json").stdout)["problems"]
    assert [(p["code"], p["message"], p["excerpt"]) for p in found] == [
        ("CQ120", "date 2026-12-02 is in the future (today is 2026-12-01)", "  - date: '2026-12-02'")
    ]


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("  - date: '2026-12'\n    queries: [x]\n", "full date"),
        ("  - date: '2026-12-02'\n    queries: []\n", "queries"),
        ("  - date: '2026-12-02'\n    queries: [x]\n    sources: [cns-2020-07-30]\n", "sources"),
    ],
)
def test_a_malformed_note_is_a_load_error_on_its_line(run, data_copy: Path, entry: str, says: str):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  sources: [cns-2020-07-30, scdrc-2020-10-15, sc-bd0e94]\n"  # nantong-expwy's own sources
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, "  last_checked:\n" + entry + anchor), encoding="utf-8")
    line = text[: text.index(anchor)].count("\n") + 2
    result = run("check", "--data-dir", str(data_copy), "-f", "json")
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert errors and all(line <= p["line"] <= line + 3 for p in errors) and any(says in p["message"] for p in errors), errors


# --- CQ153 and progress say when a stale project was last looked for ---------------------------------------


def test_cq153_says_whether_a_stale_project_was_looked_for(run, data_copy: Path):
    plain = _stale_messages(run, data_copy, "2026-12-02")
    assert plain["nantong-expwy"] == "'nantong-expwy': no dated fact since 2020 (71 months); not looked for since"
    assert plain["ai-platform"] == "'ai-platform' has no dated fact at all; not looked for"
    assert _record(run, data_copy, "nantong-expwy", "2026-12-01", *QUERIES).exit_code == 0
    assert _record(run, data_copy, "ai-platform", "2026-11-30", "人工智能融合应用平台 川渝 共建 项目").exit_code == 0
    # A search made before the latest fact (2020-09-30) says nothing of news since.
    assert _record(run, data_copy, "yulin-fast-road", "2020-09-29", "渝邻快速通道 通车").exit_code == 0
    for _ in ("cold", "warm"):  # the rule on the records, then from the cache's columns: the same words
        messages = _stale_messages(run, data_copy, "2026-12-02")
        assert messages["nantong-expwy"] == "'nantong-expwy': no dated fact since 2020 (71 months); last looked for on 2026-12-01 (2 queries)"
        assert messages["ai-platform"] == "'ai-platform' has no dated fact at all; last looked for on 2026-11-30 (1 query)"
        assert messages["yulin-fast-road"].endswith("(74 months); not looked for since")
        assert set(messages) == set(plain)  # a search makes no project current
    # As of a day before the search, it had not been made: as a fact dated later is not yet news.
    earlier = _stale_messages(run, data_copy, "2026-11-30")
    assert earlier["nantong-expwy"].endswith("; not looked for since")
    assert earlier["ai-platform"].endswith("; last looked for on 2026-11-30 (1 query)")


def test_progress_says_it_beside_the_stale_mark_in_the_same_words(run, data_copy: Path):
    assert _record(run, data_copy, "nantong-expwy", "2026-12-01", *QUERIES).exit_code == 0
    args = ("progress", "--data-dir", str(data_copy), "--as-of", "2026-12-02")
    latest = {x["project"]: x for x in json.loads(run(*args, "-f", "json").stdout)["latest_facts"]}
    assert latest["nantong-expwy"] == {
        "project": "nantong-expwy", "latest_fact": "2020", "stale": True, "last_looked_for": {"date": "2026-12-01", "queries": 2},
    }
    assert latest["ai-platform"]["last_looked_for"] is None
    out = " ".join(run(*args, env={"COLUMNS": "200"}).stdout.split())
    assert "nantong-expwy implementation 2020 stale: none in 24 months; last looked for on 2026-12-01 (2 queries)" in out
    assert "ai-platform unknown none stale: none in 24 months; not looked for" in out
    message = _stale_messages(run, data_copy, "2026-12-02")["nantong-expwy"]
    assert message.endswith("; last looked for on 2026-12-01 (2 queries)")
    zh = " ".join(run(*args, "--lang", "zh", env={"COLUMNS": "200"}).stdout.split())
    assert "最近于2026-12-01查找（2个检索词）" in zh and "未查找过" in zh


# --- never a fact ------------------------------------------------------------------------------------------


def test_a_search_changes_no_status_no_latest_fact_and_no_export_date(run, data_copy: Path, tmp_path: Path):
    def seen() -> dict:
        projects = json.loads(run("projects", "--data-dir", str(data_copy), "-f", "json").stdout)["projects"]
        oc4ids = run("export", "--data-dir", str(data_copy), "--format", "oc4ids", "-o", "-")
        assert oc4ids.exit_code == 0, oc4ids.output
        return {
            "projects": {p["id"]: (p["status"], p["status_since"], p["latest_fact"]) for p in projects},
            "progress": json.loads(run("progress", "--data-dir", str(data_copy), "--as-of", "2026-11-22", "-f", "json").stdout)["latest_facts"],
            "timeline": run("timeline", "--data-dir", str(data_copy), "-f", "json").stdout,
            "changes": run("changes", "--data-dir", str(data_copy), "--from", "2026-01-01", "--to", "2026-12-02", "-f", "json").stdout,
            "oc4ids": oc4ids.stdout,
        }

    before = seen()
    # yuxi-hsr in preparation in the frozen data; a later search than any date in it, and one for a project with no fact.
    for pid in ("yuxi-hsr", "ai-platform", "nantong-expwy"):
        assert _record(run, data_copy, pid, "2026-12-02", "x").exit_code == 0
    after = seen()
    for entry in after["progress"]:
        entry.pop("last_looked_for")
    for entry in before["progress"]:
        entry.pop("last_looked_for")
    assert after == before
    assert json.loads(before["oc4ids"])["publishedDate"] < "2026-12-02"


def test_the_sqlite_export_has_a_last_checked_table(run, data_copy: Path, tmp_path: Path):
    assert _record(run, data_copy, "nantong-expwy", "2026-12-02", *QUERIES, note="a note").exit_code == 0
    assert _record(run, data_copy, "ai-platform", "2026-12-01", "人工智能融合应用平台", where=None).exit_code == 0
    target = tmp_path / "out.db"
    assert run("export", "--data-dir", str(data_copy), "-o", str(target)).exit_code == 0
    db = sqlite3.connect(target)
    rows = db.execute('SELECT project_id, date, "where", note, queries FROM last_checked ORDER BY project_id').fetchall()
    kinds = {kind for (kind,) in db.execute("SELECT DISTINCT record FROM citations")}
    db.close()
    assert rows == [
        ("ai-platform", "2026-12-01", None, None, '["人工智能融合应用平台"]'),
        ("nantong-expwy", "2026-12-02", WHERE, "a note", json.dumps(QUERIES, ensure_ascii=False)),
    ]
    assert [json.loads(r[4]) for r in rows][1] == QUERIES
    assert "last_checked" not in kinds  # a search cites nothing


# --- shown ---------------------------------------------------------------------------------------------------


def test_show_lists_the_searches_in_their_own_section(run, data_copy: Path):
    out = run("show", "nantong-expwy", "--data-dir", str(data_copy)).stdout
    assert "Last looked for" not in out  # none recorded: no section
    assert _record(run, data_copy, "nantong-expwy", "2026-12-02", *QUERIES).exit_code == 0
    out = run("show", "nantong-expwy", "--data-dir", str(data_copy), env={"COLUMNS": "200"}).stdout
    lines = out.splitlines()
    at = lines.index("Last looked for (searches that found no later news)")
    assert lines[at + 1].split() == ["Date", "Searched", "Queries"]
    assert " ".join(lines[at + 3].split()) == f"2026-12-02 {WHERE} {'; '.join(QUERIES)}"
    assert lines.index("Sources") > at  # after the facts, before the sources
    zh = run("show", "nantong-expwy", "--data-dir", str(data_copy), "--lang", "zh").stdout
    assert "最近查找（未找到更新消息的检索）" in zh and "检索词" in zh
    # As of a day before it, the search had not been made.
    earlier = json.loads(run("show", "nantong-expwy", "--data-dir", str(data_copy), "--as-of", "2026-12-01", "-f", "json").stdout)
    assert earlier["last_checked"] == []


def test_the_sites_project_page_shows_the_searches_escaped(run, data_copy: Path, tmp_path: Path):
    hostile = "<script>alert(1)</script> & 南潼"
    assert _record(run, data_copy, "nantong-expwy", "2026-12-02", hostile, where="<b>web</b>").exit_code == 0
    site = tmp_path / "site"
    result = run("site", "--data-dir", str(data_copy), "-o", str(site))
    assert result.exit_code == 0, result.output
    page = (site / "projects" / "nantong-expwy.html").read_text(encoding="utf-8")
    assert "<h2>Last looked for (searches that found no later news)</h2>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 南潼" in page and "&lt;b&gt;web&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>web" not in page


def test_the_frozen_data_holds_no_search(run):
    """What the tests above show without a note is what the frozen data says: none is recorded there."""
    assert "last_checked" not in (DATA / "projects.yaml").read_text(encoding="utf-8")
