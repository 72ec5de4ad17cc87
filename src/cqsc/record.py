"""Record a sourced fact in the data files, the way a maintainer would by hand, but checked.

Each kind of fact (a milestone, a figure, a task update) is an entry in ``KINDS``: which
file it goes in, which list of which record, the order its fields are written in and,
for lists kept in date order, where a new item belongs. A later kind (a plan, a
last-checked note) is one more entry.

A write is all or nothing: the new file text is built by inserting lines (yamltext), the
whole data set is loaded and checked with it, and only a fact that brings no error is
written, atomically, while an exclusive lock on the data folder is held, so that two
concurrent ``cqsc record`` runs each see the other's write.
"""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import os
import re
from collections.abc import Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cqsc import yamltext
from cqsc.dataset import PROJECTS_FILE, TASKS_FILE
from cqsc.models import date_bounds
from cqsc.problems import Problem, Severity


class RecordError(Exception):
    """The fact cannot be recorded as asked (an unknown project, a missing file): a usage error."""


@dataclass(frozen=True)
class SourceSpec:
    url: str
    publisher: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Kind:
    """Where one kind of fact lives and how it is written."""

    name: str
    file: str  # file name in the data folder
    section: str  # the top-level list holding the owning records
    key: str  # the owner's identifying field (id, number)
    child: str  # the owner's list the fact is added to
    owner_fields: tuple[str, ...]  # the owner's fields in the order the files keep them
    dated: str | None = None  # the field whose date keeps the list in order


KINDS: dict[str, Kind] = {}


def kind(k: Kind) -> Kind:
    KINDS[k.name] = k
    return k


_PROJECT_FIELDS = (
    "id", "name_en", "name_zh", "identified", "sector", "subsector", "batch", "locations", "figures", "lengths", "milestones", "plans", "sources", "note",
)
_TASK_FIELDS = ("number", "area", "title_en", "title_zh", "updates", "sources", "note")

MILESTONE = kind(Kind("milestone", PROJECTS_FILE, "projects", "id", "milestones", _PROJECT_FIELDS, dated="date"))
FIGURE = kind(Kind("figure", PROJECTS_FILE, "projects", "id", "figures", _PROJECT_FIELDS))
PLAN = kind(Kind("plan", PROJECTS_FILE, "projects", "id", "plans", _PROJECT_FIELDS, dated="made"))
TASK = kind(Kind("task", TASKS_FILE, "tasks", "number", "updates", _TASK_FIELDS, dated="date"))


@dataclass
class Outcome:
    path: Path
    before: str
    after: str
    source_id: str
    source_new: bool
    errors: list[Problem] = field(default_factory=list)
    new_warnings: list[Problem] = field(default_factory=list)
    written: bool = False

    def diff(self, label: str) -> str:
        return "".join(
            difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), f"a/{label}", f"b/{label}")
        )


