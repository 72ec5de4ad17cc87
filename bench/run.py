"""Time cqsc against the naive baseline and hledger, in one run, interleaved.

Usage: python bench/run.py [--sizes 31,10000,100000] [--runs 5] [--naive-venv DIR]

For each size it writes a cqsc data folder (bench/gen.py; at 31 the bundled data
is used), the naive app's YAML (bench/naive_gen.py) and an hledger journal with
one posting per record, then runs every command once per round, round after
round, so that a slow spell of the machine hits all of them alike. It prints the
median wall time and the peak memory (max RSS) of each command, then every target
of the issue with its ratio, the absolute times beside it, and met or not met.

cqsc runs with the interpreter running this script: cold (an empty cache), warm
(the cache filled) and, on generated data, edited (the cache filled, then one
project's name changed in projects.yaml). The naive app runs in a virtual
environment of its own with the versions the first round measured it with
(Typer 0.28), created on first use under --naive-venv, so that a change of Typer
in cqsc can never improve a ratio by slowing the baseline. hledger is optional:
without it the targets stated against it are "not measured".

Every Python run keeps its bytecode (PYTHONPYCACHEPREFIX in the work folder), as
an installed program does, even where PYTHONDONTWRITEBYTECODE is set.
Nothing here asserts a time; the tests never do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import gen  # after the sys.path line above, which makes it importable


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in bytes of one run; output discarded, failure fatal."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    if proc.stderr:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss * 1024


NAIVE_REQUIREMENTS = ["typer>=0.28,<0.29", "rich", "pydantic>=2,<3", "PyYAML"]  # naive_app.py's imports


def naive_python(venv: Path) -> Path:
    """The naive app's interpreter: a virtual environment with Typer 0.28, made on first use."""
    python = venv / "bin" / "python"
    stamp = venv / "requirements.txt"
    if python.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").split() == NAIVE_REQUIREMENTS:
        return python
    print(f"creating the naive app's environment in {venv} ({', '.join(NAIVE_REQUIREMENTS)})")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *NAIVE_REQUIREMENTS], check=True)
    stamp.write_text("\n".join(NAIVE_REQUIREMENTS) + "\n", encoding="utf-8")
    return python


def edit_one_project(projects_yaml: Path, stamp: int) -> None:
    """Change the name of the middle project of a generated projects.yaml (a plain scalar there)."""
    text = projects_yaml.read_text(encoding="utf-8")
    middle = text.count("\n- id: p") // 2
    marker = f"\n- id: p{middle:06d}\n  name_en: Project {middle}"
    at = text.index(marker) + len(marker)
    end = text.index("\n", at)
    projects_yaml.write_text(text[:at] + f" edited {stamp}" + text[end:], encoding="utf-8")


