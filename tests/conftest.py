from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqsc.cli.app import app
from cqsc.loading.discovery import bundled

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "data"
# The data the tests read: a frozen copy of data/, so that recording a fact moves no test.
DATA = FIXTURES / "frozen"
# The data that ships: only the tests marked `bundled_data` may open it (see the guard below).
BUNDLED = REPO / "data"

# A fixed terminal: 100 columns, no colour, so table output can be compared exactly.
ENV = {"COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb", "CQSC_DATA_DIR": str(DATA)}

# The guard: every file opened under the bundled data folders (the checkout's data/ and the copy
# installed with the package) while a test runs, unless the test is marked `bundled_data`.
_GUARDED = tuple(os.path.join(os.path.abspath(p), "") for p in {BUNDLED, bundled()})
_opened: list[str] = []  # every guarded open, in order; checked after each test from where the last check ended
_guard = {"checked": 0, "allowed": False}  # allowed: while a test marked bundled_data runs
os.environ["CQSC_DATA_DIR"] = str(DATA)  # also for what runs outside a test: module fixtures, subprocesses
# The language comes from --lang, CQSC_LANG or the locale: none of the machine's may reach a test.
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "CQSC_LANG")
for _name in LOCALE_VARS:
    os.environ.pop(_name, None)


def _audit(event: str, args: tuple) -> None:
    if event != "open" or _guard["allowed"] or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    if path.startswith(_GUARDED):
        _opened.append(path)


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def frozen_data(request, monkeypatch):
    """Point every test at the frozen copy, and fail a test that opens the bundled data unmarked.

    Opens made while fixtures of a wider scope were set up for the test count against it too.
    """
    marked = request.node.get_closest_marker("bundled_data") is not None
    if not marked:
        monkeypatch.setenv("CQSC_DATA_DIR", str(DATA))
    _guard["allowed"] = marked
    try:
        yield
    finally:
        _guard["allowed"] = False
        seen = _opened[_guard["checked"] :]
        _guard["checked"] = len(_opened)
    if seen:
        pytest.fail(f"opened the bundled data ({seen[0]}): read the frozen copy tests/data/frozen, or mark the test bundled_data")


@pytest.fixture(autouse=True)
def no_locale(monkeypatch):
    """No test depends on the machine's locale: a zh_* LANG would switch cqsc to Chinese."""
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own empty cache folder; none touches the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("CQSC_NO_CACHE", raising=False)
    return folder / "cqsc"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str | None] | None = None):
        result = runner.invoke(app, list(args), env={**ENV, **(env or {})})
        # Bad input must never surface as a traceback.
        assert "Traceback" not in result.output, result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return invoke


@pytest.fixture
def frozen_clone(tmp_path: Path, monkeypatch) -> Path:
    """A folder holding a copy of the frozen data as ``data/``, made the working directory (paths print as data/...)."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def materialise(case: Path, target: Path) -> Path:
    """The valid fixture data set with a failure case's files laid over it (DELETE lists files to remove)."""
    shutil.copytree(FIXTURES / "valid", target)
    for item in case.iterdir():
        if item.name in ("expected.txt", "DELETE"):
            continue
        dest = target / item.name
        if item.is_dir():
            dest.unlink()
            shutil.copytree(item, dest)
        else:
            shutil.copyfile(item, dest)
    if (case / "DELETE").exists():
        for name in (case / "DELETE").read_text(encoding="utf-8").split():
            (target / name).unlink()
    return target
