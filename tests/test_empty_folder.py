"""A maintainer's path from an empty folder: `init`, `record project`, `record milestone`, then every command.

And the guards on the way: `record` never writes to the copy bundled with cqsc, a portfolio with no plan
of tasks (no tasks.yaml) or no projects at all gets an empty listing, report, site and export, never a
traceback (the `run` fixture fails any test whose output holds one).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from conftest import DATA

from cqsc.edit import record
from cqsc.loading import discovery

TODAY = "2026-11-22"
NO_ENV = {"CQSC_DATA_DIR": None}
PROJECT = [
    "record", "project", "yuxi-hsr", "--name-en", "Chongqing-Xi'an high-speed railway", "--name-zh", "渝西高铁",
    "--sector", "transport", "--subsector", "high_speed_rail", "--location", "chongqing:Yubei:Kaizhou", "--location", "shaanxi",
    "--source", "https://www.example.cn/2020/list.html", "--publisher", "Xinhua", "--published", "2020-07-31",
]
MILESTONE = [
    "record", "milestone", "yuxi-hsr", "--kind", "construction_start", "--date", "2022-11-29", "--label", "Works started",
    "--source", "https://www.example.cn/2022/start.html", "--publisher", "Chongqing Daily",
]
PUBLICATION = """
publication:
  uri: https://www.example.org/portfolio/oc4ids.json
  publisher:
    name: Example Office
  license: https://creativecommons.org/licenses/by/4.0/
  id_prefix: example
