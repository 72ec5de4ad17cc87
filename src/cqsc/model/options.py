"""Output choices shared by the command line and the renderers (no rich, so the CLI starts fast)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


# The format an -o FILE asks for by its extension, when --format does not say.
FORMAT_SUFFIXES = {
    ".json": Format.json, ".csv": Format.csv, ".md": Format.markdown, ".markdown": Format.markdown,
    ".html": Format.html, ".htm": Format.html, ".txt": Format.table,
}


class UnknownSuffix(ValueError):
    """An output file whose extension names no format, with no --format to say."""


def format_for(name: str, given: Format | None) -> Format:
    """The format of an output: the one given, else the file's extension; no extension is a plain table.

    An extension that names no format is refused rather than guessed (a table written into out.xlsx
    is nobody's spreadsheet).
    """
    if given is not None:
        return given
    suffix = ("." + name.rsplit(".", 1)[1].lower()) if "." in name.rsplit("/", 1)[-1] else ""
    if not suffix or name == "-":
        return Format.table
    if suffix not in FORMAT_SUFFIXES:
        known = ", ".join(f"{k} ({v.value})" for k, v in FORMAT_SUFFIXES.items())
        raise UnknownSuffix(f"{name}: no format is written as {suffix}; give --format (table, json, csv, markdown, html) or a name ending {known}")
    return FORMAT_SUFFIXES[suffix]


class CheckFormat(StrEnum):
    table = "table"  # plain lines, as every other command's table (``text`` before 0.2, still read)
    json = "json"
    github = "github"


class DisplayUnit(StrEnum):
    bn = "bn"  # 10^9 CNY
    yi = "yi"  # 亿元, 10^8 CNY


class Lang(StrEnum):
    """Names and labels: English, or Chinese where the data has them (English fallback marked "(en)")."""

    en = "en"
    zh = "zh"


@dataclass(frozen=True)
class Exporter:
    help: str
    suffixes: tuple[str, ...]  # -o FILE's extensions that choose it
    needs_file: bool  # a binary format: never stdout
    dated: bool  # takes --as-of
    metadata: bool  # takes --metadata (Datasette's metadata.json beside the file)


# Every export format, in one place: a new one is one entry here and one branch in cqsc.api.export (and its module).
EXPORTERS: dict[str, Exporter] = {
    "sqlite": Exporter("a SQLite database, one table per record type", (".db", ".sqlite", ".sqlite3"), True, False, True),
    "oc4ids": Exporter("an OC4IDS 0.9 project package (JSON)", (".json",), False, True, False),
}
