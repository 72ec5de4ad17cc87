"""The careful whole-file path: read, decode, parse and validate each data file; every problem has a place.

Like beancount's ``load_file``, loading never raises on bad data: it returns what it could build with the
list of problems. PyYAML and pydantic are imported only when a file has to be parsed, so a cache hit
(loader.py) imports neither. incremental.py uses ``load`` for the file without its projects and
``adapter`` for the projects it validates itself.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cqsc.model.dataset import (
    ANNUAL_FILE,
    PROJECTS_FILE,
    TASKS_FILE,
    DataFile,
    Dataset,
    Unreadable,
    display_path,
    read_raw,
)
from cqsc.model.problems import English, Problem, Said, SaidError, Severity
from cqsc.model.records import AnnualFile, ProjectsFile, TasksFile
from cqsc.text.lang import extend, say

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from cqsc.model.parsed import Parsed

from cqsc.rules.codes import ENCODING, IO_ERROR, LINE_BREAK, NUMBER, READ, SCHEMA, SYNTAX, YAML_FEATURE


def positions(text: str) -> Parsed:
    """Where each value of a file's text sits, by the careful reader: only when a problem needs a position."""
    from cqsc.loading import yamlsafe

    return yamlsafe.parse(text, positions=True)


def _decode(raw: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        message = say("is not valid UTF-8 (byte 0x{byte}); save the file as UTF-8", byte=f"{raw[exc.start]:02x}")
        problems.append(Problem(display, line, col, ENCODING[0], ENCODING[1], Severity.error, message))
        return None


@functools.cache
def adapter(model: type) -> Any:
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
            problems.append(Problem(display, None, None, rule[0], rule[1], Severity.error, got.said))
            return None, None
        raw = got
    text = _decode(raw, display, problems)
    if text is None:
        return None, None
    from cqsc.loading import yamlsafe  # here, not at the top: a warm run never parses

    parsed = yamlsafe.parse(text)
    doc = DataFile(path, display, text, reader=positions)
    if parsed.problems:
        for yp in parsed.problems:
            rule = LINE_BREAK if yp.kind == "linebreak" else SYNTAX if yp.message.startswith("YAML syntax error") else NUMBER if yp.kind == "number" else YAML_FEATURE
            problems.append(
                Problem(display, yp.mark.line, yp.mark.col, rule[0], rule[1], Severity.error, yp.said, doc.excerpt(yp.mark.line))
            )
        return None, doc
    keys = ", ".join(_field_names(model))
    if parsed.empty:
        message = say("the file is empty; expected a mapping with keys: {keys}", keys=keys)
        problems.append(Problem(display, 1, 1, SCHEMA[0], SCHEMA[1], Severity.error, message, doc.excerpt(1)))
        return None, doc
    if not isinstance(parsed.value, dict):
        problems.append(doc.problem(SCHEMA, say(f"expected a mapping with keys {{keys}} at the top level, got {_kind(parsed.value)}", keys=keys)))
        return None, doc
    from pydantic import ValidationError

    try:
        return adapter(model).validate_python(parsed.value), doc
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, model, doc, parsed.value))
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
            item_adapter = adapter(typing.get_args(annotation)[0])
            kept, where = [], []
            for i, item in enumerate(raw):
                try:
                    kept.append(item_adapter.validate_python(item))
                    where.append(i)
                except ValidationError:
                    continue
            parts[name] = kept
            doc.kept[name] = where
            continue
        try:
            parts[name] = adapter(annotation).validate_python(raw)
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
        why = say("data folder cannot be used: {why}", why=English(str(exc.strerror or exc)))
        ds.problems.append(Problem(display_path(data_dir), None, None, IO_ERROR[0], IO_ERROR[1], Severity.error, why))
        return ds
    if not is_dir:
        what = say("data folder does not exist") if not exists else say("data folder is not a directory")
        ds.problems.append(Problem(display_path(data_dir), None, None, READ[0], READ[1], Severity.error, what))
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


def record_path(value: Any, loc: tuple[Any, ...]) -> str:
    """A place in the data as a reader finds it: from the innermost record with an id ('chengdawan-hsr
    milestones[2].date'), not as list positions ('projects.0.milestones.2.date')."""
    text, after_id, node = "", False, value
    for p in loc:
        child = node[p] if isinstance(node, list) and isinstance(p, int) and 0 <= p < len(node) else node.get(p) if isinstance(node, dict) else None
        record_id = child.get("id") if isinstance(child, dict) else None
        if isinstance(p, int) and isinstance(record_id, str) and record_id:
            text, after_id = record_id, True  # the record's own name replaces the way to it
        elif isinstance(p, int):
            text, after_id = f"{text}[{p}]", False
        else:
            text, after_id = (f"{text} {p}" if after_id else f"{text}.{p}" if text else str(p)), False
        node = child
    return text


def _validation_problems(exc: Any, model: type, doc: DataFile, value: Any = None) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"])
        where: str | English = record_path(value, loc) or English("(top level)")
        kind = err["type"]
        if kind == "missing":
            out.append(doc.problem(SCHEMA, say("missing required key {key}", key=repr(loc[-1])), loc[:-1]))
            continue
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            holder = _model_at(model, loc)
            allowed = _field_names(holder) if holder else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            names = ", ".join(allowed)
            if close:
                message = say("unknown key {key}; did you mean {close}? (allowed: {allowed})", key=repr(loc[-1]), close=repr(close[0]), allowed=names)
            else:
                message = say("unknown key {key} (allowed: {allowed})", key=repr(loc[-1]), allowed=names)
            out.append(doc.problem(SCHEMA, message, loc, key=True))
            continue
        msg = err["msg"]
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, SaidError):  # the data's own validators say why (model/records.py, model/dates.py)
            said = say("{field}: " + cause.said.template, field=where, **dict(cause.said.values))
        elif msg.startswith("Value error, "):
            said = say("{field}: {msg}", field=where, msg=English(msg[len("Value error, ") :]))
        else:
            # pydantic's own words (lowercased), or an enum's members in a sentence of the catalogue; then what was found.
            said = _expected(err.get("ctx", {}).get("expected", ""), where) if kind == "enum" else say("{field}: {msg}", field=where, msg=English(msg[0].lower() + msg[1:]))
            got = err.get("input")
            said = extend(said, ", got a mapping") if isinstance(got, dict) else extend(said, ", got a list") if isinstance(got, list) else extend(said, ", got {got}", got=_shown(got))
        out.append(doc.problem(SCHEMA, said, loc))
    return out


def _expected(expected: str, where: str | English) -> Said:
    """An enum's members as pydantic lists them ('a', 'b' or 'c'), said in a sentence of the catalogue."""
    items = re.findall(r"'([^']*)'", expected)
    if len(items) > 1:
        return say("{field}: expected one of {choices} or {last}", field=where, choices=", ".join(items[:-1]), last=items[-1])
    return say("{field}: expected one of {choices}", field=where, choices=expected.replace("'", ""))



