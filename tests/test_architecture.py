"""The package's layering, read from its imports: each stage imports only the stages below it.

The stages, from the ground up, are the folders of src/cqsc (docs/layout.md). An import inside a
function counts like one at the top: a lazy import saves start-up time, not a dependency.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "cqsc"
STAGES = ["model", "text", "store", "queries", "rules", "loading", "views", "output", "documents", "edit", "api", "cli"]
# What the command line may import from below the library: the emitters and the option types.
CLI_MAY_IMPORT = ("cqsc.api", "cqsc.output", "cqsc.model.options", "cqsc.model.errors", "cqsc._version", "cqsc.cli")


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cqsc" and node.level == 0:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "cqsc")
    return found


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_every_module_sits_in_a_stage():
    loose = sorted(m for m in MODULES if _stage(m) is None and m not in ("cqsc", "cqsc.__main__", "cqsc._version"))
    assert loose == []


def test_no_stage_imports_a_stage_above_it():
    upward = [
        f"{m} -> {t}"
        for m, targets in GRAPH.items()
        for t in targets
        if _stage(m) and _stage(t) and STAGES.index(_stage(t)) > STAGES.index(_stage(m))  # type: ignore[arg-type]
    ]
    assert sorted(upward) == []


def test_no_module_imports_the_package_face_from_inside():
    # `import cqsc` is the library's face (api); a stage naming it would import everything above it.
    inward = sorted(m for m, targets in GRAPH.items() if "cqsc" in targets and m not in ("cqsc", "cqsc.__main__"))
    assert inward == []


def _cycles() -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH.get(v, ()):
            if w not in MODULES:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in MODULES:
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    assert _cycles() == []


def _option_types() -> set[str]:
    """The names of model/records.py a command line may take its option types from: the code lists, their labels."""
    from enum import StrEnum

    from cqsc.model import records

    enums = {n for n, v in vars(records).items() if isinstance(v, type) and issubclass(v, StrEnum) and v.__module__ == records.__name__}
    return enums | {n for n in vars(records) if n.endswith("_LABELS")} | {"PLAN_RANK"}


def test_the_command_line_imports_only_the_library_emitters_and_option_types():
    allowed = _option_types()
    below = []
    for m, path in MODULES.items():
        if _stage(m) != "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cqsc":
                if node.module == "cqsc.model.records" and {a.name for a in node.names} <= allowed:
                    continue
                below += [f"{m} -> {node.module}.{a.name}" for a in node.names if not f"{node.module}.{a.name}".startswith(CLI_MAY_IMPORT)]
            elif isinstance(node, ast.Import):
                below += [f"{m} -> {a.name}" for a in node.names if a.name.split(".")[0] == "cqsc" and not a.name.startswith(CLI_MAY_IMPORT)]
    assert sorted(below) == []


def test_the_option_type_allowance_is_only_code_lists():
    # The exception above cannot let a rule or a query through: every allowed name is a code list or its labels.
    assert "Project" not in _option_types() and "Sector" in _option_types() and "SECTOR_LABELS" in _option_types()


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "api"])
def test_each_stage_says_what_it_holds(stage):
    doc = ast.get_docstring(ast.parse((SRC / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 40


# --- markup is written by the emitters only -------------------------------------------------------

# The modules that may write markup: the HTML and Markdown emitters, and the SVG chart module.
MARKUP_WRITERS = {"cqsc.output.html", "cqsc.output.markdown", "cqsc.output.svg"}
_TAGS = (
    "a|b|body|br|caption|circle|code|dd|desc|div|dl|dt|em|figcaption|figure|footer|form|g|h[1-6]|head|header|html|i|img|input|"
    "label|li|line|link|main|meta|nav|ol|option|p|path|polygon|pre|rect|script|section|select|span|strong|style|sub|sup|svg|"
    "table|tbody|td|text|th|thead|title|tr|ul"
)
# A tag (not a regular expression's named group, "(?P<head>"), or the doctype.
HTML_TAG = re.compile(rf"(?<!\?P)<\s*/?\s*(?:{_TAGS})(?=[\s>/])|<!doctype", re.IGNORECASE)
# A heading, a table row or its rule, bold, a link: Markdown structure where a literal would write it.
# "# " alone is left out: it is also YAML's comment (the templates `cqsc init` writes); "](?" is a regex.
MARKDOWN = re.compile(r"^#{2,6} |^\|[ :-]|[ -]\|$|\|:?-{3}|-{3}:?\||\*\*|\]\((?!\?)", re.MULTILINE)


def _literals(source: str) -> list[tuple[int, str]]:
    """Every string literal of a module (the parts of f-strings too), but docstrings, with its line."""
    tree = ast.parse(source)
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docs.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def _markup(source: str) -> list[str]:
    return [f"{line}: {text[:60]!r}" for line, text in _literals(source) if HTML_TAG.search(text) or MARKDOWN.search(text)]


def test_no_module_but_the_emitters_writes_html_or_markdown():
    written = {
        name: found
        for name, path in sorted(MODULES.items())
        if name not in MARKUP_WRITERS and (found := _markup(path.read_text(encoding="utf-8")))
    }
    assert written == {}


@pytest.mark.parametrize(
    "source",
    [
        'x = "<td>" + y',
        'x = f"<li>{y}</li>"',
        "x = '<br>'.join(ys)",
        'x = f\'<a href="{u}">{t}</a>\'',
        'x = "<P class=note>"',
        'x = f"**{name}** ({other})"',
        'x = "## " + title',
        'x = "| " + " | ".join(cells) + " |"',
        'x = "|---|---:|"',
        'x = f"[{t}]({u})"',
        'x = "<svg viewBox=\\"0 0 1 1\\"><rect/></svg>"',
    ],
)
def test_the_markup_check_finds_markup_written_by_hand(source):
    assert _markup(source)


@pytest.mark.parametrize(
    "source",
    [
        '"""A docstring may say <br> and <li>."""', 'x = "a < b"', 'x = "# A comment in a YAML template"', 'x = r"(?P<head>[^#]*)(?:x)"',
        'x = "|".join(keys)', 'x = "<U+202E>"', 'x = "- " + item', 'x = f(**kw)',
    ],
)
def test_the_markup_check_leaves_other_text_alone(source):
    assert not _markup(source)
