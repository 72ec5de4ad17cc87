"""Time cqsc against the naive baseline and hledger, in one run, interleaved.

Usage: python bench/run.py [--sizes 31,10000,100000] [--runs 5] [--shared ../shared]

For each size it writes a cqsc data folder (bench/gen.py; at 31 the bundled data
is used), the naive app's YAML (shared/bench/gen.py) and an hledger journal with
one posting per record, then runs every command once per round, round after
round, so that a slow spell of the machine hits all of them alike. It prints the
median wall time and the peak memory (max RSS) of each command and the ratios the
targets are stated in. cqsc runs cold (an empty cache, as after an edit) and warm
(the cache filled). hledger is optional: without it those ratios are left out.
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
import gen  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="31,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the folder holding bench/naive_app.py")
    args = parser.parse_args()
    naive_app = args.shared / "bench" / "naive_app.py"
    naive_gen = args.shared / "bench" / "gen.py"
    if not naive_app.is_file():
        raise SystemExit(f"no naive app at {naive_app}; pass --shared")
    cqsc = [sys.executable, "-m", "cqsc"]
    hledger = shutil.which("hledger")
    work = Path(tempfile.mkdtemp(prefix="cqsc-bench-"))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("CQSC_DATA_DIR", None)
    env.pop("CQSC_NO_CACHE", None)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; hledger: {hledger or 'not installed (apt-get install hledger)'}")
    print(f"medians of {args.runs} interleaved runs; cold = empty cache, warm = cache filled\n")
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
            "naive app (projects --sector)": ([sys.executable, str(naive_app), str(naive_yaml), "--sector", "transport"], None),
            "cqsc projects --sector, cold": (cqsc + select, {}),
            "cqsc projects --sector, warm": (cqsc + select, {"XDG_CACHE_HOME": str(warm_cache)}),
            "cqsc check, cold": (cqsc + check, {}),
            "cqsc check, warm": (cqsc + check, {"XDG_CACHE_HOME": str(warm_cache)}),
        }
        if hledger:
            commands["hledger bal"] = ([hledger, "-f", str(journal), "bal"], None)
        measure(cqsc + select, {**env, "XDG_CACHE_HOME": str(warm_cache)})  # fill the warm cache
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for run in range(args.runs):
            for number, (name, (cmd, extra)) in enumerate(commands.items()):
                run_env = dict(env)
                if extra is not None:  # a cqsc run: cold ones each get a cache folder of their own, empty
                    run_env["XDG_CACHE_HOME"] = extra.get("XDG_CACHE_HOME") or str(folder / f"cold-{run}-{number}")
                samples[name].append(measure(cmd, run_env))
        for name, xs in samples.items():
            wall = statistics.median(x[0] for x in xs)
            peak = max(x[1] for x in xs) / 2**20
            results[(size, name)] = (wall, peak)
            print(f"{size:>8}  {name:<34} {wall:>9.3f} {peak:>9.1f}")
        print()
    print("ratios (lower is better; the targets from the issue in brackets)")
    for size in [int(s) for s in args.sizes.split(",")]:
        naive = results[(size, "naive app (projects --sector)")][0]
        hl = results.get((size, "hledger bal"))
        warm, warm_mem = results[(size, "cqsc projects --sector, warm")]
        cold = results[(size, "cqsc projects --sector, cold")][0]
        line = f"{size:>8}: warm/naive {warm / naive:.2f}  cold/naive {cold / naive:.2f}  warm peak {warm_mem:.0f} MiB"
        if hl:
            line += f"  warm/hledger {warm / hl[0]:.2f}  cold/hledger {cold / hl[0]:.2f}  warm mem/hledger {warm_mem / hl[1]:.2f}"
        print(line)
    print("\ntargets: 31: warm <= 0.6x naive, <= 40 MiB; 10,000: warm <= 0.5x hledger, cold <= 0.5x naive;")
    print("         100,000: warm <= 0.25x hledger and memory <= 0.6x hledger's, cold <= 1.0x hledger")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
