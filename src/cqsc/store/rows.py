"""The projects of a data set served from the cache: built one record at a time, when asked for.

A warm run of `cqsc projects --sector transport` over 100,000 projects shows 50 rows and one total.
It needs every project's id, names, sector, subsector and places to select and group them, and the
full record only of the 50 it shows. ``ProjectRows`` is a read-only sequence of ``Project`` that
holds those few columns for every project (``COLUMNS``) and rebuilds a full record from its stored
JSON (codec.py, type by type) the first time it is read. The queries that only select and group
(queries.select_projects, queries.group_ids) work on the columns; everything else reads records as
from a list, so a command that needs them all gets them all.

A stored record that does not rebuild, or rebuilds into something other than its columns say, is a
damaged cache: the rows then come from the data files instead (``fallback``), never from a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from cqsc.model.records import Project
from cqsc.model.walk import cited

# The columns kept for every project: what selection, grouping and counting read without a record.
COLUMNS = ("id", "name_en", "name_zh", "sector", "subsector", "provinces", "places", "milestones", "sources")


def head(p: Project) -> tuple[Any, ...]:
    """One project's values of ``COLUMNS``, as plain JSON values."""
    return (
        p.id,
        p.name_en,
        p.name_zh,
        p.sector.value,
        p.subsector.value if p.subsector else None,
        [loc.province.value for loc in p.locations],
        [place for loc in p.locations for place in loc.places],
        len(p.milestones),
        cited(p),
    )


def columns(projects: Sequence[Project]) -> dict[str, list[Any]]:
    """``COLUMNS`` for a list of projects, column by column."""
    heads = [head(p) for p in projects]
    return {name: [h[k] for h in heads] for k, name in enumerate(COLUMNS)}


def _codes(kind: str) -> set[str]:
    from cqsc.model import records

    return {c.value for c in getattr(records, kind)}


def column_fits(name: str, col: Any, n: int) -> bool:
    """Whether a stored column has the shape ``columns`` gives it: selection reads it as it is."""
    from itertools import chain

    if type(col) is not list or len(col) != n:
        return False
    text, maybe = {str}, {str, type(None)}
    if name in ("id", "name_en"):
        return set(map(type, col)) <= text
    if name == "name_zh":
        return set(map(type, col)) <= maybe
    if name == "sector":
        return set(map(type, col)) <= text and set(col) <= _codes("Sector")
    if name == "subsector":
        return set(map(type, col)) <= maybe and set(col) <= _codes("Subsector") | {None}
    if name in ("provinces", "places", "sources"):
        if not set(map(type, col)) <= {list} or not set(map(type, chain.from_iterable(col))) <= text:
            return False
        return name != "provinces" or set(chain.from_iterable(col)) <= _codes("Province")
    if name == "milestones":
        return set(map(type, col)) <= {int}
    return False


class Damaged(Exception):
    """A stored record or column does not fit: the cache entry cannot be used."""


class _Store:
    """The columns and records behind some rows: each column read when first asked for, each record built once."""

    def __init__(
        self,
        n: int,
        column: Callable[[str], Any],
        fetch: Callable[[list[int] | None], dict[int, Any]],
        fallback: Callable[[], Sequence[Project]],
    ) -> None:
        self.n = n
        self._column = column
        self.fetch = fetch
        self.fallback = fallback
        self.cols: dict[str, list[Any]] = {}
        self.built: dict[int, Project] = {}
        self.replaced: Sequence[Project] | None = None

    def _replace(self) -> None:
        fresh = self.fallback()
        if len(fresh) != self.n:
            raise SystemExit("error: the data files changed while cqsc read them; run the command again")
        self.replaced = fresh
        self.cols = columns(fresh)

    def col(self, name: str) -> list[Any]:
        if name not in self.cols:
            value = self._column(name)
            if not column_fits(name, value, self.n):
                self._replace()
            else:
                self.cols[name] = value
        return self.cols[name]

    def build(self, indexes: Sequence[int]) -> list[Project]:
        if self.replaced is None:
            missing = [i for i in dict.fromkeys(indexes) if i not in self.built]
            if missing:
                try:
                    self._build(missing)
                except Damaged:
                    self._replace()
        if self.replaced is not None:
            return [self.replaced[i] for i in indexes]
        return [self.built[i] for i in indexes]

    def _build(self, missing: list[int]) -> None:
        from cqsc.store import codec

        # A few rows are fetched by index; many (a listing of all, a rule over all) in one pass.
        docs = self.fetch(missing if len(missing) <= 500 else None)
        rebuild = codec.loader_for(Project)
        # Checked against the columns this run has read: what it selected and grouped by must be so.
        read = [(k, self.cols[name]) for k, name in enumerate(COLUMNS) if name in self.cols]
        for i in missing:
            doc = docs.get(i)
            if doc is None:
                raise Damaged(f"record {i} is missing")
            try:
                p = rebuild(doc)
            except (codec.CodecError, RecursionError) as exc:
                raise Damaged(str(exc)) from None
            values = head(p)
            if any(values[k] != col[i] for k, col in read):
                raise Damaged(f"record {i} does not match its columns")
            self.built[i] = p


class ProjectRows(Sequence[Project]):
    """A read-only list of projects whose records are built when read (see the module docstring)."""

    def __init__(self, store: _Store, indexes: list[int] | None = None) -> None:
        self._store = store
        self._indexes = indexes

    @classmethod
    def from_store(
        cls, n: int, column: Callable[[str], Any], fetch: Callable[[list[int] | None], dict[int, Any]], fallback: Callable[[], Sequence[Project]]
    ) -> ProjectRows:
        """``n`` rows whose ``column(name)`` and ``fetch(indexes)`` (records as JSON values) read the cache."""
        return cls(_Store(n, column, fetch, fallback))

    def _at(self, i: int) -> int:
        return i if self._indexes is None else self._indexes[i]

    def column(self, name: str) -> list[Any]:
        """One of ``COLUMNS`` for these rows, in order."""
        col = self._store.col(name)
        return col if self._indexes is None else [col[i] for i in self._indexes]

    def subset(self, positions: list[int]) -> ProjectRows:
        """The rows at these positions of this sequence, still unbuilt."""
        return ProjectRows(self._store, [self._at(i) for i in positions])

    def __len__(self) -> int:
        return self._store.n if self._indexes is None else len(self._indexes)

    @overload
    def __getitem__(self, i: int) -> Project: ...
    @overload
    def __getitem__(self, i: slice) -> list[Project]: ...
    def __getitem__(self, i: int | slice) -> Project | list[Project]:
        if isinstance(i, slice):
            return self._store.build([self._at(k) for k in range(*i.indices(len(self)))])
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("project index out of range")
        return self._store.build([self._at(i)])[0]

    def __iter__(self) -> Iterator[Project]:
        return iter(self[:])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, ProjectRows)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ProjectRows: {len(self)} projects>"

    def milestone_count(self) -> int:
        return sum(self.column("milestones"))
