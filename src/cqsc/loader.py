"""Load the data folder into models; every problem becomes a record with file, line and column.

Like beancount's ``load_file``, loading never raises on bad data: it returns what
it could build together with the list of problems. ``load_data`` owns loading for
every command: it reads each file once, asks the cache (a key/get/put store of
plain data, cache.py) for the validated records, and otherwise parses, validates,
runs the integrity rules and stores what loaded cleanly. PyYAML and pydantic are
imported only when a file has to be parsed, so a cache hit imports neither.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import types
import typing
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cqsc.dataset import ANNUAL_FILE, DATA_FILES, PROJECTS_FILE, TASKS_FILE, Dataset, DataFile, Unreadable, display_path, read_raw
from cqsc.models import AnnualFile, ProjectsFile, TasksFile
from cqsc.problems import Problem, Severity

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# Loading problems: stable codes, like the consistency rules in checks.py.
READ = ("CQ001", "file-unreadable")
IO_ERROR = ("CQ006", "io-error")
NUMBER = ("CQ007", "number-form")
SYNTAX = ("CQ002", "yaml-syntax")
YAML_FEATURE = ("CQ003", "yaml-feature")
SCHEMA = ("CQ004", "schema")
ENCODING = ("CQ005", "encoding")
LINE_BREAK = ("CQ008", "line-break")
LOADING_RULES = {
    READ: "A data file is missing, is a directory, a FIFO, a device or a broken link, or is too large.",
    IO_ERROR: "A data file cannot be read: the operating system refused (permissions, an I/O error); exit code 3.",
    NUMBER: "A number is not written as a plain decimal in ASCII digits (no leading zeros, 0x, 0o, 1_000, +5, 1e3 or 1:30).",
    ENCODING: "A data file is not valid UTF-8.",
    SYNTAX: "A data file is not valid YAML (including tabs used for indentation).",
    YAML_FEATURE: "Duplicate keys, anchors, aliases, tags, several documents or too deep nesting.",
    SCHEMA: "A value has the wrong type, a required key is missing or a key is unknown.",
    LINE_BREAK: "A line break YAML reads but editors do not (a lone CR, NEL, U+2028, U+2029) or a byte order mark past the start: write it escaped.",
}


def _decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        problems.append(Problem(display, line, col, ENCODING[0], ENCODING[1], Severity.error, message))
        return None


@functools.cache
def _adapter(model: type) -> Any:
    from pydantic import TypeAdapter  # only here: the warm path never validates

    return TypeAdapter(model)


def _field_names(model: type) -> list[str]:
    return list(getattr(model, "__dataclass_fields__", {}))


def load_file(path: Path, model: type[DataclassInstance], problems: list[Problem], raw: bytes | None = None) -> tuple[Any, DataFile | None]:
    """Read (unless ``raw`` is given), parse and validate one file; append every problem found."""
    display = display_path(path)
    if raw is None:
        got = read_raw(path)
        if isinstance(got, Unreadable):
            rule = IO_ERROR if got.io else READ
            problems.append(Problem(display, None, None, rule[0], rule[1], Severity.error, got.why))
            return None, None
        raw = got
    text = _decode(raw, display, problems)
    if text is None:
        return None, None
    from cqsc import yamlsafe  # here, not at the top: a warm run never parses

    parsed = yamlsafe.parse(text)
    doc = DataFile(path, display, text)
    if parsed.problems:
        for yp in parsed.problems:
            rule = LINE_BREAK if yp.kind == "linebreak" else SYNTAX if yp.message.startswith("YAML syntax error") else NUMBER if yp.kind == "number" else YAML_FEATURE
            problems.append(
                Problem(display, yp.mark.line, yp.mark.col, rule[0], rule[1], Severity.error, yp.message, doc.excerpt(yp.mark.line))
            )
        return None, doc
    keys = ", ".join(_field_names(model))
    if parsed.empty:
        message = f"the file is empty; expected a mapping with keys: {keys}"
        problems.append(Problem(display, 1, 1, SCHEMA[0], SCHEMA[1], Severity.error, message, doc.excerpt(1)))
        return None, doc
    if not isinstance(parsed.value, dict):
        problems.append(doc.problem(SCHEMA, f"expected a mapping with keys {keys} at the top level, got {_kind(parsed.value)}"))
        return None, doc
    from pydantic import ValidationError

    try:
        return _adapter(model).validate_python(parsed.value), doc
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, model, doc))
        return _salvage(model, parsed.value, doc), doc


def _salvage(model: type[DataclassInstance], value: dict[str, Any], doc: DataFile) -> Any:
    """The file's records that are valid on their own, so that the rules can still look at them.

    Each top-level list is validated item by item and keeps the items that pass (``doc.kept``
    maps them back to their place in the file); any other top-level value must pass whole.
    None when what is left cannot make a file (a required section is missing or broken).
    """
    from pydantic import ValidationError

    hints = typing.get_type_hints(model, include_extras=True)
    parts: dict[str, Any] = {}
    for name, spec in model.__dataclass_fields__.items():
        if name not in value:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                return None
            continue
        annotation, raw = hints[name], value[name]
        if typing.get_origin(annotation) is list and isinstance(raw, list):
            adapter = _adapter(typing.get_args(annotation)[0])
            kept, where = [], []
            for i, item in enumerate(raw):
                try:
                    kept.append(adapter.validate_python(item))
                    where.append(i)
                except ValidationError:
                    continue
            parts[name] = kept
            doc.kept[name] = where
            continue
        try:
            parts[name] = _adapter(annotation).validate_python(raw)
        except ValidationError:
            return None
    try:
        return model(**parts)
    except (TypeError, ValueError):  # pragma: no cover - every part was validated
        return None


def load(data_dir: Path, raw: dict[str, bytes] | None = None) -> Dataset:
    """Load projects.yaml, tasks.yaml and (if present) annual.yaml from ``data_dir``.

    ``raw`` holds file contents already read, by file name, so the cache need not read them twice.
    """
    raw = raw or {}
    ds = Dataset()
    try:
        is_dir, exists = data_dir.is_dir(), data_dir.exists()
    except OSError as exc:
        ds.problems.append(Problem(display_path(data_dir), None, None, IO_ERROR[0], IO_ERROR[1], Severity.error, f"data folder cannot be used: {exc.strerror or exc}"))
        return ds
    if not is_dir:
        what = "does not exist" if not exists else "is not a directory"
        ds.problems.append(Problem(display_path(data_dir), None, None, READ[0], READ[1], Severity.error, f"data folder {what}"))
        return ds
    projects, pdoc = load_file(data_dir / PROJECTS_FILE, ProjectsFile, ds.problems, raw.get(PROJECTS_FILE))
    ds.projects = projects
    if pdoc:
        ds.files["projects"] = pdoc
    # A portfolio without a plan of tasks has no tasks.yaml; the commands about tasks say so.
    if _present(data_dir / TASKS_FILE):
        tasks, tdoc = load_file(data_dir / TASKS_FILE, TasksFile, ds.problems, raw.get(TASKS_FILE))
        ds.tasks = tasks
        if tdoc:
            ds.files["tasks"] = tdoc
    if _present(data_dir / ANNUAL_FILE):
        annual, adoc = load_file(data_dir / ANNUAL_FILE, AnnualFile, ds.problems, raw.get(ANNUAL_FILE))
        ds.annual = annual
        if adoc:
            ds.files["annual"] = adoc
    ds.partial = any(doc.kept for doc in ds.files.values())
    return ds


def _present(path: Path) -> bool:
    """An optional file is there if anything is at its name, even a broken link (which is then an error)."""
    return path.exists() or path.is_symlink()


# --- pydantic errors -> problems ------------------------------------------------

_KINDS = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a whole number", type(None): "nothing (null)"}


def _kind(value: Any) -> str:
    for t, name in _KINDS.items():
        if type(value) is t:
            return name
    if type(value).__name__ == "Decimal":
        return "a number"
    return type(value).__name__  # pragma: no cover


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _model_at(model: type, loc: tuple[Any, ...]) -> type | None:
    """The record class that holds the last element of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        hints = typing.get_type_hints(current, include_extras=True) if hasattr(current, "__dataclass_fields__") else {}
        if part not in hints:
            return None
        current = _unwrap(hints[part])
    return current if hasattr(current, "__dataclass_fields__") else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic appends validator names ("function-before[...]") for Annotated types
    return tuple(p for p in loc if isinstance(p, int) or "[" not in str(p))


