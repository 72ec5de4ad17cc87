"""Write a synthetic portfolio of N projects in the naive baseline's format.

Usage: python bench/naive_gen.py N OUT.yaml
"""
import random
import sys

import yaml

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(1)
sectors = ["transport", "logistics", "industry", "new_infrastructure"]
items = [
    {
        "id": f"P{i:06d}",
        "name": f"Project {i}",
        "sector": random.choice(sectors),
        "investment": {"amount": round(random.uniform(1, 900), 1), "unit": "100m_cny"},
        "status": "planned",
        "locations": ["Chengdu", "Chongqing"],
        "batch": 1 + i % 2,
        "sources": ["seed"],
    }
    for i in range(n)
]
with open(out, "w", encoding="utf-8") as f:
    yaml.safe_dump({"projects": items}, f, allow_unicode=True, sort_keys=False)
