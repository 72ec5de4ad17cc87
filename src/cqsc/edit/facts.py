"""What a user typed for `cqsc record`, checked before it becomes a fact: text, dates, addresses, places.

Each check raises UsageError naming the option, so the command line says which value to fix.
"""

from __future__ import annotations

from typing import Any

from cqsc.model.errors import UsageError
from cqsc.model.records import Province


def refused_char(value: str) -> str | None:
    """Why ``value`` cannot go into a data file as text, or None: it holds a control character or a noncharacter.

    Raw control characters (C0, DEL, C1; NEL among them), U+FEFF, unpaired surrogates (bytes that are
    not UTF-8 on the command line) and Unicode's noncharacters have no place in a label or a name.
    """
    for i, c in enumerate(value, start=1):
        code = ord(c)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            what = "the control character"
        elif 0xD800 <= code <= 0xDFFF:
            what = "a byte that is not UTF-8, read as"
        elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            what = "the noncharacter"
        elif code == 0xFEFF:
            what = "the byte order mark"
        else:
            continue
        return f"holds {what} U+{code:04X} at character {i}; write the text without it"
    return None


def clean(value: str, option: str) -> str:
    why = refused_char(value)
    if why is not None:
        raise UsageError(why, option)
    return value


def partial_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    clean(value, option)
    from cqsc.model.records import _partial_date

    try:
        return _partial_date(value)
    except ValueError as exc:
        raise UsageError(str(exc), option) from None


def text(value: str | None, option: str) -> str | None:
    if value is not None and not value.strip():
        raise UsageError("must not be empty", option)
    return value if value is None else clean(value, option)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an address a source can have, or None: http(s), a host, no spaces or control characters."""
    import re
    from urllib.parse import urlsplit

    if not re.match(r"https?://", url, re.I) or refused_char(url) is not None or re.search(r"\s", url):
        return "is not an http(s) address (http:// or https://, then a host, with no spaces or control characters)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
        host = parts.hostname
    except ValueError as exc:
        return f"is not a well-formed address ({exc})"
    if not host or any(not label for label in host.rstrip(".").split(".")) or not re.fullmatch(r"[\w.-]+|[0-9a-f:.]+", host, re.I):
        return "has no well-formed host name after http(s)://"
    if len(url) > 2000:
        return "is longer than 2000 characters"
    return None


def source(url: str, publisher: str | None, published: str | None, title: str | None, via: str | None = None, *, hint: str = "--source") -> Any:
    import re

    from cqsc.edit.record import SourceSpec

    why = url_problem(url)
    if why is not None:
        raise UsageError(f"{url!r} {why}", hint)
    via = text(via, "--via")
    if via is not None and not re.fullmatch(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+", via):
        raise UsageError(f"{via!r} is not a host name (the repost's site, as in its address: sohu.com)", "--via")
    return SourceSpec(url, text(publisher, "--publisher"), partial_date(published, "--published"), text(title, "--title"), via)


def location(value: str) -> list[tuple[str, Any]]:
    """``PROVINCE[:PLACE...]`` as a location's fields: ``sichuan:Chengdu:Ziyang``."""
    province, *places = value.split(":")
    names = ", ".join(p.value for p in Province)
    try:
        prov = Province(province.strip().lower())
    except ValueError:
        raise UsageError(f"{province!r} is not a province: one of {names}", "--location") from None
    kept = [text(place.strip(), "--location") for place in places]
    return [("province", prov.value), ("places", kept or None)]


def amount(value: str, option: str = "--amount") -> Any:
    """An amount of 亿元 exactly as typed: a plain decimal in the data's own range (positive, plausible)."""
    import re
    from decimal import Decimal

    from cqsc.model.records import _amount

    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
        raise UsageError(f"{value!r} is not a plain decimal number of 亿元 (e.g. 692.73)", option)
    number = Decimal(value)
    try:
        _amount(number)  # the data's own range: positive, plausible, at most 6 decimal places
    except ValueError as exc:
        raise UsageError(f"out of range: {exc}", option) from None
    return number


def plan_kind(kind: Any, option: str = "--kind") -> Any:
    """A stage a plan can be for (construction start, openings, completion)."""
    from cqsc.model.records import PLAN_RANK

    if kind not in PLAN_RANK:
        raise UsageError(f"a plan is for a stage: one of {', '.join(k.value for k in PLAN_RANK)}", option)
    return kind


def project_id(value: str, option: str = "ID") -> str:
    """A new project's id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 64."""
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value) or len(value) > 64:
        raise UsageError(f"{value!r} is not an id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 64", option)
    return value


def subsector_of(subsector: Any, sector: Any, option: str = "--subsector") -> Any:
    """A subsector that belongs to the sector given."""
    from cqsc.model.records import SUBSECTOR_SECTOR

    if subsector is not None and SUBSECTOR_SECTOR[subsector] is not sector:
        raise UsageError(f"{subsector.value} is a subsector of {SUBSECTOR_SECTOR[subsector].value}, not of {sector.value}", option)
    return subsector


def data_file(name: str, option: str = "--file") -> str:
    """The data file whose sources list gets a source: projects or tasks."""
    from cqsc.model.dataset import PROJECTS_FILE, TASKS_FILE

    files = {"projects": PROJECTS_FILE, "tasks": TASKS_FILE}
    if name not in files:
        raise UsageError(f"{name!r}: one of projects, tasks", option)
    return files[name]
