"""The emitters of `cqsc check`'s view (views/check.py): text, JSON or GitHub annotations.

Piped or in a file (CI, editors, `grep`) the text is written plainly, every line through
escape.visible, without importing rich; on a terminal it goes through the styled console
(render.py), in colour unless NO_COLOR says otherwise. The two give the same characters.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from cqsc.model.options import Lang
from cqsc.model.problems import Problem, Severity
from cqsc.output.settings import JSON_FORMAT_VERSION, stream_is_tty, stream_is_utf8
from cqsc.views.check import CheckView, RulesView, message, problem_lines


def write_json(data: Any) -> None:
    """JSON on stdout: the exact text, or \\u escapes where stdout cannot encode it (still the same JSON)."""
    from cqsc.output.jsonout import dumps

    sys.stdout.write(dumps(data, ascii_only=not stream_is_utf8()))


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


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


def show_check(v: CheckView, fmt: str) -> None:
    """The result of `cqsc check`: the problems are its results, so they go to stdout."""
    if fmt == "json":
        write_json({"format_version": JSON_FORMAT_VERSION, **v.json})
        return
    if fmt == "github":
        sys.stdout.write(github(v))
        return
    lines: list[tuple[str, str | None]] = []
    for p in v.problems:
        first, *rest = problem_lines(p, v.lang)
        lines.append((first, "red" if p.severity is Severity.error else "yellow"))
        lines += [(r, "dim") for r in (rest if not v.stats.quiet else ())]
    if not v.stats.quiet:
        lines.append((v.summary, "bold red" if v.errors else "bold green"))
        lines += [(n, None) for n in v.notes]
    _print(lines)


def github(v: CheckView) -> str:
    """GitHub Actions annotations, one a problem, then the summary line."""
    out = []
    for p in v.problems:
        props = [f"file={_gh_escape(p.file, prop=True)}"]
        if p.line is not None:
            props += [f"line={p.line}", f"col={p.col or 1}"]
        props.append(f"title={_gh_escape(f'{p.code} {p.name}', prop=True)}")
        out.append(f"::{p.severity.value} {','.join(props)}::{_gh_escape(message(p, v.lang))}")
    return "".join(f"{o}\n" for o in out) + v.summary + "\n"


def show_rules(v: RulesView, fmt: str) -> None:
    if fmt == "json":
        write_json({"format_version": JSON_FORMAT_VERSION, **v.json})
        return
    from cqsc.text.lang import code as word
    from cqsc.text.lang import t

    _print([(f"{code} {name:<30} {word(v.lang, severity.value):<8} {t(v.lang, summary)}", None) for code, name, severity, summary in v.rules])


def show_problems(problems: list[Problem], lang: Lang = Lang.en) -> None:
    """Print problems on stderr, one per entry, with an excerpt of the offending line."""
    from cqsc.output.console import Text, err_console

    console = err_console()
    for p in problems:
        style = "red" if p.severity is Severity.error else "yellow"
        first, *rest = problem_lines(p, lang)
        console.print(Text(first, style=style))
        for r in rest:
            console.print(Text(r, style="dim"))
