"""Usage errors as one or two plain lines on stderr, the same in a terminal, a pipe and a CI log.

Typer would draw a box (or print usage, a hint and a blank line); a user needs what was wrong, what
would be right, and where the help is. The group class below is handed to Typer through its public
``cls=`` hook; the exceptions are caught through their public base, ``typer.TyperException``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from cqsc.model.errors import EXIT_USAGE


def usage_lines(exc: Any) -> list[str]:
    """What a usage error prints: the message, and (when the command is known) where its help is."""
    message = " ".join(str(exc.format_message()).split())
    lines = [f"error: {message}"]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(f"Try '{ctx.command_path} -h' for help.")
    return lines


class Group(TyperGroup):
    """Typer's group: usage errors said in plain lines instead of a box, and the errors a user can act on
    (model/errors.py) ended in one place, whichever way the app is run (console script, ``python -m cqsc``,
    a test's runner).
    """

    def invoke(self, ctx: Any) -> Any:  # the framework's Context
        from cqsc.cli.options import CHOSEN
        from cqsc.model.errors import CqscError, UsageError
        from cqsc.model.options import Lang

        CHOSEN["lang"] = Lang.en  # until this run's --lang is read
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            if exc.option is None:
                fail(exc)
            # Said as Typer says a bad option: "error: Invalid value for OPTION: ..." (exit 2).
            raise typer.BadParameter(str(exc), param_hint=exc.option) from None
        except CqscError as exc:
            fail(exc)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            sys.stderr.write("Aborted.\n")
            sys.exit(1)
        except typer.TyperException as exc:
            sys.stderr.write("".join(f"{line}\n" for line in usage_lines(exc)))
            sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
        sys.exit(code if isinstance(code, int) else 0)


class Command(TyperCommand):
    """Typer's command, with a required argument shown as ID in the usage line, not {ID}."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


def fail(exc: Exception) -> NoReturn:
    """Say what went wrong on stderr (every problem first, for data errors) and exit with its code."""
    from cqsc.model.errors import CqscError, DataError, UsageError
    from cqsc.output import check as console_check
    from cqsc.output import console

    if isinstance(exc, DataError) and exc.problems:
        from cqsc.cli.options import CHOSEN

        console_check.show_problems(exc.problems, CHOSEN["lang"])
    option = exc.option if isinstance(exc, UsageError) else None
    console.err_console().print(console.Text(f"error: {option + ': ' if option else ''}{exc}", style="red"))
    raise typer.Exit(exc.exit_code if isinstance(exc, CqscError) else 1)
