"""Coerce command-line options without pydantic on Typer 0.29 and later.

Typer 0.29 coerces every parsed option value, including the defaults of options not given, through
a pydantic ``TypeAdapter`` built on first use (``typer/_coercion.py: build_runtime_param`` called from
``_TyperParameter.process_value``). A run therefore imports ``typer._adapters`` and pydantic (about
50 ms) and builds one adapter per option of the command (about 3 ms each), some 90 ms of a 0.15 s
warm ``cqsc projects``. The values a shell hands over are strings, and the annotations cqsc uses
(str, int with bounds, bool, Path, str enums, lists and optionals of these) need no validator
library: this module gives each such parameter a plain coercion in place of the adapter.

Only values it is sure of take the quick path. Anything else (a value out of range, not a choice,
an annotation it does not know, a Typer whose internals differ) is handed to Typer's own coercion,
so results and error messages stay Typer's. On Typer 0.28, which has no per-option coercion, it
does nothing. Use it as the app's group class: ``typer.Typer(cls=FastGroup, ...)``.
"""

from __future__ import annotations

import functools
import re
from enum import Enum
from pathlib import Path
from typing import Any

from typer.core import TyperGroup

_INT = re.compile(r"-?[0-9]+\Z")


class _Fallback(Exception):
    """This value is not for the quick path: let Typer coerce it."""


def _leaf(annotation: Any, info: Any) -> Any:
    """A function coercing one value of this annotation, or None when Typer must do it."""
    if getattr(info, "parser", None) is not None:
        return None
    if annotation is str:

        def coerce_str(value: Any, ctx: Any, param: Any) -> Any:
            if isinstance(value, str):
                return value
            raise _Fallback

        return coerce_str
    if annotation is bool:

        def coerce_bool(value: Any, ctx: Any, param: Any) -> Any:
            if isinstance(value, bool):
                return value
            raise _Fallback

        return coerce_bool
    if annotation is int:
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if getattr(info, "clamp", False):
            return None

        def coerce_int(value: Any, ctx: Any, param: Any) -> Any:
            # pydantic's lax int also takes "1_000", " 7 " or "7.0"; leave such spellings to it
            if isinstance(value, str) and _INT.match(value):
                number = int(value)
            elif type(value) is int:
                number = value
            else:
                raise _Fallback
            if (low is not None and number < low) or (high is not None and number > high):
                raise _Fallback  # Typer words the range error
            return number

        return coerce_int
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = tuple(annotation)
        if not all(isinstance(m.value, str) for m in members):
            return None
        case_sensitive = getattr(info, "case_sensitive", True)
        by_text = {(m.value if case_sensitive else m.value.casefold()): m for m in members}

        def coerce_choice(value: Any, ctx: Any, param: Any) -> Any:
            if isinstance(value, annotation):
                return value
            if not isinstance(value, str) or getattr(ctx, "token_normalize_func", None) is not None:
                raise _Fallback
            member = by_text.get(value if case_sensitive else value.casefold())
            if member is None:
                raise _Fallback  # Typer words the "not one of" error
            return member

        return coerce_choice
    if annotation is Path and getattr(info, "path_type", None) in (None, Path):
        from typer import _param_types  # Typer's own checks (exists, readable, …) on a Path value

        check = getattr(_param_types, "coerce_cli_path", None)
        if check is None:
            return None

        def coerce_path(value: Any, ctx: Any, param: Any) -> Any:
            if isinstance(value, str) and value:
                value = Path(value)
            if not isinstance(value, Path):
                raise _Fallback
            return check(value, info, path_type=Path, param=param, ctx=ctx)

        return coerce_path
    return None


class _QuickCoercion:
    """Stands in for Typer's adapter-backed coercion of one parameter; keeps Typer's as the fallback."""

    def __init__(self, param: Any, leaf: Any, many: bool) -> None:
        self._param = param
        self._leaf = leaf
        self._many = many
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            if value is None:
                return () if (param.multiple or param.nargs == -1) else None
            if self._many:
                if not isinstance(value, (list, tuple)):
                    raise _Fallback
                return [self._leaf(item, ctx, param) for item in value]
            return self._leaf(value, ctx, param)
        except _Fallback:
            return self._slow().coerce(value, param=param, ctx=ctx)

    def _slow(self) -> Any:
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self._param.type_descriptor)
        return self._typer


