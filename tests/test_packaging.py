"""The project's own files: what CI installs at each end of the dependency ranges."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    specs = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"]]
    bounds = {}
    for spec in specs:
        m = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?\s*>=\s*([0-9][0-9.]*)", spec)
        assert m, f"{spec!r} has no lower bound: every dependency needs a tested one"
        bounds[m.group(1).lower()] = m.group(2)
    return bounds


def test_the_lowest_constraints_are_the_declared_lower_bounds():
    """CI's second run installs constraints-lowest.txt: it must pin exactly each declared minimum."""
    pinned = {}
    for line in (REPO / "constraints-lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[name.strip().lower()] = version.strip()
    declared = _lower_bounds()
    assert set(pinned) == set(declared)
    for name, low in declared.items():
        assert pinned[name].split(".")[: len(low.split("."))] == low.split("."), (name, pinned[name], low)


def test_the_two_dependency_lists_for_tests_agree():
    """`pip install .[test]` (the README) and the PEP 735 group install the same test tools."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["optional-dependencies"]["test"] == project["dependency-groups"]["test"]
