"""Run a Typer app building only the command the command line names, through Typer's public API.

Typer turns every registered command into a click command on each start (signatures, annotations,
help texts): 7 ms for cqsc's eleven on a quiet machine, 38 ms of CPU on a busy one (bench/README.md).
A run that names its command needs only that one. The app is copied and the copy given only that
command's registration (`Typer.registered_commands`, `registered_groups`: the app's public attributes
that `@app.command()` and `add_typer` fill), so Typer builds, parses, helps and errs exactly as for the
whole app. Anything else (no command, an option first, a misspelt name that earns a suggestion, shell
completion, an app without a callback) runs the whole app, as before.

Nothing here reads or replaces a private name of Typer (tests/test_lazycli.py checks the package).
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Any

import typer
from typer.main import get_command_name


def run(app: typer.Typer, args: list[str] | None = None) -> Any:
    """Run the app; when the first argument names one of its commands exactly, build only that one."""
    argv = sys.argv[1:] if args is None else args
    # click's completion protocol: `_CQSC_COMPLETE=…` in the environment; completing needs every name
    completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    # with no callback, Typer would turn a lone command into the whole app and misread the name
    if argv and not completing and app.registered_callback is not None:
        named = [c for c in app.registered_commands if _name(c) == argv[0]]
        if len(named) == 1 and not any(g.name == argv[0] for g in app.registered_groups):
            app = copy.copy(app)
            app.registered_commands = named
            app.registered_groups = []  # a sub-app (cqsc record) is built only when it is the one named
    return app(args) if args is not None else app()


def _name(command: Any) -> str | None:
    """The name Typer gives a registered command: its own, else the function's, dashed."""
    if command.name:
        return str(command.name)
    return get_command_name(command.callback.__name__) if command.callback is not None else None