def _validation_problems(exc: Any, model: type, doc: DataFile) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"])
        field_name = ".".join(str(p) for p in loc) or "(top level)"
        kind = err["type"]
        if kind == "missing":
            message = f"missing required key {loc[-1]!r}"
            out.append(doc.problem(SCHEMA, message, loc[:-1]))
            continue
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            holder = _model_at(model, loc)
            allowed = _field_names(holder) if holder else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = f"unknown key {loc[-1]!r}{hint} (allowed: {', '.join(allowed)})"
            out.append(doc.problem(SCHEMA, message, loc, key=True))
            continue
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"expected one of {expected.replace(chr(39), '')}"
        else:
            msg = msg[0].lower() + msg[1:]
        got = err.get("input")
        suffix = "" if kind == "value_error" else f", got {_shown(got)}"
        out.append(doc.problem(SCHEMA, f"{field_name}: {msg}{suffix}", loc))
    return out


# --- the one way commands load data: read once, cache, validate, integrity ------------------


def _read_all(data_dir: Path) -> dict[str, bytes] | None:
    """Every present data file's bytes, read once; None when one is present but cannot be had."""
    out = {}
    for name in DATA_FILES:
        path = data_dir / name
        if not (path.exists() or path.is_symlink()):
            continue
        got = read_raw(path)
        if isinstance(got, Unreadable):
            return None
        out[name] = got
    return out


