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

from cqsc.model.dataset import Dataset
from cqsc.model.errors import UsageError
from cqsc.model.problems import Problem, Severity

VERSION = 1

Key = tuple[str, str, str, str]  # rule code, file name, record, field


class BaselineError(UsageError):
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


MAX_BYTES = 32 * 1024 * 1024  # a warning's entry is about 150 bytes: room for 200,000 of them
MAX_COUNT = 1_000_000  # far more warnings of one rule on one field than any data set has
_ENTRY_KEYS = {"rule", "file", "record", "field", "count"}


class _Refused(Exception):
    """Something JSON allows that a baseline never holds (found while parsing, so with no position)."""


def _int(text: str) -> int:
    # Before int(): a 5000-digit number would otherwise end in Python's own digit-limit error.
    if len(text.lstrip("-")) > len(str(MAX_COUNT)):
        raise _Refused(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is too large")
    return int(text)


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number a baseline can hold")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise _Refused(f"the key {next(k for k in keys if keys.count(k) > 1)!r} appears twice in one object")
    return dict(pairs)


def load(path: Path) -> Counter[Key]:
    """The accepted warnings a baseline file lists, read as carefully as a data file; BaselineError if it is not one."""
    from cqsc.model.dataset import read_raw

    raw = read_raw(path, limit=MAX_BYTES, expected="a JSON baseline file")
    if not isinstance(raw, bytes):
        if raw.why == "file not found":
            raise BaselineError(f"{path}: no such baseline file (write one with --update-baseline)")
        raise BaselineError(f"{path}: {raw.why}")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise BaselineError(f"{path}: starts with a byte order mark (BOM); save it as UTF-8 without one")
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_int, parse_constant=_constant, object_pairs_hook=_object)
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{path}: nested too deeply to be a cqsc baseline") from None
    except _Refused as exc:
        raise BaselineError(f"{path}: not a cqsc baseline: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("accepted"), list) or set(data) != {"version", "accepted"}:
        raise BaselineError(f"{path}: not a cqsc baseline (expected an object of a version and an 'accepted' list)")
    version = data["version"]
    if type(version) is not int or version != VERSION:  # bool is an int to Python, and true == 1
        raise BaselineError(f"{path}: baseline version {json.dumps(version)[:20]} is not one this cqsc reads (it reads version {VERSION})")
    out: Counter[Key] = Counter()
    for i, entry in enumerate(data["accepted"], start=1):
        count = entry.get("count", 1) if type(entry) is dict else None
        if type(entry) is not dict or not set(entry) <= _ENTRY_KEYS or not all(type(entry.get(k)) is str for k in ("rule", "file", "record", "field")):
            raise BaselineError(f"{path}: entry {i} needs rule, file, record and field as text, and no other keys than count")
        if type(count) is not int or not 1 <= count <= MAX_COUNT:
            raise BaselineError(f"{path}: entry {i}: count must be a whole number from 1 to {MAX_COUNT}")
        out[(entry["rule"], entry["file"], entry["record"], entry["field"])] += count
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

