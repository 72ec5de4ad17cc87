"""The output of `cqsc check`: problems and a summary line as text, JSON or GitHub annotations.

Piped or in a file (CI, editors, `grep`) the text is written plainly, every line through
escape.visible, without importing rich; on a terminal it goes through the styled console
(render.py), in colour unless NO_COLOR says otherwise. The two give the same characters.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

from cqsc.model.problems import Problem, Severity
from cqsc.output.jsonout import JSON_FORMAT_VERSION
from cqsc.output.settings import stream_is_tty, stream_is_utf8
from cqsc.text.numbers import counted


def write_json(data: Any) -> None:
    """JSON on stdout: the exact text, or \\u escapes where stdout cannot encode it (still the same JSON)."""
    from cqsc.output.jsonout import dumps

    sys.stdout.write(dumps(data, ascii_only=not stream_is_utf8()))


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


def problem_lines(problem: Problem) -> list[str]:
    lines = [f"{problem.where}: {problem.severity.value}: {problem.message} [{problem.code} {problem.name}]"]
    if problem.excerpt:
        lines.append(f"    {problem.excerpt.strip()}")
    return lines


def _print(lines: list[tuple[str, str | None]]) -> None:
    """Lines with their styles: plain when stdout is not a terminal, else through the styled console."""
    if not stream_is_tty() and "FORCE_COLOR" not in os.environ:
        from cqsc.text.escape import visible

        sys.stdout.write("".join(visible(text.expandtabs(8)).rstrip(" ") + "\n" for text, _ in lines))
        return
    from cqsc.output.console import Text, out_console

    console = out_console()
    for text, style in lines:
        console.print(Text(text, style=style or ""), soft_wrap=True)


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
        notes.append(f"{counted(stats.unused, 'accepted warning')} in {stats.baseline} no longer occur; --update-baseline drops them")
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
        )
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
    lines: list[tuple[str, str | None]] = []
    for p in problems:
        first, *rest = problem_lines(p)
        lines.append((first, "red" if p.severity is Severity.error else "yellow"))
        lines += [(r, "dim") for r in (rest if not stats.quiet else ())]
    if not stats.quiet:
        lines.append((line, "bold red" if errors else "bold green"))
        lines += [(n, None) for n in notes]
    _print(lines)


def show_rules(rules: list[tuple[str, str, Severity, str]], fmt: str) -> None:
    if fmt == "json":
        write_json({"format_version": JSON_FORMAT_VERSION, "rules": [{"code": c, "rule": n, "severity": s.value, "summary": d} for c, n, s, d in rules]})
        return
    _print([(f"{code} {name:<30} {severity.value:<8} {summary}", None) for code, name, severity, summary in rules])


def show_problems(problems: list[Problem]) -> None:
    """Print problems on stderr, one per entry, with an excerpt of the offending line."""
    from cqsc.output.console import Text, err_console

    console = err_console()
    for p in problems:
        style = "red" if p.severity is Severity.error else "yellow"
        first, *rest = problem_lines(p)
        console.print(Text(first, style=style))
        for r in rest:
            console.print(Text(r, style="dim"))
