"""Record a sourced fact in the data files, the way a maintainer would by hand, but checked.

Each kind of fact (a milestone, a figure, a task update) is an entry in ``KINDS``: which
file it goes in, which list of which record, the order its fields are written in and,
for lists kept in date order, where a new item belongs. A later kind (a plan, a
last-checked note) is one more entry.

A write is all or nothing: the new file text is built by inserting lines (yamltext), then
proved (``prove``: read back, it is the old data plus exactly the fact, and the diff is the
added lines only), then the whole data set is loaded and checked with it, and only a fact
that passes both is written, atomically, while exclusive locks on the data files themselves
(behind any symbolic link) are held, so that two concurrent ``cqsc record`` runs each see the
other's write, whichever folder they name the file by. The placement code finds where lines
go; the proof is what makes a write safe, for every kind, present and future.
"""

from __future__ import annotations

import difflib
import errno
import fcntl
import hashlib
import os
import re
import stat
import time
from collections.abc import Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cqsc.edit import yamltext
from cqsc.model.dataset import PROJECTS_FILE, TASKS_FILE
from cqsc.model.errors import CqscError, FileError, UsageError
from cqsc.model.problems import Problem, Severity
from cqsc.model.records import date_bounds
from cqsc.text import linebreaks


class RecordError(UsageError):
    """The fact cannot be recorded as asked (an unknown project, a missing file): a usage error."""


class Unsafe(CqscError):
    """The fact cannot be placed safely in the file as it is written; nothing was written."""


class Busy(FileError, OSError):
    """A data file cannot be locked: another process holds it for longer than ``LOCK_WAIT``, or it cannot be opened."""


LOCK_WAIT = 10.0  # seconds to wait for another `cqsc record` (or an editor holding a lock) to finish


@dataclass(frozen=True)
class SourceSpec:
    url: str
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    via: str | None = None  # a repost: the site it was read on; publisher stays the original outlet


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
    top: bool = False  # the fact is an item of the section itself (a project, a source), with no owner
    cites: bool = True  # the item cites the source it is read from (a last-checked note records a search, and cites none)


KINDS: dict[str, Kind] = {}


def kind(k: Kind) -> Kind:
    KINDS[k.name] = k
    return k


_PROJECT_FIELDS = (
    "id", "name_en", "name_zh", "identified", "sector", "subsector", "batch", "locations", "figures", "lengths", "milestones", "plans", "last_checked", "sources", "note",
)
_TASK_FIELDS = ("number", "area", "title_en", "title_zh", "updates", "sources", "note")

MILESTONE = kind(Kind("milestone", PROJECTS_FILE, "projects", "id", "milestones", _PROJECT_FIELDS, dated="date"))
FIGURE = kind(Kind("figure", PROJECTS_FILE, "projects", "id", "figures", _PROJECT_FIELDS))
PLAN = kind(Kind("plan", PROJECTS_FILE, "projects", "id", "plans", _PROJECT_FIELDS, dated="made"))
TASK = kind(Kind("task", TASKS_FILE, "tasks", "number", "updates", _TASK_FIELDS, dated="date"))
PROJECT = kind(Kind("project", PROJECTS_FILE, "projects", "id", "", _PROJECT_FIELDS, top=True))
# A source of projects.yaml; `record source --file tasks` uses it with TASKS_FILE (dataclasses.replace).
SOURCE = kind(Kind("source", PROJECTS_FILE, "sources", "id", "", ("id", "url", "title", "publisher", "published", "note"), top=True))
LAST_CHECKED = kind(Kind("last-checked", PROJECTS_FILE, "projects", "id", "last_checked", _PROJECT_FIELDS, dated="date", cites=False))


@dataclass
class Outcome:
    path: Path
    before: str
    after: str
    source_id: str | None  # None: the item cites no source
    source_new: bool
    errors: list[Problem] = field(default_factory=list)
    new_warnings: list[Problem] = field(default_factory=list)
    written: bool = False

    def diff(self, label: str) -> str:
        return "".join(difflib.unified_diff(linebreaks.split(self.before), linebreaks.split(self.after), f"a/{label}", f"b/{label}"))


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
def locked(paths: list[Path]) -> Iterator[None]:
    """Hold an exclusive lock on each of the files behind ``paths`` (links resolved) for one read-modify-write.

    The lock is on the file that is written, not on the folder that names it, so that two folders linking
    one projects.yaml take turns; the files are locked in one order, so that two runs cannot deadlock.
    """
    real = sorted({Path(os.path.realpath(p)) for p in paths})
    fds: list[int] = []
    try:
        for path in real:
            fd = _lock(path)
            if fd is not None:
                fds.append(fd)
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing releases the lock


