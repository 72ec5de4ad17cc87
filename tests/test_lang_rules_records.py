"""`cqsc check --lang zh` says the record rules' problems (CQ101-CQ143) in Chinese; without --lang, in English as before.

Each case breaks the valid fixture data in tmp_path (as tests/test_check.py does), runs check once in each
language, and looks for the one message. --select keeps the run to the rule at hand (integrity rules always run).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, materialise  # tests/ is on sys.path (rootdir conftest)

from cqsc.text.zh import RULES_RECORDS

TODAY = "2026-11-22"


def _copy_valid(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _both(run, data: Path, rule: str) -> tuple[str, str]:
    """The output of check in English (no --lang) and in Chinese, for the one rule."""
    common = ("--data-dir", str(data), "--as-of", TODAY, "--no-baseline", "--select", rule)
    en = run("check", *common)
    zh = run("check", "--lang", "zh", *common)
    assert en.exit_code == zh.exit_code
    return en.stdout, zh.stdout


# (the invalid fixture's case, the rule, the English message as before, the Chinese message)
CASES = [
    ("count-mismatch", "CQ110",
     "aggregate 'transport' reports 4 projects, but 3 project records fall in its group",
     "汇总数 'transport' 报告 4 个项目，但其分组中有 3 条项目记录"),
    ("count-mismatch", "CQ110",
     "subgroups of 'portfolio' count 4 (transport) + 1 (logistics) = 5, more than its 4",
     "'portfolio' 的下级分组项目数为 4 (transport) + 1 (logistics) = 5，多于其 4"),
    ("sum-mismatch", "CQ111",
     "subgroups of 'transport' add up to 60.5 + 29.5 = 90.0, but it reports 80 (allowed difference 0)",
     "'transport' 的下级分组合计 60.5 + 29.5 = 90.0，但其报告 80（允许差额 0）"),
    ("list-figures-exceed", "CQ112",
     "2020-list figures of projects in 'transport-rail' add up to 70, more than the group's reported 60.5",
     "'transport-rail' 中各项目的2020年清单数额合计 70，超过该分组报告的 60.5"),
    ("two-list-figures", "CQ113",
     "project 'rail-a' has a second 2020-list figure for the listed item; keep one",
     "项目 'rail-a' 的清单项目有第二个2020年清单数额；只保留一个"),
    ("duplicate-id", "CQ101",
     "project id 'rail-b' is used twice (first in entry 2)",
     "项目编号 'rail-b' 重复使用（首次出现在第 2 项）"),
    ("broken-reference", "CQ102",
     "source 's9' is in no file's sources list",
     "来源 's9' 不在任何文件的来源列表中"),
    ("subsector-of-other-sector", "CQ103",
     "subsector 'expressway' belongs to sector 'transport', not logistics",
     "子类 'expressway' 属于领域 'transport'，而非 logistics"),
    ("future-date", "CQ120",
     "date 2099-01-01 is in the future (today is 2026-11-22)",
     "日期 2099-01-01 晚于今天（今天是 2026-11-22）"),
    ("task-gap", "CQ130",
     "task 3 is missing; the plan has tasks 1-3",
     "缺少任务 3；方案的任务为 1-3"),
    ("task-gap", "CQ130",
     "task 4 is beyond the plan's 3 tasks",
     "任务 4 超出了方案的 3 项任务"),
    ("area-task-count", "CQ131",
     "area I lists 2 tasks, but 1 is in it",
     "领域 I 应有 2 项任务，但实际有 1 项"),
    ("area-task-count", "CQ131",
     "area II lists 1 task, but 2 are in it",
     "领域 II 应有 1 项任务，但实际有 2 项"),
]


@pytest.mark.parametrize(("case", "rule", "english", "chinese"), CASES, ids=[f"{c[1]}-{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_broken_case_is_said_in_chinese(run, tmp_path: Path, case: str, rule: str, english: str, chinese: str):
    data = materialise(FIXTURES / "invalid" / case, tmp_path / "data")
    en, zh = _both(run, data, rule)
    assert f": {english} [{rule} " in en
    assert f"：{chinese} [{rule} " in zh
    assert english not in zh


def test_what_is_not_known_is_said_in_chinese(run, tmp_path: Path):
    """CQ140 and CQ141 fire on the valid data itself; a counted noun takes its measure word."""
    data = _copy_valid(tmp_path)
    en, zh = _both(run, data, "CQ14")
    assert "aggregate 'logistics' (1 project) has no reported amount [CQ141 " in en
    assert "汇总数 'logistics'（1 个项目）未报告金额 [CQ141 " in zh
    assert "project 'depot-d' (logistics) is not yet identified [CQ140 " in en
    assert "项目 'depot-d'（logistics）尚未识别 [CQ140 " in zh


def test_an_uncited_source_is_said_in_chinese(run, tmp_path: Path):
    data = _copy_valid(tmp_path)
    _edit(data / "projects.yaml", "- id: s2\n  url: https://example.org/report\n", "- id: s2\n  url: https://example.org/report\n- id: s3\n  url: https://example.org/unused\n")
    en, zh = _both(run, data, "CQ142")
    assert "source 's3' is not cited [CQ142 " in en
    assert "来源 's3' 未被引用 [CQ142 " in zh


def test_a_source_listed_twice_is_said_in_chinese(run, tmp_path: Path):
    data = _copy_valid(tmp_path)
    _edit(data / "projects.yaml", "- id: s2\n  url: https://example.org/report\n", "- id: s2\n  url: https://example.org/report\n- id: s2\n  url: https://example.org/announcement\n")
    en, zh = _both(run, data, "CQ101")
    assert "source id 's2' is listed twice (first in projects.yaml); cite the one record [CQ101 " in en
    assert "来源编号 's2' 列出了两次（首次在 projects.yaml）；请引用同一条记录 [CQ101 " in zh
    assert "the address of 's2' is listed already as 's1' (projects.yaml); one record per address [CQ101 " in en
    assert "'s2' 的网址已作为 's1' 列出（projects.yaml）；每个网址只用一条记录 [CQ101 " in zh


def test_an_undated_figure_is_said_in_chinese(run, tmp_path: Path):
    data = _copy_valid(tmp_path)
    _edit(data / "projects.yaml", "    scope: whole_line\n    as_of: '2020-11-04'\n", "    scope: whole_line\n")
    en, zh = _both(run, data, "CQ121")
    assert "figure 90 of 'rail-a' has no as-of date [CQ121 " in en
    assert "'rail-a' 的数额 90 没有截至日期 [CQ121 " in zh


def test_invisible_characters_are_said_in_chinese(run, tmp_path: Path):
    data = _copy_valid(tmp_path)
    _edit(data / "tasks.yaml", "name_en: Second area", "name_en: Second\u200b area")
    en, zh = _both(run, data, "CQ143")
    assert "name_en holds U+200B, which change how the text shows without being seen [CQ143 " in en
    assert "name_en 含有 U+200B，这些字符会在看不见的情况下改变文本的显示 [CQ143 " in zh


def test_the_rules_summaries_are_listed_in_chinese(run):
    en = run("check", "--list-rules").stdout
    zh = run("check", "--list-rules", "--lang", "zh").stdout
    assert "A reported group has a count but no amount." in en
    assert "报告的分组有项目数但没有金额。" in zh and "A reported group has a count but no amount." not in zh
    for code in ("CQ101", "CQ102", "CQ103", "CQ104", "CQ110", "CQ111", "CQ112", "CQ113", "CQ120", "CQ121", "CQ130", "CQ131", "CQ140", "CQ141", "CQ142", "CQ143"):
        line = next(line for line in zh.splitlines() if line.startswith(code + " "))
        summary = next(line for line in en.splitlines() if line.startswith(code + " ")).split(None, 3)[3]
        assert RULES_RECORDS[summary] in line
