"""Golden files for every whole document cqsc writes, on the frozen data: the report (Markdown, HTML), the
check (text, JSON, GitHub), info, the site (a digest per file), the SQLite export (schema and rows) and the
OC4IDS package. Moving code must leave each byte-identical; a deliberate change regenerates them with
CQSC_UPDATE_GOLDEN=1 pytest tests/test_documents_golden.py, and the diff is reviewed like code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden" / "documents"
AS_OF = "2026-11-22"

COMMANDS = {
    "report.md": ["report", "-f", "markdown", "-o", "-", "--as-of", AS_OF],
    "report.html": ["report", "-f", "html", "-o", "-", "--as-of", AS_OF],
    "check.txt": ["check", "--as-of", AS_OF],
    "check.json": ["check", "-f", "json", "--as-of", AS_OF],
    "check-github.txt": ["check", "-f", "github", "--as-of", AS_OF],
    "info.txt": ["info"],
    "info.json": ["info", "-f", "json"],
    "oc4ids.json": ["export", "-f", "oc4ids", "-o", "-", "--as-of", AS_OF],
}


def _compare(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CQSC_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden/documents/{name}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_document(run, frozen_clone: Path, private_cache: Path, name: str):
    result = run(*COMMANDS[name], "--data-dir", "data")
    assert result.exit_code == 0, result.output
    # The cache folder is the test's own temporary one: the one part of info that is not the data's.
    _compare(name, result.stdout.replace(str(private_cache), "<cache>"))


def test_site(run, frozen_clone: Path):
    result = run("site", "-o", "public", "--as-of", AS_OF, "--data-dir", "data")
    assert result.exit_code == 0, result.output
    site = frozen_clone / "public"
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()[:16]}  {p.relative_to(site).as_posix()}"
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != ".cqsc-site"  # the marker is cqsc's bookkeeping, not a page
    ]
    _compare("site.sha256", "\n".join(lines) + "\n")


def test_sqlite_export(run, frozen_clone: Path):
    result = run("export", "-o", "out.db", "--data-dir", "data")
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(frozen_clone / "out.db")
    try:
        schema = [row[0] for row in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")]
        out = ["-- schema", *schema, "-- rows"]
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            rows = db.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()  # names from the file's own schema
            out += [f"{table}: {json.dumps(list(row), ensure_ascii=False, default=str)}" for row in rows]
    finally:
        db.close()
    _compare("sqlite.txt", "\n".join(out) + "\n")
