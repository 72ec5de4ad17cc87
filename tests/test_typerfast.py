"""The quick option coercion gives what Typer's own gives, values and errors alike, on any Typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from cqsc.typerfast import FastGroup


class Colour(StrEnum):
    red = "red"
    green = "green"


def _app(cls: type | None, *, callback: bool = False) -> typer.Typer:
    app = typer.Typer(**({"cls": cls} if cls else {}))
    if callback:

        @app.callback()
        def main() -> None:
            """The app."""

    @app.command()
    def show(
        colour: Annotated[list[Colour] | None, typer.Option("--colour", case_sensitive=False)] = None,
        name: Annotated[str | None, typer.Option("--name")] = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        fmt: Annotated[Colour, typer.Option("--fmt", case_sensitive=False)] = Colour.red,
        folder: Annotated[Path | None, typer.Option("--folder")] = None,
        flag: Annotated[bool, typer.Option("--flag")] = False,
    ) -> None:
        print(json.dumps({"colour": colour, "name": name, "limit": limit, "fmt": fmt, "folder": str(folder) if folder else None, "flag": flag,
                          "types": [type(colour).__name__, type(fmt).__name__, type(folder).__name__]}))

    @app.command()
    def other() -> None:
        """A second command, so that the group resolves a subcommand."""

    return app


CASES = [
    [],
    ["--colour", "RED", "--colour", "green", "--name", "x", "--limit", "3", "--fmt", "Green", "--folder", "some/where", "--flag"],
    ["--limit", "-1"],
    ["--limit", "1_000"],
    ["--limit", "three"],
    ["--colour", "blue"],
    ["--fmt", "blue"],
    ["--folder", ""],
    ["--help"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(a) or "defaults" for a in CASES])
def test_the_quick_group_parses_like_typer(args: list[str]):
    runner = CliRunner()
    plain = runner.invoke(_app(None), ["show", *args], env={"NO_COLOR": "1", "COLUMNS": "100"})
    quick = runner.invoke(_app(FastGroup), ["show", *args], env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert (quick.exit_code, quick.output) == (plain.exit_code, plain.output)
    if args[:2] == ["--colour", "RED"]:
        assert json.loads(quick.output)["colour"] == ["red", "green"]
        assert json.loads(quick.output)["types"] == ["list", "Colour", "PosixPath"]
    if args == ["--limit", "-1"]:
        assert quick.exit_code == 2


def test_a_run_builds_no_pydantic_adapter():
    """On Typer 0.29 a parsed option no longer imports pydantic; on 0.28 nothing did."""
    code = (
        "import sys, typer; from typer.testing import CliRunner; import tests.test_typerfast as t;"
        "r = CliRunner().invoke(t._app(t.FastGroup), ['show', '--colour', 'red', '--limit', '2', '--folder', 'x']);"
        "assert r.exit_code == 0, r.output; print('pydantic' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.strip() == "False"


RUN_CASES = [["show", "--limit", "2"], ["other"], ["show", "--help"], ["shw"], ["--help"], []]


@pytest.mark.parametrize("args", RUN_CASES, ids=[" ".join(a) or "nothing" for a in RUN_CASES])
def test_run_builds_only_the_named_command_and_answers_as_the_whole_app(args: list[str]):
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    answers = []
    for how in ("t._app(t.FastGroup, callback=True)(args)", "typerfast.run(t._app(t.FastGroup, callback=True), args)"):
        code = (
            "import sys, typer.main; import tests.test_typerfast as t; from cqsc import typerfast; args = sys.argv[1:];"
            "built = []; real = typer.main.get_command_from_info;"
            "typer.main.get_command_from_info = lambda *a, **k: built.append(1) or real(*a, **k);"
            f"import atexit; atexit.register(lambda: print('built', len(built), file=sys.stderr)); {how}"
        )
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=root, env=env, check=False)
        answers.append((out.returncode, out.stdout, out.stderr.rsplit("built", 1)[0], out.stderr.rsplit("built", 1)[1].strip()))
    whole, quick = answers
    assert quick[:3] == whole[:3]
    assert whole[3] == "2"
    assert quick[3] == ("1" if args and args[0] in ("show", "other") else "2")


def test_every_cqsc_option_takes_the_quick_coercion():
    """A new option of another type would bring pydantic back into every run on Typer 0.29: extend typerfast."""
    from cqsc.cli import app
    from cqsc.typerfast import unhandled

    assert unhandled(app) == []


def test_an_option_of_another_type_is_reported():
    from cqsc.typerfast import unhandled

    app = _app(None)

    @app.command()
    def later(when: Annotated[datetime | None, typer.Option("--when")] = None) -> None:
        """An option typerfast leaves to Typer."""

    assert unhandled(app) == ["later when: <class 'datetime.datetime'>"]
