"""Building only the named command answers as the whole app; cqsc uses no private name of Typer or click."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import DATA

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "cqsc"

# A test app whose commands count their construction through Typer's public `cls=` hook.
APP = '''
import sys, typer
from typer.core import TyperCommand

built = []

class Counted(TyperCommand):
    def __init__(self, *args, **kwargs):
        built.append(kwargs.get("name"))
        super().__init__(*args, **kwargs)

app = typer.Typer(context_settings={"help_option_names": ["-h", "--help"]})

@app.callback()
def main() -> None:
    """The app."""

@app.command(cls=Counted)
def show(limit: int | None = typer.Option(None, "--limit", min=0)) -> None:
    """Show something."""
    print("limit", limit)

@app.command(cls=Counted, name="other-one")
def other() -> None:
    """A second command, named apart from its function."""
    print("other")

sub = typer.Typer()

@sub.command(cls=Counted)
def inner() -> None:
    print("inner")

@sub.command(cls=Counted)
def inner2() -> None:
    print("inner2")

app.add_typer(sub, name="sub")

import atexit
atexit.register(lambda: print("built", len(built), file=sys.stderr))
'''

RUN_CASES = [
    (["show", "--limit", "2"], 1),
    (["show", "--limit", "-1"], 1),  # Typer's range error, from the one command built
    (["other-one"], 1),
    (["show", "--help"], 1),
    (["shw"], 4),  # a misspelt name: the whole app, for click's "No such command"
    (["--help"], 4),
    (["sub", "inner"], 4),
    ([], 4),
]


def _run(how: str, args: list[str], **env: str) -> tuple[int, str, str, int]:
    code = APP + f"\nfrom cqsc.cli.lazy import run\n{how}\n"
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **env}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=full, check=False)
    stderr, built = out.stderr.rsplit("built", 1)
    return out.returncode, out.stdout, stderr, int(built)


@pytest.mark.parametrize(("args", "built"), RUN_CASES, ids=[" ".join(a) or "nothing" for a, _ in RUN_CASES])
def test_run_builds_only_the_named_command_and_answers_as_the_whole_app(args: list[str], built: int):
    whole = _run("app(sys.argv[1:])", args)
    quick = _run("run(app, sys.argv[1:])", args)
    assert quick[:3] == whole[:3]
    assert whole[3] == 4
    assert quick[3] == built


def test_a_command_named_with_the_completion_protocol_on_gets_the_whole_app():
    assert _run("run(app, sys.argv[1:])", ["show"], _X_COMPLETE="source_bash")[3] == 4


@pytest.mark.parametrize(
    ("words", "expected"),
    [("cqsc pro", ["projects", "progress"]), ("cqsc projects --sector lo", ["logistics"]), ("cqsc record mi", ["milestone"])],
)
def test_shell_completion_through_the_entry_point(words: str, expected: list[str], tmp_path: Path):
    """As the shell calls cqsc: no arguments, the words in the environment; completion sees every command."""
    env = {**os.environ, "_CQSC_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1),
           "XDG_CACHE_HOME": str(tmp_path), "CQSC_DATA_DIR": str(DATA)}
    code = "import sys; sys.argv = ['cqsc']; from cqsc.cli.app import main; main()"
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.split() == expected, proc.stderr


def test_a_misspelt_command_is_suggested_through_the_entry_point():
    code = "import sys; sys.argv = ['cqsc', 'projetcs']; from cqsc.cli.app import main; main()"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "projetcs" in proc.stderr and "projects" in proc.stderr.replace("projetcs", "")


# --- no private name of a dependency's CLI framework ------------------------------------------------

FRAMEWORKS = ("typer", "click")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _typer_private_names() -> set[str]:
    """Every single-underscore name in Typer's source, its vendored click included."""
    found: set[str] = set()
    for path in Path(typer.__file__).parent.rglob("*.py"):
        found |= {m for m in re.findall(r"\b_[A-Za-z]\w*", path.read_text(encoding="utf-8")) if _private(m)}
    return found


