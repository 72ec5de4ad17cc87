"""A cache of validated data, keyed by the data files' content.

A run whose files are byte for byte those of an earlier clean run unpickles the
records that run validated, instead of parsing YAML and building validators: it
imports neither PyYAML nor pydantic. The key is a SHA-256 of every data file's
bytes together with the cache format, cqsc's version and Python's, so an edited
file, an upgrade or another Python never meets an old entry; the modification
time plays no part. Only data that loaded without errors is cached, so every
problem is found again on every run. Entries are written atomically (a reader
sees a whole entry or none), an entry that cannot be read is ignored and
removed, and the oldest entries beyond ``KEEP`` are pruned.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from cqsc import __version__
from cqsc.dataset import DATA_FILES, Dataset, display_path, read_raw

FORMAT = 3  # bump when the pickled shape of the records changes
KEEP = 16


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cqsc"


def disabled_by_env() -> bool:
    return os.environ.get("CQSC_NO_CACHE", "") not in ("", "0")


def _read_all(data_dir: Path) -> dict[str, bytes] | None:
    """Every present data file's bytes, read as the loader reads them (size cap included).

    None when one is present but cannot be had: the loader then reads it again and says why.
    """
    out = {}
    for name in DATA_FILES:
        path = data_dir / name
        raw, _ = read_raw(path)
        if raw is not None:
            out[name] = raw
        elif path.exists() or path.is_symlink():
            return None
    return out


def _key(raw: dict[str, bytes]) -> str:
    h = hashlib.sha256(f"cqsc-cache {FORMAT} {__version__} {sys.version}\n".encode())
    for name in sorted(raw):
        data = raw[name]
        h.update(f"{name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


def _restore(entry: Path, data_dir: Path) -> Dataset | None:
    try:
        with entry.open("rb") as f:
            ds = pickle.load(f)
        if not isinstance(ds, Dataset):
            raise TypeError("not a data set")
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - an entry that cannot be read is simply not used
        try:
            entry.unlink(missing_ok=True)
        except OSError:
            pass
        return None

    for name, doc in ds.files.items():
        doc.path = data_dir / f"{name}.yaml"
        doc.display = display_path(doc.path)  # relative to today's working directory
    try:
        os.utime(entry)  # recently used: pruned last
    except OSError:
        pass
    return ds


def _store(entry: Path, ds: Dataset) -> None:
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(ds, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except OSError:
        pass  # a cache that cannot be written is no cache: the run goes on


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def load(data_dir: Path, *, use_cache: bool = True, progress: Callable[[int], AbstractContextManager[object]] | None = None) -> tuple[Dataset, bool]:
    """The data set in ``data_dir`` with its loading and integrity problems, and whether the cache served it.

    ``progress``, given the bytes to read, makes a context the slow path runs in (a spinner, say).
    """
    raw = _read_all(data_dir) if data_dir.is_dir() else None
    use_cache = use_cache and raw is not None and not disabled_by_env()
    entry = cache_dir() / f"{_key(raw)}.pickle" if use_cache and raw is not None else None
    if entry is not None:
        ds = _restore(entry, data_dir)
        if ds is not None:
            return ds, True
    from contextlib import nullcontext

    from cqsc import checks, loader
    from cqsc.problems import has_errors

    with progress(sum(map(len, raw.values())) if raw else 0) if progress else nullcontext():
        ds = loader.load(data_dir, raw)
        if not ds.problems:
            ds.problems = checks.run(ds, checks.integrity_rules())
    if entry is not None and not has_errors(ds.problems):
        _store(entry, ds)
    return ds, False
