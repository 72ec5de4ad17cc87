"""The progress and plan rules (CQ150-CQ153, CQ160-CQ161) say their problems in Chinese under --lang zh.

Each message is said from the catalogue (a template and its values): in English byte for byte as before,
in Chinese whole, from the rules on the records and from the cache's columns (CQ153) alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cqsc.model.options import Lang
from cqsc.rules.progress import ANNUAL_DOWN, SNAPSHOT_DOWN, STALE, stale_message
from cqsc.text.lang import ZH, render

WIDE = {"COLUMNS": "1000"}  # each problem on one line


def _messages(run, folder: Path, *args: str, lang: str = "zh") -> dict[str, list[str]]:
    """The problems' messages per rule code, as the table says them in ``lang`` (no excerpts, no summary)."""
    result = run("check", "--data-dir", str(folder), "--lang", lang, "--no-baseline", "-q", *args, env=WIDE)
    assert result.exit_code in (0, 1), result.output
    found: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        m = re.match(r"^\S+:\d+:\d+: (?:error|warning|错误|警告)[:：] ?(.*) \[(CQ\d+) [a-z-]+\]$", line)
        if m:
            found.setdefault(m[2], []).append(m[1])
    return found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _record_search(run, folder: Path, pid: str, day: str, *queries: str) -> None:
    args = ["record", "last-checked", pid, "--date", day, "--data-dir", str(folder), "--where", "archived copies of public web pages"]
    for q in queries:
        args += ["--query", q]
    assert run(*args).exit_code == 0


# --- CQ153: from the records and from the cache's columns --------------------------------------------------


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_stale_project_in_chinese(run, data_copy: Path, cache: tuple[str, ...]):
    _record_search(run, data_copy, "nantong-expwy", "2026-12-01", "南充至潼南高速公路 通车", "南潼高速 建成通车")
    _record_search(run, data_copy, "ai-platform", "2026-11-30", "人工智能融合应用平台 川渝 共建 项目")
    args = ("--select", "CQ153", "--as-of", "2026-12-02", *cache)
    for _ in ("cold", "warm"):  # with the cache: the rule on the records, then from the columns kept with the results
        zh = _messages(run, data_copy, *args)["CQ153"]
        assert "'nantong-expwy'：自2020以来没有有日期的事实（71个月）；最近于2026-12-01查找（2个检索词）" in zh
        assert "'ai-platform'没有任何有日期的事实；最近于2026-11-30查找（1个检索词）" in zh
        assert "'yulin-fast-road'：自2020-09-30以来没有有日期的事实（74个月）；此后未查找过" in zh
        assert "'yuwei-cold-chain'没有任何有日期的事实；未查找过" in zh
        en = _messages(run, data_copy, *args, lang="en")["CQ153"]
        assert "'nantong-expwy': no dated fact since 2020 (71 months); last looked for on 2026-12-01 (2 queries)" in en
        assert "'ai-platform' has no dated fact at all; last looked for on 2026-11-30 (1 query)" in en
        assert len(en) == len(zh)
    # As of a day before any fact of the project: none up to that day (the rule runs on the records).
    early = _messages(run, data_copy, "--select", "CQ153", "--as-of", "2020-06-01", *cache)["CQ153"]
    assert "'nantong-expwy'截至2020-06-01没有有日期的事实；未查找过" in early


def test_the_json_keeps_the_english_message(run, data_copy: Path):
    result = run("check", "--data-dir", str(data_copy), "--lang", "zh", "--no-baseline", "--select", "CQ153", "--as-of", "2026-12-02", "-f", "json")
    messages = {p["message"] for p in json.loads(result.stdout)["problems"]}
    assert "'nantong-expwy': no dated fact since 2020 (71 months); not looked for since" in messages