def _own_names(tree: ast.AST) -> set[str]:
    """Names a module defines itself (functions, classes, variables), which other modules may read as attributes.

    Attributes set on self are not among them: in a subclass of a Typer class, `self._x = …` is Typer's `_x`.
    """
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
    return own


def private_uses(sources: dict[str, str]) -> list[str]:
    """Each place in these modules that imports, reads, sets or patches a private name of Typer or click."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    own = set().union(*(_own_names(tree) for tree in trees.values()))
    theirs = _typer_private_names()
    found = []
    for name, tree in trees.items():
        modules: set[str] = set()  # names this module binds to Typer or click modules
        for node in ast.walk(tree):
            where = f"{name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in FRAMEWORKS:
                        modules.add(alias.asname or alias.name.split(".")[0])
                        if any(_private(part) for part in alias.name.split(".")):
                            found.append(f"{where} import {alias.name}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FRAMEWORKS:
                for alias in node.names:
                    modules.add(alias.asname or alias.name)
                    if any(_private(part) for part in [*(node.module or "").split("."), alias.name]):
                        found.append(f"{where} from {node.module} import {alias.name}")
        # docstrings and other bare strings are prose; a string that is used (import_module) is not
        prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        for node in ast.walk(tree):
            where = f"{name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute):
                base = node.value
                while isinstance(base, ast.Attribute):
                    base = base.value
                on_framework = isinstance(base, ast.Name) and base.id in modules
                if _private(node.attr) and (on_framework or (node.attr in theirs and node.attr not in own)):
                    found.append(f"{where} .{node.attr}")
                elif on_framework and isinstance(node.ctx, (ast.Store, ast.Del)):
                    found.append(f"{where} sets {ast.unparse(node)}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr", "getattr"):
                target, *rest = node.args or [None]
                attr = rest[0] if rest else None
                if isinstance(target, ast.Name) and target.id in modules and node.func.id != "getattr":
                    found.append(f"{where} {node.func.id}({target.id}, …)")
                elif isinstance(attr, ast.Constant) and isinstance(attr.value, str) and _private(attr.value) and attr.value in theirs and attr.value not in own:
                    found.append(f"{where} {node.func.id}(…, {attr.value!r})")
            elif isinstance(node, ast.Constant) and id(node) not in prose and isinstance(node.value, str) and re.search(r"\b(typer|click)\.(\w+\.)*_[A-Za-z]", node.value):
                found.append(f"{where} {node.value!r}")  # importlib.import_module("typer._x") and the like
    return found


def test_no_module_uses_a_private_name_of_typer_or_click():
    """Typer's private parts change without notice (0.29 moved coercion to pydantic): public API only."""
    sources = {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py"))}
    assert private_uses(sources) == []


@pytest.mark.parametrize(
    "code",
    [
        "from typer._coercion import build_runtime_param",
        "from typer import _param_types",
        "import typer._adapters",
        "from typer.core import TyperGroup, _TyperParameter",
        "import typer\ntyper.main.get_command_from_info = print",
        "import typer.main as tm\nsetattr(tm, 'get_command', print)",
        "def f(param):\n    param._custom_shell_complete = None",  # click's Parameter, on any Typer
        "def f(ctx):\n    return getattr(ctx, '_protected_args', None)",
        "import importlib\nimportlib.import_module('typer._coercion')",
        "from typer import _click\n",
        "import typer\nx = typer.core._split_opt",
        "from typer.core import TyperGroup\nclass G(TyperGroup):\n    def f(self):\n        self._protected_args = []",
    ],
)
def test_the_private_name_check_finds(code: str):
    assert private_uses({"m.py": code}) != []


def test_the_private_name_check_leaves_public_api_and_own_names_alone():
    code = (
        "import typer, copy\nfrom typer.core import TyperGroup\nfrom typer.main import get_command_name\n"
        "class G(TyperGroup):\n    def resolve_command(self, ctx, args):\n        return super().resolve_command(ctx, args)\n"
        "app = copy.copy(typer.Typer())\napp.registered_commands = []\n"
    )
    assert private_uses({"m.py": code, "n.py": "def _protected_args():\n    pass\n", "o.py": "import n\nn._protected_args()\n"}) == []
