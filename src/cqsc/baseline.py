"""Accepted warnings, so that `cqsc check --strict` fails on what is new and only on that.

Each entry names a rule, a file, a record and a field, with how many such warnings are
accepted there; never a line number or a message, so that inserting a record above (a
`cqsc record` write) or a month passing (a stale project's age in its message) does not
turn an accepted warning into a new one. List positions inside a record are left out
for the same reason (``milestones[].date``); the count says how many are accepted.
A warning beyond the count, of another rule, or on another record or field is new.
Errors are never accepted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cqsc.dataset import Dataset
from cqsc.problems import Problem, Severity

VERSION = 1

Key = tuple[str, str, str, str]  # rule code, file name, record, field


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


def _record_name(ds: Dataset, file_key: str, path: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """``projects/yuxi-hsr`` and the rest of the path, for a problem at ``path`` in a file."""
    if not path:
        return "(file)", ()
    section, rest = path[0], path[1:]
    if not rest or not isinstance(rest[0], int):
        return str(section), rest
    holder = {"projects": ds.projects, "tasks": ds.tasks, "annual": ds.annual}.get(file_key)
    items = getattr(holder, str(section), None) if holder is not None else None
    index = rest[0]
    ident: Any = index
    if isinstance(items, Sequence) and not isinstance(items, str) and 0 <= index < len(items):  # a list, or rows from the cache
        item = items[index]
        for attr in ("id", "number", "year", "list_year", "as_of", "reported"):
            value = getattr(item, attr, None)
            if value is not None:
                ident = value
                break
    return f"{section}/{ident}", rest[1:]


def key(ds: Dataset, p: Problem) -> Key:
    file_key = next((k for k, doc in ds.files.items() if doc.display == p.file), Path(p.file).stem)
    record, rest = _record_name(ds, file_key, tuple(getattr(p, "path", ()) or ()))
    field = ".".join("[]" if isinstance(part, int) else str(part) for part in rest).replace(".[]", "[]")
    return (p.code, f"{file_key}.yaml", record, field)


@dataclass
class Split:
    new: list[Problem]
    accepted: list[Problem]
    unused: int  # accepted entries (counted) that no longer occur


def load(path: Path) -> Counter[Key]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("accepted"), list):
        raise BaselineError(f"{path}: not a cqsc baseline (expected version {VERSION} with an 'accepted' list)")
    out: Counter[Key] = Counter()
    for i, entry in enumerate(data["accepted"], start=1):
        try:
            k = (entry["rule"], entry["file"], entry["record"], entry["field"])
            count = entry.get("count", 1)
            if not all(isinstance(x, str) for x in k) or not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise TypeError
        except (TypeError, KeyError):
            raise BaselineError(f"{path}: entry {i} needs rule, file, record and field as text and a count of at least 1") from None
        out[k] += count
    return out


def split(ds: Dataset, problems: list[Problem], accepted: Counter[Key]) -> Split:
    """Which problems the baseline accepts and which are new (errors are always new)."""
    left = Counter(accepted)
    new, ok = [], []
    for p in problems:
        k = key(ds, p)
        if p.severity is Severity.warning and left[k] > 0:
            left[k] -= 1
            ok.append(p)
        else:
            new.append(p)
    return Split(new, ok, sum(left.values()))


def text(ds: Dataset, problems: list[Problem]) -> str:
    """The baseline that accepts every warning among ``problems``, as stable, reviewable JSON."""
    counts = Counter(key(ds, p) for p in problems if p.severity is Severity.warning)
    entries = [
        json.dumps({"rule": r, "file": f, "record": rec, "field": fld, "count": n}, ensure_ascii=False) for (r, f, rec, fld), n in sorted(counts.items())
    ]
    # One entry a line, so that a review sees exactly which warnings were accepted or dropped.
    body = ",\n".join(f"  {e}" for e in entries)
    return f'{{"version": {VERSION}, "accepted": [\n{body}\n]}}\n' if entries else f'{{"version": {VERSION}, "accepted": []}}\n'