def _lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive flock on the regular file ``path``; None for anything else."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None  # a FIFO or device: never opened here (the loader refuses it)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise Busy(exc.errno or errno.EIO, f"{path}: cannot be opened to lock it: {exc.strerror or exc}; nothing was written") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                holder = _holder(st)
                by = f" by process {holder}" if holder else ""
                raise Busy(errno.EWOULDBLOCK, f"{path}: locked{by} (another `cqsc record`?) for more than {LOCK_WAIT:g} s; nothing was written") from None
            time.sleep(0.05)
            continue
        except BaseException:
            os.close(fd)
            raise
        # The holder may have replaced the file while we waited (an atomic write is a new file): lock that one.
        now = os.fstat(fd)
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        if current is not None and (current.st_ino, current.st_dev) == (now.st_ino, now.st_dev):
            return fd
        os.close(fd)


def _holder(st: os.stat_result) -> int | None:
    """The process holding a flock on the file ``st`` describes, as Linux's /proc/locks says; None if unknown."""
    want = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) > 5 and parts[1] == "FLOCK" and parts[5] == want and parts[4].isdigit():
                    return int(parts[4])
    except OSError:
        pass
    return None


@dataclass(frozen=True)
class Plan:
    """The new file text, and what it must read as: the old data with ``item`` at ``at`` in the owner's list."""

    text: str
    source_id: str | None  # None: the item cites no source (``Kind.cites``)
    source: dict[str, Any] | None  # the new source's entry, None when the address is already listed or none is cited
    owner: int | None  # the owner's index in its section; None when the item goes in the section itself
    at: int  # where the item goes in the owner's list (or the section)
    item: dict[str, Any]
    old: Any = None  # the data as the file held it, as the careful reader read it; read again when None


def _build(
    text: str, k: Kind, owner: Any, fact: list[tuple[str, Any]], spec: SourceSpec | None, elsewhere: dict[str, str] | None = None, *, over_comments: bool = True
) -> Plan:
    """The file text with the fact (and its source, if new) inserted, and what it must read as.

    ``elsewhere`` maps the addresses the other data files list to their ids: the sources are one
    register, so an address listed in any file is cited by its id, never listed again.
    ``over_comments`` places a new last item above the comments and blank lines that end a list
    (yamltext.Document.end_line).
    """
    doc, top, sources, by_url = _read(text, elsewhere)
    if k.top:
        assert spec is not None  # a project comes with its first source; a source is one
        return _build_top(doc, k, fact, spec, sources, by_url, over_comments=over_comments)
    sid = None if spec is None else by_url.get(spec.url)
    if spec is not None and sid is not None:
        _agrees(spec, sources, sid)
    new_source = spec is not None and sid is None
    if spec is not None and sid is None:
        sid = source_id(spec, {s.get("id") for s in sources if isinstance(s, dict)} | set(by_url.values()))
    values = dict(fact)
    # The files keep a record's sources after what it says, and a note last.
    cites = [("sources", [sid])] if spec is not None else []
    fields = [(name, v) for name, v in fact if name != "note"] + cites + [("note", values.get("note"))]

    owners = top.get(k.section) or []
    if not isinstance(owners, list):
        raise RecordError(f"{k.section} is not a list; run `cqsc check` and fix it first")
    index = next((i for i, rec in enumerate(owners) if isinstance(rec, dict) and rec.get(k.key) == owner), None)
    if index is None:
        raise RecordError(f"no {k.section[:-1]} with {k.key} {owner!r}")
    rec_path = (k.section, index)
    record = owners[index]
    for path, what in (((k.section,), k.section), (rec_path, f"the {k.section[:-1]} {owner!r}"), ((*rec_path, k.child), f"{k.child} of {owner!r}")):
        if path in doc.parsed.marks and _flow(doc, path) and not (path[-1] == k.child and record.get(k.child) == []):
            raise RecordError(f"{what} is not a block list; edit it by hand")
    inserts: list[tuple[int, list[str], bool]] = []
    if k.child in record and isinstance(record[k.child], list) and record[k.child]:
        items = record[k.child]
        list_path = (*rec_path, k.child)
        indent = doc.item_indent((*list_path, 0))
        at = None
        if k.dated is not None:
            new_start = date_bounds(values[k.dated])[0]
            for j, item in enumerate(items):
                when = _start(item.get(k.dated) if isinstance(item, dict) else None)
                if when is not None and when > new_start:
                    at = j
                    break
        lines = yamltext.mapping_item(fields, indent)
        if at is None:
            inserts.append((doc.end_line((*list_path, len(items) - 1), over_comments=over_comments), lines, False))
            at = len(items)
        else:
            inserts.append((doc.start_line((*list_path, at)), lines, False))
    elif record.get(k.child) == []:  # `milestones: []`: opened, as `init` writes its empty lists
        at = 0
        inserts.append(_append(doc, (*rec_path, k.child), f"{k.child} of {owner!r}", lambda indent: yamltext.mapping_item(fields, indent), over_comments))
    else:
        if k.child in record:
            raise RecordError(f"{k.child} of {owner!r} is not a block list; edit it by hand")
        at = 0
        later = k.owner_fields[k.owner_fields.index(k.child) + 1 :]
        following = next((key for key in record if key in later), None)
        key_indent = doc.key_indent((*rec_path, next(iter(record))))
        lines = [f"{' ' * key_indent}{k.child}:\n", *yamltext.mapping_item(fields, key_indent)]
        if following is not None:
            inserts.append((doc.start_line((*rec_path, following)), lines, False))
        else:
            inserts.append((doc.end_line(rec_path, over_comments=over_comments), lines, False))
    source = None
    if new_source and spec is not None and sid is not None:
        src_fields = _source_fields(sid, spec)
        source = _plain(src_fields)
        inserts.append(_source_insert(doc, src_fields, over_comments))
    item = {name: v for name, v in fields if v is not None}
    return Plan(_apply(text, inserts), sid, source, index, at, item, top)


