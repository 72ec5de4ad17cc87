"""Messages and the check: consoles for stdout and stderr, problems, rules, the loading spinner, the Gantt chart.

Listing commands render through views and emitters (cqsc.views, cqsc.output); what is left here is the
output of `cqsc check` and the messages every command may print. Colour follows rich's rules: none when
the stream is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from cqsc.model.options import Lang
from cqsc.model.records import Status, date_bounds
from cqsc.queries.events import GanttRow
from cqsc.text.escape import visible
from cqsc.text.lang import t

__all__ = ["Text", "err_console", "out_console", "show_gantt"]


class SafeConsole(Console):
    """A console that shows text from the data as written: no markup, no emoji codes, no raw control characters.

    Markup and emoji are off, so ``[bold]`` or ``:smile:`` in a name stay text; every segment of text is
    passed through escape.visible on its way out, so an ESC, an OSC 8 link or a bidi override in the data
    reaches the terminal as a visible escape, whatever path (table cell, title, message) it took.
    """

    def __init__(self, **kwargs: Any) -> None:
        import os

        from cqsc.model.environment import env_int

        # COLUMNS=0, 1, -5, 99999 or ² is no width to lay a table out in: fall back to 80.
        if "COLUMNS" in os.environ and env_int("COLUMNS", 20, 1000, strict=False) is None:
            kwargs.setdefault("width", 80)
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)

    # Escape before layout, so that widths are measured on what is shown; the buffer pass below is the net.
    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)

    def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
        if isinstance(renderable, Text) and not renderable.spans and visible(renderable.plain) != renderable.plain:
            renderable = Text(
                visible(renderable.plain), style=renderable.style, justify=renderable.justify,
                overflow=renderable.overflow, no_wrap=renderable.no_wrap, end=renderable.end,
            )
        return super().render(renderable, options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        text = super()._render_buffer(seg if seg.control else Segment(visible(seg.text), seg.style, seg.control) for seg in buffer)
        if not self.is_terminal:
            # Piped or in a file: the padding tables leave at the ends of lines is noise to diff and grep.
            text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
        return text


def out_console() -> Console:
    return SafeConsole(soft_wrap=False)


def err_console() -> Console:
    # soft_wrap: a message is one line however long, so editors and CI can parse file:line:col.
    return SafeConsole(stderr=True, soft_wrap=True)


SLOW_BYTES = 2_000_000  # about a second of reading and checking on the reference machine


def loading_status(size: int) -> Any:
    """A spinner on stderr while a large data set is read and checked, in a terminal only."""
    from contextlib import nullcontext

    console = err_console()
    if size < SLOW_BYTES or not console.is_terminal:
        return nullcontext()
    return console.status(f"Reading and checking {size / 1_000_000:.0f} MB of data…", spinner="dots")


# --- the Gantt view in a terminal -------------------------------------------------------------


def show_gantt(rows: list[GanttRow], day: date, lang: Lang = Lang.en) -> None:
    """One line per project across the terminal, 2018 to 2028: ░ preparation, █ implementation, ● completed,
    ◆ a planned date, │ the day of the view (ASCII - = o * | when piped)."""
    from rich.cells import cell_len

    from cqsc.queries.events import GANTT_END, GANTT_START

    console = out_console()
    ascii_only = not console.is_terminal or console.encoding.lower() not in ("utf-8", "utf8")
    prep, impl, done, plan, line = ("-", "=", "o", "*", "|") if ascii_only else ("░", "█", "●", "◆", "│")
    label_w = max((cell_len(r.project.id) for r in rows), default=4) + 1
    width = max(console.width - label_w, 20)
    span = (GANTT_END - GANTT_START).days

    def col(d: date) -> int:
        d = min(max(d, GANTT_START), GANTT_END)
        return min(width - 1, (d - GANTT_START).days * width // span)

    head = [" "] * width
    for year in range(GANTT_START.year, GANTT_END.year + 1, 2):
        c = col(date(year, 1, 1))
        for i, ch in enumerate(str(year)):
            if c + i < width:
                head[c + i] = ch
    console.print(Text(" " * label_w + "".join(head).rstrip()))
    today = col(day)
    for r in rows:
        cells = [" "] * width
        for b in r.bars:
            for c in range(col(b.start), col(b.end) + 1):
                cells[c] = prep if b.stage is Status.preparation else impl
        if cells[today] == " ":
            cells[today] = line
        if r.completed:
            cells[col(date_bounds(r.completed)[0])] = done
        for pl in r.plans:
            cells[col(date_bounds(pl.due)[1])] = plan
        console.print(Text(r.project.id.ljust(label_w) + "".join(cells).rstrip()), soft_wrap=True)
    legend = "{prep} preparation, {impl} implementation, {done} completed, {plan} a planned date, {line} {day}; from the dated milestones."
    console.print(Text(t(lang, legend, prep=prep, impl=impl, done=done, plan=plan, line=line, day=day.isoformat())))
