"""The rules' machinery: Context, Rule, the @rule decorator and RULES, and running and choosing rules.

RULES is filled by the family modules as they are imported, in the order rules/checks.py imports them.
Rules marked ``integrity`` guard every command: a report over broken references
or duplicate ids would be wrong, so no command runs past them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cqsc import queries
from cqsc.model.dataset import Dataset

# The day dates are judged against is the data's own, Beijing's: model/dates.py's today, re-exported here.
from cqsc.model.dates import DATA_TZ as DATA_TZ
from cqsc.model.dates import today as today
from cqsc.model.problems import Problem, Said, Severity
from cqsc.rules.codes import LOADING_RULES


@dataclass
class Context:
    """What rules may need besides the data: the day to judge dates against, thresholds, shared indexes."""

    today: date
    stale_months: int = 24
    _groups: queries.GroupIndex | None = None

    def groups(self, ds: Dataset) -> queries.GroupIndex:
        """Projects by group, built once per run for all the rules that ask."""
        if self._groups is None:
            self._groups = queries.group_index(ds.projects.projects if ds.projects else [])
        return self._groups


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    func: Callable[[Dataset, Context], Iterable[Problem]]
    integrity: bool = False
    # Compares records across a file (counts, sums, references): on a partly loaded file it would
    # blame the records that did load for the ones that did not, so it waits for a clean load.
    whole: bool = False
    # Depends on the day (--as-of) or a threshold as well as the data: never answered from the cache.
    day: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.name)


RULES: list[Rule] = []


def rule(code: str, name: str, severity: Severity, summary: str, *, integrity: bool = False, whole: bool = False, day: bool = False) -> Callable[..., Any]:
    def register(func: Callable[[Dataset, Context], Iterable[Problem]]) -> Callable[[Dataset, Context], Iterable[Problem]]:
        RULES.append(Rule(code, name, severity, summary, func, integrity, whole, day))
        return func

    return register


def problem(ds: Dataset, file: str, code: str, message: Said, path: tuple[Any, ...], *, key: bool = False) -> Problem:
    """A problem of the rule ``code`` at ``path`` in ``file``, with the rule's name and severity.

    The message is said from the catalogue (``say(template, **values)``), so `check --lang zh` can say it in Chinese.
    """
    r = next(r for r in RULES if r.code == code)
    return ds.files[file].problem(r.key, message, path, key=key, severity=r.severity)


# --- running ---------------------------------------------------------------------


def run(ds: Dataset, rules: Iterable[Rule] | None = None, ctx: Context | None = None) -> list[Problem]:
    """Run rules (all by default) and return their problems, sorted by file and line."""
    ctx = ctx or Context(today=today())
    problems: list[Problem] = []
    for r in RULES if rules is None else rules:
        if r.whole and ds.partial:
            continue
        problems.extend(r.func(ds, ctx))
    return sorted(problems, key=Problem.sort_key)


def is_rule(code: str) -> bool:
    """Whether ``code`` is a consistency rule's (loading problems are not rules and always count)."""
    return any(r.code == code for r in RULES)


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """The rules --select and --ignore leave, each given as an id, an id prefix or a name.

    Integrity rules always run: every other rule relies on them. ValueError names a word that matches no rule.
    """

    def matching(word: str) -> list[Rule]:
        w = word.strip()
        hits = [r for r in RULES if r.name == w.lower() or r.code.upper().startswith(w.upper())]
        if not hits:
            raise ValueError(f"{word!r} matches no rule; `cqsc check --list-rules` lists them")
        return hits

    chosen = list(RULES)
    picked = [r for w in select for r in matching(w)]
    if picked:
        chosen = [r for r in RULES if r in picked or r.integrity]
    dropped = [r for w in ignore for r in matching(w)]
    return [r for r in chosen if r not in dropped or r.integrity]


def integrity_rules() -> list[Rule]:
    return [r for r in RULES if r.integrity]


def all_rules() -> list[tuple[str, str, Severity, str]]:
    """Every rule, loading rules included: (code, name, severity, summary)."""
    loading = [(code, name, Severity.error, summary) for (code, name), summary in LOADING_RULES.items()]
    return sorted(loading + [(r.code, r.name, r.severity, r.summary) for r in RULES])


def strict(problems: Iterable[Problem]) -> list[Problem]:
    """Warnings become errors (--strict)."""
    return [replace(p, severity=Severity.error) for p in problems]


def records(ds: Dataset) -> int:
    """How many records the rules looked at."""
    n = 0
    if ds.projects:
        n += len(ds.projects.sources) + len(ds.projects.aggregates) + len(ds.projects.projects)
    if ds.tasks:
        n += 1 + len(ds.tasks.sources) + len(ds.tasks.areas) + len(ds.tasks.tasks)
    if ds.annual:
        n += len(ds.annual.sources) + len(ds.annual.lists) + len(ds.annual.progress)
    if ds.projects:
        projects = ds.projects.projects
        counted = getattr(projects, "milestone_count", None)  # rows from the cache: counted from their columns
        n += (counted() if counted else sum(len(p.milestones) for p in projects)) + len(ds.projects.snapshots)
    return n
