"""How a run wants its output: the format and the options every command shares, and the terminal's facts.

No rich and no typer here: the CLI builds a Settings from its options, views read the unit and the
language, emitters read the rest.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from cqsc.model.options import DisplayUnit, Format, Lang

# The version of the JSON output's contract: raised when a key is renamed or removed or its meaning changes
# (CHANGELOG.md lists each); adding a key leaves it as it is.
JSON_FORMAT_VERSION = "1.0"

DEFAULT_WIDTH = 80
MIN_WIDTH, MAX_WIDTH = 20, 1000  # a COLUMNS outside these is no width to lay a table out in


def terminal_width(is_tty: bool) -> int:
    """COLUMNS if it is a sensible width, else the terminal's own, else 80 (0, 1, -5 or 99999 fall back to 80)."""
    from cqsc.model.environment import env_int

    width = env_int("COLUMNS", MIN_WIDTH, MAX_WIDTH, strict=False)
    if width is not None:
        return width
    if is_tty and not os.environ.get("COLUMNS", "").strip():
        import shutil

        size = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
        if MIN_WIDTH <= size <= MAX_WIDTH:
            return size
    return DEFAULT_WIDTH


def stream_is_tty(stream: object = None) -> bool:
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def stream_is_utf8(stream: object = None) -> bool:
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def unencodable(text: str, stream: object = None) -> str | None:
    """The encoding of ``stream`` (stdout) when it cannot carry ``text`` as it is; None when it can."""
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return encoding
    except LookupError:
        return None
    return None


@dataclass
class Settings:
    format: Format = Format.table
    unit: DisplayUnit = DisplayUnit.bn
    lang: Lang = Lang.en
    quiet: bool = False  # only the results: no explanatory notes
    columns: tuple[str, ...] = ()  # the listing's columns to show, in this order; () for the view's own
    width: int = DEFAULT_WIDTH
    tty: bool = False  # stdout is a terminal (and the output goes there, not to -o FILE)
    color: bool = False  # styles and hyperlinks: a terminal, and NO_COLOR not set
    utf8: bool = True  # box-drawing and block characters; ASCII otherwise
    notes_to_stderr: list[str] = field(default_factory=list)  # what a format left out, said on stderr
    bom: bool = False  # CSV begins with a UTF-8 byte-order mark, which tells Excel the encoding

    @classmethod
    def for_stdout(cls, *, to_file: bool = False, **kwargs: object) -> Settings:
        tty = stream_is_tty() and not to_file
        color = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        return cls(width=terminal_width(tty), tty=tty, color=color, utf8=to_file or stream_is_utf8(), **kwargs)  # type: ignore[arg-type]
