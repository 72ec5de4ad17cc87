"""The loaded data set, and each file with its positions worked out on demand.

Kept apart from the loader so that a cached data set can be unpickled without
importing the YAML machinery: positions are only needed on the error path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cqsc.model.problems import English, Problem, Said, Severity, plain

PROJECTS_FILE = "projects.yaml"
TASKS_FILE = "tasks.yaml"
ANNUAL_FILE = "annual.yaml"  # optional: the later annual lists
DATA_FILES = (PROJECTS_FILE, TASKS_FILE, ANNUAL_FILE)
MAX_FILE_BYTES = 256 * 1024 * 1024


def display_path(path: Path) -> str:
    """The path as the user would type it: relative below the working directory, else absolute."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


@dataclass(frozen=True)
class Unreadable:
    """Why a data file's bytes cannot be had; ``io`` for an operating-system error rather than a wrong file."""

    said: Said  # the reason, from the catalogue's templates (the kind of file expected is part of the template)
    io: bool = False

    @property
    def why(self) -> str:
        return self.said.english


_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}


def read_raw(path: Path, *, limit: int | None = None, expected: str = "a YAML data file") -> bytes | Unreadable:
    """A data file's bytes, or why they cannot be had (``expected`` names the kind of file in messages).

    Only a regular file is read (a symbolic link is followed). A FIFO, a device or a socket is refused
    before a byte is read, so that none can block the run or feed it without end (/dev/zero has no
    size to check); the file is opened without blocking and read up to the size cap and no further.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        if path.is_symlink() and not path.exists():
            return Unreadable(plain("is a symbolic link to {target}, which does not exist", target=os.readlink(path)))
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            return Unreadable(plain(f"is a directory; expected {expected}"))
        if not stat.S_ISREG(st.st_mode):
            return Unreadable(plain(f"is {_KINDS.get(stat.S_IFMT(st.st_mode), 'not a regular file')}; expected {expected}"))
        if st.st_size > limit:
            return Unreadable(plain("is {size} bytes; files larger than {limit} bytes are refused", size=st.st_size, limit=limit))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the stat above
                return Unreadable(plain(f"is not a regular file; expected {expected}"))
            chunks, size = [], 0
            while size <= limit and (chunk := os.read(fd, 1 << 20)):
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        if size > limit:
            return Unreadable(plain("is more than {limit} bytes; files that large are refused", limit=limit))
        return b"".join(chunks)
    except FileNotFoundError:
        return Unreadable(plain("file not found"))
    except OSError as exc:
        return Unreadable(plain("cannot be read: {why}", why=English(str(exc.strerror or exc))), io=True)


if TYPE_CHECKING:
    from cqsc.model.parsed import Mark, Parsed
    from cqsc.model.records import AnnualFile, ProjectsFile, TasksFile


@dataclass
class DataFile:
    """One data file as read: its text and values, with positions worked out on demand."""

    path: Path
    display: str
    text: str | None = None  # None when restored from the cache: read again if positions are needed
    _parsed: Parsed | None = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)
    # When some records failed validation: for each top-level list, the file index of each record kept.
    kept: dict[str, list[int]] = field(default_factory=dict, repr=False)
    # How positions are worked out from the text: the loader's careful YAML reader (none: no positions).
    reader: Callable[[str], Parsed] | None = field(default=None, repr=False)

    def _text(self) -> str:
        # Restored from the cache, a file's text is read again only if a problem ever needs a position.
        if self.text is None:
            got = read_raw(self.path)
            self.text = got.decode("utf-8-sig", "replace") if isinstance(got, bytes) else ""
        return self.text

    def _positions(self) -> Parsed:
        if self._parsed is None:
            from cqsc.model.parsed import Parsed

            self._parsed = self.reader(self._text()) if self.reader is not None else Parsed()
        return self._parsed

    def mark(self, path: tuple[Any, ...], *, key: bool = False) -> Mark | None:
        """The position of the value at ``path`` (or its key), else of its nearest ancestor."""
        parsed = self._positions()
        if len(path) > 1 and path[0] in self.kept and isinstance(path[1], int):
            # The records that loaded sit at other indexes than in the file when some did not.
            path = (path[0], self.kept[path[0]][path[1]], *path[2:])
        if key and path in parsed.key_marks:
            return parsed.key_marks[path]
        while path:
            if path in parsed.marks:
                return parsed.marks[path]
            path = path[:-1]
        return parsed.marks.get(())

    def excerpt(self, line: int | None) -> str | None:
        if line is None:
            return None
        if self._lines is None:
            self._lines = self._text().split("\n")  # YAML's lines, as positions count them (linebreaks.py)
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1].rstrip()[:160]
        return None

    def problem(
        self,
        rule: tuple[str, str],
        message: Said,
        path: tuple[Any, ...] = (),
        *,
        key: bool = False,
        severity: Severity = Severity.error,
    ) -> Problem:
        mark = self.mark(path, key=key)
        line, col = (mark.line, mark.col) if mark else (None, None)
        return Problem(self.display, line, col, rule[0], rule[1], severity, message, self.excerpt(line), path)


@dataclass
class Dataset:
    projects: ProjectsFile | None = None
    tasks: TasksFile | None = None
    annual: AnnualFile | None = None
    files: dict[str, DataFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    partial: bool = False  # some records failed validation and were left out; the rest loaded
    # Where results worked out from this data can be kept for the next run (cache.Memo), when it is cached.
    memo: Any = field(default=None, repr=False)