def source_id(spec: SourceSpec, taken: Container[str | None]) -> str:
    """A stable id from the address: the host's distinctive label and a short hash (``cqcb-2d3ac9``)."""
    host = (urlsplit(spec.url).hostname or "source").lower()
    labels = [lab for lab in host.split(".") if lab not in ("www", "m", "wap", "news", "en", "big5")]
    stem = re.sub(r"[^a-z0-9-]", "", (labels[0] if labels else "source"))[:40].strip("-") or "source"
    digest = hashlib.sha1(spec.url.encode("utf-8")).hexdigest()
    for size in (6, 8, 10, 40):
        candidate = f"{stem}-{digest[:size]}"
        if candidate not in taken:
            return candidate
    raise RecordError(f"no free source id for {spec.url}")  # pragma: no cover - a SHA-1 collision


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the data folder for one read-modify-write."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _build(text: str, k: Kind, owner: Any, fact: list[tuple[str, Any]], spec: SourceSpec, elsewhere: dict[str, str] | None = None) -> tuple[str, str, bool]:
    """The file text with the fact (and its source, if new) inserted; the source id and whether it is new.

    ``elsewhere`` maps the addresses the other data files list to their ids: the sources are one
    register, so an address listed in any file is cited by its id, never listed again.
    """
    doc = yamltext.Document.read(text)
    if doc.parsed.problems or not isinstance(doc.parsed.value, dict):
        raise RecordError("the file does not parse; run `cqsc check` and fix it first")
    top = doc.parsed.value
    sources = top.get("sources") or []
    by_url: dict[Any, str | None] = {**(elsewhere or {}), **{s.get("url"): s.get("id") for s in sources if isinstance(s, dict)}}
    sid = by_url.get(spec.url)
    new_source = sid is None
    if sid is None:
        sid = source_id(spec, {s.get("id") for s in sources if isinstance(s, dict)} | set(by_url.values()))
    values = dict(fact)
    # The files keep a record's sources after what it says, and a note last.
    fields = [(name, v) for name, v in fact if name != "note"] + [("sources", [sid]), ("note", values.get("note"))]

    owners = top.get(k.section) or []
    index = next((i for i, rec in enumerate(owners) if isinstance(rec, dict) and rec.get(k.key) == owner), None)
    if index is None:
        raise RecordError(f"no {k.section[:-1]} with {k.key} {owner!r}")
    rec_path = (k.section, index)
    record = owners[index]
    inserts: list[tuple[int, list[str]]] = []
    if k.child in record and isinstance(record[k.child], list) and record[k.child]:
        items = record[k.child]
        list_path = (*rec_path, k.child)
        indent = doc.item_indent((*list_path, 0))
        at = None
        if k.dated is not None:
            new_start = date_bounds(values[k.dated])[0]
            for j, item in enumerate(items):
                when = item.get(k.dated) if isinstance(item, dict) else None
                if isinstance(when, str) and date_bounds(when)[0] > new_start:
                    at = j
                    break
        lines = yamltext.mapping_item(fields, indent)
        if at is None:
            inserts.append((doc.end_line((*list_path, len(items) - 1)), lines))
        else:
            inserts.append((doc.start_line((*list_path, at)), lines))
    else:
        if k.child in record:
            raise RecordError(f"{k.child} of {owner!r} is not a block list; edit it by hand")
        later = k.owner_fields[k.owner_fields.index(k.child) + 1 :]
        following = next((key for key in record if key in later), None)
        key_indent = doc.key_indent((*rec_path, next(iter(record))))
        lines = [f"{' ' * key_indent}{k.child}:\n", *yamltext.mapping_item(fields, key_indent)]
        if following is not None:
            inserts.append((doc.start_line((*rec_path, following)), lines))
        else:
            inserts.append((doc.end_line(rec_path), lines))
    if new_source:
        src_fields = [("id", sid), ("url", spec.url), ("title", spec.title), ("publisher", spec.publisher), ("published", spec.published)]
        src_path = ("sources",)
        if sources:
            spacer = ["\n"] if doc.blank_separated(src_path) else []
            end = doc.end_line((*src_path, len(sources) - 1))
            inserts.append((end, [*spacer, *yamltext.mapping_item(src_fields, doc.item_indent((*src_path, 0)))]))
        else:
            raise RecordError("the file has no sources list to add the source to")
    for line, new in sorted(inserts, key=lambda x: x[0], reverse=True):
        text = yamltext.insert(text, line, new)
    return text, sid, new_source


def _other_sources(data_dir: Path, file: str) -> dict[str, str]:
    """Address -> id of the sources the other data files list."""
    from cqsc import yamlsafe
    from cqsc.dataset import DATA_FILES, read_raw

    out: dict[str, str] = {}
    for name in DATA_FILES:
        if name == file or not (data_dir / name).is_file():
            continue
        got = read_raw(data_dir / name)
        if not isinstance(got, bytes):
            continue
        value = yamlsafe.parse(got.decode("utf-8", "replace")).value
        for src in value.get("sources") or [] if isinstance(value, dict) else []:
            if isinstance(src, dict) and isinstance(src.get("url"), str) and isinstance(src.get("id"), str):
                out[src["url"]] = src["id"]
    return out


def _problems(data_dir: Path, raw: dict[str, bytes], today: date) -> list[Problem]:
    from cqsc import checks, loader

    ds = loader.load(data_dir, raw)
    if any(p.severity is Severity.error for p in ds.problems):
        return ds.problems
    return ds.problems + checks.run(ds, ctx=checks.Context(today=today))


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.file, p.code, p.message)


def add(data_dir: Path, k: Kind, owner: Any, fact: list[tuple[str, Any]], spec: SourceSpec, *, dry_run: bool = False, today: date | None = None) -> Outcome:
    """Insert one fact with its source into the data in ``data_dir``; write it only if it brings no error."""
    path = data_dir / k.file
    if not path.is_file():
        raise RecordError(f"{path}: no such data file")
    with locked(data_dir):
        before_bytes = path.read_bytes()
        try:
            before = before_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raise RecordError(f"{path}: not valid UTF-8; run `cqsc check`") from None
        after, sid, new_source = _build(before, k, owner, fact, spec, _other_sources(data_dir, k.file))
        out = Outcome(path, before, after, sid, new_source)
        from cqsc.checks import today as data_today

        day = today or data_today()
        old = {_key(p) for p in _problems(data_dir, {}, day)}
        new = _problems(data_dir, {k.file: after.encode("utf-8")}, day)
        out.errors = [p for p in new if p.severity is Severity.error]
        out.new_warnings = [p for p in new if p.severity is Severity.warning and _key(p) not in old]
        if out.errors or dry_run:
            return out
        from cqsc import atomic

        atomic.write_text(path, after)
        out.written = True
        return out