def _read(text: str, elsewhere: dict[str, str] | None) -> tuple[yamltext.Document, dict[str, Any], list[Any], dict[Any, str | None]]:
    """The parsed file, its top mapping, its sources and the address -> id of every source listed (here or elsewhere)."""
    doc = yamltext.Document.read(text)
    if doc.parsed.problems or not isinstance(doc.parsed.value, dict):
        first = doc.parsed.problems[0] if doc.parsed.problems else None
        where = f" (line {first.mark.line}: {first.message})" if first is not None else ""
        raise RecordError(f"the file does not parse{where}; run `cqsc check` and fix it first")
    top = doc.parsed.value
    listed = top.get("sources")
    sources: list[Any] = listed if isinstance(listed, list) else []
    by_url: dict[Any, str | None] = {**(elsewhere or {}), **{s.get("url"): s.get("id") for s in sources if isinstance(s, dict)}}
    return doc, top, sources, by_url


def _agrees(spec: SourceSpec, sources: list[Any], sid: str) -> None:
    """Refuse what a listed source would silently not take: record never edits a listed item, it only adds."""
    listed = next((s for s in sources if isinstance(s, dict) and s.get("id") == sid), None)
    if listed is None:  # listed in another data file: its fields are checked there by `cqsc check`
        return
    for name in ("title", "publisher", "via", "published"):
        given = getattr(spec, name)
        if given is not None and str(listed.get(name)) != given:
            now = "no " + name if listed.get(name) is None else f"{name} {listed.get(name)!r}"
            raise RecordError(f"{spec.url} is already listed, as source {sid}, with {now}: --{name} {given!r} would be lost; "
                              "record the fact without it, and edit the source by hand if it is wrong")


