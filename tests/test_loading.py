"""Bad data: every problem named with file:line:col, exit 1, no traceback, the file left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

BROKEN = [
    # (what, edit to projects.yaml as (old, new), expected line in stderr)
    ("unknown key", ("  sector: transport\n  subsector: high_speed_rail\n", "  sectr: transport\n  subsector: high_speed_rail\n"),
     "unknown key 'sectr'; did you mean 'sector'?"),
    ("wrong type", ("  count: 19\n", "  count: nineteen\n"), "transport count: input should be a valid integer, got 'nineteen'"),
    ("quoted amount", ("  amount: 4516\n", "  amount: '4516'\n"), "transport amount: expected a number, written unquoted as plain digits (e.g. 3495.5)"),
    ("negative amount", ("  amount: 4516\n", "  amount: -4516\n"), "expected a positive amount, got -4516"),
    ("nan amount", ("  amount: 4516\n", "  amount: .nan\n"), "expected a finite number, got NaN"),
    ("absurd amount", ("  amount: 4516\n", "  amount: 45160000000\n"), "is implausibly large"),
    ("impossible date", ("  as_of: '2020-10-15'\n", "  as_of: '2020-02-30'\n"), "'2020-02-30' is not a real date: February 2020 has no day 30"),
    ("bad enum", ("  subsector: expressway\n", "  subsector: motorway\n"), "expected one of high_speed_rail, expressway"),
    ("missing key", ("- id: portfolio\n  label_en: All projects (2020 list)\n", "- id: portfolio\n"), "missing required key 'label_en'"),
    ("duplicate key", ("  count: 19\n", "  count: 19\n  count: 20\n"), "duplicate key 'count' (first at line"),
    ("tab", ("  count: 19\n", "\tcount: 19\n"), "a tab character; indent with spaces"),
    ("python tag", ("  count: 19\n", "  count: !!python/object/apply:os.system ['echo hi']\n"), "tags (!!python/object/apply:os.system) are not allowed"),
    ("alias", ("  count: 19\n", "  count: *x\n"), "aliases (*x) are not allowed"),
    ("syntax", ("  count: 19\n", "  count: [19\n"), "YAML syntax error"),  # noticed on the next line, shown where the [ opened
    ("broken reference", ("  sources: [scdrc-2020-10-15]\n", "  sources: [no-such-source]\n"),
     "source 'no-such-source' is in no file's sources list"),
    ("duplicate id", ("- id: yukun-hsr\n", "- id: yuxi-hsr\n"), "project id 'yuxi-hsr' is used twice"),
    ("subsector of another sector", ("  sector: transport\n  subsector: expressway\n", "  sector: industry\n  subsector: expressway\n"),
     "subsector 'expressway' belongs to sector 'transport', not industry"),
]


@pytest.mark.parametrize(("what", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_projects_file(run, data_copy: Path, what, edit, expected):
    path = data_copy / "projects.yaml"
    old, new = edit
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture edit for {what!r} no longer applies"
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    # The line the problem is reported on: the edit's first line, or its second where the edit adds
    # a line (duplicate key), or the first line is context.
    offset = 1 if what in ("duplicate key", "subsector of another sector") else 0
    line = text[: text.index(old)].count("\n") + 1 + offset
    result = run("projects", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert expected in result.stderr, result.stderr
    assert f"projects.yaml:{line}:" in result.stderr, result.stderr
    assert path.read_text(encoding="utf-8") == broken  # never rewritten


def test_all_problems_in_a_file_are_reported(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  count: 19\n", "  count: x\n", 1).replace("  count: 5\n", "  cont: 5\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run("summary", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "count: input should be a valid integer, got 'x'" in result.stderr
    assert "unknown key 'cont'" in result.stderr and "missing required key 'count'" in result.stderr
    assert "error: 3 problems in the data" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty; expected a mapping with keys: plan, sources, areas, tasks"),
        (b"- 1\n- 2\n", "expected a mapping with keys plan, sources, areas, tasks at the top level, got a list"),
        (b"just text\n", "at the top level, got text"),
        (b"plan:\n  title_en: x\n\xff\xfe\n", "tasks.yaml:3:1: error: is not valid UTF-8 (byte 0xff)"),
        (b"plan: {title_en: x\n", "YAML syntax error"),
    ],
)
def test_broken_tasks_file(run, data_copy: Path, content: bytes, expected: str):
    (data_copy / "tasks.yaml").write_bytes(content)
    result = run("tasks", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert expected in result.stderr, result.stderr


def test_directory_or_missing_file(run, data_copy: Path):
    (data_copy / "tasks.yaml").unlink()
    (data_copy / "tasks.yaml").mkdir()
    (data_copy / "projects.yaml").unlink()
    result = run("summary", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "projects.yaml: error: file not found" in result.stderr
    assert "tasks.yaml: error: is a directory; expected a YAML data file" in result.stderr


def test_alias_bomb_fails_fast(run, data_copy: Path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (data_copy / "tasks.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("tasks", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "tasks.yaml:1:5: error: anchors (&a0) are not allowed in data files" in result.stderr


def test_deep_nesting_is_refused(run, data_copy: Path):
    (data_copy / "tasks.yaml").write_text("plan: " + "[" * 100_000 + "\n", encoding="utf-8")
    result = run("tasks", "--data-dir", str(data_copy))
    assert result.exit_code == 1
    assert "nesting deeper than 64 levels" in result.stderr


def test_an_oversized_file_is_refused_with_or_without_the_cache(run, data_copy: Path, monkeypatch):
    from cqsc.model import dataset

    monkeypatch.setattr(dataset, "MAX_FILE_BYTES", 10_000)  # tasks.yaml is ~9 kB, projects.yaml ~60 kB
    for extra in ([], ["--no-cache"]):
        result = run("summary", "--data-dir", str(data_copy), *extra)
        assert result.exit_code == 1
        assert "projects.yaml: error: is " in result.stderr and "bytes are refused [CQ001 file-unreadable]" in result.stderr
        assert "tasks.yaml" not in result.stderr
