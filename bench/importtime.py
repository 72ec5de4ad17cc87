"""Print the start-up budget of each command's warm run: Python itself, Typer and rich, everything else.

Usage: python bench/importtime.py [--runs 7] [--data-dir DIR] [--top 12] [--python PY]

For each command it fills the cache once, then runs it warm `--runs` times plain (wall time) and once
more under `python -X importtime`. The budget, in ms of wall time (medians):

  Python itself    `python -c pass`: the interpreter's start and the site imports
  Typer and rich   the self time of every module imported for typer or rich, their dependencies
                   and whatever standard library they were first to import
  everything else  the rest of the wall time: cqsc's own modules, what only they import, and the
                   command's work (reading the cache, building rows, printing)

and under it the costliest imports of "everything else", self time, so that a new one shows.
Runs keep their bytecode (in a temporary PYTHONPYCACHEPREFIX), as an installed cqsc does.
`-X importtime` slows imports a little; the shares are what count. Nothing here asserts a time.
It measures the cqsc found on PYTHONPATH (or installed) with the interpreter given, by default this
one, so that `--python /some/venv/bin/python` measures another Typer.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FRAMEWORK = ("typer", "rich", "click", "shellingham", "pygments", "markdown_it", "mdurl", "annotated_doc")


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def parse_importtime(stderr: str) -> list[tuple[str, int, int]]:
    """(module, depth, self µs) for each import line, in the order Python printed them (children first)."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        head, _cumulative, raw = line.split("|")
        self_us = int(head.split(":")[1])
        depth = (len(raw) - len(raw.lstrip(" ")) - 1) // 2
        rows.append((raw.strip(), depth, self_us))
    return rows


def attribute(rows: list[tuple[str, int, int]]) -> tuple[int, dict[str, int]]:
    """Self µs of modules under typer/rich (their whole import tree), and self µs of every other module."""
    framework = 0
    other: dict[str, int] = {}
    stack: list[str] = []  # ancestors of the current line, walking the tree parents first
    for name, depth, self_us in reversed(rows):
        del stack[depth:]
        stack.append(name)
        if any(a.split(".")[0] in FRAMEWORK for a in stack):
            framework += self_us
        else:
            other[name] = other.get(name, 0) + self_us
    return framework, other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: the bundled data")
    parser.add_argument("--top", type=int, default=12, help="how many of everything else's imports to list")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    py = args.python
    scratch = Path(tempfile.mkdtemp(prefix="cqsc-importtime-"))
    # bytecode as an installed cqsc has it: a PYTHONDONTWRITEBYTECODE run compiles cqsc on every start
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "XDG_CACHE_HOME": str(scratch), "PYTHONPYCACHEPREFIX": str(scratch / "pyc")}
    for name in ("CQSC_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    data = ["--data-dir", str(args.data_dir)] if args.data_dir else []
    first = subprocess.run([py, "-m", "cqsc", "projects", "-f", "json", "--limit", "1", *data], capture_output=True, text=True, env=env, check=False)
    if first.returncode != 0:
        raise SystemExit(f"cqsc does not run: {first.stderr.strip()}")
    project_id = json.loads(first.stdout)["projects"][0]["id"]
    commands = {
        "projects --sector transport": ["projects", "--sector", "transport", *data],
        "tasks": ["tasks", *data],
        "summary": ["summary", *data],
        f"show {project_id}": ["show", project_id, *data],
        "timeline": ["timeline", *data],
        "progress": ["progress", *data],
        "check": ["check", *data],
        "report": ["report", *data],
        "export -f oc4ids": ["export", "-f", "oc4ids", *data],
        "--help": ["--help"],
    }
    python_itself = statistics.median(wall([py, "-c", "pass"], env) for _ in range(args.runs)) * 1000
    version = subprocess.run([py, "-c", "import typer, sys; print(sys.version.split()[0], typer.__version__)"], capture_output=True, text=True, env=env, check=False).stdout.split()
    print(f"python {version[0]}, typer {version[1]}; medians of {args.runs} warm runs, ms\n")
    header = f"{'command':<30} {'wall':>6} {'python':>7} {'typer+rich':>11} {'else':>6}  {'of which imports':>16}"
    print(header)
    print("-" * len(header))
    others: dict[str, dict[str, int]] = {}
    for label, cmd_args in commands.items():
        cmd = [py, "-m", "cqsc", *cmd_args]
        wall(cmd, env)  # fill the cache
        total = statistics.median(wall(cmd, env) for _ in range(args.runs)) * 1000
        traced = subprocess.run([py, "-X", "importtime", *cmd[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=False)
        rows = parse_importtime(traced.stderr)
        framework_us, other = attribute(rows)
        # modules Python imports before running anything (site, encodings, …) are in "python itself"
        startup = {name for name, _, _ in rows[: next((i for i, r in enumerate(rows) if r[0] in ("runpy", "cqsc")), 0)]}
        other = {k: v for k, v in other.items() if k not in startup}
        others[label] = other
        framework = framework_us / 1000
        rest = total - python_itself - framework
        print(f"{label:<30} {total:>6.0f} {python_itself:>7.0f} {framework:>11.0f} {rest:>6.0f}  {sum(other.values()) / 1000:>16.0f}")
    shutil.rmtree(scratch, ignore_errors=True)
    print("\ncostliest imports in 'everything else' (self ms; runpy and cqsc.__main__ are Python's -m):")
    for label in ("projects --sector transport", "check"):
        top = sorted(others[label].items(), key=lambda kv: -kv[1])[: args.top]
        print(f"  {label}: " + ", ".join(f"{name} {us / 1000:.1f}" for name, us in top))


if __name__ == "__main__":
    main()
