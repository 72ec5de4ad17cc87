"""What a command shows, with no I/O: typed columns, rows, totals, notes, and the JSON record.

A view is a list of blocks (a table, lines of text, key-value pairs, a heading) plus its machine forms:
the JSON record (the contract, exact values) and the CSV table (one flat table, the view's main one).
Emitters (cqsc.output) turn a view into text for one medium; views never print and never escape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a column holds, which decides how it is laid out: only prose, text and URLs may wrap."""

    id = "id"  # an identifier: never split
    text = "text"  # a short label: wraps between words only
    prose = "prose"  # running text: wraps, gives way first
    url = "url"  # an address: wraps anywhere, a hyperlink in a terminal
    amount = "amount"  # right-aligned, never split
    count = "count"  # type: ignore[assignment]  # right-aligned, never split; shadows str.count, unused on a Kind
    percent = "percent"  # right-aligned, never split
    date = "date"  # never split
    status = "status"  # never split; coloured by stage in a terminal
    bar = "bar"  # a share drawn as a bar; dropped first when space is short

    @property
    def numeric(self) -> bool:
        return self in (Kind.amount, Kind.count, Kind.percent)

    @property
    def wraps(self) -> bool:
        return self in (Kind.text, Kind.prose, Kind.url)


@dataclass
class Column:
    key: str
    label: str
    kind: Kind = Kind.text
    documents: bool = True  # shown in Markdown and HTML too (bars are for the terminal and charts)
    fill: bool = False  # a bar that takes all the width left (a chart), not a small one
    folds_into: str | None = None  # where the width is short, shown under this other column, in its cell
    # Where a terminal is short of width, columns give way in this order (1 first) before rows are stacked: a
    # column moves under its folds_into column, or leaves the table when it has none (0: never gives way).
    gives_way: int = 0
    cut: bool = False  # prose a terminal table may cut at a word boundary, marked …, to keep a row short (a name)
    stack_under: str | None = None  # in a terminal always shown under this other column (a column of its own in documents)
    terminal: bool = True  # shown in a terminal (a document may carry a column the terminal folds away)


@dataclass
class Cell:
    """A value as shown, with what a medium may add: a stage colour, a link, a tree depth, a bar's share."""

    text: str = ""
    tone: str | None = None  # a status value (colour by stage), or "dim"
    link: str | None = None
    depth: int = 0  # indentation in a tree (summary's groups)
    share: Decimal | None = None  # for bars


CellValue = Cell | str | None


def cell(value: CellValue) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else value)


@dataclass
class Table:
    columns: list[Column]
    rows: Sequence[Mapping[str, CellValue]]
    title: str | None = None
    empty: str | None = None  # said instead of the table when it has no rows
    name: str = "main"  # the --columns option applies to the main table
    # Columns --columns can pick that are not shown by default (the rows carry their cells too).
    hidden: list[Column] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """Every column name --columns (and so --sort) takes: the shown ones, then the hidden ones."""
        return [c.key for c in (*self.columns, *self.hidden)]

    def select(self, keys: tuple[str, ...]) -> Table:
        by_key = {c.key: c for c in (*self.columns, *self.hidden)}
        return Table([by_key[k] for k in keys], self.rows, self.title, self.empty, self.name)


@dataclass
class Lines:
    """Lines of text; ``role`` says which survive --quiet and how a document shows them."""

    lines: list[str]
    role: str = "result"  # "result" (kept by --quiet), "note" (explanatory), "list" (a bulleted list)
    title: str | None = None


@dataclass
class Pairs:
    """Key-value lines (one project's facts)."""

    pairs: list[tuple[str, CellValue]]


@dataclass
class Heading:
    text: str
    level: int = 2


Block = Table | Lines | Pairs | Heading


@dataclass
class CsvTable:
    fields: list[str]
    rows: list[dict[str, Any]]


@dataclass
class View:
    blocks: list[Block]
    json: dict[str, Any]
    csv: CsvTable
    csv_left_out: str | None = None  # what CSV cannot carry, and the option that gets it
    title: str | None = None  # a document's heading (Markdown, HTML)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def main(self) -> Table | None:
        return next((b for b in self.blocks if isinstance(b, Table) and b.name == "main"), None)
