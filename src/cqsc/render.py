"""Messages and the check: consoles for stdout and stderr, problems, rules, the loading spinner, the Gantt chart.

Listing commands render through views and emitters (cqsc.views, cqsc.output); what is left here is the
output of `cqsc check` and the messages every command may print. Colour follows rich's rules: none when
the stream is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from cqsc.escape import visible
from cqsc.models import Status, date_bounds
from cqsc.output import JSON_FORMAT_VERSION
from cqsc.output.settings import stream_is_utf8
from cqsc.output.text import counted
from cqsc.problems import Problem, Severity
from cqsc.reports import GanttRow

def write_json(data: Any) -> None:
    """JSON on stdout: the exact text, or \\u escapes where stdout cannot encode it (still the same JSON)."""
    from cqsc.output.jsonout import dumps

    sys.stdout.write(dumps(data, ascii_only=not stream_is_utf8()))


__all__ = ["Text", "err_console", "out_console", "show_check", "show_gantt", "show_problems", "show_rules"]


class SafeConsole(Console):
    """A console that shows text from the data as written: no markup, no emoji codes, no raw control characters.

    Markup and emoji are off, so ``[bold]`` or ``:smile:`` in a name stay text; every segment of text is
    passed through escape.visible on its way out, so an ESC, an OSC 8 link or a bidi override in the data
    reaches the terminal as a visible escape, whatever path (table cell, title, message) it took.
    """

    def __init__(self, **kwargs: Any) -> None:
        import os

        # COLUMNS=0, 1, -5 or 99999 is no width to lay a table out in: fall back to 80.
        columns = os.environ.get("COLUMNS")
        if columns is not None and not (columns.isdigit() and 20 <= int(columns) <= 1000):
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
            )  # fmt: skip
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


# --- problems ------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckStats:
    rules: int
    records: int
    strict: bool
    folder: str | None = None  # the data folder and how it was found
    accepted: int = 0  # warnings the baseline accepts (not listed)
    baseline: str | None = None
    unused: int = 0  # baseline entries that no longer occur
    quiet: bool = False
    skipped: int = 0  # rules that compare records across a file, not run on a partly loaded one


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def show_check(problems: list[Problem], stats: CheckStats, fmt: str) -> None:
    """The result of `cqsc check`: the problems are its results, so they go to stdout."""
    errors = sum(1 for p in problems if p.severity is Severity.error)
    warnings = len(problems) - errors
    where = f" in {stats.folder}" if stats.folder else ""
    line = (
        f"{stats.rules} rules checked {stats.records} records{where}: "
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')}{' (strict: warnings count as errors)' if stats.strict else ''}"
    )
    if stats.baseline is not None:
        line += f"; {stats.accepted} accepted in {stats.baseline}, not listed"
    notes = []
    if stats.skipped:
        notes.append(f"{stats.skipped} rules that compare records across a file did not run, since some records did not load; fix the errors above and run again")
    if stats.unused:
        notes.append(f"{stats.unused} accepted warning(s) in {stats.baseline} no longer occur; --update-baseline drops them")
    if fmt == "json":
        write_json(
            {
                "format_version": JSON_FORMAT_VERSION,
                "problems": [
                    {"file": p.file, "line": p.line, "col": p.col, "code": p.code, "rule": p.name, "severity": p.severity.value, "message": p.message, "excerpt": p.excerpt}
                    for p in problems
                ],
                "summary": {
                    "rules": stats.rules, "records": stats.records, "errors": errors, "warnings": warnings, "strict": stats.strict,
                    "data_dir": stats.folder, "baseline": stats.baseline, "accepted": stats.accepted, "baseline_unused": stats.unused,
                },
            }
        )  # fmt: skip
        return
    if fmt == "github":
        out = []
        for p in problems:
            props = [f"file={_gh_escape(p.file, prop=True)}"]
            if p.line is not None:
                props += [f"line={p.line}", f"col={p.col or 1}"]
            props.append(f"title={_gh_escape(f'{p.code} {p.name}', prop=True)}")
            out.append(f"::{p.severity.value} {','.join(props)}::{_gh_escape(p.message)}")
        sys.stdout.write("".join(f"{o}\n" for o in out) + line + "\n")
        return
    console = out_console()
    for p in problems:
        style = "red" if p.severity is Severity.error else "yellow"
        first, *rest = problem_lines(p)
        console.print(Text(first, style=style), soft_wrap=True)
        for r in rest if not stats.quiet else ():
            console.print(Text(r, style="dim"), soft_wrap=True)
    if stats.quiet:
        return
    console.print(Text(line, style="bold red" if errors else "bold green"), soft_wrap=True)
    for n in notes:
        console.print(Text(n), soft_wrap=True)


def show_rules(rules: list[tuple[str, str, Severity, str]], fmt: str) -> None:
    if fmt == "json":
        write_json({"format_version": JSON_FORMAT_VERSION, "rules": [{"code": c, "rule": n, "severity": s.value, "summary": d} for c, n, s, d in rules]})
        return
    console = out_console()
    for code, name, severity, summary in rules:
        console.print(Text(f"{code} {name:<30} {severity.value:<8} {summary}"), soft_wrap=True)


def problem_lines(problem: Problem) -> list[str]:
    lines = [f"{problem.where}: {problem.severity.value}: {problem.message} [{problem.code} {problem.name}]"]
    if problem.excerpt:
        lines.append(f"    {problem.excerpt.strip()}")
    return lines


def show_problems(problems: list[Problem]) -> None:
    """Print problems on stderr, one per entry, with an excerpt of the offending line."""
    console = err_console()
    for p in problems:
        style = "red" if p.severity is Severity.error else "yellow"
        first, *rest = problem_lines(p)
        console.print(Text(first, style=style))
        for r in rest:
            console.print(Text(r, style="dim"))


# --- the Gantt view in a terminal -------------------------------------------------------------


def show_gantt(rows: list[GanttRow], day: date) -> None:
    """One line per project across the terminal, 2018 to 2028: ░ preparation, █ implementation, ● completed,
    ◆ a planned date, │ the day of the view (ASCII - = o * | when piped)."""
    from rich.cells import cell_len

    from cqsc.reports import GANTT_END, GANTT_START

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
    console.print(Text(f"{prep} preparation, {impl} implementation, {done} completed, {plan} a planned date, {line} {day.isoformat()}; from the dated milestones."))
