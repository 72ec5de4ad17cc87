"""A data file as parsed: its value, the problems met while reading it, and the position of each value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cqsc.model.problems import Said


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(slots=True)
class YamlProblem:
    mark: Mark
    said: Said  # the message (text.lang.say): its English, and its template and values for other languages
    kind: str = "feature"  # "syntax", "feature", or "number" (a number not written as a plain decimal)

    @property
    def message(self) -> str:
        return self.said.english


@dataclass(slots=True)
class Parsed:
    """The value of a document, the problems met while reading it, and positions if asked."""

    value: Any = None
    empty: bool = True
    problems: list[YamlProblem] = field(default_factory=list)
    # path -> mark of the value; key_marks: path -> mark of the mapping key
    marks: dict[tuple[Any, ...], Mark] = field(default_factory=dict)
    key_marks: dict[tuple[Any, ...], Mark] = field(default_factory=dict)