def _document(ds: Dataset) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """A data set's cache entry: everything but the projects; each project's record; each column of the projects."""
    import json

    from cqsc import codec, rows

    assert ds.projects is not None
    projects = ds.projects.projects
    doc = {
        "projects": codec.dump(dataclasses.replace(ds.projects, projects=[])),
        "count": len(projects),
        "tasks": codec.dump(ds.tasks) if ds.tasks is not None else None,
        "annual": codec.dump(ds.annual) if ds.annual is not None else None,
        "files": sorted(ds.files),
    }
    records = [json.dumps(codec.dump(p), ensure_ascii=False) for p in projects]
    return doc, records, {f"column {name}": values for name, values in rows.columns(projects).items()}


_PARTS = {"projects": ProjectsFile, "tasks": TasksFile, "annual": AnnualFile}


def _restore(doc: dict[str, Any], data_dir: Path, folder: Path, entry: str) -> Dataset | None:
    """The data set a cache document holds, rebuilt and checked; None for anything that does not fit.

    The projects stay in the cache until read (rows.ProjectRows): a column when a selection reads
    it, a record when it is shown. One that does not fit then makes the rows come from the files.
    """
    from cqsc import cache, codec, rows

    try:
        if set(doc) != {"projects", "count", "tasks", "annual", "files"} or doc["projects"] is None:
            return None
        files, count = doc["files"], doc["count"]
        if type(files) is not list or not set(files) <= set(_PARTS) or "projects" not in files or type(count) is not int or count < 0:
            return None
        ds = Dataset()
        for name, model in _PARTS.items():
            if (doc[name] is None) != (name not in files):
                return None
            if doc[name] is not None:
                setattr(ds, name, codec.load(model, doc[name]))
                path = data_dir / f"{name}.yaml"
                ds.files[name] = DataFile(path, display_path(path))
    except (codec.CodecError, RecursionError):
        return None
    assert ds.projects is not None
    if ds.projects.projects:
        return None

    def column(name: str) -> Any:
        return cache.get_extra(folder, entry, f"column {name}")

    def fetch(indexes: list[int] | None) -> dict[int, Any]:
        return cache.records(folder, entry, indexes)

    def fallback() -> list[Any]:
        fresh = load(data_dir)
        return fresh.projects.projects if fresh.projects is not None and not fresh.problems else []

    # A read-only Sequence that builds records when read, where the type says list: readers only iterate and index.
    ds.projects.projects = rows.ProjectRows.from_store(count, column, fetch, fallback)  # type: ignore[assignment]
    return ds


def incremental_min() -> int:
    """The size of projects.yaml from which it is loaded item by item (incremental.py); CQSC_INCREMENTAL_MIN overrides it."""
    from cqsc.environment import incremental_min as from_env
    from cqsc.incremental import MIN_BYTES

    value = from_env()
    return MIN_BYTES if value is None else value


def load_data(
    data_dir: Path,
    *,
    use_cache: bool = True,
    progress: Callable[[int], AbstractContextManager[object]] | None = None,
    warn: Callable[[str], None] | None = None,
) -> tuple[Dataset, bool]:
    """The data set in ``data_dir`` with its loading and integrity problems, and whether the cache served it.

    ``progress``, given the bytes to read, makes a context the slow path runs in (a spinner, say);
    ``warn`` hears why the cache could not be used (once per run).
    """
    from cqsc import cache

    try:
        raw = _read_all(data_dir) if data_dir.is_dir() else None
    except OSError:  # a path the system refuses outright (too long, say): load() says so
        raw = None
    folder = None
    if use_cache and raw is not None and not cache.disabled_by_env():
        folder = cache.cache_dir()
        why = cache.usable(folder)
        if why is not None:
            if warn is not None:
                warn(f"warning: the cache folder {folder} {why}; running without the cache")
            folder = None
    entry = cache.key(raw) if folder is not None and raw is not None else None
    if folder is not None and entry is not None:
        doc = cache.get(folder, entry)
        ds = _restore(doc, data_dir, folder, entry) if doc is not None else None
        if ds is not None:
            ds.memo = cache.Memo(folder, entry)
            return ds, True
    from contextlib import nullcontext

    from cqsc import checks
    from cqsc.problems import has_errors

    with progress(sum(map(len, raw.values())) if raw else 0) if progress else nullcontext():
        if folder is not None and entry is not None and raw is not None and PROJECTS_FILE in raw and len(raw[PROJECTS_FILE]) >= incremental_min():
            from cqsc import incremental

            # A large file: only the items that changed are read, on every core when many did.
            done = incremental.load(data_dir, raw, folder, entry)
            if done is not None:
                return done, False
        ds = load(data_dir, raw)
        if not has_errors(ds.problems):
            ds.problems += checks.run(ds, checks.integrity_rules())
    if folder is not None and entry is not None and not ds.problems:
        doc, records, extras = _document(ds)
        cache.put(folder, entry, doc, records, extras)
        ds.memo = cache.Memo(folder, entry)
    return ds, False
