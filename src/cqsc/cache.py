"""A cache of validated data: key, get, put. Data only, so nothing read from it can run.

Entries live in one SQLite database in the user's cache folder, each a JSON document
of the records (exact decimals as text, code lists by value) keyed by a SHA-256 of the
data files' bytes, the cache format, cqsc's version and Python's. What comes back is
rebuilt into the record classes field by field and type by type (codec.py); anything
foreign, corrupt or truncated is a miss, never a crash and never code. The loader owns
loading and decides what to cache (only data that loaded without errors); this module
only keeps entries.

The folder is used only if it is the user's own and no one else may write to it: a
cache folder shared with others (a CI cache restored from another branch, a shared
XDG_CACHE_HOME) could otherwise feed any run its data. It is created with mode 0700;
a relative XDG_CACHE_HOME is ignored, as the XDG spec says. When the folder cannot be
used the run goes on uncached, with one warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from cqsc import __version__

FORMAT = 6  # bump when the shape of the stored records changes
KEEP = 16
DB_NAME = "cache.sqlite3"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the XDG spec says to ignore it
        base = str(Path.home() / ".cache")
    return Path(base) / "cqsc"


def disabled_by_env() -> bool:
    return os.environ.get("CQSC_NO_CACHE", "") not in ("", "0")


def usable(folder: Path) -> str | None:
    """None when ``folder`` can hold the cache (created 0700 if missing), else why not, in words."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(folder)
    except OSError as exc:
        return f"cannot be created: {exc.strerror or exc}"
    if not stat.S_ISDIR(st.st_mode):
        return "is not a folder"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return "belongs to another user"
    if st.st_mode & 0o022:
        return "can be written by others"
    return None


def sha256(size: int) -> Any:
    """SHA-256, from the interpreter's own module for small data (hashlib's OpenSSL import costs about 3 ms
    of a 0.13 s warm run) and from OpenSSL for large data, which it hashes several times faster: the same digest."""
    if size < (1 << 20):
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]

            return sha256()
        except ImportError:  # pragma: no cover - an interpreter without it
            pass
    import hashlib

    return hashlib.sha256()


def key(raw: dict[str, bytes]) -> str:
    h = sha256(sum(map(len, raw.values())))
    h.update(f"cqsc-cache {FORMAT} {__version__} {sys.version}\n".encode())
    for name in sorted(raw):
        data = raw[name]
        h.update(f"{name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


_OPEN: dict[Path, Any] = {}


def _connect(folder: Path) -> Any:
    """The folder's database, opened once per run (a warm run reads an entry, then its columns and records)."""
    if folder in _OPEN:
        return _OPEN[folder]
    import sqlite3

    db = sqlite3.connect(folder / DB_NAME, timeout=2.0, isolation_level=None)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, payload TEXT NOT NULL, used REAL NOT NULL)")
        # Beside an entry: each record of its project list (read only when that record is, rows.py), each
        # column selection reads, and results worked out from its data later (a rule's problems), by name.
        db.execute("CREATE TABLE IF NOT EXISTS records (key TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (key, idx)) WITHOUT ROWID")
        db.execute("CREATE TABLE IF NOT EXISTS extras (key TEXT NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (key, name)) WITHOUT ROWID")
    except Exception:
        db.close()
        raise
    _OPEN[folder] = db
    return db


def get(folder: Path, entry_key: str) -> dict[str, Any] | None:
    """The stored document for ``entry_key``, or None (missing, unreadable, not JSON, not an object)."""
    if not (folder / DB_NAME).is_file():
        return None
    try:
        db = _connect(folder)
        row = db.execute("SELECT payload FROM entries WHERE key = ?", (entry_key,)).fetchone()
        if row is None:
            return None
        doc = json.loads(row[0])
        with contextlib.suppress(Exception):  # recently used: pruned last
            db.execute("UPDATE entries SET used = ? WHERE key = ?", (time.time(), entry_key))
    except Exception:  # a cache that cannot be read is a miss, whatever went wrong
        return None
    return doc if isinstance(doc, dict) else None


def _write(folder: Path, statements: Any) -> None:
    """Run ``statements(db)`` in one transaction; on any failure roll back and carry on without the cache."""
    try:
        db = _connect(folder)
    except Exception:  # a cache that cannot be opened is no cache: the run goes on
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        statements(db)
        db.execute("COMMIT")
    except Exception:  # a cache that cannot be written is no cache: the run goes on
        with contextlib.suppress(Exception):
            db.execute("ROLLBACK")


