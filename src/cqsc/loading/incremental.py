"""Load a large projects.yaml item by item: only what changed, and on every core when much did.

loader.load_data takes this path on a cache miss when projects.yaml is large (``MIN_BYTES``)
and the cache can be written. chunks.split cuts the file into its project items and the rest
(the skeleton). The skeleton, tasks.yaml and annual.yaml load whole, as always. Each item is
known by a digest of its text: the items the last entry for this folder already holds keep their
record and columns (copied inside the cache), and one span from the first changed item to the last
is parsed and validated, in one piece with the items either side of it so that the cut is proved
(``_parse``), in worker processes when there are many (``PARALLEL_MIN``). The integrity rules then run over the
whole set, cheaply: the skeleton's through checks.py, the projects' (unique ids, cited sources
listed, subsector in its sector) over the columns.

Anything that is not plainly right (a layout chunks.split does not take, an item that does not
parse or validate alone, an integrity problem) returns None, and the loader reads the files whole
on its careful path, which reports every problem at its exact line. So this path never reports a
problem and never decides that data is good where the whole-file path would not.
"""

from __future__ import annotations

import hashlib
import os
from itertools import chain
from pathlib import Path
from typing import Any

from cqsc.model.dataset import PROJECTS_FILE, DataFile, Dataset, display_path

# From this size of projects.yaml (about 2,300 projects) items are loaded one by one; below it a
# whole-file read is as quick and simpler (bench/run.py; see README "Performance").
MIN_BYTES = 1 << 20
# From this many items to parse, worker processes pay for their start (measured: about 40 ms).
PARALLEL_MIN = 3000

_ITEMS: list[str] = []  # the items the worker processes parse, inherited when they fork


def _digest(item: str) -> str:
    return hashlib.blake2b(item.encode(), digest_size=16).hexdigest()


Parsed = tuple[list[str], list[list[Any]]]  # the items' records (JSON text) and their values of rows.COLUMNS, column by column