"""


def _flat(text: str) -> str:
    """Output as one line of words, whatever box or wrapping the terminal gave it."""
    return " ".join(text.replace("│", " ").split())


def test_from_an_empty_folder_to_a_site_and_exports(run, tmp_path: Path, monkeypatch):
    folder = tmp_path / "portfolio"
    assert run("init", str(folder), env=NO_ENV).exit_code == 0
    monkeypatch.chdir(folder)  # found as the nearest data folder: no option, no environment

    made = run(*PROJECT, env=NO_ENV)
    assert made.exit_code == 0, made.output
    data = yaml.safe_load((folder / "projects.yaml").read_text(encoding="utf-8"))
    sid = data["sources"][0]["id"]
    assert data["sources"] == [{"id": sid, "url": "https://www.example.cn/2020/list.html", "publisher": "Xinhua", "published": "2020-07-31"}]
    assert data["aggregates"] == []
    assert data["projects"] == [{
        "id": "yuxi-hsr", "name_en": "Chongqing-Xi'an high-speed railway", "name_zh": "渝西高铁", "sector": "transport",
        "subsector": "high_speed_rail", "locations": [{"province": "chongqing", "places": ["Yubei", "Kaizhou"]}, {"province": "shaanxi"}],
        "sources": [sid],
    }]
    assert f"recorded the project in projects.yaml (new source: {sid})" in _flat(made.stderr)

    assert run(*MILESTONE, env=NO_ENV).exit_code == 0
    check = run("check", "--as-of", TODAY, env=NO_ENV)
    assert check.exit_code == 0, check.output
    assert "0 errors" in check.output

    listed = json.loads(run("projects", "-f", "json", env=NO_ENV).stdout)
    assert [p["id"] for p in listed["projects"]] == ["yuxi-hsr"]
    shown = json.loads(run("show", "yuxi-hsr", "-f", "json", env=NO_ENV).stdout)
    assert [(m["kind"], m["date"], m["label"]) for m in shown["milestones"]] == [("construction_start", "2022-11-29", "Works started")]
    assert shown["status"] == "implementation"

    for args in (("summary",), ("report",), ("timeline",), ("progress",), ("changes", "--from", "2020-01-01"), ("summary", "-f", "json")):
        result = run(*args, env=NO_ENV)
        assert result.exit_code == 0, (args, result.output)

    site = tmp_path / "site"
    result = run("site", "-o", str(site), env=NO_ENV)
    assert result.exit_code == 0, result.output
    assert (site / "projects" / "yuxi-hsr.html").is_file() and (site / "zh" / "projects" / "yuxi-hsr.html").is_file()
    # No tasks.yaml: no tasks page, no link to one, no tasks download.
    assert not (site / "tasks.html").exists() and not (site / "zh" / "tasks.html").exists()
    assert "tasks.html" not in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "downloads" / "tasks.csv").exists()
    assert json.loads((site / "downloads" / "data.json").read_text(encoding="utf-8"))["tasks"] is None

    db = tmp_path / "x.db"
    assert run("export", "-o", str(db), env=NO_ENV).exit_code == 0
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT id, status FROM projects").fetchall() == [("yuxi-hsr", "implementation")]
        assert con.execute("SELECT kind, date FROM milestones").fetchall() == [("construction_start", "2022-11-29")]
        assert con.execute("SELECT count(*) FROM tasks").fetchone() == (0,)

    # OC4IDS needs a publication block, which `init` cannot know: a clear message until one is added by hand.
    refused = run("export", "-f", "oc4ids", env=NO_ENV)
    assert refused.exit_code == 1 and "has no `publication:` block" in _flat(refused.stderr)
    with open(folder / "projects.yaml", "a", encoding="utf-8") as f:
        f.write(PUBLICATION)
    out = tmp_path / "package.json"
    result = run("export", "-f", "oc4ids", "-o", str(out), env=NO_ENV)
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(out.read_text(encoding="utf-8"))["projects"]] == ["example-yuxi-hsr"]

    tasks = run("tasks", env=NO_ENV)  # the one command that needs a plan of tasks
    assert tasks.exit_code == 1 and "has no tasks.yaml" in _flat(tasks.stderr)


@pytest.mark.bundled_data
def test_record_outside_any_data_folder_writes_nothing_to_the_bundled_copy(run, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundled = discovery.bundled()
    before = {p.name: p.read_bytes() for p in sorted(bundled.iterdir()) if p.is_file()}
    for args in (PROJECT, MILESTONE, ["record", "source", "https://www.example.cn/elsewhere.html"]):
        result = run(*args, env=NO_ENV)
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--data-dir" in lines[0] and "cqsc init" in lines[0] and "nothing was written" in lines[0]
    assert {p.name: p.read_bytes() for p in sorted(bundled.iterdir()) if p.is_file()} == before


def test_record_refuses_a_data_folder_inside_the_installed_package(run):
    import cqsc

    package = Path(cqsc.__file__).parent
    result = run("record", "source", "https://www.example.cn/p.html", "--data-dir", str(package))
    assert result.exit_code == 2 and "bundled with cqsc" in _flat(result.stderr)


def test_an_empty_portfolio_with_tasks_gets_an_empty_site_report_and_export(run, tmp_path: Path):
    folder = tmp_path / "data"
    assert run("init", str(folder), "--tasks").exit_code == 0
    at = ["--data-dir", str(folder)]
    for args in (("projects",), ("summary",), ("report",), ("timeline",), ("tasks",), ("export", "-o", str(tmp_path / "x.db"))):
        result = run(*args, *at)
        assert result.exit_code == 0, (args, result.output)
    assert "No projects match." in run("projects", *at).stdout
    site = tmp_path / "site"
    assert run("site", "-o", str(site), *at).exit_code == 0
    assert "<p>No projects are listed yet.</p>" in (site / "index.html").read_text(encoding="utf-8")
    assert "<p>尚未列出任何项目。</p>" in (site / "zh" / "index.html").read_text(encoding="utf-8")
    assert (site / "tasks.html").is_file() and 'href="tasks.html"' in (site / "index.html").read_text(encoding="utf-8")
    # No dated fact to date the package by, and no publication block: a message, not a traceback.
    result = run("export", "-f", "oc4ids", *at)
    assert result.exit_code == 1 and "nothing was written" in _flat(result.stderr)


def test_a_portfolio_without_tasks_gets_a_summary_site_and_export(run, tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(DATA / "projects.yaml", folder / "projects.yaml")
    at = ["--data-dir", str(folder)]
    summary = json.loads(run("summary", "-f", "json", "--as-of", TODAY, *at).stdout)
    assert summary["areas"] == []
    site = tmp_path / "site"
    assert run("site", "-o", str(site), "--as-of", TODAY, *at).exit_code == 0
    assert (site / "projects" / "yuxi-hsr.html").is_file() and not (site / "tasks.html").exists()
    for page in ("index.html", "zh/index.html", "zh/timeline.html"):
        assert "tasks.html" not in (site / page).read_text(encoding="utf-8")
    db = tmp_path / "x.db"
    assert run("export", "-o", str(db), *at).exit_code == 0
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM projects").fetchone()[0] == len(yaml.safe_load((folder / "projects.yaml").read_text(encoding="utf-8"))["projects"])
        assert con.execute("SELECT count(*) FROM areas").fetchone() == (0,)


# --- record project and record source ------------------------------------------------------------------------------


def test_record_source_refuses_an_address_already_listed_naming_its_id(run, data_copy: Path):
    listed = yaml.safe_load((data_copy / "tasks.yaml").read_text(encoding="utf-8"))["sources"][0]
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    result = run("record", "source", listed["url"], "--data-dir", str(data_copy))  # listed in tasks.yaml: one register
    assert result.exit_code == 2
    assert f"is already listed, as source {listed['id']}" in _flat(result.output)
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_record_source_in_tasks_yaml(run, data_copy: Path):
    url = "https://www.example.cn/plan-page.html"
    result = run("record", "source", url, "--file", "tasks", "--publisher", "Sichuan Daily", "--title", "The plan", "--data-dir", str(data_copy))
    assert result.exit_code == 0, result.output
    added = yaml.safe_load((data_copy / "tasks.yaml").read_text(encoding="utf-8"))["sources"][-1]
    assert added == {"id": added["id"], "url": url, "title": "The plan", "publisher": "Sichuan Daily"}
    assert url not in (data_copy / "projects.yaml").read_text(encoding="utf-8")


def test_record_refuses_data_files_that_link_into_the_installed_package(run, tmp_path: Path):
    import cqsc

    inside = Path(cqsc.__file__)  # any file of the package stands for its bundled copy
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "projects.yaml").symlink_to(inside)
    before = inside.read_bytes()
    result = run("record", "source", "https://www.example.cn/p.html", "--data-dir", str(folder))
    assert result.exit_code == 2 and "bundled with cqsc" in _flat(result.stderr)
    assert inside.read_bytes() == before


def test_a_listed_source_is_not_given_new_details_silently(run, data_copy: Path):
    """record only adds: --publisher for an address already listed without it would be lost, so it is refused."""
    base = ["record", "milestone", "kailiang-expwy", "--kind", "completion", "--date", "2025-01", "--label", "Done", "--data-dir", str(data_copy)]
    url = "https://www.example.cn/once.html"
    assert run(*base, "--source", url).exit_code == 0
    before = (data_copy / "projects.yaml").read_bytes()
    result = run(*base, "--source", url, "--publisher", "Chongqing Daily")
    assert result.exit_code == 2 and "--publisher 'Chongqing Daily' would be lost" in _flat(result.stderr)
    assert (data_copy / "projects.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--subsector", "inland_port"], "inland_port is a subsector of logistics, not of transport"),
        (["--location", "tibet:Lhasa"], "'tibet' is not a province"),
        (["--location", "sichuan::"], "must not be empty"),
        (["--location", "chongqing", "--location", "chongqing:Yubei"], "chongqing given more than once"),
        (["--via", "[b]evil"], "'[b]evil' is not a host name"),
        (["--via", "https://sohu.com/x"], "is not a host name"),
    ],
)
def test_record_project_refuses_a_malformed_project(run, tmp_path: Path, args: list[str], says: str):
    folder = tmp_path / "data"
    run("init", str(folder))
    before = (folder / "projects.yaml").read_bytes()
    base = ["record", "project", "p1", "--name-en", "P", "--sector", "transport", "--source", "https://www.example.cn/a.html"]
    result = run(*base, *args, "--data-dir", str(folder))
    assert result.exit_code == 2 and says in _flat(result.output)
    assert (folder / "projects.yaml").read_bytes() == before
    assert run("record", "project", "Bad_Id", *base[3:], "--data-dir", str(folder)).exit_code == 2


def test_a_second_project_with_the_same_id_is_refused(run, tmp_path: Path):
    folder = tmp_path / "data"
    run("init", str(folder))
    assert run(*PROJECT, "--data-dir", str(folder)).exit_code == 0
    before = (folder / "projects.yaml").read_bytes()
    again = run(*PROJECT, "--data-dir", str(folder))
    assert again.exit_code == 2 and "a project with id 'yuxi-hsr' is already listed" in _flat(again.output)
    assert (folder / "projects.yaml").read_bytes() == before


def test_an_empty_list_with_a_comment_is_opened_and_keeps_the_comment(run, tmp_path: Path):
    folder = tmp_path / "data"
    run("init", str(folder))
    path = folder / "projects.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sources: []\n", "sources: []  # none yet\n"), encoding="utf-8")
    assert run("record", "source", "https://www.example.cn/a.html", "--data-dir", str(folder)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "sources: # none yet\n- id: example-" in text and "projects: []\n" in text


# --- the proof's one allowance: `key: []` opened to `key:` ----------------------------------------------------------


def test_opened_turns_only_an_empty_flow_list_into_a_block_key():
    assert record.opened("sources: []\n") == "sources:\n"
    assert record.opened("  milestones: []\r\n") == "  milestones:\r\n"
    assert record.opened("sources: [a]\n") is None
    assert record.opened("label: 'x: []'\n") is None


def test_the_proof_refuses_any_other_change_to_an_empty_list_line():
    k = record.SOURCE
    before = "sources: []\nprojects: []\n"
    item = {"id": "s", "url": "https://a.cn/"}
    good = record.Plan("sources:\n- id: s\n  url: https://a.cn/\nprojects: []\n", "s", None, None, 0, item)
    record.prove(before, good.text, k, good)
    # The same data, but a line that was not opened was rewritten: refused.
    bad = record.Plan("sources:\n- id: s\n  url: https://a.cn/\nprojects: [ ]\n", "s", None, None, 0, item)
    with pytest.raises(record.Unsafe):
        record.prove(before, bad.text, k, bad)