def put(
    folder: Path,
    entry_key: str,
    doc: dict[str, Any],
    records: list[str] | dict[int, str] | None = None,
    extras: dict[str, Any] | None = None,
    copy: tuple[str, list[tuple[int, int]]] | None = None,
) -> None:
    """Store ``doc``, its records (JSON texts by index) and extras (by name) under ``entry_key``.

    ``copy`` is another entry's key and (new index, its index) pairs: records that did not change
    are copied inside the database instead of being written again. Only the ``KEEP`` most recently
    used entries are kept. Failures are ignored.
    """
    items = list(records.items()) if isinstance(records, dict) else list(enumerate(records or []))

    def statements(db: Any) -> None:
        db.execute("INSERT OR REPLACE INTO entries (key, payload, used) VALUES (?, ?, ?)", (entry_key, json.dumps(doc, ensure_ascii=False), time.time()))
        db.execute("DELETE FROM records WHERE key = ?", (entry_key,))
        db.execute("DELETE FROM extras WHERE key = ?", (entry_key,))
        db.executemany("INSERT INTO records (key, idx, data) VALUES (?, ?, ?)", ((entry_key, i, r) for i, r in items))
        if copy is not None:
            source, pairs = copy
            db.execute("CREATE TEMP TABLE IF NOT EXISTS copying (new INTEGER PRIMARY KEY, old INTEGER NOT NULL)")
            db.execute("DELETE FROM copying")
            db.executemany("INSERT INTO copying (new, old) VALUES (?, ?)", pairs)
            db.execute("INSERT INTO records (key, idx, data) SELECT ?, c.new, r.data FROM copying c JOIN records r ON r.key = ? AND r.idx = c.old", (entry_key, source))
            db.execute("DELETE FROM copying")
        for name, value in (extras or {}).items():
            db.execute("INSERT INTO extras (key, name, payload) VALUES (?, ?, ?)", (entry_key, name, json.dumps(value, ensure_ascii=False)))
        db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM entries ORDER BY used DESC LIMIT ?)", (KEEP,))
        db.execute("DELETE FROM records WHERE key NOT IN (SELECT key FROM entries)")
        db.execute("DELETE FROM extras WHERE key NOT IN (SELECT key FROM entries)")

    _write(folder, statements)


def records(folder: Path, entry_key: str, indexes: list[int] | None = None) -> dict[int, Any]:
    """The stored records of an entry, JSON-decoded, by index (all of them when ``indexes`` is None).

    What cannot be read or decoded is left out; the caller treats a missing record as a damaged entry.
    """
    out: dict[int, Any] = {}
    try:
        db = _connect(folder)
        if indexes is None:
            rows = db.execute("SELECT idx, data FROM records WHERE key = ?", (entry_key,))
        else:
            marks = ",".join("?" * len(indexes))
            rows = db.execute(f"SELECT idx, data FROM records WHERE key = ? AND idx IN ({marks})", (entry_key, *indexes))
        for idx, data in rows:
            if type(idx) is int and type(data) is str:
                out[idx] = json.loads(data)
    except Exception:  # unreadable is missing
        return {}
    return out


def get_extra(folder: Path, entry_key: str, name: str) -> Any:
    """A value stored beside an entry under ``name``, JSON-decoded; None if there is none or it cannot be read."""
    try:
        row = _connect(folder).execute("SELECT payload FROM extras WHERE key = ? AND name = ?", (entry_key, name)).fetchone()
        return None if row is None else json.loads(row[0])
    except Exception:  # unreadable is missing
        return None


def put_extra(folder: Path, entry_key: str, name: str, value: Any) -> None:
    """Store a value beside an existing entry; nothing if the entry is gone; failures are ignored."""

    def statements(db: Any) -> None:
        if db.execute("SELECT 1 FROM entries WHERE key = ?", (entry_key,)).fetchone():
            db.execute("INSERT OR REPLACE INTO extras (key, name, payload) VALUES (?, ?, ?)", (entry_key, name, json.dumps(value, ensure_ascii=False)))

    _write(folder, statements)


def latest_with(folder: Path, name: str) -> tuple[str, Any] | None:
    """The most recently used entry that has an extra called ``name``, with that extra's value."""
    if not (folder / DB_NAME).is_file():
        return None
    try:
        row = _connect(folder).execute(
            "SELECT e.key, x.payload FROM entries e JOIN extras x ON x.key = e.key AND x.name = ? ORDER BY e.used DESC LIMIT 1", (name,)
        ).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))
    except Exception:  # unreadable is missing
        return None


class Memo:
    """Values worked out from one entry's data (its columns, a rule's problems), kept beside it by name."""

    def __init__(self, folder: Path, entry_key: str) -> None:
        self.folder, self.key = folder, entry_key

    def get(self, name: str) -> Any:
        return get_extra(self.folder, self.key, name)

    def put(self, name: str, value: Any) -> None:
        put_extra(self.folder, self.key, name, value)
