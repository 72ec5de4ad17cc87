"""The text of `cqsc info`: what the API's info record says, a line each, in the reader's language.

JSON gives the record itself (its English words are its contract); this is the reader's view of it.
"""

from __future__ import annotations

from typing import Any

from cqsc.model.options import Lang
from cqsc.text.lang import join, t
from cqsc.text.numbers import counted

# The info record's counts, by key, as counted nouns.
NOUNS = {
    "projects": "project", "milestones": "milestone", "reported_groups": "reported group", "sources": "source",
    "areas": "area", "tasks": "task", "annual_lists": "annual list", "progress_reports": "progress report",
}


def info_text(record: dict[str, Any], version: str, lang: Lang) -> str:
    files, git = record["files"], record["git"]
    present = next(iter(files.values()), False)
    if record["counts"] is None:
        holds = t(lang, "not read: the data has problems (`cqsc check` lists them)") if present else t(lang, "nothing (no projects.yaml)")
    else:
        holds = join(lang, (counted(n, NOUNS[k], lang) for k, n in record["counts"].items()))
    if git["commit"] is not None:
        commit = git["commit"][:12]
        state = git["uncommitted_edits"]
        if state is None:
            git_line = t(lang, "  git: {commit}, edits unknown", commit=commit)
        elif state:
            git_line = t(lang, "  git: {commit}, uncommitted edits in the data folder", commit=commit)
        else:
            git_line = t(lang, "  git: {commit}, no uncommitted edits", commit=commit)
    else:
        git_line = t(lang, "  git: unknown ({why})", why=t(lang, git["unknown_because"]))
    cache = "cache: {folder} (disabled by CQSC_NO_CACHE)" if record["cache_disabled"] else "cache: {folder}"
    lines = [
        f"cqsc {version}",
        t(lang, "data: {folder}", folder=record["data_dir"]),
        t(lang, "  found by: {how}", how=t(lang, record["found_by"])),
        *(t(lang, "  {name}: present" if ok else "  {name}: absent", name=name) for name, ok in files.items()),
        t(lang, "  holds: {what}", what=holds),
        t(lang, "  latest fact: {day}", day=record["latest_fact"] or t(lang, "none")),
        t(lang, "  licence: {licence}", licence=record["licence"] or t(lang, "not stated in the data folder")),
        git_line,
        t(lang, cache, folder=record["cache_dir"]),
    ]
    return "".join(f"{line}\n" for line in lines)
