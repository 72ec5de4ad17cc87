"""Which data folder a command reads: the one the maintainer is editing, not a copy elsewhere.

In this order: ``--data-dir``; ``CQSC_DATA_DIR``; the nearest folder holding ``projects.yaml``
or ``data/projects.yaml`` from the working directory upwards, stopping at the repository root (the first
folder holding ``.git``) or the filesystem root; then the copy bundled with cqsc.
A clone of the repository therefore reads its own ``data/`` from anywhere inside
it, with no option, while outside any clone the bundled data answers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cqsc.model.dataset import PROJECTS_FILE

ENV_VAR = "CQSC_DATA_DIR"


class Origin(StrEnum):
    option = "--data-dir"
    env = ENV_VAR
    nearest = "nearest data/ folder"
    bundled = "bundled with cqsc"


@dataclass(frozen=True)
class DataDir:
    path: Path
    origin: Origin

    def describe(self) -> str:
        return f"{self.path} ({self.origin.value})"


def bundled() -> Path:
    """The data shipped inside the package (or, in a source checkout, the repository's data/)."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "data"
    return inside if (inside / PROJECTS_FILE).is_file() else package.parent.parent / "data"


def nearest(start: Path) -> Path | None:
    """The nearest data folder at or above ``start``, not looking past a repository root.

    A data folder is one holding ``projects.yaml`` itself (what ``cqsc init DIR`` makes, found from inside
    it) or a ``data/`` folder holding it (a clone of this repository, found from anywhere inside it).
    """
    try:
        folder = start.absolute()
    except OSError:  # the working directory was removed under us
        return None
    for candidate in (folder, *folder.parents):
        data = candidate / "data"
        try:
            if (candidate / PROJECTS_FILE).is_file():
                return candidate
            if (data / PROJECTS_FILE).is_file():
                return data
            if (candidate / ".git").exists():
                return None
        except OSError:  # an unreadable folder on the way up ends the search, it does not crash it
            return None
    return None


def missing(found: DataDir) -> str | None:
    """Why the folder given (--data-dir, CQSC_DATA_DIR) cannot be a data folder at all, or None.

    A name that is no folder is a mistake in what was typed (a usage error), not a problem in the data.
    """
    if found.origin not in (Origin.option, Origin.env):
        return None
    try:
        if found.path.is_dir():
            return None
        what = "is not a folder" if found.path.exists() else "does not exist"
    except OSError:
        return None  # cannot even be looked at: reading it says why (an I/O error)
    name = "--data-dir" if found.origin is Origin.option else ENV_VAR
    return f"{name} {found.path}: {what}"


def find(option: Path | None = None, *, cwd: Path | None = None, environ: os._Environ[str] | dict[str, str] | None = None) -> DataDir:
    """The data folder a command should read, and how it was chosen."""
    if option is not None:
        return DataDir(option, Origin.option)
    env = (os.environ if environ is None else environ).get(ENV_VAR)
    if env:
        return DataDir(Path(env), Origin.env)
    if cwd is None:
        try:
            cwd = Path.cwd()
        except OSError:
            cwd = None
    found = nearest(cwd) if cwd is not None else None
    if found is not None:
        return DataDir(found, Origin.nearest)
    return DataDir(bundled(), Origin.bundled)


BASELINE_FILE = ".cqsc-baseline.json"


def default_baseline(data: Path) -> Path:
    """Where a new accepted-warnings file goes: a clone's root for its ``data/``, else inside the data folder."""
    return _baseline_places(data)[-1]


def _baseline_places(data: Path) -> list[Path]:
    """Inside the data folder first; beside it only for a clone's ``data/`` (whose root is the project's)."""
    return [data / BASELINE_FILE] + ([data.parent / BASELINE_FILE] if data.name == "data" else [])


def baseline_for(data: Path) -> tuple[Path | None, str | None]:
    """The accepted-warnings file that goes with a data folder, and why one that is there was passed over.

    Passed over (with the reason, for a note on stderr): anything but a regular file, and a file another
    user owns or can write, which could hide this user's warnings.
    """
    import stat

    for candidate in _baseline_places(data):
        try:
            st = os.lstat(candidate)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            return None, f"{candidate} is not a regular file"
        if st.st_uid != os.geteuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None, f"{candidate} is owned or writable by another user"
        return candidate, None
    return None, None