def ratio_line(label: str, mine: tuple[float, str] | None, base: tuple[float, str] | None, limit: float, unit: str = "s") -> str:
    """One target: the ratio, both absolute figures, and met or not met."""
    if mine is None or base is None:
        why = "size not run" if mine is None else "hledger not installed"
        return f"  {label:<44} {'':>30}  not measured: {why}"
    if unit == "MiB" and not base[1] and base[0] == limit:  # an absolute limit, not a ratio
        return f"  {label:<44} {f'{mine[0]:.0f} MiB':>30}  {'met' if mine[0] <= limit else 'NOT MET'}"
    ratio = mine[0] / base[0]
    fmt = "{:.3f} s" if unit == "s" else "{:.0f} MiB"
    figures = f"{fmt.format(mine[0])} / {mine[1]} {fmt.format(base[0])}"
    return f"  {label:<44} {figures:>30}  = {ratio:.2f}x  <= {limit:g}x  {'met' if ratio <= limit else 'NOT MET'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="31,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--naive-venv",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cqsc-bench" / "naive-typer-0.28",
        help="where the naive app's virtual environment is made and kept",
    )
    args = parser.parse_args()
    # The baseline lives beside this script (bench/naive_app.py, its YAML from bench/naive_gen.py).
    naive_app = HERE / "naive_app.py"
    naive_gen = HERE / "naive_gen.py"
    cqsc = [sys.executable, "-m", "cqsc"]
    naive = [str(naive_python(args.naive_venv)), str(naive_app)]
    hledger = shutil.which("hledger")
    work = Path(tempfile.mkdtemp(prefix="cqsc-bench-"))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPYCACHEPREFIX": str(work / "pyc")}
    for name in ("CQSC_DATA_DIR", "CQSC_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    version = "import sys, typer; print(sys.version.split()[0], typer.__version__)"
    mine = subprocess.run([sys.executable, "-c", version], capture_output=True, text=True, check=True).stdout.split()
    # the naive app sees only its own environment: no PYTHONPATH that could lend it cqsc's Typer
    naive_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    theirs = subprocess.run([naive[0], "-c", version], capture_output=True, text=True, check=True, env=naive_env).stdout.split()
    hledger_version = subprocess.run([hledger, "--version"], capture_output=True, text=True, check=False).stdout.split(",")[0] if hledger else None
    print(f"{os.cpu_count()} cores; cqsc: python {mine[0]}, typer {mine[1]}; naive app: python {theirs[0]}, typer {theirs[1]}")
    print(f"hledger: {hledger_version or 'not installed (apt-get install hledger)'}")
    print(f"medians of {args.runs} interleaved runs; cold = empty cache, warm = cache filled, edited = warm, then one project renamed\n")
    header = f"{'records':>8}  {'command':<34} {'median s':>9} {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    results: dict[tuple[int, str], tuple[float, float]] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = work / str(size)
        data = REPO / "data" if size == 31 else folder / "data"
        journal = folder / "journal"
        folder.mkdir(parents=True)
        gen.generate(size, folder / "data", journal) if size != 31 else gen.generate(31, folder / "unused", journal)
        naive_yaml = folder / "naive.yaml"
        subprocess.run([sys.executable, str(naive_gen), str(size), str(naive_yaml)], check=True)
        warm_cache = folder / "warm-cache"
        select = ["projects", "--sector", "transport", "--data-dir", str(data)]
        # generated data is judged as of the day its milestones were written for; the real data as of today
        check = ["check", "--data-dir", str(data)] + (["--as-of", gen.CHECK_AS_OF] if size != 31 else [])
        commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "naive app (projects --sector)": ([*naive, str(naive_yaml), "--sector", "transport"], None),
            "cqsc projects --sector, cold": (cqsc + select, {}),
            "cqsc projects --sector, warm": (cqsc + select, {"XDG_CACHE_HOME": str(warm_cache)}),
            "cqsc check, cold": (cqsc + check, {}),
            "cqsc check, warm": (cqsc + check, {"XDG_CACHE_HOME": str(warm_cache)}),
        }
        edited_data = folder / "edited"
        edited_cache = {**env, "XDG_CACHE_HOME": str(folder / "edited-cache")}
        edited = ["projects", "--sector", "transport", "--data-dir", str(edited_data)]
        if size != 31:  # the bundled data is not edited; generated data has plain scalars to change
            shutil.copytree(data, edited_data)
            commands["cqsc projects --sector, edited"] = (cqsc + edited, {"XDG_CACHE_HOME": edited_cache["XDG_CACHE_HOME"]})
        if hledger:
            commands["hledger bal"] = ([hledger, "-f", str(journal), "bal"], None)
        measure(cqsc + select, {**env, "XDG_CACHE_HOME": str(warm_cache)})  # fill the warm cache
        measure(cqsc + check, {**env, "XDG_CACHE_HOME": str(warm_cache)})
        for number, (_name, (cmd, extra)) in enumerate(commands.items()):
            # once each, unmeasured: the first run of an interpreter writes its bytecode to the prefix
            throwaway = {"XDG_CACHE_HOME": str(folder / f"warm-up-{number}")} if extra is not None and not extra else {}
            measure(cmd, {**(naive_env if cmd[0] == naive[0] else env), **(extra or {}), **throwaway})
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for run in range(args.runs):
            for number, (name, (cmd, extra)) in enumerate(commands.items()):
                run_env = dict(naive_env if cmd[0] == naive[0] else env)
                if extra is not None:  # a cqsc run: cold ones each get a cache folder of their own, empty
                    run_env["XDG_CACHE_HOME"] = extra.get("XDG_CACHE_HOME") or str(folder / f"cold-{run}-{number}")
                if name.endswith("edited"):  # warm the cache on the file as it is, then change one project
                    measure(cqsc + edited, edited_cache)
                    edit_one_project(edited_data / "projects.yaml", run)
                samples[name].append(measure(cmd, run_env))
        for name, xs in samples.items():
            wall = statistics.median(x[0] for x in xs)
            peak = max(x[1] for x in xs) / 2**20
            results[(size, name)] = (wall, peak)
            print(f"{size:>8}  {name:<34} {wall:>9.3f} {peak:>9.1f}")
        print()

    def get(size: int, name: str) -> tuple[float, float] | None:
        return results.get((size, name))

    def secs(size: int, name: str, who: str) -> tuple[float, str] | None:
        found = get(size, name)
        return (found[0], who) if found else None

    def mib(size: int, name: str, who: str) -> tuple[float, str] | None:
        found = get(size, name)
        return (found[1], who) if found else None

    warm, cold, edit = "cqsc projects --sector, warm", "cqsc projects --sector, cold", "cqsc projects --sector, edited"
    chk = "cqsc check, warm"
    naive_name, hl = "naive app (projects --sector)", "hledger bal"
    big = max(int(s) for s in args.sizes.split(","))
    print("targets (issue 13; ratios of medians in this run, cqsc / baseline):")
    lines = [
        ratio_line("31: warm <= 0.6x naive", secs(31, warm, "naive"), secs(31, naive_name, ""), 0.6),
        ratio_line("31: warm peak memory <= 40 MiB", mib(31, warm, ""), (40.0, ""), 40.0, "MiB"),
        ratio_line("10,000: warm <= 0.5x hledger", secs(10000, warm, "hledger"), secs(10000, hl, ""), 0.5),
        ratio_line("10,000: check warm <= 0.5x hledger", secs(10000, chk, "hledger"), secs(10000, hl, ""), 0.5),
        ratio_line("10,000: cold <= 0.5x naive", secs(10000, cold, "naive"), secs(10000, naive_name, ""), 0.5),
        ratio_line("100,000: warm <= 0.25x hledger", secs(100000, warm, "hledger"), secs(100000, hl, ""), 0.25),
        ratio_line("100,000: warm memory <= 0.6x hledger's", mib(100000, warm, "hledger"), mib(100000, hl, ""), 0.6, "MiB"),
        ratio_line("100,000: one project edited <= 1.0x hledger", secs(100000, edit, "hledger"), secs(100000, hl, ""), 1.0),
        ratio_line("100,000: cold <= 3.0x hledger", secs(100000, cold, "hledger"), secs(100000, hl, ""), 3.0),
    ]
    for line in lines:
        print(line)
    if big not in (31, 10000, 100000) and big > 31:  # a smaller trial run: show its ratios all the same
        print(f"\nat {big:,} (no target):")
        print(ratio_line("warm / naive", secs(big, warm, "naive"), secs(big, naive_name, ""), 1.0))
        print(ratio_line("edited / hledger", secs(big, edit, "hledger"), secs(big, hl, ""), 1.0))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