def _build_top(
    doc: yamltext.Document, k: Kind, fact: list[tuple[str, Any]], spec: SourceSpec, sources: list[Any], by_url: dict[Any, str | None], *, over_comments: bool
) -> Plan:
    """The file text with a new item of the section itself (a project with its first source, or a source)."""
    top = doc.parsed.value
    listed = by_url.get(spec.url)
    if listed is not None and k.section != "sources":
        _agrees(spec, sources, listed)
    taken = {s.get("id") for s in sources if isinstance(s, dict)} | set(by_url.values())
    inserts: list[tuple[int, list[str], bool]] = []
    source = None
    if k.section == "sources":
        if listed is not None:
            raise RecordError(f"{spec.url} is already listed, as source {listed}; records cite it by that id")
        sid = source_id(spec, taken)
        fields = [*_source_fields(sid, spec), *((name, v) for name, v in fact if name == "note")]
    else:
        owners = top.get(k.section)
        if not isinstance(owners, list):
            raise RecordError(f"the file has no {k.section} list; run `cqsc check` and fix it first")
        new_id = dict(fact).get(k.key)
        if any(isinstance(rec, dict) and rec.get(k.key) == new_id for rec in owners):
            raise RecordError(f"a {k.section[:-1]} with {k.key} {new_id!r} is already listed; `cqsc show {new_id}` shows it")
        sid = listed if listed is not None else source_id(spec, taken)
        fields = [(name, v) for name, v in fact if name != "note"] + [("sources", [sid]), ("note", dict(fact).get("note"))]
        if listed is None:
            src_fields = _source_fields(sid, spec)
            source = _plain(src_fields)
            inserts.append(_source_insert(doc, src_fields, over_comments))
    at = len(top.get(k.section) or [])
    inserts.append(_append(doc, (k.section,), k.section, lambda indent: _item_lines(fields, indent), over_comments))
    return Plan(_apply(doc.text, inserts), sid, source, None, at, _plain(fields), top)


def _source_fields(sid: str, spec: SourceSpec) -> list[tuple[str, Any]]:
    return [("id", sid), ("url", spec.url), ("title", spec.title), ("publisher", spec.publisher), ("via", spec.via), ("published", spec.published)]


def _source_insert(doc: yamltext.Document, src_fields: list[tuple[str, Any]], over_comments: bool) -> tuple[int, list[str], bool]:
    if "sources" not in doc.parsed.value:
        raise RecordError("the file has no sources list to add the source to")
    return _append(doc, ("sources",), "sources", lambda indent: yamltext.mapping_item(src_fields, indent), over_comments)


def _nested(value: Any) -> bool:
    """Whether a field's value is a list of records (a project's locations), written as a block list of its own."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, list) for v in value)


def _plain(fields: list[tuple[str, Any]]) -> dict[str, Any]:
    """The data ``fields`` stand for, as the file will read: None left out, nested records as mappings."""
    return {name: [_plain(v) for v in value] if _nested(value) else value for name, value in fields if value is not None}


def _item_lines(fields: list[tuple[str, Any]], indent: int) -> list[str]:
    """A block list item like yamltext.mapping_item, with each list of records as a nested block list."""
    out: list[str] = []
    for name, value in fields:
        if value is None:
            continue
        lead = " " * indent + ("- " if not out else "  ")
        if _nested(value):
            out.append(f"{lead}{name}:\n")
            for sub in value:
                out += _item_lines(sub, indent + 2)
        else:
            out += [lead + line[2:] for line in yamltext.mapping_item([(name, value)], 0)]
    return out


def opened(line: str) -> str | None:
    """The line ``key: []`` (an empty list, as `cqsc init` writes it) as ``key:``, ready for block items; else None."""
    m = _EMPTY_FLOW.match(line)
    if m is None:
        return None
    return f"{m['head']}{' ' + m['tail'] if m['tail'] else ''}{m['eol']}"


_EMPTY_FLOW = re.compile(r"(?P<head>[^#'\"\r\n\[]*:)[ \t]+\[\][ \t]*(?P<tail>#[^\r\n]*)?(?P<eol>\r?\n|)")


def _append(doc: yamltext.Document, path: tuple[Any, ...], what: str, make: Any, over_comments: bool) -> tuple[int, list[str], bool]:
    """Where to put a new last item of the list at ``path``, its lines (``make(indent)``) and whether its line opens first.

    A block list gains the item after its last one (set apart by a blank line when its items are);
    an empty ``key: []`` is opened to ``key:`` and gains the item on the next line.
    """
    value = doc.value(path)
    if not isinstance(value, list) or path not in doc.parsed.marks:
        raise RecordError(f"{what} is not a list; run `cqsc check` and fix it first")
    if _flow(doc, path):
        line = doc.parsed.marks[path].line
        if value == [] and path in doc.parsed.key_marks and doc.parsed.key_marks[path].line == line and opened(doc.lines[line - 1]) is not None:
            return (line + 1, make(doc.key_indent(path)), True)
        raise RecordError(f"{what} is not a block list; edit it by hand")
    spacer = ["\n"] if doc.blank_separated(path) else []
    end = doc.end_line((*path, len(value) - 1), over_comments=over_comments)
    return (end, [*spacer, *make(doc.item_indent((*path, 0)))], False)


def _apply(text: str, inserts: list[tuple[int, list[str], bool]]) -> str:
    """``text`` with each run of lines inserted before its line, from the last up; an opened list's line first opened."""
    for line, new, opens in sorted(inserts, key=lambda x: x[0], reverse=True):
        if opens:
            lines = linebreaks.split(text)
            lines[line - 2] = opened(lines[line - 2]) or lines[line - 2]
            text = "".join(lines)
        text = yamltext.insert(text, line, new)
    return text


