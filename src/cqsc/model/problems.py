"""Problems found in the data: records, not exceptions, so that all of them can be reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    col: int | None
    code: str
    name: str
    severity: Severity
    message: str
    excerpt: str | None = None
    path: tuple[Any, ...] = ()  # where in the file's values: the baseline keys problems by record and field

    @property
    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.col or 0, self.code)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.error for p in problems)
