"""The README's console examples are the tool's real output (at 100 columns, colour off)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import DATA, REPO

BLOCK = re.compile(r"```console\n(.*?)```", re.S)
COMMAND = re.compile(r"\$ (?:[A-Z_]+=\S* )*cqsc ")  # `$ cqsc ...`, or with variables set first: `$ COLUMNS=80 cqsc ...`


def examples() -> list[tuple[str, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    out = []
    for block in BLOCK.findall(text):
        for chunk in re.split(r"^(?=\$ )", block, flags=re.M):
            if COMMAND.match(chunk):
                command, _, output = chunk.partition("\n")
                out.append((command[2:], output))
    return out


def broken_copy(target: Path, run) -> None:
    """The `broken/` folder the README's check example uses, and `accepted.json`, the baseline of its warnings before the break."""
    shutil.copytree(DATA, target)
    assert run("check", "--data-dir", str(target), "--baseline", str(target.parent / "accepted.json"), "--update-baseline").exit_code == 0
    path = target / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  count: 19\n", "  count: nineteen\n", 1).replace("  count: 5\n", "  cont: 5\n", 1), encoding="utf-8")


@pytest.mark.parametrize(("command", "output"), examples(), ids=[c for c, _ in examples()])
def test_readme_example(run, tmp_path: Path, monkeypatch, command: str, output: str):
    monkeypatch.chdir(tmp_path)
    broken_copy(tmp_path / "broken", run)
    words = shlex.split(command)
    env = dict(w.split("=", 1) for w in words[: words.index("cqsc")])
    result = run(*words[words.index("cqsc") + 1 :], env=env)
    shown = output.split("$ echo $?\n")[0]
    assert [line.rstrip() for line in result.output.splitlines()] == shown.splitlines()


def test_readme_has_examples():
    assert len(examples()) >= 5
