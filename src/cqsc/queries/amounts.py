"""The one amount shown for a project: which of its figures stands for it in a listing, by one rule.

A project may have several figures of different bases and scopes (whole line, section, a later
estimate). A listing shows one, chosen here and nowhere else: the narrowest scope that matches the
listed item (the item itself, then the whole line, then a section, then a larger parent project), and
within that scope the latest dated figure. A partial date counts by its last day (``2025-02`` is
2025-02-28); undated figures come after dated ones; ties keep the data's order. With ``as_of``, only
figures dated on or before that day count (an undated figure stays: its date is not known).

The shown amount is never summed into a total: totals come from the reported aggregates (totals.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cqsc.model.records import Basis, Figure, Project, Scope, date_bounds

# The order scopes are preferred in: the figure closest to what the 2020 list names first.
SCOPE_ORDER: tuple[Scope, ...] = (Scope.listed_item, Scope.whole_line, Scope.section, Scope.parent_project)


@dataclass(frozen=True)
class Shown:
    """The figure a listing shows for a project, with what it is a figure of."""

    figure: Figure
    amount: Decimal  # 亿元 (yi), exact, as the source gave it
    about: bool  # reported as approximate (约)
    scope: Scope
    basis: Basis
    as_of: str | None  # the figure's (partial) date; None where the source does not date it


def _dated_by(figure: Figure, as_of: date | None) -> bool:
    return as_of is None or figure.as_of is None or date_bounds(figure.as_of)[1] <= as_of


def shown_amount(project: Project, as_of: date | None = None) -> Shown | None:
    """The figure that stands for ``project`` in a listing by the rule above; None when it has none (by ``as_of``)."""
    figures = [f for f in project.figures if _dated_by(f, as_of)]
    for scope in SCOPE_ORDER:
        candidates = [f for f in figures if f.scope is scope]
        if not candidates:
            continue
        dated = [f for f in candidates if f.as_of is not None]
        if dated:
            # max keeps the first of equal keys: ties go to the figure the data lists first.
            best = max(dated, key=lambda f: date_bounds(f.as_of)[1] if f.as_of else date.min)
        else:
            best = candidates[0]
        return Shown(best, best.amount, best.about, best.scope, best.basis, best.as_of)
    return None
