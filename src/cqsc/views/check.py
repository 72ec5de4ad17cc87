"""The view of `cqsc check`: the problems found, the counts, and notes; and the list of rules.

Data only: the text, JSON and GitHub-annotation emitters (output/check.py) render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cqsc.model.problems import Problem, Severity
from cqsc.text.numbers import counted


@dataclass(frozen=True)
class CheckStats:
    rules: int
    records: int
    strict: bool
    folder: str | None = None  # the data folder and how it was found
    accepted: int = 0  # warnings the baseline accepts (not listed)
    baseline: str | None = None
    unused: int = 0  # baseline entries that no longer occur
    quiet: bool = False
    skipped: int = 0  # rules that compare records across a file, not run on a partly loaded one


@dataclass
class CheckView:
    problems: list[Problem]
    stats: CheckStats
    errors: int
    warnings: int
    summary: str  # the one line that ends the text output
    notes: list[str] = field(default_factory=list)

    @property
    def json(self) -> dict[str, Any]:
        s = self.stats
        return {
            "problems": [
                {"file": p.file, "line": p.line, "col": p.col, "code": p.code, "rule": p.name, "severity": p.severity.value, "message": p.message, "excerpt": p.excerpt}
                for p in self.problems
            ],
            "summary": {
                "rules": s.rules, "records": s.records, "errors": self.errors, "warnings": self.warnings, "strict": s.strict,
                "data_dir": s.folder, "baseline": s.baseline, "accepted": s.accepted, "baseline_unused": s.unused,
            },
        }


def view(problems: list[Problem], stats: CheckStats) -> CheckView:
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    where = f" in {stats.folder}" if stats.folder else ""
    line = (
        f"{stats.rules} rules checked {stats.records} records{where}: "
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')}{' (strict: warnings count as errors)' if stats.strict else ''}"
    )
    if stats.baseline is not None:
        line += f"; {stats.accepted} accepted in {stats.baseline}, not listed"
    notes = []
    if stats.skipped:
        notes.append(f"{stats.skipped} rules that compare records across a file did not run, since some records did not load; fix the errors above and run again")
    if stats.unused:
        notes.append(f"{counted(stats.unused, 'accepted warning')} in {stats.baseline} no longer occur; --update-baseline drops them")
    return CheckView(problems, stats, errors, warnings, line, notes)


@dataclass
class RulesView:
    rules: list[tuple[str, str, Severity, str]]

    @property
    def json(self) -> dict[str, Any]:
        return {"rules": [{"code": c, "rule": n, "severity": s.value, "summary": d} for c, n, s, d in self.rules]}


def problem_lines(problem: Problem) -> list[str]:
    """A problem as text: where, severity, message and rule; then the offending line, indented."""
    lines = [f"{problem.where}: {problem.severity.value}: {problem.message} [{problem.code} {problem.name}]"]
    if problem.excerpt:
        lines.append(f"    {problem.excerpt.strip()}")
    return lines
