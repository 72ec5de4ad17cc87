"""Problems met while loading a data file, said in Chinese: `check --lang zh` names each at its file:line:col.

The English of every message is the one it always was (JSON, the baseline and the cache carry it); the Chinese
is said again from the catalogue's template, with the libraries' own words marked (en).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from cqsc.model.options import Lang

# (what, edit to projects.yaml as (old, new), line offset from the edit's first line,
#  the message in English as it has always been, the message in Chinese, the rule)
CASES = [
    ("yaml syntax", ("  count: 19\n", "  count: [19\n"), 0,
     "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
     "YAML 语法错误：while parsing a flow sequence did not find expected ',' or ']' (en)", "CQ002 yaml-syntax"),
    ("duplicate key", ("  count: 19\n", "  count: 19\n  count: 20\n"), 1,
     "duplicate key 'count' (first at line {line}): each key may appear once",
     "重复的键 'count'（首次出现在第{line}行）：每个键只能出现一次", "CQ003 yaml-feature"),
    ("unknown key", ("  sector: transport\n  subsector: high_speed_rail\n", "  sectr: transport\n  subsector: high_speed_rail\n"), 0,
     "unknown key 'sectr'; did you mean 'sector'? (allowed: id, label_en, label_zh, sector, subsector, count, amount, unit, about, as_of, sources, note)",
     "未知的键 'sectr'；是否应为 'sector'？（允许的键：id, label_en, label_zh, sector, subsector, count, amount, unit, about, as_of, sources, note）",
     "CQ004 schema"),
    ("missing key", ("- id: portfolio\n  label_en: All projects (2020 list)\n", "- id: portfolio\n"), 0,
     "missing required key 'label_en'", "缺少必需的键 'label_en'", "CQ004 schema"),
    ("wrong type", ("  count: 19\n", "  count: nineteen\n"), 0,
     "transport count: input should be a valid integer, got 'nineteen'",
     "transport count：input should be a valid integer (en)，实际为 'nineteen'", "CQ004 schema"),
    ("wrong type, a mapping", ("  count: 19\n", "  count: {a: 1}\n"), 0,
     "transport count: input should be a valid integer, got a mapping",
     "transport count：input should be a valid integer (en)，实际为映射", "CQ004 schema"),
    ("impossible date", ("  as_of: '2020-10-15'\n", "  as_of: '2020-02-30'\n"), 0,
     "transport-high-speed-rail as_of: '2020-02-30' is not a real date: February 2020 has no day 30",
     "transport-high-speed-rail as_of：'2020-02-30' 不是真实的日期：2020年2月没有30日", "CQ004 schema"),
    ("bad enum", ("  subsector: expressway\n", "  subsector: motorway\n"), 0,
     "transport-expressways subsector: expected one of high_speed_rail, expressway, fast_road, waterway, logistics_centre, inland_port, "
     "rail_freight_yard, industrial_park, cultural_industry_park, tourism_resort, telecom_5g or ai_platform, got 'motorway'",
     "transport-expressways subsector：应为 high_speed_rail, expressway, fast_road, waterway, logistics_centre, inland_port, "
     "rail_freight_yard, industrial_park, cultural_industry_park, tourism_resort, telecom_5g 或 ai_platform 之一，实际为 'motorway'",
     "CQ004 schema"),
    ("negative amount", ("  amount: 4516\n", "  amount: -4516\n"), 0,
     "transport amount: expected a positive amount, got -4516", "transport amount：金额应为正数，实际为 -4516", "CQ004 schema"),
    ("number form", ("  count: 19\n", "  count: 1_000\n"), 0,
     "'1_000' uses _ as a digit separator; write the number without it", "'1_000' 用 _ 作数字分隔符；请去掉它", "CQ007 number-form"),
    ("line break", ("  count: 19\n", "  count: 1\u2028\n"), 0,
     "U+2028 LINE SEPARATOR: YAML reads it as a line break; write it escaped as \\L inside a double-quoted string",
     "U+2028 行分隔符：YAML 会把它读作换行；请在双引号字符串中写成转义 \\L", "CQ008 line-break"),
]


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the frozen data as data/ in ``tmp_path`` (the working directory) with one edit; the edit's line."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    path = target / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, "the fixture edit no longer applies"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target, text[: text.index(old)].count("\n") + 1


def _problem_lines(lang: Lang) -> list[str]:
    """The loading problems of data/ as `cqsc check` shows them (views.check), in ``lang``."""
    from cqsc.loading import wholefile
    from cqsc.views.check import problem_lines

    return [problem_lines(p, lang)[0] for p in sorted(wholefile.load(Path("data")).problems, key=lambda p: p.sort_key())]


@pytest.mark.parametrize(("what", "edit", "offset", "english", "chinese", "rule"), CASES, ids=[c[0] for c in CASES])
def test_a_loading_problem_is_said_in_chinese_at_its_place(tmp_path: Path, monkeypatch, what, edit, offset, english, chinese, rule):
    monkeypatch.chdir(tmp_path)
    _, line = _broken(tmp_path, *edit)
    english, chinese = english.format(line=line), chinese.format(line=line)
    en, zh = _problem_lines(Lang.en), _problem_lines(Lang.zh)
    assert len(en) == len(zh) == 1, (en, zh)
    where = en[0].split(": ", 1)[0]
    assert where.startswith(f"data/projects.yaml:{line + offset}:"), en
    assert en[0] == f"{where}: error: {english} [{rule}]"  # English as it has always been
    assert zh[0].startswith(f"{where}: ") and zh[0].endswith(f"：{chinese} [{rule}]"), zh


@pytest.mark.parametrize(("what", "edit", "offset", "english", "chinese", "rule"), CASES[:5], ids=[c[0] for c in CASES[:5]])
def test_check_lang_zh_says_loading_problems_in_chinese(run, tmp_path: Path, monkeypatch, what, edit, offset, english, chinese, rule):
    monkeypatch.chdir(tmp_path)
    _, line = _broken(tmp_path, *edit)
    english, chinese = english.format(line=line), chinese.format(line=line)
    zh = run("check", "--data-dir", "data", "--as-of", "2026-11-22", "--no-cache", "--lang", "zh")
    if zh.exit_code == 2 and "--lang" in zh.output:
        pytest.skip("check takes no --lang yet")
    en = run("check", "--data-dir", "data", "--as-of", "2026-11-22", "--no-cache")
    assert en.exit_code == zh.exit_code == 1
    place = f"data/projects.yaml:{line + offset}:"
    assert any(row.startswith(place) and row.endswith(f": error: {english} [{rule}]") for row in en.stdout.splitlines()), en.stdout
    assert any(row.startswith(place) and row.endswith(f"{chinese} [{rule}]") for row in zh.stdout.splitlines()), zh.stdout


def test_the_count_of_like_problems_is_said_in_chinese(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = ['a0: &a0 ["lol","lol"]'] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 4)]
    _broken(tmp_path, "sources:\n", "\n".join(lines) + "\nsources:\n")
    en, zh = _problem_lines(Lang.en), _problem_lines(Lang.zh)
    assert any("anchors (&a0) are not allowed in data files (3 more in this file)" in row for row in en), en
    assert any("数据文件中不允许使用锚点（&a0）（本文件中另有3处）" in row for row in zh), zh
    assert any("aliases (*a0) are not allowed in data files (5 more in this file)" in row for row in en), en
    assert any("数据文件中不允许使用别名（*a0）（本文件中另有5处）" in row for row in zh), zh


def test_a_missing_file_and_a_directory_are_said_in_chinese(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data, _ = _broken(tmp_path, "sources:\n", "sources:\n")
    (data / "projects.yaml").unlink()
    (data / "tasks.yaml").unlink()
    (data / "tasks.yaml").mkdir()
    en, zh = _problem_lines(Lang.en), _problem_lines(Lang.zh)
    assert "data/projects.yaml: error: file not found [CQ001 file-unreadable]" in en
    assert "data/tasks.yaml: error: is a directory; expected a YAML data file [CQ001 file-unreadable]" in en
    assert any(row.startswith("data/projects.yaml: ") and row.endswith("找不到文件 [CQ001 file-unreadable]") for row in zh), zh
    assert any(row.startswith("data/tasks.yaml: ") and row.endswith("是目录；应为 YAML 数据文件 [CQ001 file-unreadable]") for row in zh), zh


def test_every_loading_template_is_in_the_catalogue():
    from cqsc.loading import yamlsafe
    from cqsc.rules.codes import LOADING_RULES
    from cqsc.text import linebreaks
    from cqsc.text.lang import ZH
    from cqsc.text.zh import LOADING

    assert set(LOADING_RULES.values()) <= set(LOADING)
    for char in linebreaks.ODD:
        said = linebreaks.message(char)
        assert said.template in ZH and yamlsafe._more(said, 2).template in ZH
    for text in ("019", "1234567890123456789012", "45.1234567891234", "1_000", "+5", "0x15", "1:30", "1e3", "1.5.5"):
        said = yamlsafe.number_problem(text)
        assert said is not None and said.template in ZH, text
    for english, chinese in LOADING.items():  # the same values in both, and no English left in the Chinese
        # A date's month is named in English, numbered in Chinese: its template carries both.
        extra = {"month"} if "{month_name}" in english else set()
        assert sorted(set(_names(english)) | extra) == sorted(set(_names(chinese)) | ({"month_name"} if extra else set())), english


def _names(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_a_validators_refusal_carries_its_template():
    """A validator's refusal is said from its template (SaidError), so the loader needs no reading of English
    back into a template; its str() is the English that pydantic and the option parsers show."""
    from cqsc.model.dates import partial_date
    from cqsc.model.problems import SaidError
    from cqsc.text.lang import render

    with pytest.raises(SaidError) as caught:
        partial_date("2023-02-30")
    said = caught.value.said
    assert str(caught.value) == said.english == "'2023-02-30' is not a real date: February 2023 has no day 30"
    assert render(said._replace(template="{field}: " + said.template, values=(("field", "x"), *said.values)), Lang.zh) == "x：'2023-02-30' 不是真实的日期：2023年2月没有30日"