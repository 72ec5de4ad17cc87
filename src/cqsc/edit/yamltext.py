"""Add records to a YAML data file by inserting lines, leaving every other byte as it was.

PyYAML does not keep comments, and round-trip libraries (ruamel.yaml) re-indent and
re-quote in places, so a file written back by either changes lines nobody edited and
makes a noisy diff in review. Data files are block-style YAML, so a new list item or a
new key is a run of whole lines that can be placed between existing lines at the
positions the parser reports: the diff is exactly the lines added.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cqsc.loading import yamlsafe
from cqsc.text import linebreaks

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
    return double_quoted(text)


# YAML's named escapes; the line breaks among them are never written raw (linebreaks.py).
_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
    "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P",
}


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar with every character that is not printable escaped.

    So a label holding U+2028, NEL or U+FEFF is written ``\\L``, ``\\N``, ``\\uFEFF`` and reads back as itself,
    and no line break YAML would see hides in a written line.
    """
    out = []
    for c in text:
        escape = _ESCAPES.get(c)
        if escape is None and not c.isprintable() and unicodedata.category(c) != "Zs":  # spaces (U+3000) stay as they are
            code = ord(c)
            escape = f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
        out.append(c if escape is None else escape)
    return '"' + "".join(out) + '"'


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

    @functools.cached_property
    def lines(self) -> list[str]:
        return linebreaks.split(self.text)

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

    def end_line(self, path: tuple[Any, ...], *, over_comments: bool = True) -> int:
        """The 1-based line just after the node at ``path`` and all that belongs to it.

        That is where the next sibling (or an ancestor's next sibling) starts, moved back
        over blank and comment lines, which belong to what follows; ``over_comments=False``
        keeps the boundary itself, for a node whose last value ends in lines that only look
        blank or like comments (a ``|+`` text, a quoted text going on in a line starting ``#``).
        """
        boundary = self._next_start(path)
        if not over_comments:
            return boundary
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
    """``text`` with ``new_lines`` placed before its 1-based ``line`` (after the last line if beyond).

    The new lines end as the file's own lines do (CRLF in a CRLF file).
    """
    eol = linebreaks.ending(text)
    lines = linebreaks.split(text)
    if lines and not lines[-1].endswith("\n") and line > len(lines):
        lines[-1] += eol
    at = line - 1
    added = [new[:-1] + eol if new.endswith("\n") and not new.endswith("\r\n") else new for new in new_lines]
    return "".join(lines[:at]) + "".join(added) + "".join(lines[at:])
