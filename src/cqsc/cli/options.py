"""Option parsers the commands share: closed choices read one way everywhere (cqsc.api.resolve_choice)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from cqsc.model.options import Lang


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


CHOSEN = {"lang": Lang.en}  # this run's language, once --lang is read: the problems of a failed run are said in it


def lang_option(ctx: typer.Context, param: Any, value: Lang) -> Lang:
    """Neither --lang nor CQSC_LANG said: the locale (LC_ALL, LC_MESSAGES, LANG) decides."""
    source = ctx.get_parameter_source(param.name)
    if source is None or source.name == "DEFAULT":
        from cqsc import api

        value = api.locale_lang()
    CHOSEN["lang"] = value
    return value


def lang_opt(what: str) -> Any:
    """The --lang option, read the same way by every command; ``what`` says what it changes there."""
    return typer.Option(
        "--lang", envvar="CQSC_LANG", metavar="LANG", callback=lang_option, case_sensitive=False, show_default=False,
        help=f"{what} Default: CQSC_LANG, else zh under a zh_* locale (LC_ALL, LC_MESSAGES, LANG), else en.",
    )


LangOpt = Annotated[Lang, lang_opt("en, or zh: every word cqsc writes in Chinese, and names in Chinese where the data has them (else the English, marked (en)).")]
