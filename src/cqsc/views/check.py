"""The view of `cqsc check`: the problems found, the counts, and notes; and the list of rules.

Data only: the text, JSON and GitHub-annotation emitters (output/check.py) render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cqsc.model.options import Lang
from cqsc.model.problems import Problem, Severity
from cqsc.text.lang import code, punct, render, t
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
    lang: Lang = Lang.en  # of the text and GitHub output; JSON keeps its English contract

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


def view(problems: list[Problem], stats: CheckStats, lang: Lang = Lang.en) -> CheckView:
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    line = t(
        lang, "{rules} rules checked {records} records{where}: {errors}, {warnings}", rules=stats.rules, records=stats.records,
        where=t(lang, " in {folder}", folder=stats.folder) if stats.folder else "", errors=counted(errors, "error", lang), warnings=counted(warnings, "warning", lang),
    )
    if stats.strict:
        line += t(lang, " (strict: warnings count as errors)")
    if stats.baseline is not None:
        line += t(lang, "; {accepted} accepted in {baseline}, not listed", accepted=stats.accepted, baseline=stats.baseline)
    notes = []
    if stats.skipped:
        notes.append(t(lang, "{n} rules that compare records across a file did not run, since some records did not load; fix the errors above and run again", n=stats.skipped))
    if stats.unused:
        notes.append(t(lang, "{unused} in {baseline} no longer occur; --update-baseline drops them", unused=counted(stats.unused, "accepted warning", lang), baseline=stats.baseline))
    return CheckView(problems, stats, errors, warnings, line, notes, lang)


def message(problem: Problem, lang: Lang) -> str:
    """A problem's message in ``lang``: said again from its template where it has one, else as written."""
    return render(problem.said, lang) if lang is not Lang.en else problem.message


@dataclass
class RulesView:
    rules: list[tuple[str, str, Severity, str]]
    lang: Lang = Lang.en  # of the summaries in the text; JSON keeps the English

    @property
    def json(self) -> dict[str, Any]:
        return {"rules": [{"code": c, "rule": n, "severity": s.value, "summary": d} for c, n, s, d in self.rules]}


def problem_lines(problem: Problem, lang: Lang = Lang.en) -> list[str]:
    """A problem as text: where, severity, message and rule; then the offending line, indented."""
    lines = [f"{problem.where}: {code(lang, problem.severity.value)}{punct(lang, ':')}{message(problem, lang)} [{problem.code} {problem.name}]"]
    if problem.excerpt:
        lines.append(f"    {problem.excerpt.strip()}")
    return lines