def _start(value: Any) -> date | None:
    """The first day a date in the file may stand for; None for anything that is not a real date (check says so)."""
    from cqsc.model.records import _partial_date

    if not isinstance(value, str):
        return None
    try:
        return date_bounds(_partial_date(value))[0]
    except ValueError:
        return None


def _flow(doc: yamltext.Document, path: tuple[Any, ...]) -> bool:
    """Whether the list or mapping at ``path`` is written in flow style (``[...]``, ``{...}``)."""
    mark = doc.parsed.marks[path]
    lines = doc.lines
    line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
    return line[mark.col - 1 : mark.col] in ("[", "{")


def same(a: Any, b: Any) -> bool:
    """Whether two plain YAML values are the same data: == that tells true from 1 and 1 from "1".

    A number is a number whether it reads as an int or a Decimal (700 is written as it is and reads back an int).
    """
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        tx, ty = type(x), type(y)
        if tx is dict:
            if ty is not dict or x.keys() != y.keys():
                return False
            stack.extend((v, y[key]) for key, v in x.items())
        elif tx is list:
            if ty is not list or len(x) != len(y):
                return False
            stack.extend(zip(x, y, strict=True))
        elif tx is not ty and not (tx in (int, Decimal) and ty in (int, Decimal)):
            return False
        elif x != y:
            return False
    return True


def _read_all(text: str, section: str) -> Any:
    """The plain data of ``text`` as every reader of cqsc's reads it; raise Unsafe unless all agree.

    The loader's fast reader, the careful reader that gives positions and, for a file the loader may
    cut into items (chunks.py), the items read on their own and the rest read apart.
    """
    from cqsc.loading import chunks, yamlsafe

    fast = yamlsafe.parse(text)
    careful = yamlsafe.parse(text, positions=True)
    if fast.problems or careful.problems:
        first = (fast.problems or careful.problems)[0]
        raise Unsafe(f"the file would not read cleanly with it (line {first.mark.line}: {first.message})")
    value = fast.value
    if not same(careful.value, value):
        raise Unsafe("cqsc's two YAML readers would read the file with it differently")
    split = chunks.split(text, section)
    if split is not None:
        rest = yamlsafe.parse(split.skeleton)
        items = yamlsafe.parse("".join(split.items))
        if rest.problems or items.problems or not isinstance(rest.value, dict) or not isinstance(items.value, list):
            raise Unsafe("the file would not read cleanly item by item with it")
        rest.value[section] = items.value
        if not same(rest.value, value):
            raise Unsafe("the file would read differently item by item than whole with it")
    return value


def prove(before: str, after: str, k: Kind, plan: Plan) -> None:
    """Raise Unsafe unless ``after`` is ``before`` with exactly the planned item (and source) added, by added lines only.

    The one proof every kind goes through: read back by each of cqsc's readers, the new text must be the
    old data with one item added to the owner's list, or to the section itself for a project or a source
    (and one source to the sources when it is new), and its lines the old lines with new ones inserted,
    each ending as the file's lines end; the only old line that may change is an empty ``key: []`` opened
    to ``key:`` (``opened``), which the data's equality then proves gained exactly the new item.
    """
    from cqsc.loading import yamlsafe

    old = yamlsafe.parse(before) if plan.old is None else yamlsafe.Parsed(plan.old, False)
    if old.problems or not isinstance(old.value, dict):
        raise Unsafe("the file does not read cleanly as it is")
    # The old data with the item (and source) added, copied only along the paths that change.
    expected = dict(old.value)
    owners = expected[k.section] = list(expected[k.section])
    if plan.owner is None:
        owners.insert(plan.at, plan.item)
    else:
        record = owners[plan.owner] = dict(owners[plan.owner])
        record[k.child] = [*record.get(k.child, [])]
        record[k.child].insert(plan.at, plan.item)
    if plan.source is not None:
        expected["sources"] = [*expected["sources"], plan.source]
    if not same(_read_all(after, k.section), expected):
        raise Unsafe("read back, the file would not be the data as it is plus the fact")
    eol = linebreaks.ending(before)
    old_lines, new_lines = linebreaks.split(before), linebreaks.split(after)
    for lines in (old_lines, new_lines):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += eol  # a last line without an ending gains one when lines go after it
    kept, added = 0, []
    for line in new_lines:
        if kept < len(old_lines) and (line == old_lines[kept] or line == opened(old_lines[kept])):
            kept += 1  # an empty list `key: []` may be opened to `key:` for its first item, and no other change
        else:
            added.append(line)
    if kept < len(old_lines):
        raise Unsafe("the change would alter or remove lines already in the file, not only add lines (or open an empty `[]`)")
    if any(not line.endswith(eol) or (eol == "\n" and line.endswith("\r\n")) for line in added):
        raise Unsafe("the added lines would not end as the file's lines do")


