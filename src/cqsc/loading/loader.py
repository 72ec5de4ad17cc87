"""The one way commands load data: read each file once, ask the cache, else load and check, and store.

``load_data`` owns loading for every command: it reads each file once, asks the cache (key / get / put,
store/cache.py) for the entry (entry.py), and otherwise loads the files (wholefile.py, or incremental.py
for a large projects.yaml), runs the integrity rules and stores what loaded cleanly.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from cqsc.model.dataset import DATA_FILES, PROJECTS_FILE, Dataset, Unreadable, read_raw


def _read_all(data_dir: Path) -> dict[str, bytes] | None:
    """Every present data file's bytes, read once; None when one is present but cannot be had."""
    out = {}
    for name in DATA_FILES:
        path = data_dir / name
        if not (path.exists() or path.is_symlink()):
            continue
        got = read_raw(path)
        if isinstance(got, Unreadable):
            return None
        out[name] = got
    return out


def incremental_min() -> int:
    """The size of projects.yaml from which it is loaded item by item (incremental.py); CQSC_INCREMENTAL_MIN overrides it."""
    from cqsc.loading.incremental import MIN_BYTES
    from cqsc.model.environment import incremental_min as from_env

    value = from_env()
    return MIN_BYTES if value is None else value


def load_data(
    data_dir: Path,
    *,
    use_cache: bool = True,
    progress: Callable[[int], AbstractContextManager[object]] | None = None,
    warn: Callable[[str], None] | None = None,
) -> tuple[Dataset, bool]:
    """The data set in ``data_dir`` with its loading and integrity problems, and whether the cache served it.

    ``progress``, given the bytes to read, makes a context the slow path runs in (a spinner, say);
    ``warn`` hears why the cache could not be used (once per run).
    """
    from cqsc.loading import entry as cached
    from cqsc.loading import wholefile
    from cqsc.store import cache

    try:
        raw = _read_all(data_dir) if data_dir.is_dir() else None
    except OSError:  # a path the system refuses outright (too long, say): load() says so
        raw = None
    folder = None
    if use_cache and raw is not None and not cache.disabled_by_env():
        folder = cache.cache_dir()
        why = cache.usable(folder)
        if why is not None:
            if warn is not None:
                warn(f"warning: the cache folder {folder} {why}; running without the cache")
            folder = None
    entry = cache.key(raw) if folder is not None and raw is not None else None
    if folder is not None and entry is not None:
        doc = cache.get(folder, entry)
        ds = cached.restore(doc, data_dir, folder, entry, wholefile.load) if doc is not None else None
        if ds is not None:
            ds.memo = cache.Memo(folder, entry)
            return ds, True
    from contextlib import nullcontext

    from cqsc.model.problems import has_errors
    from cqsc.rules import checks

    with progress(sum(map(len, raw.values())) if raw else 0) if progress else nullcontext():
        if folder is not None and entry is not None and raw is not None and PROJECTS_FILE in raw and len(raw[PROJECTS_FILE]) >= incremental_min():
            from cqsc.loading import incremental

            # A large file: only the items that changed are read, on every core when many did.
            done = incremental.load(data_dir, raw, folder, entry)
            if done is not None:
                return done, False
        ds = wholefile.load(data_dir, raw)
        if not has_errors(ds.problems):
            ds.problems += checks.run(ds, checks.integrity_rules())
    if folder is not None and entry is not None and not ds.problems:
        doc, records, extras = cached.build(ds)
        cache.put(folder, entry, doc, records, extras)
        ds.memo = cache.Memo(folder, entry)
    return ds, False
