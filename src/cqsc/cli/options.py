"""Option parsers the commands share: closed choices read one way everywhere (cqsc.text.choices)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

import typer


def choice(enum: type[StrEnum], what: str, labels: Any = None) -> Callable[[str], Any]:
    """A parser for a closed choice: its code in any spelling or a label; else a did-you-mean (text/choices.py)."""

    def parse(value: str) -> Any:
        from cqsc.text.choices import ChoiceError, resolve_enum

        try:
            return resolve_enum(value, enum, what, labels)
        except ChoiceError as exc:
            raise typer.BadParameter(str(exc)) from None  # Typer adds which option

    return parse


def complete(enum: type[StrEnum]) -> Callable[[str], list[str]]:
    def values(incomplete: str) -> list[str]:
        return [m.value for m in enum if m.value.startswith(incomplete.lower())]

    return values
