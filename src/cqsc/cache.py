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
import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from cqsc import __version__

FORMAT = 5  # bump when the shape of the stored records changes
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


def key(raw: dict[str, bytes]) -> str:
    h = hashlib.sha256(f"cqsc-cache {FORMAT} {__version__} {sys.version}\n".encode())
    for name in sorted(raw):
        data = raw[name]
        h.update(f"{name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


def _connect(folder: Path) -> Any:
    import sqlite3

    db = sqlite3.connect(folder / DB_NAME, timeout=2.0, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, payload TEXT NOT NULL, used REAL NOT NULL)")
    return db


def get(folder: Path, entry_key: str) -> dict[str, Any] | None:
    """The stored document for ``entry_key``, or None (missing, unreadable, not JSON, not an object)."""
    if not (folder / DB_NAME).is_file():
        return None
    try:
        db = _connect(folder)
        try:
            row = db.execute("SELECT payload FROM entries WHERE key = ?", (entry_key,)).fetchone()
            if row is None:
                return None
            doc = json.loads(row[0])
            with contextlib.suppress(Exception):  # recently used: pruned last
                db.execute("UPDATE entries SET used = ? WHERE key = ?", (time.time(), entry_key))
        finally:
            db.close()
    except Exception:  # noqa: BLE001 - a cache that cannot be read is a miss, whatever went wrong
        return None
    return doc if isinstance(doc, dict) else None


def put(folder: Path, entry_key: str, doc: dict[str, Any]) -> None:
    """Store ``doc`` under ``entry_key`` and prune the oldest entries beyond ``KEEP``; failures are ignored."""
    try:
        db = _connect(folder)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT OR REPLACE INTO entries (key, payload, used) VALUES (?, ?, ?)", (entry_key, json.dumps(doc, ensure_ascii=False), time.time()))
            db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM entries ORDER BY used DESC LIMIT ?)", (KEEP,))
            db.execute("COMMIT")
        finally:
            db.close()
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache: the run goes on
        pass
