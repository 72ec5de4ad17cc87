"""Large files load item by item: the same data set and the same problems as a whole-file read, only quicker."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cqsc import chunks, yamlsafe
from tests.conftest import DATA

INCREMENTAL = {"CQSC_INCREMENTAL_MIN": "0"}  # every size takes the item-by-item path


def test_split_gives_the_items_and_a_skeleton_that_read_as_the_whole_file():
    text = (DATA / "projects.yaml").read_text(encoding="utf-8")
    split = chunks.split(text, "projects")
    assert split is not None and len(split.items) == 31
    whole = yamlsafe.parse(text).value
    rest = yamlsafe.parse(split.skeleton).value
    assert rest["projects"] == []
    rest["projects"] = [yamlsafe.parse(item).value[0] for item in split.items]
    assert rest == whole


@pytest.mark.parametrize(
    "text",
    [
        "projects:\n  - id: a\n",  # an indented list
        "projects:\n",  # an empty section (null, not a list)
        "projects:\n- id: a\nprojects:\n- id: b\n",  # the key twice
        "projects: [{id: a}]\n",  # a flow list
        "---\nprojects:\n- id: a\n",  # a document marker
        "%YAML 1.1\n---\nprojects:\n- id: a\n",
        "projects:\n- id: a\n\tname: x\n",  # a tab at column 0
        "projects:\n- id: a\r\n",  # carriage returns
        "projects:\n- id: a\n  note: \"two\nlines\"\n",  # a scalar going on at column 0
        "&anchor projects:\n- id: a\n",
        "sources: []\n",  # no such section
        "projects:\n  stray: 1\n- id: a\n",  # something between the key and its first item
    ],
)
def test_a_layout_that_is_not_plain_is_read_whole(text: str):
    assert chunks.split(text, "projects") is None


def _json(run, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = run(*args, "--format", "json", env=env)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("args", [("projects",), ("summary",), ("show", "yuxi-hsr"), ("timeline",), ("tasks",)])
def test_loading_item_by_item_gives_what_a_whole_read_gives(run, private_cache: Path, args: tuple[str, ...]):
    whole = _json(run, *args, env={"CQSC_NO_CACHE": "1"})
    assert _json(run, *args, env=INCREMENTAL) == whole  # cold: every item parsed
    assert _json(run, *args, env=INCREMENTAL) == whole  # warm


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_after_an_edit_only_the_changed_item_is_read_and_the_rest_copied(run, private_cache: Path, data_copy: Path):
    args = ("projects", "--data-dir", str(data_copy))
    run(*args, env=INCREMENTAL)
    _edit(data_copy / "projects.yaml", "(Ankang-Chongqing section)\n", "(Ankang-Chongqing section, edited)\n")
    warm = _json(run, *args, env=INCREMENTAL)
    assert warm == _json(run, *args, env={"CQSC_NO_CACHE": "1"})
    assert "(Ankang-Chongqing section, edited)" in warm[1]
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    entries = db.execute("SELECT key FROM entries ORDER BY used").fetchall()
    counts = [db.execute("SELECT count(*) FROM records WHERE key = ?", key).fetchone()[0] for key in entries]
    old, new = ([json.loads(r[0]) for r in db.execute("SELECT data FROM records WHERE key = ? ORDER BY idx", key)] for key in entries)
    db.close()
    assert counts == [31, 31]
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert len(changed) == 1 and new[changed[0]]["id"] == "yuxi-hsr"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("name_en: Chongqing-Xi'an high-speed railway (Ankang-Chongqing section)", "name_en: 5"),  # a schema error in one item
        ("- id: yuxi-hsr", "- id: chengyu-middle-hsr"),  # a duplicate id: a rule over the whole set
        ("安康至重庆段)\n  sector: transport\n  subsector: high_speed_rail", "安康至重庆段)\n  sector: logistics\n  subsector: high_speed_rail"),  # subsector not in sector
        ("安康至重庆段)\n  sector: transport\n  subsector: high_speed_rail", "安康至重庆段)\n  sector: logistics\n  subsector: logistics_centre"),  # aggregates no longer add up
        ("- id: yuxi-hsr", "- id: yuxi-hsr\n  evil: 1"),  # an unknown key
        ("    as_of: 2022-01\n    sources: [cqcb-2d3ac9]\n    note: Not tagged", "    as_of: 2022-01\n    sources: [nowhere]\n    note: Not tagged"),  # a source not listed
        ("  - province: shaanxi\n", "  - province: atlantis\n"),  # not a code
    ],
)
def test_an_edit_that_breaks_the_data_gets_the_whole_file_messages(run, private_cache: Path, data_copy: Path, old: str, new: str):
    args = ("check", "--as-of", "2026-11-22", "--data-dir", str(data_copy))
    run(*args, env=INCREMENTAL)
    _edit(data_copy / "projects.yaml", old, new)
    fresh = run(*args, env={"CQSC_NO_CACHE": "1"})
    for _ in range(2):
        again = run(*args, env=INCREMENTAL)
        assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout)


def test_items_parse_in_worker_processes_when_there_are_many(monkeypatch):
    from cqsc import incremental

    text = (DATA / "projects.yaml").read_text(encoding="utf-8")
    items = chunks.split(text, "projects").items
    serial = incremental.parse_items(items)
    monkeypatch.setattr(incremental, "PARALLEL_MIN", 2)
    monkeypatch.setattr(incremental, "_cores", lambda: 2)
    assert incremental.parse_items(items) == serial and serial is not None and len(serial[0]) == 31
    assert [len(col) for col in serial[1]] == [31] * 9
    assert incremental.parse_items([*items[:3], "- id: [unclosed\n", *items[3:]]) is None


def test_records_written_by_the_workers_are_those_the_codec_writes():
    """The worker processes write records with pydantic's serialiser: the JSON must be the codec's, value for value."""
    from cqsc import codec, incremental
    from cqsc.models import Project

    text = (DATA / "projects.yaml").read_text(encoding="utf-8")
    parsed = incremental.parse_items(chunks.split(text, "projects").items)
    assert parsed is not None
    for record in parsed[0]:
        project = codec.load(Project, json.loads(record))
        assert json.loads(record) == codec.dump(project)
        assert all(isinstance(v, str) for f in json.loads(record).get("figures", []) for k, v in f.items() if k == "amount")


def test_an_edit_outside_the_projects_reads_no_project_again(run, private_cache: Path, data_copy: Path):
    from cqsc import incremental

    args = ("summary", "--data-dir", str(data_copy))
    run(*args, env=INCREMENTAL)
    _edit(data_copy / "projects.yaml", "  id_prefix: cqsc\n", "  id_prefix: cqsc\n# a comment at the end\n")
    assert incremental.parse_items([]) == ([], [[] for _ in range(9)])
    warm = _json(run, *args, env=INCREMENTAL)
    assert warm == _json(run, *args, env={"CQSC_NO_CACHE": "1"})
    db = sqlite3.connect(private_cache / "cache.sqlite3")
    assert [n for (n,) in db.execute("SELECT count(*) FROM records GROUP BY key")] == [31, 31]
    assert db.execute("SELECT count(*) FROM extras WHERE name LIKE 'chunks %'").fetchone() == (2,)  # both loaded item by item
    db.close()
