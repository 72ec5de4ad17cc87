"""Text from the data, made safe for each output medium: shown exactly as written, never interpreted.

A name, label, note, URL or path may hold rich markup (``[bold]``), terminal escapes (ESC, OSC 8),
spreadsheet formulas (``=HYPERLINK(...)``), HTML or Markdown structure, bidirectional overrides or
zero-width characters. Each medium escapes them its own way; JSON keeps the text exactly.
"""

from __future__ import annotations

import re

# Control characters (but newline and tab), DEL and C1 (NEL among them), the line and paragraph
# separators (a line break to YAML and some terminals, invisible to others), and the characters that
# reorder or hide text. The text rule of `check` (CQ143) flags the same characters in the data.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
# What a web page must not carry: HTML turns NUL into U+FFFD and calls every other C0 and C1 control
# an error, and browsers differ on what they show. Each is shown as the terminal shows it (\x00).
_HTML_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str) -> str:
    """For a terminal: every control, bidirectional and zero-width character shown as an escape (\\x1b, <U+202E>)."""
    return INVISIBLE.sub(_show, text)


def html_text(text: str) -> str:
    """For HTML (text or an attribute value): markup characters escaped, control characters as \\x00 escapes."""
    import html

    return _HTML_CONTROLS.sub(_show, html.escape(text, quote=True))


CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """For CSV: a text cell a spreadsheet would run as a formula gets a leading apostrophe (as OWASP advises).

    Numbers are left alone. The apostrophe is the one change made to the data's text; README says so.
    """
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value
