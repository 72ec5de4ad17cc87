"""The Markdown emitter: GitHub-flavoured tables and paragraphs, every text escaped with escape.md.

HTML in the data stays text (&lt;script&gt;), Markdown punctuation is backslash-escaped, and a newline in
a cell becomes <br>, so no text from the data can open a heading, a list, a link or a new table row.
"""

from __future__ import annotations

from cqsc.output.settings import Settings
from cqsc.text.escape import md
from cqsc.text.numbers import bar
from cqsc.views.model import Heading, Kind, Lines, Pairs, Table, View, cell


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