def _parse(span: tuple[int, int]) -> Parsed | None:
    """Records and columns of ``_ITEMS[start:end]``; None if they do not parse and validate, or the cut does not hold.

    The span is read in one piece with the items either side of it, and must give exactly one value
    per item. Every line that starts an item in YAML's reading is one chunks.split cut at (a ``-`` at
    column 0), so as many values as pieces means each piece, the item after the span included,
    still starts where the cut says: no quote, bracket or text runs from one item into the next.
    """
    from pydantic import ValidationError

    from cqsc.loading import yamlsafe
    from cqsc.loading.wholefile import adapter
    from cqsc.model.records import Project
    from cqsc.store import rows

    start, end = span
    before, after = max(start - 1, 0), min(end + 1, len(_ITEMS))
    parsed = yamlsafe.parse("".join(_ITEMS[before:after]))
    if parsed.problems or type(parsed.value) is not list or len(parsed.value) != after - before:
        return None
    try:
        projects = adapter(list[Project]).validate_python(parsed.value[start - before : end - before])
    except ValidationError:
        return None
    # pydantic writes the JSON codec.dump would give (None fields left out, decimals as str() writes
    # them, codes by value; tests/test_incremental.py compares them), eight times faster.
    one = adapter(Project)
    heads = [rows.head(p) for p in projects]
    # Column by column: lists of plain values travel back from a worker quicker than a tuple per project.
    return [one.dump_json(p, exclude_none=True).decode() for p in projects], [list(col) for col in zip(*heads, strict=True)] if heads else [[] for _ in rows.COLUMNS]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def parse_items(items: list[str], start: int = 0, end: int | None = None) -> Parsed | None:
    """The records and columns of ``items[start:end]``, in order, each span read with its neighbours (``_parse``);
    in worker processes when there are many and several cores."""
    global _ITEMS  # noqa: PLW0603 - forked workers read the items from the module, not from arguments
    from cqsc.loading.wholefile import adapter
    from cqsc.model.records import Project
    from cqsc.store import rows

    adapter(list[Project]), adapter(Project)  # built before the workers fork, so that each inherits them
    end = len(items) if end is None else end
    if start >= end:  # only the rest of the file changed
        return [], [[] for _ in rows.COLUMNS]
    _ITEMS = items
    try:
        cores = _cores()
        if end - start < PARALLEL_MIN or cores < 2:
            return _parse((start, end))
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - no fork on this platform
            return _parse((start, end))
        step = -(-(end - start) // (cores * 4))
        spans = [(i, min(i + step, end)) for i in range(start, end, step)]
        with context.Pool(cores) as pool:
            parts = pool.map(_parse, spans)
        if any(part is None for part in parts):
            return None
        records = list(chain.from_iterable(part[0] for part in parts))  # type: ignore[index]
        columns = [list(chain.from_iterable(part[1][k] for part in parts)) for k in range(len(parts[0][1]))]  # type: ignore[index]
        return records, columns
    finally:
        _ITEMS = []


def _projects_fit(cols: dict[str, list[Any]], register: set[str]) -> bool:
    """The integrity rules over the projects' columns: unique ids, cited sources listed, subsector in sector."""
    from cqsc.model.records import SUBSECTOR_SECTOR, Subsector

    ids = cols["id"]
    if len(set(ids)) != len(ids):
        return False
    if not set(chain.from_iterable(cols["sources"])) <= register:
        return False
    return all(sub is None or SUBSECTOR_SECTOR[Subsector(sub)].value == sector for sector, sub in set(zip(cols["sector"], cols["subsector"], strict=True)))


def load(data_dir: Path, raw: dict[str, bytes], folder: Path, entry: str) -> Dataset | None:
    """The data set, loaded item by item and stored under ``entry``; None where the careful path must read it."""
    from cqsc.loading import chunks, wholefile
    from cqsc.loading import entry as cached
    from cqsc.rules import checks
    from cqsc.store import cache, rows

    try:
        text = raw[PROJECTS_FILE].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    split = chunks.split(text, "projects")
    if split is None:
        return None
    skeleton = wholefile.load(data_dir, {**raw, PROJECTS_FILE: split.skeleton.encode()})
    if skeleton.problems or skeleton.projects is None or skeleton.partial:
        return None
    path = data_dir / PROJECTS_FILE
    skeleton.files["projects"] = DataFile(path, display_path(path), text, reader=wholefile.positions)
    if checks.run(skeleton, checks.integrity_rules()):
        return None

    digests = [_digest(item) for item in split.items]
    name = f"chunks {data_dir.resolve()}"
    old_key, old_at, old_cols = None, {}, {}
    previous = cache.latest_with(folder, name)
    if previous is not None and type(previous[1]) is list and set(map(type, previous[1])) <= {str}:
        old_key, old_digests = previous
        old_cols = {c: cache.get_extra(folder, old_key, f"column {c}") for c in rows.COLUMNS}
        if all(rows.column_fits(c, v, len(old_digests)) for c, v in old_cols.items()):
            old_at = {d: i for i, d in enumerate(old_digests)}
        else:
            old_key, old_cols = None, {}
    changed = [k for k, d in enumerate(digests) if d not in old_at]
    # One contiguous span from the first changed item to the last, the unchanged ones between included:
    # read in one piece with its neighbours, it proves the cut around everything that changed.
    first, last = (changed[0], changed[-1] + 1) if changed else (0, 0)
    parsed = parse_items(split.items, first, last)
    if parsed is None:
        return None
    todo = list(range(first, last))

    n = len(digests)
    new_records, new_cols = parsed
    copy = [(k, old_at[d]) for k, d in enumerate(digests) if not first <= k < last]
    if not copy:  # nothing kept: the parsed columns are the columns
        cols = dict(zip(rows.COLUMNS, new_cols, strict=True))
    else:
        cols = {c: [None] * n for c in rows.COLUMNS}
        for c, new in zip(rows.COLUMNS, new_cols, strict=True):
            column, old = cols[c], old_cols[c]
            for k, i in copy:
                column[k] = old[i]
            for k, value in zip(todo, new, strict=True):
                column[k] = value
    register = {s.id for part in (skeleton.projects, skeleton.tasks, skeleton.annual) if part is not None for s in part.sources}
    if not _projects_fit(cols, register):
        return None

    doc = cached.head(skeleton, n)
    extras: dict[str, Any] = cached.columns(cols)
    extras[name] = digests
    records = dict(zip(todo, new_records, strict=True))
    cache.put(folder, entry, doc, records, extras, copy=(old_key, copy) if old_key is not None else None)
    ds = cached.restore(doc, data_dir, folder, entry, wholefile.load)
    if ds is not None:
        ds.memo = cache.Memo(folder, entry)
    return ds
