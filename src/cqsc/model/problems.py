"""Problems found in the data: records, not exceptions, so that all of them can be reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    error = "error"
    warning = "warning"


class Count(NamedTuple):
    """A number of things in a message: "2 projects", "2 个项目" (text.numbers.counted says it)."""

    n: int
    noun: str


class English(NamedTuple):
    """Text in a message that exists only in English (a library's own words, a text from the data): marked (en) in Chinese."""

    text: str


Value = int | str | Count | English


class Said(NamedTuple):
    """A message as the catalogue's template and its values, with its English already written (text.lang.say).

    The English is the message everywhere a contract needs one text (JSON, the baseline, the cache); the
    template and values let the check view say it again in another language.
    """

    english: str
    template: str
    values: tuple[tuple[str, Value], ...]


def plain(template: str, **values: int | str | English) -> Said:
    """A message with no counted noun, made where the catalogue cannot be reached (the data's validators,
    the reading of a file): its English is the template filled in, as text.lang.say writes it."""
    english = {k: v.text if isinstance(v, English) else v for k, v in values.items()}
    return Said(template.format(**english) if values else template, template, tuple(values.items()))


class SaidError(ValueError):
    """A validator's refusal (model/records.py, model/dates.py): str() is the English pydantic and the
    option parsers show; ``said`` lets the loader say it again in the reader's language."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.english)
        self.said = said


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    col: int | None
    code: str
    name: str
    severity: Severity
    said: Said  # the message: its English, and the template and values to say it in another language
    excerpt: str | None = None
    path: tuple[Any, ...] = ()  # where in the file's values: the baseline keys problems by record and field

    @property
    def message(self) -> str:
        """The message in English: the one text JSON, the baseline and GitHub annotations carry."""
        return self.said.english

    @property
    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.col or 0, self.code)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.error for p in problems)
