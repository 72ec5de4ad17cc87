"""The one walk over the records of a data set: every citation, every date and every text, with where it is.

Each kind of record is described once here: the records it holds, the dates it carries and the texts
it carries. Checks, exports, views and documents ask this module which sources a record cites, which
dates and which texts a data set holds, so a fact added to the model is seen by all of them once it is
added here (tests/test_walk.py fails until every field of models.py is placed).

A place is the file ("projects", "tasks", "annual") and the path of keys and indexes inside it, as the
problems of `cqsc check` point at them: ``("projects", 3, "plans", 0)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cqsc.dataset import Dataset
    from cqsc.models import Project

Path = tuple[Any, ...]

# The data files that hold records, in the order they are walked; each keeps a sources list of its own.
FILES = ("projects", "tasks", "annual")

# What each kind of record holds, in the order of its fields: (field, kind of the record or records in it).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "projects": (("sources", "source"), ("aggregates", "aggregate"), ("projects", "project"), ("batches", "batch"),
                 ("snapshots", "snapshot"), ("publication", "publication")),
    "project": (("locations", "location"), ("figures", "figure"), ("lengths", "length"), ("milestones", "milestone"),
                ("plans", "project_plan")),
    "snapshot": (("groups", "snapshot_group"),),
    "publication": (("publisher", "publisher"),),
    "tasks": (("plan", "plan"), ("sources", "source"), ("areas", "area"), ("tasks", "task")),
    "task": (("updates", "task_update"),),
    "annual": (("sources", "source"), ("lists", "annual_list"), ("progress", "annual_progress")),
}  # fmt: skip

# The kinds of record that cite sources (a ``sources`` list of source ids).
CITING = frozenset({
    "aggregate", "project", "figure", "length", "milestone", "project_plan", "batch", "snapshot",
    "plan", "area", "task", "task_update", "annual_list", "annual_progress",
})  # fmt: skip

# The facts of a project that cite sources of their own, in the project's field order.
PROJECT_FACTS = tuple(name for name, kind in CHILDREN["project"] if kind in CITING)

# The dates each kind of record carries. A plan's due date is a date to come, not a fact (``Date.ahead``).
DATES: dict[str, tuple[str, ...]] = {
    "source": ("published",),
    "aggregate": ("as_of",),
    "figure": ("as_of",),
    "length": ("as_of",),
    "milestone": ("date",),
    "project_plan": ("made", "due"),
    "batch": ("as_of",),
    "snapshot": ("as_of", "reported"),
    "plan": ("signed",),
    "task_update": ("date",),
    "annual_progress": ("as_of", "reported"),
}
AHEAD = frozenset({("project_plan", "due")})

# The free texts each kind of record carries: names, titles, labels, notes (read by people, never parsed).
TEXTS: dict[str, tuple[str, ...]] = {
    "source": ("title", "publisher", "note"),
    "aggregate": ("label_en", "label_zh", "note"),
    "project": ("name_en", "name_zh", "note"),
    "location": ("places",),
    "figure": ("scope_note", "note"),
    "length": ("scope_note", "note"),
    "milestone": ("section", "label", "note"),
    "project_plan": ("section", "label", "note"),
    "batch": ("label_en", "label_zh", "composition", "note"),
    "snapshot": ("note",),
    "publisher": ("name",),
    "plan": ("title_en", "title_zh", "place"),
    "area": ("name_en", "name_zh", "name_zh_note"),
    "task": ("title_en", "title_zh", "note"),
    "task_update": ("label",),
    "annual_list": ("name_zh", "total_text", "composition", "note"),
    "annual_progress": ("note",),
}


@dataclass(frozen=True, slots=True)
class Node:
    """One record and where it is: the file, its path there and its kind (see ``CHILDREN``)."""

    file: str
    path: Path
    kind: str
    record: Any


@dataclass(frozen=True, slots=True)
class Citation:
    """One source id cited by one record: ``index`` is its place in the record's ``sources`` list."""

    source: str
    file: str
    path: Path  # the citing record's
    kind: str  # the citing record's
    index: int

    @property
    def where(self) -> Path:
        """The path of the reference itself."""
        return (*self.path, "sources", self.index)


@dataclass(frozen=True, slots=True)
class Date:
    """One date a record carries, as written (a partial date), with the path of its field."""

    value: str
    file: str
    path: Path
    kind: str
    ahead: bool  # a date to come (a plan's due date), not the date of a fact


@dataclass(frozen=True, slots=True)
class Text:
    """One free text a record carries, with the path of its field (and index, for a list of texts)."""

    value: str
    file: str
    path: Path
    kind: str


def nodes(file: str, record: Any, path: Path = (), kind: str | None = None) -> Iterator[Node]:
    """``record`` of ``kind`` (a whole file by default) and every record inside it, depth first, in field order."""
    kind = kind or file
    yield Node(file, path, kind, record)
    for name, child in CHILDREN.get(kind, ()):
        value = getattr(record, name, None)
        if value is None:
            continue
        if isinstance(value, Sequence):
            for i, item in enumerate(value):
                yield from nodes(file, item, (*path, name, i), child)
        else:
            yield from nodes(file, value, (*path, name), child)


def dataset_nodes(ds: Dataset) -> Iterator[Node]:
    """Every record of every loaded file, the files in the order of ``FILES``."""
    for file in FILES:
        doc = getattr(ds, file, None)
        if doc is not None:
            yield from nodes(file, doc)


def citations(items: Iterable[Node]) -> Iterator[Citation]:
    """Every source id the records cite, in walk order, repeats included."""
    for n in items:
        if n.kind in CITING:
            for j, source in enumerate(n.record.sources):
                yield Citation(source, n.file, n.path, n.kind, j)


def dates(items: Iterable[Node]) -> Iterator[Date]:
    """Every date the records carry, in walk order; a plan's due date marked ``ahead``."""
    for n in items:
        for name in DATES.get(n.kind, ()):
            value = getattr(n.record, name)
            if value is not None:
                yield Date(value, n.file, (*n.path, name), n.kind, (n.kind, name) in AHEAD)


def texts(items: Iterable[Node]) -> Iterator[Text]:
    """Every free text the records carry, in walk order (a list of texts item by item)."""
    for n in items:
        for name in TEXTS.get(n.kind, ()):
            value = getattr(n.record, name)
            if isinstance(value, str):
                yield Text(value, n.file, (*n.path, name), n.kind)
            elif value is not None:
                for k, item in enumerate(value):
                    yield Text(item, n.file, (*n.path, name, k), n.kind)


def dataset_citations(ds: Dataset) -> list[Citation]:
    """Every citation of a data set: what `cqsc check` checks references against and the SQLite export lists."""
    return list(citations(dataset_nodes(ds)))


def cited(p: Project, *, own: bool = True) -> list[str]:
    """The source ids a project's record cites, each once: its own list first (unless ``own`` is False),
    then those of its figures, lengths, milestones and plans, in that order.

    The walk's order, read directly: this runs for every project when the cache is built.
    """
    ids = list(p.sources) if own else []
    for name in PROJECT_FACTS:
        for part in getattr(p, name):
            ids += part.sources
    return list(dict.fromkeys(ids))
