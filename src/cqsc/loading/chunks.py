"""Split a data file into its top-level list items, by lines, without parsing it.

A large projects.yaml is a short mapping whose ``projects:`` key holds a block list
written at column 0, one item per project. ``split`` finds those items from the
lines alone, so that the loader can parse and validate each item on its own: only
the items that changed since the last run (incremental loads), or all of them in
several processes at once (parallel cold loads). What is left, the ``skeleton``,
is the rest of the file with the list written as ``[]``.

Only a file laid out plainly is split: every line at column 0 is a comment, a
top-level ``key:`` or a list item, and there is no tab, carriage return or
document marker at column 0, and no line break YAML reads that a search for
``\n`` would not find (NEL, U+2028, U+2029; linebreaks.py), nor a stray byte
order mark. Anything else (and any item that does not parse or validate alone)
goes through the careful whole-file path, which reports every problem at its
exact line; this module never reports a problem itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cqsc.text import linebreaks

# A line at column 0 that is not blank; the first character says what it is.
_COL0 = re.compile(r"^[^ \n].?", re.M)
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):[ ]*(#.*)?$")


@dataclass(frozen=True)
class Split:
    """The list items of one section, in order, and the rest of the file with that list written as ``[]``."""

    items: list[str]
    skeleton: str


def split(text: str, section: str) -> Split | None:
    """The items of the top-level block list ``section:`` and the skeleton; None when the layout is not plain."""
    if "\r" in text or linebreaks.has_odd(text):
        return None  # one scan of the whole file: the cut below sees only \n, so YAML must see no other break
    items: list[str] = []
    skeleton: list[str] = []
    in_section = seen_section = False
    kept_from = 0  # where the skeleton text not yet copied begins
    item_start = -1
    for m in _COL0.finditer(text):
        pos = m.start()
        head = m.group()
        if head[0] == "#":
            continue  # a comment goes with what it sits in
        if head == "- " or head == "-":  # an item (the one-character head: "-" at the end of its line)
            if in_section:
                if item_start >= 0:
                    items.append(text[item_start:pos])
                elif text[kept_from:pos].strip() and not _only_comments(text[kept_from:pos]):
                    return None  # something between the key and its first item
                item_start = pos
            continue  # an item of another list stays in the skeleton
        end = text.find("\n", pos)
        line = text[pos : len(text) if end < 0 else end]
        first = line[0]
        key = _KEY.match(line)
        if first in "\t%!&*?|>[{\"'@`" or line.startswith(("---", "...")) or (key is None and ": " not in line):
            return None  # a tab, a directive, a document marker, a node property, a scalar at column 0
        if in_section:  # the section's list ends at the next key
            if item_start < 0:
                return None  # no item at column 0: an indented or empty list, read whole
            items.append(text[item_start:pos])
            item_start = -1
            kept_from = pos
            in_section = False
        if key is not None and key.group(1) == section:
            if seen_section:
                return None  # a duplicate key: the careful path says so
            seen_section = in_section = True
            skeleton.append(text[kept_from:pos])
            skeleton.append(f"{section}: []\n")
            kept_from = len(text) if end < 0 else end + 1
    if in_section:
        if item_start < 0:
            return None
        items.append(text[item_start:])
    else:
        skeleton.append(text[kept_from:])
    if not seen_section:
        return None
    return Split([item if item.endswith("\n") else item + "\n" for item in items], "".join(skeleton))


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())
