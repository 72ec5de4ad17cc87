"""cqsc's one idea of a line, which is YAML's: a data file's lines end with LF or CRLF, and nothing else.

libyaml also breaks lines at a lone CR, NEL (U+0085), U+2028 and U+2029, where editors, git, grep and
Python's ``str.splitlines`` each disagree in their own way, so a position, an excerpt, an insertion
point or an item cut could land on another line than the one YAML reads. Data files therefore may
not hold these characters raw, nor a byte order mark (U+FEFF) past the start of the file, which
libyaml and cqsc's own reader also treat differently: the loader refuses each at its line and
column (rule CQ008), naming the code point and its escape. Written inside a double-quoted string
(``"\\L"``), any of them is fine, and that is how ``cqsc record`` writes them.

With those refused, a line is what ends at ``\\n``; every module that counts, cuts or inserts lines
uses ``split`` and ``position`` here. No YAML import: the warm path reads excerpts too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cqsc.model.problems import Said

# Each character YAML reads as a line break besides LF and CRLF, and the stray byte order mark:
# its name as a message says it, and its escape in a double-quoted YAML string.
ODD: dict[str, tuple[str, str]] = {
    "\r": ("U+000D CARRIAGE RETURN without a line feed", "\\r"),
    "\x85": ("U+0085 NEXT LINE (NEL)", "\\N"),
    "\u2028": ("U+2028 LINE SEPARATOR", "\\L"),
    "\u2029": ("U+2029 PARAGRAPH SEPARATOR", "\\P"),
    "\ufeff": ("U+FEFF BYTE ORDER MARK (zero width no-break space)", "\\uFEFF"),
}
_ODD = re.compile("\r(?!\n)|[\x85\u2028\u2029\ufeff]")


def has_odd(text: str) -> bool:
    """Whether ``text`` holds any character of ``ODD`` where it is refused (one quick scan, no regex on clean text)."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text or text.find("\ufeff", 1) >= 0:
        return True
    return "\r" in text and text.count("\r") != text.count("\r\n")


def find_odd(text: str) -> list[tuple[int, int, str]]:
    """The 1-based line and column of each refused character in ``text``, and the character."""
    if not has_odd(text):
        return []
    return [(*position(text, m.start()), m.group()) for m in _ODD.finditer(text) if m.start() > 0 or m.group() != "\ufeff"]


def message(char: str) -> Said:
    """Why ``char`` is refused in a data file and what to write instead, in one line (a template of the catalogue for each)."""
    from cqsc.text.lang import say

    name, escape = ODD[char]
    what = "a byte order mark belongs only at the start of a file" if char == "\ufeff" else "YAML reads it as a line break"
    fix = "end lines with LF or CRLF, or write it" if char == "\r" else "remove it or write it" if char == "\ufeff" else "write it"
    return say(f"{name}: {what}; {fix} escaped as {{escape}} inside a double-quoted string", escape=escape)


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``, lines ending at LF."""
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


def split(text: str) -> list[str]:
    """The lines of ``text`` with their endings (LF or CRLF); the last may have none."""
    lines = text.split("\n")
    last = lines.pop()
    out = [line + "\n" for line in lines]
    if last:
        out.append(last)
    return out


def ending(text: str) -> str:
    """The line ending ``text`` uses: that of its first line, LF for a file of one line."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
