"""Option parsers the commands share: closed choices read one way everywhere (cqsc.api.resolve_choice)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

import typer


def choice(enum: type[StrEnum], what: str, labels: Any = None) -> Callable[[str], Any]:
    """A parser for a closed choice: its code in any spelling or a label; else a did-you-mean (text/choices.py)."""

    def parse(value: str) -> Any:
        from cqsc.api import UsageError, resolve_choice

        try:
            return resolve_choice(value, enum, what, labels)
        except UsageError as exc:
            raise typer.BadParameter(str(exc)) from None  # Typer adds which option

    return parse


def complete(enum: type[StrEnum]) -> Callable[[str], list[str]]:
    def values(incomplete: str) -> list[str]:
        return [m.value for m in enum if m.value.startswith(incomplete.lower())]

    return values


def listed(enum: type[StrEnum]) -> str:
    """The choices for a help text, where they wrap between words (not in the metavar, where they would break)."""
    return ", ".join(m.value for m in enum)
