"""The OC4IDS export through the standard's own review tool (libcoveoc4ids), offline.

The tool fetches the schema and the code lists over HTTP. Its public configuration (`schema_host`,
`schema_codelists`) points it at a loopback server over the vendored copy in tests/oc4ids/, so it
reads the same 0.9.5 files the schema tests read, and no request leaves the machine. Findings are
compared by the tool's check ids and paths, never by its wording.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, REPO
from libcoveoc4ids.api import oc4ids_json_output
from libcoveoc4ids.config import LibCoveOC4IDSConfig

from cqsc.documents import oc4ids
from cqsc.loading import loader

SCHEMA_DIR = Path(__file__).resolve().parent / "oc4ids"
# A prefix of the registered form, as a publisher gets it from the OC4IDS Helpdesk, and a full publisher.
REGISTERED = """publication:
  uri: https://data.example.org/cqsc/portfolio.oc4ids.json
  publisher:
    name: Example Open Data Office
    scheme: XI-EXAMPLE
    uid: "0001"
    uri: https://data.example.org/
  license: https://creativecommons.org/licenses/by/4.0/
  id_prefix: oc4ids-abc123
"""


class _Folder(http.server.SimpleHTTPRequestHandler):
    served: list[str]

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the tests say what failed
        self.served.append(self.path)


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> Iterator[Any]:
    """A function: package in, the review tool's result out, with the schema served from tests/oc4ids/."""
    served: list[str] = []
    handler = functools.partial(type("Handler", (_Folder,), {"served": served}), directory=str(SCHEMA_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    config = LibCoveOC4IDSConfig({
        "schema_version": "0.9.5",
        "schema_host": base,
        "schema_version_choices": {"0.9.5": ("0.9.5", base)},
        "schema_codelists": {"0.9": base + "codelists/"},
    })
    mp = pytest.MonkeyPatch()
    for name in ("NO_PROXY", "no_proxy"):  # a proxy in the environment must not take the loopback requests
        mp.setenv(name, "127.0.0.1,localhost")
    work = tmp_path_factory.mktemp("review")

    def run(package: dict[str, Any]) -> dict[str, Any]:
        result = oc4ids_json_output(str(work), json_data=json.loads(json.dumps(package)), lib_cove_oc4ids_config=config)
        assert any(p.endswith("project-schema.json") for p in served) and any("/codelists/" in p for p in served)
        return result

    yield run
    mp.undo()
    server.shutdown()
    server.server_close()
    thread.join()


def findings(result: dict[str, Any]) -> dict[str, int]:
    """The review's findings as counts by kind: schema errors, then each additional and conformance check."""
    out = {"validation errors": sum(len(paths) for _, paths in result["validation_errors"])}
    for check in result["additional_checks"]:
        out[check["check_id"]] = len(check["paths"])
    for check in result["conformance_checks"]:
        out[check["check_id"]] = len(check["path_values"])
    return {k: v for k, v in out.items() if v}


def _registered(folder: Path) -> Path:
    path = folder / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?ms)^publication:\n(?:  .*\n?)+", REGISTERED, text), encoding="utf-8")
    return folder


def _load(folder: Path):
    ds, _ = loader.load_data(folder, use_cache=False)
    assert not ds.problems, ds.problems
    return ds


def test_the_frozen_data_passes_the_review_with_a_registered_prefix(review, data_copy: Path):
    ds = _load(_registered(data_copy))
    package = oc4ids.package(ds)
    assert package["publisher"] == {"name": "Example Open Data Office", "scheme": "XI-EXAMPLE", "uid": "0001", "uri": "https://data.example.org/"}
    assert package["projects"][0]["id"].startswith("oc4ids-abc123-")
    result = review(package)
    assert findings(result) == {}
    assert result["additional_closed_codelist_values"] == {}
    assert oc4ids.warnings(ds) == []


def test_the_default_prefix_fails_only_the_prefix_check_and_says_so_once(review, run, tmp_path: Path):
    result = review(oc4ids.package(_load(DATA)))
    assert findings(result) == {"invalid-project-ids": 29}
    target = tmp_path / "p.json"
    out = run("export", "--format", "oc4ids", "-o", str(target))
    assert out.exit_code == 0 and target.exists()
    warned = [line for line in out.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and "'cqsc'" in warned[0] and "oc4ids-xxxxxx" in warned[0]
    # On stdout too: the warning goes to stderr, the package alone to stdout.
    to_stdout = run("export", "--format", "oc4ids")
    assert to_stdout.exit_code == 0 and json.loads(to_stdout.stdout)["projects"]
    assert len([line for line in to_stdout.stderr.splitlines() if line.startswith("warning:")]) == 1


@pytest.mark.slow
def test_a_generated_portfolio_passes_the_review(review, tmp_path: Path):
    spec = importlib.util.spec_from_file_location("bench_gen", REPO / "bench" / "gen.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.generate(60, tmp_path, tasks=DATA / "tasks.yaml")
    with (tmp_path / "projects.yaml").open("a", encoding="utf-8") as f:
        f.write(REGISTERED)
    package = oc4ids.package(_load(tmp_path))
    assert len(package["projects"]) == 60
    assert findings(review(package)) == {}


@pytest.mark.slow
@pytest.mark.parametrize("day", ["2018-01-01", "2020-11-30", "2030-01-01"])
def test_the_review_passes_on_any_day(review, data_copy: Path, day: str):
    from datetime import date

    package = oc4ids.package(_load(_registered(data_copy)), date.fromisoformat(day))
    assert findings(review(package)) == {}
