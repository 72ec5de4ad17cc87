"""Output choices shared by the command line and the renderers (no rich, so the CLI starts fast)."""

from __future__ import annotations

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


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class DisplayUnit(StrEnum):
    bn = "bn"  # 10^9 CNY
    yi = "yi"  # 亿元, 10^8 CNY


class Lang(StrEnum):
    """Names and labels: English, or Chinese where the data has them (English fallback marked "(en)")."""

    en = "en"
    zh = "zh"
