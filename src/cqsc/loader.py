"""Load the data folder into models; every problem becomes a record with file, line and column.

Like beancount's ``load_file``, loading never raises on bad data: it returns what
it could build together with the list of problems.
"""

from __future__ import annotations

import difflib
import functools
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from cqsc import yamlsafe
from cqsc.models import AnnualFile, ProjectsFile, TasksFile
from cqsc.problems import Problem, Severity

PROJECTS_FILE = "projects.yaml"
TASKS_FILE = "tasks.yaml"
ANNUAL_FILE = "annual.yaml"  # optional: the later annual lists
MAX_FILE_BYTES = 256 * 1024 * 1024

# Loading problems: stable codes, like the consistency rules in checks.py.
READ = ("CQ001", "file-unreadable")
SYNTAX = ("CQ002", "yaml-syntax")
YAML_FEATURE = ("CQ003", "yaml-feature")
SCHEMA = ("CQ004", "schema")
ENCODING = ("CQ005", "encoding")
LOADING_RULES = {
    READ: "A data file is missing, is a directory, cannot be read or is too large.",
    ENCODING: "A data file is not valid UTF-8.",
    SYNTAX: "A data file is not valid YAML (including tabs used for indentation).",
    YAML_FEATURE: "Duplicate keys, anchors, aliases, tags, several documents or too deep nesting.",
    SCHEMA: "A value has the wrong type, a required key is missing or a key is unknown.",
}


def default_data_dir() -> Path:
    """The bundled data: inside the installed package, or the repo's data/ in a checkout."""
    here = Path(__file__).resolve().parent
    bundled = here / "data"
    if (bundled / PROJECTS_FILE).is_file():
        return bundled
    return here.parent.parent / "data"


def resolve_data_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    env = os.environ.get("CQSC_DATA_DIR")
    return Path(env) if env else default_data_dir()


@dataclass
class DataFile:
    """One data file as read: its text and values, with positions worked out on demand."""

    path: Path
    display: str
    text: str
    value: Any
    _parsed: yamlsafe.Parsed | None = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)

    def _positions(self) -> yamlsafe.Parsed:
        if self._parsed is None:
            self._parsed = yamlsafe.parse(self.text, positions=True)
        return self._parsed

    def mark(self, path: tuple[Any, ...], *, key: bool = False) -> yamlsafe.Mark | None:
        """The position of the value at ``path`` (or its key), else of its nearest ancestor."""
        parsed = self._positions()
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
            self._lines = self.text.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1].rstrip()[:160]
        return None

    def problem(
        self,
        rule: tuple[str, str],
        message: str,
        path: tuple[Any, ...] = (),
        *,
        key: bool = False,
        severity: Severity = Severity.error,
    ) -> Problem:
        mark = self.mark(path, key=key)
        line, col = (mark.line, mark.col) if mark else (None, None)
        return Problem(self.display, line, col, rule[0], rule[1], severity, message, self.excerpt(line))


@dataclass
class Dataset:
    projects: ProjectsFile | None = None
    tasks: TasksFile | None = None
    annual: AnnualFile | None = None
    files: dict[str, DataFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _display(path: Path) -> str:
    """The path as the user would type it: relative below the working directory, else absolute."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _read(path: Path, display: str, problems: list[Problem]) -> str | None:
    def fail(rule: tuple[str, str], message: str, line: int | None = None, col: int | None = None) -> None:
        problems.append(Problem(display, line, col, rule[0], rule[1], Severity.error, message))

    try:
        if path.is_dir():
            fail(READ, "is a directory; expected a YAML data file")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            fail(READ, f"is {size} bytes; data files larger than {MAX_FILE_BYTES} bytes are refused")
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        fail(READ, "file not found")
        return None
    except OSError as exc:
        fail(READ, f"cannot be read: {exc.strerror or exc}")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        fail(ENCODING, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line, col)
        return None


@functools.cache
def _adapter(model: type) -> Any:
    from pydantic import TypeAdapter  # only here: the warm path never validates

    return TypeAdapter(model)


def _field_names(model: type) -> list[str]:
    return list(getattr(model, "__dataclass_fields__", {}))


def load_file(path: Path, model: type, problems: list[Problem]) -> tuple[Any, DataFile | None]:
    """Read, parse and validate one file; append every problem found."""
    display = _display(path)
    text = _read(path, display, problems)
    if text is None:
        return None, None
    parsed = yamlsafe.parse(text)
    doc = DataFile(path, display, text, parsed.value)
    if parsed.problems:
        # Re-read with positions only now, on the error path; the marks are in the problems already.
        for yp in parsed.problems:
            rule = SYNTAX if yp.message.startswith("YAML syntax error") else YAML_FEATURE
            problems.append(
                Problem(display, yp.mark.line, yp.mark.col, rule[0], rule[1], Severity.error, yp.message, doc.excerpt(yp.mark.line))
            )
        return None, doc
    keys = ", ".join(_field_names(model))
    if parsed.empty:
        problems.append(doc.problem(SCHEMA, f"the file is empty; expected a mapping with keys: {keys}"))
        return None, doc
    if not isinstance(parsed.value, dict):
        problems.append(doc.problem(SCHEMA, f"expected a mapping with keys {keys} at the top level, got {_kind(parsed.value)}"))
        return None, doc
    from pydantic import ValidationError

    try:
        return _adapter(model).validate_python(parsed.value), doc
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, model, doc))
        return None, doc


def load(data_dir: Path) -> Dataset:
    """Load projects.yaml and tasks.yaml from ``data_dir``."""
    ds = Dataset()
    if not data_dir.is_dir():
        what = "does not exist" if not data_dir.exists() else "is not a directory"
        ds.problems.append(Problem(_display(data_dir), None, None, READ[0], READ[1], Severity.error, f"data folder {what}"))
        return ds
    projects, pdoc = load_file(data_dir / PROJECTS_FILE, ProjectsFile, ds.problems)
    tasks, tdoc = load_file(data_dir / TASKS_FILE, TasksFile, ds.problems)
    ds.projects = projects  # type: ignore[assignment]
    ds.tasks = tasks  # type: ignore[assignment]
    if pdoc:
        ds.files["projects"] = pdoc
    if tdoc:
        ds.files["tasks"] = tdoc
    if (data_dir / ANNUAL_FILE).exists():
        annual, adoc = load_file(data_dir / ANNUAL_FILE, AnnualFile, ds.problems)
        ds.annual = annual  # type: ignore[assignment]
        if adoc:
            ds.files["annual"] = adoc
    return ds


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