def test_stale_message_english_as_before():
    """Every case of CQ153's message, in English as the f-strings it replaced wrote it; each template in the catalogue."""
    assert stale_message("p", None, 0, None).english == "'p' has no dated fact at all; not looked for"
    assert stale_message("p", None, 0, ("2026-01-02", 1)).english == "'p' has no dated fact at all; last looked for on 2026-01-02 (1 query)"
    assert stale_message("p", None, 0, ("2026-01-02", 0)).english == "'p' has no dated fact at all; last looked for on 2026-01-02 (0 queries)"
    assert stale_message("p", None, 0, None, "2020-06-01").english == "'p' has no dated fact up to 2020-06-01; not looked for"
    assert stale_message("p", None, 0, ("2020-05-01", 3), "2020-06-01").english == "'p' has no dated fact up to 2020-06-01; last looked for on 2020-05-01 (3 queries)"
    assert stale_message("p", "2020", 1, None).english == "'p': no dated fact since 2020 (1 months); not looked for since"
    assert stale_message("p", "2020-09", 30, ("2023-01-01", 1)).english == "'p': no dated fact since 2020-09 (30 months); last looked for on 2023-01-01 (1 query)"
    for template in [*STALE.values(), *SNAPSHOT_DOWN.values(), *ANNUAL_DOWN.values()]:
        assert template in ZH
    assert render(stale_message("p", "2020", 25, ("2023-01-01", 2)), Lang.zh) == "'p'：自2020以来没有有日期的事实（25个月）；最近于2023-01-01查找（2个检索词）"


# --- the other rules -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_plan_and_batch_rules_in_chinese(run, data_copy: Path, cache: tuple[str, ...]):
    path = data_copy / "projects.yaml"
    _edit(path, "  count: 16\n", "  count: 0\n")
    _edit(path, "  plans:\n  - kind: construction_start\n    due: '2019'", "  plans:\n  - kind: feasibility_approval\n    due: '2019'")
    args = ("--select", "CQ16", "--as-of", "2026-11-22", *cache)
    for _ in ("cold", "warm"):
        zh = _messages(run, data_copy, *args)
        assert "'chengdawan-hsr'：feasibility_approval的计划不是一个阶段；请使用以下之一：construction_start, partial_opening, partial_completion, full_opening, completion" in zh["CQ160"]
        assert set(zh["CQ161"]) == {"批次1共 0 个项目，但有1条记录属于该批次", "各批次的项目数为 0 + 15 = 15，但项目组合共有31个"}
        en = _messages(run, data_copy, *args, lang="en")
        assert set(en["CQ161"]) == {"batch 1 counts 0 projects, but 1 records name it", "the batches count 0 + 15 = 15, but the portfolio has 31"}


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_snapshot_and_annual_rules_in_chinese(run, data_copy: Path, cache: tuple[str, ...]):
    _edit(data_copy / "projects.yaml", "- as_of: '2020-09-30'\n  started: 20\n", "- as_of: '2020-09-30'\n  started: 99\n")
    _edit(data_copy / "annual.yaml", "- list_year: 2021\n", "- list_year: 2019\n")
    args = ("--select", "CQ151", "--select", "CQ152", "--as-of", "2026-11-22", *cache)
    for _ in ("cold", "warm"):
        zh = _messages(run, data_copy, *args)
        assert "已开工99个项目，超过项目组合的31个" in zh["CQ151"]
        assert any(re.fullmatch(r"已开工数从99（截至2020-09-30）降至\d+", m) for m in zh["CQ151"]), zh["CQ151"]
        assert "没有2019年的清单" in zh["CQ152"]
        en = _messages(run, data_copy, *args, lang="en")
        assert "99 projects started, more than the portfolio's 31" in en["CQ151"]
        assert "no list for year 2019" in en["CQ152"]


def test_the_rules_summaries_in_chinese(run):
    out = run("check", "--list-rules", "--lang", "zh", env=WIDE).stdout
    assert "CQ153" in out and "未完工的项目长期没有有日期的事实（--stale-months，默认24个月）。" in out
    assert "批次：编号不重复" in out and "计划针对里程碑可以达到的阶段" in out
