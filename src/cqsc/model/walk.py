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
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cqsc.model.dataset import Dataset
    from cqsc.model.records import Project

Path = tuple[Any, ...]

# The data files that hold records, in the order they are walked; each keeps a sources list of its own.
FILES = ("projects", "tasks", "annual")

# What each kind of record holds, in the order of its fields: (field, kind of the record or records in it).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "projects": (("sources", "source"), ("aggregates", "aggregate"), ("projects", "project"), ("batches", "batch"),
                 ("snapshots", "snapshot"), ("publication", "publication")),
    "project": (("locations", "location"), ("figures", "figure"), ("lengths", "length"), ("milestones", "milestone"),
                ("plans", "project_plan"), ("last_checked", "last_checked")),
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

# The dates each kind of record carries. A plan's due date is a date to come, not a fact (``Date.ahead``);
# the day of a search that found nothing (a last_checked note) is not a fact's date either (``Date.search``):
# both are checked against the day like any date, and neither dates a project's news or an export.
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
    "last_checked": ("date",),
}
AHEAD = frozenset({("project_plan", "due")})
SEARCHES = frozenset({("last_checked", "date")})

# The free texts each kind of record carries: names, titles, labels, notes (read by people, never parsed).
TEXTS: dict[str, tuple[str, ...]] = {
    "source": ("title", "publisher", "via", "note"),
    "aggregate": ("label_en", "label_zh", "note"),
    "project": ("name_en", "name_zh", "note"),
    "location": ("places",),
    "figure": ("scope_note", "note"),
    "length": ("scope_note", "note"),
    "milestone": ("section", "label", "note"),
    "project_plan": ("section", "label", "note"),
    "batch": ("label_en", "label_zh", "composition", "note"),
    "snapshot": ("note",),
    "publisher": ("name", "scheme", "uid"),
    "plan": ("title_en", "title_zh", "place"),
    "area": ("name_en", "name_zh", "name_zh_note"),
    "task": ("title_en", "title_zh", "note"),
    "task_update": ("label",),
    "annual_list": ("name_zh", "total_text", "composition", "note"),
    "annual_progress": ("note",),
    "last_checked": ("where", "queries", "note"),
}


class Node(NamedTuple):
    """One record and where it is: the file, its path there and its kind (see ``CHILDREN``)."""

    file: str
    path: Path
    kind: str
    record: Any


class Citation(NamedTuple):
    """One source id cited by one record: ``slot`` is its place in the record's ``sources`` list."""

    source: str
    file: str
    path: Path  # the citing record's
    kind: str  # the citing record's
    slot: int  # its place in the record's sources list (a field named index would hide tuple.index)

    @property
    def where(self) -> Path:
        """The path of the reference itself."""
        return (*self.path, "sources", self.slot)


class Date(NamedTuple):
    """One date a record carries, as written (a partial date), with the path of its field."""

    value: str
    file: str
    path: Path
    kind: str
    ahead: bool  # a date to come (a plan's due date), not the date of a fact
    search: bool = False  # the day a search was made (a last_checked note), not the date of a fact

    @property
    def fact(self) -> bool:
        """Whether this is the date of a fact: neither a date to come nor the day of a search."""
        return not (self.ahead or self.search)


class Text(NamedTuple):
    """One free text a record carries, with the path of its field (and index, for a list of texts)."""

    value: str
    file: str
    path: Path
    kind: str


# Named tuples, not dataclasses: a walk of 100,000 projects makes millions of them, and a cold `check`
# walks the data four times.


def nodes(file: str, record: Any, path: Path = (), kind: str | None = None) -> Iterator[Node]:
    """``record`` of ``kind`` (a whole file by default) and every record inside it, depth first, in field order."""
    # A stack, not recursion: each record is yielded once, not passed up through a generator per level.
    stack: list[tuple[Path, str, Any]] = [(path, kind or file, record)]
    while stack:
        path, kind, record = stack.pop()
        yield Node(file, path, kind, record)
        children = CHILDREN.get(kind)
        if children is None:
            continue
        inside: list[tuple[Path, str, Any]] = []
        for name, child in children:
            value = getattr(record, name, None)
            if value is None:
                continue
            if type(value) is list or isinstance(value, Sequence):
                inside += [((*path, name, i), child, item) for i, item in enumerate(value)]
            else:
                inside.append(((*path, name), child, value))
        inside.reverse()
        stack += inside


def records(file: str, record: Any) -> Iterator[tuple[str, Any]]:
    """``nodes`` without the paths, as (kind, record): the quick walk for what needs only the values.

    Working out a path for every record costs more than most questions need: whether every cited
    source is listed, whether any date lies ahead. Those ask here, and walk ``nodes`` only to say where.
    """
    stack: list[tuple[str, Any]] = [(file, record)]
    while stack:
        kind, record = stack.pop()
        yield kind, record
        children = CHILDREN.get(kind)
        if children is None:
            continue
        inside: list[tuple[str, Any]] = []
        for name, child in children:
            value = getattr(record, name, None)
            if value is None:
                continue
            if type(value) is list or isinstance(value, Sequence):
                inside += [(child, item) for item in value]
            else:
                inside.append((child, value))
        inside.reverse()
        stack += inside


def _loaded(ds: Dataset) -> Iterator[tuple[str, Any]]:
    for file in FILES:
        doc = getattr(ds, file, None)
        if doc is not None:
            yield file, doc


def cited_sources(ds: Dataset) -> set[str]:
    """Every source id the data set cites (the quick walk)."""
    out: set[str] = set()
    for file, doc in _loaded(ds):
        for kind, record in records(file, doc):
            if kind in CITING:
                out.update(record.sources)
    return out


def date_values(ds: Dataset, *, ahead: bool = False) -> Iterator[str]:
    """Every date the data set holds, as written (the quick walk); a plan's due date only with ``ahead``.

    The days of searches (last_checked notes) are among them: a date in the future is wrong wherever it is.
    """
    for file, doc in _loaded(ds):
        for kind, record in records(file, doc):
            for name in DATES.get(kind, ()):
                value = getattr(record, name)
                if value is not None and (ahead or (kind, name) not in AHEAD):
                    yield value


def text_values(ds: Dataset) -> Iterator[str]:
    """Every free text the data set holds (the quick walk)."""
    for file, doc in _loaded(ds):
        for kind, record in records(file, doc):
            for name in TEXTS.get(kind, ()):
                value = getattr(record, name)
                if isinstance(value, str):
                    yield value
                elif value is not None:
                    yield from value


def dataset_nodes(ds: Dataset) -> Iterator[Node]:
    """Every record of every loaded file, the files in the order of ``FILES``."""
    for file, doc in _loaded(ds):
        yield from nodes(file, doc)


def citations(items: Iterable[Node]) -> Iterator[Citation]:
    """Every source id the records cite, in walk order, repeats included."""
    for n in items:
        if n.kind in CITING:
            for j, source in enumerate(n.record.sources):
                yield Citation(source, n.file, n.path, n.kind, j)


def dates(items: Iterable[Node]) -> Iterator[Date]:
    """Every date the records carry, in walk order; a plan's due date marked ``ahead``, a search's day ``search``."""
    for n in items:
        for name in DATES.get(n.kind, ()):
            value = getattr(n.record, name)
            if value is not None:
                yield Date(value, n.file, (*n.path, name), n.kind, (n.kind, name) in AHEAD, (n.kind, name) in SEARCHES)


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