def _quick(param: Any) -> _QuickCoercion | None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(descriptor, "file_annotation", None) is not None:
        return None
    annotation, info = descriptor.annotation, descriptor.parameter_info
    many = getattr(annotation, "__origin__", None) is list
    if many:
        (annotation,) = annotation.__args__
    elif getattr(annotation, "__origin__", None) is not None:
        return None
    leaf = _leaf(annotation, info)
    return _QuickCoercion(param, leaf, many) if leaf is not None else None


@functools.cache
def _typer_coerces() -> bool:
    """Whether this Typer coerces options itself (0.29), with the fallback where 0.29 keeps it."""
    try:
        from typer._coercion import build_runtime_param  # noqa: F401
    except ImportError:
        return False
    return True


def _install(params: Any) -> None:
    if not _typer_coerces():
        return
    for param in params:
        # Typer 0.29 builds `_runtime_param` lazily from None; any other state is not ours to replace
        if "_runtime_param" in vars(param) and param._runtime_param is None:
            quick = _quick(param)
            if quick is not None:
                param._runtime_param = quick


class FastGroup(TyperGroup):
    """The app's group: its commands coerce their options without building pydantic adapters."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # here, not in __init__: Typer appends --install-completion and --show-completion afterwards,
        # and --help is built from the context
        _install(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not isinstance(command, FastGroup) and _typer_coerces():
            params: list[Any] = list(command.params)  # click's Parameters, and the help option (or None)
            # the subcommand's --help is cached on first use; its names come from this context
            # unless the subcommand sets its own, and then it is left to Typer
            if "help_option_names" not in (getattr(command, "context_settings", None) or {}):
                params.append(command.get_help_option(ctx))
            _install(p for p in params if p is not None)
        return name, command, rest


def run(app: Any, args: list[str] | None = None) -> Any:
    """Run the app, building only the command being invoked when the command line names one exactly.

    Typer turns every registered command into a click command on each start (signatures, annotations,
    help texts): about 7 ms for cqsc's eleven, 2 ms for one. A run that names its command needs only
    that one; anything else (no command, an option first, a misspelt name that earns a suggestion,
    shell completion) gets the whole app, as before.
    """
    import copy
    import os
    import sys

    from typer.main import get_command_name

    argv = sys.argv[1:] if args is None else args
    completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    # with no callback, Typer would turn a lone command into the whole app and misread the name
    if argv and not completing and app.registered_callback is not None:
        named = [c for c in app.registered_commands if (c.name or get_command_name(c.callback.__name__)) == argv[0]]
        if len(named) == 1 and not any(g.name == argv[0] for g in app.registered_groups):
            app = copy.copy(app)
            app.registered_commands = named
            app.registered_groups = []  # a sub-app (cqsc record) is built only when it is the one named
    return app(args) if args is not None else app()


def unhandled(app: Any) -> list[str]:
    """The options of this app that would still go through Typer's own coercion (and pydantic, on 0.29).

    Read from the command functions' signatures, so it answers the same on every Typer version.
    """
    import types
    import typing

    from typer import Context
    from typer.main import get_command_name
    from typer.models import OptionInfo, ParameterInfo
    from typer.utils import get_params_from_function

    functions = [(c.name or get_command_name(c.callback.__name__), c.callback) for c in app.registered_commands]
    if app.registered_callback is not None:
        functions.append(("(the app)", app.registered_callback.callback))
    found = []
    for command, function in functions:
        for name, meta in get_params_from_function(function).items():
            annotation = meta.annotation
            if isinstance(annotation, type) and issubclass(annotation, Context):
                continue
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
                annotation = next(a for a in args if a is not type(None))
            if typing.get_origin(annotation) is list:
                (annotation,) = typing.get_args(annotation)
            info = meta.default if isinstance(meta.default, ParameterInfo) else OptionInfo()
            if getattr(info, "click_type", None) is not None:
                ok = False
            elif annotation is Path:
                ok = getattr(info, "path_type", None) in (None, Path)
            else:
                ok = _leaf(annotation, info) is not None
            if not ok:
                found.append(f"{command} {name}: {annotation!r}")
    return found
