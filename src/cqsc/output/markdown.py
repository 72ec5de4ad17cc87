"""The Markdown emitter: GitHub-flavoured tables and paragraphs, every text escaped with md() here.

HTML in the data stays text (&lt;script&gt;), Markdown punctuation is backslash-escaped, and a newline in
a cell becomes <br>, so no text from the data can open a heading, a list, a link or a new table row.
"""

from __future__ import annotations

import re

from cqsc.output.settings import Settings
from cqsc.text.numbers import bar
from cqsc.views.model import Heading, Kind, Lines, Pairs, Table, View, cell

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")  # emphasis, code, links, table cells, strike-through
_MD_LEAD = re.compile(r"^(\s*)([#>+=-])")  # a heading, quote, list or rule where a line starts
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])")  # a numbered list item


def md(text: str, *, cell: bool = False) -> str:
    """For Markdown: HTML and Markdown structure escaped, line breaks as <br>.

    In running text (``cell=False``) what would start a heading, quote or list is escaped too; a table
    cell cannot start one, so there numbers such as 3.96 stay as written.
    """
    import html

    escaped = _MD_INLINE.sub(r"\\\1", html.escape(text, quote=False))
    if not cell:
        escaped = _MD_LEAD.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
        escaped = _MD_NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return escaped.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def unmd(text: str) -> str:
    """The text ``md`` was given, from what it made (for tests and tools reading our Markdown)."""
    import html

    return html.unescape(re.sub(r"\\(.)", r"\1", text.replace("<br>", "\n")))


def table(block: Table) -> str:
    cols = [c for c in block.columns if c.documents]  # the terminal-only ones (bars) left out
    lines = ["| " + " | ".join(md(c.label, cell=True) for c in cols) + " |"]
    lines.append("|" + "|".join("---:" if c.kind.numeric else "---" for c in cols) + "|")
    for row in block.rows:
        cells = []
        for c in cols:
            x = cell(row.get(c.key))
            if c.kind is Kind.bar:
                cells.append(bar(x.share, 30, ascii_only=False))
                continue
            cells.append("&emsp;" * x.depth + md(x.text, cell=True))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def emit(view: View, settings: Settings) -> str:
    out: list[str] = []
    if view.title:
        out.append(f"## {md(view.title)}")
    for block in view.blocks:
        if isinstance(block, Table):
            if block.title:
                out.append(f"### {md(block.title)}")
            if block.rows:
                out.append(table(block))
            elif block.empty:
                out.append(md(block.empty))
        elif isinstance(block, Lines):
            if not block.lines or (block.role == "note" and settings.quiet):
                continue
            if block.title:
                out.append(f"### {md(block.title)}")
            if block.role == "list":
                out.append("\n".join(f"- {md(line)}" for line in block.lines))
            else:
                out.append("  \n".join(md(line.strip()) for line in block.lines))
        elif isinstance(block, Pairs):
            out.append("\n".join(f"- **{md(k)}**: {md(cell(v).text)}" for k, v in block.pairs))
        elif isinstance(block, Heading):
            out.append("#" * (block.level + 1) + " " + md(block.text))
    return "\n\n".join(out) + "\n"


# --- elements, for documents that assemble a page (the report) -------------------------------------


def heading(level: int, text: str) -> str:
    return "#" * level + " " + md(text)


def para(text: str) -> str:
    return md(text)


def note(text: str) -> str:
    return "_" + md(text) + "_"


def strong(text: str) -> str:
    return "**" + md(text) + "**"


def bullets(lines: list[str]) -> str:
    """A list of items that are already Markdown."""
    return "\n".join(f"- {line}" for line in lines)


def numbered(items: list[tuple[int, str]]) -> str:
    """A numbered list of items that are already Markdown."""
    return "\n".join(f"{n}. {line}" for n, line in items)


def refs(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def cell_text(text: str, depth: int = 0) -> str:
    return "&emsp;" * depth + md(text, cell=True)


def grid(headers: list[tuple[str, bool]], rows: list[list[str]]) -> str:
    """A table of cells that are already Markdown (see cell_text); each header is (text, numeric)."""
    lines = ["| " + " | ".join(md(label, cell=True) if label else " " for label, _ in headers) + " |"]
    lines.append("|" + "|".join("---:" if num else "---" for _, num in headers) + "|")
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def document(parts: list[str]) -> str:
    return "\n\n".join(p for p in parts if p) + "\n"