def _other_sources(data_dir: Path, file: str) -> dict[str, str]:
    """Address -> id of the sources the other data files list."""
    from cqsc.loading import yamlsafe
    from cqsc.model.dataset import DATA_FILES, read_raw

    out: dict[str, str] = {}
    for name in DATA_FILES:
        if name == file or not (data_dir / name).is_file():
            continue
        got = read_raw(data_dir / name)
        if not isinstance(got, bytes):
            continue
        value = yamlsafe.parse(got.decode("utf-8", "replace")).value
        listed = value.get("sources") if isinstance(value, dict) else None
        for src in listed if isinstance(listed, list) else []:
            if isinstance(src, dict) and isinstance(src.get("url"), str) and isinstance(src.get("id"), str):
                out[src["url"]] = src["id"]
    return out


def _problems(data_dir: Path, raw: dict[str, bytes], today: date) -> list[Problem]:
    from cqsc.loading import wholefile
    from cqsc.rules import checks

    ds = wholefile.load(data_dir, raw)
    if any(p.severity is Severity.error for p in ds.problems):
        return ds.problems
    return ds.problems + checks.run(ds, ctx=checks.Context(today=today))


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.file, p.code, p.message)


def add(data_dir: Path, k: Kind, owner: Any, fact: list[tuple[str, Any]], spec: SourceSpec | None, *, dry_run: bool = False, today: date | None = None) -> Outcome:
    """Insert one fact with its source into the data in ``data_dir``; write it only if it is proved and brings no error.

    ``spec`` is None for a kind that cites no source (``Kind.cites`` False), and only for one.
    Raises RecordError (a usage error), Unsafe (the file's layout does not let it be placed safely),
    Busy (another process holds the file) or atomic.WriteError (the file or folder cannot be written);
    in each case the file is as it was.
    """
    from cqsc.model.dataset import DATA_FILES
    from cqsc.store import atomic

    if (spec is not None) != k.cites:
        raise RecordError(f"a {k.name} {'cites' if k.cites else 'cites no'} source")
    path = data_dir / k.file
    if not path.is_file():
        raise RecordError(f"{path}: no such data file")
    real = Path(os.path.realpath(path))
    if not dry_run:
        atomic.check_replaceable(path)
    with locked([data_dir / name for name in DATA_FILES]):
        before_bytes = real.read_bytes()
        try:
            before = before_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raise RecordError(f"{path}: not valid UTF-8; run `cqsc check`") from None
        elsewhere = _other_sources(data_dir, k.file)
        plan = _build(before, k, owner, fact, spec, elsewhere)
        try:
            prove(before, plan.text, k, plan)
        except Unsafe:
            # The list's last value may end in lines that look like comments or blank lines but belong
            # to it: place the fact right at the next key instead, and prove that.
            plan = _build(before, k, owner, fact, spec, elsewhere, over_comments=False)
            prove(before, plan.text, k, plan)
        out = Outcome(path, before, plan.text, plan.source_id, plan.source is not None)
        from cqsc.rules.checks import today as data_today

        day = today or data_today()
        old = {_key(p) for p in _problems(data_dir, {}, day)}
        new = _problems(data_dir, {k.file: plan.text.encode("utf-8")}, day)
        out.errors = [p for p in new if p.severity is Severity.error]
        out.new_warnings = [p for p in new if p.severity is Severity.warning and _key(p) not in old]
        if out.errors or dry_run:
            return out
        atomic.write_text(real, plan.text)
        out.written = True
        return out
