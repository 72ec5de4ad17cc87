"""What `cqsc info` says about a data folder: its records, its latest fact, its licence, its git state.

Nothing here guesses: a licence the data does not state is None, a folder outside git has no commit,
and git is asked with a time limit, without a shell, and never waited on for long.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cqsc.model.dataset import Dataset

GIT_TIMEOUT = 3.0  # seconds; a git that takes longer (a network file system, a huge repository) is not waited on
LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "LICENCE.txt", "COPYING")


@dataclass(frozen=True)
class GitState:
    commit: str | None  # the commit checked out; None: not a git work tree (or git said nothing in time)
    dirty: bool | None  # whether the data folder has uncommitted edits; None: not known
    why: str | None = None  # why nothing is known: git not installed, not a repository, timed out


def counts(ds: Dataset) -> dict[str, int]:
    """How many records of each kind the data holds."""
    out: dict[str, int] = {}
    if ds.projects is not None:
        pf = ds.projects
        projects = pf.projects
        counted = getattr(projects, "milestone_count", None)  # rows from the cache: counted from their columns
        out |= {
            "projects": len(projects),
            "milestones": counted() if counted else sum(len(p.milestones) for p in projects),
            "reported_groups": len(pf.aggregates),
            "sources": len(pf.sources),
        }
    if ds.tasks is not None:
        out |= {"areas": len(ds.tasks.areas), "tasks": len(ds.tasks.tasks)}
        out["sources"] = out.get("sources", 0) + len(ds.tasks.sources)
    if ds.annual is not None:
        out |= {"annual_lists": len(ds.annual.lists), "progress_reports": len(ds.annual.progress)}
        out["sources"] = out.get("sources", 0) + len(ds.annual.sources)
    return out


def latest_fact(ds: Dataset) -> str | None:
    """The latest date a fact of the data carries, as written (a plan's due date and a search's day are not facts)."""
    from cqsc.model import walk
    from cqsc.model.dates import date_bounds

    values = [d.value for d in walk.dates(walk.dataset_nodes(ds)) if d.fact]
    return max(values, key=lambda v: date_bounds(v)[1], default=None)


def licence(ds: Dataset | None, folder: Path) -> str | None:
    """The data's licence as the data states it: projects.yaml's publication licence, else a licence file's name."""
    publication = getattr(ds.projects, "publication", None) if ds is not None and ds.projects is not None else None
    if publication is not None and publication.license:
        return str(publication.license)
    for name in LICENCE_FILES:
        if (folder / name).is_file():
            return str(folder / name)
    return None


def _git(folder: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        raise FileNotFoundError("git is not installed")
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    done = subprocess.run(
        [git, "-C", str(folder), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, env=env, stdin=subprocess.DEVNULL, check=False
    )
    return done.stdout if done.returncode == 0 else None


def git_state(folder: Path) -> GitState:
    """The commit the folder's repository has checked out, and whether the folder has uncommitted edits."""
    try:
        commit = _git(folder, "rev-parse", "--verify", "HEAD")
        if commit is None:
            return GitState(None, None, "not in a git repository (or one with no commit)")
        status = _git(folder, "status", "--porcelain", "--untracked-files=normal", "--", ".")
    except FileNotFoundError:
        return GitState(None, None, "git is not installed")
    except subprocess.TimeoutExpired:
        return GitState(None, None, f"git did not answer within {GIT_TIMEOUT:g} s")
    except OSError as exc:
        return GitState(None, None, f"git could not be run: {exc.strerror or exc}")
    return GitState(commit.strip(), None if status is None else bool(status.strip()))
