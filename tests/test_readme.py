"""The README and docs/ pages: their console examples are the tool's real output, and every page is reachable.

Examples run on the frozen data at 80 columns with colour off, unless the example sets COLUMNS itself
(`$ COLUMNS=40 cqsc ...`). After a deliberate change of output, rewrite every example's output with
CQSC_UPDATE_GOLDEN=1 pytest tests/test_readme.py, and review the diff like code.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import DATA, REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
WIDTH = "80"  # the width every example is shown at, unless it sets COLUMNS
MAX_README_LINES = 300

BLOCK = re.compile(r"```console\n(.*?)```", re.S)
COMMAND = re.compile(r"\$ (?:[A-Z_]+=\S* )*cqsc ")  # `$ cqsc ...`, or with variables set first: `$ COLUMNS=40 cqsc ...`
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _chunks(text: str) -> list[str]:
    """Every `$ ...` chunk of every console block: a command line and the output under it."""
    out = []
    for block in BLOCK.findall(text):
        out.extend(re.split(r"^(?=\$ )", block, flags=re.M))
    return out


def examples() -> list[tuple[str, str, str]]:
    """(page, command, output shown) for every cqsc example of every page."""
    out = []
    for page in PAGES:
        for chunk in _chunks(page.read_text(encoding="utf-8")):
            if COMMAND.match(chunk):
                command, _, output = chunk.partition("\n")
                out.append((page.relative_to(REPO).as_posix(), command[2:], output))
    return out


def broken_copy(target: Path, run) -> None:
    """The `broken/` folder the check example uses, and `accepted.json`, the baseline of its warnings before the break."""
    shutil.copytree(DATA, target)
    assert run("check", "--data-dir", str(target), "--baseline", str(target.parent / "accepted.json"), "--update-baseline").exit_code == 0
    path = target / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  count: 19\n", "  count: nineteen\n", 1).replace("  count: 5\n", "  cont: 5\n", 1), encoding="utf-8")


def _output(run, folder: Path, monkeypatch, command: str) -> list[str]:
    """What the example's command prints, run as the page shows it, in a folder of its own on a copy of the data.

    A copy, so that an example that writes (`record`, `init`) can never change the frozen data.
    """
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    shutil.copytree(DATA, folder / "data")
    broken_copy(folder / "broken", run)
    words = shlex.split(command)
    env = {"COLUMNS": WIDTH, "CQSC_DATA_DIR": str(folder / "data"), **dict(w.split("=", 1) for w in words[: words.index("cqsc")])}
    result = run(*words[words.index("cqsc") + 1 :], env=env)
    return [line.rstrip() for line in result.output.splitlines()]


def _shown(output: str) -> str:
    """The output as the page shows it, without a trailing `$ echo $?` and its answer."""
    return output.split("$ echo $?\n")[0]


EXAMPLES = examples()


@pytest.mark.parametrize(("page", "command", "output"), EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES])
def test_example(run, tmp_path: Path, monkeypatch, page: str, command: str, output: str):
    if os.environ.get("CQSC_UPDATE_GOLDEN"):
        pytest.skip("rewriting the examples instead (test_update_examples)")
    assert _output(run, tmp_path, monkeypatch, command) == _shown(output).splitlines()


def test_update_examples(run, tmp_path: Path, monkeypatch):
    """With CQSC_UPDATE_GOLDEN set, rewrite each example's output on its page (one test, so no two workers write a page)."""
    if not os.environ.get("CQSC_UPDATE_GOLDEN"):
        pytest.skip("set CQSC_UPDATE_GOLDEN=1 to rewrite the examples' outputs")
    number = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        new = []
        for block in re.split(r"(```console\n.*?```)", text, flags=re.S):
            if not block.startswith("```console\n"):
                new.append(block)
                continue
            body = block[len("```console\n") : -len("```")]
            parts = []
            for chunk in re.split(r"^(?=\$ )", body, flags=re.M):
                if not COMMAND.match(chunk):
                    parts.append(chunk)
                    continue
                command, _, output = chunk.partition("\n")
                number += 1
                lines = _output(run, tmp_path / str(number), monkeypatch, command[2:])
                rest = output[len(_shown(output)) :]
                parts.append(command + "\n" + "".join(line + "\n" for line in lines) + rest)
            new.append("```console\n" + "".join(parts) + "```")
        if "".join(new) != text:
            page.write_text("".join(new), encoding="utf-8")


def test_the_pages_have_examples():
    assert len([e for e in EXAMPLES if e[0] == "README.md"]) >= 2
    assert len(EXAMPLES) >= 15


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_README_LINES, f"README.md has {lines} lines; move detail to a docs/ page"


def test_every_docs_page_is_linked_from_the_readme():
    linked = {target.split("#")[0] for target in LINK.findall(README.read_text(encoding="utf-8"))}
    missing = [p.relative_to(REPO).as_posix() for p in PAGES[1:] if p.relative_to(REPO).as_posix() not in linked]
    assert not missing, f"not linked from README.md: {missing}"


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings (outside code blocks): lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.*)$", text, flags=re.M)}


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_links_point_into_the_repository(page: Path):
    """A link that is not a web address names a file of this repository that exists, and a heading of it where it names one."""
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve()
        assert path.is_relative_to(REPO), (page.name, target)
        assert path.exists(), (page.name, target)
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), (page.name, target)


def test_the_readme_gives_the_test_command_ci_runs():
    """CI runs the README's test command as a new user would; the two must not drift apart."""
    command = "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"
    assert command in README.read_text(encoding="utf-8")
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
