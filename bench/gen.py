"""Write a synthetic cqsc data folder of N projects that passes `cqsc check`.

Usage: python bench/gen.py N OUT_DIR [--journal FILE]

The projects follow the naive baseline's generator (bench/naive_gen.py): the
same sectors drawn with the same seed, the same random amounts but in hundredths
(0.01-9 亿元, so that even 100,000 of them add up to a plausible total), two
locations each. Each also carries what a real cqsc record has: a subsector, a
2020-list figure with its source, a milestone, and aggregates for the portfolio,
each sector and each subsector whose counts and amounts reconcile exactly.
With --journal, it also writes an hledger journal with one posting per project.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUBSECTORS = {
    "transport": ["high_speed_rail", "expressway", "fast_road", "waterway"],
    "logistics": ["logistics_centre", "inland_port", "rail_freight_yard"],
    "industry": ["industrial_park", "cultural_industry_park", "tourism_resort"],
    "new_infrastructure": ["telecom_5g", "ai_platform"],
}
SECTORS = ["transport", "logistics", "industry", "new_infrastructure"]  # the naive generator's order
# Milestones recent enough not to be stale when checked --as-of CHECK_AS_OF.
CHECK_AS_OF = "2026-01-01"
MILESTONES = [("full_opening", "2024-06-30", "Opened"), ("construction_start", "2025-06-30", "Works started")]


def generate(n: int, out: Path, journal: Path | None = None, tasks: Path = REPO / "data" / "tasks.yaml") -> None:
    random.seed(1)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tasks, out / "tasks.yaml")
    count: dict[tuple[str, str | None], int] = defaultdict(int)
    total: dict[tuple[str, str | None], Decimal] = defaultdict(Decimal)
    lines: list[str] = []
    postings: list[str] = []
    for i in range(n):
        sector = random.choice(SECTORS)
        amount = Decimal(str(round(random.uniform(1, 900), 1))) / 100
        sub = SUBSECTORS[sector][i % len(SUBSECTORS[sector])]
        kind, day, label = MILESTONES[i % 2]
        for key in (("", None), (sector, None), (sector, sub)):
            count[key] += 1
            total[key] += amount
        lines.append(
            f"- id: p{i:06d}\n  name_en: Project {i}\n  sector: {sector}\n  subsector: {sub}\n  batch: {1 + i % 2}\n"
            "  locations:\n  - province: sichuan\n    places: [Chengdu]\n  - province: chongqing\n    places: [Chongqing]\n"
            f"  figures:\n  - amount: {amount}\n    basis: list_2020\n    scope: listed_item\n    as_of: '2020-07-30'\n    sources: [s1]\n"
            f"  milestones:\n  - kind: {kind}\n    date: '{day}'\n    label: {label}\n    sources: [s1]\n"
            "  sources: [s1]\n"
        )
        if journal:
            postings.append(f"2020-07-30 P{i:06d}\n    (projects:{sector}:{sub})  {amount} CNY\n\n")
    aggregates = []
    for (sector, sub), n_projects in sorted(count.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        ident = "portfolio" if not sector else sector.replace("_", "-") + (f"-{sub.replace('_', '-')}" if sub else "")
        where = (f"  sector: {sector}\n" if sector else "") + (f"  subsector: {sub}\n" if sub else "")
        aggregates.append(
            f"- id: {ident}\n  label_en: {ident}\n{where}  count: {n_projects}\n  amount: {total[(sector, sub)]}\n"
            "  as_of: '2020-07-30'\n  sources: [s1]\n"
        )
    head = (
        f"# A synthetic portfolio of {n} projects for benchmarks (bench/gen.py); not real data.\n"
        "sources:\n- id: s1\n  url: https://example.org/synthetic\n\naggregates:\n"
    )
    (out / "projects.yaml").write_text(head + "".join(aggregates) + "\nprojects:\n" + "".join(lines), encoding="utf-8")
    if journal:
        journal.write_text("".join(postings), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--journal", type=Path)
    args = parser.parse_args()
    generate(args.n, args.out, args.journal)


if __name__ == "__main__":
    main()
