"""Add records to a YAML data file by inserting lines, leaving every other byte as it was.

PyYAML does not keep comments, and round-trip libraries (ruamel.yaml) re-indent and
re-quote in places, so a file written back by either changes lines nobody edited and
makes a noisy diff in review. Data files are block-style YAML, so a new list item or a
new key is a run of whole lines that can be placed between existing lines at the
positions the parser reports: the diff is exactly the lines added.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cqsc import yamlsafe

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can stand unquoted and still read back as the same string."""
    import yaml

    if not text or text != text.strip() or not text.isprintable() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or any(c in text for c in ",[]{}"):
        return False
    # A value YAML 1.1 would read as a date, number, bool or null is quoted, as the data files do.
    if yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        return False
    return yamlsafe.parse(f"k: {text}\n").value == {"k": text}


def scalar(value: Any) -> str:
    """One value as YAML text that reads back as exactly that value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    if _plain_ok(text):
        return text
    if text.isprintable() and "'" not in text:
        return f"'{text}'"
    # JSON's double-quoted strings are YAML double-quoted scalars, escapes included.
    return json.dumps(text, ensure_ascii=False)


def flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def mapping_item(fields: Sequence[tuple[str, Any]], indent: int) -> list[str]:
    """A block list item (``- key: value`` then aligned keys), fields with None left out."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in fields:
        if value is None:
            continue
        text = flow_list(value) if isinstance(value, (list, tuple)) else scalar(value)
        lead = f"{pad}- " if not lines else f"{pad}  "
        lines.append(f"{lead}{key}: {text}\n")
    return lines


@dataclass
class Document:
    """A data file's lines with the parser's positions, for finding where new lines go."""

    text: str
    parsed: yamlsafe.Parsed

    @classmethod
    def read(cls, text: str) -> Document:
        return cls(text, yamlsafe.parse(text, positions=True))

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)

    def value(self, path: tuple[Any, ...]) -> Any:
        node = self.parsed.value
        for part in path:
            node = node[part]
        return node

    def start_line(self, path: tuple[Any, ...]) -> int:
        """The 1-based line where the node at ``path`` starts (its key's line for a mapping value)."""
        mark = self.parsed.key_marks.get(path) or self.parsed.marks[path]
        return mark.line

    def item_indent(self, path: tuple[Any, ...]) -> int:
        """The column of the dash of the list item at ``path``."""
        mark = self.parsed.marks[path]
        line = self.lines[mark.line - 1]
        dash = line.rfind("-", 0, mark.col - 1)
        return dash if dash >= 0 else max(mark.col - 3, 0)

    def key_indent(self, path: tuple[Any, ...]) -> int:
        return self.parsed.key_marks[path].col - 1

    def end_line(self, path: tuple[Any, ...]) -> int:
        """The 1-based line just after the node at ``path`` and all that belongs to it.

        That is where the next sibling (or an ancestor's next sibling) starts, moved back
        over blank and comment lines, which belong to what follows.
        """
        boundary = self._next_start(path)
        lines = self.lines
        while boundary - 1 > self.start_line(path) and _blank_or_comment(lines[boundary - 2]):
            boundary -= 1
        return boundary

    def _next_start(self, path: tuple[Any, ...]) -> int:
        while path:
            parent, last = path[:-1], path[-1]
            container = self.value(parent)
            if isinstance(container, list):
                if last + 1 < len(container):
                    return self.parsed.marks[(*parent, last + 1)].line
            else:
                keys = list(container)
                at = keys.index(last)
                if at + 1 < len(keys):
                    return self.parsed.key_marks[(*parent, keys[at + 1])].line
            path = parent
        return len(self.lines) + 1

    def blank_separated(self, path: tuple[Any, ...]) -> bool:
        """Whether the items of the list at ``path`` are set apart by blank lines."""
        items = self.value(path)
        if len(items) < 2:
            return False
        line = self.parsed.marks[(*path, 1)].line
        return self.lines[line - 2].strip() == ""


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def insert(text: str, line: int, new_lines: Sequence[str]) -> str:
    """``text`` with ``new_lines`` placed before its 1-based ``line`` (after the last line if beyond)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n") and line > len(lines):
        lines[-1] += "\n"
    at = line - 1
    return "".join(lines[:at]) + "".join(new_lines) + "".join(lines[at:])
