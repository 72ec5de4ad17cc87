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
a relative XDG_CACHE_HOME is ignored, as the XDG spec says. The database in it is used only
if its schema is exactly cqsc's (no trigger, view or index that SQLite would run or use) and
it carries cqsc's stamp; any other is replaced by an empty one. A database that is a link,
or that another process keeps locked, is not used. When the folder or its database cannot be
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

from cqsc._version import __version__

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
    """None when ``folder`` can hold the cache (created 0700 if missing) and its database opens, else why not, in words."""
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
    return open_db(folder)


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


# The database holds exactly these, and nothing else: SQLite runs what a schema holds (a trigger on an
# insert, a view) and Python 3.11's sqlite3 cannot switch that off, so a database whose schema is not
# exactly cqsc's is never used, only replaced. The stamp tells cqsc's database from any other.
_TABLES = {
    "entries": "CREATE TABLE entries (key TEXT PRIMARY KEY, payload TEXT NOT NULL, used REAL NOT NULL)",
    # Beside an entry: each record of its project list (read only when that record is, rows.py), each
    # column selection reads, and results worked out from its data later (a rule's problems), by name.
    "records": "CREATE TABLE records (key TEXT NOT NULL, idx INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (key, idx)) WITHOUT ROWID",
    "extras": "CREATE TABLE extras (key TEXT NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (key, name)) WITHOUT ROWID",
}
_SCHEMA = {("table", name, name, sql) for name, sql in _TABLES.items()} | {("index", "sqlite_autoindex_entries_1", "entries", None)}
_APPLICATION_ID = 0x63717363  # "cqsc"
_SCHEMA_VERSION = 1
_BUSY_SECONDS = 1.0  # another run's write takes milliseconds; a lock held longer is not waited for
_SIDE_FILES = ("-journal", "-wal", "-shm")

_OPEN: dict[Path, Any] = {}
_REFUSED: dict[Path, str] = {}


class Unusable(Exception):
    """The cache database cannot be used this run (locked, a link, not a file); the message says why."""


def _check_paths(folder: Path) -> None:
    """Refuse a database (or its journal) that is a link or not a regular file: SQLite would write through it."""
    for suffix in ("", *_SIDE_FILES):
        path = folder / (DB_NAME + suffix)
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise Unusable(f"has a cache database {path.name} that cannot be read: {exc.strerror or exc}") from None
        if stat.S_ISLNK(st.st_mode):
            raise Unusable(f"has a cache database {path.name} that is a symbolic link")
        if not stat.S_ISREG(st.st_mode):
            raise Unusable(f"has a cache database {path.name} that is not a regular file")
        if st.st_nlink > 1:
            raise Unusable(f"has a cache database {path.name} with other hard links")


def _is_busy(exc: BaseException) -> bool:
    import sqlite3

    # SQLITE_BUSY and SQLITE_LOCKED, with their extended codes (SQLITE_BUSY_RECOVERY is 261)
    return isinstance(exc, sqlite3.OperationalError) and ((getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (5, 6) or "locked" in str(exc))


def _own(db: Any) -> str:
    """Inside a write transaction: 'ours', 'empty' (a new file) or 'foreign'. Reads only the file's header and schema."""
    rows = {tuple(r) for r in db.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master")}
    stamp = (db.execute("PRAGMA main.application_id").fetchone()[0], db.execute("PRAGMA main.user_version").fetchone()[0])
    if rows == _SCHEMA and stamp == (_APPLICATION_ID, _SCHEMA_VERSION):
        return "ours"
    return "empty" if not rows and stamp == (0, 0) else "foreign"


def _create(db: Any) -> None:
    for sql in _TABLES.values():
        db.execute(sql)
    db.execute(f"PRAGMA main.application_id = {_APPLICATION_ID}")
    db.execute(f"PRAGMA main.user_version = {_SCHEMA_VERSION}")


def _rebuild(folder: Path) -> None:
    """Replace the database with a new, empty one of cqsc's schema, atomically (built beside it, then renamed)."""
    import sqlite3
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=DB_NAME + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        fresh = sqlite3.connect(tmp, isolation_level=None)
        try:
            fresh.execute("BEGIN IMMEDIATE")
            _create(fresh)
            fresh.execute("COMMIT")
        finally:
            fresh.close()
        for suffix in _SIDE_FILES:  # a journal left beside the old file must not be played into the new one
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / (DB_NAME + suffix))
        os.replace(tmp, folder / DB_NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _open(folder: Path) -> Any:
    """The folder's database, checked to be cqsc's own and nothing more; replaced by an empty one when it is not."""
    import sqlite3

    for attempt in range(2):
        _check_paths(folder)
        db = sqlite3.connect(folder / DB_NAME, timeout=_BUSY_SECONDS, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")  # the write lock: nothing changes between the check and the use
            kind = _own(db)
            if kind == "empty":
                _create(db)
            db.execute("COMMIT")
        except Exception as exc:  # locked, or a file that is not a database of ours
            db.close()
            if _is_busy(exc):
                raise Unusable("has a cache database another process holds locked") from None
            kind = "foreign"
        else:
            if kind != "foreign":
                return db
            db.close()
        if attempt == 0:
            _rebuild(folder)
    raise Unusable("has a cache database that could not be replaced")


def open_db(folder: Path) -> str | None:
    """Open the folder's database for this run: None when it can be used, else why not, in words (said once)."""
    try:
        _connect(folder)
    except Unusable as exc:
        return str(exc)
    except Exception as exc:  # a cache that cannot be opened is no cache: the run goes on
        return f"has a cache database that cannot be opened: {exc}"
    return None


def _connect(folder: Path) -> Any:
    """The folder's database, opened and checked once per run (a warm run reads an entry, then its columns and records)."""
    if folder in _OPEN:
        return _OPEN[folder]
    if folder in _REFUSED:
        raise Unusable(_REFUSED[folder])
    try:
        db = _open(folder)
    except Exception as exc:
        _REFUSED[folder] = str(exc)
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
        _prune(db, entry_key)

    _write(folder, statements)


def _prune(db: Any, keep: str) -> None:
    """Keep the ``KEEP`` most recently used entries, ``keep`` among them, and nothing that belongs to no entry.

    Entries that cqsc cannot have written go first (a key that is not a digest, a time that is not a
    number or lies ahead: text sorts above every number in SQLite), so none can hold its place forever;
    NOT EXISTS, not NOT IN, as one NULL key would make NOT IN keep everything.
    """
    db.execute(
        "DELETE FROM entries WHERE typeof(key) != 'text' OR length(key) != 64 OR typeof(used) != 'real' OR used > ?",
        (time.time() + 86400,),
    )
    db.execute(
        "DELETE FROM entries WHERE key != ? AND key NOT IN (SELECT key FROM entries WHERE key != ? ORDER BY used DESC LIMIT ?)",
        (keep, keep, KEEP - 1),
    )
    db.execute("DELETE FROM records WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.key = records.key)")
    db.execute("DELETE FROM extras WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.key = extras.key)")


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
