"""Every listing command speaks the same formats with the same meaning: a meta-test over them all."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cqsc.cli.app import app

LISTINGS = {
    "projects": ["projects"],
    "tasks": ["tasks"],
    "summary": ["summary"],
    "show": ["show", "kailiang-expwy"],
    "timeline": ["timeline"],
    "progress": ["progress", "--as-of", "2026-11-22"],
    "changes": ["changes", "--from", "2024", "--to", "2024"],
}
FORMATS = ["table", "json", "csv", "markdown"]


def test_the_walk_covers_every_listing_command():
    with_format = {c.name or c.callback.__name__ for c in app.registered_commands} - {"check", "report", "export", "schema", "info", "init", "site"}
    assert with_format == set(LISTINGS)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_every_command_in_every_format(run, command: str, fmt: str):
    result = run(*LISTINGS[command], "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    # A format that cannot carry every table says on stderr what it left out, and nothing else is said there.
    assert out.strip() and (result.stderr == "" or (fmt == "csv" and result.stderr.startswith("note: CSV holds")))
    if fmt == "json":
        assert isinstance(json.loads(out), dict)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
    elif fmt == "markdown":
        lines = out.splitlines()
        seps = [i for i, line in enumerate(lines) if line.startswith("|") and set(line) <= set("|-: ")]
        assert seps, out
        for i in seps:  # a header above every separator, with as many cells
            assert lines[i - 1].startswith("|") and lines[i - 1].count("|") - lines[i - 1].count("\\|") == lines[i].count("|")
    else:
        assert "\x1b[" not in out  # piped: no colour


@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_bad_format_is_a_usage_error(run, command: str):
    assert run(*LISTINGS[command], "--format", "yaml").exit_code == 2
