"""The cache entry of a data set, built and read in one place (the cache itself only keys, gets and puts).

An entry is a document (every part but the projects' records, and their count), one record per project,
and extras: each column of the projects (what selection reads without records). loader.py stores what
the whole-file path loaded; incremental.py stores what it loaded item by item; both read it back here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cqsc.model.dataset import DataFile, Dataset, display_path
from cqsc.model.records import AnnualFile, ProjectsFile, TasksFile


def build(ds: Dataset) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """A data set's cache entry: everything but the projects; each project's record; each column of the projects."""
    import json

    from cqsc.store import codec, rows

    assert ds.projects is not None
    projects = ds.projects.projects
    records = [json.dumps(codec.dump(p), ensure_ascii=False) for p in projects]
    return head(ds, len(projects)), records, columns(rows.columns(projects))


def head(ds: Dataset, count: int) -> dict[str, Any]:
    """The entry's document: every part of the data set but the projects' records, and how many there are."""
    from cqsc.store import codec

    assert ds.projects is not None
    return {
        "projects": codec.dump(dataclasses.replace(ds.projects, projects=[])),
        "count": count,
        "tasks": codec.dump(ds.tasks) if ds.tasks is not None else None,
        "annual": codec.dump(ds.annual) if ds.annual is not None else None,
        "files": sorted(ds.files),
    }


def columns(values: dict[str, list[Any]]) -> dict[str, Any]:
    """The entry's extras holding each column of the projects (rows.COLUMNS), by name."""
    return {f"column {name}": column for name, column in values.items()}


_PARTS = {"projects": ProjectsFile, "tasks": TasksFile, "annual": AnnualFile}


def restore(doc: dict[str, Any], data_dir: Path, folder: Path, entry: str, reload: Callable[[Path], Dataset]) -> Dataset | None:
    """The data set a cache document holds, rebuilt and checked; None for anything that does not fit.

    The projects stay in the cache until read (rows.ProjectRows): a column when a selection reads
    it, a record when it is shown. One that does not fit then makes the rows come from the files.
    """
    from cqsc.loading import wholefile
    from cqsc.store import cache, codec, rows

    try:
        if set(doc) != {"projects", "count", "tasks", "annual", "files"} or doc["projects"] is None:
            return None
        files, count = doc["files"], doc["count"]
        if type(files) is not list or not set(files) <= set(_PARTS) or "projects" not in files or type(count) is not int or count < 0:
            return None
        ds = Dataset()
        for name, model in _PARTS.items():
            if (doc[name] is None) != (name not in files):
                return None
            if doc[name] is not None:
                setattr(ds, name, codec.load(model, doc[name]))
                path = data_dir / f"{name}.yaml"
                ds.files[name] = DataFile(path, display_path(path), reader=wholefile.positions)
    except (codec.CodecError, RecursionError):
        return None
    assert ds.projects is not None
    if ds.projects.projects:
        return None

    def column(name: str) -> Any:
        return cache.get_extra(folder, entry, f"column {name}")

    def fetch(indexes: list[int] | None) -> dict[int, Any]:
        return cache.records(folder, entry, indexes)

    def fallback() -> list[Any]:
        fresh = reload(data_dir)
        return fresh.projects.projects if fresh.projects is not None and not fresh.problems else []

    # A read-only Sequence that builds records when read, where the type says list: readers only iterate and index.
    ds.projects.projects = rows.ProjectRows.from_store(count, column, fetch, fallback)  # type: ignore[assignment]
    return ds
