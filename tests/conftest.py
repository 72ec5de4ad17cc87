from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqsc.cli import app

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
FIXTURES = Path(__file__).resolve().parent / "data"

# A fixed terminal: 100 columns, no colour, so table output can be compared exactly.
ENV = {"COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb", "CQSC_DATA_DIR": None}


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
