"""Large files load item by item: the same data set and the same problems as a whole-file read, only quicker."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA

from cqsc.loading import chunks, yamlsafe

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
    from cqsc.loading import incremental

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
    from cqsc.loading import incremental
    from cqsc.model.records import Project
    from cqsc.store import codec

    text = (DATA / "projects.yaml").read_text(encoding="utf-8")
    parsed = incremental.parse_items(chunks.split(text, "projects").items)
    assert parsed is not None
    for record in parsed[0]:
        project = codec.load(Project, json.loads(record))
        assert json.loads(record) == codec.dump(project)
        assert all(isinstance(v, str) for f in json.loads(record).get("figures", []) for k, v in f.items() if k == "amount")


def test_an_edit_outside_the_projects_reads_no_project_again(run, private_cache: Path, data_copy: Path):
    from cqsc.loading import incremental

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


def test_an_ordinary_one_item_edit_parses_that_item_with_its_neighbours_only(run, private_cache: Path, data_copy: Path, monkeypatch):
    from cqsc.loading import incremental, wholefile

    spans: list[tuple[int, int]] = []
    whole: list[bytes | None] = []
    real_parse, real_load = incremental._parse, wholefile.load
    monkeypatch.setattr(incremental, "_parse", lambda span: spans.append(span) or real_parse(span))
    monkeypatch.setattr(wholefile, "load", lambda data_dir, raw=None: whole.append((raw or {}).get("projects.yaml")) or real_load(data_dir, raw))
    args = ("projects", "--data-dir", str(data_copy))
    run(*args, env=INCREMENTAL)
    assert spans == [(0, 31)]
    spans.clear(), whole.clear()
    _edit(data_copy / "projects.yaml", "(Ankang-Chongqing section)\n", "(Ankang-Chongqing section, edited)\n")
    warm = _json(run, *args, env=INCREMENTAL)
    index = next(i for i, item in enumerate(chunks.split((data_copy / "projects.yaml").read_text(encoding="utf-8"), "projects").items) if "- id: yuxi-hsr\n" in item)
    assert spans == [(index, index + 1)]  # the item path ran, on the one changed item
    assert whole and all(text is not None and b"- id: yuxi-hsr" not in text for text in whole)  # only the skeleton was read whole
    assert "(Ankang-Chongqing section, edited)" in warm[1]


@pytest.fixture(scope="module")
def portfolios(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Synthetic portfolios as the benchmarks generate them (bench/gen.py), by size."""
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("bench_gen", REPO / "bench" / "gen.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    out = {}
    for n in (300, 3000):
        out[n] = tmp_path_factory.mktemp(f"p{n}") / "data"
        gen.generate(n, out[n], tasks=DATA / "tasks.yaml")
    return out


@pytest.mark.parametrize(
    ("n", "hider"),
    [(3000, "\u2028"), (3000, "\x85"), (300, "\u2029"), (300, "\r"), (300, "\n")],
    ids=["3000-U+2028", "3000-NEL", "300-U+2029", "300-CR", "300-LF"],
)
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_a_quote_opened_in_one_item_and_closed_two_later_reads_the_same_warm_cold_and_without_the_cache(
    run, private_cache: Path, portfolios: dict[int, Path], tmp_path: Path, n: int, hider: str
):
    """The issue's case: an item opens a double-quoted note, an item two places later closes it, a line break hiding its start."""
    folder = tmp_path / "data"
    shutil.copytree(portfolios[n], folder)
    path = folder / "projects.yaml"
    k = n // 2
    text = path.read_text(encoding="utf-8")
    args = ("check", "--as-of", "2026-01-01", "--data-dir", str(folder))
    assert run(*args, env=INCREMENTAL).exit_code == 0  # warm the cache on the file as it was
    # Item k opens a quote; item k+2 closes it and, after the line break that hides it from a cut at LF,
    # starts a copy of itself. Each changed item reads cleanly alone and the two together give two
    # projects, but the whole file holds one project fewer: the quote swallows items k+1 and k+2.
    third, after = f"- id: p{k + 2:06d}\n", f"- id: p{k + 3:06d}\n"
    start, end = text.index(third), text.index(after)
    body = text[start + len(third) : end]
    text = text[:start] + third + body + f'  note: closes"{hider}' + third + body + text[end:]
    text = text.replace(f"- id: p{k + 1:06d}\n", f'  note: "opens\n- id: p{k + 1:06d}\n', 1)
    path.write_bytes(text.encode("utf-8"))
    cold_env = {**INCREMENTAL, "XDG_CACHE_HOME": str(tmp_path / "cold")}
    answers = []
    for env in (INCREMENTAL, INCREMENTAL, cold_env, {"CQSC_NO_CACHE": "1"}):  # warm, warm again, cold, no cache
        got = run(*args, env=env)
        listed = run("projects", "--format", "json", "--data-dir", str(folder), env=env)
        answers.append((got.exit_code, got.stdout, listed.exit_code, listed.stdout))
    assert all(a == answers[-1] for a in answers), [a[:1] for a in answers]
    assert answers[-1][0] == 1  # whichever reading: the file as edited is wrong, and every run says so
